"""Fitbit's "Global Export Data": the JSON files of Fitbit's own export zip, and of the
`Fitbit/Global Export Data` folder Google Takeout carries since Google bought Fitbit.

Files are recognised by content; the metric is the file name's prefix, which Fitbit does
not translate (`heart_rate-2020-01-01.json` -> "fitbit.heart_rate"). Shapes:

- Time series, ``[{"dateTime": "01/31/20 23:59:30", "value": ...}]`` with MM/DD/YY dates and
  values that are strings ("72"), numbers, or objects (heart rate's {"bpm", "confidence"},
  resting heart rate's {"value", "error"}; others are kept whole in meta with value "").
- Sleep logs -> "fitbit.sleep" (value minutes asleep, stage totals in meta) and each stage
  -> "fitbit.sleep_stage" (value the stage: "deep", "rem", "wake"...).
- Exercise logs -> "fitbit.exercise" (value the activity name).
- Weight logs -> "fitbit.weight" (value the weight, in the account's unit, which the files
  do not state).

Fitbit writes no time zone into these files; times are taken as written, in UTC. Log ids,
links and device ids are left out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

from hearth.importers.base import Match
from hearth.importers.export import Entry, Export
from hearth.importers.google_takeout import (
    FITBIT_EXERCISE,
    FITBIT_SERIES,
    FITBIT_SLEEP,
    FITBIT_WEIGHT,
    entries_of,
    kind_of,
)
from hearth.importers.json_stream import (
    CountingReader,
    damage_is_bad_input,
    iso_ms,
    items,
    number,
    plausible_ms,
)
from hearth.importers.sink import MS_PER_DAY, RecordSink

NAME = "fitbit"
_SOURCE = ("Fitbit", "", "")
_METRIC = re.compile(r"^(.+?)-\d{4}-\d\d-\d\d\.json$", re.IGNORECASE)
_NOT_A_WORD = re.compile(r"\W+")
_EPOCH = date(1970, 1, 1)
_DAMAGED = (KeyError, TypeError, ValueError, AttributeError, IndexError, OverflowError)
_MAX_META_KEYS = 32


class FitbitImporter:
    name = NAME
    title = "Fitbit"
    hint = (
        "Ask for it at fitbit.com, Settings > Data export > Request data, "
        "or choose Fitbit at takeout.google.com."
    )

    def sniff(self, export: Export) -> Match | None:
        found = entries_of(export, FITBIT_SERIES, FITBIT_SLEEP, FITBIT_EXERCISE, FITBIT_WEIGHT)
        return Match(NAME, tuple(e.name for e in found)) if found else None

    def read(self, export: Export, match: Match, sink: RecordSink) -> None:
        dates = FitbitDates()
        readers: dict[str | None, Callable[[Iterator[Any], Entry], None]] = {
            FITBIT_SERIES: lambda rows, entry: _read_series(rows, entry, dates, sink),
            FITBIT_SLEEP: lambda rows, entry: _each(rows, sink, _add_sleep, "sleep log"),
            FITBIT_EXERCISE: lambda rows, entry: _each(
                rows, sink, lambda row, s: _add_exercise(row, dates, s), "exercise log"
            ),
            FITBIT_WEIGHT: lambda rows, entry: _each(
                rows, sink, lambda row, s: _add_weight(row, dates, s), "weight log"
            ),
        }
        done = 0
        for entry in export.entries_named(match.entries):
            reader = readers.get(kind_of(export, entry))
            if reader is None:
                continue
            with export.open(entry) as raw, damage_is_bad_input(entry.basename):
                reader(items(CountingReader(raw, sink.read_to, done), "item"), entry)
            done += entry.size
            sink.read_to(done)


FITBIT = FitbitImporter()


class FitbitDates:
    """Fitbit's "01/31/20 23:59:30" (or "01/31/20") to UTC milliseconds; a day's worth of
    heart rate shares one date, so each date is parsed once."""

    def __init__(self) -> None:
        self._days: dict[str, int] = {}

    def parse(self, text: str) -> int:
        if not isinstance(text, str) or len(text) not in (8, 17):
            raise ValueError("not a Fitbit date")
        day = self._days.get(text[:8])
        if day is None:
            if text[2] != "/" or text[5] != "/":
                raise ValueError("not a Fitbit date")
            month, dom, year = int(text[0:2]), int(text[3:5]), int(text[6:8])
            day = self._days[text[:8]] = (date(2000 + year, month, dom) - _EPOCH).days
        if len(text) == 8:
            return day * MS_PER_DAY
        if text[8] != " " or text[11] != ":" or text[14] != ":":
            raise ValueError("not a Fitbit time")
        hours, minutes, seconds = int(text[9:11]), int(text[12:14]), int(text[15:17])
        if hours > 23 or minutes > 59 or seconds > 60:
            raise ValueError("not a Fitbit time")
        return day * MS_PER_DAY + (hours * 3600 + minutes * 60 + seconds) * 1000


def metric_of(entry: Entry) -> str | None:
    """ "heart_rate" for `heart_rate-2020-01-01.json`; None when the name lacks it."""
    found = _METRIC.match(entry.basename)
    if not found:
        return None
    slug = _NOT_A_WORD.sub("_", found.group(1).lower()).strip("_")
    return slug or None


def _each(
    rows: Iterator[Any],
    sink: RecordSink,
    add: Callable[[dict[str, Any], RecordSink], None],
    what: str,
) -> None:
    for row in rows:
        try:
            add(row, sink)
        except _DAMAGED:
            sink.skip(f"Fitbit {what} without a readable time or value")


# ------------------------------------------------------------------ time series


def _read_series(rows: Iterator[Any], entry: Entry, dates: FitbitDates, sink: RecordSink) -> None:
    metric = metric_of(entry)
    if metric is None:
        for _ in rows:  # still read through, so damage is noticed and progress moves
            pass
        sink.skip("Fitbit file without its metric in the name")
        return
    type_name = f"fitbit.{metric}"
    for row in rows:
        try:
            at = dates.parse(row["dateTime"])
            value, meta = _series_value(row["value"])
        except _DAMAGED:
            sink.skip("Fitbit reading without a readable time or value")
            continue
        sink.add(type_name, at, at, value, source=_SOURCE, meta=meta)


def _series_value(raw: Any) -> tuple[int | float | str, dict[str, Any] | None]:
    if not isinstance(raw, dict):
        return number(raw), None
    for key in ("bpm", "value"):
        if key in raw:
            meta = {k: v for k, v in raw.items() if k not in (key, "date")}
            return number(raw[key]), meta or None
    if len(raw) > _MAX_META_KEYS:
        raise ValueError("reading too large")
    return "", raw


# ------------------------------------------------------------------ logs


def _add_sleep(log: dict[str, Any], sink: RecordSink) -> None:
    start, _ = iso_ms(log["startTime"])
    end, _ = iso_ms(log["endTime"])
    meta: dict[str, Any] = {
        ours: log[theirs]
        for ours, theirs in (
            ("minutes_awake", "minutesAwake"),
            ("minutes_to_fall_asleep", "minutesToFallAsleep"),
            ("time_in_bed", "timeInBed"),
            ("efficiency", "efficiency"),
            ("kind", "type"),
            ("main_sleep", "mainSleep"),
        )
        if isinstance(log.get(theirs), int | float | str | bool)
    }
    levels = log.get("levels") or {}
    summary = levels.get("summary") or {}
    stages = {k: v["minutes"] for k, v in summary.items() if isinstance(v, dict) and "minutes" in v}
    if stages:
        meta["stage_minutes"] = stages
    sink.add(
        "fitbit.sleep",
        start,
        end,
        number(log["minutesAsleep"]),
        source=_SOURCE,
        unit="min",
        meta=meta,
    )
    for stage in levels.get("data") or []:
        try:
            at, _ = iso_ms(stage["dateTime"])
            end = plausible_ms(at + round(number(stage["seconds"]) * 1000))
            level = stage["level"]
            if not isinstance(level, str):
                raise ValueError("no stage")
        except _DAMAGED:
            sink.skip("Fitbit sleep stage without a readable time or stage")
            continue
        sink.add("fitbit.sleep_stage", at, end, level, source=_SOURCE)


def _add_exercise(log: dict[str, Any], dates: FitbitDates, sink: RecordSink) -> None:
    start = dates.parse(log["startTime"])
    end = plausible_ms(start + round(number(log.get("duration", 0))))
    name = log["activityName"]
    if not isinstance(name, str) or not name:
        raise ValueError("no activity")
    meta = {
        ours: number(log[theirs])
        for ours, theirs in (
            ("calories", "calories"),
            ("steps", "steps"),
            ("average_heart_rate", "averageHeartRate"),
            ("distance", "distance"),
            ("active_duration_ms", "activeDuration"),
            ("elevation_gain", "elevationGain"),
        )
        if isinstance(log.get(theirs), int | float | str) and not isinstance(log[theirs], bool)
    }
    for ours, theirs in (("distance_unit", "distanceUnit"), ("log_type", "logType")):
        if isinstance(log.get(theirs), str):
            meta[ours] = log[theirs]
    sink.add("fitbit.exercise", start, end, name, source=_SOURCE, meta=meta)


def _add_weight(log: dict[str, Any], dates: FitbitDates, sink: RecordSink) -> None:
    when = log["date"] + (" " + log["time"] if log.get("time") else "")
    at = dates.parse(when)
    meta = {k: number(log[k]) for k in ("bmi", "fat") if log.get(k) is not None}
    if isinstance(log.get("source"), str):
        meta["source"] = log["source"]
    sink.add("fitbit.weight", at, at, number(log["weight"]), source=_SOURCE, meta=meta)

"""Google Fit in Google Takeout: the daily activity CSVs and the sessions' JSON.

- Per-day CSVs (`Fit/Daily activity metrics/2021-03-01.csv`): a row per quarter hour,
  "Start time,End time" as "00:15:00.000+01:00" (the date is only in the file's name, and
  dates are not translated), then one column per metric. Each non-empty cell is a record
  "google-fit.<metric>" ("Step count" -> "google-fit.step_count", "Calories (kcal)" ->
  "google-fit.calories" with unit "kcal"), its value the number.
- The summary CSV (`Daily activity metrics.csv`, a row per "Date") says the same per day, so
  it only fills in days that have no per-day file in the export; otherwise every daily total
  would count twice. Its rows have no time zone and are filed on their date in UTC.
- Sessions (`Fit/All sessions/*.json`): "google-fit.session", value the activity
  ("running"), with the duration, segments and aggregates (steps, calories...) in meta.

The per-quarter-hour latitude and longitude bounds are left out: they are location
history, which belongs to the location dataset and not to one about fitness.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Iterator
from datetime import date
from typing import IO, Any

from hearth.errors import BadInput
from hearth.importers.base import Match
from hearth.importers.export import Entry, Export
from hearth.importers.google_takeout import (
    FIT_DAILY_CSV,
    FIT_SESSION,
    FIT_SUMMARY_CSV,
    entries_of,
    kind_of,
)
from hearth.importers.json_stream import iso_ms, number, plausible_ms
from hearth.importers.sink import MS_PER_DAY, RecordSink

NAME = "google-fit"
_SOURCE = ("Google Fit", "", "")
_DATE_IN_NAME = re.compile(r"(\d{4}-\d\d-\d\d)")
_UNIT = re.compile(r"\s*\(([^)]*)\)\s*$")
_NOT_A_WORD = re.compile(r"\W+")
_LOCATION_WORDS = ("latitude", "longitude", "breitengrad", "längengrad", "laengengrad")
_MAX_SESSION_BYTES = 16 * 1024 * 1024  # sessions are a few kB; more is not a session
_EPOCH = date(1970, 1, 1)


class GoogleFitImporter:
    name = NAME
    title = "Google Fit"
    hint = "Ask for it at takeout.google.com and select Fit."

    def sniff(self, export: Export) -> Match | None:
        found = entries_of(export, FIT_DAILY_CSV, FIT_SUMMARY_CSV, FIT_SESSION)
        return Match(NAME, tuple(e.name for e in found)) if found else None

    def read(self, export: Export, match: Match, sink: RecordSink) -> None:
        entries = export.entries_named(match.entries)
        kinds = {e.name: kind_of(export, e) for e in entries}
        days_with_detail = {
            day for e in entries if kinds[e.name] == FIT_DAILY_CSV and (day := _day_of(e))
        }
        done = 0
        for entry in entries:
            kind = kinds[entry.name]
            with export.open(entry) as stream:
                if kind == FIT_DAILY_CSV:
                    _read_daily(stream, entry, sink)
                elif kind == FIT_SUMMARY_CSV:
                    _read_summary(stream, entry, days_with_detail, sink)
                elif kind == FIT_SESSION:
                    _read_session(stream, entry, sink)
            done += entry.size
            sink.read_to(done)


GOOGLE_FIT = GoogleFitImporter()


# ------------------------------------------------------------------ CSVs


class _Metric:
    """One CSV column: its record type and unit, or None for columns not imported."""

    def __init__(self, header: str) -> None:
        unit_match = _UNIT.search(header)
        self.unit = unit_match.group(1) if unit_match else None
        bare = _UNIT.sub("", header)
        slug = _NOT_A_WORD.sub("_", unicodedata.normalize("NFKC", bare).lower()).strip("_")
        is_location = any(word in slug for word in _LOCATION_WORDS) or self.unit == "deg"
        self.type_name = f"google-fit.{slug}" if slug and not is_location else None


def _day_of(entry: Entry) -> date | None:
    found = _DATE_IN_NAME.search(entry.basename)
    if not found:
        return None
    try:
        return date.fromisoformat(found.group(1))
    except ValueError:
        return None


def _csv_rows(stream: IO[bytes], entry: Entry) -> Iterator[list[str]]:
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    try:
        yield from csv.reader(text)
    except UnicodeDecodeError:
        raise BadInput(f"{entry.basename} is not UTF-8 text; nothing was imported.") from None
    except csv.Error:
        raise BadInput(
            f"{entry.basename} is not a readable CSV file; nothing was imported."
        ) from None


def _read_daily(stream: IO[bytes], entry: Entry, sink: RecordSink) -> None:
    day = _day_of(entry)
    if day is None:
        sink.skip("Google Fit day file without its date in the name")
        return
    rows = _csv_rows(stream, entry)
    metrics = [_Metric(h) for h in next(rows, [])[2:]]
    for row in rows:
        if not any(cell.strip() for cell in row):
            continue
        try:
            start, offset = iso_ms(f"{day.isoformat()}T{row[0]}")
            end, _ = iso_ms(f"{day.isoformat()}T{row[1]}")
        except (ValueError, IndexError):
            sink.skip("Google Fit row without a readable time")
            continue
        if end <= start:  # the day's last quarter ends at the next day's midnight
            end += MS_PER_DAY
        _add_cells(row[2:], metrics, start, end, offset, sink)


def _read_summary(
    stream: IO[bytes], entry: Entry, days_with_detail: set[date], sink: RecordSink
) -> None:
    rows = _csv_rows(stream, entry)
    metrics = [_Metric(h) for h in next(rows, [])[1:]]
    for row in rows:
        if not any(cell.strip() for cell in row):
            continue
        try:
            day = date.fromisoformat(row[0].strip())
            start = plausible_ms((day - _EPOCH).days * MS_PER_DAY)
        except ValueError:
            sink.skip("Google Fit summary row without a readable date")
            continue
        if day in days_with_detail:
            continue
        _add_cells(row[1:], metrics, start, start + MS_PER_DAY, 0, sink)


def _add_cells(
    cells: list[str], metrics: list[_Metric], start: int, end: int, offset: int, sink: RecordSink
) -> None:
    if len(cells) > len(metrics):
        sink.skip("Google Fit row with more cells than columns")
        return
    for cell, metric in zip(cells, metrics, strict=False):
        if metric.type_name is None or not cell.strip():
            continue
        try:
            value = number(cell)
        except ValueError:
            sink.skip("Google Fit cell that is not a number")
            continue
        sink.add(
            metric.type_name,
            start,
            end,
            value,
            source=_SOURCE,
            unit=metric.unit,
            offset_minutes=offset,
        )


# ------------------------------------------------------------------ sessions


def _read_session(stream: IO[bytes], entry: Entry, sink: RecordSink) -> None:
    raw = stream.read(_MAX_SESSION_BYTES + 1)
    if len(raw) > _MAX_SESSION_BYTES:
        sink.skip("Google Fit session file too large to be a session")
        return
    try:
        session = json.loads(raw.decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError):
        raise BadInput(
            f"{entry.basename} is truncated or is not valid JSON; nothing was imported."
        ) from None
    try:
        _add_session(session, sink)
    except (KeyError, TypeError, ValueError, AttributeError, OverflowError):
        sink.skip("Google Fit session without a readable activity or time")


def _add_session(session: dict[str, Any], sink: RecordSink) -> None:
    start, offset = iso_ms(session["startTime"])
    end, _ = iso_ms(session["endTime"])
    activity = session["fitnessActivity"]
    if not isinstance(activity, str) or not activity:
        raise ValueError("no activity")
    meta: dict[str, Any] = {}
    duration = session.get("duration")
    if isinstance(duration, str) and duration.endswith("s"):
        meta["duration_s"] = number(duration[:-1])
    aggregates: dict[str, Any] = {}
    for aggregate in session.get("aggregate") or []:
        metric = str(aggregate.get("metricName", "")).removeprefix("com.google.")
        for key in ("floatValue", "intValue"):
            if metric and key in aggregate:
                aggregates[metric] = number(aggregate[key])
    if aggregates:
        meta["aggregates"] = aggregates
    segments = [
        {"activity": s.get("fitnessActivity"), "start": s.get("startTime"), "end": s.get("endTime")}
        for s in session.get("segment") or []
        if isinstance(s, dict)
    ]
    if segments:
        meta["segments"] = segments
    sink.add(
        "google-fit.session", start, end, activity, source=_SOURCE, meta=meta, offset_minutes=offset
    )

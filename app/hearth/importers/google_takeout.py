"""Google Takeout: what each file in a Takeout zip or folder is, and Chrome's history.

Google translates Takeout's folder and file names ("Standortverlauf", "Chrome/Verlauf"...),
so every file is recognised by its first bytes, never by its name. One Takeout holds
several sources that a person thinks of (and licenses) separately, so each gets its own
importer and dataset: Chrome history (here), Location History and the phone's Timeline
(`takeout_location`), Google Fit (`takeout_fit`) and Fitbit (`fitbit`). They share
`kind_of`, which looks at each file once per export.
"""

from __future__ import annotations

import csv
import io
import re
import weakref
from typing import Any

from hearth.importers.base import Match
from hearth.importers.export import Entry, Export
from hearth.importers.json_stream import CountingReader, damage_is_bad_input, items, millis
from hearth.importers.sink import RecordSink

# The kinds of file `kind_of` tells apart.
CHROME_HISTORY = "chrome-history"
LOCATION_RECORDS = "location-records"
SEMANTIC_LOCATIONS = "semantic-locations"
TIMELINE_ANDROID = "timeline-android"
TIMELINE_IOS = "timeline-ios"
FIT_DAILY_CSV = "fit-daily-csv"
FIT_SUMMARY_CSV = "fit-summary-csv"
FIT_SESSION = "fit-session"
FITBIT_SERIES = "fitbit-series"
FITBIT_SLEEP = "fitbit-sleep"
FITBIT_EXERCISE = "fitbit-exercise"
FITBIT_WEIGHT = "fitbit-weight"

_OBJECT_KEY = r'^\{\s*"%s"\s*:\s*\['
_CHROME = re.compile(_OBJECT_KEY % "Browser History")
_RECORDS = re.compile(_OBJECT_KEY % "locations")
_RECORDS_EMPTY = re.compile(r'^\{\s*"locations"\s*:\s*\[\s*\]')
_SEMANTIC = re.compile(_OBJECT_KEY % "timelineObjects")
_ANDROID = re.compile(r'^\{\s*"(semanticSegments|rawSignals)"\s*:\s*\[')
_LIST_OF_OBJECTS = re.compile(r"^\[\s*\{")
_IOS_TIME = re.compile(r'"(startTime|endTime)"\s*:\s*"\d{4}-\d\d-\d\dT')
_IOS_SEGMENT = re.compile(r'"(visit|activity|timelinePath|timelineMemory)"\s*:')
_FITBIT_SERIES = re.compile(r'^\[\s*\{\s*"dateTime"\s*:\s*"\d\d/\d\d/\d\d \d\d:\d\d:\d\d"')
_FITBIT_LOG = re.compile(r'^\[\s*\{\s*"logId"\s*:')
_FIT_TIME = re.compile(r"^\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$")
_DATE = re.compile(r"^\d{4}-\d\d-\d\d$")
_NUMBER_OR_EMPTY = re.compile(r"^\s*(-?\d+(\.\d+)?)?\s*$")
# English headers of the Fit summary; other languages are recognised beside daily files.
_FIT_SUMMARY_COLUMNS = {"Move Minutes count", "Calories (kcal)", "Step count", "Heart Points"}

_kinds: weakref.WeakKeyDictionary[Export, dict[str, str | None]] = weakref.WeakKeyDictionary()


def kind_of(export: Export, entry: Entry) -> str | None:
    """What ``entry`` is (one of the kinds above), judged by its first bytes; None if it is
    nothing these importers read. Each file is looked at once per export."""
    seen = _kinds.setdefault(export, {})
    if entry.name not in seen:
        seen[entry.name] = None  # while sniffing: a summary CSV asks about its neighbours
        seen[entry.name] = _sniff(export, entry)
    return seen[entry.name]


def entries_of(export: Export, *kinds: str) -> list[Entry]:
    """The entries of ``export`` of the given kinds, in the export's order."""
    return [
        e for e in export.entries if e.suffix in (".json", ".csv") and kind_of(export, e) in kinds
    ]


def _sniff(export: Export, entry: Entry) -> str | None:
    if entry.suffix == ".json":
        return _json_kind(_text(export.head(entry)))
    if entry.suffix == ".csv":
        return _csv_kind(export, entry, _text(export.head(entry)))
    return None


def _text(head: bytes) -> str:
    return head.removeprefix(b"\xef\xbb\xbf").decode("utf-8", "replace").lstrip()


def _json_kind(text: str) -> str | None:
    if text.startswith("{"):
        if _CHROME.match(text):
            return CHROME_HISTORY
        if _RECORDS.match(text) and (
            '"latitudeE7"' in text or '"timestamp' in text or _RECORDS_EMPTY.match(text)
        ):
            return LOCATION_RECORDS
        if _SEMANTIC.match(text):
            return SEMANTIC_LOCATIONS
        if _ANDROID.match(text):
            return TIMELINE_ANDROID
        if '"fitnessActivity"' in text and '"startTime"' in text and '"endTime"' in text:
            return FIT_SESSION
        return None
    if not _LIST_OF_OBJECTS.match(text):
        return None
    if _FITBIT_SERIES.match(text):
        return FITBIT_SERIES
    if _FITBIT_LOG.match(text):
        if '"dateOfSleep"' in text:
            return FITBIT_SLEEP
        if '"activityName"' in text:
            return FITBIT_EXERCISE
        if '"weight"' in text and '"date"' in text:
            return FITBIT_WEIGHT
        return None
    if _IOS_TIME.search(text) and _IOS_SEGMENT.search(text):
        return TIMELINE_IOS
    return None


def _csv_kind(export: Export, entry: Entry, text: str) -> str | None:
    try:
        rows = list(csv.reader(io.StringIO(text)))
    except csv.Error:
        return None
    if len(rows) < 2 or len(rows[0]) < 3 or len(rows[1]) < 2:
        return None
    header, first = rows[0], rows[1]
    if _FIT_TIME.match(first[0]) and _FIT_TIME.match(first[1]):
        return FIT_DAILY_CSV
    if (
        _DATE.match(first[0])
        and all(_NUMBER_OR_EMPTY.match(cell) for cell in first[1:])
        and (_FIT_SUMMARY_COLUMNS & set(header) or _beside_fit_day_files(export, entry))
    ):
        return FIT_SUMMARY_CSV
    return None


def _beside_fit_day_files(export: Export, entry: Entry) -> bool:
    """Whether ``entry`` shares its folder with Fit's per-day CSVs, as the summary does."""
    folder = entry.name.rpartition("/")[0]
    return any(
        e.name.rpartition("/")[0] == folder
        and e.name != entry.name
        and e.suffix == ".csv"
        and _DATE.match(e.basename[:-4])
        and kind_of(export, e) == FIT_DAILY_CSV
        for e in export.entries
    )


# ------------------------------------------------------------------ Chrome history

CHROME_NAME = "google-chrome"
_CHROME_SOURCE = ("Chrome (Google Takeout)", "", "")


class ChromeTakeoutImporter:
    """`Chrome/BrowserHistory.json`: ``{"Browser History": [{"url", "title", "time_usec"}]}``.

    One "browser.visit" per visit, value the URL, at its Unix-microseconds time. The sync
    ``client_id`` (an identifier of the browser install) and the favicon are left out.
    """

    name = CHROME_NAME
    title = "Chrome history (Google Takeout)"
    hint = "Ask for it at takeout.google.com and select Chrome: the zip holds BrowserHistory.json."

    def sniff(self, export: Export) -> Match | None:
        found = entries_of(export, CHROME_HISTORY)
        return Match(CHROME_NAME, tuple(e.name for e in found)) if found else None

    def read(self, export: Export, match: Match, sink: RecordSink) -> None:
        done = 0
        for entry in export.entries_named(match.entries):
            with export.open(entry) as raw, damage_is_bad_input(entry.basename):
                stream = CountingReader(raw, sink.read_to, done)
                for visit in items(stream, "Browser History.item"):
                    _add_visit(visit, sink)
            done += entry.size
            sink.read_to(done)


def _add_visit(visit: Any, sink: RecordSink) -> None:
    try:
        url = visit["url"]
        at = millis(visit["time_usec"], per_ms=1000)
        if not isinstance(url, str) or not url:
            raise ValueError("no url")
    except (KeyError, TypeError, ValueError, OverflowError):
        sink.skip("Chrome visit without a URL or time")
        return
    meta: dict[str, Any] = {}
    if isinstance(visit.get("title"), str) and visit["title"]:
        meta["title"] = visit["title"]
    if isinstance(visit.get("page_transition"), str):
        meta["transition"] = visit["page_transition"]
    sink.add("browser.visit", at, at, url, source=_CHROME_SOURCE, meta=meta)


CHROME_TAKEOUT = ChromeTakeoutImporter()

"""Netflix viewing history: `ViewingActivity.csv` from "Download your personal information"
(every profile, with start times and durations) and `NetflixViewingHistory.csv` from one
profile's "Viewing activity" page (titles and dates only).

Each viewing is a `netflix.view` record whose value is the title. `ViewingActivity.csv`
times are UTC; a viewing lasts its Duration. Trailers and previews that played while the
person browsed (a "Supplemental Video Type" such as TRAILER or HOOK) are kept, flagged in
meta as `supplemental`, so they can be told apart without losing them.

Profiles are named after people, and a name must not travel into a data package. A
profile's records get the source "Netflix profile 1a2b3c4d": a short hash of its name,
stable across exports so a newer export merges into the same records. It is a pseudonym,
not a secret: someone who guesses the name can check the guess.

`NetflixViewingHistory.csv` writes dates in the account's locale ("1/31/23", "31/01/2023",
"31.01.23", "2023/01/31"). The file is read twice: first to learn the order of day and month
from any date that shows it (a first number over 12 is a day); when none does, "/" with a
two-digit year is read the American way (month first) and every other form day first. Such a
viewing spans its whole UTC day, source "Netflix" (the file does not say which profile).
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

from hearth.errors import BadInput
from hearth.importers.base import Match
from hearth.importers.export import Entry, Export, iter_lines
from hearth.importers.sink import MS_PER_DAY, RecordSink
from hearth.vault.records import SourceLabel

NAME = "netflix"
VIEW = "netflix.view"
TITLES_SOURCE: SourceLabel = ("Netflix", "", "")
_EPOCH = date(1970, 1, 1)
_ACTIVITY_COLUMNS = {"Profile Name", "Start Time", "Duration", "Title"}
_TITLES_COLUMNS = ["Title", "Date"]
_DATE = re.compile(r"^\s*(\d{1,4})([./-])(\d{1,2})\2(\d{1,4})\s*$")
_DURATION = re.compile(r"^(\d{1,3}):([0-5]\d):([0-5]\d)$")
_ACTIVITY_META = {
    "Attributes": "attributes",
    "Supplemental Video Type": "supplemental",
    "Device Type": "device",
    "Bookmark": "bookmark",
    "Latest Bookmark": "latest_bookmark",
    "Country": "country",
}


class NetflixImporter:
    name = NAME
    title = "Netflix"
    hint = (
        "Ask for it on netflix.com: Account, 'Download your personal information' "
        "(ViewingActivity.csv), or a profile's 'Viewing activity' page, 'Download all'."
    )

    def sniff(self, export: Export) -> Match | None:
        found = [(e.name, kind) for e in export.entries if (kind := csv_kind(export.head(e)))]
        if not found:
            return None
        sure = any(kind == "activity" for _name, kind in found)
        # "Title,Date" alone is a plain header: a good guess, not a certainty.
        return Match(NAME, tuple(name for name, _kind in found), 100 if sure else 70)

    def read(self, export: Export, match: Match, sink: RecordSink) -> None:
        done = 0
        for entry in export.entries_named(match.entries):
            if csv_kind(export.head(entry)) == "activity":
                _read_activity(export, entry, sink)
            else:
                _read_titles(export, entry, sink)
            done += entry.size
            sink.read_to(done)


NETFLIX = NetflixImporter()


def csv_kind(head: bytes) -> str | None:
    """ "activity" (ViewingActivity.csv), "titles" (NetflixViewingHistory.csv) or None."""
    try:
        text = head.decode("utf-8-sig", errors="strict")
    except UnicodeDecodeError:
        # The head may end inside a multi-byte character; the lines before it are enough.
        text = head[: head.rfind(b"\n") + 1].decode("utf-8-sig", errors="replace")
    lines = text.splitlines()
    if not lines:
        return None
    try:
        header = next(csv.reader([lines[0]]))
    except (csv.Error, StopIteration):
        return None
    if set(header) >= _ACTIVITY_COLUMNS:
        return "activity"
    if header == _TITLES_COLUMNS:
        rows = [row for row in csv.reader(lines[1:4]) if row]
        if all(len(row) == 2 and _DATE.match(row[1]) for row in rows[:-1] or rows):
            return "titles"
    return None


def _rows(export: Export, entry: Entry) -> Iterator[tuple[dict[str, str], bool]]:
    """Each row as a dict, and whether it is the last one (a short last row means the file
    was cut off)."""
    with export.open(entry) as stream:
        try:
            reader = csv.DictReader(iter_lines(stream))
            previous = next(reader, None)
            for row in reader:
                yield previous or {}, False
                previous = row
            if previous is not None:
                yield previous, True
        except BadInput:
            raise BadInput(f"{entry.name} is not UTF-8 text; nothing was imported.") from None
        except csv.Error:
            raise BadInput(
                f"{entry.name} is not a readable CSV file; nothing was imported."
            ) from None


def _complete(row: dict[str, Any], last: bool, entry: Entry, sink: RecordSink) -> bool:
    if None not in row.values():
        return True
    if last:
        raise BadInput(
            f"{entry.name} ends in the middle of a row (cut off?); nothing was imported."
        )
    sink.skip("Netflix row with missing columns")
    return False


# ------------------------------------------------------------------ ViewingActivity.csv


def profile_source(profile: str) -> SourceLabel:
    """The source for a profile's records: a pseudonym, never the profile's name."""
    if not profile:
        return TITLES_SOURCE
    digest = hashlib.sha256(b"netflix-profile\0" + profile.encode("utf-8")).hexdigest()
    return (f"Netflix profile {digest[:8]}", "", "")


def _read_activity(export: Export, entry: Entry, sink: RecordSink) -> None:
    sources: dict[str, SourceLabel] = {}
    for row, last in _rows(export, entry):
        if not _complete(row, last, entry, sink):
            continue
        start = _start_ms(row.get("Start Time", ""))
        duration = _duration_ms(row.get("Duration", ""))
        title = (row.get("Title") or "").strip()
        if start is None or duration is None or not title:
            sink.skip("Netflix viewing without a title, start time or duration")
            continue
        profile = (row.get("Profile Name") or "").strip()
        source = sources.get(profile)
        if source is None:
            source = sources[profile] = profile_source(profile)
        meta = {key: row[column] for column, key in _ACTIVITY_META.items() if row.get(column)}
        sink.add(VIEW, start, start + duration, title, source=source, meta=meta or None)


def _start_ms(text: str) -> int | None:
    try:
        moment = datetime.strptime(text.strip(), "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
    except ValueError:
        return None
    return int(moment.timestamp()) * 1000


def _duration_ms(text: str) -> int | None:
    found = _DURATION.match(text.strip())
    if found is None:
        return None
    hours, minutes, seconds = (int(part) for part in found.groups())
    return ((hours * 60 + minutes) * 60 + seconds) * 1000


# ------------------------------------------------------------------ NetflixViewingHistory.csv


def _read_titles(export: Export, entry: Entry, sink: RecordSink) -> None:
    day_first = _day_first(export, entry)
    for row, last in _rows(export, entry):
        if not _complete(row, last, entry, sink):
            continue
        title = (row.get("Title") or "").strip()
        day = _date(row.get("Date", ""), day_first)
        if day is None or not title:
            sink.skip("Netflix viewing without a title or a readable date")
            continue
        start = (day - _EPOCH).days * MS_PER_DAY
        sink.add(VIEW, start, start + MS_PER_DAY - 1, title, source=TITLES_SOURCE)


def _day_first(export: Export, entry: Entry) -> bool:
    """Whether the file's dates put the day before the month (see the module docstring)."""
    day_first = month_first = False
    form: tuple[str, int] | None = None
    for row, _last in _rows(export, entry):
        found = _DATE.match(row.get("Date") or "")
        if found is None:
            continue
        first, separator, second, year = found.groups()
        if len(first) == 4:
            return False  # year first: year/month/day
        form = form or (separator, len(year))
        day_first = day_first or int(first) > 12
        month_first = month_first or int(second) > 12
    if day_first and month_first:
        raise BadInput(f"{entry.name} mixes day-first and month-first dates; nothing was imported.")
    if day_first or month_first:
        return day_first
    return form != ("/", 2)


def _date(text: str, day_first: bool) -> date | None:
    found = _DATE.match(text)
    if found is None:
        return None
    first, _separator, second, third = found.groups()
    if len(first) == 4:
        year, month, day = int(first), int(second), int(third)
    else:
        year = int(third) + (2000 if len(third) <= 2 else 0)
        day, month = (int(first), int(second)) if day_first else (int(second), int(first))
    try:
        return date(year, month, day)
    except ValueError:
        return None

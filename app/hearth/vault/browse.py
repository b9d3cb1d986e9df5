"""Reading a dataset back: a summary from the daily rollups, and rows by position.

Both stay fast on millions of records. The summary reads only `daily_rollups` (one row per
type and day). `RecordBrowser` gives row N of a record type without scanning the N rows
before it: the rollups' per-day counts say which day holds row N, and only that day's
records are read, so a table can jump to any row of a five-million-row dataset at once.
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass
from datetime import date
from operator import itemgetter
from typing import Any

from hearth.vault.database import Connection

_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


@dataclass(frozen=True)
class TypeSummary:
    """One record type in a dataset: how many, over which days, and the daily series."""

    type_id: int
    name: str
    count: int
    first_day: date
    last_day: date
    # (day, count, total or None) per day that has records, oldest first
    series: list[tuple[date, int, float | None]]


def day_to_date(day: int) -> date:
    """The calendar date of a day number (days since 1970-01-01)."""
    return date.fromordinal(_EPOCH_ORDINAL + day)


class _Dates(dict[int, date]):
    """Day number -> `date`, each made once and then shared by every type's series: a long
    history has thousands of days but tens of types a day, and a lookup costs less than
    making a date."""

    def __missing__(self, day: int) -> date:
        made = self[day] = day_to_date(day)
        return made


def summarize(conn: Connection, dataset_id: int) -> list[TypeSummary]:
    """Counts and the daily series of every record type in the dataset, most records first.

    Its cost follows the number of rollup rows (types x days), not of records: each row
    becomes one tuple of the series, so the loop below does as little as it can per row
    (type names are read apart rather than joined to every row, dates are shared)."""
    rows = conn.execute(
        "SELECT type_id, day, count, total FROM daily_rollups WHERE dataset_id = ? "
        "ORDER BY type_id, day",
        (dataset_id,),
    )
    # Read after the rollups' query has begun, so every type they name is here (an import
    # adds a type in the transaction that adds its rollups, and types are never removed).
    names = dict(conn.execute("SELECT id, name FROM record_types").fetchall())
    dates = _Dates()
    summaries = []
    for type_id, group in itertools.groupby(rows, key=itemgetter(0)):
        series = [(dates[day], count, total) for _, day, count, total in group]
        summaries.append(
            TypeSummary(
                type_id=type_id,
                name=names[type_id],
                count=sum(map(itemgetter(1), series)),
                first_day=series[0][0],
                last_day=series[-1][0],
                series=series,
            )
        )
    summaries.sort(key=lambda s: (-s.count, s.name))
    return summaries


COLUMNS = ("start_ms", "end_ms", "value", "unit", "source", "device", "lat", "lng", "meta")


class RecordBrowser:
    """Rows of one record type in key order (by day, then start time), by position."""

    def __init__(self, conn: Connection, dataset_id: int, type_id: int) -> None:
        self._conn = conn
        self._dataset_id = dataset_id
        self._type_id = type_id
        days = conn.execute(
            "SELECT day, count FROM daily_rollups WHERE dataset_id = ? AND type_id = ? "
            "ORDER BY day",
            (dataset_id, type_id),
        ).fetchall()
        self._days = [d for d, _ in days]
        # _starts[i] is the position of the first row of self._days[i]
        self._starts = [0, *itertools.accumulate(c for _, c in days)]

    @property
    def count(self) -> int:
        return int(self._starts[-1])

    def rows(self, first: int, limit: int) -> list[tuple[Any, ...]]:
        """Up to ``limit`` rows starting at position ``first``, as `COLUMNS`."""
        found: list[tuple[Any, ...]] = []
        if first < 0 or first >= self.count:
            return found
        index = bisect.bisect_right(self._starts, first) - 1
        offset = first - self._starts[index]
        while len(found) < limit and index < len(self._days):
            found += self._conn.execute(
                "SELECT r.start_ms, r.end_ms, r.value, r.unit, s.name, s.device, r.lat, r.lng, "
                "r.meta FROM records r JOIN record_sources s ON s.id = r.source_id "
                "WHERE r.dataset_id = ? AND r.type_id = ? AND r.day = ? "
                "ORDER BY r.start_ms, r.end_ms, r.source_id, r.value LIMIT ? OFFSET ?",
                (
                    self._dataset_id,
                    self._type_id,
                    self._days[index],
                    limit - len(found),
                    offset,
                ),
            ).fetchall()
            index += 1
            offset = 0
        return found

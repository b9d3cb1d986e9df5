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
from typing import Any

from hearth.vault.database import Connection

_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


@dataclass(frozen=True)
class TypeSummary:
    """One record type in a dataset: how many, over which days, and whether they are numbers
    (then totals and averages mean something). Its daily series is `daily_series`."""

    type_id: int
    name: str
    count: int
    first_day: date
    last_day: date
    has_numbers: bool


def day_to_date(day: int) -> date:
    """The calendar date of a day number (days since 1970-01-01)."""
    return date.fromordinal(_EPOCH_ORDINAL + day)


def summarize(conn: Connection, dataset_id: int) -> list[TypeSummary]:
    """Every record type in the dataset with its count and days, most records first.

    Summed by SQLite over the rollups (one row per type and day) without a row of them
    reaching Python: a long history has hundreds of thousands of type-days, and turning each
    into a tuple cost more than the 100 ms a page may take. A type's days come from
    `daily_series` when it is shown."""
    rows = conn.execute(
        "SELECT r.type_id, t.name, sum(r.count), min(r.day), max(r.day), count(r.total) "
        "FROM daily_rollups r JOIN record_types t ON t.id = r.type_id "
        "WHERE r.dataset_id = ? GROUP BY r.type_id",
        (dataset_id,),
    ).fetchall()
    summaries = [
        TypeSummary(type_id, name, count, day_to_date(first), day_to_date(last), totals > 0)
        for type_id, name, count, first, last, totals in rows
    ]
    summaries.sort(key=lambda s: (-s.count, s.name))
    return summaries


def daily_series(
    conn: Connection, dataset_id: int, type_id: int
) -> list[tuple[date, int, float | None]]:
    """(day, count, total or None) for each day a record type has records, oldest first."""
    rows = conn.execute(
        "SELECT day, count, total FROM daily_rollups WHERE dataset_id = ? AND type_id = ? "
        "ORDER BY day",
        (dataset_id, type_id),
    )
    return [(day_to_date(day), count, total) for day, count, total in rows]


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

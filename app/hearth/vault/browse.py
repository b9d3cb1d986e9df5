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
from datetime import date, timedelta
from typing import Any

from hearth.vault.database import Connection

_EPOCH = date(1970, 1, 1)


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
    return _EPOCH + timedelta(days=day)


def summarize(conn: Connection, dataset_id: int) -> list[TypeSummary]:
    """Counts and the daily series of every record type in the dataset, most records first."""
    rows = conn.execute(
        "SELECT r.type_id, t.name, r.day, r.count, r.total FROM daily_rollups r "
        "JOIN record_types t ON t.id = r.type_id WHERE r.dataset_id = ? ORDER BY r.type_id, r.day",
        (dataset_id,),
    ).fetchall()
    summaries = []
    for (type_id, name), group in itertools.groupby(rows, key=lambda r: (r[0], r[1])):
        days = list(group)
        summaries.append(
            TypeSummary(
                type_id=type_id,
                name=name,
                count=sum(d[3] for d in days),
                first_day=day_to_date(days[0][2]),
                last_day=day_to_date(days[-1][2]),
                series=[(day_to_date(d[2]), d[3], d[4]) for d in days],
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

"""Writing imported records into the vault, all or nothing.

An `ImportWriter` works on its own connection inside one transaction: the dataset, the
import row, the records and the daily rollups appear together at `commit`, or not at all
(a crash, a kill or `rollback`). Readers on other connections keep seeing the vault as it was
meanwhile (WAL), so the app stays usable during an import.

Rows arrive already in the table's column order with interned type and source ids, so the
hot path is one `executemany` per batch (see `hearth.importers.pipeline` for who produces
them and why), then the batch folded into the daily rollups (`hearth.vault.rollups`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from hearth.vault import audit
from hearth.vault.database import Connection
from hearth.vault.rollups import DailyRollups

# (type_id, day, start_ms, end_ms, source_id, value, unit, lat, lng, meta); NULL may be written
# as a placeholder (see _INSERT_ROWS).
Row = tuple[Any, ...]
SourceLabel = tuple[str, str, str]  # (name, version, device)


@dataclass(frozen=True)
class Labels:
    """The interned names already in the vault, so a parser can number new ones itself."""

    types: dict[str, int]
    sources: dict[SourceLabel, int]


class AlreadyImported(Exception):  # a signal for the pipeline, not an error for the user
    """This exact file is already in the dataset; carries what it held."""

    def __init__(self, dataset_id: int, records: int, skipped: int) -> None:
        super().__init__(dataset_id)
        self.result = ImportResult(dataset_id, 0, records, skipped, already_imported=True)


@dataclass(frozen=True)
class ImportResult:
    dataset_id: int
    added: int
    duplicates: int
    skipped: int
    already_imported: bool = False


def read_labels(conn: Connection) -> Labels:
    types = {name: id_ for id_, name in conn.execute("SELECT id, name FROM record_types")}
    sources = {
        (name, version, device): id_
        for id_, name, version, device in conn.execute(
            "SELECT id, name, version, device FROM record_sources"
        )
    }
    return Labels(types, sources)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


# A row may say NULL with a placeholder instead of None, which the driver binds slowly (see
# `hearth.importers.sink`): 0 for `unit` and `meta` (text when present, and a number is never
# equal to text in SQLite) and '' for `lat` and `lng` (numbers when present).
_INSERT_ROWS = (
    "INSERT OR IGNORE INTO records (dataset_id, import_id, type_id, day, start_ms, end_ms, "
    "source_id, value, unit, lat, lng, meta) "
    "VALUES ({dataset_id:d}, {import_id:d}, ?, ?, ?, ?, ?, ?, NULLIF(?, 0), NULLIF(?, ''), "
    "NULLIF(?, ''), NULLIF(?, 0))"
)


class ImportWriter:
    """One import's transaction on a connection of its own, which it closes when done.

    Use `labels` to number new names, `add_labels`/`add_rows` per batch, then `commit` (or
    `rollback`, which is also what a crash amounts to).
    """

    def __init__(
        self,
        conn: Connection,
        *,
        member_id: int,
        actor: str,
        source: str,
        title: str,
        file_name: str,
        sha256: str,
        importer: str,
    ) -> None:
        self._conn = conn
        self._actor = actor
        self._member_id = member_id
        self._file_name = file_name
        self._sha256 = sha256
        self._importer = importer
        self.seen = 0
        self.added = 0
        # SQLite's stock 2 MB page cache, not this build's 8 MB: rows arrive in key order,
        # so an import only touches the right-hand edge of the records tree (and of the
        # stretch of it an overlapping export shares); 1M records took as long, in 6 MB less.
        conn.execute("PRAGMA cache_size = -2000")  # in KiB
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Read inside the write transaction: no other writer can number a name meanwhile.
            self.labels = read_labels(conn)
            row = conn.execute(
                "SELECT id FROM datasets WHERE member_id = ? AND source = ?", (member_id, source)
            ).fetchone()
            if row:
                self.dataset_id = int(row[0])
            else:
                cursor = conn.execute(
                    "INSERT INTO datasets (member_id, title, source, created_at) "
                    "VALUES (?, ?, ?, ?)",
                    (member_id, title, source, audit.now_iso()),
                )
                assert cursor.lastrowid is not None
                self.dataset_id = cursor.lastrowid
            earlier = conn.execute(
                "SELECT added + duplicates, skipped FROM imports "
                "WHERE dataset_id = ? AND sha256 = ?",
                (self.dataset_id, sha256),
            ).fetchone()
            if earlier:
                raise AlreadyImported(self.dataset_id, int(earlier[0]), int(earlier[1]))
            # The import row is completed at commit; its id tags every record it adds.
            cursor = conn.execute(
                "INSERT INTO imports (dataset_id, file_name, sha256, importer, finished_at, "
                "added, duplicates, skipped) VALUES (?, ?, ?, ?, '', 0, 0, 0)",
                (self.dataset_id, file_name, sha256, importer),
            )
            assert cursor.lastrowid is not None
            self.import_id = cursor.lastrowid
        except BaseException:
            self.rollback()
            raise
        self._rollups = DailyRollups(conn, self.dataset_id)
        # Both ids are integers we made: safe to inline, and it keeps the per-row tuple short.
        self._insert = _INSERT_ROWS.format(dataset_id=self.dataset_id, import_id=self.import_id)

    def add_labels(
        self, types: Iterable[tuple[int, str]], sources: Iterable[tuple[int, SourceLabel]]
    ) -> None:
        """Record names the parser numbered since the last batch."""
        self._conn.executemany("INSERT INTO record_types (id, name) VALUES (?, ?)", types)
        self._conn.executemany(
            "INSERT INTO record_sources (id, name, version, device) VALUES (?, ?, ?, ?)",
            ((id_, *label) for id_, label in sources),
        )

    def add_rows(self, rows: Sequence[Row]) -> None:
        before = self._conn.total_changes
        self._conn.executemany(self._insert, rows)
        # INSERT OR IGNORE counts only the rows it really added: the rest were duplicates.
        added = self._conn.total_changes - before
        self.added += added
        self.seen += len(rows)
        self._rollups.add(rows, added == len(rows))

    def commit(self, skipped: int) -> ImportResult:
        """Finish: rollups, counts, the dataset summary and the audit entry, then COMMIT."""
        conn = self._conn
        try:
            added, duplicates = self.added, self.seen - self.added
            self._rollups.finish()
            _refresh_summary(conn, self.dataset_id)
            conn.execute(
                "UPDATE imports SET finished_at = ?, added = ?, duplicates = ?, skipped = ? "
                "WHERE id = ?",
                (audit.now_iso(), added, duplicates, skipped, self.import_id),
            )
            audit.append(
                conn,
                actor=self._actor,
                member_id=self._member_id,
                action="import.completed",
                details={
                    "dataset": self.dataset_id,
                    "importer": self._importer,
                    "file": self._file_name,
                    "sha256": self._sha256[:16],
                    "added": added,
                    "duplicates": duplicates,
                    "skipped": skipped,
                },
            )
            conn.execute("COMMIT")
        except BaseException:
            self.rollback()
            raise
        conn.close()
        return ImportResult(self.dataset_id, added, duplicates, skipped)

    def rollback(self) -> None:
        """Undo everything this import wrote and close its connection (safe to call twice)."""
        try:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
        finally:
            self._conn.close()


def _refresh_summary(conn: Connection, dataset_id: int) -> None:
    """Count, first and last time of the dataset, read through the rollups and the key (a
    scan of millions of records would not do): the first start is on each type's first day,
    the last end among the records of each type's last day."""
    count = 0
    first: int | None = None
    last: int | None = None
    per_type = conn.execute(
        "SELECT type_id, sum(count), min(day), max(day) FROM daily_rollups "
        "WHERE dataset_id = ? GROUP BY type_id",
        (dataset_id,),
    ).fetchall()
    for type_id, type_count, first_day, last_day in per_type:
        count += type_count
        (start,) = conn.execute(
            "SELECT min(start_ms) FROM records WHERE dataset_id = ? AND type_id = ? AND day = ?",
            (dataset_id, type_id, first_day),
        ).fetchone()
        (end,) = conn.execute(
            "SELECT max(end_ms) FROM records WHERE dataset_id = ? AND type_id = ? AND day = ?",
            (dataset_id, type_id, last_day),
        ).fetchone()
        first = start if first is None else min(first, start)
        last = end if last is None else max(last, end)
    conn.execute(
        "UPDATE datasets SET record_count = ?, first_at = ?, last_at = ? WHERE id = ?",
        (count, iso_from_ms(first), iso_from_ms(last), dataset_id),
    )


def iso_from_ms(ms: int | None) -> str | None:
    if ms is None:
        return None
    moment = datetime.fromtimestamp(ms / 1000, UTC)
    return moment.isoformat(timespec="seconds").replace("+00:00", "Z")

"""What a buyer gets: the transformed tables of a dataset as CSV files, their hashes and the
Merkle root. One code path for the preview, the offer's commitment and the real build; only
the build also hands the bytes to a zip entry.

The work is a generator that yields after every batch of rows: the builder runs it from
inside age's encryption as the encryptor asks for more bytes (so nothing is written in
plaintext), the preview simply runs it to its end.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import queue
import threading
from collections.abc import Callable, Generator, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import date, timedelta
from operator import itemgetter
from typing import IO, Any

from hearth.consent.odrl import dataset_uid, terms_hash
from hearth.consent.places import places_of
from hearth.consent.policy import ConsentPolicy, Identifiers
from hearth.consent.store import member_urn
from hearth.consent.transforms import (
    TablePlan,
    TransformReport,
    Transforms,
    pseudonym_key,
    pseudonym_secret,
)
from hearth.errors import UsageError
from hearth.packages.merkle import merkle_root
from hearth.progress import CancelToken, Progress, ProgressCallback, check, report
from hearth.vault import Vault
from hearth.vault.database import Connection
from hearth.vault.type_names import type_label

DATA_FOLDER = "data"
# Opens a package file for writing; None when only hashes are wanted (preview, commitment).
OpenFile = Callable[[str], AbstractContextManager[IO[bytes]]]
Steps = Generator[None, None, "Contents"]

_VALUE_TYPES = {"integer": "number", "real": "number", "text": "text", "blob": "text"}
_EPOCH = date(1970, 1, 1)
_AHEAD = 4  # batches the reading thread may be ahead
Batch = list[tuple[Any, ...]]


@dataclass
class TableFile:
    """One data file as written: where, what, how much, and its hash."""

    plan: TablePlan
    path: str
    sha256: str = ""
    bytes: int = 0
    rows: int = 0
    first: str | None = None
    last: str | None = None
    units: set[str] = field(default_factory=set)
    value_types: set[str] = field(default_factory=set)
    sample: list[list[str]] = field(default_factory=list)

    @property
    def header(self) -> list[str]:
        return [column.name for column in self.plan.columns]

    def schema(self) -> dict[str, Any]:
        """The table as the manifest describes it."""
        columns = []
        for column in self.plan.columns:
            entry: dict[str, Any] = {
                "name": column.name,
                "type": column.type,
                "description": column.description,
            }
            kinds = {_VALUE_TYPES[t] for t in self.value_types if t in _VALUE_TYPES}
            if column.name == "value" and kinds:
                entry["type"] = " or ".join(sorted(kinds))
            if column.name in ("value", "sum", "min", "max", "mean") and self.units:
                entry["units"] = sorted(self.units)
            columns.append(entry)
        return {
            "name": self.plan.name,
            "path": self.path,
            "record_type": self.plan.record_type,
            "label": type_label(self.plan.record_type),
            "kind": "daily-summaries" if self.plan.daily else "records",
            "mediaType": "text/csv",
            "byteSize": self.bytes,
            "sha256": self.sha256,
            "rows": self.rows,
            "temporal": {"startDate": self.first, "endDate": self.last},
            "columns": columns,
        }


@dataclass
class Contents:
    """Everything about a package but its bytes."""

    tables: list[TableFile]
    report: TransformReport
    transforms: Transforms
    merkle_root: str
    terms_hash: str

    @property
    def rows(self) -> int:
        return sum(t.rows for t in self.tables)


class PackageSource:
    """A dataset, the policy to apply and the buyer, with what the transforms need from the
    vault (the member's places, the pseudonym key) read up front."""

    def __init__(
        self, vault: Vault, dataset_id: int, policy: ConsentPolicy, buyer: str | None = None
    ) -> None:
        if policy.dataset_id != dataset_id:
            raise UsageError(f"That policy is for dataset {policy.dataset_id}, not {dataset_id}.")
        with vault.reading() as conn:
            row = conn.execute(
                "SELECT title, member_id FROM datasets WHERE id = ?", (dataset_id,)
            ).fetchone()
        if row is None:
            raise UsageError(f"There is no dataset {dataset_id}; `hearth datasets` lists them.")
        self.vault = vault
        self.dataset_id = dataset_id
        self.policy = policy
        self.title: str = row[0]
        self.member_urn = member_urn(vault, int(row[1]))
        self.uid = dataset_uid(vault.vault_id, dataset_id)
        self.terms_hash = terms_hash(policy, self.uid)
        privacy = policy.privacy
        places = places_of(vault, int(row[1])) if privacy.places_radius_m else []
        key = None
        if privacy.identifiers is Identifiers.PSEUDONYM:
            key = pseudonym_key(pseudonym_secret(vault), buyer)
        self.transforms = Transforms(policy, places=places, pseudonym_key=key)

    def steps(
        self,
        conn: Connection,
        open_file: OpenFile | None = None,
        *,
        sample_rows: int = 0,
        progress: ProgressCallback | None = None,
        cancel: CancelToken | None = None,
    ) -> Steps:
        """Write every table (to ``open_file`` when given), yielding after each batch."""
        transforms = self.transforms
        transforms.install(conn)
        plans = transforms.plan(conn, self.dataset_id)
        total = sum(p.expected for p in plans)
        done = 0
        tables = []
        for plan in plans:
            check(cancel)
            table = TableFile(plan, f"{DATA_FOLDER}/{plan.name}.csv")
            if open_file is None:
                yield from _write_table(conn, transforms, table, None, sample_rows, cancel)
            else:
                with open_file(table.path) as sink:
                    yield from _write_table(conn, transforms, table, sink, sample_rows, cancel)
            tables.append(table)
            done += plan.expected
            report(progress, Progress(done, total, "records", "Building the package"))
        root = merkle_root({t.path: t.sha256 for t in tables})
        return Contents(tables, transforms.report, transforms, root, self.terms_hash)


def _write_table(
    conn: Connection,
    transforms: Transforms,
    table: TableFile,
    sink: IO[bytes] | None,
    sample_rows: int,
    cancel: CancelToken | None,
) -> Generator[None, None, None]:
    """The table as CSV (RFC 4180: header, CRLF, quotes where needed; UTF-8), hashed as it
    goes. SQL made each line: Python only joins them."""
    digest = hashlib.sha256()
    _emit(",".join(table.header) + "\r\n", digest, table, sink)
    for batch in _read_ahead(transforms.batches(conn, table.plan)):
        check(cancel)
        lines = list(map(itemgetter(0), batch))
        if len(table.sample) < sample_rows:
            wanted = lines[: sample_rows - len(table.sample)]
            table.sample += [list(row) for row in csv.reader(wanted)]
        table.rows += len(batch)
        _note_span(table, batch)
        lines.append("")
        _emit("\r\n".join(lines), digest, table, sink)
        yield
    table.sha256 = digest.hexdigest()
    yield


def _read_ahead(batches: Iterator[Batch]) -> Iterator[Batch]:
    """``batches`` read by a second thread a few batches ahead: SQLite makes the lines
    without holding the GIL, so it works while this thread compresses and encrypts."""
    ready: queue.Queue[tuple[str, Any]] = queue.Queue(maxsize=_AHEAD)
    stop = threading.Event()

    def read() -> None:
        try:
            for batch in batches:
                while not stop.is_set():
                    with contextlib.suppress(queue.Full):
                        ready.put(("batch", batch), timeout=0.1)
                        break
                if stop.is_set():
                    return
            ready.put(("end", None))
        except BaseException as exc:  # handed to the consuming thread, raised there
            ready.put(("error", exc))
        finally:
            close = getattr(batches, "close", None)
            if close is not None:
                close()  # the cursor is closed on the thread that used it

    reader = threading.Thread(target=read, name="package-reader", daemon=True)
    reader.start()
    try:
        while True:
            kind, item = ready.get()
            if kind == "end":
                break
            if kind == "error":
                raise item
            yield item
    finally:
        stop.set()
        with contextlib.suppress(queue.Empty):
            while True:
                ready.get_nowait()
        reader.join()


def _emit(text: str, digest: Any, table: TableFile, sink: IO[bytes] | None) -> None:
    # Lone surrogates (a damaged title in a browser's history) cannot be UTF-8: replaced.
    data = text.encode("utf-8", "replace")
    digest.update(data)
    table.bytes += len(data)
    if sink is not None:
        sink.write(data)


def _note_span(table: TableFile, batch: list[tuple[Any, ...]]) -> None:
    """Days covered, units and value types: C-level passes over the batch."""
    first, last = _day(batch[0][1]), _day(batch[-1][1])  # rows come in day order
    if table.first is None or first < table.first:
        table.first = first
    if table.last is None or last > table.last:
        table.last = last
    table.units.update(filter(None, map(itemgetter(2), batch)))
    table.value_types.update(map(itemgetter(3), batch))


def _day(number: int) -> str:
    return (_EPOCH + timedelta(days=number)).isoformat()


def run(steps: Steps) -> Contents:
    """Run the steps to their end (no encryptor pulling): preview and commitment."""
    while True:
        try:
            next(steps)
        except StopIteration as done:
            return done.value  # type: ignore[no-any-return]


@contextlib.contextmanager
def reading_snapshot(vault: Vault) -> Iterator[Connection]:
    """A connection of its own reading one snapshot of the vault (an import committing
    meanwhile does not change the package half-way), closed after."""
    conn = vault.open_reader()
    try:
        conn.execute("BEGIN")
        yield conn
    finally:
        with contextlib.suppress(Exception):
            conn.execute("ROLLBACK")
        conn.close()

"""What a buyer gets: the transformed tables of a dataset as CSV files, their hashes and the
Merkle root. One code path for the preview, the offer's commitment and the real build; only
the build also hands the bytes to a zip entry.

The work is a generator that yields after every piece of a table: the builder runs it from
inside age's encryption as the encryptor asks for more bytes (so nothing is written in
plaintext), the preview simply runs it to its end. The pieces are read a few ahead by the
snapshot's connections on other threads (`snapshot.py`) and used strictly in order, so the
bytes are the same as if one thread had read them.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import itertools
from collections.abc import Callable, Generator, Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import IO, Any

from hearth.consent.odrl import dataset_uid, terms_hash
from hearth.consent.places import places_of
from hearth.consent.policy import ConsentPolicy, Identifiers
from hearth.consent.store import member_urn
from hearth.consent.transforms import (
    Chunk,
    Piece,
    TablePlan,
    TransformReport,
    Transforms,
    pseudonym_key,
    pseudonym_secret,
)
from hearth.errors import UsageError
from hearth.packages.merkle import merkle_root
from hearth.packages.snapshot import Snapshot
from hearth.packages.snapshot import reading_snapshot as reading_snapshot  # (its callers' import)
from hearth.progress import CancelToken, Progress, ProgressCallback, check, report
from hearth.vault import Vault
from hearth.vault.type_names import type_label

DATA_FOLDER = "data"
# Opens a package file for writing; None when only hashes are wanted (preview, commitment).
OpenFile = Callable[[str], AbstractContextManager[IO[bytes]]]
Steps = Generator[None, None, "Contents"]

_VALUE_TYPES = {"integer": "number", "real": "number", "text": "text", "blob": "text"}
_EPOCH = date(1970, 1, 1)


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
        snapshot: Snapshot,
        open_file: OpenFile | None = None,
        *,
        sample_rows: int = 0,
        progress: ProgressCallback | None = None,
        cancel: CancelToken | None = None,
    ) -> Steps:
        """Write every table (to ``open_file`` when given), yielding after each piece."""
        transforms = self.transforms
        snapshot.each(transforms.install)
        plans = transforms.plan(snapshot.main, self.dataset_id)
        pieces = {plan.name: transforms.pieces(snapshot.main, plan) for plan in plans}
        chunks = snapshot.in_order(
            functools.partial(transforms.read, table=plan, piece=piece)
            for plan in plans
            for piece in pieces[plan.name]
        )
        total = sum(p.expected for p in plans)
        done = 0

        def advance(piece: Piece) -> None:
            nonlocal done
            done += piece.expected
            report(progress, Progress(done, total, "records", "Building the package"))

        tables = []
        try:
            for plan in plans:
                check(cancel)
                table = TableFile(plan, f"{DATA_FOLDER}/{plan.name}.csv")
                # This table's pieces and no further: zip stops at the first one's end.
                read = zip(pieces[plan.name], chunks, strict=False)
                if open_file is None:
                    yield from _write_table(table, read, None, sample_rows, advance, cancel)
                else:
                    with open_file(table.path) as sink:
                        yield from _write_table(table, read, sink, sample_rows, advance, cancel)
                tables.append(table)
        finally:
            chunks.close()  # a cancel or an error: the readers stop
        root = merkle_root({t.path: t.sha256 for t in tables})
        return Contents(tables, transforms.report, transforms, root, self.terms_hash)


def _write_table(
    table: TableFile,
    chunks: Iterable[tuple[Piece, Chunk]],
    sink: IO[bytes] | None,
    sample_rows: int,
    advance: Callable[[Piece], None],
    cancel: CancelToken | None,
) -> Generator[None, None, None]:
    """The table as CSV (RFC 4180: header, CRLF, quotes where needed; UTF-8), hashed as it
    goes. SQL made and joined the lines: Python only writes them."""
    digest = hashlib.sha256()
    _emit(",".join(table.header) + "\r\n", digest, table, sink)
    for piece, chunk in chunks:
        check(cancel)
        if chunk.rows:
            if len(table.sample) < sample_rows:
                rows = csv.reader(io.StringIO(chunk.text, newline=""))
                table.sample += itertools.islice(rows, sample_rows - len(table.sample))
            table.rows += chunk.rows
            _note_span(table, chunk)
            _emit(chunk.text + "\r\n", digest, table, sink)
        advance(piece)
        yield
    table.sha256 = digest.hexdigest()
    yield


def _emit(text: str, digest: Any, table: TableFile, sink: IO[bytes] | None) -> None:
    # Lone surrogates (a damaged title in a browser's history) cannot be UTF-8: replaced.
    data = text.encode("utf-8", "replace")
    digest.update(data)
    table.bytes += len(data)
    if sink is not None:
        sink.write(data)


def _note_span(table: TableFile, chunk: Chunk) -> None:
    """Days covered, units and value types."""
    assert chunk.first_day is not None and chunk.last_day is not None  # it has rows
    first, last = _day(chunk.first_day), _day(chunk.last_day)
    if table.first is None or first < table.first:
        table.first = first
    if table.last is None or last > table.last:
        table.last = last
    table.units.update(chunk.units)
    table.value_types.update(chunk.value_types)


def _day(number: int) -> str:
    return (_EPOCH + timedelta(days=number)).isoformat()


def run(steps: Steps) -> Contents:
    """Run the steps to their end (no encryptor pulling): preview and commitment."""
    while True:
        try:
            next(steps)
        except StopIteration as done:
            return done.value  # type: ignore[no-any-return]

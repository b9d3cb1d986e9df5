"""Where an importer puts what it reads: records, numbered and batched for the vault.

Importers call `RecordSink.add` per record (or `add_row` on their fast path) and `skip` for
what they cannot use. The sink numbers new record types and sources itself, continuing from
the vault's numbering, so the parser can run in another process from the writer and a batch
reaches the database as rows ready for one `executemany`.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any, Protocol

from hearth.progress import CancelToken

if TYPE_CHECKING:
    # Types only: a parser process needs none of the vault (importing it costs megabytes).
    from hearth.vault.records import Row

SourceLabel = tuple[str, str, str]  # (name, version, device), as in hearth.vault.records

BATCH_ROWS = 5_000  # small batches keep the three processes of an import small
# Rows with big metadata (ECG samples, HRV beat lists) end a batch early: the batches
# waiting between parser and writer are what bounds an import's memory. Keep a batch's
# message near the size of an ordinary one (200-500 KB): after glibc frees one block of
# several MB it serves blocks up to that size from the heap instead of mmap, and at 4 MB the
# heaps of the parser and the writer grew 13-17 MB each, never given back.
BATCH_META_BYTES = 256 * 1024
MS_PER_DAY = 86_400_000
NO_SOURCE: SourceLabel = ("", "", "")
# What a row carries for NULL in these columns: binding Python's None costs the driver about
# a microsecond (a failed adapter look-up), more than the rest of the row; the writer turns
# these back into NULL (see `hearth.vault.records`). None is still accepted.
NO_UNIT = NO_META = 0
NO_LOCATION = ""


@dataclass
class Batch:
    """Rows plus the names first numbered for them, and how far the reading has come."""

    types: list[tuple[int, str]] = field(default_factory=list)
    sources: list[tuple[int, SourceLabel]] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    bytes_done: int = 0
    skipped: int = 0


class KnownLabels(Protocol):
    """The names already numbered in the vault (`hearth.vault.records.Labels`)."""

    @property
    def types(self) -> dict[str, int]: ...

    @property
    def sources(self) -> dict[SourceLabel, int]: ...


class LabelNumbers(Protocol):
    """Who numbers new names when more than one parser feeds the same import."""

    def type_id(self, name: str) -> int: ...

    def source_id(self, label: SourceLabel) -> int: ...


class RecordSink:
    """Batches of rows for the writer. With ``numbers``, new names are numbered there (and
    already stored by it) rather than here and sent along with the rows. ``helper``, when
    set, is a connection to a second parser process that an importer may hand work to."""

    def __init__(
        self,
        labels: KnownLabels,
        emit: Callable[[Batch], None],
        cancel: CancelToken | None = None,
        batch_rows: int = BATCH_ROWS,
        numbers: LabelNumbers | None = None,
        helper: Connection | None = None,
    ) -> None:
        self._types = dict(labels.types)
        self._sources = dict(labels.sources)
        self._next_type = max(self._types.values(), default=0) + 1
        self._next_source = max(self._sources.values(), default=0) + 1
        self._numbers = numbers
        self.helper = helper
        self._emit = emit
        self._cancel = cancel
        self._batch_rows = batch_rows
        self._batch = Batch()
        self._meta_bytes = 0
        self.rows = 0
        self.skip_reasons: Counter[str] = Counter()
        self.bytes_done = 0

    # ---------------------------------------------------------------- for importers

    def type_id(self, name: str) -> int:
        found = self._types.get(name)
        if found is None:
            if self._numbers is not None:
                found = self._types[name] = self._numbers.type_id(name)
                return found
            found = self._types[name] = self._next_type
            self._next_type += 1
            self._batch.types.append((found, name))
        return found

    def source_id(self, label: SourceLabel) -> int:
        found = self._sources.get(label)
        if found is None:
            if self._numbers is not None:
                found = self._sources[label] = self._numbers.source_id(label)
                return found
            found = self._sources[label] = self._next_source
            self._next_source += 1
            self._batch.sources.append((found, label))
        return found

    def add(
        self,
        type_name: str,
        start_ms: int,
        end_ms: int,
        value: float | int | str,
        *,
        source: SourceLabel = NO_SOURCE,
        unit: str | None = None,
        lat: float | None = None,
        lng: float | None = None,
        meta: dict[str, Any] | None = None,
        offset_minutes: int = 0,
    ) -> None:
        """One record. ``offset_minutes`` is the local UTC offset, to file it on the right day."""
        day = (start_ms + offset_minutes * 60_000) // MS_PER_DAY
        self.add_row(
            (
                self.type_id(type_name),
                day,
                start_ms,
                end_ms,
                self.source_id(source),
                value,
                NO_UNIT if unit is None else unit,
                NO_LOCATION if lat is None else lat,
                NO_LOCATION if lng is None else lng,
                json.dumps(meta, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
                if meta
                else NO_META,
            )
        )

    def add_row(self, row: Row) -> None:
        """A record already in the vault's column order, ids from `type_id`/`source_id`."""
        self._batch.rows.append(row)
        meta = row[9]
        if meta:
            self._meta_bytes += len(meta)
        if len(self._batch.rows) >= self._batch_rows or self._meta_bytes > BATCH_META_BYTES:
            self.flush()

    def extend(self, rows: list[Row], meta_bytes: int) -> None:
        """Many rows at once (`add_row`'s bulk form), with the length of their metadata."""
        self._batch.rows += rows
        self._meta_bytes += meta_bytes
        if len(self._batch.rows) >= self._batch_rows or self._meta_bytes > BATCH_META_BYTES:
            self.flush()

    def skip(self, reason: str, count: int = 1) -> None:
        """Something that could not be imported; reasons are summarised to the person."""
        self.skip_reasons[reason] += count
        self._batch.skipped += count

    def read_to(self, bytes_done: int) -> None:
        """How many bytes of the input have been read (for progress)."""
        self.bytes_done = bytes_done

    # ---------------------------------------------------------------- for the pipeline

    def flush(self) -> None:
        if self._cancel is not None:
            self._cancel.raise_if_cancelled()
        batch, self._batch = self._batch, Batch()
        self._meta_bytes = 0
        batch.bytes_done = self.bytes_done
        self.rows += len(batch.rows)
        self._emit(batch)

    @property
    def skipped(self) -> int:
        return sum(self.skip_reasons.values())

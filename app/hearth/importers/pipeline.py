"""Running an import: detect, parse, write, all or nothing.

The parser and the writer run in two processes for large exports: per the measurements in
PERFORMANCE.md, Python's per-record work in the parser is the bottleneck and SQLCipher is
not, so the parser gets a core of its own and ships ready rows (ids numbered, columns in
table order) to the writer, which does one `executemany` per batch. Small files are parsed
in-process (starting a process costs more than they take). Either way the vault sees one
transaction per dataset: cancel, an error, a crash or a kill leaves it as it was.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, Pipe, wait
from pathlib import Path
from typing import Any

from hearth.errors import BadInput, HearthError
from hearth.importers import parser_processes, workers
from hearth.importers.base import Match
from hearth.importers.export import Export
from hearth.importers.registry import by_name, detect
from hearth.importers.sink import Batch, RecordSink
from hearth.progress import CancelToken, Progress, ProgressCallback, check, report
from hearth.vault.records import (
    AlreadyImported,
    ImportResult,
    ImportWriter,
    SourceLabel,
)
from hearth.vault.vault import Vault

log = logging.getLogger(__name__)

# Below this many bytes to read, a second process costs more than it saves.
IN_PROCESS_LIMIT = 8 * 1024 * 1024
# Above this many, an importer that can share its parsing (`block_reader`) gets a third.
HELPER_LIMIT = 48 * 1024 * 1024


@dataclass(frozen=True)
class ImportOutcome:
    """What one import did, as the CLI and the GUI report it."""

    path: str
    source: str
    title: str
    result: ImportResult
    skip_reasons: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "source": self.source,
            "dataset": self.result.dataset_id,
            "added": self.result.added,
            "duplicates": self.result.duplicates,
            "skipped": self.result.skipped,
        }


def import_path(
    vault: Vault,
    path: Path,
    *,
    expected: str | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
    separate_process: bool | None = None,
) -> list[ImportOutcome]:
    """Import everything Hearth recognises in ``path`` into the acting member's datasets."""
    return list(
        import_outcomes(
            vault,
            path,
            expected=expected,
            progress=progress,
            cancel=cancel,
            separate_process=separate_process,
        )
    )


def recognise(path: Path, expected: str | None = None) -> list[Match]:
    """What Hearth would import from ``path``, reading only what it needs to tell; `BadInput`
    (with the sentence a person sees) when it would import nothing."""
    return _recognised(path, expected)[0]


def _recognised(path: Path, expected: str | None) -> tuple[list[Match], dict[str, int]]:
    """`recognise`, with the size of every entry of the export by name."""
    with Export(path) as export:
        return detect(export, expected), {e.name: e.size for e in export.entries}


def import_outcomes(
    vault: Vault,
    path: Path,
    *,
    expected: str | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
    separate_process: bool | None = None,
) -> Iterator[ImportOutcome]:
    """`import_path`, one outcome at a time as each dataset's import is committed, so that a
    caller knows what was added when a later dataset of the same export fails."""
    matches, sizes = _recognised(path, expected)
    fingerprint = export_fingerprint(path)
    for match in matches:
        check(cancel)
        importer = by_name(match.importer)
        try:
            writer = vault.begin_import(
                source=importer.name,
                title=importer.title,
                file_name=path.name,
                sha256=fingerprint,
                importer=importer.name,
            )
        except AlreadyImported as earlier:
            yield ImportOutcome(str(path), importer.name, importer.title, earlier.result)
            continue
        total = sum(sizes.get(name, 0) for name in match.entries)
        in_child = total > IN_PROCESS_LIMIT if separate_process is None else separate_process
        try:
            reasons = _parse(path, match, writer, total, in_child, progress, cancel)
            result = writer.commit(sum(reasons.values()))
        except BaseException:
            writer.rollback()
            raise
        yield ImportOutcome(str(path), importer.name, importer.title, result, reasons)


def export_fingerprint(path: Path) -> str:
    """The sha256 that says "this exact export again": of the file's content (whatever its
    name), or of a folder's files and their relative names.

    A database's write-ahead log counts as part of it: a running browser keeps its newest
    visits only in `History-wal` / `places.sqlite-wal`, and those must not look imported.
    """
    digest = hashlib.sha256()
    if path.is_file():
        wal = path.with_name(path.name + "-wal")
        parts = [(b"", path), *([(b"\0wal\0", wal)] if wal.is_file() else [])]
    else:
        parts = [
            (file.relative_to(path).as_posix().encode() + b"\0", file)
            for file in sorted(p for p in path.rglob("*") if p.is_file())
        ]
    for label, file in parts:
        digest.update(label)
        with file.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    return digest.hexdigest()


def _parse(
    path: Path,
    match: Match,
    writer: ImportWriter,
    total: int,
    in_child: bool,
    progress: ProgressCallback | None,
    cancel: CancelToken | None,
) -> dict[str, int]:
    done = 0

    def write(batch: Batch) -> None:
        nonlocal done
        writer.add_labels(batch.types, batch.sources)
        writer.add_rows(batch.rows)
        done = max(done, batch.bytes_done)  # a helper process does not know where it is
        report(progress, Progress(done, total, "bytes", "Importing", records=writer.seen))

    if in_child:
        helper = total > HELPER_LIMIT and hasattr(by_name(match.importer), "block_reader")
        return _parse_in_children(path, match, writer, write, cancel, helper)
    sink = RecordSink(writer.labels, write, cancel)
    with Export(path) as export:
        by_name(match.importer).read(export, match, sink)
    sink.flush()
    return dict(sink.skip_reasons)


# ------------------------------------------------------------------ the parser processes


class _Numbers:
    """New names numbered for the parser processes, and stored as soon as numbered (so the
    rows that use them, from whichever process, always find them)."""

    def __init__(self, writer: ImportWriter) -> None:
        self._writer = writer
        self._types = dict(writer.labels.types)
        self._sources = dict(writer.labels.sources)
        self._next_type = max(self._types.values(), default=0) + 1
        self._next_source = max(self._sources.values(), default=0) + 1

    def type_id(self, name: str) -> int:
        found = self._types.get(name)
        if found is None:
            found = self._types[name] = self._next_type
            self._next_type += 1
            self._writer.add_labels([(found, name)], [])
        return found

    def source_id(self, label: SourceLabel) -> int:
        found = self._sources.get(label)
        if found is None:
            found = self._sources[label] = self._next_source
            self._next_source += 1
            self._writer.add_labels([], [(found, label)])
        return found


def _parse_in_children(
    path: Path,
    match: Match,
    writer: ImportWriter,
    write: Callable[[Batch], None],
    cancel: CancelToken | None,
    helper: bool,
) -> dict[str, int]:
    """Parse in a child process (two with ``helper``: the first hands the second blocks of
    the file to parse) while this one writes. Each child talks to us on a pipe of its own;
    sending a batch blocks until we read it, which bounds how much waits in memory."""
    numbers = _Numbers(writer)
    known = workers.Known(dict(writer.labels.types), dict(writer.labels.sources))
    parent = os.getpid()
    reader_end, reader_child_end = Pipe()
    child_ends = [reader_child_end]
    blocks_out = None
    children: dict[Connection, tuple[Callable[..., None], tuple[Any, ...], str]] = {}
    if helper:
        helper_end, helper_child_end = Pipe()
        blocks_out, blocks_in = Pipe()
        child_ends += [helper_child_end, blocks_out, blocks_in]
        children[helper_end] = (
            workers.helper_main,
            (str(path), match, known, helper_child_end, parent, blocks_in),
            "hearth-import-helper",
        )
    children[reader_end] = (
        workers.reader_main,
        (str(path), match, known, reader_child_end, parent, blocks_out),
        "hearth-import-parser",
    )
    started: dict[Connection, parser_processes.ParserProcess] = {}
    reasons: Counter[str] = Counter()
    try:
        for ours, (target, args, name) in children.items():
            try:
                started[ours] = parser_processes.start(target, args, name)
            except OSError as exc:  # no executable, no process left for this user, ...
                log.error("cannot start the import's parser process: %s", exc)
                raise HearthError(
                    "Hearth could not start the process that reads this export; nothing was added."
                ) from None
        # Our copies of the children's ends: closed, so that a child's death reads as EOF.
        for end in child_ends:
            end.close()
        waiting = dict(started)
        while waiting:
            check(cancel)
            ready = wait(list(waiting), timeout=0.2)
            if not ready and not all(child.is_alive() for child in waiting.values()):
                raise HearthError("The import stopped unexpectedly; nothing was added.")
            for conn in ready:
                assert isinstance(conn, Connection)
                try:
                    kind, payload = conn.recv()
                except EOFError:
                    raise HearthError(
                        "The import stopped unexpectedly; nothing was added."
                    ) from None
                if kind == "batch":
                    write(payload)
                elif kind == "type":
                    conn.send(numbers.type_id(payload))
                elif kind == "source":
                    conn.send(numbers.source_id(payload))
                elif kind == "done":
                    reasons.update(payload)
                    del waiting[conn]
                elif kind == "bad-input":
                    raise BadInput(str(payload))
                else:
                    log.error("the import parser failed:\n%s", payload)
                    raise HearthError("The import failed unexpectedly; nothing was added.")
        return dict(reasons)
    finally:
        for child in started.values():
            child.terminate()
        for child in started.values():
            child.join(timeout=10)
        for conn in children:
            conn.close()
        for end in child_ends:
            end.close()  # again, in case a start failed before the first close

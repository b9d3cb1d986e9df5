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
import multiprocessing
import os
import queue
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hearth.errors import BadInput, HearthError
from hearth.importers.base import Match
from hearth.importers.export import Export
from hearth.importers.registry import by_name, detect
from hearth.importers.sink import Batch, RecordSink
from hearth.progress import CancelToken, Progress, ProgressCallback, check, report
from hearth.vault.records import AlreadyImported, ImportResult, ImportWriter, Labels
from hearth.vault.vault import Vault

log = logging.getLogger(__name__)

# Below this many bytes to read, a second process costs more than it saves.
IN_PROCESS_LIMIT = 8 * 1024 * 1024
_QUEUE_BATCHES = 4  # bounds memory: at most this many batches wait for the writer


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
    with Export(path) as export:
        matches = detect(export, expected)
        sizes = {e.name: e.size for e in export.entries}
    fingerprint = export_fingerprint(path)
    outcomes = []
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
            outcomes.append(ImportOutcome(str(path), importer.name, importer.title, earlier.result))
            continue
        total = sum(sizes.get(name, 0) for name in match.entries)
        in_child = total > IN_PROCESS_LIMIT if separate_process is None else separate_process
        try:
            reasons = _parse(path, match, writer, total, in_child, progress, cancel)
            result = writer.commit(sum(reasons.values()))
        except BaseException:
            writer.rollback()
            raise
        outcomes.append(ImportOutcome(str(path), importer.name, importer.title, result, reasons))
    return outcomes


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
    def write(batch: Batch) -> None:
        writer.add_labels(batch.types, batch.sources)
        writer.add_rows(batch.rows)
        report(
            progress,
            Progress(batch.bytes_done, total, "bytes", "Importing", records=writer.seen),
        )

    if in_child:
        return _parse_in_child(path, match, writer.labels, write, cancel)
    sink = RecordSink(writer.labels, write, cancel)
    with Export(path) as export:
        by_name(match.importer).read(export, match, sink)
    sink.flush()
    return dict(sink.skip_reasons)


# ------------------------------------------------------------------ the parser process


def _parse_in_child(
    path: Path,
    match: Match,
    labels: Labels,
    write: Callable[[Batch], None],
    cancel: CancelToken | None,
) -> dict[str, int]:
    # "spawn", not fork: the GUI has threads, and forking a threaded Qt process is unsafe.
    context = multiprocessing.get_context("spawn")
    messages: multiprocessing.Queue[tuple[str, Any]] = context.Queue(maxsize=_QUEUE_BATCHES)
    child = context.Process(
        target=_child_main,
        args=(str(path), match, labels, messages, os.getpid()),
        daemon=True,
        name="hearth-import-parser",
    )
    child.start()
    try:
        while True:
            check(cancel)
            try:
                kind, payload = messages.get(timeout=0.2)
            except queue.Empty:
                if not child.is_alive():
                    raise HearthError(
                        "The import stopped unexpectedly; nothing was added."
                    ) from None
                continue
            if kind == "batch":
                write(payload)
            elif kind == "done":
                return dict(payload)
            elif kind == "bad-input":
                raise BadInput(str(payload))
            else:
                log.error("the import parser failed:\n%s", payload)
                raise HearthError("The import failed unexpectedly; nothing was added.")
    finally:
        if child.is_alive():
            child.terminate()
        child.join(timeout=10)


def _child_main(
    path: str,
    match: Match,
    labels: Labels,
    messages: multiprocessing.Queue[tuple[str, Any]],
    parent: int,
) -> None:
    # If the writer is killed, nobody reads our queue and a put or the final flush would
    # block forever: a watchdog ends this process as soon as its parent is gone.
    threading.Thread(target=_exit_when_orphaned, args=(parent,), daemon=True).start()
    try:
        sink = RecordSink(labels, lambda batch: messages.put(("batch", batch)))
        with Export(Path(path)) as export:
            by_name(match.importer).read(export, match, sink)
        sink.flush()
        messages.put(("done", dict(sink.skip_reasons)))
    except BadInput as exc:
        messages.put(("bad-input", str(exc)))
    except BaseException as exc:
        # Frames and the exception's type only: its message could quote a record value.
        trace = "".join(traceback.format_tb(exc.__traceback__)) + type(exc).__name__
        messages.put(("error", trace))
    messages.close()
    messages.join_thread()


def _exit_when_orphaned(parent: int) -> None:
    while True:
        time.sleep(0.5)
        if os.getppid() != parent:
            os._exit(0)

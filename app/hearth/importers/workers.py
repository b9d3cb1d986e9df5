"""The parser processes of an import (see `hearth.importers.pipeline` for the writer's side).

A parser process imports as little as it can: the importer it runs and what that needs,
not the vault (which it never opens) nor the other importers. Every Python module a process
loads costs memory, and an import keeps up to three processes alive.
"""

from __future__ import annotations

import contextlib
import gc
import os
import queue
import threading
import time
import traceback
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from hearth.errors import BadInput
from hearth.importers.base import Match
from hearth.importers.export import Export
from hearth.importers.sink import RecordSink, SourceLabel


@dataclass(frozen=True)
class Known:
    """The names the vault has numbered already (`Labels` without importing the vault)."""

    types: dict[str, int]
    sources: dict[SourceLabel, int]


class _AskTheWriter:
    """A parser process's `LabelNumbers`: asks the writer (a round trip per new name; an
    export has dozens of types and hundreds of sources, against millions of records)."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def type_id(self, name: str) -> int:
        self._conn.send(("type", name))
        return int(self._conn.recv())

    def source_id(self, label: SourceLabel) -> int:
        self._conn.send(("source", label))
        return int(self._conn.recv())


def reader_main(
    path: str,
    match: Match,
    known: Known,
    conn: Connection,
    parent: int,
    helper: Connection | None,
) -> None:
    # If the writer is killed, nobody reads our pipe and a send would block forever: a
    # watchdog ends this process as soon as its parent is gone.
    threading.Thread(target=_exit_when_orphaned, args=(parent,), daemon=True).start()
    _few_collections()
    try:
        sink = RecordSink(
            known,
            lambda batch: conn.send(("batch", batch)),
            numbers=_AskTheWriter(conn),
            helper=helper,
        )
        try:
            with Export(Path(path)) as export:
                _importer(match.importer).read(export, match, sink)
        finally:
            if helper is not None:
                helper.send_bytes(b"")  # no more blocks
        sink.flush()
        conn.send(("done", dict(sink.skip_reasons)))
    except BadInput as exc:
        conn.send(("bad-input", str(exc)))
    except BaseException as exc:
        conn.send(("error", _trace(exc)))
    conn.close()


def helper_main(
    path: str,
    match: Match,
    known: Known,
    conn: Connection,
    parent: int,
    blocks: Connection,
) -> None:
    """The second parser: parses the blocks, and does the tasks (route files), that the first
    hands it, until an empty message."""
    threading.Thread(target=_exit_when_orphaned, args=(parent,), daemon=True).start()
    _few_collections()
    # A thread takes blocks off the pipe as they come, so the first parser never waits on
    # us; it sends no more than we have room for (see `BlockHandoff`).
    inbox: queue.Queue[bytes | None] = queue.Queue()

    def receive() -> None:
        try:
            while block := blocks.recv_bytes():
                inbox.put(block)
        except (EOFError, OSError):
            inbox.put(None)  # the first parser is gone: the writer hears of it from its pipe
            return
        inbox.put(b"")

    threading.Thread(target=receive, daemon=True).start()
    try:
        sink = RecordSink(
            known, lambda batch: conn.send(("batch", batch)), numbers=_AskTheWriter(conn)
        )
        with Export(Path(path)) as export:
            read_block = _importer(match.importer).block_reader(export, sink)
            while block := inbox.get():
                read_block(block)
                _room_for_one_more(blocks)
        if block is None:
            return
        sink.flush()
        conn.send(("done", dict(sink.skip_reasons)))
    except BadInput as exc:
        conn.send(("bad-input", str(exc)))
    except BaseException as exc:
        conn.send(("error", _trace(exc)))
    conn.close()


def _room_for_one_more(blocks: Connection) -> None:
    # OSError: the first parser has handed over its last and stopped listening.
    with contextlib.suppress(OSError):
        blocks.send_bytes(b"")


def _trace(exc: BaseException) -> str:
    # Frames and the exception's type only: its message could quote a record value.
    return "".join(traceback.format_tb(exc.__traceback__)) + type(exc).__name__


def _few_collections() -> None:
    """The parser makes millions of short-lived tuples and no cycles worth finding: what is
    loaded by now is never collected again, and the young generation rarely."""
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)


def _exit_when_orphaned(parent: int) -> None:
    while True:
        time.sleep(0.5)
        if os.getppid() != parent:
            os._exit(0)


def _importer(name: str) -> Any:
    if name == "apple-health":  # the one with millions of records: spare it the others
        from hearth.importers.apple_health import APPLE_HEALTH

        return APPLE_HEALTH
    from hearth.importers.registry import by_name

    return by_name(name)

"""One snapshot of the vault read by a few connections at once, so that SQLite makes a
package's lines on several cores while the builder's thread zips and encrypts them.

Each connection has a read transaction of its own; they are started together and checked to
see the same commit (an import committing meanwhile must not change the package half-way).
Work is handed out in order to a small pool and its results come back in that order, at most
a few ahead of the one being used, so memory does not grow with the dataset.
"""

from __future__ import annotations

import contextlib
import queue
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor, wait
from typing import TypeVar

from hearth.vault import Vault
from hearth.vault.database import Connection

T = TypeVar("T")

# Connections reading at once: the machines Hearth runs on have at least two cores, and the
# builder's own thread (zlib, SHA-256, age) needs little of one of them.
READERS = 2
# Results a reader may be ahead of the one the builder is using (each about a megabyte).
AHEAD = 4
# Tries at starting the readers on the same commit before reading with one connection.
_TRIES = 5
# Each reader's page cache: a package reads each page once, so a small one does (SQLite's
# default here is 8 MiB a connection).
_CACHE_KIB = 2000


class Snapshot:
    """Connections reading one snapshot of the vault; ``main`` is for planning, and every one
    of them (``main`` included) for `in_order`. Closed by `reading_snapshot`."""

    def __init__(self, vault: Vault, readers: int | None = None) -> None:
        wanted = READERS if readers is None else readers  # (read now: tests change it)
        self.connections = _same_snapshot(vault, max(1, wanted))
        self.main = self.connections[0]
        self._free: queue.SimpleQueue[Connection] = queue.SimpleQueue()
        for conn in self.connections:
            self._free.put(conn)
        self._pool = ThreadPoolExecutor(len(self.connections), thread_name_prefix="package-reader")
        self._closed = False

    def each(self, set_up: Callable[[Connection], None]) -> None:
        """Run ``set_up`` on every connection (functions and temp tables a query needs)."""
        for conn in self.connections:
            set_up(conn)

    def in_order(self, jobs: Iterable[Callable[[Connection], T]]) -> Generator[T, None, None]:
        """Each job's result, in the jobs' order, the jobs run by the pool on whichever
        connection is free. An error in a job is raised here; closing the iterator early (a
        cancel, an error downstream) stops the jobs not started and waits for the others."""
        todo = iter(jobs)
        running: deque[Future[T]] = deque()

        def start_next() -> None:
            job = next(todo, None)
            if job is not None:
                running.append(self._pool.submit(self._run, job))

        try:
            for _ in range(AHEAD):
                start_next()
            while running:
                result = running.popleft().result()
                start_next()
                yield result
        finally:
            if running:
                self._stop(running)

    def _run(self, job: Callable[[Connection], T]) -> T:
        conn = self._free.get()
        try:
            return job(conn)
        finally:
            self._free.put(conn)

    def _stop(self, running: Iterable[Future[T]]) -> None:
        for future in running:
            future.cancel()
        if not self._closed:
            for conn in self.connections:
                conn.interrupt()  # a query under way ends now, with an error nobody reads
        wait(running)

    def close(self) -> None:
        """Stop what is still running (after an error) and close the connections."""
        if self._closed:
            return
        for conn in self.connections:
            conn.interrupt()  # a query still under way (after an error elsewhere) ends now
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._closed = True
        for conn in self.connections:
            with contextlib.suppress(Exception):
                conn.execute("ROLLBACK")
            conn.close()


@contextlib.contextmanager
def reading_snapshot(vault: Vault, readers: int | None = None) -> Iterator[Snapshot]:
    """Connections of their own reading one snapshot of the vault, closed after."""
    snapshot = Snapshot(vault, readers)
    try:
        yield snapshot
    finally:
        snapshot.close()


def _same_snapshot(vault: Vault, readers: int) -> list[Connection]:
    """``readers`` connections in read transactions that see the same commit.

    A connection's `PRAGMA data_version` changes when another connection commits; read on
    the last one before the others start and again inside its own transaction, the same
    value means nothing was committed while they started. If commits keep coming (an import),
    one connection: slower, as consistent."""
    # Few statements kept (pysqlite keeps at least 5): what a piece's query makes of each row
    # then finds room in its connection's lookaside; without, every string it makes takes the
    # lock of SQLite's shared allocator, and the readers wait for each other (twice the CPU).
    connections = [vault.open_reader(cached_statements=0) for _ in range(readers)]
    try:
        for _ in range(_TRIES if readers > 1 else 0):
            before = _data_version(connections[-1])
            for conn in connections:
                _begin(conn)
            if _data_version(connections[-1]) == before:
                return connections
            for conn in connections:
                conn.execute("ROLLBACK")
        while len(connections) > 1:
            connections.pop().close()
        _begin(connections[0])
        return connections
    except BaseException:
        for conn in connections:
            conn.close()
        raise


def _begin(conn: Connection) -> None:
    conn.execute(f"PRAGMA cache_size = -{_CACHE_KIB}")
    conn.execute("BEGIN")
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the snapshot starts here


def _data_version(conn: Connection) -> int:
    return int(conn.execute("PRAGMA data_version").fetchone()[0])

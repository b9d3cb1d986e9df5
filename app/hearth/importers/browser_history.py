"""Browser history: the `History` file of Chrome, Chromium, Edge and Brave, and Firefox's
`places.sqlite`. Each visit is a `browser.visit` record: its time, value the URL, the page
title and how the visit came about (typed, link, reload, ...) in meta.

The browser may be running: it can hold a lock on its file, and Hearth must never change it.
So the database, with its `-wal` and `-shm` files, is copied into a private temporary folder,
read from there with the standard `sqlite3` module in read-only mode, and the copy is deleted
however the reading ends. Sniffing opens the original with `immutable=1`, which takes no
lock and writes nothing.

Times: Chromium counts microseconds since 1601-01-01 UTC (WebKit time), Firefox microseconds
since 1970 (PRTime); both are UTC, and visits are filed on the UTC day. A visit's duration,
which Chromium fills in later, is kept in meta and not in its end time, so a visit read before
and after that update is the same record.
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any

from hearth.errors import BadInput
from hearth.importers.base import Match
from hearth.importers.browser_profiles import profile_of
from hearth.importers.export import Entry, Export
from hearth.importers.sink import RecordSink

NAME = "browser-history"
VISIT = "browser.visit"
SQLITE_MAGIC = b"SQLite format 3\x00"
WEBKIT_EPOCH_MS = 11_644_473_600_000  # 1601-01-01 to 1970-01-01
MAX_URL_CHARS = 4096  # longer ones are data: URLs and the like, not places visited
_LATEST_MS = 7_258_118_400_000  # 2200-01-01: a later time is damage
_PROGRESS_EVERY = 10_000
_SIDE_FILES = ("-wal", "-shm")

_CHROMIUM_TRANSITIONS = {
    0: "link",
    1: "typed",
    2: "auto_bookmark",
    3: "auto_subframe",
    4: "manual_subframe",
    5: "generated",
    6: "auto_toplevel",
    7: "form_submit",
    8: "reload",
    9: "keyword",
    10: "keyword_generated",
}
_FIREFOX_VISIT_TYPES = {
    1: "link",
    2: "typed",
    3: "bookmark",
    4: "embed",
    5: "redirect_permanent",
    6: "redirect_temporary",
    7: "download",
    8: "framed_link",
    9: "reload",
}


class BrowserHistoryImporter:
    name = NAME
    title = "Browser history"
    hint = (
        "Hearth wants the History file of a Chrome, Edge or Brave profile folder, or "
        "places.sqlite of a Firefox profile folder (or use 'Import my browser history')."
    )

    def sniff(self, export: Export) -> Match | None:
        names = tuple(
            entry.name
            for entry in export.entries
            if export.head(entry, len(SQLITE_MAGIC)) == SQLITE_MAGIC
            and _flavour_of_entry(export, entry) is not None
        )
        return Match(NAME, names) if names else None

    def read(self, export: Export, match: Match, sink: RecordSink) -> None:
        done = 0
        for entry in export.entries_named(match.entries):
            where = export.local_path(entry) or export.path / entry.name
            with private_copy(export, entry) as copy:
                try:
                    _read_database(copy, where, entry, done, sink)
                except _DAMAGE:
                    raise BadInput(
                        f"{entry.name} is a damaged browser history database; close the "
                        "browser and try again, or copy the file anew."
                    ) from None
            done += entry.size
            sink.read_to(done)


BROWSER_HISTORY = BrowserHistoryImporter()


@contextlib.contextmanager
def private_copy(export: Export, entry: Entry) -> Iterator[Path]:
    """A copy of ``entry`` (and its -wal/-shm) in a folder only this user can read, deleted
    when the block ends, however it ends."""
    folder = tempfile.TemporaryDirectory(prefix="hearth-history-")  # created 0700
    try:
        copy = Path(folder.name) / "history.sqlite"
        try:
            _copy_with_side_files(export, entry, copy)
        except OSError as exc:
            raise BadInput(
                f"Hearth could not copy {entry.name} to read it ({exc.strerror or exc})."
            ) from None
        yield copy
    finally:
        folder.cleanup()


def _copy_with_side_files(export: Export, entry: Entry, copy: Path) -> None:
    local = export.local_path(entry)
    if local is not None:
        shutil.copyfile(local, copy)
        for suffix in _SIDE_FILES:
            with contextlib.suppress(FileNotFoundError):
                shutil.copyfile(
                    local.with_name(local.name + suffix), copy.with_name(copy.name + suffix)
                )
        return
    _copy_member(export, entry, copy)
    for suffix in _SIDE_FILES:
        side = export.entry(entry.name + suffix)
        if side is not None:
            _copy_member(export, side, copy.with_name(copy.name + suffix))


def _copy_member(export: Export, entry: Entry, target: Path) -> None:
    with export.open(entry) as source, target.open("wb") as copy:
        shutil.copyfileobj(source, copy, 1 << 20)


# A damaged database fails with sqlite3.Error, or with UnicodeDecodeError when the garbage
# reaches the text of SQLite's own error message (a corrupt schema is quoted in it).
_DAMAGE = (sqlite3.Error, UnicodeDecodeError)


def _connect(path: Path, *, immutable: bool = False) -> sqlite3.Connection:
    options = "?mode=ro&immutable=1" if immutable else "?mode=ro"
    conn = sqlite3.connect(path.absolute().as_uri() + options, uri=True)
    # Browsers store whatever bytes a page sent as its title: never fail a whole history
    # on one bad title (sqlite3 would raise UnicodeDecodeError mid-cursor).
    conn.text_factory = lambda raw: raw.decode("utf-8", "replace")
    return conn


def _flavour(conn: sqlite3.Connection) -> str | None:
    """ "chromium" or "firefox" by the tables the database has, else None."""
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if {"urls", "visits"} <= tables:
        return "chromium"
    if {"moz_places", "moz_historyvisits"} <= tables:
        return "firefox"
    return None


def _flavour_of_entry(export: Export, entry: Entry) -> str | None:
    try:
        local = export.local_path(entry)
        if local is not None:
            # immutable: no lock taken, nothing written, even if the browser has it open. It
            # also ignores the -wal file, so a database whose tables are still only there
            # (new, never checkpointed) is looked at through a copy instead.
            with contextlib.closing(_connect(local, immutable=True)) as conn:
                found = _flavour(conn)
            if found is not None or not local.with_name(local.name + "-wal").is_file():
                return found
        with private_copy(export, entry) as copy, contextlib.closing(_connect(copy)) as conn:
            return _flavour(conn)
    except (*_DAMAGE, BadInput, OSError):
        return None


def _read_database(copy: Path, where: Path, entry: Entry, done: int, sink: RecordSink) -> None:
    with contextlib.closing(_connect(copy)) as conn:
        flavour = _flavour(conn)
        if flavour is None:
            raise sqlite3.DatabaseError("no history tables")
        browser, profile = profile_of(PurePosixPath(where.as_posix()), firefox=flavour == "firefox")
        source = (browser, "", profile)
        if flavour == "chromium":
            (total,) = conn.execute("SELECT count(*) FROM visits").fetchone()
            rows = _chromium_visits(conn)
        else:
            (total,) = conn.execute("SELECT count(*) FROM moz_historyvisits").fetchone()
            rows = _firefox_visits(conn)
        for number, (at_ms, url, title, how, meta) in enumerate(rows, 1):
            if _is_usable(at_ms, url, sink):
                meta.update(title=title if isinstance(title, str) and title else None)
                meta.update(transition=how)
                sink.add(
                    VISIT,
                    at_ms,
                    at_ms,
                    url,
                    source=source,
                    meta={k: v for k, v in meta.items() if v is not None} or None,
                )
            if number % _PROGRESS_EVERY == 0:
                sink.read_to(done + entry.size * number // max(total, 1))


Visit = tuple[Any, Any, Any, str | None, dict[str, Any]]


def _chromium_visits(conn: sqlite3.Connection) -> Iterator[Visit]:
    columns = {row[1] for row in conn.execute("PRAGMA table_info(visits)")}
    duration = "v.visit_duration" if "visit_duration" in columns else "NULL"
    cursor = conn.execute(
        f"SELECT v.visit_time, u.url, u.title, v.transition, {duration} "  # noqa: S608
        "FROM visits v LEFT JOIN urls u ON u.id = v.url"
    )
    for visit_time, url, title, transition, micros in cursor:
        at_ms = visit_time // 1000 - WEBKIT_EPOCH_MS if isinstance(visit_time, int) else None
        how = _CHROMIUM_TRANSITIONS.get(transition & 0xFF) if isinstance(transition, int) else None
        meta: dict[str, Any] = {}
        if isinstance(micros, int) and micros > 0:
            meta["duration_s"] = round(micros / 1_000_000, 3)
        yield at_ms, url, title, how, meta


def _firefox_visits(conn: sqlite3.Connection) -> Iterator[Visit]:
    cursor = conn.execute(
        "SELECT v.visit_date, p.url, p.title, v.visit_type "
        "FROM moz_historyvisits v LEFT JOIN moz_places p ON p.id = v.place_id"
    )
    for visit_date, url, title, visit_type in cursor:
        at_ms = visit_date // 1000 if isinstance(visit_date, int) else None
        yield at_ms, url, title, _FIREFOX_VISIT_TYPES.get(visit_type), {}


def _is_usable(at_ms: Any, url: Any, sink: RecordSink) -> bool:
    if at_ms is None or not 0 < at_ms < _LATEST_MS:
        sink.skip("browser visit without a usable time")
        return False
    if not isinstance(url, str) or not url:
        sink.skip("browser visit to a page missing from the history")
        return False
    if len(url) > MAX_URL_CHARS:
        sink.skip(f"browser visit to an address over {MAX_URL_CHARS} characters long")
        return False
    return True

"""Browser history: Chrome's real History file, Firefox places.sqlite built here, read from a
private copy that leaves the browser's files untouched and no copy behind."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import stat
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from hearth.errors import BadInput
from hearth.importers.browser_history import BROWSER_HISTORY, private_copy
from hearth.importers.export import Export
from hearth.importers.pipeline import import_path
from hearth.vault import Vault
from tests.unit.importers.vault_rows import everything, rows

WEBKIT_TO_UNIX_US = 11_644_473_600_000_000
FIREFOX_SCHEMA = """
CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url LONGVARCHAR, title LONGVARCHAR,
  rev_host LONGVARCHAR, visit_count INTEGER DEFAULT 0, hidden INTEGER DEFAULT 0 NOT NULL,
  typed INTEGER DEFAULT 0 NOT NULL, frecency INTEGER DEFAULT -1 NOT NULL,
  last_visit_date INTEGER, guid TEXT);
CREATE TABLE moz_historyvisits (id INTEGER PRIMARY KEY, from_visit INTEGER,
  place_id INTEGER, visit_date INTEGER, visit_type INTEGER, session INTEGER);
CREATE TABLE moz_bookmarks (id INTEGER PRIMARY KEY, fk INTEGER, title LONGVARCHAR);
"""
VISIT_1 = 1_700_000_000_000_000  # 2023-11-14 22:13:20 UTC, in microseconds


def digest(*paths: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() if p.exists() else "absent"
        for p in paths
    }


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The temporary folder copies go to, watched by the tests."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.fixture
def chrome_history(shared_fixtures: Path, tmp_path: Path) -> Path:
    """The real History file where Chrome on Linux keeps the Default profile's."""
    profile = tmp_path / "home" / ".config" / "google-chrome" / "Default"
    profile.mkdir(parents=True)
    return Path(
        shutil.copy(shared_fixtures / "browser" / "chrome-History.sqlite", profile / "History")
    )


def add_visits(conn: sqlite3.Connection, visits: list[tuple[str, str, int, int]]) -> None:
    for url, title, when, how in visits:
        cursor = conn.execute("INSERT INTO moz_places (url, title) VALUES (?, ?)", (url, title))
        conn.execute(
            "INSERT INTO moz_historyvisits (place_id, visit_date, visit_type) VALUES (?, ?, ?)",
            (cursor.lastrowid, when, how),
        )
    conn.commit()


@pytest.fixture
def running_firefox(tmp_path: Path) -> Iterator[tuple[Path, sqlite3.Connection]]:
    """places.sqlite as a running Firefox has it: WAL mode, its older visits checkpointed into
    the file and the newest only in places.sqlite-wal, the connection still open."""
    profile = tmp_path / "home" / ".mozilla" / "firefox" / "x1y2z3.default-release"
    profile.mkdir(parents=True)
    places = profile / "places.sqlite"
    conn = sqlite3.connect(places)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA wal_autocheckpoint=0")
    conn.executescript(FIREFOX_SCHEMA)
    add_visits(conn, [("https://example.org/", "Example", VISIT_1, 2)])
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    add_visits(conn, [("https://news.example/today", "Today", VISIT_1 + 60_000_000, 1)])
    yield places, conn
    conn.close()


def test_chrome_history_gives_its_69_visits_field_by_field(
    vault: Vault, shared_fixtures: Path
) -> None:
    history = shared_fixtures / "browser" / "chrome-History.sqlite"
    [outcome] = import_path(vault, history, separate_process=False)
    assert (outcome.source, outcome.result.added, outcome.result.skipped) == (
        "browser-history",
        69,
        0,
    )
    visits = rows(vault, "browser.visit")
    assert len(visits) == 69
    first = visits[0]
    # visit_time 12946651391000000 WebKit microseconds is 2011-04-07 12:03:11 UTC.
    assert first["start_ms"] == first["end_ms"] == 1302177791000
    assert first["value"] == "http://start.ubuntu.com/10.04/Google/"
    assert first["meta"] == {"title": "Ubuntu Start Page", "transition": "link"}
    # A file outside any browser's folder: the family is known, the browser and profile not.
    assert (first["source"], first["device"]) == ("Chromium-based browser", "")
    assert visits[-1]["start_ms"] == 1306139847061  # 12950613447061516 WebKit microseconds


def test_a_history_in_a_chrome_profile_folder_is_named_after_it(
    vault: Vault, chrome_history: Path
) -> None:
    import_path(vault, chrome_history, separate_process=False)
    sources = {(v["source"], v["version"], v["device"]) for v in rows(vault, "browser.visit")}
    assert sources == {("Chrome", "", "Default")}


def test_reading_leaves_the_browser_file_unchanged_and_no_copy_behind(
    vault: Vault, chrome_history: Path, private_tmp: Path
) -> None:
    before = digest(chrome_history, chrome_history.with_name("History-wal"))
    import_path(vault, chrome_history, separate_process=False)
    assert digest(chrome_history, chrome_history.with_name("History-wal")) == before
    assert list(private_tmp.iterdir()) == []


def test_the_copy_is_private_and_gone_afterwards(chrome_history: Path, private_tmp: Path) -> None:
    with Export(chrome_history) as export:
        [entry] = export.entries
        with private_copy(export, entry) as copy:
            assert copy.read_bytes() == chrome_history.read_bytes()
            assert stat.S_IMODE(copy.parent.stat().st_mode) == 0o700
            assert copy.parent.parent == private_tmp
        assert not copy.parent.exists()


def test_a_locked_history_is_still_read(vault: Vault, chrome_history: Path) -> None:
    # Chrome keeps its History open in exclusive locking mode while it runs.
    browser = sqlite3.connect(chrome_history)
    try:
        browser.execute("PRAGMA locking_mode=EXCLUSIVE")
        browser.execute("UPDATE meta SET value = value WHERE key = 'version'")
        browser.commit()
        [outcome] = import_path(vault, chrome_history, separate_process=False)
        assert outcome.result.added == 69
        browser.execute("UPDATE meta SET value = value WHERE key = 'version'")  # still its own
        browser.commit()
    finally:
        browser.close()


def test_firefox_visits_still_in_the_wal_are_read_and_nothing_is_changed(
    vault: Vault, running_firefox: tuple[Path, sqlite3.Connection], private_tmp: Path
) -> None:
    places, browser = running_firefox
    wal = places.with_name("places.sqlite-wal")
    assert wal.stat().st_size > 0
    before = digest(places, wal, places.with_name("places.sqlite-shm"))
    [outcome] = import_path(vault, places, separate_process=False)
    assert outcome.result.added == 2
    visits = rows(vault, "browser.visit")
    assert [(v["start_ms"], v["value"], v["meta"]) for v in visits] == [
        (1700000000000, "https://example.org/", {"title": "Example", "transition": "typed"}),
        (1700000060000, "https://news.example/today", {"title": "Today", "transition": "link"}),
    ]
    assert (visits[0]["source"], visits[0]["device"]) == ("Firefox", "default-release")
    assert digest(places, wal, places.with_name("places.sqlite-shm")) == before
    assert list(private_tmp.iterdir()) == []
    add_visits(browser, [("https://later.example/", "Later", VISIT_1 + 120_000_000, 1)])


def test_a_firefox_database_whose_tables_are_only_in_its_wal_is_recognised(
    tmp_path: Path,
) -> None:
    places = tmp_path / "places.sqlite"
    browser = sqlite3.connect(places)
    try:
        browser.execute("PRAGMA journal_mode=WAL")
        browser.execute("PRAGMA wal_autocheckpoint=0")
        browser.executescript(FIREFOX_SCHEMA)
        with Export(places) as export:
            assert BROWSER_HISTORY.sniff(export) is not None
    finally:
        browser.close()


def test_a_newer_copy_of_a_history_adds_only_the_new_visits(
    vault: Vault, running_firefox: tuple[Path, sqlite3.Connection]
) -> None:
    places, browser = running_firefox
    import_path(vault, places, separate_process=False)
    [again] = import_path(vault, places, separate_process=False)
    assert again.result.already_imported
    add_visits(browser, [("https://example.org/", "Example again", VISIT_1 + 3_600_000_000, 1)])
    browser.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # as when Firefox closes
    [newer] = import_path(vault, places, separate_process=False)
    assert (newer.result.added, newer.result.duplicates) == (1, 2)


def test_new_visits_still_in_the_wal_are_not_taken_for_an_earlier_import(
    vault: Vault, running_firefox: tuple[Path, sqlite3.Connection]
) -> None:
    places, browser = running_firefox
    import_path(vault, places, separate_process=False)
    add_visits(browser, [("https://example.org/", "Example again", VISIT_1 + 3_600_000_000, 1)])
    [newer] = import_path(vault, places, separate_process=False)
    assert newer.result.added == 1


def test_visits_that_cannot_be_placed_are_skipped_with_a_reason(
    vault: Vault, tmp_path: Path
) -> None:
    places = tmp_path / "places.sqlite"
    with sqlite3.connect(places) as conn:
        conn.executescript(FIREFOX_SCHEMA)
        add_visits(
            conn,
            [
                ("https://ok.example/", "", VISIT_1, 1),
                ("https://no-time.example/", "", 0, 1),
                ("data:text/plain," + "x" * 5000, "", VISIT_1, 1),
            ],
        )
        conn.execute(
            "INSERT INTO moz_historyvisits (place_id, visit_date) VALUES (99, ?)", (VISIT_1,)
        )
    conn.close()
    [outcome] = import_path(vault, places, separate_process=False)
    assert outcome.result.added == 1
    assert outcome.skip_reasons == {
        "browser visit without a usable time": 1,
        "browser visit to an address over 4096 characters long": 1,
        "browser visit to a page missing from the history": 1,
    }


def test_a_damaged_history_is_refused_changes_nothing_and_leaves_no_copy(
    vault: Vault, shared_fixtures: Path, tmp_path: Path, private_tmp: Path
) -> None:
    damaged = tmp_path / "History"
    data = bytearray((shared_fixtures / "browser" / "chrome-History.sqlite").read_bytes())
    # The schema on page 1 is whole, so it is claimed; the root pages of urls (4) and visits
    # (29), 1024 bytes each, are garbage, so reading fails half-way.
    for page in (4, 29):
        data[(page - 1) * 1024 : page * 1024] = b"\x0d" + b"\xff" * 1023
    damaged.write_bytes(bytes(data))
    before = everything(vault)
    with pytest.raises(BadInput, match=r"^History is a damaged browser history database"):
        import_path(vault, damaged, separate_process=False)
    assert everything(vault) == before
    assert list(private_tmp.iterdir()) == []


def test_other_sqlite_databases_are_not_claimed(tmp_path: Path) -> None:
    cookies = tmp_path / "Cookies"
    with sqlite3.connect(cookies) as conn:
        conn.execute("CREATE TABLE cookies (host_key TEXT, name TEXT, value TEXT)")
    conn.close()
    with Export(cookies) as export:
        assert BROWSER_HISTORY.sniff(export) is None
    not_sqlite = tmp_path / "History"
    not_sqlite.write_bytes(b"SQLite format 2\x00" + b"\x00" * 100)
    with Export(not_sqlite) as export:
        assert BROWSER_HISTORY.sniff(export) is None


def test_a_history_inside_a_zip_is_read(
    vault: Vault, shared_fixtures: Path, tmp_path: Path, private_tmp: Path
) -> None:
    archive_path = tmp_path / "profile-backup.zip"
    with zipfile.ZipFile(archive_path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(
            shared_fixtures / "browser" / "chrome-History.sqlite",
            "Microsoft/Edge/User Data/Default/History",
        )
        archive.writestr("Microsoft/Edge/User Data/Default/Preferences", "{}")
    [outcome] = import_path(vault, archive_path, separate_process=False)
    assert outcome.result.added == 69
    assert rows(vault, "browser.visit")[0]["source"] == "Edge"
    assert list(private_tmp.iterdir()) == []

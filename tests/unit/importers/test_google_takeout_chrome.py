"""Chrome history from Google Takeout (`Chrome/BrowserHistory.json`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hearth.errors import BadInput
from hearth.importers.export import Export
from hearth.importers.google_takeout import CHROME_TAKEOUT
from hearth.importers.pipeline import import_path
from hearth.vault import Vault
from tests.unit.importers.test_google_takeout_samples import (
    VISIT_EXAMPLE,
    VISIT_NEWS,
    browser_history,
    day_of,
    rows,
    write_zip,
)


def test_sniff_claims_browser_history_under_any_name_and_nothing_else(tmp_path: Path) -> None:
    path = write_zip(
        tmp_path / "takeout.zip",
        {
            "Takeout/Chrome/Verlauf.json": browser_history(VISIT_EXAMPLE),
            "Takeout/Chrome/Lesezeichen.html": b"<!DOCTYPE NETSCAPE-Bookmark-file-1>",
            "Takeout/Chrome/Einstellungen.json": json.dumps({"Extensions": []}).encode(),
            "Takeout/Google Fotos/IMG_0001.jpg.json": json.dumps(
                {"title": "IMG_0001.jpg", "photoTakenTime": {"timestamp": "1"}}
            ).encode(),
        },
    )
    with Export(path) as export:
        match = CHROME_TAKEOUT.sniff(export)
    assert match is not None
    assert match.entries == ("Takeout/Chrome/Verlauf.json",)


def test_visit_fields_are_read_one_by_one(vault: Vault, tmp_path: Path) -> None:
    path = tmp_path / "BrowserHistory.json"
    path.write_bytes(browser_history(VISIT_EXAMPLE, VISIT_NEWS))
    [outcome] = import_path(vault, path, separate_process=False)
    assert (outcome.source, outcome.result.added, outcome.result.skipped) == ("google-chrome", 2, 0)
    first, second = rows(vault, "browser.visit")
    assert first == {
        "day": day_of("2021-01-01"),
        "start_ms": 1609459200123,  # microseconds cut to milliseconds
        "end_ms": 1609459200123,
        "name": "Chrome (Google Takeout)",
        "version": "",
        "device": "",
        "value": "https://www.example.org/",
        "unit": None,
        "lat": None,
        "lng": None,
        "meta": {"title": "Example Domain", "transition": "LINK"},
    }
    assert second["value"] == "https://news.example.com/?q=wetter"
    assert second["meta"] == {"title": "Nachrichten – Übersicht", "transition": "TYPED"}


def test_the_sync_client_id_is_not_kept(vault: Vault, tmp_path: Path) -> None:
    path = tmp_path / "BrowserHistory.json"
    path.write_bytes(browser_history(VISIT_EXAMPLE))
    import_path(vault, path, separate_process=False)
    stored = vault.db.execute("SELECT group_concat(meta) FROM records").fetchone()[0]
    assert VISIT_EXAMPLE["client_id"] not in stored
    assert "favicon" not in stored


def test_reimport_of_the_same_file_adds_nothing(vault: Vault, tmp_path: Path) -> None:
    path = tmp_path / "BrowserHistory.json"
    path.write_bytes(browser_history(VISIT_EXAMPLE, VISIT_NEWS))
    import_path(vault, path, separate_process=False)
    [again] = import_path(vault, path, separate_process=False)
    assert (again.result.added, again.result.already_imported) == (0, True)
    assert len(rows(vault, "browser.visit")) == 2


def test_an_overlapping_newer_export_adds_only_the_new_visits(vault: Vault, tmp_path: Path) -> None:
    older = tmp_path / "older" / "BrowserHistory.json"
    older.parent.mkdir()
    older.write_bytes(browser_history(VISIT_EXAMPLE))
    newer = tmp_path / "newer" / "BrowserHistory.json"
    newer.parent.mkdir()
    newer.write_bytes(browser_history(VISIT_EXAMPLE, VISIT_NEWS))
    import_path(vault, older, separate_process=False)
    [outcome] = import_path(vault, newer, separate_process=False)
    assert (outcome.result.added, outcome.result.duplicates) == (1, 1)
    assert [r["value"] for r in rows(vault, "browser.visit")] == [
        "https://www.example.org/",
        "https://news.example.com/?q=wetter",
    ]


def test_a_visit_without_a_time_is_skipped_and_counted(vault: Vault, tmp_path: Path) -> None:
    broken = {k: v for k, v in VISIT_NEWS.items() if k != "time_usec"}
    path = tmp_path / "BrowserHistory.json"
    path.write_bytes(browser_history(VISIT_EXAMPLE, broken))
    [outcome] = import_path(vault, path, separate_process=False)
    assert (outcome.result.added, outcome.result.skipped) == (1, 1)
    assert outcome.skip_reasons == {"Chrome visit without a URL or time": 1}


def test_a_visit_with_an_impossible_time_is_skipped_not_a_crash(
    vault: Vault, tmp_path: Path
) -> None:
    far_future = {**VISIT_NEWS, "time_usec": 9 * 10**18}  # the year 287,000
    path = tmp_path / "BrowserHistory.json"
    path.write_bytes(browser_history(VISIT_EXAMPLE, far_future))
    [outcome] = import_path(vault, path, separate_process=False)
    assert (outcome.result.added, outcome.result.skipped) == (1, 1)


def test_a_truncated_file_is_refused_naming_it_and_the_vault_is_unchanged(
    vault: Vault, tmp_path: Path
) -> None:
    data = browser_history(VISIT_EXAMPLE, VISIT_NEWS)
    path = tmp_path / "BrowserHistory.json"
    path.write_bytes(data[: len(data) - 40])
    with pytest.raises(BadInput, match=r"^BrowserHistory\.json is truncated") as refused:
        import_path(vault, path, separate_process=False)
    assert "news.example.com" not in str(refused.value)
    assert vault.datasets() == []

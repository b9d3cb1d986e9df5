"""Reading datasets back: summaries from rollups and rows by position."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hearth.importers.pipeline import import_path
from hearth.vault import Vault
from hearth.vault.browse import RecordBrowser, summarize
from tests.unit.importers.apple_samples import write_heart_rates


def imported(vault: Vault, tmp_path: Path, count: int) -> int:
    [outcome] = import_path(
        vault, write_heart_rates(tmp_path / "export.xml", count), separate_process=False
    )
    return outcome.result.dataset_id


def test_summary_counts_each_type_and_day_from_the_rollups(vault: Vault, tmp_path: Path) -> None:
    dataset = imported(vault, tmp_path, 30_000)  # one record every 7 s: about 2.4 days
    [heart] = summarize(vault.db, dataset)
    assert heart.name == "HKQuantityTypeIdentifierHeartRate"
    assert heart.count == 30_000
    assert sum(count for _, count, _ in heart.series) == 30_000
    assert heart.first_day == date(2021, 1, 1)  # the local day the export states (-0700)
    assert heart.series[0][0] == heart.first_day


def test_browser_returns_the_same_rows_as_a_full_ordered_scan(vault: Vault, tmp_path: Path) -> None:
    dataset = imported(vault, tmp_path, 30_000)
    [heart] = summarize(vault.db, dataset)
    browser = RecordBrowser(vault.db, dataset, heart.type_id)
    everything = vault.db.execute(
        "SELECT start_ms, value FROM records WHERE dataset_id = ? AND type_id = ? "
        "ORDER BY day, start_ms, end_ms, source_id, value",
        (dataset, heart.type_id),
    ).fetchall()
    assert browser.count == len(everything) == 30_000
    for first in (0, 1, 12_345, 29_990):
        page = browser.rows(first, 50)
        assert [(r[0], r[2]) for r in page] == everything[first : first + 50]
    assert browser.rows(30_000, 10) == []

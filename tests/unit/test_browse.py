"""Reading datasets back: summaries from rollups and rows by position."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from hearth.importers.pipeline import import_path
from hearth.vault import Vault
from hearth.vault.browse import (
    RecordBrowser,
    TypeSummary,
    daily_series,
    day_to_date,
    summarize,
)
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
    assert heart.count == 30_000 and heart.has_numbers
    series = daily_series(vault.db, dataset, heart.type_id)
    assert sum(count for _, count, _ in series) == 30_000
    assert heart.first_day == date(2021, 1, 1)  # the local day the export states (-0700)
    assert (series[0][0], series[-1][0]) == (heart.first_day, heart.last_day)


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


def test_day_numbers_become_calendar_dates_on_both_sides_of_1970() -> None:
    for day in (-800, -1, 0, 1, 18_321, 19_000, 30_000):  # 18,321 is 2020-02-29
        assert day_to_date(day) == date(1970, 1, 1) + timedelta(days=day)


def test_summary_of_several_types_reads_only_its_dataset(vault: Vault) -> None:
    """Rollup rows written directly: each type's count, first and last day and series, text
    types without totals (no numbers), most records first (ties by name), the other dataset
    left out."""
    with vault.writing() as conn:
        member = vault.members()[0].id
        for source in ("one", "two"):
            conn.execute(
                "INSERT INTO datasets (member_id, title, source, created_at) "
                "VALUES (?, ?, ?, '2026-01-01T00:00:00Z')",
                (member, source, source),
            )
        conn.executemany(
            "INSERT INTO record_types (id, name) VALUES (?, ?)",
            [(1, "Steps"), (2, "Sleep"), (3, "Alpha"), (4, "Elsewhere")],
        )
        rollups = [
            (1, 1, -1, 5, 500.0),
            (1, 1, 0, 7, 700.0),
            (1, 1, 18_321, 3, 300.0),
            (1, 2, 18_320, 4, None),  # text values: counted, no total
            (1, 2, 18_321, 6, None),
            (1, 3, 18_321, 10, 1.5),
            (2, 4, 18_321, 99, 9.0),
        ]
        conn.executemany(
            "INSERT INTO daily_rollups (dataset_id, type_id, day, count, total) "
            "VALUES (?, ?, ?, ?, ?)",
            rollups,
        )
    leap = date(2020, 2, 29)
    assert summarize(vault.browsing, 1) == [
        TypeSummary(1, "Steps", 15, date(1969, 12, 31), leap, has_numbers=True),
        TypeSummary(3, "Alpha", 10, leap, leap, has_numbers=True),
        TypeSummary(2, "Sleep", 10, date(2020, 2, 28), leap, has_numbers=False),
    ]
    assert daily_series(vault.browsing, 1, 1) == [
        (date(1969, 12, 31), 5, 500.0),
        (date(1970, 1, 1), 7, 700.0),
        (leap, 3, 300.0),
    ]
    assert daily_series(vault.browsing, 1, 2) == [(date(2020, 2, 28), 4, None), (leap, 6, None)]
    assert daily_series(vault.browsing, 1, 4) == []  # another dataset's type
    assert summarize(vault.browsing, 3) == []

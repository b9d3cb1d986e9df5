"""Daily rollups kept up to date batch by batch: the same as recomputing them from the
records, after first imports, overlapping imports, duplicates inside a file and text values."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from hearth.importers.pipeline import import_path
from hearth.vault import Vault
from hearth.vault import rollups as rollups_module
from hearth.vault.records import ImportWriter, Row
from hearth.vault.rollups import day_rollup
from tests.unit.importers.apple_samples import write_heart_rates
from tests.unit.packages.helpers import writer_for

DAY = 86_400_000
RECOMPUTED = (
    "SELECT dataset_id, type_id, day, count(*), "
    "sum(CASE WHEN typeof(value) IN ('integer', 'real') THEN value END), "
    "min(CASE WHEN typeof(value) IN ('integer', 'real') THEN value END), "
    "max(CASE WHEN typeof(value) IN ('integer', 'real') THEN value END) "
    "FROM records GROUP BY dataset_id, type_id, day ORDER BY 1, 2, 3"
)
KEPT = (
    "SELECT dataset_id, type_id, day, count, total, minimum, maximum FROM daily_rollups "
    "ORDER BY 1, 2, 3"
)


def assert_rollups_match_the_records(vault: Vault) -> None:
    kept = vault.db.execute(KEPT).fetchall()
    recomputed = vault.db.execute(RECOMPUTED).fetchall()
    assert [row[:4] for row in kept] == [row[:4] for row in recomputed]  # counts: exact
    for mine, theirs in zip(kept, recomputed, strict=True):
        assert mine[4:] == pytest.approx(theirs[4:], rel=1e-12)  # totals: summed by batch


def rows(seed: int, count: int, days: range, text_every: int = 0) -> list[Row]:
    """Rows of two types, in type and day order as a parser sends them, some text."""
    rng = random.Random(seed)
    made: list[Row] = []
    for type_id in (1, 2):
        for i in range(count):
            day = days.start + i * len(days) // count
            start = day * DAY + rng.randrange(DAY)
            value: Any = round(rng.uniform(40, 180), 1)
            if text_every and i % text_every == 0:
                value = "HKCategoryValueSleepAnalysisAsleep"
            made.append((type_id, day, start, start, 1, value, 0, "", "", 0))
    return made


def write(vault: Vault, sha: str, batches: list[list[Row]]) -> None:
    writer: ImportWriter = writer_for(vault, "test", sha)
    writer.add_labels([(1, "heart"), (2, "sleep")] if sha == "a" else [], [])
    if sha == "a":
        writer.add_labels([], [(1, ("Watch", "", ""))])
    for batch in batches:
        writer.add_rows(batch)
    writer.commit(0)


def in_batches(made: list[Row], size: int) -> list[list[Row]]:
    return [made[i : i + size] for i in range(0, len(made), size)]


def test_a_first_import_never_reads_its_records_back(
    vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    recomputed: list[int] = []
    finish = rollups_module.DailyRollups.finish

    def spying(self: rollups_module.DailyRollups) -> None:
        recomputed.append(len(self._recompute))
        finish(self)

    monkeypatch.setattr(rollups_module.DailyRollups, "finish", spying)
    monkeypatch.setattr(rollups_module, "_HELD", 7)  # merged into the table many times
    write(vault, "a", in_batches(rows(1, 3000, range(18000, 18030), text_every=5), 700))
    assert recomputed == [0]
    assert_rollups_match_the_records(vault)


def test_an_overlapping_import_recomputes_only_the_days_it_shares(vault: Vault) -> None:
    write(vault, "a", in_batches(rows(1, 2000, range(18000, 18020)), 500))
    # A newer export: the same first 1,000 rows of each type again, then new days.
    newer = rows(1, 2000, range(18000, 18020))
    newer = [row for row in newer if row[1] < 18010] + rows(2, 1000, range(18020, 18030))
    write(vault, "b", in_batches(newer, 300))
    assert_rollups_match_the_records(vault)
    assert vault.db.execute("SELECT count(*) FROM records").fetchone()[0] == 6000


def test_duplicates_inside_one_file_leave_the_counts_right(vault: Vault) -> None:
    made = rows(3, 1000, range(18000, 18005), text_every=3)
    write(vault, "a", in_batches(made + made[:250] + made[990:], 128))
    assert_rollups_match_the_records(vault)


def test_a_rolled_back_import_leaves_the_rollups_as_they_were(vault: Vault) -> None:
    write(vault, "a", in_batches(rows(1, 500, range(18000, 18010)), 100))
    before = vault.db.execute(KEPT).fetchall()
    writer = writer_for(vault, "test", "b")
    writer.add_rows(rows(9, 500, range(18005, 18015)))
    writer.rollback()
    assert vault.db.execute(KEPT).fetchall() == before


def test_imports_through_the_pipeline_keep_them_too(vault: Vault, tmp_path: Path) -> None:
    import_path(vault, write_heart_rates(tmp_path / "a.xml", 20_000), separate_process=True)
    import_path(vault, write_heart_rates(tmp_path / "b.xml", 30_000), separate_process=False)
    assert_rollups_match_the_records(vault)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([72.0, 80.5, 60], (3, 212.5, 60, 80.5)),
        (["asleep", 8.0, "awake", 2], (4, 10.0, 2, 8.0)),
        (["asleep", "awake"], (2, None, None, None)),
    ],
)
def test_a_day_of_numbers_and_text(values: list[Any], expected: tuple[Any, ...]) -> None:
    assert day_rollup(values) == expected

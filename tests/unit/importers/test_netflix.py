"""Netflix ViewingActivity.csv and NetflixViewingHistory.csv, built here in their shapes."""

from __future__ import annotations

import tempfile
import zipfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hearth.errors import BadInput
from hearth.importers.export import Export
from hearth.importers.netflix import NETFLIX, profile_source
from hearth.importers.pipeline import import_path
from hearth.vault import Vault
from tests.unit.importers.fuzzing import import_without_vault, mutate, mutation
from tests.unit.importers.vault_rows import everything, rows, stored_text

HEADER = (
    "Profile Name,Start Time,Duration,Attributes,Title,Supplemental Video Type,Device Type,"
    "Bookmark,Latest Bookmark,Country\n"
)
ACTIVITY = HEADER + (
    'Ana,2023-01-01 20:00:00,00:42:10,,"The Crown: Season 1: Wolferton Splash (Episode 1)",,'
    "Apple iPhone 12 Pro,00:42:10,00:42:10,FR (France)\n"
    "Ana,2023-01-01 19:58:00,00:00:31,Autoplayed: user action: None; ,"
    "The Crown: Season 2 (Trailer),TRAILER,Apple iPhone 12 Pro,00:00:31,00:00:31,FR (France)\n"
    "Léo,2023-01-02 08:15:00,01:52:03,,Paddington 2,,Samsung TV,01:52:03,Not latest view,"
    "FR (France)\n"
    "Léo,not a time,00:10:00,,Something,,Samsung TV,00:10:00,00:10:00,FR (France)\n"
)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8-sig")
    return path


def test_viewing_activity_is_read_field_by_field(vault: Vault, tmp_path: Path) -> None:
    [outcome] = import_path(
        vault, write(tmp_path / "ViewingActivity.csv", ACTIVITY), separate_process=False
    )
    assert outcome.source == "netflix"
    reason = "Netflix viewing without a title, start time or duration"
    assert outcome.skip_reasons == {reason: 1}
    trailer, episode, film = rows(vault, "netflix.view")
    start = 1672603200000  # 2023-01-01 20:00:00 UTC
    assert (episode["start_ms"], episode["end_ms"]) == (start, start + (42 * 60 + 10) * 1000)
    assert episode["value"] == "The Crown: Season 1: Wolferton Splash (Episode 1)"
    assert episode["meta"] == {
        "device": "Apple iPhone 12 Pro",
        "bookmark": "00:42:10",
        "latest_bookmark": "00:42:10",
        "country": "FR (France)",
    }
    # Trailers that played while browsing are kept, and flagged.
    assert trailer["meta"]["supplemental"] == "TRAILER"
    assert trailer["meta"]["attributes"] == "Autoplayed: user action: None; "
    assert film["end_ms"] - film["start_ms"] == (60 + 52) * 60_000 + 3000


def test_profile_names_never_reach_the_vault(vault: Vault, tmp_path: Path) -> None:
    import_path(vault, write(tmp_path / "ViewingActivity.csv", ACTIVITY), separate_process=False)
    views = rows(vault, "netflix.view")
    assert {v["source"] for v in views} == {
        profile_source("Ana")[0],
        profile_source("Léo")[0],
    }
    assert profile_source("Ana")[0].startswith("Netflix profile ")
    assert profile_source("Ana") == profile_source("Ana") != profile_source("Léo")
    stored = stored_text(vault)
    assert "Ana" not in stored and "Léo" not in stored


def test_reimport_adds_nothing_and_a_newer_export_adds_only_new_views(
    vault: Vault, tmp_path: Path
) -> None:
    older = write(tmp_path / "ViewingActivity.csv", ACTIVITY)
    import_path(vault, older, separate_process=False)
    [again] = import_path(vault, older, separate_process=False)
    assert again.result.already_imported
    newer = tmp_path / "netflix-report.zip"
    later = "Ana,2023-02-01 21:00:00,00:20:00,,Wednesday: Season 1,,Chrome PC,,,FR (France)\n"
    with zipfile.ZipFile(newer, "w") as archive:
        archive.writestr("CONTENT_INTERACTION/ViewingActivity.csv", ACTIVITY + later)
        archive.writestr("CONTENT_INTERACTION/Ratings.csv", "Profile Name,Title Name\nAna,X\n")
    [outcome] = import_path(vault, newer, separate_process=False)
    assert (outcome.result.added, outcome.result.duplicates) == (1, 3)


def test_a_file_cut_off_in_a_row_is_refused_and_changes_nothing(
    vault: Vault, tmp_path: Path
) -> None:
    before = everything(vault)
    cut = write(tmp_path / "ViewingActivity.csv", ACTIVITY[: ACTIVITY.index("Paddington")])
    with pytest.raises(BadInput, match=r"^ViewingActivity\.csv ends in the middle of a row"):
        import_path(vault, cut, separate_process=False)
    assert everything(vault) == before


def test_a_file_that_is_not_utf8_is_refused(vault: Vault, tmp_path: Path) -> None:
    path = tmp_path / "ViewingActivity.csv"
    path.write_bytes(
        HEADER.encode() + "Léo,2023-01-02 08:15:00,01:00:00,,Amélie,,TV,,,FR\n".encode("latin-1")
    )
    with pytest.raises(BadInput, match=r"^ViewingActivity\.csv is not UTF-8 text"):
        import_path(vault, path, separate_process=False)
    assert vault.datasets() == []


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # The US form, month first: 1/31/23 shows it, 2/1/23 is then February 1st.
        (
            ['"The Crown: Season 1",1/31/23', "Paddington 2,2/1/23"],
            [date(2023, 1, 31), date(2023, 2, 1)],
        ),
        # The British form, day first.
        (
            ["The Crown,31/01/2023", "Paddington 2,01/02/2023"],
            [date(2023, 1, 31), date(2023, 2, 1)],
        ),
        # German, with dots.
        (["Dark,31.1.23", "Paddington 2,1.2.23"], [date(2023, 1, 31), date(2023, 2, 1)]),
        # Year first.
        (["Dark,2023/01/31", "Paddington 2,2023/02/01"], [date(2023, 1, 31), date(2023, 2, 1)]),
        # Nothing shows the order: "/" with a two-digit year is American...
        (["Dark,1/2/23"], [date(2023, 1, 2)]),
        # ... every other form day first.
        (["Dark,01/02/2023"], [date(2023, 2, 1)]),
    ],
)
def test_title_history_dates_follow_the_accounts_locale(
    vault: Vault, tmp_path: Path, lines: list[str], expected: list[date]
) -> None:
    path = write(tmp_path / "NetflixViewingHistory.csv", "Title,Date\n" + "\n".join(lines) + "\n")
    import_path(vault, path, separate_process=False)
    views = rows(vault, "netflix.view")
    days = sorted(date.fromordinal(date(1970, 1, 1).toordinal() + v["day"]) for v in views)
    assert days == expected
    assert all(v["end_ms"] - v["start_ms"] == 86_400_000 - 1 for v in views)
    assert {v["source"] for v in views} == {"Netflix"}


def test_title_history_with_both_date_orders_is_refused(vault: Vault, tmp_path: Path) -> None:
    path = write(tmp_path / "NetflixViewingHistory.csv", "Title,Date\nA,31/01/2023\nB,01/31/2023\n")
    with pytest.raises(BadInput, match="mixes day-first and month-first"):
        import_path(vault, path, separate_process=False)
    assert vault.datasets() == []


def test_other_csv_files_are_not_claimed(tmp_path: Path) -> None:
    for name, text in [
        ("Ratings.csv", "Profile Name,Title Name,Rating Type\nAna,X,thumb\n"),
        ("books.csv", "Title,Date\nDune,first edition\n"),
        ("notes.csv", "Title,Author,Date\nDune,Herbert,1965\n"),
    ]:
        with Export(write(tmp_path / name, text)) as export:
            assert NETFLIX.sniff(export) is None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.sampled_from([ACTIVITY, "Title,Date\nDark,31.1.23\nPaddington 2,1.2.23\n"]),
    steps=st.lists(mutation, min_size=1, max_size=4),
)
def test_mutated_csv_files_import_or_raise_bad_input(
    seed: str, steps: list[tuple[str, int, int]]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ViewingActivity.csv"
        path.write_bytes(mutate(seed.encode(), steps))
        try:
            import_without_vault(path)
        except BadInput as refused:
            assert str(refused)

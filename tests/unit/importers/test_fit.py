"""FIT activity files: real Garmin recordings, the damaged ones, gzipped and zipped ones."""

from __future__ import annotations

import gzip
import shutil
import zipfile
from pathlib import Path

import pytest

from hearth.errors import BadInput
from hearth.importers.activity_files import ACTIVITY_FILES
from hearth.importers.export import Export
from hearth.importers.pipeline import import_path
from hearth.vault import Vault
from tests.unit.importers.vault_rows import counts, everything, rows

FENIX2_START_MS = 1439649908000  # 2015-08-15 14:45:08 UTC, the first record's timestamp


def test_first_record_of_a_fenix2_run_is_read_field_by_field(
    vault: Vault, shared_fixtures: Path
) -> None:
    [outcome] = import_path(
        vault, shared_fixtures / "fit" / "fenix2-run.fit", separate_process=False
    )
    assert (outcome.source, outcome.result.added, outcome.result.skipped) == (
        "activity-files",
        2810,
        0,
    )
    points = rows(vault, "activity.point")
    assert len(points) == 2809
    first = points[0]
    assert first["start_ms"] == first["end_ms"] == FENIX2_START_MS
    assert first["day"] == FENIX2_START_MS // 86_400_000  # the UTC day
    # 703410450 and 68347712 semicircles, times 180 / 2**31
    assert first["lat"] == pytest.approx(58.959182817)
    assert first["lng"] == pytest.approx(5.728839039)
    assert first["value"] == "58.959183,5.728839"
    assert first["meta"] == {
        "heart_rate": 69,
        "altitude": 55.0,
        "speed": 5.89,
        "cadence": 56,
        "distance": 0.0,
        "temperature": 21,
    }
    assert (first["source"], first["version"], first["device"]) == ("Garmin fenix2", "440", "")


def test_a_session_is_the_sport_with_its_totals(vault: Vault, shared_fixtures: Path) -> None:
    import_path(vault, shared_fixtures / "fit" / "fenix2-run.fit", separate_process=False)
    [session] = rows(vault, "activity.session")
    assert session["value"] == "running"
    assert session["start_ms"] == FENIX2_START_MS
    # the session ends its total_elapsed_time (2832 s) after it starts
    assert session["end_ms"] == FENIX2_START_MS + 2832 * 1000
    assert session["meta"]["distance_m"] == 9008.22
    assert session["meta"]["calories_kcal"] == 516
    assert session["lat"] == pytest.approx(58.959182817)


def test_fenix5_run_keeps_its_heart_rate_and_session_averages(
    vault: Vault, shared_fixtures: Path
) -> None:
    import_path(vault, shared_fixtures / "fit" / "fenix5-run.fit", separate_process=False)
    points = rows(vault, "activity.point")
    assert len(points) == 21
    assert points[0]["start_ms"] == 1497191649000  # 2017-06-11 14:34:09 UTC
    assert points[0]["meta"]["heart_rate"] == 61
    assert points[0]["lng"] == pytest.approx(-122.633703919)
    [session] = rows(vault, "activity.session")
    assert session["meta"]["avg_heart_rate"] == 90
    assert session["meta"]["max_heart_rate"] == 112
    assert session["source"] == "Garmin fenix5"


def test_reimporting_the_same_file_adds_nothing(vault: Vault, shared_fixtures: Path) -> None:
    fit = shared_fixtures / "fit" / "fenix5-run.fit"
    [first] = import_path(vault, fit, separate_process=False)
    [again] = import_path(vault, fit, separate_process=False)
    assert again.result.already_imported and again.result.added == 0
    assert vault.datasets()[0].records == first.result.added == 22


def test_the_same_activity_in_a_newer_folder_is_recognised_by_its_records(
    vault: Vault, shared_fixtures: Path, tmp_path: Path
) -> None:
    import_path(vault, shared_fixtures / "fit" / "fenix5-run.fit", separate_process=False)
    folder = tmp_path / "GARMIN" / "Activity"
    folder.mkdir(parents=True)
    shutil.copy(shared_fixtures / "fit" / "fenix5-run.fit", folder / "2017-06-11.FIT")
    shutil.copy(shared_fixtures / "fit" / "fenix2-run.fit", folder / "2015-08-15.FIT")
    [outcome] = import_path(vault, tmp_path / "GARMIN", separate_process=False)
    assert (outcome.result.added, outcome.result.duplicates) == (2810, 22)


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("invalid-activity-filecrc.fit", "checksum that does not match"),
        ("invalid-activity-settings-corruptheader.fit", "damaged FIT header at byte 771"),
        ("invalid-activity-settings-nodata.fit", "ends early (cut off after byte 783)"),
        ("invalid-activity-unexpected-eof.fit", "ends early (cut off after byte 751)"),
    ],
)
def test_a_damaged_fit_file_imports_what_is_valid_and_says_what_was_skipped(
    vault: Vault, shared_fixtures: Path, name: str, problem: str
) -> None:
    [outcome] = import_path(vault, shared_fixtures / "fit" / name, separate_process=False)
    assert counts(vault) == {"activity.point": 14, "activity.session": 1}
    assert outcome.result.skipped == 1
    [reason] = outcome.skip_reasons
    assert reason.startswith(name) and problem in reason
    first = rows(vault, "activity.point")[0]
    assert first["start_ms"] == 1334006546000  # 2012-04-09 21:22:26 UTC
    assert first["lat"] == pytest.approx(41.513926070)


def test_a_fit_file_damaged_before_its_first_record_is_refused_and_changes_nothing(
    vault: Vault, shared_fixtures: Path, tmp_path: Path
) -> None:
    import_path(vault, shared_fixtures / "fit" / "fenix5-run.fit", separate_process=False)
    before = everything(vault)
    cut = tmp_path / "cut.fit"
    cut.write_bytes((shared_fixtures / "fit" / "fenix2-run.fit").read_bytes()[:40])
    with pytest.raises(BadInput, match=r"^cut\.fit ends early"):
        import_path(vault, cut, separate_process=False)
    assert everything(vault) == before


def test_in_a_folder_a_file_with_nothing_valid_is_skipped_and_the_rest_imported(
    vault: Vault, shared_fixtures: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "activities"
    folder.mkdir()
    shutil.copy(shared_fixtures / "fit" / "fenix5-run.fit", folder / "good.fit")
    (folder / "cut.fit").write_bytes((shared_fixtures / "fit" / "fenix2-run.fit").read_bytes()[:40])
    [outcome] = import_path(vault, folder, separate_process=False)
    assert outcome.result.added == 22
    assert [r for r in outcome.skip_reasons if r.startswith("cut.fit")] == [
        "cut.fit ends early (cut off after byte 38); the file was skipped"
    ]


def test_gzipped_fit_files_in_a_strava_zip_are_read_and_a_broken_one_skipped(
    vault: Vault, shared_fixtures: Path, tmp_path: Path
) -> None:
    fenix5 = gzip.compress((shared_fixtures / "fit" / "fenix5-run.fit").read_bytes())
    strava = tmp_path / "export_12345.zip"
    with zipfile.ZipFile(strava, "w") as archive:
        archive.writestr("activities/111.fit.gz", fenix5)
        archive.writestr("activities/222.fit.gz", fenix5[: len(fenix5) // 2])
        archive.writestr("activities.csv", "Activity ID,Activity Date\n111,Jun 11 2017\n")
    [outcome] = import_path(vault, strava, separate_process=False)
    assert outcome.result.added == 22
    assert len(rows(vault, "activity.point")) == 21
    # The cut one gave its first records (duplicates of 111's) before the gzip data ended.
    assert any(
        r.startswith("activities/222.fit.gz is damaged or cut off") for r in outcome.skip_reasons
    )


def test_fit_files_are_found_by_content_not_by_name(shared_fixtures: Path, tmp_path: Path) -> None:
    renamed = tmp_path / "run.bin"
    shutil.copy(shared_fixtures / "fit" / "fenix5-run.fit", renamed)
    with Export(renamed) as export:
        assert ACTIVITY_FILES.sniff(export) is not None
    impostor = tmp_path / "notes.fit"
    impostor.write_text("just some notes that end in .fit\n")
    with Export(impostor) as export:
        assert ACTIVITY_FILES.sniff(export) is None


def test_the_parser_process_gives_the_same_rows(shared_fixtures: Path, tmp_path: Path) -> None:
    def imported(separate: bool, where: Path) -> list[object]:
        opened, _ = Vault.create(where, "Ana", "correct horse battery staple")
        with opened:
            import_path(
                opened, shared_fixtures / "fit" / "fenix5-run.fit", separate_process=separate
            )
            return everything(opened)

    assert imported(True, tmp_path / "a") == imported(False, tmp_path / "b")

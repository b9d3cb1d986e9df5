"""Google Fit from Google Takeout: daily activity CSVs, the summary CSV, session JSON."""

from __future__ import annotations

from pathlib import Path

import pytest

from hearth.errors import BadInput
from hearth.importers.export import Export
from hearth.importers.pipeline import import_path
from hearth.importers.takeout_fit import GOOGLE_FIT
from hearth.vault import Vault
from tests.unit.importers.test_google_takeout_samples import (
    FIT_LAST,
    FIT_QUIET,
    FIT_WALK,
    RUN_SESSION,
    day_of,
    fit_day,
    fit_session,
    fit_summary,
    rows,
    type_counts,
    write_zip,
)

DAILY_EN = "Takeout/Fit/Daily activity metrics/2021-03-01.csv"
SUMMARY_EN = "Takeout/Fit/Daily activity metrics/Daily activity metrics.csv"
DAILY_DE = "Takeout/Fit/Tägliche Aktivitätswerte/2021-03-01.csv"
SUMMARY_DE = "Takeout/Fit/Tägliche Aktivitätswerte/Tägliche Aktivitätswerte.csv"
SESSION_DE = "Takeout/Fit/Alle Sitzungen/2021-03-01T07_30_00+01_00_RUNNING.json"
SUMMARY_ROWS = ("2021-02-28,30,2000.5,3000,10,20,4000", "2021-03-01,5,63.25,400.5,2,1,612")
GERMAN_HEADER = (
    "Startzeit,Endzeit,Anzahl der Minuten in Bewegung,Kalorien (kcal),Distanz (m),Kardiopunkte"
)


def test_sniff_claims_day_files_summary_and_sessions_under_german_names(tmp_path: Path) -> None:
    path = write_zip(
        tmp_path / "takeout.zip",
        {
            DAILY_DE: fit_day(FIT_QUIET, FIT_WALK),
            SUMMARY_DE: (b"Datum,Minuten,Kalorien (kcal)\r\n2021-02-28,30,2000.5\r\n"),
            SESSION_DE: fit_session(RUN_SESSION),
            "Takeout/Netflix/ViewingActivity.csv": (
                b"Profile Name,Start Time,Duration,Title\r\nAna,2021-03-01 20:00:00,00:40:00,X\r\n"
            ),
            "Takeout/Konto/Kontoaktivität.csv": "Datum,IP,Gerät\r\n2021-03-01,10.0.0.1,Phone\r\n".encode(),
        },
    )
    with Export(path) as export:
        match = GOOGLE_FIT.sniff(export)
    assert match is not None
    assert set(match.entries) == {DAILY_DE, SUMMARY_DE, SESSION_DE}


def test_a_date_first_csv_without_fit_beside_it_is_not_claimed(tmp_path: Path) -> None:
    path = tmp_path / "kontoauszug.csv"
    path.write_bytes(b"Datum,Betrag,Saldo\r\n2021-03-01,-12.5,1000\r\n")
    with Export(path) as export:
        assert GOOGLE_FIT.sniff(export) is None


def test_daily_rows_become_one_record_per_metric_read_field_by_field(
    vault: Vault, tmp_path: Path
) -> None:
    path = write_zip(tmp_path / "takeout.zip", {DAILY_EN: fit_day(FIT_QUIET, FIT_WALK, FIT_LAST)})
    [outcome] = import_path(vault, path, separate_process=False)
    assert (outcome.source, outcome.result.skipped) == ("google-fit", 0)
    [steps] = rows(vault, "google-fit.step_count")
    assert steps == {
        "day": day_of("2021-03-01"),
        "start_ms": 1614582000000,  # 2021-03-01T08:00+01:00 is 07:00Z
        "end_ms": 1614582900000,
        "name": "Google Fit",
        "version": "",
        "device": "",
        "value": 612,
        "unit": None,
        "lat": None,
        "lng": None,
        "meta": None,
    }
    calories = rows(vault, "google-fit.calories")
    assert [(r["value"], r["unit"]) for r in calories] == [
        (16.5, "kcal"),
        (30.25, "kcal"),
        (16.5, "kcal"),
    ]
    last = calories[-1]
    assert last["end_ms"] - last["start_ms"] == 15 * 60_000  # ends at the next midnight
    assert last["day"] == day_of("2021-03-01")
    assert rows(vault, "google-fit.average_heart_rate")[0]["unit"] == "bpm"
    assert rows(vault, "google-fit.average_speed")[0]["unit"] == "m/s"
    assert rows(vault, "google-fit.move_minutes_count")[0]["value"] == 5
    assert type_counts(vault) == {
        "google-fit.move_minutes_count": 1,
        "google-fit.calories": 3,
        "google-fit.distance": 1,
        "google-fit.heart_points": 1,
        "google-fit.heart_minutes": 1,
        "google-fit.average_heart_rate": 1,
        "google-fit.max_heart_rate": 1,
        "google-fit.min_heart_rate": 1,
        "google-fit.average_speed": 1,
        "google-fit.max_speed": 1,
        "google-fit.min_speed": 1,
        "google-fit.step_count": 1,
        "google-fit.inactive_duration": 2,
        "google-fit.walking_duration": 1,
    }


def test_latitude_and_longitude_bounds_are_left_out(vault: Vault, tmp_path: Path) -> None:
    path = write_zip(tmp_path / "takeout.zip", {DAILY_EN: fit_day(FIT_WALK)})
    import_path(vault, path, separate_process=False)
    assert not [name for name in type_counts(vault) if "latitude" in name or "longitude" in name]
    assert vault.db.execute("SELECT count(*) FROM records WHERE value = 48.85").fetchone() == (0,)


def test_german_headers_are_imported_under_their_own_names(vault: Vault, tmp_path: Path) -> None:
    row = "08:00:00.000+01:00,08:15:00.000+01:00,5,30.25,400.5,2"
    path = write_zip(tmp_path / "takeout.zip", {DAILY_DE: fit_day(row, header=GERMAN_HEADER)})
    import_path(vault, path, separate_process=False)
    assert type_counts(vault) == {
        "google-fit.anzahl_der_minuten_in_bewegung": 1,
        "google-fit.kalorien": 1,
        "google-fit.distanz": 1,
        "google-fit.kardiopunkte": 1,
    }
    assert rows(vault, "google-fit.kalorien")[0]["unit"] == "kcal"


def test_the_summary_only_fills_days_without_a_day_file(vault: Vault, tmp_path: Path) -> None:
    path = write_zip(
        tmp_path / "takeout.zip",
        {DAILY_EN: fit_day(FIT_WALK), SUMMARY_EN: fit_summary(*SUMMARY_ROWS)},
    )
    import_path(vault, path, separate_process=False)
    steps = rows(vault, "google-fit.step_count")
    assert [(r["day"], r["value"]) for r in steps] == [
        (day_of("2021-02-28"), 4000),  # from the summary: no day file for Feb 28th
        (day_of("2021-03-01"), 612),  # from the day file only, not counted twice
    ]
    whole_day = steps[0]
    assert (whole_day["start_ms"], whole_day["end_ms"]) == (1614470400000, 1614556800000)


def test_a_session_is_read_field_by_field(vault: Vault, tmp_path: Path) -> None:
    path = write_zip(tmp_path / "takeout.zip", {SESSION_DE: fit_session(RUN_SESSION)})
    import_path(vault, path, separate_process=False)
    [run] = rows(vault, "google-fit.session")
    assert run == {
        "day": day_of("2021-03-01"),
        "start_ms": 1614580200000,  # 2021-03-01T06:30Z
        "end_ms": 1614582000000,
        "name": "Google Fit",
        "version": "",
        "device": "",
        "value": "running",
        "unit": None,
        "lat": None,
        "lng": None,
        "meta": {
            "duration_s": 1800.0,
            "aggregates": {
                "calories.expended": 250.5,
                "step_count.delta": 3000,
                "distance.delta": 4000.25,
            },
            "segments": [
                {
                    "activity": "running",
                    "start": "2021-03-01T06:30:00.000Z",
                    "end": "2021-03-01T07:00:00Z",
                }
            ],
        },
    }


def test_a_session_without_an_end_is_skipped_and_counted(vault: Vault, tmp_path: Path) -> None:
    broken = {k: v for k, v in RUN_SESSION.items() if k != "endTime"}
    path = write_zip(
        tmp_path / "takeout.zip",
        {SESSION_DE: fit_session(broken), DAILY_EN: fit_day(FIT_WALK)},
    )
    [outcome] = import_path(vault, path, separate_process=False)
    assert outcome.skip_reasons == {"Google Fit session without a readable activity or time": 1}
    assert rows(vault, "google-fit.session") == []


def test_cells_that_are_not_numbers_and_short_rows_are_skipped_and_counted(
    vault: Vault, tmp_path: Path
) -> None:
    bad_cell = FIT_WALK.replace(",612,", ",lots,")
    path = write_zip(tmp_path / "takeout.zip", {DAILY_EN: fit_day(bad_cell, "08:15:00.000")})
    [outcome] = import_path(vault, path, separate_process=False)
    assert outcome.skip_reasons == {
        "Google Fit cell that is not a number": 1,
        "Google Fit row without a readable time": 1,
    }
    assert rows(vault, "google-fit.step_count") == []
    assert len(rows(vault, "google-fit.calories")) == 1


def test_reimport_adds_nothing_and_a_newer_takeout_adds_only_new_rows(
    vault: Vault, tmp_path: Path
) -> None:
    older = write_zip(tmp_path / "takeout-1.zip", {DAILY_EN: fit_day(FIT_QUIET)})
    newer = write_zip(
        tmp_path / "takeout-2.zip",
        {DAILY_EN: fit_day(FIT_QUIET, FIT_WALK), SESSION_DE: fit_session(RUN_SESSION)},
    )
    [first] = import_path(vault, older, separate_process=False)
    assert first.result.added == 2
    [again] = import_path(vault, older, separate_process=False)
    assert (again.result.added, again.result.already_imported) == (0, True)
    [outcome] = import_path(vault, newer, separate_process=False)
    # the walk's 13 metrics (its 4 position bounds left out) and the session
    assert (outcome.result.added, outcome.result.duplicates) == (14, 2)


def test_a_truncated_session_is_refused_and_the_vault_is_unchanged(
    vault: Vault, tmp_path: Path
) -> None:
    data = fit_session(RUN_SESSION)
    path = write_zip(
        tmp_path / "takeout.zip", {DAILY_EN: fit_day(FIT_WALK), SESSION_DE: data[: len(data) // 2]}
    )
    with pytest.raises(BadInput, match=r"RUNNING\.json is truncated"):
        import_path(vault, path, separate_process=False)
    assert vault.datasets() == []

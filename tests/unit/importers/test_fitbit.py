"""Fitbit's Global Export Data JSON, from Fitbit's own zip or inside Google Takeout."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from hearth.errors import BadInput
from hearth.importers.export import Entry, Export
from hearth.importers.fitbit import FITBIT, FitbitDates, metric_of
from hearth.importers.pipeline import import_path
from hearth.vault import Vault
from tests.unit.importers.test_google_takeout_samples import (
    EXERCISE,
    HEART_RATES,
    RESTING,
    SLEEP,
    STEPS,
    WEIGHT,
    ZONES,
    day_of,
    fitbit_json,
    rows,
    type_counts,
    write_folder,
    write_zip,
)

OWN = "MyFitbitData/AnaExample/Physical Activity"  # Fitbit's own zip names a folder after you
TAKEOUT = "Takeout/Fitbit/Global Export Data"


def fitbit_zip(path: Path, folder: str, files: dict[str, list[Any]]) -> Path:
    return write_zip(path, {f"{folder}/{name}": fitbit_json(data) for name, data in files.items()})


def test_sniff_claims_every_fitbit_shape_and_nothing_else(tmp_path: Path) -> None:
    path = fitbit_zip(
        tmp_path / "MyFitbitData.zip",
        OWN,
        {
            "heart_rate-2020-01-01.json": HEART_RATES,
            "steps-2020-01-01.json": STEPS,
            "sleep-2020-01-01.json": SLEEP,
            "exercise-0.json": EXERCISE,
            "weight-2020-01-01.json": WEIGHT,
            "badge.json": [{"encodedId": "22B8MD", "badgeType": "DAILY_STEPS", "value": 5000}],
            "height-2020-01-01.json": [],
        },
    )
    with Export(path) as export:
        match = FITBIT.sniff(export)
    assert match is not None
    assert {name.rsplit("/", 1)[1] for name in match.entries} == {
        "heart_rate-2020-01-01.json",
        "steps-2020-01-01.json",
        "sleep-2020-01-01.json",
        "exercise-0.json",
        "weight-2020-01-01.json",
    }


def test_fitbit_dates_are_month_day_two_digit_year_and_utc() -> None:
    dates = FitbitDates()
    assert dates.parse("01/31/20 23:59:30") == 1580515170000  # 2020-01-31T23:59:30Z
    assert dates.parse("12/01/19") == 1575158400000  # 2019-12-01T00:00Z
    for bad in ("31/01/20 00:00:00", "2020-01-31", "01/31/20 24:00:00", "01-31-20 00:00:00"):
        with pytest.raises(ValueError):
            dates.parse(bad)


def test_the_metric_comes_from_the_file_name_prefix() -> None:
    assert metric_of(Entry("x/heart_rate-2020-01-01.json", 1, 1)) == "heart_rate"
    assert metric_of(Entry("x/time_in_heart_rate_zones-2020-01-01.json", 1, 1)) == (
        "time_in_heart_rate_zones"
    )
    assert metric_of(Entry("x/export.json", 1, 1)) is None


def test_series_with_string_and_object_values_are_read_field_by_field(
    vault: Vault, tmp_path: Path
) -> None:
    path = fitbit_zip(
        tmp_path / "MyFitbitData.zip",
        OWN,
        {
            "heart_rate-2020-01-01.json": HEART_RATES,
            "steps-2020-01-01.json": STEPS,
            "resting_heart_rate-2020-01-01.json": RESTING,
            "time_in_heart_rate_zones-2020-01-01.json": ZONES,
        },
    )
    [outcome] = import_path(vault, path, separate_process=False)
    assert (outcome.source, outcome.title, outcome.result.added) == ("fitbit", "Fitbit", 6)
    first_beat, _ = rows(vault, "fitbit.heart_rate")
    assert first_beat == {
        "day": day_of("2020-01-01"),
        "start_ms": 1577836805000,  # 01/01/20 00:00:05
        "end_ms": 1577836805000,
        "name": "Fitbit",
        "version": "",
        "device": "",
        "value": 72,
        "unit": None,
        "lat": None,
        "lng": None,
        "meta": {"confidence": 2},
    }
    steps = rows(vault, "fitbit.steps")
    assert [(r["start_ms"], r["value"]) for r in steps] == [
        (1577836800000, 0),  # "0" is the number 0
        (1577836860000, 12),
    ]
    [resting] = rows(vault, "fitbit.resting_heart_rate")
    assert (resting["value"], resting["meta"]) == (58.4, {"error": 6.8})
    [zones] = rows(vault, "fitbit.time_in_heart_rate_zones")
    assert zones["value"] == ""
    assert zones["meta"] == ZONES[0]["value"]


def test_sleep_exercise_and_weight_logs_are_read_field_by_field(
    vault: Vault, tmp_path: Path
) -> None:
    path = fitbit_zip(
        tmp_path / "MyFitbitData.zip",
        OWN,
        {
            "sleep-2020-01-01.json": SLEEP,
            "exercise-0.json": EXERCISE,
            "weight-2020-01-01.json": WEIGHT,
        },
    )
    import_path(vault, path, separate_process=False)
    [sleep] = rows(vault, "fitbit.sleep")
    assert (sleep["start_ms"], sleep["end_ms"]) == (1577835000000, 1577862000000)
    assert (sleep["day"], sleep["value"], sleep["unit"]) == (day_of("2019-12-31"), 400, "min")
    assert sleep["meta"] == {
        "minutes_awake": 50,
        "minutes_to_fall_asleep": 0,
        "time_in_bed": 450,
        "efficiency": 93,
        "kind": "stages",
        "main_sleep": True,
        "stage_minutes": {"deep": 80, "wake": 50},
    }
    stages = rows(vault, "fitbit.sleep_stage")
    assert [(r["start_ms"], r["end_ms"], r["value"]) for r in stages] == [
        (1577835000000, 1577835030000, "wake"),
        (1577835030000, 1577835630000, "light"),
    ]
    [walk] = rows(vault, "fitbit.exercise")
    assert (walk["start_ms"], walk["end_ms"], walk["value"]) == (
        1577865600000,  # 01/01/20 08:00:00
        1577865600000 + 1843000,
        "Walk",
    )
    assert walk["meta"] == {
        "calories": 201,
        "steps": 3012,
        "average_heart_rate": 96,
        "active_duration_ms": 1843000,
        "log_type": "auto_detected",
    }
    [weight] = rows(vault, "fitbit.weight")
    assert (weight["start_ms"], weight["value"], weight["unit"]) == (1577865600000, 150.2, None)
    assert weight["meta"] == {"bmi": 22.3, "source": "API"}


def test_log_ids_and_links_are_left_out(vault: Vault, tmp_path: Path) -> None:
    path = fitbit_zip(tmp_path / "f.zip", OWN, {"exercise-0.json": EXERCISE, "sleep-1.json": SLEEP})
    import_path(vault, path, separate_process=False)
    stored = json.dumps(vault.db.execute("SELECT value, meta FROM records").fetchall())
    assert "27865432109" not in stored
    assert "26589710670" not in stored
    assert "fitbit.com" not in stored


def test_fitbit_inside_takeout_is_its_own_dataset(vault: Vault, tmp_path: Path) -> None:
    path = write_folder(
        tmp_path / "Takeout-folder",
        {
            f"{TAKEOUT}/heart_rate-2020-01-01.json": fitbit_json(HEART_RATES),
            "Takeout/Chrome/Verlauf.json": json.dumps(
                {"Browser History": [{"url": "https://a.example/", "time_usec": 1}]}
            ).encode(),
        },
    )
    outcomes = import_path(vault, path, separate_process=False)
    assert sorted(o.source for o in outcomes) == ["fitbit", "google-chrome"]
    assert sorted(d.source for d in vault.datasets()) == ["fitbit", "google-chrome"]


def test_a_reading_without_a_value_is_skipped_and_counted(vault: Vault, tmp_path: Path) -> None:
    readings = [*HEART_RATES, {"dateTime": "01/01/20 00:00:15"}, {"value": {"bpm": 70}}]
    path = fitbit_zip(tmp_path / "f.zip", OWN, {"heart_rate-2020-01-01.json": readings})
    [outcome] = import_path(vault, path, separate_process=False)
    assert (outcome.result.added, outcome.result.skipped) == (2, 2)
    assert outcome.skip_reasons == {"Fitbit reading without a readable time or value": 2}


def test_reimport_adds_nothing_and_a_newer_export_adds_only_new_readings(
    vault: Vault, tmp_path: Path
) -> None:
    older = fitbit_zip(tmp_path / "old.zip", OWN, {"steps-2020-01-01.json": STEPS[:1]})
    newer = fitbit_zip(
        tmp_path / "new.zip",
        TAKEOUT,
        {"steps-2020-01-01.json": STEPS, "heart_rate-2020-01-01.json": HEART_RATES},
    )
    import_path(vault, older, separate_process=False)
    [again] = import_path(vault, older, separate_process=False)
    assert (again.result.added, again.result.already_imported) == (0, True)
    [outcome] = import_path(vault, newer, separate_process=False)
    assert (outcome.result.added, outcome.result.duplicates) == (3, 1)
    assert type_counts(vault) == {"fitbit.steps": 2, "fitbit.heart_rate": 2}


def test_a_truncated_file_is_refused_naming_it_and_the_vault_is_unchanged(
    vault: Vault, tmp_path: Path
) -> None:
    data = fitbit_json(HEART_RATES)
    path = write_zip(
        tmp_path / "MyFitbitData.zip",
        {
            f"{OWN}/steps-2020-01-01.json": fitbit_json(STEPS),
            f"{OWN}/heart_rate-2020-01-01.json": data[: len(data) - 30],
        },
    )
    with pytest.raises(BadInput, match=r"^heart_rate-2020-01-01\.json is truncated") as refused:
        import_path(vault, path, separate_process=False)
    assert "AnaExample" not in str(refused.value)  # the folder named after the person
    assert vault.datasets() == []

"""Location History from Google Takeout: `Records.json` and Semantic Location History."""

from __future__ import annotations

from pathlib import Path

import pytest

from hearth.errors import BadInput
from hearth.importers.export import Export
from hearth.importers.pipeline import import_path
from hearth.importers.takeout_location import GOOGLE_LOCATION
from hearth.vault import Vault
from tests.unit.importers.test_google_takeout_samples import (
    BAKERY_VISIT,
    CYCLING,
    FIX_PARIS_MS,
    FIX_SYDNEY_ISO,
    FIX_WITHOUT_LATITUDE,
    FIX_WRAPPED_E7,
    VISIT_WITHOUT_DURATION,
    day_of,
    records_json,
    rows,
    semantic_month,
    write_zip,
)

RECORDS_DE = "Takeout/Standortverlauf (Zeitachse)/Records.json"
SEMANTIC_DE = "Takeout/Standortverlauf (Zeitachse)/Semantic Location History/2020/2020_JANUAR.json"


def test_sniff_claims_records_and_semantic_months_by_content(tmp_path: Path) -> None:
    path = write_zip(
        tmp_path / "takeout-20240101.zip",
        {
            RECORDS_DE: records_json(FIX_PARIS_MS),
            SEMANTIC_DE: semantic_month(CYCLING),
            "Takeout/Standortverlauf (Zeitachse)/Settings.json": b'{"createdTime": "2020"}',
            "Takeout/Standortverlauf (Zeitachse)/Timeline Edits.json": b'{"timelineEdits": []}',
            "Takeout/Maps/Orte.json": b'{"type": "FeatureCollection", "features": []}',
            "Takeout/archive_browser.html": b"<html></html>",
        },
    )
    with Export(path) as export:
        match = GOOGLE_LOCATION.sniff(export)
    assert match is not None
    assert set(match.entries) == {RECORDS_DE, SEMANTIC_DE}


def test_a_document_with_an_unrelated_locations_list_is_not_claimed(tmp_path: Path) -> None:
    path = tmp_path / "stores.json"
    path.write_bytes(b'{"locations": [{"city": "Berlin", "opening": "9:00"}]}')
    with Export(path) as export:
        assert GOOGLE_LOCATION.sniff(export) is None


def test_records_in_both_timestamp_forms_are_read_field_by_field(
    vault: Vault, tmp_path: Path
) -> None:
    path = tmp_path / "Records.json"
    path.write_bytes(records_json(FIX_PARIS_MS, FIX_SYDNEY_ISO))
    [outcome] = import_path(vault, path, separate_process=False)
    assert (outcome.source, outcome.result.added) == ("google-location", 2)
    paris, sydney = rows(vault, "location.point")
    assert paris == {
        "day": day_of("2020-01-01"),
        "start_ms": 1577836800000,
        "end_ms": 1577836800000,
        "name": "Google Location History",
        "version": "",
        "device": "1234567890",
        "value": "",
        "unit": None,
        "lat": 48.8566,
        "lng": 2.3522,
        "meta": {
            "accuracy": 20,
            "altitude": 35,
            "vertical_accuracy": 3,
            "velocity": 0,
            "source": "WIFI",
            "activity": "STILL",
            "activity_confidence": 92,
        },
    }
    assert sydney["start_ms"] == 1654077600123  # 2022-06-01T10:00:00.123Z
    assert (sydney["lat"], sydney["lng"]) == (-33.85678, 151.2152)
    assert sydney["device"] == "-98765"
    assert sydney["meta"] == {"accuracy": 5, "source": "GPS"}


def test_the_device_tag_is_kept_only_as_the_source_device(vault: Vault, tmp_path: Path) -> None:
    path = tmp_path / "Records.json"
    path.write_bytes(records_json(FIX_PARIS_MS))
    import_path(vault, path, separate_process=False)
    [meta] = vault.db.execute("SELECT meta FROM records").fetchone()
    assert "1234567890" not in meta
    assert "ANDROID" not in meta  # the platform is the device's, not the fix's


def test_overflowed_e7_coordinates_of_old_exports_wrap_around(vault: Vault, tmp_path: Path) -> None:
    path = tmp_path / "Records.json"
    path.write_bytes(records_json(FIX_WRAPPED_E7))
    import_path(vault, path, separate_process=False)
    [fix] = rows(vault, "location.point")
    assert (fix["lat"], fix["lng"]) == (-33.85678, 151.2152)


def test_a_fix_without_latitude_is_skipped_and_counted(vault: Vault, tmp_path: Path) -> None:
    path = tmp_path / "Records.json"
    path.write_bytes(records_json(FIX_PARIS_MS, FIX_WITHOUT_LATITUDE))
    [outcome] = import_path(vault, path, separate_process=False)
    assert (outcome.result.added, outcome.result.skipped) == (1, 1)
    assert outcome.skip_reasons == {"location point without a readable time or position": 1}


def test_semantic_visits_and_activities_are_read_field_by_field(
    vault: Vault, tmp_path: Path
) -> None:
    path = write_zip(tmp_path / "takeout.zip", {SEMANTIC_DE: semantic_month(CYCLING, BAKERY_VISIT)})
    [outcome] = import_path(vault, path, separate_process=False)
    assert outcome.result.added == 2
    [ride] = rows(vault, "location.activity")
    assert ride == {
        "day": day_of("2020-01-15"),
        "start_ms": 1579075200000,  # 2020-01-15T08:00:00Z
        "end_ms": 1579077000500,
        "name": "Google Location History",
        "version": "",
        "device": "",
        "value": "CYCLING",
        "unit": None,
        "lat": 48.8566,
        "lng": 2.3522,
        "meta": {"distance_m": 1234, "confidence": "HIGH", "end": [48.86, 2.36]},
    }
    [visit] = rows(vault, "location.visit")
    assert (visit["start_ms"], visit["end_ms"]) == (1579077000500, 1579080600000)
    assert visit["value"] == "ChIJD7fiBh9u5kcRYJSMaMOCCwQ"
    assert (visit["lat"], visit["lng"]) == (48.86, 2.36)
    assert visit["meta"] == {
        "name": "Boulangerie Exemple",
        "semantic_type": "TYPE_SEARCHED_ADDRESS",
        "place_confidence": "HIGH_CONFIDENCE",
        "visit_confidence": 95,
    }


def test_a_visit_without_a_duration_is_skipped_and_counted(vault: Vault, tmp_path: Path) -> None:
    path = tmp_path / "2020_JANUARY.json"
    path.write_bytes(semantic_month(BAKERY_VISIT, VISIT_WITHOUT_DURATION))
    [outcome] = import_path(vault, path, separate_process=False)
    assert (outcome.result.added, outcome.result.skipped) == (1, 1)


def test_reimport_of_the_same_takeout_adds_nothing(vault: Vault, tmp_path: Path) -> None:
    path = write_zip(
        tmp_path / "takeout.zip",
        {RECORDS_DE: records_json(FIX_PARIS_MS), SEMANTIC_DE: semantic_month(CYCLING)},
    )
    import_path(vault, path, separate_process=False)
    [again] = import_path(vault, path, separate_process=False)
    assert (again.result.added, again.result.already_imported) == (0, True)
    assert vault.datasets()[0].records == 2


def test_an_overlapping_newer_takeout_adds_only_the_new_records(
    vault: Vault, tmp_path: Path
) -> None:
    older = write_zip(
        tmp_path / "takeout-1.zip",
        {RECORDS_DE: records_json(FIX_PARIS_MS), SEMANTIC_DE: semantic_month(CYCLING)},
    )
    newer = write_zip(
        tmp_path / "takeout-2.zip",
        {
            RECORDS_DE: records_json(FIX_PARIS_MS, FIX_SYDNEY_ISO),
            SEMANTIC_DE: semantic_month(CYCLING, BAKERY_VISIT),
        },
    )
    import_path(vault, older, separate_process=False)
    [outcome] = import_path(vault, newer, separate_process=False)
    assert (outcome.result.added, outcome.result.duplicates) == (2, 2)
    assert len(rows(vault, "location.point")) == 2
    assert vault.datasets()[0].records == 4


def test_a_truncated_records_file_is_refused_and_the_vault_is_unchanged(
    vault: Vault, tmp_path: Path
) -> None:
    data = records_json(FIX_PARIS_MS, FIX_SYDNEY_ISO)
    path = write_zip(
        tmp_path / "takeout.zip",
        {RECORDS_DE: data[: len(data) // 2], SEMANTIC_DE: semantic_month(CYCLING)},
    )
    with pytest.raises(BadInput, match=r"^Records\.json is truncated"):
        import_path(vault, path, separate_process=False)
    assert vault.datasets() == []

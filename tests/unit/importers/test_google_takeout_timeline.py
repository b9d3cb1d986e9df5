"""The on-device Google Maps Timeline export (`Timeline.json`), Android and iOS shapes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hearth.errors import BadInput
from hearth.importers.export import Export
from hearth.importers.pipeline import import_path
from hearth.importers.takeout_location import GOOGLE_LOCATION
from hearth.vault import Vault
from tests.unit.importers.test_google_takeout_samples import (
    ACTIVITY_RECORD,
    ANDROID_MEMORY,
    ANDROID_PATH,
    ANDROID_VISIT,
    ANDROID_WALK,
    IOS_PATH,
    IOS_VISIT,
    IOS_WALK,
    POSITION_SYDNEY,
    WIFI_SCAN,
    android_timeline,
    day_of,
    ios_timeline,
    rows,
    type_counts,
)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_sniff_claims_both_shapes_whatever_the_file_is_called(tmp_path: Path) -> None:
    write(tmp_path, "Zeitachse.json", android_timeline([ANDROID_VISIT]))
    write(tmp_path, "location-history.json", ios_timeline(IOS_VISIT))
    with Export(tmp_path) as export:
        match = GOOGLE_LOCATION.sniff(export)
    assert match is not None
    assert set(match.entries) == {"Zeitachse.json", "location-history.json"}


def test_sniff_leaves_lists_with_other_times_alone(tmp_path: Path) -> None:
    spotify_like = [{"endTime": "2019-02-17 18:37", "artistName": "A", "msPlayed": 1000}]
    write(tmp_path, "StreamingHistory0.json", json.dumps(spotify_like).encode())
    with Export(tmp_path) as export:
        assert GOOGLE_LOCATION.sniff(export) is None


def test_android_visits_activities_and_paths_are_read_field_by_field(
    vault: Vault, tmp_path: Path
) -> None:
    path = write(
        tmp_path,
        "Timeline.json",
        android_timeline([ANDROID_VISIT, ANDROID_WALK, ANDROID_PATH, ANDROID_MEMORY]),
    )
    [outcome] = import_path(vault, path, separate_process=False)
    assert (outcome.result.added, outcome.result.skipped) == (4, 0)
    [visit] = rows(vault, "location.visit")
    assert visit == {
        "day": day_of("2024-01-01"),
        "start_ms": 1704099600000,  # 2024-01-01T10:00+01:00 is 09:00Z
        "end_ms": 1704105000000,
        "name": "Google Maps Timeline",
        "version": "",
        "device": "Android",
        "value": "ChIJ-android-cafe",
        "unit": None,
        "lat": 48.8566,
        "lng": 2.3522,
        "meta": {"probability": 0.9, "hierarchy_level": 0, "semantic_type": "UNKNOWN"},
    }
    [walk] = rows(vault, "location.activity")
    assert (walk["value"], walk["lat"], walk["lng"]) == ("WALKING", 48.8566, 2.3522)
    assert walk["meta"] == {"distance_m": 1500.5, "probability": 0.95, "end": [48.86, 2.36]}
    first, second = rows(vault, "location.path")
    assert (first["start_ms"], first["lat"], first["lng"]) == (1704148200000, 48.8566, 2.3522)
    assert (second["lat"], second["lng"]) == (-33.8567844, 151.213108)  # no space after ","
    assert second["day"] == day_of("2024-01-02")  # 00:10 local, still Jan 1st in UTC


def test_android_raw_positions_land_on_the_local_day(vault: Vault, tmp_path: Path) -> None:
    path = write(tmp_path, "Timeline.json", android_timeline([], [POSITION_SYDNEY]))
    import_path(vault, path, separate_process=False)
    [fix] = rows(vault, "location.point")
    assert fix["start_ms"] == 1704029400000  # 2023-12-31T13:30:00Z
    assert fix["day"] == day_of("2024-01-01")
    assert (fix["lat"], fix["lng"], fix["device"]) == (-33.8567844, 151.213108, "Android")
    assert fix["meta"] == {"accuracy": 13, "altitude": 40.5, "velocity": 0.5, "source": "WIFI"}


def test_location_profile_wifi_scans_and_memories_are_left_out(
    vault: Vault, tmp_path: Path
) -> None:
    path = write(
        tmp_path,
        "Timeline.json",
        android_timeline([ANDROID_VISIT, ANDROID_MEMORY], [WIFI_SCAN, ACTIVITY_RECORD]),
    )
    [outcome] = import_path(vault, path, separate_process=False)
    assert (outcome.result.added, outcome.result.skipped) == (1, 0)
    everything = json.dumps(vault.db.execute("SELECT value, meta FROM records").fetchall())
    assert "ChIJ-profile-home" not in everything
    assert "HOME" not in everything
    assert "123456789012345" not in everything
    assert "a private note" not in everything


def test_ios_visits_activities_and_paths_are_read_field_by_field(
    vault: Vault, tmp_path: Path
) -> None:
    path = write(tmp_path, "location-history.json", ios_timeline(IOS_VISIT, IOS_WALK, IOS_PATH))
    [outcome] = import_path(vault, path, separate_process=False)
    assert (outcome.source, outcome.result.added) == ("google-location", 3)
    [visit] = rows(vault, "location.visit")
    assert visit == {
        "day": day_of("2024-03-01"),
        "start_ms": 1709298000000,  # 08:00-05:00 is 13:00Z
        "end_ms": 1709303400000,
        "name": "Google Maps Timeline",
        "version": "",
        "device": "iOS",
        "value": "ChIJ-ios-office",
        "unit": None,
        "lat": 40.712776,
        "lng": -74.005974,
        "meta": {"probability": 0.63, "hierarchy_level": 0, "semantic_type": "Unknown"},
    }
    [walk] = rows(vault, "location.activity")
    assert (walk["value"], walk["lat"], walk["lng"]) == ("walking", 40.712776, -74.005974)
    assert walk["meta"] == {"distance_m": 350.0, "probability": 0.99, "end": [40.72, -74.0]}
    [point] = rows(vault, "location.path")
    assert point["start_ms"] == 1709341920000  # 20:00-05:00 plus 12 minutes: 01:12Z
    assert point["day"] == day_of("2024-03-01")
    assert (point["lat"], point["lng"]) == (40.73, -73.99)


def test_an_ios_visit_without_a_place_location_is_skipped_and_counted(
    vault: Vault, tmp_path: Path
) -> None:
    broken = json.loads(json.dumps(IOS_VISIT))
    del broken["visit"]["topCandidate"]["placeLocation"]
    path = write(tmp_path, "location-history.json", ios_timeline(IOS_WALK, broken))
    [outcome] = import_path(vault, path, separate_process=False)
    assert (outcome.result.added, outcome.result.skipped) == (1, 1)
    assert outcome.skip_reasons == {"Timeline entry without a readable time or place": 1}


def test_a_bad_path_point_is_skipped_without_losing_its_neighbours(
    vault: Vault, tmp_path: Path
) -> None:
    segment = json.loads(json.dumps(ANDROID_PATH))
    segment["timelinePath"].insert(1, {"point": "north of here", "time": "2024-01-01T23:40:00Z"})
    path = write(tmp_path, "Timeline.json", android_timeline([segment]))
    [outcome] = import_path(vault, path, separate_process=False)
    assert (outcome.result.added, outcome.result.skipped) == (2, 1)


def test_reimport_adds_nothing_and_a_newer_timeline_adds_only_what_is_new(
    vault: Vault, tmp_path: Path
) -> None:
    older = write(tmp_path, "old/Timeline.json", android_timeline([ANDROID_VISIT, ANDROID_WALK]))
    newer = write(
        tmp_path,
        "new/Timeline.json",
        android_timeline([ANDROID_VISIT, ANDROID_WALK, ANDROID_PATH], [POSITION_SYDNEY]),
    )
    import_path(vault, older, separate_process=False)
    [again] = import_path(vault, older, separate_process=False)
    assert again.result.already_imported
    [outcome] = import_path(vault, newer, separate_process=False)
    assert (outcome.result.added, outcome.result.duplicates) == (3, 2)
    assert type_counts(vault) == {
        "location.visit": 1,
        "location.activity": 1,
        "location.path": 2,
        "location.point": 1,
    }


@pytest.mark.parametrize("shape", ["android", "ios"])
def test_a_truncated_timeline_is_refused_and_the_vault_is_unchanged(
    vault: Vault, tmp_path: Path, shape: str
) -> None:
    if shape == "android":
        data = android_timeline([ANDROID_VISIT, ANDROID_WALK, ANDROID_PATH], [POSITION_SYDNEY])
    else:
        data = ios_timeline(IOS_VISIT, IOS_WALK, IOS_PATH)
    path = write(tmp_path, "Timeline.json", data[: len(data) * 3 // 4])
    with pytest.raises(BadInput, match=r"^Timeline\.json is truncated"):
        import_path(vault, path, separate_process=False)
    assert vault.datasets() == []

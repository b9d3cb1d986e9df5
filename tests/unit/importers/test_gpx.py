"""GPX files: real tracks and waypoints, Strava's gzipped ones, and hostile or broken ones."""

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
from tests.unit.importers.vault_rows import counts, everything, rows, stored_text

GARMIN_GPX = """<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="Garmin Connect" xmlns="http://www.topografix.com/GPX/1/1"
 xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">
 <trk><name>Morning Ride</name><type>cycling</type><trkseg>
  <trkpt lat="48.8566" lon="2.3522"><ele>35.0</ele><time>2023-05-01T06:00:00Z</time>
   <extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>128</gpxtpx:hr><gpxtpx:cad>85</gpxtpx:cad>
   </gpxtpx:TrackPointExtension></extensions></trkpt>
  <trkpt lat="48.8570" lon="2.3530"><ele>36.0</ele><time>2023-05-01T06:00:05</time></trkpt>
 </trkseg></trk>
</gpx>
"""


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_korita_track_points_are_read_and_points_without_time_counted(
    vault: Vault, shared_fixtures: Path
) -> None:
    [outcome] = import_path(vault, shared_fixtures / "gpx" / "korita.gpx", separate_process=False)
    assert counts(vault) == {"activity.point": 513, "activity.session": 2}
    # The second track (358 points) and both waypoints have no <time>.
    assert outcome.skip_reasons == {
        "GPX track point without a time": 358,
        "GPX waypoint without a time": 2,
    }
    first = rows(vault, "activity.point")[0]
    assert first["start_ms"] == 1286098590000  # 2010-10-03T09:36:30Z
    assert (first["lat"], first["lng"]) == (45.452595614, 14.018194014)
    assert first["value"] == "45.452596,14.018194"
    assert first["meta"] == {"altitude": 753.330322}
    assert first["source"] == "GPSBabel - http://www.gpsbabel.org"
    sessions = rows(vault, "activity.session")
    assert [s["meta"]["name"] for s in sessions] == ["ACTIVE LOG", "ACTIVE LOG #2"]
    assert sessions[0]["end_ms"] == 1286103142000  # 10:52:22, its last point


def test_a_gpx_with_a_byte_order_mark_gives_its_waypoint(
    vault: Vault, shared_fixtures: Path
) -> None:
    import_path(vault, shared_fixtures / "gpx" / "bom.gpx", separate_process=False)
    [waypoint] = rows(vault, "activity.waypoint")
    assert waypoint["start_ms"] == 1464343727800  # 2016-05-27T10:08:47.8Z
    assert (waypoint["value"], waypoint["lat"], waypoint["lng"]) == ("test", 43.309634, 3.515386)
    assert waypoint["meta"] == {"altitude": -14.6, "description": "test desc"}


def test_points_sharing_a_second_stay_apart(vault: Vault, shared_fixtures: Path) -> None:
    # Apple's route has two points in 22:00:42: time and device alone would merge them.
    route = shared_fixtures / "apple-health" / "route_2019-06-11_3.00pm.gpx"
    [outcome] = import_path(vault, route, separate_process=False)
    assert outcome.result.duplicates == 0
    points = rows(vault, "activity.point")
    assert [p["start_ms"] for p in points] == [1560290442000, 1560290442000, 1560290443000]
    assert [p["value"] for p in points] == [
        "37.781670,-122.396396",
        "37.781672,-122.396397",
        "37.781670,-122.396394",
    ]
    assert [p["meta"]["speed"] for p in points] == [0.116181, 0.180883, 0.054395]


def test_garmin_extensions_give_heart_rate_and_cadence(vault: Vault, tmp_path: Path) -> None:
    import_path(vault, write(tmp_path / "ride.gpx", GARMIN_GPX), separate_process=False)
    first, second = rows(vault, "activity.point")
    assert first["meta"] == {"heart_rate": 128.0, "cadence": 85.0, "altitude": 35.0}
    assert second["start_ms"] - first["start_ms"] == 5000  # a time without a zone is UTC
    [session] = rows(vault, "activity.session")
    assert (session["value"], session["meta"]["name"], session["source"]) == (
        "cycling",
        "Morning Ride",
        "Garmin Connect",
    )


def test_reimport_and_overlap_add_nothing_new(vault: Vault, tmp_path: Path) -> None:
    ride = write(tmp_path / "ride.gpx", GARMIN_GPX)
    import_path(vault, ride, separate_process=False)
    [again] = import_path(vault, ride, separate_process=False)
    assert again.result.already_imported
    longer = GARMIN_GPX.replace(
        "</trkseg>",
        '<trkpt lat="48.8575" lon="2.3540"><time>2023-05-01T06:00:10Z</time></trkpt></trkseg>',
    )
    [newer] = import_path(vault, write(tmp_path / "ride2.gpx", longer), separate_process=False)
    # The third point is new, and so is the session (it now ends later).
    assert (newer.result.added, newer.result.duplicates) == (2, 2)


def test_a_strava_zip_with_gzipped_gpx_imports_and_skips_the_broken_file(
    vault: Vault, shared_fixtures: Path, tmp_path: Path
) -> None:
    korita = gzip.compress((shared_fixtures / "gpx" / "korita.gpx").read_bytes())
    strava = tmp_path / "export_12345.zip"
    with zipfile.ZipFile(strava, "w") as archive:
        archive.writestr("activities/1.gpx.gz", korita)
        archive.writestr("activities/2.gpx", GARMIN_GPX)
        archive.writestr("activities/3.gpx.gz", korita[:2000])
        archive.writestr("activities/4.gpx", GARMIN_GPX[:300])
    [outcome] = import_path(vault, strava, separate_process=False)
    assert counts(vault) == {"activity.point": 515, "activity.session": 3}
    assert outcome.skip_reasons["activities/3.gpx.gz is damaged or cut off; the file was skipped"]
    assert outcome.skip_reasons[
        "activities/4.gpx is not well-formed XML (damaged or cut off); the file was skipped"
    ]


def test_a_gzip_bomb_in_a_zip_is_skipped(
    vault: Vault, shared_fixtures: Path, tmp_path: Path
) -> None:
    bomb = gzip.compress(b"<gpx>" + b" " * 60_000_000 + b"</gpx>")
    strava = tmp_path / "export.zip"
    with zipfile.ZipFile(strava, "w") as archive:
        archive.writestr("activities/bomb.gpx.gz", bomb)
        archive.writestr("activities/2.gpx", GARMIN_GPX)
    [outcome] = import_path(vault, strava, separate_process=False)
    assert outcome.result.added == 3
    assert any("gzip bomb" in reason for reason in outcome.skip_reasons)


def test_a_truncated_gpx_is_refused_and_changes_nothing(vault: Vault, tmp_path: Path) -> None:
    before = everything(vault)
    with pytest.raises(BadInput, match=r"^cut\.gpx is not well-formed XML"):
        import_path(vault, write(tmp_path / "cut.gpx", GARMIN_GPX[:400]), separate_process=False)
    assert everything(vault) == before
    assert vault.datasets() == []


def test_a_gpx_with_an_external_entity_is_refused_unread(vault: Vault, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("the-secret-word")
    hostile = GARMIN_GPX.replace(
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY s SYSTEM "{secret.as_uri()}">]>',
    ).replace("Morning Ride", "&s;")
    with pytest.raises(BadInput, match="document type declaration"):
        import_path(vault, write(tmp_path / "xxe.gpx", hostile), separate_process=False)
    assert "the-secret-word" not in stored_text(vault)


def test_a_gpx_in_another_encoding_is_read(vault: Vault, tmp_path: Path) -> None:
    latin = GARMIN_GPX.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"').replace(
        "Morning Ride", "Fahrt über den Berg"
    )
    path = tmp_path / "fahrt.gpx"
    path.write_bytes(latin.encode("iso-8859-1"))
    import_path(vault, path, separate_process=False)
    [session] = rows(vault, "activity.session")
    assert session["meta"]["name"] == "Fahrt über den Berg"


def test_apple_health_routes_are_left_to_apple_health(
    shared_fixtures: Path, tmp_path: Path
) -> None:
    route = (shared_fixtures / "apple-health" / "route_2019-06-11_3.00pm.gpx").read_bytes()
    export = tmp_path / "export.zip"
    with zipfile.ZipFile(export, "w") as archive:
        archive.writestr("apple_health_export/workout-routes/route_1.gpx", route)
        archive.writestr("apple_health_export/export.xml", '<HealthData locale="en"/>')
    with Export(export) as opened:
        assert ACTIVITY_FILES.sniff(opened) is None
    alone = tmp_path / "route.gpx"
    shutil.copy(shared_fixtures / "apple-health" / "route_2019-06-11_3.00pm.gpx", alone)
    with Export(alone) as opened:
        assert ACTIVITY_FILES.sniff(opened) is not None


def test_other_xml_is_not_claimed(tmp_path: Path) -> None:
    kml = write(tmp_path / "places.gpx", '<?xml version="1.0"?><kml><Document/></kml>')
    with Export(kml) as opened:
        assert ACTIVITY_FILES.sniff(opened) is None

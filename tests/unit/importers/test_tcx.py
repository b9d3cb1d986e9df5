"""TCX files (built here: the shared fixtures have none), read with iterparse."""

from __future__ import annotations

import gzip
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hearth.errors import BadInput
from hearth.importers.activity_files import ACTIVITY_FILES
from hearth.importers.export import Export
from hearth.importers.pipeline import import_path
from hearth.vault import Vault
from tests.unit.importers.fuzzing import import_without_vault, mutate, mutation
from tests.unit.importers.vault_rows import counts, everything, rows, stored_text

START_MS = 1277546771000  # 2010-06-26T10:06:11Z


def trackpoint(second: int, *, lat: float = 46.5, heart_rate: int = 120, time: bool = True) -> str:
    stamp = f"<Time>2010-06-26T10:06:{11 + second:02d}.000Z</Time>" if time else ""
    return (
        f"<Trackpoint>{stamp}<Position><LatitudeDegrees>{lat}</LatitudeDegrees>"
        "<LongitudeDegrees>6.6</LongitudeDegrees></Position><AltitudeMeters>372.5</AltitudeMeters>"
        f"<DistanceMeters>{second * 3}.0</DistanceMeters>"
        f"<HeartRateBpm><Value>{heart_rate}</Value></HeartRateBpm><Cadence>88</Cadence>"
        '<Extensions><TPX xmlns="http://www.garmin.com/xmlschemas/ActivityExtension/v2">'
        "<Speed>3.1</Speed><Watts>210</Watts></TPX></Extensions></Trackpoint>"
    )


def tcx(points: str, *, doctype: str = "", creator: str = "Forerunner 405") -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{doctype}\n'
        '<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/'
        'TrainingCenterDatabase/v2">\n<Activities>\n<Activity Sport="Running">'
        "<Id>2010-06-26T10:06:11Z</Id>"
        '<Lap StartTime="2010-06-26T10:06:11Z"><TotalTimeSeconds>600.5</TotalTimeSeconds>'
        "<DistanceMeters>1800.0</DistanceMeters><Calories>120</Calories>"
        f"<Track>{points}</Track></Lap>"
        f"<Creator><Name>{creator}</Name><Version><VersionMajor>2</VersionMajor>"
        "<VersionMinor>50</VersionMinor></Version></Creator>"
        "</Activity>\n</Activities>\n"
        "<Courses><Course><Name>Plan</Name><Track>"
        + trackpoint(30, lat=10.0)
        + "</Track></Course></Courses>\n</TrainingCenterDatabase>\n"
    )


RUN = tcx(trackpoint(0) + trackpoint(1, heart_rate=125) + trackpoint(2, time=False))


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_trackpoints_and_the_activity_are_read_field_by_field(vault: Vault, tmp_path: Path) -> None:
    [outcome] = import_path(vault, write(tmp_path / "run.tcx", RUN), separate_process=False)
    assert outcome.skip_reasons == {"TCX track point without a time": 1}
    points = rows(vault, "activity.point")
    assert [p["start_ms"] for p in points] == [START_MS, START_MS + 1000]
    first = points[0]
    assert (first["lat"], first["lng"], first["value"]) == (46.5, 6.6, "46.500000,6.600000")
    assert first["meta"] == {
        "heart_rate": 120.0,
        "altitude": 372.5,
        "distance": 0.0,
        "cadence": 88.0,
        "speed": 3.1,
        "power": 210.0,
    }
    # The Creator comes after the points in the file, and still names their source.
    assert (first["source"], first["version"]) == ("Forerunner 405", "2.50")
    [session] = rows(vault, "activity.session")
    assert (session["value"], session["start_ms"], session["end_ms"]) == (
        "Running",
        START_MS,
        START_MS + 600_500,
    )
    assert session["meta"] == {
        "laps": 1,
        "elapsed_s": 600.5,
        "distance_m": 1800.0,
        "calories_kcal": 120.0,
    }
    assert all(p["lat"] != 10.0 for p in points)  # the Course's planned point is left out


def test_reimporting_a_tcx_adds_nothing(vault: Vault, tmp_path: Path) -> None:
    path = write(tmp_path / "run.tcx", RUN)
    import_path(vault, path, separate_process=False)
    copy = write(tmp_path / "copy.tcx", RUN.replace("<Activities>", "<Activities> "))
    [again] = import_path(vault, copy, separate_process=False)
    assert (again.result.added, again.result.duplicates) == (0, 3)


def test_a_truncated_tcx_is_refused_and_changes_nothing(vault: Vault, tmp_path: Path) -> None:
    before = everything(vault)
    with pytest.raises(BadInput, match=r"^cut\.tcx is not well-formed XML"):
        import_path(
            vault, write(tmp_path / "cut.tcx", RUN[: len(RUN) // 2]), separate_process=False
        )
    assert everything(vault) == before


def test_a_damaged_tcx_among_others_adds_none_of_its_points(vault: Vault, tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    write(folder / "good.tcx", RUN)
    # Its first points are well-formed; the damage comes later, and still nothing of it is kept.
    write(folder / "cut.tcx", tcx(trackpoint(40) + trackpoint(41))[:-200])
    [outcome] = import_path(vault, folder, separate_process=False)
    assert counts(vault) == {"activity.point": 2, "activity.session": 1}
    assert "cut.tcx is not well-formed XML (damaged or cut off); the file was skipped" in (
        outcome.skip_reasons
    )


def test_entities_in_a_tcx_are_never_resolved(vault: Vault, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("the-secret-word")
    hostile = tcx(
        trackpoint(0),
        doctype=f'<!DOCTYPE x [<!ENTITY s SYSTEM "{secret.as_uri()}">]>',
        creator="&s;",
    )
    import_path(vault, write(tmp_path / "xxe.tcx", hostile), separate_process=False)
    assert "the-secret-word" not in stored_text(vault)


def test_a_gzipped_tcx_in_a_zip_is_read(vault: Vault, tmp_path: Path) -> None:
    strava = tmp_path / "export.zip"
    with zipfile.ZipFile(strava, "w") as archive:
        archive.writestr("activities/9.tcx.gz", gzip.compress(RUN.encode()))
    [outcome] = import_path(vault, strava, separate_process=False)
    assert outcome.result.added == 3


def test_only_training_center_files_are_claimed(tmp_path: Path) -> None:
    with Export(write(tmp_path / "a.tcx", RUN)) as export:
        assert ACTIVITY_FILES.sniff(export) is not None
    with Export(write(tmp_path / "b.tcx", "<TrainingCentre/>")) as export:
        assert ACTIVITY_FILES.sniff(export) is None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=st.lists(mutation, min_size=1, max_size=4))
def test_mutated_tcx_files_import_or_raise_bad_input(steps: list[tuple[str, int, int]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "run.tcx"
        path.write_bytes(mutate(RUN.encode(), steps))
        try:
            import_without_vault(path)
        except BadInput as refused:
            assert str(refused)

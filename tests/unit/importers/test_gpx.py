"""GPX files: real tracks and waypoints, Strava's gzipped ones, and hostile or broken ones;
the streamed reader against gpxpy's whole tree, and its memory on a long ride."""

from __future__ import annotations

import gzip
import io
import json
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import IO, Any

import gpxpy
import gpxpy.gpx
import pytest
from lxml import etree

from hearth.errors import BadInput
from hearth.importers import safe_xml
from hearth.importers.activity_files import ACTIVITY_FILES
from hearth.importers.activity_points import (
    SESSION,
    WAYPOINT,
    DamagedFile,
    add_point,
    clean_meta,
    local_name,
    number,
    utc_ms,
    valid_position,
)
from hearth.importers.export import Export
from hearth.importers.gpx import read_gpx
from hearth.importers.pipeline import import_path
from hearth.importers.sink import RecordSink
from hearth.vault import Vault
from tests.conftest import SHARED_FIXTURES
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


# ------------------------------------------------------------------ streamed = whole tree


def whole_tree_read_gpx(stream: IO[bytes], name: str, sink: RecordSink) -> int:
    """How Hearth read GPX before it streamed (hearth/importers/gpx.py until December 2026):
    the whole file parsed by lxml, serialised again and built into gpxpy's object tree. The
    reference the streamed reader has to match, record for record."""
    data = stream.read()
    try:
        root = etree.fromstring(data, safe_xml.parser(remove_comments=True, remove_pis=True))
    except etree.XMLSyntaxError:
        raise DamagedFile("is not well-formed XML (damaged or cut off)") from None
    if root.getroottree().docinfo.doctype:
        raise DamagedFile("has a document type declaration, which GPX files never have")
    try:
        tree = gpxpy.parse(etree.tostring(root, encoding="unicode"))
    except (gpxpy.gpx.GPXException, ValueError, TypeError, LookupError):
        raise DamagedFile("has values GPX does not allow") from None
    source = (tree.creator or "GPX file", "", "")
    added = 0
    for track in tree.tracks:
        first: int | None = None
        last: int | None = None
        for segment in track.segments:
            for point in segment.points:
                if point.time is None:
                    sink.skip("GPX track point without a time")
                    continue
                at = utc_ms(point.time)
                first = at if first is None else min(first, at)
                last = at if last is None else max(last, at)
                extra = _whole_tree_extensions(point.extensions)
                heart_rate = extra.pop("heart_rate", None)
                meta = {"altitude": point.elevation, "speed": point.speed, **extra}
                add_point(
                    sink,
                    at,
                    source,
                    heart_rate=heart_rate,
                    lat=point.latitude,
                    lng=point.longitude,
                    meta=meta,
                )
                added += 1
        if first is not None and last is not None:
            totals = {"name": track.name, "distance_m": round(track.length_2d(), 1)}
            sink.add(SESSION, first, last, track.type or "", source=source, meta=clean_meta(totals))
            added += 1
    for waypoint in tree.waypoints:
        if waypoint.time is None:
            sink.skip("GPX waypoint without a time")
            continue
        at = utc_ms(waypoint.time)
        lat, lng = valid_position(waypoint.latitude, waypoint.longitude)
        meta = {
            "altitude": waypoint.elevation,
            "description": waypoint.description,
            "symbol": waypoint.symbol,
        }
        sink.add(
            WAYPOINT,
            at,
            at,
            waypoint.name or "",
            source=source,
            lat=lat,
            lng=lng,
            meta=clean_meta(meta),
        )
        added += 1
    planned = sum(len(route.points) for route in tree.routes)
    if planned:
        sink.skip("GPX route point (a plan, without times)", planned)
    return added


_WHOLE_TREE_EXTENSIONS = {
    "hr": "heart_rate",
    "heartrate": "heart_rate",
    "cad": "cadence",
    "cadence": "cadence",
    "power": "power",
    "watts": "power",
    "atemp": "temperature",
    "temp": "temperature",
    "speed": "speed",
}


def _whole_tree_extensions(elements: list[Any]) -> dict[str, float]:
    found: dict[str, float] = {}
    for element in elements:
        for child in element.iter():
            if not isinstance(child.tag, str):
                continue
            key = _WHOLE_TREE_EXTENSIONS.get(local_name(child).lower())
            if key is None or key in found or not child.text:
                continue
            try:
                value = number(float(child.text))
            except ValueError:
                continue
            if value is not None:
                found[key] = value
    return found


def long_gpx(points: int, *, padding: int = 0) -> Iterator[str]:
    """A generated GPX 1.1 ride, in pieces: metadata, three waypoints (one without a time,
    one off the globe), a planned route, then two tracks of two segments sharing ``points``
    track points with Garmin's TrackPointExtension (heart rate and cadence, a temperature on
    every tenth, power on every 50th), a point without a time every 997th and one off the
    globe every 1,999th. ``padding`` adds a description of that many characters to every
    point (a big file without more points)."""
    yield """<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="Generated ride" xmlns="http://www.topografix.com/GPX/1/1"
 xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">
 <metadata><name>Long ride</name><time>2023-05-01T05:59:00Z</time>
  <bounds minlat="45.0" minlon="6.0" maxlat="46.0" maxlon="7.0"/></metadata>
 <wpt lat="45.1" lon="6.1"><ele>410.5</ele><time>2023-05-01T06:00:00Z</time><name>Start</name>
  <desc>Car park</desc><sym>Flag</sym></wpt>
 <wpt lat="45.2" lon="6.2"><name>No time</name></wpt>
 <wpt lat="95.0" lon="6.3"><time>2023-05-01T07:00:00.250+02:00</time><name>Off</name></wpt>
 <rte><name>Plan</name><rtept lat="45.1" lon="6.1"/><rtept lat="45.3" lon="6.3"/></rte>
"""
    desc = f"<desc>{'x' * padding}</desc>" if padding else ""
    n = 0
    for track in (1, 2):
        yield f" <trk><name>Stage {track}</name><type>cycling</type>\n"
        for segment in (1, 2):
            yield "  <trkseg>\n"
            lines = []
            for _ in range(points // 4 + (track == segment == 2) * (points % 4)):
                day, second = divmod(n, 86_400)
                stamp = f"2023-05-{1 + day:02d}T{second // 3600:02d}:{second // 60 % 60:02d}:{second % 60:02d}Z"
                time = "" if n % 997 == 5 else f"<time>{stamp}</time>"
                lat = 95.0 if n % 1999 == 7 else 45.0 + n % 5000 * 0.0001
                lng = 6.0 + n // 5000 * 0.0005 + n % 7 * 0.00001
                temperature = f"<gpxtpx:atemp>{15 + n % 10}</gpxtpx:atemp>" if n % 10 == 0 else ""
                power = f"<power>{200 + n % 90}</power>" if n % 50 == 0 else ""
                lines.append(
                    f'   <trkpt lat="{lat:.7f}" lon="{lng:.7f}"><ele>{400 + n % 300}.{n % 10}</ele>'
                    f"{time}{desc}<extensions><gpxtpx:TrackPointExtension>{temperature}"
                    f"<gpxtpx:hr>{100 + n % 80}</gpxtpx:hr><gpxtpx:cad>{80 + n % 20}</gpxtpx:cad>"
                    f"</gpxtpx:TrackPointExtension>{power}</extensions></trkpt>\n"
                )
                n += 1
                if len(lines) == 1000:
                    yield "".join(lines)
                    lines.clear()
            yield "".join(lines)
            yield "  </trkseg>\n"
        yield " </trk>\n"
    yield "</gpx>\n"


def write_long_gpx(path: Path, points: int, *, padding: int = 0) -> Path:
    with path.open("w", encoding="utf-8") as out:
        out.writelines(long_gpx(points, padding=padding))
    return path


Reader = Callable[[IO[bytes], str, RecordSink], int]


def outcome(read: Reader, data: bytes) -> tuple[Any, ...]:
    """Everything a reader gives a sink for ``data``: what it returned (or the sentence of
    the `DamagedFile` it raised), the names it numbered, its rows and its skip reasons."""
    batches: list[Any] = []
    sink = RecordSink(SimpleNamespace(types={}, sources={}), batches.append, batch_rows=500)
    try:
        result: object = read(io.BytesIO(data), "ride.gpx", sink)
    except DamagedFile as damage:
        result = damage.problem
    sink.flush()
    return (
        result,
        [name for batch in batches for name in batch.types],
        [label for batch in batches for label in batch.sources],
        [row for batch in batches for row in batch.rows],
        list(sink.skip_reasons.items()),
    )


def _generated(points: int = 3_000) -> str:
    return "".join(long_gpx(points))


def _version_1_0(text: str) -> str:
    """GPX 1.0: its own namespace, `<speed>` a field of the point, extensions not read."""
    return (
        text.replace('version="1.1"', 'version="1.0"')
        .replace("topografix.com/GPX/1/1", "topografix.com/GPX/1/0")
        .replace("</ele><time>", "</ele><speed>3.5</speed><time>")
    )


def _late(text: str) -> int:
    """Three quarters into ``text``: past several batches of rows."""
    return len(text) * 3 // 4


_SAME_AS_WHOLE_TREE: dict[str, Callable[[], bytes]] = {
    "korita": lambda: (SHARED_FIXTURES / "gpx" / "korita.gpx").read_bytes(),
    "bom": lambda: (SHARED_FIXTURES / "gpx" / "bom.gpx").read_bytes(),
    "apple-route": lambda: (
        SHARED_FIXTURES / "apple-health" / "route_2019-06-11_3.00pm.gpx"
    ).read_bytes(),
    "garmin": lambda: GARMIN_GPX.encode(),
    "generated": lambda: _generated().encode(),
    "generated-1.0": lambda: _version_1_0(_generated()).encode(),
    "latin-1": lambda: (
        GARMIN_GPX.replace("UTF-8", "ISO-8859-1")
        .replace("Morning Ride", "Fahrt über den Berg")
        .encode("iso-8859-1")
    ),
    "no-namespace": lambda: (
        _generated(300).replace(' xmlns="http://www.topografix.com/GPX/1/1"', "").encode()
    ),
    "prefixed-gpx-elements": lambda: (
        _generated(300)
        .replace("<trkpt ", "<g:trkpt ")
        .replace("</trkpt>", "</g:trkpt>")
        .replace("<gpx ", '<gpx xmlns:g="http://www.topografix.com/GPX/1/1" ')
        .encode()
    ),
    "misplaced-elements": lambda: GARMIN_GPX.replace(
        "<trk>",
        '<extensions><wpt lat="1" lon="2"><time>2023-05-01T06:00:00Z</time></wpt></extensions>'
        '<trk><trkpt lat="1" lon="2"><time>2023-05-01T06:00:00Z</time></trkpt>',
    ).encode(),
    "comment-in-a-time": lambda: GARMIN_GPX.replace("06:00:05", "06:00<!-- ! -->:05").encode(),
    "unreadable-time": lambda: GARMIN_GPX.replace("2023-05-01T06:00:05", "yesterday").encode(),
    "cut-off": lambda: _generated().encode()[: _late(_generated())],
    "bad-value-late": lambda: _bad_value_late(_generated()).encode(),
    "bad-value-then-cut-off": lambda: _bad_value_late(_generated()).encode()[:-40],
    "bad-route-number": lambda: _generated().replace("<rte>", "<rte><number>x</number>").encode(),
    "doctype": lambda: GARMIN_GPX.replace("?>", "?><!DOCTYPE gpx>", 1).encode(),
    "doctype-then-cut-off": lambda: GARMIN_GPX.replace("?>", "?><!DOCTYPE gpx>", 1).encode()[:-20],
}


def _bad_value_late(text: str) -> str:
    at = text.index("<ele>", _late(text))
    return text[:at] + "<sat>many</sat>" + text[at:]


def by_name(found: tuple[Any, ...]) -> tuple[Any, ...]:
    """An `outcome` with type and source names in its rows instead of their numbers, rows
    and skip reasons sorted: the same records, whatever order they were read in."""
    result, types, sources, rows, skipped = found
    type_names, labels = dict(types), dict(sources)
    named = sorted((type_names[row[0]], *row[1:4], labels[row[4]], *row[5:]) for row in rows)
    return result, named, sorted(skipped)


@pytest.mark.parametrize("case", sorted(_SAME_AS_WHOLE_TREE))
def test_streamed_reading_gives_what_gpxpy_whole_tree_gave(case: str) -> None:
    """Whole files give the same records; a damaged one gives the same sentence, raised
    when the damage comes before any record, else said beside what came before it (as for
    FIT files), where the whole-tree reader gave nothing."""
    data = _SAME_AS_WHOLE_TREE[case]()
    streamed, whole = by_name(outcome(read_gpx, data)), by_name(outcome(whole_tree_read_gpx, data))
    if not isinstance(whole[0], str):
        assert streamed == whole
    elif isinstance(streamed[0], str):  # refused before any record
        assert streamed == whole == (whole[0], [], [])
    else:
        problem = f"ride.gpx {whole[0]}; what came before was imported"
        assert (problem, 1) in streamed[2]
        assert streamed[0] == len(streamed[1]) > 0


def test_a_gpx_damaged_late_keeps_what_came_before_the_damage() -> None:
    whole = _generated().encode()
    cut = whole[: _late(whole.decode())]
    _, kept, _ = by_name(outcome(read_gpx, cut))
    _, everything, _ = by_name(outcome(read_gpx, whole))
    assert 0 < len(kept) < len(everything)
    assert set(kept) <= set(everything)


def test_the_generated_ride_has_what_the_comparison_needs() -> None:
    """The generated file exercises extensions, several tracks and segments, waypoints and a
    route: the comparison above would prove little on a file that had none."""
    added, types, sources, found, skipped = outcome(read_gpx, _generated().encode())
    assert sorted(name for _id, name in types) == ["activity.point", "activity.session", WAYPOINT]
    assert sources == [(1, ("Generated ride", "", ""))]
    numbers = {name: number for number, name in types}
    sessions = [row for row in found if row[0] == numbers["activity.session"]]
    assert [json.loads(row[9])["name"] for row in sessions] == ["Stage 1", "Stage 2"]
    assert all(json.loads(row[9])["distance_m"] > 1_000 for row in sessions)
    points = [row for row in found if row[0] == numbers["activity.point"]]
    assert {"heart_rate", "cadence", "temperature", "power", "altitude"} <= {
        key for row in points for key in json.loads(row[9])
    }
    assert any(row[5] == "" for row in points)  # the point off the globe
    assert dict(skipped) == {
        "GPX track point without a time": 4,
        "GPX waypoint without a time": 1,
        "GPX route point (a plan, without times)": 2,
    }
    assert added == len(found) == 3_000 - 4 + 2 + 2


# ------------------------------------------------------------------ memory

_PEAK_CHILD = """
import json, resource, sys
from hearth.importers.gpx import read_gpx
from hearth.importers.sink import RecordSink
class Labels:
    types = {}
    sources = {}
sink = RecordSink(Labels(), lambda batch: None)
with open(sys.argv[1], "rb") as stream:
    added = read_gpx(stream, "ride.gpx", sink)
sink.flush()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"added": added, "peak_kib": peak // 1024 if sys.platform == "darwin" else peak}))
"""


def _peak_kib(path: Path) -> dict[str, int]:
    done = subprocess.run(
        [sys.executable, "-c", _PEAK_CHILD, str(path)],
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    return dict(json.loads(done.stdout))


@pytest.mark.skipif(sys.platform == "win32", reason="peak RSS from the resource module")
def test_memory_does_not_grow_with_the_file(tmp_path: Path) -> None:
    # 40,000 points of 1 KB and 4,000 of them: ten times the points and the bytes. Read
    # whole into gpxpy's tree, the big one peaked 427 MB above the small one; streamed, the
    # two peaks were the same to the KB.
    big = write_long_gpx(tmp_path / "big.gpx", 40_000, padding=800)
    small = write_long_gpx(tmp_path / "small.gpx", 4_000, padding=800)
    assert big.stat().st_size > 40_000_000 and small.stat().st_size < 5_000_000
    big_run, small_run = _peak_kib(big), _peak_kib(small)
    assert big_run["added"] > 39_000 and small_run["added"] > 3_900
    grown_mb = (big_run["peak_kib"] - small_run["peak_kib"]) / 1024
    assert grown_mb < 16, f"reading 10x the file took {grown_mb:.1f} MB more at its peak"

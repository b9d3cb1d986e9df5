"""GPX files (GPS devices, Strava, Komoot, GPSBabel, ...), read with gpxpy.

Timed track points become `activity.point`s (heart rate, cadence, power and temperature from
Garmin's TrackPointExtension where present), each track with timed points an
`activity.session` (value: the track's type), timed waypoints `activity.waypoint`s (value:
their name). Points and waypoints without a time cannot be placed in time: they are skipped
and counted, and so are planned routes.

gpxpy parses with lxml's default settings, which resolve entities (a GPX file could pull in
any local file). So lxml first parses the bytes here, with entities, DTDs and the network
off; a file with a document type declaration is refused (GPX has none), and gpxpy gets the
tree serialised again, which also makes any declared encoding UTF-8. GPX files are a few
megabytes, so reading one whole is fine; a cap stops the odd giant.
"""

from __future__ import annotations

from typing import IO, Any

import gpxpy
import gpxpy.gpx
from lxml import etree

from hearth.importers import safe_xml
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
from hearth.importers.sink import RecordSink
from hearth.vault.records import SourceLabel

MAX_GPX_BYTES = 256 * 1024 * 1024
# Extension element (local name) -> meta key; Garmin's TrackPointExtension and its cousins.
_EXTENSIONS = {
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


def read_gpx(stream: IO[bytes], name: str, sink: RecordSink) -> int:
    """Read one GPX file into ``sink``; returns how many records it gave.

    Raises `DamagedFile` (before adding anything) when the file cannot be read.
    """
    gpx = _parse(stream)
    source: SourceLabel = (gpx.creator or "GPX file", "", "")
    added = 0
    for track in gpx.tracks:
        added += _track(track, source, sink)
    for waypoint in gpx.waypoints:
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
    planned = sum(len(route.points) for route in gpx.routes)
    if planned:
        sink.skip("GPX route point (a plan, without times)", planned)
    return added


def _parse(stream: IO[bytes]) -> gpxpy.gpx.GPX:
    data = stream.read(MAX_GPX_BYTES + 1)
    if len(data) > MAX_GPX_BYTES:
        raise DamagedFile("is larger than 256 MB, more than a GPX track would be")
    try:
        root = etree.fromstring(data, safe_xml.parser(remove_comments=True, remove_pis=True))
    except etree.XMLSyntaxError:
        raise DamagedFile("is not well-formed XML (damaged or cut off)") from None
    if root.getroottree().docinfo.doctype:
        raise DamagedFile("has a document type declaration, which GPX files never have")
    try:
        return gpxpy.parse(etree.tostring(root, encoding="unicode"))
    except (gpxpy.gpx.GPXException, ValueError, TypeError, LookupError):
        raise DamagedFile("has values GPX does not allow") from None


def _track(track: gpxpy.gpx.GPXTrack, source: SourceLabel, sink: RecordSink) -> int:
    added = 0
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
            extra = _extensions(point.extensions)
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
        totals: dict[str, Any] = {"name": track.name, "distance_m": round(track.length_2d(), 1)}
        sink.add(
            SESSION,
            first,
            last,
            track.type or "",
            source=source,
            meta=clean_meta(totals),
        )
        added += 1
    return added


def _extensions(elements: list[Any]) -> dict[str, float]:
    found: dict[str, float] = {}
    for element in elements:
        for child in element.iter():
            if not isinstance(child.tag, str):
                continue
            key = _EXTENSIONS.get(local_name(child).lower())
            if key is None or key in found or not child.text:
                continue
            try:
                value = number(float(child.text))
            except ValueError:
                continue
            if value is not None:
                found[key] = value
    return found

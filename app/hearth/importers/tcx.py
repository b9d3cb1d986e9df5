"""Garmin Training Center `.tcx` files, streamed with lxml's iterparse.

An Activity's Trackpoints become `activity.point`s and the Activity an `activity.session`
(value: its Sport attribute, totals of its Laps in meta). Course trackpoints are a plan, not
something that happened, and are left out.

The file is read twice: TCX names the recording device (`<Creator>`) after the laps, and a
point's source has to be known when the point is written. The first pass also proves the XML
whole, so a damaged file adds nothing at all; both passes keep memory flat by dropping each
point once read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from typing import IO, Any

from lxml import etree

from hearth.importers import safe_xml
from hearth.importers.activity_points import (
    SESSION,
    DamagedFile,
    add_point,
    clean_meta,
    local_name,
    number,
    utc_ms,
)
from hearth.importers.sink import RecordSink
from hearth.vault.records import SourceLabel

UNKNOWN_DEVICE: SourceLabel = ("TCX file", "", "")
MAX_SESSION_SECONDS = 100 * 86_400  # beyond this a total is damage, not an activity


def read_tcx(open_stream: Callable[[], IO[bytes]], name: str, sink: RecordSink) -> int:
    """Read one TCX file (``open_stream`` gives it from its start) into ``sink``; returns how
    many records it gave. Raises `DamagedFile`, before adding anything, when it is damaged."""
    with open_stream() as stream:
        devices = _devices(stream)
    with open_stream() as stream:
        return _TcxRecords(sink, devices).read(stream)


def _elements(stream: IO[bytes], *names: str) -> Iterator[tuple[str, Any]]:
    """(local name, element) at the end of each element named ``names``, in any namespace."""
    events = safe_xml.iterparse(stream, [f"{{*}}{n}" for n in names])
    try:
        for _event, element in events:
            yield local_name(element), element
    except etree.XMLSyntaxError:
        raise DamagedFile("is not well-formed XML (damaged or cut off)") from None


def _release(element: Any) -> None:
    """Free a read element and the siblings read before it."""
    element.clear()
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def _devices(stream: IO[bytes]) -> list[SourceLabel]:
    """The recording device of each Activity, in order."""
    devices = []
    for local, element in _elements(stream, "Trackpoint", "Activity"):
        if local == "Activity":
            devices.append(_device(element))
        _release(element)
    return devices


def _device(activity: Any) -> SourceLabel:
    creator = activity.find("{*}Creator")
    if creator is None:
        return UNKNOWN_DEVICE
    name = (creator.findtext("{*}Name") or "").strip()
    major = (creator.findtext("{*}Version/{*}VersionMajor") or "").strip()
    minor = (creator.findtext("{*}Version/{*}VersionMinor") or "").strip()
    version = f"{major}.{minor}" if major and minor else major
    return (name or UNKNOWN_DEVICE[0], version, "")


def _time(text: str | None) -> int | None:
    if not text:
        return None
    try:
        return utc_ms(datetime.fromisoformat(text.strip()))
    except ValueError:
        return None


def _float(element: Any, path: str) -> float | None:
    text = element.findtext(path)
    if text is None or not text.strip():
        return None
    return number(float(text))


class _TcxRecords:
    def __init__(self, sink: RecordSink, devices: list[SourceLabel]) -> None:
        self.sink = sink
        self.devices = devices
        self.activity = 0  # index of the Activity being read
        self.added = 0
        self._laps: list[dict[str, Any]] = []

    @property
    def source(self) -> SourceLabel:
        if self.activity < len(self.devices):
            return self.devices[self.activity]
        return UNKNOWN_DEVICE

    def read(self, stream: IO[bytes]) -> int:
        for local, element in _elements(stream, "Trackpoint", "Lap", "Activity"):
            if local == "Trackpoint":
                self.trackpoint(element)
                _release(element)
            elif local == "Lap":
                self.lap(element)
                element.clear()  # not _release: the Activity's Id comes before its laps
            else:
                self.session(element)
                self.activity += 1
                _release(element)
        return self.added

    def trackpoint(self, point: Any) -> None:
        track = point.getparent()
        lap = track.getparent() if track is not None else None
        if lap is None or local_name(lap) != "Lap":
            return  # a Course's planned point
        at = _time(point.findtext("{*}Time"))
        if at is None:
            self.sink.skip("TCX track point without a time")
            return
        try:
            meta = {
                "altitude": _float(point, "{*}AltitudeMeters"),
                "distance": _float(point, "{*}DistanceMeters"),
                "cadence": _float(point, "{*}Cadence"),
                "speed": _float(point, "{*}Extensions/{*}TPX/{*}Speed"),
                "power": _float(point, "{*}Extensions/{*}TPX/{*}Watts"),
            }
            if meta["cadence"] is None:
                meta["cadence"] = _float(point, "{*}Extensions/{*}TPX/{*}RunCadence")
            heart_rate = _float(point, "{*}HeartRateBpm/{*}Value")
            lat = _float(point, "{*}Position/{*}LatitudeDegrees")
            lng = _float(point, "{*}Position/{*}LongitudeDegrees")
        except ValueError:
            self.sink.skip("TCX track point with an unreadable number")
            return
        add_point(self.sink, at, self.source, heart_rate=heart_rate, lat=lat, lng=lng, meta=meta)
        self.added += 1

    def lap(self, lap: Any) -> None:
        try:
            self._laps.append(
                {
                    "start": _time(lap.get("StartTime")),
                    "seconds": _float(lap, "{*}TotalTimeSeconds"),
                    "distance": _float(lap, "{*}DistanceMeters"),
                    "calories": _float(lap, "{*}Calories"),
                }
            )
        except ValueError:
            self.sink.skip("TCX lap with an unreadable number")

    def session(self, activity: Any) -> None:
        laps, self._laps = self._laps, []
        start = _time(activity.findtext("{*}Id"))
        if start is None:
            starts = [lap["start"] for lap in laps if lap["start"] is not None]
            start = min(starts) if starts else None
        if start is None:
            self.sink.skip("TCX activity without a start time")
            return
        seconds = sum(lap["seconds"] or 0 for lap in laps)
        if not 0 <= seconds <= MAX_SESSION_SECONDS:
            seconds = 0
        meta = {
            "laps": len(laps),
            "elapsed_s": seconds,
            "distance_m": sum(lap["distance"] or 0 for lap in laps),
            "calories_kcal": sum(lap["calories"] or 0 for lap in laps),
        }
        self.sink.add(
            SESSION,
            start,
            start + round(seconds * 1000),
            activity.get("Sport") or "",
            source=self.source,
            meta=clean_meta(meta),
        )
        self.added += 1

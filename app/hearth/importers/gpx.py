"""GPX files (GPS devices, Strava, Komoot, GPSBabel, ...), streamed with lxml and read with
gpxpy's own field definitions.

Timed track points become `activity.point`s (heart rate, cadence, power and temperature from
Garmin's TrackPointExtension where present), each track with timed points an
`activity.session` (value: the track's type), timed waypoints `activity.waypoint`s (value:
their name). Points and waypoints without a time cannot be placed in time: they are skipped
and counted, and so are planned routes.

Memory stays flat whatever the file's size (read whole into gpxpy's object tree, a 20 MB
ride of 84,000 points took 567 MB; streamed, 5 MB: `bench/gpx_memory.py`). lxml's iterparse,
hardened as every importer's (`safe_xml`: no entities, DTD or network), gives each track
point, waypoint, route point, segment, route and track as it ends; gpxpy's
`gpx_fields_from_xml`, what `gpxpy.parse` applies to the whole tree, reads that one element,
which is then dropped from the document. So values read as gpxpy read them: the same times
(an unreadable one is no time), the same values refused, GPX 1.0's fields for a 1.0 file (its
`<speed>`, no extensions), and a session's distance is gpxpy's `length_2d`, summed in the
same order to the same float. As gpxpy took the root's default namespace out of the text
and then matched plain names, only elements in that namespace (without a prefix) or in none
are GPX's, and only where GPX puts them (a `<trkpt>` in a `<trkseg>` of a `<trk>` of the
root). A comment or processing instruction inside a value is left out of it, as before.

A damaged file is read as a FIT file is: what came before the damage is imported and the
damage said as a skipped part ("ride.gpx is not well-formed XML (damaged or cut off); what
came before was imported"); damage before the first record refuses the file, and a document
type declaration, at its head, always does. Nothing is kept aside, so nothing read from the
file is ever written outside the vault, and there is no size cap: memory does not grow with
the file. What stays in the document is the element being read and a track's or route's own
fields: anything else, GPX's or not, is dropped once read past. Not bounded, as in any reader
of elements: one element that grows without end (an `<extensions>` of a million elements),
and a run of elements GPX does not know, kept until the next point, segment, track, waypoint
or route beside them has been read.

Where this differs from gpxpy, on files no device writes: the root's own fields (its
metadata) are not read, only its `creator`; a root that declares no default
namespace (gpxpy then took out the first one declared further in; here only elements
without a namespace are GPX's), text that merely looks like a namespace declaration (gpxpy's
regular expressions read the whole text, and some such text made it refuse the file), and a
time offset of a day or more or a position gpxpy's distance maths fails on (an infinite
latitude), which stopped the import with a Python error: now no time, and no distance for the
track.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import datetime
from typing import IO, Any

import gpxpy.gpx
from gpxpy import gpxfield
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

NOT_XML = "is not well-formed XML (damaged or cut off)"
HAS_DOCTYPE = "has a document type declaration, which GPX files never have"
BAD_VALUES = "has values GPX does not allow"
# What gpxpy raises on a value it refuses (caught as when it read the whole tree).
_GPXPY_ERRORS = (gpxpy.gpx.GPXException, ValueError, TypeError, LookupError)
# The elements read as they end (everything else is read with the element it is in), and the
# elements each is in where GPX puts it, up to a child of the root.
_PARENTS = {
    "trkpt": ("trkseg", "trk"),
    "trkseg": ("trk",),
    "trk": (),
    "wpt": (),
    "rtept": ("rte",),
    "rte": (),
}
_TAGS = [f"{{*}}{name}" for name in _PARENTS]


def _field_names(kind: Any) -> frozenset[str]:
    """The names of the children gpxpy reads in a ``kind``'s element, in either GPX version
    (and a few it reads further down): all but lists, whose items are read one by one."""
    names = set()
    for field in [*kind.gpx_10_fields, *kind.gpx_11_fields]:
        if isinstance(field, str):  # "link:@link" opens a <link>, "/link" closes it
            if not field.startswith("/"):
                names.add(field.partition(":")[0])
        elif getattr(field, "tag", None) and not field.is_list:
            names.add(field.tag)
    return frozenset(names)


# Parent (GPX name) -> the children kept there once read past, see `_tidy`; under the root,
# nothing (its fields are not read).
_KEPT = {
    "trk": _field_names(gpxpy.gpx.GPXTrack),
    "rte": _field_names(gpxpy.gpx.GPXRoute),
}
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
_DRAIN_BYTES = 1 << 20


def read_gpx(stream: IO[bytes], name: str, sink: RecordSink) -> int:
    """Read one GPX file into ``sink``; returns how many records it gave.

    Raises `DamagedFile` when the file cannot be read before its first record; damage after
    some records is a `sink.skip` with the reason, as for FIT files.
    """
    reader = _GpxReader(sink)
    try:
        reader.read(stream)
    except DamagedFile as damage:
        if reader.added == 0:
            raise
        sink.skip(f"{name} {damage.problem}; what came before was imported")
    finally:
        safe_xml.free_parsers()
    reader.count_skipped()
    return reader.added


class _Refused(Exception):
    """gpxpy refused a value."""


class _GpxReader:
    """One GPX file read into a sink as it streams by."""

    def __init__(self, sink: RecordSink) -> None:
        self.sink = sink
        self.source: SourceLabel = ("GPX file", "", "")  # the root's creator, once read
        self.added = 0
        self.untimed_points = 0
        self.untimed_waypoints = 0
        self.planned = 0
        self._refusal: str | None = None  # once set, the rest is only checked to be XML
        self._root: Any = None
        self._namespace = ""  # "{uri}" of the root's default namespace, or ""
        self._version = ""  # "1.1" reads GPX 1.1's fields, anything else 1.0's, as gpxpy
        self._shell: Any = None  # the last element read, emptied: taken out next time
        # The track being read.
        self._first: int | None = None
        self._last: int | None = None
        self._length: float = 0
        self._segment_length: float = 0
        self._previous: gpxpy.gpx.GPXTrackPoint | None = None
        self._readers: dict[str, Callable[[Any], None]] = {
            "trkpt": self._trkpt,
            "trkseg": self._trkseg,
            "trk": self._trk,
            "wpt": self._wpt,
            "rtept": self._rtept,
            "rte": self._rte,
        }

    # ---------------------------------------------------------------- reading

    def read(self, stream: IO[bytes]) -> None:
        events = safe_xml.iterparse(stream, _TAGS)
        try:
            for _event, element in events:
                if self._root is None:
                    self._begin(element.getroottree().getroot())
                self._element(element)
            if self._root is None:  # no element read: its document type is still said
                self._begin(events.root)
            self._drop_shell()
        except etree.XMLSyntaxError:
            _drain(stream)  # a stream that breaks further on is said first, as before
            raise DamagedFile(NOT_XML) from None
        finally:
            self._root = self._shell = None
        if self._refusal is not None:
            raise DamagedFile(self._refusal)

    def _begin(self, root: Any) -> None:
        self._root = root
        if root.getroottree().docinfo.doctype:
            self._refusal = HAS_DOCTYPE
        self._version = root.get("version") or ""
        self.source = (root.get("creator") or "GPX file", "", "")
        namespace = root.nsmap.get(None)
        # gpxpy's pattern for the declaration it took out stopped at a quote: with one in
        # it, the namespace stayed on every name, and nothing was GPX's but unnamespaced.
        self._namespace = f"{{{namespace}}}" if namespace and "'" not in namespace else ""

    def _element(self, element: Any) -> None:
        name = self._gpx_name(element)
        reader = self._readers.get(name) if name is not None else None
        if name is None or reader is None or not self._in_place(element, name):
            # Not GPX's, or not where GPX puts it: gpxpy never saw it either. Dropped, but
            # not from a track point's extensions (read with the point).
            if not any(self._is_point(above) for above in element.iterancestors()):
                self._drop_shell()
                element.clear()
                self._shell = element
            return
        self._drop_shell()
        if self._refusal is None:
            try:
                reader(element)
            except _Refused:
                self._refusal = BAD_VALUES
        element.clear()
        self._tidy(element)
        self._shell = element

    def _gpx_name(self, element: Any) -> str | None:
        """``element``'s name when it is a GPX element as gpxpy saw them, else None."""
        tag = element.tag
        if tag.__class__ is not str:
            return None  # a comment or processing instruction
        if not tag.startswith("{"):
            return tag  # type: ignore[no-any-return]
        namespace = self._namespace
        if namespace and tag.startswith(namespace) and element.prefix is None:
            return tag[len(namespace) :]  # type: ignore[no-any-return]
        return None

    def _in_place(self, element: Any, name: str) -> bool:
        """Whether GPX's ``name`` is where GPX puts it: in ``_PARENTS[name]``, the last of
        them a child of the root."""
        for parent_name in _PARENTS[name]:
            element = element.getparent()
            if element is None or self._gpx_name(element) != parent_name:
                return False
        parent = element.getparent()
        return parent is not None and parent.getparent() is None

    def _is_point(self, element: Any) -> bool:
        return self._gpx_name(element) == "trkpt" and self._in_place(element, "trkpt")

    def _drop_shell(self) -> None:
        """Take the element emptied last out of the document, now that the parser has gone
        past it (as in lxml's own iterparse examples)."""
        shell, self._shell = self._shell, None
        if shell is not None:
            parent = shell.getparent()
            if parent is not None:
                parent.remove(shell)

    def _tidy(self, element: Any) -> None:
        """Take what came before ``element`` out of its parent, but for the first child of
        each name gpxpy reads in a track or route (its name, type, ...): unknown elements and
        comments between points do not pile up."""
        parent = element.getparent()
        kept = _KEPT.get(self._gpx_name(parent) or "", frozenset())
        seen: set[str] = set()
        doomed = []
        for child in parent.iterchildren():
            if child is element:
                break
            name = self._gpx_name(child)
            if name in kept and name not in seen:
                seen.add(name)
            else:
                doomed.append(child)
        for child in doomed:
            parent.remove(child)

    def _fields(self, kind: Any, element: Any) -> Any:
        """``element`` read as gpxpy reads a ``kind``: comments and processing instructions
        taken out (their text joined), the root's default namespace taken off the names.
        Raises `_Refused` where gpxpy refused a value."""
        namespace = self._namespace
        cut = len(namespace)
        others = False  # comments or processing instructions
        for child in element.iter():
            tag = child.tag
            if tag.__class__ is not str:
                others = True
            elif cut and tag.startswith(namespace) and child.prefix is None:
                child.tag = tag[cut:]
        if others:
            etree.strip_tags(element, etree.Comment, etree.ProcessingInstruction)
        try:
            return gpxfield.gpx_fields_from_xml(kind, element, self._version)
        except _GPXPY_ERRORS:
            raise _Refused from None

    # ---------------------------------------------------------------- GPX's elements

    def _trkpt(self, element: Any) -> None:
        point = self._fields(gpxpy.gpx.GPXTrackPoint, element)
        if self._previous is not None:  # gpxpy's `geo.length`, point by point
            distance = _distance(point, self._previous)
            if distance:
                self._segment_length += distance
        self._previous = point
        at = _time_ms(point.time)
        if at is None:
            self.untimed_points += 1
            return
        self._first = at if self._first is None else min(self._first, at)
        self._last = at if self._last is None else max(self._last, at)
        extra = _extensions(point.extensions)
        heart_rate = extra.pop("heart_rate", None)
        meta = {"altitude": point.elevation, "speed": point.speed, **extra}
        add_point(
            self.sink,
            at,
            self.source,
            heart_rate=heart_rate,
            lat=point.latitude,
            lng=point.longitude,
            meta=meta,
        )
        self.added += 1

    def _trkseg(self, _element: Any) -> None:
        if self._segment_length:  # gpxpy's `GPXTrack.length_2d`, segment by segment
            self._length += self._segment_length
        self._segment_length = 0
        self._previous = None

    def _trk(self, element: Any) -> None:
        first, last, length = self._first, self._last, self._length
        self._first = self._last = None
        self._length = 0
        track = self._fields(gpxpy.gpx.GPXTrack, element)
        if first is not None and last is not None:
            totals = {"name": track.name, "distance_m": round(length, 1)}
            self.sink.add(
                SESSION,
                first,
                last,
                track.type or "",
                source=self.source,
                meta=clean_meta(totals),
            )
            self.added += 1

    def _wpt(self, element: Any) -> None:
        waypoint = self._fields(gpxpy.gpx.GPXWaypoint, element)
        at = _time_ms(waypoint.time)
        if at is None:
            self.untimed_waypoints += 1
            return
        lat, lng = valid_position(waypoint.latitude, waypoint.longitude)
        meta = {
            "altitude": waypoint.elevation,
            "description": waypoint.description,
            "symbol": waypoint.symbol,
        }
        self.sink.add(
            WAYPOINT,
            at,
            at,
            waypoint.name or "",
            source=self.source,
            lat=lat,
            lng=lng,
            meta=clean_meta(meta),
        )
        self.added += 1

    def _rtept(self, element: Any) -> None:
        self._fields(gpxpy.gpx.GPXRoutePoint, element)  # refused as gpxpy refused it
        self.planned += 1

    def _rte(self, element: Any) -> None:
        self._fields(gpxpy.gpx.GPXRoute, element)

    def count_skipped(self) -> None:
        """What was read past and not imported, said to the sink."""
        if self.untimed_points:
            self.sink.skip("GPX track point without a time", self.untimed_points)
        if self.untimed_waypoints:
            self.sink.skip("GPX waypoint without a time", self.untimed_waypoints)
        if self.planned:
            self.sink.skip("GPX route point (a plan, without times)", self.planned)


def _drain(stream: IO[bytes]) -> None:
    while stream.read(_DRAIN_BYTES):
        pass


def _time_ms(moment: datetime | None) -> int | None:
    """A point's time; None without one, as for a time gpxpy could not read (an offset of a
    day or more reads, but is no time)."""
    if moment is None:
        return None
    try:
        return utc_ms(moment)
    except (ValueError, OverflowError):
        return None


def _distance(point: gpxpy.gpx.GPXTrackPoint, previous: gpxpy.gpx.GPXTrackPoint) -> float:
    """gpxpy's distance between two points, NaN (no distance) where its maths fails (an
    infinite latitude, say)."""
    try:
        return float(point.distance_2d(previous) or 0)
    except (ValueError, OverflowError):
        return math.nan


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

"""Google Location History: Takeout's `Records.json` and Semantic Location History, and the
`Timeline.json` a phone exports since Timeline moved on-device (Android and iOS shapes).

All of it is one dataset, "where I was": the same person's places, trips and positions,
whichever way Google handed them out. Record types:

- "location.point": a position fix (Records.json, Timeline's rawSignals). Value "": a fix is
  one device at one instant, so (time, device) is its natural key; accuracy, altitude,
  speed and the likeliest activity go into meta.
- "location.visit": a stay at a place, value the Google place id (stable across exports,
  unlike names, which Google edits), or the name when there is no id.
- "location.activity": a move between places, value the activity type ("WALKING"...),
  at the start position, with the end position and distance in meta.
- "location.path": a point of Timeline's simplified path of a move.

Left out on purpose: Timeline's userLocationProfile (Google's guess at home and work),
Wi-Fi scans (they name nearby networks), trip memories and notes, and place addresses.
Records' deviceTag identifies a phone: it is kept only as the record source's device.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hearth.importers.base import Match
from hearth.importers.export import Export
from hearth.importers.google_takeout import (
    LOCATION_RECORDS,
    SEMANTIC_LOCATIONS,
    TIMELINE_ANDROID,
    TIMELINE_IOS,
    entries_of,
    kind_of,
)
from hearth.importers.json_stream import (
    CountingReader,
    damage_is_bad_input,
    iso_ms,
    items,
    items_at,
    millis,
    number,
    plausible_ms,
)
from hearth.importers.sink import RecordSink

NAME = "google-location"
_HISTORY = "Google Location History"
_TIMELINE = "Google Maps Timeline"
_SEMANTIC_SOURCE = (_HISTORY, "", "")
_ANDROID_SOURCE = (_TIMELINE, "", "Android")
_IOS_SOURCE = (_TIMELINE, "", "iOS")
# Old Takeouts wrote some coordinates as unsigned 32-bit numbers: these wrap around.
_E7_WRAP = 2**32
_DAMAGED = (KeyError, TypeError, ValueError, AttributeError, IndexError, OverflowError)

LatLng = tuple[float, float]


class GoogleLocationImporter:
    name = NAME
    title = "Google Location History"
    hint = (
        "Ask for it at takeout.google.com and select Location History (Timeline), or on the "
        "phone: Settings > Location > Timeline > Export timeline data (Timeline.json)."
    )

    def sniff(self, export: Export) -> Match | None:
        found = entries_of(
            export, LOCATION_RECORDS, SEMANTIC_LOCATIONS, TIMELINE_ANDROID, TIMELINE_IOS
        )
        return Match(NAME, tuple(e.name for e in found)) if found else None

    def read(self, export: Export, match: Match, sink: RecordSink) -> None:
        readers: dict[str | None, Callable[[CountingReader, RecordSink], None]] = {
            LOCATION_RECORDS: _read_records,
            SEMANTIC_LOCATIONS: _read_semantic,
            TIMELINE_ANDROID: _read_android_timeline,
            TIMELINE_IOS: _read_ios_timeline,
        }
        done = 0
        for entry in export.entries_named(match.entries):
            reader = readers.get(kind_of(export, entry))
            if reader is None:
                continue
            with export.open(entry) as raw, damage_is_bad_input(entry.basename):
                reader(CountingReader(raw, sink.read_to, done), sink)
            done += entry.size
            sink.read_to(done)


GOOGLE_LOCATION = GoogleLocationImporter()


# ------------------------------------------------------------------ Records.json


def _read_records(stream: CountingReader, sink: RecordSink) -> None:
    for item in items(stream, "locations.item"):
        try:
            _add_fix(item, sink)
        except _DAMAGED:
            sink.skip("location point without a readable time or position")


def _add_fix(item: dict[str, Any], sink: RecordSink) -> None:
    if "timestampMs" in item:
        at, offset = millis(item["timestampMs"]), 0
    else:
        at, offset = iso_ms(item["timestamp"])
    lat, lng = _e7_pair(item["latitudeE7"], item["longitudeE7"])
    device = item.get("deviceTag")
    label = (_HISTORY, "", str(device) if isinstance(device, int | str) else "")
    meta = _numbers(
        item,
        accuracy="accuracy",
        altitude="altitude",
        vertical_accuracy="verticalAccuracy",
        velocity="velocity",
        heading="heading",
    )
    if isinstance(item.get("source"), str):
        meta["source"] = item["source"]
    meta.update(_likeliest_activity(item.get("activity")))
    sink.add(
        "location.point",
        at,
        at,
        "",
        source=label,
        lat=lat,
        lng=lng,
        meta=meta,
        offset_minutes=offset,
    )


def _likeliest_activity(activity: Any) -> dict[str, Any]:
    """The first guess of the first activity reading, e.g. {"activity": "STILL", ...}."""
    try:
        guess = activity[0]["activity"][0]
        found: dict[str, Any] = {"activity": str(guess["type"])}
        if "confidence" in guess:
            found["activity_confidence"] = number(guess["confidence"])
        return found
    except _DAMAGED:
        return {}


# ------------------------------------------------------------------ Semantic Location History


def _read_semantic(stream: CountingReader, sink: RecordSink) -> None:
    for item in items(stream, "timelineObjects.item"):
        try:
            if "placeVisit" in item:
                _add_place_visit(item["placeVisit"], sink)
            elif "activitySegment" in item:
                _add_activity_segment(item["activitySegment"], sink)
            else:
                sink.skip("Semantic Location History entry of an unknown kind")
        except _DAMAGED:
            sink.skip("Semantic Location History entry without a readable time or place")


def _add_place_visit(visit: dict[str, Any], sink: RecordSink) -> None:
    start, end, offset = _duration(visit["duration"])
    place = visit.get("location") or {}
    position = _e7_point(place, "latitudeE7", "longitudeE7") or _e7_point(
        visit, "centerLatE7", "centerLngE7"
    )
    value = _label(place.get("placeId") or place.get("name") or "")
    meta = _numbers(visit, visit_confidence="visitConfidence")
    meta.update(_texts(visit, place_confidence="placeConfidence"))
    meta.update(_texts(place, name="name", semantic_type="semanticType"))
    _add_span(sink, "location.visit", start, end, value, _SEMANTIC_SOURCE, position, meta, offset)


def _add_activity_segment(segment: dict[str, Any], sink: RecordSink) -> None:
    start, end, offset = _duration(segment["duration"])
    begin = _e7_point(segment.get("startLocation") or {}, "latitudeE7", "longitudeE7")
    finish = _e7_point(segment.get("endLocation") or {}, "latitudeE7", "longitudeE7")
    meta = _numbers(segment, distance_m="distance")
    meta.update(_texts(segment, confidence="confidence"))
    if finish is not None:
        meta["end"] = list(finish)
    kind = segment.get("activityType") or "UNKNOWN_ACTIVITY_TYPE"
    _add_span(
        sink, "location.activity", start, end, _label(kind), _SEMANTIC_SOURCE, begin, meta, offset
    )


def _duration(duration: dict[str, Any]) -> tuple[int, int, int]:
    """(start ms, end ms, offset) from {"startTimestamp": ISO} or {"startTimestampMs": "..."}."""

    def moment(key: str) -> tuple[int, int]:
        if f"{key}Ms" in duration:
            return millis(duration[f"{key}Ms"]), 0
        return iso_ms(duration[key])

    start, offset = moment("startTimestamp")
    end, _ = moment("endTimestamp")
    return start, end, offset


# ------------------------------------------------------------------ Timeline.json (Android)


def _read_android_timeline(stream: CountingReader, sink: RecordSink) -> None:
    # One pass: userLocationProfile is never built, whatever its size.
    for prefix, item in items_at(stream, ("semanticSegments.item", "rawSignals.item")):
        try:
            if prefix == "rawSignals.item":
                _add_raw_signal(item, sink)
            else:
                _add_segment(item, sink, _ANDROID_SOURCE)
        except _DAMAGED:
            sink.skip("Timeline entry without a readable time or place")


def _add_raw_signal(signal: dict[str, Any], sink: RecordSink) -> None:
    position = signal.get("position")
    if position is None:  # wifiScan, activityRecord: left out (see the module's docstring)
        return
    at, offset = iso_ms(position["timestamp"])
    lat, lng = _lat_lng(position.get("LatLng") or position["latLng"])
    meta = _numbers(
        position,
        accuracy="accuracyMeters",
        altitude="altitudeMeters",
        velocity="speedMetersPerSecond",
    )
    meta.update(_texts(position, source="source"))
    sink.add(
        "location.point",
        at,
        at,
        "",
        source=_ANDROID_SOURCE,
        lat=lat,
        lng=lng,
        meta=meta,
        offset_minutes=offset,
    )


# ------------------------------------------------------------------ Timeline (iOS)


def _read_ios_timeline(stream: CountingReader, sink: RecordSink) -> None:
    for item in items(stream, "item"):
        try:
            _add_segment(item, sink, _IOS_SOURCE)
        except _DAMAGED:
            sink.skip("Timeline entry without a readable time or place")


# ------------------------------------------------------------------ both Timeline shapes


def _add_segment(segment: dict[str, Any], sink: RecordSink, source: tuple[str, str, str]) -> None:
    """One of Timeline's segments; Android and iOS differ in details handled here: iOS
    writes numbers as strings, "geo:lat,lng" positions, "placeID", and path points as
    minutes after the segment's start."""
    start, offset = iso_ms(segment["startTime"])
    end, _ = iso_ms(segment["endTime"])
    if "visit" in segment:
        visit = segment["visit"]
        top = visit["topCandidate"]
        place = _label(top.get("placeId") or top.get("placeID") or "")
        meta = _numbers(visit, probability="probability", hierarchy_level="hierarchyLevel")
        meta.update(_texts(top, semantic_type="semanticType"))
        _add_span(
            sink,
            "location.visit",
            start,
            end,
            place,
            source,
            _lat_lng(top["placeLocation"]),
            meta,
            offset,
        )
    elif "activity" in segment:
        activity = segment["activity"]
        meta = _numbers(activity, distance_m="distanceMeters", probability="probability")
        if activity.get("end"):
            meta["end"] = list(_lat_lng(activity["end"]))
        begin = _lat_lng(activity["start"]) if activity.get("start") else None
        kind = _label(activity["topCandidate"]["type"])
        _add_span(sink, "location.activity", start, end, kind, source, begin, meta, offset)
    elif "timelinePath" in segment:
        for point in segment["timelinePath"]:
            try:
                _add_path_point(point, start, offset, sink, source)
            except _DAMAGED:
                sink.skip("Timeline path point without a readable time or position")
    elif "timelineMemory" not in segment:  # memories (trips, notes) are left out
        sink.skip("Timeline entry of an unknown kind")


def _add_path_point(
    point: dict[str, Any], start: int, offset: int, sink: RecordSink, source: tuple[str, str, str]
) -> None:
    if "time" in point:
        at, offset = iso_ms(point["time"])
    else:
        minutes = number(point["durationMinutesOffsetFromStartTime"])
        at = plausible_ms(start + round(minutes * 60_000))
    lat, lng = _lat_lng(point["point"])
    sink.add("location.path", at, at, "", source=source, lat=lat, lng=lng, offset_minutes=offset)


# ------------------------------------------------------------------ shared


def _add_span(
    sink: RecordSink,
    type_name: str,
    start: int,
    end: int,
    value: str,
    source: tuple[str, str, str],
    position: LatLng | None,
    meta: dict[str, Any],
    offset: int,
) -> None:
    lat, lng = position if position is not None else (None, None)
    sink.add(
        type_name,
        start,
        end,
        value,
        source=source,
        lat=lat,
        lng=lng,
        meta=meta,
        offset_minutes=offset,
    )


def _e7_pair(lat_e7: Any, lng_e7: Any) -> LatLng:
    lat, lng = int(lat_e7), int(lng_e7)
    if lat > 900_000_000:
        lat -= _E7_WRAP
    if lng > 1_800_000_000:
        lng -= _E7_WRAP
    return _checked(lat / 1e7, lng / 1e7)


def _e7_point(holder: dict[str, Any], lat_key: str, lng_key: str) -> LatLng | None:
    if lat_key not in holder or lng_key not in holder:
        return None
    return _e7_pair(holder[lat_key], holder[lng_key])


def _lat_lng(text: Any) -> LatLng:
    """ "48.8566°, 2.3522°" (Android), "geo:48.8566,2.3522" (iOS), or {"latLng": ...}."""
    if isinstance(text, dict):
        text = text.get("latLng") or text.get("LatLng")
    if not isinstance(text, str):
        raise ValueError("not a position")
    body = text.strip().removeprefix("geo:").split(";", 1)[0]
    lat, lng = body.replace("°", "").split(",")
    return _checked(float(lat), float(lng))


def _checked(lat: float, lng: float) -> LatLng:
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lng <= 180.0):
        raise ValueError("position out of range")
    return lat, lng


def _numbers(holder: dict[str, Any], **keys: str) -> dict[str, Any]:
    """{our name: number} for each of ``keys`` (our name = their key) ``holder`` has as a
    number or a number in a string; anything else is left out."""
    found: dict[str, Any] = {}
    for ours, theirs in keys.items():
        if holder.get(theirs) is not None:
            try:
                found[ours] = number(holder[theirs])
            except ValueError:
                continue
    return found


def _label(value: Any) -> str:
    """A place id or activity type as the record's value; `ValueError` if it is not text."""
    if not isinstance(value, str):
        raise ValueError("not a label")
    return value


def _texts(holder: dict[str, Any], **keys: str) -> dict[str, str]:
    return {
        ours: holder[theirs]
        for ours, theirs in keys.items()
        if isinstance(holder.get(theirs), str) and holder[theirs]
    }

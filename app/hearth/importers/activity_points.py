"""What the FIT, GPX and TCX readers share: the record types they write and how.

Record keys (see migration 0002) are (type, day, start, end, source, value). A track point's
value is its position as text, "lat,lng" at 6 decimals (about 10 cm), or "" without one:
GPS logs hold several points in one second (Apple's workout routes do), so time and device
alone, or time, device and heart rate, would merge different points; the position written by
the device tells them apart and reads back the same from a newer export of the same file.
Heart rate, altitude, speed and the rest go to meta, outside the key.

Activity files give UTC times without the local offset (FIT's offset only arrives in its last
message), so their records are filed on the UTC day.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta
from typing import Any

from hearth.importers.sink import RecordSink
from hearth.vault.records import SourceLabel

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MILLISECOND = timedelta(milliseconds=1)

POINT = "activity.point"
SESSION = "activity.session"
WAYPOINT = "activity.waypoint"


class DamagedFile(Exception):
    """An activity file that could not be read, or not to its end.

    ``problem`` completes the sentence "<file name> ..." and never quotes the file's content.
    """

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


def utc_ms(moment: datetime) -> int:
    """Milliseconds since the epoch; a time without a zone is UTC (as GPX and TCX define)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return (moment - _EPOCH) // _MILLISECOND


def valid_position(lat: float | None, lng: float | None) -> tuple[float | None, float | None]:
    """``(lat, lng)``, or ``(None, None)`` when either is missing or off the globe."""
    if lat is None or lng is None or not (-90 <= lat <= 90 and -180 <= lng <= 180):
        return None, None
    return lat, lng


def add_point(
    sink: RecordSink,
    at_ms: int,
    source: SourceLabel,
    *,
    heart_rate: float | None,
    lat: float | None,
    lng: float | None,
    meta: dict[str, Any],
) -> None:
    lat, lng = valid_position(lat, lng)
    sink.add(
        POINT,
        at_ms,
        at_ms,
        position_key(lat, lng),
        source=source,
        lat=lat,
        lng=lng,
        meta=clean_meta({"heart_rate": number(heart_rate), **meta}),
    )


def position_key(lat: float | None, lng: float | None) -> str:
    """A point's value: its position at 6 decimals, or "" without one."""
    return "" if lat is None or lng is None else f"{lat:.6f},{lng:.6f}"


def clean_meta(meta: dict[str, Any]) -> dict[str, Any] | None:
    """``meta`` without missing values and without NaN or infinities (not JSON)."""
    kept = {
        key: value
        for key, value in meta.items()
        if value is not None and not (isinstance(value, float) and not math.isfinite(value))
    }
    return kept or None


def number(value: Any) -> float | int | None:
    """A finite int or float from a parser's value, else None."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def local_name(element: Any) -> str:
    """An XML element's name without its namespace. Not `etree.QName(element).localname`:
    that raises on a (damaged) namespace that itself holds a "}"."""
    return str(element.tag).rsplit("}", 1)[-1]

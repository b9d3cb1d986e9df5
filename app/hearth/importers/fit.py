"""Garmin (and Wahoo, Coros, Suunto, ...) `.FIT` activity files, decoded with fitdecode.

`record` messages become `activity.point`s and `session` messages `activity.session`s (value:
the sport). A damaged file gives what comes before the damage: fitdecode yields messages as
it reads, so everything up to a cut-off end, a broken header of a chained second file or
undecodable bytes is kept, and the rest is reported as skipped with the byte it starts at.
A checksum that does not match is reported too, but the messages are kept: each of them
decoded as it should, and a wrong checksum is more often a tool that rewrote the file than
damage inside it.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from datetime import datetime
from typing import IO, Any

import fitdecode

from hearth.importers.activity_points import (
    SESSION,
    DamagedFile,
    add_point,
    number,
    utc_ms,
    valid_position,
)
from hearth.importers.sink import RecordSink
from hearth.vault.records import SourceLabel

SEMICIRCLE_DEGREES = 180 / 2**31
UNKNOWN_DEVICE: SourceLabel = ("FIT file", "", "")

# meta key -> the FIT fields that carry it, best first ("enhanced_" ones have more range).
_POINT_FIELDS = {
    "altitude": ("enhanced_altitude", "altitude"),
    "speed": ("enhanced_speed", "speed"),
    "cadence": ("cadence",),
    "distance": ("distance",),
    "power": ("power",),
    "temperature": ("temperature",),
}
_SESSION_FIELDS = {
    "elapsed_s": ("total_elapsed_time",),
    "timer_s": ("total_timer_time",),
    "distance_m": ("total_distance",),
    "calories_kcal": ("total_calories",),
    "avg_heart_rate": ("avg_heart_rate",),
    "max_heart_rate": ("max_heart_rate",),
    "ascent_m": ("total_ascent",),
    "descent_m": ("total_descent",),
    "avg_speed": ("enhanced_avg_speed", "avg_speed"),
    "max_speed": ("enhanced_max_speed", "max_speed"),
    "avg_cadence": ("avg_cadence",),
    "avg_power": ("avg_power",),
    "max_power": ("max_power",),
}
# What fitdecode raises on bytes it cannot decode: its own errors, and on fuzzed input the
# struct and lookup errors of its decoding and the asserts it checks chunk sizes with.
_DECODE_ERRORS = (
    fitdecode.FitError,
    AssertionError,
    struct.error,
    ValueError,
    LookupError,
    TypeError,
    ArithmeticError,
)


def is_fit(head: bytes) -> bool:
    """A FIT header: its size (12 or 14) first, then ".FIT" at byte 8."""
    return len(head) >= 12 and head[0] in (12, 14) and head[8:12] == b".FIT"


def read_fit(stream: IO[bytes], name: str, sink: RecordSink) -> int:
    """Read one FIT file into ``sink``; returns how many records it gave.

    Raises `DamagedFile` when the damage starts before any record; damage after some records
    is a `sink.skip` with the reason.
    """
    counted = _CountedReader(stream)
    reader = _FitRecords(sink)
    fit = fitdecode.FitReader(
        counted,
        check_crc=fitdecode.CrcCheck.READONLY,  # compared below: a mismatch is reported
        error_handling=fitdecode.ErrorHandling.IGNORE,  # decode what can be decoded
    )
    good = 0  # where the last whole frame ended: the damage starts there
    try:
        for frame in fit:
            reader.frame(frame)
            good = counted.offset
    except (*_DECODE_ERRORS, DamagedFile) as exc:  # DamagedFile: the stream itself broke
        problem = exc.problem if isinstance(exc, DamagedFile) else _describe(exc, good)
        if reader.added == 0:
            raise DamagedFile(problem) from None
        sink.skip(f"{name} {problem}; what came before was imported")
    finally:
        fit.close()
    if reader.bad_checksums:
        sink.skip(f"{name} has a checksum that does not match; its records were kept as read")
    return reader.added


def _describe(exc: BaseException, offset: int) -> str:
    if isinstance(exc, fitdecode.FitEOFError):
        return f"ends early (cut off after byte {offset})"
    if isinstance(exc, fitdecode.FitHeaderError):
        return f"has a damaged FIT header at byte {offset}"
    return f"has data that cannot be decoded from byte {offset}"


class _FitRecords:
    """Turns fitdecode's frames into records, one FIT file (of a chain) at a time."""

    def __init__(self, sink: RecordSink) -> None:
        self.sink = sink
        self.source = UNKNOWN_DEVICE
        self.software = ""
        self.added = 0
        self.bad_checksums = 0
        self._handlers: dict[str, Callable[[dict[str, Any]], None]] = {
            "file_id": self.file_id,
            "file_creator": self.file_creator,
            "record": self.record,
            "session": self.session,
        }

    def frame(self, frame: Any) -> None:
        if isinstance(frame, fitdecode.FitDataMessage):
            handler = self._handlers.get(frame.name)
            if handler is not None:
                handler({field.name: field.value for field in frame.fields})
        elif isinstance(frame, fitdecode.FitHeader):
            self.source, self.software = UNKNOWN_DEVICE, ""
            if frame.crc and frame.crc_matched is False:
                self.bad_checksums += 1
        elif isinstance(frame, fitdecode.FitCRC) and not frame.matched:
            self.bad_checksums += 1

    def file_id(self, fields: dict[str, Any]) -> None:
        maker = fields.get("manufacturer")
        product = fields.get("garmin_product") or fields.get("product")
        words = [str(maker).capitalize() if maker is not None else "", _text(product)]
        self.source = (" ".join(w for w in words if w) or UNKNOWN_DEVICE[0], self.software, "")

    def file_creator(self, fields: dict[str, Any]) -> None:
        self.software = _text(fields.get("software_version"))
        self.source = (self.source[0], self.software, self.source[2])

    def record(self, fields: dict[str, Any]) -> None:
        at = fields.get("timestamp")
        if not isinstance(at, datetime):
            self.sink.skip("FIT record without a usable time")
            return
        add_point(
            self.sink,
            utc_ms(at),
            self.source,
            heart_rate=number(fields.get("heart_rate")),
            lat=_degrees(fields.get("position_lat")),
            lng=_degrees(fields.get("position_long")),
            meta=_pick(fields, _POINT_FIELDS),
        )
        self.added += 1

    def session(self, fields: dict[str, Any]) -> None:
        start = fields.get("start_time")
        if not isinstance(start, datetime):
            self.sink.skip("FIT session without a start time")
            return
        start_ms = utc_ms(start)
        elapsed = number(fields.get("total_elapsed_time"))
        end = fields.get("timestamp")
        if elapsed is not None and elapsed >= 0:
            end_ms = start_ms + round(elapsed * 1000)
        else:
            end_ms = max(start_ms, utc_ms(end)) if isinstance(end, datetime) else start_ms
        meta = _pick(fields, _SESSION_FIELDS)
        if fields.get("sub_sport") is not None:
            meta["sub_sport"] = _text(fields["sub_sport"])
        lat, lng = valid_position(
            _degrees(fields.get("start_position_lat")), _degrees(fields.get("start_position_long"))
        )
        self.sink.add(
            SESSION,
            start_ms,
            end_ms,
            _text(fields.get("sport")),
            source=self.source,
            lat=lat,
            lng=lng,
            meta=meta or None,
        )
        self.added += 1


def _degrees(semicircles: Any) -> float | None:
    if isinstance(semicircles, bool) or not isinstance(semicircles, int):
        return None
    return semicircles * SEMICIRCLE_DEGREES


def _pick(fields: dict[str, Any], wanted: dict[str, tuple[str, ...]]) -> dict[str, Any]:
    picked: dict[str, Any] = {}
    for key, names in wanted.items():
        for name in names:
            value = number(fields.get(name))
            if value is not None:
                picked[key] = value
                break
    return picked


def _text(value: Any) -> str:
    return "" if value is None else str(value)


class _CountedReader:
    """Counts the bytes fitdecode has taken, to say where damage starts (fitdecode reads
    exactly what it decodes, so the count is its position)."""

    def __init__(self, inner: IO[bytes]) -> None:
        self._inner = inner
        self.offset = 0

    def read(self, size: int = -1) -> bytes:
        data = self._inner.read(size)
        self.offset += len(data)
        return data

"""Reading JSON exports of any size in constant memory, with progress and plain errors.

Google and Fitbit write single JSON documents of several gigabytes (Location History's
`Records.json`), so nothing here loads a whole file: ijson (its C backend when installed)
yields one item at a time. Damage is reported as `BadInput` naming the file; ijson's own
messages are never passed on, because they quote the bytes around the error, which can be
part of a record.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import IO, Any

import ijson
from ijson.common import ObjectBuilder

from hearth.errors import BadInput

try:
    _IJSON: Any = ijson.get_backend("yajl2_c")
except ImportError:  # no compiler on this machine when ijson was installed
    _IJSON = ijson

_BOM = b"\xef\xbb\xbf"
_STARTS = ("start_map", "start_array")
_ENDS = ("end_map", "end_array")
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MS = timedelta(milliseconds=1)
# Times outside 1900-2200 are damage, not data; the bounds also keep them in SQLite's range.
_FIRST_MS = (datetime(1900, 1, 1, tzinfo=UTC) - _EPOCH) // _MS
_LAST_MS = (datetime(2200, 1, 1, tzinfo=UTC) - _EPOCH) // _MS
_LARGEST_INT = 2**63 - 1


class CountingReader:
    """A binary stream that reports how many bytes were read so far (for progress) and
    drops a UTF-8 byte-order mark at the start, which JSON parsers refuse."""

    def __init__(self, raw: IO[bytes], on_read: Callable[[int], None], base: int = 0) -> None:
        self._raw = raw
        self._on_read = on_read
        self._base = base
        self._done = 0
        self._started = False

    def read(self, size: int = -1) -> bytes:
        data = self._raw.read(size)
        if not data:
            return data
        self._done += len(data)
        self._on_read(self._base + self._done)
        if not self._started:
            self._started = True
            if data.startswith(_BOM):
                data = data[len(_BOM) :] or self.read(size)
        return data


@contextmanager
def damage_is_bad_input(what: str) -> Iterator[None]:
    """Turn the parser's complaints about ``what`` (e.g. "Records.json") into `BadInput`."""
    try:
        yield
    except ijson.JSONError:
        raise BadInput(
            f"{what} is truncated or is not valid JSON; nothing from this export was imported."
        ) from None
    except UnicodeDecodeError:
        raise BadInput(
            f"{what} is not UTF-8 text; nothing from this export was imported."
        ) from None


def items(stream: CountingReader | IO[bytes], prefix: str) -> Iterator[Any]:
    """Each value at ``prefix`` (ijson syntax: "locations.item"), numbers as int or float."""
    return iter(_IJSON.items(stream, prefix, use_float=True))


def items_at(
    stream: CountingReader | IO[bytes], prefixes: Collection[str]
) -> Iterator[tuple[str, Any]]:
    """(prefix, value) for the values at any of ``prefixes``, in one pass over the stream.

    For documents holding several big arrays (`Timeline.json`'s semanticSegments and
    rawSignals), where ijson's `items` would need one pass per array.
    """
    events = iter(_IJSON.parse(stream, use_float=True))
    for prefix, event, value in events:
        if prefix not in prefixes:
            continue
        if event not in _STARTS:
            if event not in _ENDS and event != "map_key":
                yield prefix, value
            continue
        builder = ObjectBuilder()
        depth = 1
        while depth:
            builder.event(event, value)
            _, event, value = next(events)
            if event in _STARTS:
                depth += 1
            elif event in _ENDS:
                depth -= 1
        yield prefix, builder.value


def iso_ms(text: str) -> tuple[int, int]:
    """An ISO 8601 time to (UTC milliseconds, its UTC offset in minutes).

    "2024-01-01T10:00:00.000+01:00" keeps its offset; "...Z" and times without an offset
    count as UTC. `ValueError` if ``text`` is not such a time.
    """
    moment = datetime.fromisoformat(text)
    offset = moment.utcoffset()
    if offset is None:
        moment = moment.replace(tzinfo=UTC)
        minutes = 0
    else:
        minutes = int(offset.total_seconds()) // 60
    return plausible_ms((moment - _EPOCH) // _MS), minutes


def plausible_ms(ms: int) -> int:
    """``ms`` itself if it is a time between 1900 and 2200; `ValueError` otherwise."""
    if not _FIRST_MS <= ms <= _LAST_MS:
        raise ValueError("time out of range")
    return ms


def millis(value: Any, per_ms: int = 1) -> int:
    """A time written as a number or numeric string of milliseconds (or of 1/``per_ms``
    milliseconds: 1000 for Chrome's microseconds); `ValueError` if it is not one."""
    if not isinstance(value, int | float | str) or isinstance(value, bool):
        raise ValueError("not a time")
    try:
        whole = int(value)
    except OverflowError:  # an infinite float
        raise ValueError("not a time") from None
    return plausible_ms(whole // per_ms)


def number(value: Any) -> int | float:
    """A JSON number, or a number written as a string ("72", "0.5"); `ValueError` otherwise
    (also for booleans, NaN and infinities, which are never a measurement)."""
    if isinstance(value, bool):
        raise ValueError("not a number")
    if isinstance(value, int):
        if abs(value) > _LARGEST_INT:  # beyond what the vault stores as an integer
            raise ValueError("number out of range")
        return value
    if isinstance(value, float):
        result: int | float = value
    elif isinstance(value, str):
        text = value.strip()
        try:
            whole = int(text)
        except ValueError:
            result = float(text)
        else:
            return number(whole)
    else:
        raise ValueError("not a number")
    if result != result or result in (float("inf"), float("-inf")):
        raise ValueError("not a finite number")
    return result

"""Apple Health: `export.zip` (any language's file names) or a bare `export.xml`.

Reads Records (with their MetadataEntry as JSON and HRV beat lists), Correlations, Workouts
(statistics, events, and their routes: inline `<Location>`s or the GPX files in
`workout-routes/`), ActivitySummary, and the ECG CSVs in `electrocardiograms/`. The person's
characteristics (`<Me>`: birthday, sex, blood type) and the clinical `export_cda.xml` are
left out on purpose: they identify, and they are not what anyone licenses.

Real exports are not quite XML, so the byte stream is cleaned before lxml sees it: the
internal DTD (which iOS 16 ships broken, and which is where entity bombs and external
entities would live) is cut out, and control characters such as stray `\\x0b` are dropped.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable
from datetime import date, datetime
from itertools import islice
from typing import IO, TYPE_CHECKING, Any

from lxml import etree

from hearth.errors import BadInput
from hearth.importers import apple_health_routes, safe_xml
from hearth.importers.apple_health_lines import (
    BEAT,
    METADATA_ENTRY,
    TASK,
    BlockHandoff,
    FastRecord,
    LineScanner,
)
from hearth.importers.base import Match
from hearth.importers.export import Entry, Export
from hearth.importers.sink import (
    BATCH_ROWS,
    MS_PER_DAY,
    NO_LOCATION,
    NO_META,
    NO_SOURCE,
    NO_UNIT,
    RecordSink,
)

if TYPE_CHECKING:
    from hearth.vault.records import Row

NAME = "apple-health"
_CONTROL = bytes(c for c in range(32) if c not in (9, 10, 13))
_MAX_DOCTYPE = 4 * 1024 * 1024
_EPOCH = date(1970, 1, 1)
# Apple wrote the same metadata key with different capitals over the years.
_KEY_ALIASES = {"Meal": "meal", "HKMetadataKeyMeal": "meal"}


class AppleHealthImporter:
    name = NAME
    title = "Apple Health"
    hint = (
        "In the Health app, tap your picture, then 'Export All Health Data': it gives export.zip."
    )

    def sniff(self, export: Export) -> Match | None:
        main = None
        for entry in export.entries:
            bigger = main is None or entry.size > main.size
            if entry.suffix == ".xml" and bigger and _is_health_data(export.head(entry)):
                main = entry
        if main is None:
            return None
        extras = [
            e.name
            for e in export.entries
            if ("workout-routes/" in e.name and e.suffix == ".gpx")
            or ("electrocardiograms/" in e.name and e.suffix == ".csv")
        ]
        return Match(NAME, (main.name, *extras))

    def read(self, export: Export, match: Match, sink: RecordSink) -> None:
        main = export.entry(match.entries[0])
        assert main is not None
        extras = export.entries_named(match.entries[1:])
        routes = {e.basename: e for e in extras if e.suffix == ".gpx"}
        handoff = BlockHandoff(sink.helper) if sink.helper is not None else None
        reader = _HealthXml(export, sink, routes, handoff)
        with export.open(main) as raw:
            reader.parse(raw, sink.read_to)
        done = main.size
        for entry in extras:
            if entry.suffix == ".csv":
                with export.open(entry) as stream:
                    _read_ecg(stream, entry, sink)
            done += entry.size
            sink.read_to(done)
        for name in sorted(set(routes) - reader.routes_read):
            sink.skip(f"workout route {name} belongs to no workout")

    def block_reader(self, export: Export, sink: RecordSink) -> Callable[[bytes], None]:
        """For a second parser process: reads the blocks `read` hands over (`BlockHandoff`),
        and the workout route files it gives as tasks."""
        reader = _HealthXml(export, sink, {})
        scanner = LineScanner(io.BytesIO(), reader.fast_records, reader.element, sink.read_to)

        def read_block(block: bytes) -> None:
            if not block.startswith(TASK):
                scanner.block(block)
                return
            name, (source_name, version, device), offset = json.loads(block[len(TASK) :])
            entry = export.entry(name)
            if entry is None:  # the first parser found it in this same export
                raise BadInput("The Apple Health export changed while it was being imported.")
            reader.gpx_route(entry, (source_name, version, device), offset)

        return read_block


APPLE_HEALTH = AppleHealthImporter()


def _is_health_data(head: bytes) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf")
    return b"<!DOCTYPE HealthData" in text or b"<HealthData" in text


class CleanedXml(io.RawIOBase):
    """The export's bytes without its internal DTD and without XML-illegal control bytes.

    Control bytes never occur inside a multi-byte UTF-8 sequence, so deleting them is safe.
    """

    def __init__(self, raw: IO[bytes] | io.RawIOBase) -> None:
        super().__init__()
        self._raw = raw
        self._pending = b""
        self._dtd_done = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._next(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def _next(self, size: int) -> bytes:
        if not self._dtd_done:
            return self._strip_doctype(size)
        data = self._raw.read(size)
        return data.translate(None, _CONTROL)

    def _strip_doctype(self, size: int) -> bytes:
        # Read until the root element starts, then drop <!DOCTYPE ... > (with its [...]).
        while b"<HealthData" not in self._pending:
            chunk = self._raw.read(max(size, 65536))
            if not chunk:
                break
            self._pending += chunk
            if len(self._pending) > _MAX_DOCTYPE:
                raise BadInput("This export.xml has a document type declaration over 4 MB long.")
        self._dtd_done = True
        data, self._pending = self._pending, b""
        start = data.find(b"<!DOCTYPE")
        root = data.find(b"<HealthData")
        if start != -1 and (root == -1 or start < root):
            data = data[:start] + (data[root:] if root != -1 else b"")
        return data.translate(None, _CONTROL)


# How many entries a decoding cache holds before it is emptied. Kept small: the entries that
# repeat (a day, a common value or metadata) come back at once after a clear, and at 20,000
# the full caches were about 8 MB of a parser by the end of a 5M-record import.
CACHE_LIMIT = 2_000


class _Dates:
    """Apple's "2016-04-18 08:25:32 -0700" to (UTC milliseconds, UTC offset in minutes).

    Millions of dates share their day and offset, so that part is parsed once (the cache is
    emptied now and then to stay small) and only the time of day is computed each time.
    """

    def __init__(self) -> None:
        self._days: dict[str, tuple[int, int]] = {}

    def parse(self, text: str) -> tuple[int, int]:
        found = self._days.get(text[:10] + text[19:])
        try:
            if found is None:
                found = self._day(text)
            seconds = int(text[11:13]) * 3600 + int(text[14:16]) * 60 + int(text[17:19])
        except (ValueError, IndexError, TypeError):
            raise ValueError("not an Apple Health date") from None
        return found[0] + seconds * 1000, found[1]

    def _day(self, text: str) -> tuple[int, int]:
        if len(text) != 25 or text[10] != " " or text[19] != " " or text[20] not in "+-":
            raise ValueError("not an Apple Health date")
        days = (date.fromisoformat(text[:10]) - _EPOCH).days
        sign = -1 if text[20] == "-" else 1
        offset = sign * (int(text[21:23]) * 60 + int(text[23:25]))
        if len(self._days) >= CACHE_LIMIT:
            self._days.clear()
        found = self._days[text[:10] + text[19:]] = (days * MS_PER_DAY - offset * 60_000, offset)
        return found


def _number_or_text(value: str | None) -> float | str:
    if value is None:
        return ""
    try:
        return float(value)
    except ValueError:
        return value


def _device(raw: str | None) -> str:
    """The device without the memory address iOS prints into it (a new one every record):
    "<<HKDevice: 0x283b45a40>, name:Apple Watch, ...>" becomes "name:Apple Watch, ..."."""
    if not raw:
        return ""
    if raw.startswith("<<HKDevice: "):
        cut = raw.find(">, ")
        if cut != -1:
            return raw[cut + 3 : -1] if raw.endswith(">") else raw[cut + 3 :]
    return raw


# Times of day as the fast path reads them ("HH:MM" and "SS", which its pattern only lets
# through when valid), in milliseconds.
_HOURS_MINUTES = {
    f"{h:02d}:{m:02d}".encode(): (h * 60 + m) * 60_000 for h in range(24) for m in range(60)
}
_SECONDS = {f"{s:02d}".encode(): s * 1000 for s in range(60)}


class _FastCaches:
    """What the fast path has decoded, keyed by raw bytes. Labels stay (an export has few);
    the rest is emptied now and then to stay small."""

    def __init__(self) -> None:
        self.types: dict[bytes, int] = {}
        self.sources: dict[tuple[bytes, bytes | None, bytes | None], int] = {}
        self.units: dict[bytes, str] = {}
        self.values: dict[bytes, str] = {}
        self.metas: dict[bytes, str] = {}
        # "YYYY-MM-DD" + " ±HHMM" -> (UTC milliseconds of that local midnight, local day)
        self.days: dict[bytes, tuple[int, int]] = {}

    def day(self, text: bytes) -> tuple[int, int]:
        days = (date.fromisoformat(text[:10].decode()) - _EPOCH).days
        sign = -1 if text[20:21] == b"-" else 1
        offset = sign * (int(text[21:23]) * 60 + int(text[23:25]))
        if len(self.days) >= CACHE_LIMIT:
            self.days.clear()
        found = self.days[text[:10] + text[19:]] = (days * MS_PER_DAY - offset * 60_000, days)
        return found

    def unit(self, raw: bytes) -> str:
        found = self.units[raw] = raw.decode()
        return found

    def text_value(self, raw: bytes) -> str:
        if len(self.values) >= CACHE_LIMIT:
            self.values.clear()
        found = self.values[raw] = raw.decode()
        return found

    def meta(self, entries: bytes | None, beats: bytes | None) -> str:
        """The JSON `_metadata` gives for these MetadataEntry lines and beats list."""
        meta: dict[str, Any] = {}
        for raw_key, raw_value in METADATA_ENTRY.findall(entries or b""):
            key = raw_key.decode()
            meta[_KEY_ALIASES.get(key, key)] = raw_value.decode()
        if beats is not None:
            listed = _plain_beats(beats)
            if listed is not None:  # spliced in where a placeholder no value can hold went
                meta["beats"] = "\0"
                return _json(meta).replace('"\\u0000"', listed, 1)
            meta["beats"] = [
                [time.decode(), _number_or_text(bpm.decode())] for bpm, time in BEAT.findall(beats)
            ]
            return _json(meta)
        if len(self.metas) >= CACHE_LIMIT:
            self.metas.clear()
        found = self.metas[entries or b""] = _json(meta)
        return found


# The bpm values of a beats list whose JSON (`_metadata`'s [time, float(bpm)] pairs) can be
# written by joining bytes: plain digits, which a float prints back as the same digits and
# ".0". A heart rate variability record lists about a hundred beats, so one record in a
# hundred made a sixth of the fast path's work, beat by beat in Python.
_PLAIN_BPMS = re.compile(rb"(?:[1-9][0-9]{0,14}|0)(?: (?:[1-9][0-9]{0,14}|0))*")


def _plain_beats(beats: bytes) -> str | None:
    """The JSON array of a beats list as FAST_RECORD matched it (each beat a line
    `<InstantaneousBeatsPerMinute bpm="..." time="..."/>`, no quote inside a value), or None
    when a bpm is not plain digits or a time holds a backslash, which JSON escapes."""
    parts = beats.split(b'"')
    bpms, times = parts[1::4], parts[3::4]
    if not bpms:
        return "[]"
    if not _PLAIN_BPMS.fullmatch(b" ".join(bpms)) or b"\\" in b"".join(times):
        return None
    # [time, bpm] pairs joined without a Python step per beat: '["t1",61.0],["t2",62.0]'
    pairs = b'.0],["'.join(map(b'",'.join, zip(times, bpms, strict=True)))
    return '[["' + pairs.decode("ascii") + ".0]]"


class _HealthXml:
    def __init__(
        self,
        export: Export,
        sink: RecordSink,
        routes: dict[str, Entry],
        handoff: BlockHandoff | None = None,  # the second parser, when there is one
    ) -> None:
        self.export = export
        self.sink = sink
        self.routes = routes
        self.routes_read: set[str] = set()
        self.handoff = handoff
        self.dates = _Dates()
        self.fast = _FastCaches()
        self.sources: dict[tuple[str, str, str], int] = {}
        self.handlers: dict[str, Callable[[Any], None]] = {
            "Record": self.record,
            "Correlation": self.correlation,
            "Workout": self.workout,
            "ActivitySummary": self.activity_summary,
        }

    def source(self, element: Any) -> int:
        # Keyed by the device *after* removing its address: the raw string differs for every
        # record, and a cache keyed by it would grow with the export.
        get = element.get
        key = (get("sourceName") or "", get("sourceVersion") or "", _device(get("device")))
        found = self.sources.get(key)
        if found is None:
            found = self.sources[key] = self.sink.source_id(key)
        return found

    def parse(self, raw: IO[bytes], on_read: Callable[[int], None]) -> None:
        """Read export.xml: by lines as Apple writes it, else with a streaming XML parser."""
        scanner = LineScanner(raw, self.fast_records, self.element, on_read, self.handoff)
        if scanner.line_shaped():
            scanner.scan()
        else:
            self.iterparse(CleanedXml(scanner.everything()))

    def iterparse(self, stream: IO[bytes] | io.RawIOBase) -> None:
        try:
            self._iterparse(stream)
        finally:
            safe_xml.free_parsers()

    def _iterparse(self, stream: IO[bytes] | io.RawIOBase) -> None:
        events = safe_xml.iterparse(stream, ("Record", "Correlation", "Workout", "ActivitySummary"))
        try:
            for _event, element in events:
                parent = element.getparent()
                if parent is not None and parent.tag == "Correlation":
                    # Kept for the correlation's own handler; its Records also stand alone
                    # in the export, and the natural key keeps them once.
                    continue
                self.element(element)
                element.clear()
                while element.getprevious() is not None:
                    del parent[0]
        except etree.XMLSyntaxError as exc:
            raise BadInput(
                f"The Apple Health export.xml is damaged or truncated: {safe_xml.problem(exc)}."
            ) from None

    def element(self, element: Any) -> None:
        """Any top-level element; those Hearth does not import (Me, ExportDate, ...) pass."""
        handler = self.handlers.get(element.tag)
        if handler is None:
            return
        try:
            handler(element)
        except (ValueError, KeyError, TypeError):
            self.sink.skip(f"{element.tag} with a missing or unreadable field")

    def fast_records(self, run: list[FastRecord]) -> None:
        """The fast path: a run of Records whose attributes the scanner has split, as raw
        bytes. Gives exactly the row `record` gives for the same element.

        Millions of records go through this loop, so everything in it is local: labels are
        looked up by their raw bytes (decoded once, when new), dates by their day, and the
        rows carry the writer's placeholders for NULL (see `hearth.importers.sink`).
        """
        sink, fast = self.sink, self.fast
        types, sources, units, values, metas, days = (
            fast.types,
            fast.sources,
            fast.units,
            fast.values,
            fast.metas,
            fast.days,
        )
        rows: list[Row] = []
        append = rows.append
        meta_bytes = 0
        for type_name, name, version, device, unit, start, end, value, entries, beats in run:
            try:
                day = days.get(start[:10] + start[19:]) or fast.day(start)
                begin = day[0] + _HOURS_MINUTES[start[11:16]] + _SECONDS[start[17:19]]
                if end == start:
                    finish = begin
                else:
                    other = days.get(end[:10] + end[19:]) or fast.day(end)
                    finish = other[0] + _HOURS_MINUTES[end[11:16]] + _SECONDS[end[17:19]]
                type_id = types.get(type_name)
                if type_id is None:
                    type_id = types[type_name] = sink.type_id(type_name.decode())
                source_id = sources.get((name, version, device))
                if source_id is None:
                    source_id = sources[(name, version, device)] = self.fast_source(
                        name, version, device
                    )
                number: float | str
                if value is None:
                    number = ""
                else:
                    try:
                        number = float(value)
                    except ValueError:
                        number = values.get(value) or fast.text_value(value)
                meta: str | int = NO_META
                if entries or beats is not None:
                    meta = (metas.get(entries or b"") if beats is None else None) or fast.meta(
                        entries, beats
                    )
                    meta_bytes += len(meta)
                append(
                    (
                        type_id,
                        day[1],
                        begin,
                        finish,
                        source_id,
                        number,
                        NO_UNIT if unit is None else units.get(unit) or fast.unit(unit),
                        NO_LOCATION,
                        NO_LOCATION,
                        meta,
                    )
                )
            except UnicodeDecodeError:
                raise BadInput("The Apple Health export.xml is damaged (not UTF-8).") from None
            except (ValueError, KeyError, TypeError):
                sink.skip("Record with a missing or unreadable field")
        sink.extend(rows, meta_bytes)

    def fast_source(self, name: bytes, version: bytes | None, device: bytes | None) -> int:
        key = (name.decode(), (version or b"").decode(), (device or b"").decode())
        found = self.sources.get(key)
        if found is None:
            found = self.sources[key] = self.sink.source_id(key)
        return found

    def record(self, element: Any) -> None:
        # The hot path: millions of calls, so attribute reads are direct and an instant's
        # end date (equal to its start) is parsed once.
        get = element.get
        type_name = get("type")
        if type_name is None:
            raise KeyError("type")
        start_text = get("startDate")
        end_text = get("endDate")
        start, offset = self.dates.parse(start_text)
        end = start if end_text == start_text else self.dates.parse(end_text)[0]
        meta = _metadata(element) if len(element) else None
        sink = self.sink
        sink.add_row(
            (
                sink.type_id(type_name),
                (start + offset * 60_000) // MS_PER_DAY,
                start,
                end,
                self.source(element),
                _number_or_text(get("value")),
                get("unit"),
                None,
                None,
                _json(meta) if meta else None,
            )
        )

    def correlation(self, element: Any) -> None:
        attrs = element.attrib
        start, offset = self.dates.parse(attrs["startDate"])
        end, _ = self.dates.parse(attrs["endDate"])
        parts = [
            {"type": r.get("type"), "value": _number_or_text(r.get("value")), "unit": r.get("unit")}
            for r in element.iterchildren("Record")
        ]
        meta: dict[str, Any] = {"records": parts}
        meta.update(_metadata(element) or {})
        self.sink.add(
            attrs["type"],
            start,
            end,
            "",
            source=self._label(attrs),
            meta=meta,
            offset_minutes=offset,
        )

    def workout(self, element: Any) -> None:
        attrs = element.attrib
        start, offset = self.dates.parse(attrs["startDate"])
        end, _ = self.dates.parse(attrs["endDate"])
        meta: dict[str, Any] = {
            key: _number_or_text(attrs[key])
            for key in (
                "totalDistance",
                "totalDistanceUnit",
                "totalEnergyBurned",
                "totalEnergyBurnedUnit",
            )
            if key in attrs
        }
        meta.update(_metadata(element) or {})
        statistics = [dict(s.attrib) for s in element.iterchildren("WorkoutStatistics")]
        if statistics:
            meta["statistics"] = statistics
        events = [dict(e.attrib) for e in element.iterchildren("WorkoutEvent")]
        if events:
            meta["events"] = events
        source = self._label(attrs)
        self.sink.add(
            attrs["workoutActivityType"],
            start,
            end,
            _number_or_text(attrs.get("duration")),
            source=source,
            unit=attrs.get("durationUnit"),
            meta=meta,
            offset_minutes=offset,
        )
        for route in element.iterchildren("WorkoutRoute"):
            self.route(route, offset)

    def route(self, route: Any, offset: int) -> None:
        source = self._label(route.attrib)
        for location in route.iterchildren("Location"):
            point = location.attrib
            at, _ = self.dates.parse(point["date"])
            self._route_point(
                at,
                float(point["latitude"]),
                float(point["longitude"]),
                _number_or_text(point.get("altitude")),
                source,
                offset,
                {k: point[k] for k in ("horizontalAccuracy", "speed", "course") if k in point},
            )
        for reference in route.iterchildren("FileReference"):
            name = reference.get("path", "").rsplit("/", 1)[-1]
            entry = self.routes.get(name)
            if entry is None:
                self.sink.skip("workout route file missing from the export")
                continue
            self.routes_read.add(name)
            if self.handoff is not None and self.handoff.task(
                json.dumps([entry.name, source, offset]).encode()
            ):
                continue  # read by the other parser: routes come last, when it has no blocks
            self.gpx_route(entry, source, offset)

    def gpx_route(self, entry: Entry, source: tuple[str, str, str], offset: int) -> None:
        """Route points from a GPX file in workout-routes/: by lines as the Health app writes
        them (`apple_health_routes`), else streamed by lxml (a marathon is tens of thousands
        of points; a full GPX object model costs more than the rest of a record)."""
        if entry.size <= apple_health_routes.MAX_BYTES:
            with self.export.open(entry) as stream:
                points = apple_health_routes.line_points(
                    stream.read(apple_health_routes.MAX_BYTES + 1)
                )
            if points is not None:
                self._line_points(points, source, offset)
                return
        try:
            with self.export.open(entry) as stream:
                self._gpx_points(stream, source, offset)
        finally:
            safe_xml.free_parsers()

    def _line_points(
        self,
        points: Iterable[apple_health_routes.Point],
        source: tuple[str, str, str],
        offset: int,
    ) -> None:
        """The rows `_gpx_point` gives for the same points, made without `RecordSink.add`."""
        sink = self.sink
        type_id, source_id = sink.type_id("HKWorkoutRoute"), sink.source_id(source)
        shift = offset * 60_000
        rows = (
            (type_id, (at + shift) // MS_PER_DAY, at, at, source_id, ele, "m", lat, lng, NO_META)
            for at, lat, lng, ele in points
        )
        while batch := list(islice(rows, BATCH_ROWS)):  # batches stay the usual size
            sink.extend(batch, 0)

    def _gpx_points(self, stream: IO[bytes], source: tuple[str, str, str], offset: int) -> None:
        points = safe_xml.iterparse(stream, "{*}trkpt")
        try:
            for _event, point in points:
                self._gpx_point(point, source, offset)
                # A cleared point stays in the document (a few hundred bytes) unless taken
                # out of it: a long route would keep them all.
                point.clear()
                segment = point.getparent()
                while point.getprevious() is not None:
                    del segment[0]
        except etree.XMLSyntaxError:
            self.sink.skip("damaged workout route file")

    def _gpx_point(self, point: Any, source: tuple[str, str, str], offset: int) -> None:
        stamp = point.findtext("{*}time")
        if not stamp:
            self.sink.skip("route point without a time")
            return
        try:
            at = int(datetime.fromisoformat(stamp.strip()).timestamp() * 1000)
            lat, lng = float(point.get("lat")), float(point.get("lon"))
        except (TypeError, ValueError):
            self.sink.skip("route point with an unreadable time or position")
            return
        elevation = point.findtext("{*}ele")
        self._route_point(at, lat, lng, float(elevation) if elevation else "", source, offset, None)

    def _route_point(
        self,
        at: int,
        lat: float,
        lng: float,
        altitude: float | str,
        source: tuple[str, str, str],
        offset: int,
        meta: dict[str, Any] | None,
    ) -> None:
        self.sink.add(
            "HKWorkoutRoute",
            at,
            at,
            altitude,
            source=source,
            unit="m",
            lat=lat,
            lng=lng,
            meta=meta,
            offset_minutes=offset,
        )

    def activity_summary(self, element: Any) -> None:
        attrs = dict(element.attrib)
        day = date.fromisoformat(attrs.pop("dateComponents"))
        start = (day - _EPOCH).days * MS_PER_DAY
        value = _number_or_text(attrs.pop("activeEnergyBurned", None))
        unit = attrs.pop("activeEnergyBurnedUnit", None)
        self.sink.add(
            "HKActivitySummary",
            start,
            start + MS_PER_DAY - 1,
            value,
            unit=unit,
            meta={k: _number_or_text(v) for k, v in attrs.items()},
        )

    def _label(self, attrs: Any) -> tuple[str, str, str]:
        return (
            attrs.get("sourceName") or "",
            attrs.get("sourceVersion") or "",
            _device(attrs.get("device")),
        )


def _metadata(element: Any) -> dict[str, Any] | None:
    meta: dict[str, Any] = {}
    for child in element:
        tag = child.tag
        if tag == "MetadataEntry":
            key = child.get("key", "")
            meta[_KEY_ALIASES.get(key, key)] = child.get("value")
        elif tag == "HeartRateVariabilityMetadataList":
            meta["beats"] = [
                [beat.get("time"), _number_or_text(beat.get("bpm"))]
                for beat in child.iterchildren("InstantaneousBeatsPerMinute")
            ]
    return meta or None


def _json(meta: dict[str, Any]) -> str:
    return json.dumps(meta, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


# ------------------------------------------------------------------ ECG


_ECG_SKIP = {"name", "date of birth"}  # they identify the person; never imported
# A sample line: one number, with a decimal point or, in some locales, a decimal comma.
_ECG_SAMPLE = re.compile(r"\s*-?\d+(?:[.,]\d+)?\s*")
# "512 hertz", "512 Hz": how the sample rate reads whatever language the header is in.
_ECG_RATE = re.compile(r"(\d+(?:[.,]\d+)?)\s*(?:hertz|hz)", re.IGNORECASE)


def _read_ecg(stream: IO[bytes], entry: Entry, sink: RecordSink) -> None:
    """One ECG file: a "key,value" header (its blank lines included: Apple leaves two after
    the sample rate), then one voltage a line. The header is in the phone's language, so the
    date and the sample rate are also found by their form when their English keys are not
    there."""
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    header: dict[str, str] = {}
    samples: list[float] = []
    try:
        for line in text:
            if _ECG_SAMPLE.fullmatch(line):
                # Some locales write decimal commas: "-109,034" is -109.034 microvolts.
                samples.append(float(line.strip().replace(",", ".")))
            elif samples:
                if line.strip():
                    raise ValueError("text among the samples")
            else:
                for row in csv.reader([line]):
                    key = row[0].strip() if row else ""
                    if key and key.lower() not in _ECG_SKIP:
                        header[key] = ",".join(row[1:]).strip()
    except (ValueError, UnicodeDecodeError, csv.Error):
        sink.skip(f"unreadable ECG file {entry.basename}")
        return
    recorded = _ecg_recorded(header)
    if recorded is None or not samples:
        sink.skip(f"ECG file {entry.basename} without a date or samples")
        return
    start, offset = recorded
    rate = _ecg_rate(header)
    if rate is None:
        sink.skip(f"ECG file {entry.basename} with an unreadable sample rate")
        return
    duration = int(len(samples) / rate * 1000) if rate else 0
    meta = {
        "sample_rate_hz": rate,
        "lead": header.get("Lead"),
        "device": header.get("Device"),
        "software_version": header.get("Software Version"),
        "symptoms": header.get("Symptoms") or None,
        "samples": samples,
    }
    sink.add(
        "HKElectrocardiogram",
        start,
        start + duration,
        header.get("Classification", ""),
        source=NO_SOURCE,
        unit=header.get("Unit"),
        meta=meta,
        offset_minutes=offset,
    )


def _ecg_recorded(header: dict[str, str]) -> tuple[int, int] | None:
    """When the ECG was taken: "Recorded Date", else the one header value that is a whole
    Apple date with time and offset (a birthday never is, and it is not kept anyway)."""
    dates = _Dates()
    english = header.get("Recorded Date")
    for value in [english] if english is not None else header.values():
        try:
            return dates.parse(value.strip())
        except ValueError:
            continue
    return None


def _ecg_rate(header: dict[str, str]) -> float | None:
    """Samples a second: 0.0 when the header gives none, None when it gives one that does
    not read as a positive number of hertz."""
    english = header.get("Sample Rate", "").strip()
    if not english:
        found = (_ECG_RATE.fullmatch(value.strip()) for value in header.values())
        match = next((m for m in found if m is not None), None)
        return float(match[1].replace(",", ".")) if match else 0.0
    # Under its English key the unit may be missing: "512" is 512 hertz too.
    match = _ECG_RATE.fullmatch(english) or re.fullmatch(r"(\d+(?:[.,]\d+)?)", english)
    rate = float(match[1].replace(",", ".")) if match else 0.0
    return rate if rate > 0 else None

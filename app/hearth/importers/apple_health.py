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
from collections.abc import Callable
from datetime import date, datetime
from typing import IO, Any

from lxml import etree

from hearth.errors import BadInput
from hearth.importers import safe_xml
from hearth.importers.apple_health_lines import LineScanner, Metadata, SimpleRecord, unescape
from hearth.importers.base import Match
from hearth.importers.export import Entry, Export
from hearth.importers.sink import MS_PER_DAY, NO_SOURCE, RecordSink

NAME = "apple-health"
_CONTROL = bytes(c for c in range(32) if c not in (9, 10, 13))
_MAX_DOCTYPE = 4 * 1024 * 1024
_EPOCH = date(1970, 1, 1)
# Apple wrote the same metadata key with different capitals over the years.
_KEY_ALIASES = {"Meal": "meal", "HKMetadataKeyMeal": "meal"}


class AppleHealthImporter:
    name = NAME
    title = "Apple Health"
    hint = "in the Health app: your picture, 'Export All Health Data', gives export.zip"

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
        reader = _HealthXml(export, sink, routes)
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


class _Dates:
    """Apple's "2016-04-18 08:25:32 -0700" to (UTC milliseconds, UTC offset in minutes).

    Millions of dates share their day and offset, so that part is parsed once (the cache is
    emptied now and then to stay small) and only the time of day is computed each time.
    """

    _LIMIT = 20_000

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
        if len(self._days) >= self._LIMIT:
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


def _escaped_device(raw: str) -> str:
    """`_device` of a still-escaped device string ("&lt;&lt;HKDevice: 0x…&gt;, name:…&gt;"),
    cutting the address off before unescaping what is left (the fast path's common case)."""
    if raw.startswith("&lt;&lt;HKDevice: "):
        cut = raw.find("&gt;, ")
        if cut != -1:
            rest = raw[cut + 6 : -4] if raw.endswith("&gt;") else raw[cut + 6 :]
            return unescape(rest) if "&" in rest else rest
    return _device(unescape(raw))


class _HealthXml:
    def __init__(self, export: Export, sink: RecordSink, routes: dict[str, Entry]) -> None:
        self.export = export
        self.sink = sink
        self.routes = routes
        self.routes_read: set[str] = set()
        self.dates = _Dates()
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
        scanner = LineScanner(raw, self.guarded_simple_record, self.element, on_read)
        if scanner.line_shaped():
            scanner.scan()
        else:
            self.iterparse(CleanedXml(scanner.everything()))

    def iterparse(self, stream: IO[bytes] | io.RawIOBase) -> None:
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
                f"The Apple Health export.xml is damaged or truncated ({exc})."
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

    def guarded_simple_record(self, groups: SimpleRecord, metadata: Metadata | None) -> None:
        try:
            self.simple_record(groups, metadata)
        except (ValueError, KeyError, TypeError):
            self.sink.skip("Record with a missing or unreadable field")

    def simple_record(self, groups: SimpleRecord, metadata: Metadata | None) -> None:
        """The fast path: a Record's attributes (and MetadataEntry pairs) already split by
        the scanner. Gives exactly the row `record` gives for the same element."""
        type_name, name, version, device, unit, start_text, end_text, value = groups
        assert type_name is not None and start_text is not None and end_text is not None
        start, offset = self.dates.parse(start_text)
        end = start if end_text == start_text else self.dates.parse(end_text)[0]
        key = (
            unescape(name) if name and "&" in name else name or "",
            unescape(version) if version and "&" in version else version or "",
            _escaped_device(device) if device else "",
        )
        source = self.sources.get(key)
        if source is None:
            source = self.sources[key] = self.sink.source_id(key)
        sink = self.sink
        sink.add_row(
            (
                sink.type_id(type_name),
                (start + offset * 60_000) // MS_PER_DAY,
                start,
                end,
                source,
                _number_or_text(unescape(value) if value and "&" in value else value),
                unit,
                None,
                None,
                _json(_metadata_pairs(metadata)) if metadata else None,
            )
        )

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
            self.gpx_route(entry, source, offset)

    def gpx_route(self, entry: Entry, source: tuple[str, str, str], offset: int) -> None:
        """Route points from a GPX file in workout-routes/, streamed (a marathon is tens of
        thousands of points; a full GPX object model costs more than the rest of a record)."""
        with self.export.open(entry) as stream:
            points = safe_xml.iterparse(stream, "{*}trkpt")
            try:
                for _event, point in points:
                    self._gpx_point(point, source, offset)
                    point.clear()
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


def _metadata_pairs(pairs: Metadata) -> dict[str, Any]:
    """`_metadata` for the scanner's still-escaped (key, value) pairs."""
    meta: dict[str, Any] = {}
    for key, value in pairs:
        key = unescape(key) if "&" in key else key
        meta[_KEY_ALIASES.get(key, key)] = unescape(value) if "&" in value else value
    return meta


def _json(meta: dict[str, Any]) -> str:
    return json.dumps(meta, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


# ------------------------------------------------------------------ ECG


_ECG_SKIP = {"name", "date of birth"}  # they identify the person; never imported


def _read_ecg(stream: IO[bytes], entry: Entry, sink: RecordSink) -> None:
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    header: dict[str, str] = {}
    samples: list[float] = []
    try:
        rows = csv.reader(text)
        for row in rows:
            if not row or not any(cell.strip() for cell in row):
                break
            key = row[0].strip()
            if key.lower() not in _ECG_SKIP:
                header[key] = ",".join(row[1:]).strip()
        for line in text:
            cell = line.strip()
            if not cell:
                continue
            # Some locales write decimal commas: "-109,034" is -109.034 microvolts.
            samples.append(float(cell.replace(",", ".")))
    except (ValueError, UnicodeDecodeError, csv.Error):
        sink.skip(f"unreadable ECG file {entry.basename}")
        return
    recorded = header.get("Recorded Date")
    if not recorded or not samples:
        sink.skip(f"ECG file {entry.basename} without a date or samples")
        return
    try:
        start, offset = _Dates().parse(recorded)
    except ValueError:
        sink.skip(f"ECG file {entry.basename} with an unreadable date")
        return
    rate_text = header.get("Sample Rate", "")
    rate = float(rate_text.split()[0].replace(",", ".")) if rate_text else 0.0
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

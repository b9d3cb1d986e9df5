"""The privacy transforms a consent policy asks for, applied while a package is built.

The vault never changes: each transform is part of the query that reads a record type for a
package, or a small function that query calls. What can be done in SQL is (choosing record
types and days, rounding times with integer arithmetic, snapping positions to a grid, naming
sources through a small table); what cannot runs in Python on the rows that need it only
(web addresses, metadata, the exact distance to a marked place).

Every copy of what a rule removes goes: a position also sits in a track point's value
("lat,lng") and in a move's metadata ("end"); a device name also sits in metadata keys;
a page title sits in metadata. Metadata keeps only measurements and short codes under keys
that do not name a person, a device, a place, a link or a date (see `MetaFilter`).

`TransformReport` counts what each rule removed, for the preview the seller sees. Those
counts never go into a package: "412 points near your places" says something about them.

A table is read in pieces (a few thousand records each, cut by day from the daily rollups),
each by one query that returns the piece's lines already joined, so that a few connections
can make them at once on different cores (`hearth.packages.snapshot`): the Python functions
the queries call, and the report they count into, are shared by those threads.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import math
import re
import secrets
import threading
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any
from urllib.parse import urlsplit

from hearth.consent.places import Place, distance_m
from hearth.consent.policy import (
    ConsentPolicy,
    DateRange,
    Identifiers,
    LocationGrid,
    TimeRounding,
    Urls,
)
from hearth.vault import Vault
from hearth.vault.database import Connection
from hearth.vault.type_names import type_label

WEB_VISIT = "browser.visit"
# Records in one piece of a table: its lines (about a megabyte) are what a reading thread holds,
# so memory stays the same whatever the size of the dataset; a day with more records is cut.
PIECE_RECORDS = 10_000

# Grid size in degrees of latitude and the decimals a cell's centre needs (one more than the
# step: the centre of [45.45, 45.46) is 45.455).
_GRID: dict[LocationGrid, tuple[float, int]] = {
    LocationGrid.M100: (0.001, 4),
    LocationGrid.KM1: (0.01, 3),
    LocationGrid.KM10: (0.1, 2),
}
_TIME_UNIT_MS = {
    TimeRounding.MINUTE: 60_000,
    TimeRounding.HOUR: 3_600_000,
    TimeRounding.DAY: 86_400_000,
}
# Beyond this latitude a cell would have to span most of the globe east-west to be as wide
# as it is tall: the longitude is dropped instead.
_POLAR_LATITUDE = 85.0
# Longitude 180 is -180: it goes in the last cell, not one past it.
_LAST_LNG = 179.9999999
_EPOCH = date(1970, 1, 1)
# 0000-01-01 and 10000-01-01 in milliseconds since 1970 (see `_iso`).
_YEAR_0_MS = -62_167_219_200_000
_YEAR_10000_MS = 253_402_300_800_000
_SECRET_KEY = "package_pseudonym_secret"  # noqa: S105 (the row's name in vault_info)
_PSEUDONYM_CONTEXT = b"hearth package pseudonyms v1\x00"


class Rule(StrEnum):
    """What removed records or details, as `TransformReport.removed` counts them."""

    RECORD_TYPES = "record-types"
    DATES = "dates"
    EXCLUDED_TYPES = "excluded-types"
    EXCLUDED_DATES = "excluded-dates"
    NEAR_PLACES = "near-places"
    SMALL_DAYS = "small-days"
    IDENTIFIERS = "identifiers"
    DETAILS = "details"
    TITLES = "titles"
    URLS = "urls"


_SENTENCES: dict[Rule, str] = {
    Rule.RECORD_TYPES: "{n} records of kinds your terms do not cover left out",
    Rule.DATES: "{n} records outside the dates your terms cover left out",
    Rule.EXCLUDED_TYPES: "{n} records of kinds you excluded left out",
    Rule.EXCLUDED_DATES: "{n} records on days you excluded left out",
    Rule.NEAR_PLACES: "{n} points near your places left out",
    Rule.SMALL_DAYS: "{n} records on days with too few of them to summarise left out",
    Rule.IDENTIFIERS: "{n} records without the name of the device or app that made them",
    Rule.DETAILS: "{n} details that could identify you (names, links, dates) left out",
    Rule.TITLES: "{n} page titles left out",
    Rule.URLS: "{n} web addresses cut to their site",
}


@dataclass
class TransformReport:
    """How many records or details each rule removed (rule -> count, zero counts absent).
    Counted into by the threads reading a package's pieces, hence the lock."""

    removed: Counter[str] = field(default_factory=Counter)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def add(self, rule: Rule, count: int) -> None:
        if count:
            with self._lock:
                self.removed[rule.value] += count

    def sentences(self) -> list[str]:
        """ "412 points near your places left out", in `Rule` order."""
        return [
            _SENTENCES[rule].format(n=f"{self.removed[rule.value]:,}")
            for rule in Rule
            if self.removed.get(rule.value)
        ]


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # "timestamp", "date", "number", "integer", "text", "json"
    description: str


@dataclass
class TablePlan:
    """One output table: a record type's records, or their daily summaries."""

    dataset_id: int
    type_id: int
    record_type: str
    name: str  # "heart_rate" (unique in the package)
    daily: bool
    expected: int  # records the type and day rules let through (before places, summaries)
    columns: list[Column]
    sql: str  # a piece's rows in order; its last parameters are the piece's bounds
    params: list[Any]  # the others
    days: list[tuple[int, int]]  # (day, records) the rollups count, in day order


@dataclass(frozen=True)
class Piece:
    """Part of a table read by one query: the records whose key (day, start_ms, end_ms,
    source_id, value) is from ``first`` (included) to ``end`` (not included). The pieces of a
    table share their bounds, the first from the smallest key there can be to the largest,
    so together they hold every record, whatever the rollups say."""

    first: tuple[Any, ...]
    end: tuple[Any, ...]
    expected: int  # records of the table's `expected` that fall in it


@dataclass(frozen=True)
class Chunk:
    """A piece as read: its CSV lines (CRLF between them, none after the last) and what the
    manifest says of them."""

    text: str
    rows: int
    first_day: int | None
    last_day: int | None
    units: frozenset[str]  # non-empty units of the rows
    value_types: frozenset[str]  # SQLite types of their values ("number" for summaries)


# ---------------------------------------------------------------------- pseudonyms


def pseudonym_secret(vault: Vault) -> bytes:
    """The vault's pseudonym secret: 32 random bytes made on first use and kept in vault.db
    (so in backups), never written anywhere else. Not derived from the data key, so that
    re-keying the vault keeps every pseudonym a buyer already has."""
    with vault.reading() as conn:
        row = conn.execute("SELECT value FROM vault_info WHERE key = ?", (_SECRET_KEY,)).fetchone()
    if row is None:
        with vault.writing() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO vault_info (key, value) VALUES (?, ?)",
                (_SECRET_KEY, secrets.token_hex(32)),
            )
            row = conn.execute(
                "SELECT value FROM vault_info WHERE key = ?", (_SECRET_KEY,)
            ).fetchone()
    return bytes.fromhex(row[0])


def pseudonym_key(secret: bytes, buyer: str | None) -> bytes:
    """One key per buyer, so two buyers' copies cannot be joined on their pseudonyms."""
    who = (buyer or "anyone").strip().lower().encode()
    return hmac.new(secret, _PSEUDONYM_CONTEXT + who, hashlib.sha256).digest()


def pseudonym(key: bytes, label: tuple[str, str, str]) -> str:
    """A source's stable name for one buyer: "src-" and 16 hex digits of an HMAC."""
    text = "\x00".join(label).encode()
    return "src-" + hmac.new(key, text, hashlib.sha256).hexdigest()[:16]


# ---------------------------------------------------------------------- positions


def snap(lat: float, lng: float, grid: LocationGrid) -> tuple[float, float | None]:
    """The centre of the grid cell holding (lat, lng), by the same arithmetic as the SQL of
    `_grid_sql` (so a position in metadata blurs exactly like one in the lat/lng columns).

    Cells are `step` degrees tall and `step * k` wide, k the whole number nearest
    1/cos(latitude of the cell's centre), so a cell is about as wide as it is tall; within
    5 degrees of a pole the longitude is dropped (None)."""
    step, decimals = _GRID[grid]
    rows = round(180 / step)
    lat_c = (min(int((lat + 90.0) / step), rows - 1) + 0.5) * step - 90.0
    k = _width_factor(abs(lat_c))
    if k == 0:
        return round(lat_c, decimals), None
    width = step * k
    lng_c = min((int((min(lng, _LAST_LNG) + 180.0) / width) + 0.5) * width - 180.0, 180.0)
    return round(lat_c, decimals), round(lng_c, decimals)


def _width_factor(abs_lat: float) -> int:
    for edge, k in _width_bands():
        if abs_lat < edge:
            return k
    return 0


def _width_bands() -> list[tuple[float, int]]:
    """(latitude below which, k): k = round(1/cos(lat)) changes where 1/cos(lat) = k + 0.5."""
    bands = []
    k = 1
    while (edge := math.degrees(math.acos(1 / (k + 0.5)))) < _POLAR_LATITUDE:
        bands.append((edge, k))
        k += 1
    bands.append((_POLAR_LATITUDE, k))
    return bands


def _grid_sql(grid: LocationGrid) -> tuple[str, str]:
    """SQL for the snapped latitude and longitude as text (NULL without a position).

    SQLite here has no floor(): CAST truncates, which is floor for the shifted,
    non-negative coordinates."""
    step, decimals = _GRID[grid]
    rows = round(180 / step)
    lat_c = (
        f"((min(CAST((r.lat + 90.0) / {step!r} AS INTEGER), {rows - 1}) + 0.5) * {step!r} - 90.0)"
    )
    bands = " ".join(f"WHEN abs({lat_c}) < {edge!r} THEN {k}" for edge, k in _width_bands())
    width = f"({step!r} * (CASE {bands} ELSE 0 END))"
    lng_c = (
        f"min((CAST((min(r.lng, {_LAST_LNG!r}) + 180.0) / {width} AS INTEGER) + 0.5) "
        f"* {width} - 180.0, 180.0)"
    )
    lat_text = f"CASE WHEN r.lat IS NULL THEN NULL ELSE printf('%.{decimals}f', {lat_c}) END"
    lng_text = (
        f"CASE WHEN r.lat IS NULL OR r.lng IS NULL OR {width} = 0 THEN NULL "
        f"ELSE printf('%.{decimals}f', {lng_c}) END"
    )
    return lat_text, lng_text


class NearPlaces:
    """Whether a position is within the radius of one of the member's places."""

    def __init__(self, places: Sequence[Place], radius_m: int) -> None:
        self.places = list(places)
        self.radius_m = radius_m

    def __call__(self, lat: float, lng: float) -> bool:
        return any(distance_m(lat, lng, p.lat, p.lng) <= self.radius_m for p in self.places)

    def boxes(self) -> list[tuple[float, float, float, float]]:
        """(south, north, west, east) around each place, a little larger than the circle, so
        SQL sends only the rows inside one to the exact test. A box that would cross the
        antimeridian or a pole covers every longitude."""
        boxes = []
        for place in self.places:
            dlat = math.degrees(self.radius_m / 6_371_000.0) * 1.01 + 1e-6
            south, north = place.lat - dlat, place.lat + dlat
            cos_lat = math.cos(math.radians(min(89.9, abs(place.lat) + dlat)))
            dlng = dlat / cos_lat if north < 90 and south > -90 else 360.0
            west, east = place.lng - dlng, place.lng + dlng
            if west < -180 or east > 180:
                west, east = -180.0, 180.0
            boxes.append((south, north, west, east))
        return boxes


# ---------------------------------------------------------------------- metadata

# Words that make a metadata key identifying or revealing, whatever its value: names of
# people, devices and places, identifiers, links, dates and free text.
_IDENTIFYING_WORDS = frozenset(
    """id ids uuid guid identifier user username account email phone device devices name
    serial model manufacturer hardware software firmware version app link url uri href
    address ip mac ssid bssid date timestamp zone tz title description note notes comment
    comments text source place lat latitude lng lon long longitude position location
    coordinates start end tag label""".split()  # noqa: SIM905 (a word list reads better so)
)
_ALTITUDE_WORDS = frozenset({"altitude", "elevation"})
_KEY_WORDS = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")
# A value may stay if it is a measurement ("96 %", "56 degF", "2.48") or a short code
# ("STILL", "link", "trail"): free text could be anything, a name included.
_MEASUREMENT = re.compile(r"[-+]?[0-9]+(?:\.[0-9]+)?(?: ?[A-Za-z%°/]{1,8})?")
_CODE = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,39}")
# The cache holds short texts only (the shared ones: a long text, such as a list of heartbeat
# times, is seldom repeated), so its memory stays under a few megabytes.
_CACHE_LIMIT = 10_000
_CACHE_TEXT_LIMIT = 256


class MetaFilter:
    """Metadata as a package carries it: identifying keys, free text, lists and objects
    dropped; a move's end position blurred or left out like any other position; page titles
    only when the policy keeps them. Results are cached by text: most records of a type
    share a few metadata texts."""

    def __init__(
        self,
        *,
        titles: bool,
        grid: LocationGrid,
        near: NearPlaces | None,
        report: TransformReport,
    ) -> None:
        self.titles = titles
        self.grid = grid
        self.near = near
        self.report = report
        self._cache: dict[str, tuple[str | None, int, int, int]] = {}
        self._verdicts: dict[str, str] = {}

    def __call__(self, text: str) -> str | None:
        """The metadata as a CSV field (JSON, quoted), or None when nothing is left."""
        hit = self._cache.get(text)
        if hit is None:
            hit = self._filter(text)
            if len(text) <= _CACHE_TEXT_LIMIT:
                if len(self._cache) >= _CACHE_LIMIT:
                    self._cache.clear()
                self._cache[text] = hit
        field, details, titles, near = hit
        if details:
            self.report.add(Rule.DETAILS, details)
        if titles:
            self.report.add(Rule.TITLES, titles)
        if near:
            self.report.add(Rule.NEAR_PLACES, near)
        return field

    def _filter(self, text: str) -> tuple[str | None, int, int, int]:
        try:
            meta = json.loads(text)
        except ValueError:
            return None, 1, 0, 0
        if not isinstance(meta, dict):
            return None, 1, 0, 0
        kept: dict[str, Any] = {}
        details = titles = near = 0
        for key, value in meta.items():
            verdict = self._verdict(key)
            if verdict == "title":
                if self.titles and isinstance(value, str):
                    kept[key] = value
                else:
                    titles += 1
            elif verdict == "end" and _is_position(value):
                if self.near is not None and self.near(value[0], value[1]):
                    near += 1
                elif self.grid is LocationGrid.EXACT:
                    kept[key] = value
                else:
                    lat, lng = snap(value[0], value[1], self.grid)
                    kept[key] = [lat, lng]
            elif verdict == "altitude" and self.grid is not LocationGrid.EXACT:
                details += 1  # a precise altitude narrows down a blurred position
            elif verdict in ("keep", "altitude") and _harmless(value):
                kept[key] = value
            else:
                details += 1
        if not kept:
            return None, details, titles, near
        out = json.dumps(kept, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        return csv_field(out), details, titles, near

    def _verdict(self, key: str) -> str:
        verdict = self._verdicts.get(key)
        if verdict is None:
            words = {w.lower() for w in _KEY_WORDS.findall(key)}
            if key == "title":
                verdict = "title"
            elif key == "end":
                verdict = "end"
            elif words & _IDENTIFYING_WORDS:
                verdict = "drop"
            elif words & _ALTITUDE_WORDS:
                verdict = "altitude"
            else:
                verdict = "keep"
            self._verdicts[key] = verdict
        return verdict


def _is_position(value: Any) -> bool:
    return (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
        and -90 <= value[0] <= 90
        and -180 <= value[1] <= 180
    )


def _harmless(value: Any) -> bool:
    if isinstance(value, bool) or value is None:
        return True
    if isinstance(value, int | float):
        return math.isfinite(value)
    if isinstance(value, str):
        return bool(_MEASUREMENT.fullmatch(value) or _CODE.fullmatch(value))
    return False  # lists and objects: beat times, workout events, nested anything


# ---------------------------------------------------------------------- web addresses


class UrlToDomain:
    """ "https://www.example.org/path?q=1" -> "www.example.org"; "" for a file or an address
    without a host."""

    def __init__(self, report: TransformReport) -> None:
        self.report = report

    def __call__(self, url: Any) -> str:
        self.report.add(Rule.URLS, 1)
        if not isinstance(url, str):
            return ""
        try:
            host = urlsplit(url).hostname
        except ValueError:
            host = None
        return csv_field(host or "")


# ---------------------------------------------------------------------- the plan


class Transforms:
    """The transforms of one policy for one build: plans a table per record type, then reads
    each as batches of rows in the order and form the package files hold."""

    def __init__(
        self,
        policy: ConsentPolicy,
        *,
        places: Sequence[Place] = (),
        pseudonym_key: bytes | None = None,
    ) -> None:
        self.policy = policy
        self.privacy = policy.privacy
        self.report = TransformReport()
        radius = self.privacy.places_radius_m
        self.near = NearPlaces(places, radius) if radius and places else None
        if self.privacy.identifiers is Identifiers.PSEUDONYM and pseudonym_key is None:
            raise ValueError("pseudonyms need a key")
        self._pseudonym_key = pseudonym_key
        self.meta = MetaFilter(
            titles=self.privacy.titles,
            grid=self.privacy.location,
            near=self.near,
            report=self.report,
        )
        self.domain = UrlToDomain(self.report)
        self._cut_urls = self.privacy.urls is Urls.DOMAIN

    @property
    def daily(self) -> bool:
        return self.privacy.daily_min_count > 0

    # ------------------------------------------------------------ set-up

    def install(self, conn: Connection) -> None:
        """Register the Python parts on the (package reader's own) connection, and the
        sources' names as the policy shows them in a temporary, in-memory table."""
        conn.create_function("hearth_meta", 1, self.meta, deterministic=True)
        conn.create_function("hearth_domain", 1, self.domain, deterministic=True)
        if self.near is not None:
            conn.create_function("hearth_near", 2, self.near, deterministic=True)
        conn.execute("DROP TABLE IF EXISTS temp.hearth_package_sources")
        conn.execute(
            "CREATE TEMP TABLE hearth_package_sources "
            "(id INTEGER PRIMARY KEY, name TEXT, version TEXT, device TEXT)"
        )
        rows = conn.execute("SELECT id, name, version, device FROM record_sources").fetchall()
        if self.privacy.identifiers is Identifiers.PSEUDONYM:
            assert self._pseudonym_key is not None
            key = self._pseudonym_key
            rows = [(i, pseudonym(key, (n, v, d)), "", "") for i, n, v, d in rows]
        conn.executemany("INSERT INTO temp.hearth_package_sources VALUES (?, ?, ?, ?)", rows)

    def plan(self, conn: Connection, dataset_id: int) -> list[TablePlan]:
        """One table per record type with records left after the type and day rules, in
        name order; counts what those rules removed (from the daily rollups: no scan)."""
        scope = self.policy.scope
        wanted = set(scope.record_types)
        excluded = set(self.privacy.exclude_types)
        scope_days = _days(scope.dates) if scope.dates else None
        excluded_days = [_days(r) for r in self.privacy.exclude_dates]
        kept: dict[tuple[int, str], dict[int, int]] = {}
        rows = conn.execute(
            "SELECT r.type_id, t.name, r.day, r.count FROM daily_rollups r "
            "JOIN record_types t ON t.id = r.type_id WHERE r.dataset_id = ?",
            (dataset_id,),
        )
        for type_id, name, day, count in rows:
            if wanted and name not in wanted:
                self.report.add(Rule.RECORD_TYPES, count)
            elif name in excluded:
                self.report.add(Rule.EXCLUDED_TYPES, count)
            elif scope_days and not scope_days[0] <= day <= scope_days[1]:
                self.report.add(Rule.DATES, count)
            elif any(first <= day <= last for first, last in excluded_days):
                self.report.add(Rule.EXCLUDED_DATES, count)
            else:
                days = kept.setdefault((type_id, name), {})
                days[day] = days.get(day, 0) + count
        names = _table_names(sorted(name for _, name in kept))
        plans = [
            self._table(dataset_id, type_id, name, names[name], days, scope_days, excluded_days)
            for (type_id, name), days in kept.items()
        ]
        return sorted(plans, key=lambda p: p.name)

    def _table(
        self,
        dataset_id: int,
        type_id: int,
        record_type: str,
        name: str,
        days: dict[int, int],
        scope_days: tuple[int, int] | None,
        excluded_days: list[tuple[int, int]],
    ) -> TablePlan:
        where = ["r.dataset_id = ?", "r.type_id = ?"]
        params: list[Any] = [dataset_id, type_id]
        if scope_days:
            where.append("r.day BETWEEN ? AND ?")
            params += scope_days
        for first, last in excluded_days:
            where.append("r.day NOT BETWEEN ? AND ?")
            params += [first, last]
        if self.near is not None:
            boxes = self.near.boxes()
            inside = " OR ".join("(r.lat BETWEEN ? AND ? AND r.lng BETWEEN ? AND ?)" for _ in boxes)
            where.append(
                f"CASE WHEN r.lat IS NULL THEN 1 WHEN {inside} "
                "THEN NOT hearth_near(r.lat, r.lng) ELSE 1 END"
            )
            params += [edge for box in boxes for edge in box]
        if self.daily:
            columns, sql = self._daily_sql(where)
            name += "_daily"
        else:
            columns, sql = self._records_sql(where)
            if self._cut_urls:  # the query's first parameter: is this the web visits table
                params.insert(0, record_type == WEB_VISIT)
        return TablePlan(
            dataset_id,
            type_id,
            record_type,
            name,
            self.daily,
            sum(days.values()),
            columns,
            sql,
            params,
            sorted(days.items()),
        )

    def _records_sql(self, where: list[str]) -> tuple[list[Column], str]:
        """The same query for every record type (one prepared statement per reading
        connection: see `_IN_PIECE`); what differs goes in its parameters."""
        privacy = self.privacy
        unit_ms = _TIME_UNIT_MS.get(privacy.time)
        columns = [
            Column("start", "timestamp", _time_words("start", privacy.time)),
            Column("end", "timestamp", _time_words("end", privacy.time)),
            Column("value", "number or text", "The measurement, category or text."),
            Column("unit", "text", "The value's unit (as the device wrote it), if any."),
        ]
        value = _csv("r.value")
        if privacy.location is not LocationGrid.EXACT:
            # A located record's text value is its exact position or a place's id or name.
            value = (
                f"CASE WHEN r.lat IS NOT NULL AND typeof(r.value) = 'text' THEN '' ELSE {value} END"
            )
        if self._cut_urls:
            value = f"CASE WHEN ? THEN hearth_domain(r.value) ELSE {value} END"
        fields = [_iso("r.start_ms", unit_ms), _iso("r.end_ms", unit_ms), value, _csv("r.unit")]
        if privacy.identifiers is Identifiers.KEEP:
            fields += [_csv("s.name"), _csv("s.version"), _csv("s.device")]
            columns += [
                Column("source", "text", "The app or device that made the record."),
                Column("source_version", "text", "Its software version."),
                Column("device", "text", "The device, as the export describes it."),
            ]
        elif privacy.identifiers is Identifiers.PSEUDONYM:
            fields.append("s.name")  # "src-" and hex digits
            columns.append(
                Column("source", "text", "A pseudonym of the app or device, stable in this copy.")
            )
        if privacy.location is LocationGrid.EXACT:
            fields += ["r.lat", "r.lng"]  # (as text, as CAST would write them)
            where_words = "exact"
        else:
            fields += list(_grid_sql(privacy.location))
            where_words = f"the centre of a grid cell of about {privacy.location.value}"
        columns += [
            Column("lat", "number", f"Latitude (WGS 84), {where_words}; empty without one."),
            Column("lng", "number", f"Longitude (WGS 84), {where_words}; empty without one."),
            Column("meta", "json", "Measurements and codes the export added (JSON object)."),
        ]
        fields.append("CASE WHEN r.meta IS NULL THEN NULL ELSE hearth_meta(r.meta) END")
        join = (
            ""
            if privacy.identifiers is Identifiers.DROP
            else " LEFT JOIN temp.hearth_package_sources s ON s.id = r.source_id"
        )
        # The primary key's order: rows stream in the order they are stored, no sort (LIMIT
        # -1 keeps the order when the query is read by the aggregate of `read`).
        sql = (
            f"SELECT {_csv_line(fields)} AS line, r.day AS day, r.unit AS unit, "  # noqa: S608
            f"typeof(r.value) AS value_type FROM records r{join} "
            f"WHERE {' AND '.join(where)}{_IN_PIECE} ORDER BY {_KEY} LIMIT -1"
        )
        return columns, sql

    def _daily_sql(self, where: list[str]) -> tuple[list[Column], str]:
        number = "CASE WHEN typeof(r.value) IN ('integer', 'real') THEN r.value END"
        columns = [
            Column("day", "date", "The calendar day, where the export gave a time zone; else UTC."),
            Column("count", "integer", "Records that day."),
            Column("sum", "number", "Sum of the numeric values; empty without any."),
            Column("min", "number", "Smallest numeric value."),
            Column("max", "number", "Largest numeric value."),
            Column("mean", "number", "Mean of the numeric values."),
            Column("unit", "text", "The values' unit ('mixed' if they differ)."),
        ]
        unit = "CASE WHEN count(DISTINCT r.unit) > 1 THEN 'mixed' ELSE max(r.unit) END"
        fields = [
            "date(r.day * 86400, 'unixepoch')",
            "count(*)",
            *(f"CAST({f}({number}) AS TEXT)" for f in ("sum", "min", "max", "avg")),
            _csv(f"({unit})"),
        ]
        sql = (
            f"SELECT {_csv_line(fields)} AS line, r.day AS day, {unit} AS unit, "  # noqa: S608
            "'number' AS value_type, count(*) AS records "
            f"FROM records r WHERE {' AND '.join(where)}{_IN_PIECE} "
            "GROUP BY r.dataset_id, r.type_id, r.day ORDER BY r.dataset_id, r.type_id, r.day "
            "LIMIT -1"
        )
        return columns, sql

    # ------------------------------------------------------------ reading

    def pieces(self, conn: Connection, table: TablePlan) -> list[Piece]:
        """The table cut into pieces of at most `PIECE_RECORDS` records, in order: at day
        boundaries from the daily rollups (no scan), and a day with more records than that
        at every `PIECE_RECORDS`-th key (one pass over that day's keys)."""
        bounds = [_SMALLEST_KEY]
        counts = []
        gathered = 0  # records since the last bound
        for day, count in table.days:
            if gathered and gathered + count > PIECE_RECORDS:
                bounds.append(_day_start(day))
                counts.append(gathered)
                gathered = 0
            # (A daily summary has one row a day: nothing to cut.)
            big = count > PIECE_RECORDS and not table.daily
            cuts = self._cut_day(conn, table, day) if big else []
            if cuts:  # none when the rollups counted more than there are (never, but safe)
                bounds += cuts
                counts += [gathered + PIECE_RECORDS] + [PIECE_RECORDS] * (len(cuts) - 1)
                gathered, count = 0, count - PIECE_RECORDS * len(cuts)
            gathered += count
        bounds.append(_LARGEST_KEY)
        counts.append(gathered)
        return [Piece(bounds[i], bounds[i + 1], counts[i]) for i in range(len(counts))]

    def _cut_day(self, conn: Connection, table: TablePlan, day: int) -> list[tuple[Any, ...]]:
        """The keys of a day's records number `PIECE_RECORDS` + 1, 2 * `PIECE_RECORDS` + 1...:
        where the pieces of a day with more records than a piece holds begin."""
        keys = "start_ms, end_ms, source_id, value"
        rows = conn.execute(
            f"SELECT {keys} FROM (SELECT {keys}, row_number() OVER (ORDER BY {keys}) AS n "  # noqa: S608
            "FROM records WHERE dataset_id = ? AND type_id = ? AND day = ?) "
            "WHERE (n - 1) % ? = 0 AND n > 1",
            (table.dataset_id, table.type_id, day, PIECE_RECORDS),
        ).fetchall()
        return [(day, *row) for row in rows]

    def read(self, conn: Connection, table: TablePlan, piece: Piece) -> Chunk:
        """One piece of the table, transformed, its lines joined by SQLite (so a thread
        reading it holds the GIL once per piece, not once per row); counts what the row rules
        removed from it. Safe to call from several threads, each with its own connection."""
        # Daily summaries: days with too few records are read (to count them) but not kept.
        keep = (
            f" FILTER (WHERE records >= {int(self.privacy.daily_min_count)})" if table.daily else ""
        )
        fields = [
            "group_concat(line, char(13, 10))",
            "count(*)",
            "min(day)",  # rows come in day order: the first and last days
            "max(day)",
            "json_group_array(DISTINCT unit)",
            "json_group_array(DISTINCT value_type)",
        ]
        select = [f + keep for f in fields]
        if table.daily:
            select += ["sum(records)", f"sum(records){keep}"]
        # The aggregate reads the rows in the inner query's order (its ORDER BY, kept by the
        # LIMIT -1 that stops SQLite from flattening or dropping it), so the lines are joined
        # in the records' primary-key order.
        sql = f"SELECT {', '.join(select)} FROM ({table.sql})"  # noqa: S608
        row = conn.execute(sql, [*table.params, *piece.first, *piece.end]).fetchone()
        text, rows, first, last, units, value_types = row[:6]
        seen = (row[6] or 0) if table.daily else rows
        if table.daily:
            self.report.add(Rule.SMALL_DAYS, seen - (row[7] or 0))
        self.report.add(Rule.NEAR_PLACES, piece.expected - seen)
        if not table.daily and self.privacy.identifiers is not Identifiers.KEEP:
            self.report.add(Rule.IDENTIFIERS, rows)
        return Chunk(
            text or "",
            rows,
            first,
            last,
            frozenset(filter(None, json.loads(units))),
            frozenset(json.loads(value_types)),
        )

    def applied(self) -> list[dict[str, Any]]:
        """The transforms as the manifest lists them (settings, never counts)."""
        privacy = self.privacy
        out: list[dict[str, Any]] = [
            {"rule": "identifiers", "setting": privacy.identifiers.value},
            {"rule": "time", "setting": privacy.time.value},
            {"rule": "location", "setting": privacy.location.value},
            {"rule": "urls", "setting": privacy.urls.value},
            {"rule": "titles", "setting": "keep" if privacy.titles else "drop"},
            {"rule": "metadata", "setting": "measurements-and-codes-only"},
        ]
        if self.policy.scope.record_types:
            out.append({"rule": "record-types", "setting": list(self.policy.scope.record_types)})
        if self.policy.scope.dates:
            out.append({"rule": "dates", "setting": str(self.policy.scope.dates)})
        if privacy.exclude_types:
            out.append({"rule": "excluded-types", "setting": list(privacy.exclude_types)})
        if privacy.exclude_dates:
            out.append(
                {"rule": "excluded-dates", "setting": [str(r) for r in privacy.exclude_dates]}
            )
        if privacy.places_radius_m:
            out.append({"rule": "near-places", "setting": f"{privacy.places_radius_m} m"})
        if privacy.daily_min_count:
            out.append({"rule": "daily-summaries", "setting": f"min {privacy.daily_min_count}"})
        return out


# The records' primary key: the order of a package's rows, and how a table is cut in pieces.
_KEY = "r.dataset_id, r.type_id, r.day, r.start_ms, r.end_ms, r.source_id, r.value"
_PIECE_KEY = "(r.day, r.start_ms, r.end_ms, r.source_id, r.value)"
# A piece's bounds, the last condition of every table's query. The same two conditions for
# every piece, so that a reading connection prepares one statement for a whole build: a
# prepared statement keeps some of its connection's lookaside (SQLite's memory for small
# values) until evicted, and with none left every value a row makes goes to the allocator all
# connections share, behind one lock: two readers then spend their time waiting for it.
_IN_PIECE = f" AND {_PIECE_KEY} >= (?, ?, ?, ?, ?) AND {_PIECE_KEY} < (?, ?, ?, ?, ?)"
_INT64 = (-(2**63), 2**63 - 1)


def _day_start(day: int) -> tuple[Any, ...]:
    """The smallest key of a day: every key of it is at least this, any earlier one less
    (start_ms, end_ms and source_id are integers, and `value` is never NULL: no value sorts
    below -infinity)."""
    return (day, _INT64[0], _INT64[0], _INT64[0], -math.inf)


# Smaller than or equal to any key, and larger than any (a day number comes from a time in
# milliseconds, so it is far below the largest integer).
_SMALLEST_KEY = _day_start(_INT64[0])
_LARGEST_KEY = _day_start(_INT64[1])


def _days(dates: DateRange) -> tuple[int, int]:
    """A date range as the records' `day` numbers (days since 1970-01-01)."""
    return (dates.first - _EPOCH).days, (dates.last - _EPOCH).days


def _csv_line(fields: list[str]) -> str:
    """SQL for one CSV line (RFC 4180) of fields already in CSV form: NULL is empty, and a
    number is written as CAST writes it (the shortest text that reads back as the same
    double). One printf: each `||` would allocate a string of its own."""
    return f"printf('{','.join(['%s'] * len(fields))}', {', '.join(fields)})"


def _csv(column: str) -> str:
    """SQL for a column as a field of `_csv_line`: text with a comma, quote or line break
    quoted with its quotes doubled (printf's %w), anything else as it is. Only for plain
    columns: the expression is repeated."""
    return (
        f"CASE WHEN typeof({column}) = 'text' AND {column} GLOB '*[,\"\r\n]*' "
        f"THEN printf('\"%w\"', {column}) ELSE {column} END"
    )


def csv_field(text: str) -> str:
    """What `_csv` does, for the Python functions the queries call."""
    if "," in text or '"' in text or "\r" in text or "\n" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


def _iso(column: str, unit_ms: int | None) -> str:
    """SQL for an ISO 8601 UTC time from milliseconds, rounded down to `unit_ms` if set
    (the modulo twice so that times before 1970 round down too).

    For the years 0 to 9999, date() and time() make the text strftime() would, at half the
    cost and without its allocations, which take a lock all of SQLite's connections share (two
    threads formatting times would spend their time waiting for each other). Outside them,
    strftime() as it always was (date() would write a year before 0 with a digit more)."""
    if unit_ms is None:
        seconds = f"{column} / 1000.0"
        parts = f"date({seconds}, 'unixepoch'), time({seconds}, 'unixepoch', 'subsec')"
        old = f"strftime('%Y-%m-%dT%H:%M:%fZ', {seconds}, 'unixepoch')"
    else:
        seconds = f"({column} - (({column} % {unit_ms}) + {unit_ms}) % {unit_ms}) / 1000"
        parts = f"date({seconds}, 'unixepoch'), time({seconds}, 'unixepoch')"
        old = f"strftime('%Y-%m-%dT%H:%M:%SZ', {seconds}, 'unixepoch')"
    return (
        f"CASE WHEN {column} >= {_YEAR_0_MS} AND {column} < {_YEAR_10000_MS} "
        f"THEN printf('%sT%sZ', {parts}) ELSE {old} END"
    )


def _time_words(which: str, rounding: TimeRounding) -> str:
    if rounding is TimeRounding.EXACT:
        return f"When the record {which}s (ISO 8601, UTC, milliseconds)."
    return f"When the record {which}s (ISO 8601, UTC), rounded down to the {rounding.value}."


def _table_names(record_types: list[str]) -> dict[str, str]:
    """ "HKQuantityTypeIdentifierHeartRate" -> "heart_rate"; a clash gets "_2", "_3"."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for record_type in record_types:
        base = re.sub(r"[^a-z0-9]+", "_", type_label(record_type).lower()).strip("_") or "records"
        name, n = base, 1
        while name in taken:
            n += 1
            name = f"{base}_{n}"
        taken.add(name)
        names[record_type] = name
    return names

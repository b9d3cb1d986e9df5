"""Activity files: FIT, GPX and TCX, one file, a folder of them, or a Strava export zip.

Files are recognised by their content (a FIT header, a `<gpx>` or `<TrainingCenterDatabase>`
root), gzipped or not: Strava's export keeps `activities/123.fit.gz` beside plain `.gpx`.
GPX files under a `workout-routes/` folder of a folder or zip are Apple Health's, which reads
them with their workouts, so they are left to it.

One damaged file among many is skipped with the reason and the rest imported. A damaged FIT
file gives what comes before the damage (see `hearth.importers.fit`). When an export gives
nothing at all (one damaged file, or only damaged ones), it is refused as `BadInput`, so the
vault stays as it was.
"""

from __future__ import annotations

import gzip
import io
import re
import zlib
from pathlib import PurePosixPath
from typing import IO, Any

from hearth.errors import BadInput
from hearth.importers.activity_points import DamagedFile
from hearth.importers.base import Match
from hearth.importers.export import HEAD_BYTES, MAX_ENTRY_BYTES, MAX_RATIO, Entry, Export
from hearth.importers.fit import is_fit, read_fit
from hearth.importers.gpx import read_gpx
from hearth.importers.sink import RecordSink
from hearth.importers.tcx import read_tcx

NAME = "activity-files"
GZIP_MAGIC = b"\x1f\x8b"
_COMMENT = re.compile(rb"<!--.*?-->", re.DOTALL)
_FIRST_ELEMENT = re.compile(rb"<(?:[A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)")
_XML_ROOTS = {b"gpx": "gpx", b"TrainingCenterDatabase": "tcx"}


class ActivityFilesImporter:
    name = NAME
    title = "Activity files (FIT, GPX, TCX)"
    hint = (
        "Hearth wants a .fit, .gpx or .tcx file from your watch, bike computer or Garmin "
        "Connect, a folder of them, or Strava's 'Download your data' zip."
    )

    def sniff(self, export: Export) -> Match | None:
        names = tuple(
            entry.name
            for entry in export.entries
            if not _apple_health_route(export, entry) and _kind(export, entry) is not None
        )
        return Match(NAME, names) if names else None

    def read(self, export: Export, match: Match, sink: RecordSink) -> None:
        records = 0
        problem = ""
        done = 0
        for entry in export.entries_named(match.entries):
            try:
                added = _read_entry(export, entry, sink)
            except DamagedFile as damage:
                if len(match.entries) == 1:
                    raise BadInput(f"{entry.name} {damage.problem}.") from None
                sink.skip(f"{entry.name} {damage.problem}; the file was skipped")
                problem = problem or f" ({entry.name} {damage.problem})"
            else:
                if added == 0:
                    sink.skip(f"{entry.name} holds no activity with times")
                records += added
            done += entry.size
            sink.read_to(done)
        if records == 0:
            raise BadInput(
                f"No activity with times could be read from {export.path.name}{problem}."
            )


ACTIVITY_FILES = ActivityFilesImporter()


def _apple_health_route(export: Export, entry: Entry) -> bool:
    return export.kind != "file" and "workout-routes" in PurePosixPath(entry.name).parts[:-1]


def _kind(export: Export, entry: Entry) -> tuple[str, bool] | None:
    """("fit" | "gpx" | "tcx", gzipped) judged by the content, or None."""
    head = export.head(entry)
    gzipped = head[:2] == GZIP_MAGIC
    if gzipped:
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, HEAD_BYTES)
        except zlib.error:
            return None
    kind = content_kind(head)
    return (kind, gzipped) if kind is not None else None


def content_kind(head: bytes) -> str | None:
    """ "fit", "gpx" or "tcx" for the first bytes of such a file, else None."""
    if is_fit(head):
        return "fit"
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if not text.startswith(b"<"):
        return None
    first = _FIRST_ELEMENT.search(_COMMENT.sub(b"", text))
    return _XML_ROOTS.get(first.group(1)) if first else None


def _read_entry(export: Export, entry: Entry, sink: RecordSink) -> int:
    found = _kind(export, entry)
    if found is None:
        raise DamagedFile("is no longer an activity file (did it change during the import?)")
    kind, gzipped = found

    def open_stream() -> IO[bytes]:
        return _open(export, entry, gzipped)

    if kind == "tcx":
        return read_tcx(open_stream, entry.name, sink)
    with open_stream() as stream:
        if kind == "fit":
            return read_fit(stream, entry.name, sink)
        return read_gpx(stream, entry.name, sink)


def _open(export: Export, entry: Entry, gzipped: bool) -> IO[bytes]:
    try:
        raw = export.open(entry)
    except BadInput:
        raise DamagedFile("cannot be opened") from None
    # A small .gz can inflate to anything: the same ratio cap as for zip members.
    limit = min(MAX_ENTRY_BYTES, entry.size * MAX_RATIO + (1 << 20)) if gzipped else None
    return io.BufferedReader(_GuardedReader(raw, gzipped, limit))


class _GuardedReader(io.RawIOBase):
    """An activity file's bytes, gunzipped if need be; damage while reading is a
    `DamagedFile` for that file alone, and a gzip bomb stops at ``limit``."""

    def __init__(self, raw: IO[bytes], gzipped: bool, limit: int | None) -> None:
        super().__init__()
        self._raw = raw
        self._inner: io.BufferedIOBase | IO[bytes] = raw
        if gzipped:
            self._inner = gzip.GzipFile(fileobj=raw, mode="rb")
        self._left = limit

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        try:
            data = self._inner.read(len(buffer))
        except (BadInput, OSError, EOFError, zlib.error):
            raise DamagedFile("is damaged or cut off") from None
        if self._left is not None:
            self._left -= len(data)
            if self._left < 0:
                raise DamagedFile("expands to far more than its size (a gzip bomb?)")
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        try:
            if self._inner is not self._raw:
                self._inner.close()
            self._raw.close()
        finally:
            super().close()

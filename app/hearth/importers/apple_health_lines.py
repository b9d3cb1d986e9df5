"""Reading Apple Health's export.xml line by line, which is how Apple writes it.

The Health app writes one element per line, attributes always in the same order. Most lines
are a childless `<Record .../>`: those are matched by one regular expression (about a
microsecond) instead of going through an XML parser's element objects (about five), which is
what makes a multi-million-record import fast. Every other element (a Record with metadata,
a Workout, a Correlation, anything unexpected) is collected up to its end tag and parsed as a
fragment by lxml with entities off, so nothing unusual is read by the fast path. A file not
laid out like this (the root element's line holds more than its start tag) is left to
`etree.iterparse` by the caller, decided before anything is read into the vault.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from typing import IO, Any

from lxml import etree

from hearth.errors import BadInput
from hearth.importers import safe_xml

# A childless Record exactly as the Health app writes it. Anything else goes to lxml.
_RECORD_ATTRIBUTES = (
    r'<Record type="([^"&<]*)" sourceName="([^"<]*)"(?: sourceVersion="([^"<]*)")?'
    r'(?: device="([^"<]*)")?(?: unit="([^"&<]*)")?(?: creationDate="[^"&<]*")?'
    r' startDate="([^"&<]*)" endDate="([^"&<]*)"(?: value="([^"<]*)")?'
)
SIMPLE_RECORD = re.compile(_RECORD_ATTRIBUTES + r"/>\Z")
RECORD_WITH_CHILDREN = re.compile(_RECORD_ATTRIBUTES + r">\Z")
METADATA_ENTRY = re.compile(r'<MetadataEntry key="([^"<]*)" value="([^"<]*)"/>\Z')
# Entities a value may hold on the fast path; any other '&' goes to lxml to judge.
_UNKNOWN_ENTITY = re.compile(r"&(?!lt;|gt;|amp;|quot;|apos;)")
_CONTROL = bytes(c for c in range(32) if c not in (9, 10, 13))
_CHUNK = 1 << 20
_MAX_PROLOG = 4 * 1024 * 1024
_MAX_FRAGMENT = 64 * 1024 * 1024
_PARSER = safe_xml.parser()

SimpleRecord = tuple[str | None, ...]  # the groups of SIMPLE_RECORD
Metadata = list[tuple[str, str]]  # (key, value) of each MetadataEntry, still escaped


def unescape(value: str) -> str:
    """XML's five named entities; the fast path lets no other '&' through."""
    return (
        value.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&apos;", "'")
        .replace("&amp;", "&")
    )


class LineScanner:
    """Feeds the lines of one export.xml to ``on_record`` (fast path) or ``on_element``."""

    def __init__(
        self,
        raw: IO[bytes],
        on_record: Callable[[SimpleRecord, Metadata | None], None],
        on_element: Callable[[Any], None],
        on_read: Callable[[int], None],
    ) -> None:
        self._raw = raw
        self._on_record = on_record
        self._on_element = on_element
        self._on_read = on_read
        self._read = 0
        self.prolog = b""  # what was read before deciding; the fallback parser needs it

    def line_shaped(self) -> bool:
        """Read up to the root's start tag; True when the rest can be read by lines."""
        while True:
            found = self.prolog.find(b"<HealthData")
            if found != -1:
                end = self.prolog.find(b">", found)
                if end != -1:
                    rest_of_line = self.prolog[end + 1 :].split(b"\n", 1)
                    if len(rest_of_line) == 2 or len(self.prolog) > _MAX_PROLOG:
                        return not rest_of_line[0].strip()
            chunk = self._raw.read(_CHUNK)
            if not chunk:
                return False
            self._count(len(chunk))
            self.prolog += chunk.translate(None, _CONTROL)
            if len(self.prolog) > _MAX_PROLOG and found == -1:
                return False

    def scan(self) -> None:
        """Everything after the root's start tag; `BadInput` when it is cut short."""
        start = self.prolog.find(b"\n", self.prolog.find(b"<HealthData")) + 1
        closed = False
        fragment: list[bytes] = []
        size = depth = 0
        open_tag = end_tag = b""
        for line in self._lines(self.prolog[start:]):
            if fragment:
                fragment.append(line)
                size += len(line)
                if size > _MAX_FRAGMENT:
                    raise BadInput("The Apple Health export.xml has an element over 64 MB long.")
                if line.startswith(end_tag):
                    depth -= 1
                elif line.startswith(open_tag) and not line.endswith(b"/>"):
                    depth += 1  # the same element nested in itself
                if depth == 0:
                    with_metadata = _record_with_metadata(fragment)
                    if with_metadata is not None:
                        self._on_record(*with_metadata)
                    else:
                        self._fragment(fragment)
                    fragment = []
                continue
            if line.startswith(b"<Record ") and line.endswith(b"/>"):
                simple = _match(SIMPLE_RECORD, line)
                if simple is not None:
                    self._on_record(simple, None)
                else:
                    self._fragment([line])
            elif line.startswith(b"</HealthData>"):
                closed = True
                break
            elif line.startswith(b"<") and not line.startswith((b"<!--", b"<?")):
                name = line[1:].split(b" ", 1)[0].split(b">", 1)[0].split(b"/", 1)[0]
                open_tag, end_tag = b"<" + name + b" ", b"</" + name + b">"
                if line.endswith(b"/>") or line.endswith(end_tag):
                    self._fragment([line])
                else:
                    fragment, size, depth = [line], len(line), 1
            elif line.strip() and not line.startswith(b"<!--"):
                raise BadInput("The Apple Health export.xml holds text outside any element.")
        if not closed:
            raise BadInput(
                "The Apple Health export.xml is truncated: it ends before its last line."
            )

    def everything(self) -> io.RawIOBase:
        """The whole file again from its first byte (for a parser that is not line-based),
        still reporting progress."""
        return _Replay(self)

    def _fragment(self, lines: list[bytes]) -> None:
        try:
            holder = etree.fromstring(b"<f>" + b"\n".join(lines) + b"</f>", _PARSER)
        except etree.XMLSyntaxError as exc:
            raise BadInput(f"The Apple Health export.xml is damaged ({exc}).") from None
        for element in holder:
            self._on_element(element)

    def _lines(self, first: bytes) -> Iterator[bytes]:
        pending = first
        while True:
            chunk = self._raw.read(_CHUNK)
            if chunk:
                self._count(len(chunk))
                pending += chunk.translate(None, _CONTROL)
            cut = pending.rfind(b"\n") + 1 if chunk else len(pending)
            for line in pending[:cut].split(b"\n"):
                yield line.strip()
            pending = pending[cut:]
            if not chunk:
                return

    def _count(self, n: int) -> None:
        self._read += n
        self._on_read(self._read)


class _Replay(io.RawIOBase):
    def __init__(self, scanner: LineScanner) -> None:
        super().__init__()
        self._scanner = scanner
        self._prefix = scanner.prolog

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._prefix:
            data, self._prefix = self._prefix[: len(buffer)], self._prefix[len(buffer) :]
        else:
            data = self._scanner._raw.read(len(buffer))
            self._scanner._count(len(data))
        buffer[: len(data)] = data
        return len(data)


def _match(pattern: re.Pattern[str], line: bytes) -> SimpleRecord | None:
    """The fast path's groups, or None when only a real XML parser may judge the line."""
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        return None  # lxml says what is wrong with it
    if "&" in text and _UNKNOWN_ENTITY.search(text):
        return None
    matched = pattern.match(text)
    return matched.groups() if matched is not None else None


def _record_with_metadata(lines: list[bytes]) -> tuple[SimpleRecord, Metadata] | None:
    """A Record whose only children are MetadataEntry lines, the way Apple writes most of
    them; None for anything else (HRV beat lists, odd layouts), which lxml then reads."""
    if not lines[0].startswith(b"<Record ") or lines[-1] != b"</Record>":
        return None
    groups = _match(RECORD_WITH_CHILDREN, lines[0])
    if groups is None:
        return None
    metadata: Metadata = []
    for line in lines[1:-1]:
        entry = _match(METADATA_ENTRY, line)
        if entry is None:
            return None
        metadata.append((entry[0] or "", entry[1] or ""))
    return groups, metadata

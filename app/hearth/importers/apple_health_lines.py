"""Reading Apple Health's export.xml by lines, which is how Apple writes it.

The Health app writes one element per line, attributes always in the same order. Nearly every
element is a `<Record>`, childless or with a few `<MetadataEntry>` lines (and, for heart rate
variability, a list of beats). Those are matched by one regular expression over the raw
bytes of a block of lines (`FAST_RECORD`, a couple of microseconds a record) and handed to
the importer a run at a time, instead of going through an XML parser's element objects,
which is what makes a multi-million-record import fast. Anything else (a Correlation, a
Workout, a value with an entity, an attribute order Apple never writes, anything unexpected)
is collected up to its end tag and parsed as a fragment by lxml with entities off, so
nothing unusual is read by the fast path. A file not laid out by lines (the root element's
line holds more than its start tag) is left to `etree.iterparse` by the caller, decided
before anything is read into the vault.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection
from typing import IO, Any

from lxml import etree

from hearth.errors import BadInput
from hearth.importers import safe_xml

# An attribute value the fast path may take as it is: no entity or markup, and nothing XML
# would normalise (tabs and line breaks become spaces in attribute values).
_TEXT = rb'[^"&<\t\n\r]'
# The same, ASCII only: what is converted without being decoded (numbers, dates).
_ASCII = rb"[ !#-%'-;=-~]"
# A date as Apple writes it, with a valid time of day ("2016-04-18 08:25:32 -0700").
_DATE = rb"(\d{4}-\d\d-\d\d (?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d [+-]\d{4})"
_NEWLINE = rb"\r?\n[ \t]*+"
# A Record exactly as the Health app writes it, on its own line(s), ending with its line.
# Groups: type, sourceName, sourceVersion, the device without its `<<HKDevice: 0x…>, `
# prefix, unit, startDate, endDate, value, the MetadataEntry lines, the beats list.
# Every repeat is possessive (`*+`, `++`): what follows it is never something it could have
# taken (a value stops at its quote, a line's indent at its `<`), so giving characters back
# could never make a match, and not keeping the positions to give back makes the match about
# a quarter faster.
FAST_RECORD = re.compile(
    rb"^[ \t]*+<Record"
    rb' type="(' + _TEXT + rb'++)" sourceName="(' + _TEXT + rb'*+)"'
    rb'(?: sourceVersion="(' + _TEXT + rb'*+)")?'
    rb'(?: device="&lt;&lt;HKDevice: 0x[0-9a-fA-F]++&gt;, (' + _TEXT + rb'*+)&gt;")?'
    rb'(?: unit="(' + _TEXT + rb'++)")?'
    rb'(?: creationDate="' + _ASCII + rb'*+")?'
    rb' startDate="' + _DATE + rb'" endDate="' + _DATE + rb'"'
    rb'(?: value="(' + _ASCII + rb'*+)")?'
    rb"(?:/>|>"
    rb"((?:" + _NEWLINE + rb'<MetadataEntry key="' + _TEXT + rb'++" value="' + _TEXT + rb'*+"/>)*+)'
    rb"(?:" + _NEWLINE + rb"<HeartRateVariabilityMetadataList>"
    rb"((?:" + _NEWLINE + rb'<InstantaneousBeatsPerMinute bpm="' + _ASCII + rb'*+" time="'
    rb"" + _ASCII + rb'*+"/>)*+)' + _NEWLINE + rb"</HeartRateVariabilityMetadataList>)?"
    rb"" + _NEWLINE + rb"</Record>)[ \t\r]*+\n",
    re.MULTILINE,
)
METADATA_ENTRY = re.compile(rb'<MetadataEntry key="([^"]*)" value="([^"]*)"/>')
BEAT = re.compile(rb'<InstantaneousBeatsPerMinute bpm="([^"]*)" time="([^"]*)"/>')
_CONTROL = bytes(c for c in range(32) if c not in (9, 10, 13))
# How much is read at once, which is also the size of a block handed to the other parser.
# Each read makes a few copies this size (control characters dropped, the cut at a Record);
# at 1 MB those copies left each parser's heap 8-10 MB bigger than at 512 KB, which took 3%
# longer over 1M records (256 KB: 9% longer, 4 MB less again).
_CHUNK = 512 * 1024
_MAX_PROLOG = 4 * 1024 * 1024
_MAX_FRAGMENT = 64 * 1024 * 1024
_PARSER = safe_xml.parser()

# The groups of FAST_RECORD, still bytes: type, sourceName, sourceVersion, device, unit,
# startDate, endDate, value, MetadataEntry lines, beats; None for what a record lacks.
FastRecord = tuple[
    bytes,
    bytes,
    bytes | None,
    bytes | None,
    bytes | None,
    bytes,
    bytes,
    bytes | None,
    bytes | None,
    bytes | None,
]


class LineScanner:
    """Feeds one export.xml to ``on_records`` (runs of fast-path Records, in file order) and
    ``on_element`` (every other top-level element, parsed by lxml)."""

    def __init__(
        self,
        raw: IO[bytes],
        on_records: Callable[[list[FastRecord]], None],
        on_element: Callable[[Any], None],
        on_read: Callable[[int], None],
        handoff: Callable[[bytes], bool] | None = None,
    ) -> None:
        self._raw = raw
        self._handoff = handoff
        self._on_records = on_records
        self._on_element = on_element
        self._on_read = on_read
        self._read = 0
        self.prolog = b""  # what was read before deciding; the fallback parser needs it
        # The element being collected line by line (empty: between top-level elements).
        self._fragment: list[bytes] = []
        self._size = self._depth = 0
        self._open_tag = self._end_tag = b""

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
        handoff = self._handoff
        for block in self._blocks(self.prolog[start:]):
            if handoff is not None and not self._fragment and handoff(block):
                continue  # another process reads this one
            if self._block(block):
                return
        if self._fragment:
            tag = self._open_tag.decode("utf-8", "replace").strip()
            raise BadInput(
                f"The Apple Health export.xml is truncated or damaged: a {tag}> element in it "
                "never ends."
            )
        raise BadInput("The Apple Health export.xml is truncated: it ends before its last line.")

    def block(self, block: bytes) -> None:
        """One block handed over by another scanner (see `BlockHandoff`): whole lines of
        Records that must end where they started, between top-level elements."""
        if self._block(block) or self._fragment:
            raise BadInput("The Apple Health export.xml is damaged (a Record inside a Record).")

    def everything(self) -> io.RawIOBase:
        """The whole file again from its first byte (for a parser that is not line-based),
        still reporting progress."""
        return _Replay(self)

    def _block(self, block: bytes) -> bool:
        """Whole lines: fast-path Records in runs, the rest line by line. True once the
        root element has ended."""
        run: list[Any] = []  # of FastRecord
        done = 0
        for match in FAST_RECORD.finditer(block):
            begin, end = match.span()
            if begin != done or self._fragment:
                if run:
                    self._on_records(run)
                    run = []
                if self._lines(block[done:begin]):
                    return True
                if self._fragment:  # inside another element (a Correlation's Records)
                    self._lines(block[begin:end])
                    done = end
                    continue
            run.append(match.groups())
            done = end
        if run:
            self._on_records(run)
        return self._lines(block[done:])

    def _lines(self, text: bytes) -> bool:
        """The line-by-line state machine for what the fast path does not take."""
        for raw_line in text.split(b"\n"):
            line = raw_line.strip()
            if self._fragment:
                self._fragment.append(line)
                self._size += len(line)
                if self._size > _MAX_FRAGMENT:
                    raise BadInput("The Apple Health export.xml has an element over 64 MB long.")
                if line.startswith(self._end_tag):
                    self._depth -= 1
                elif line.startswith(self._open_tag) and not line.endswith(b"/>"):
                    self._depth += 1  # the same element nested in itself
                if self._depth == 0:
                    fragment, self._fragment = self._fragment, []
                    self._parse_fragment(fragment)
            elif line.startswith(b"</HealthData>"):
                return True
            elif line.startswith(b"<") and not line.startswith((b"<!--", b"<?")):
                name = line[1:].split(b" ", 1)[0].split(b">", 1)[0].split(b"/", 1)[0]
                self._open_tag, self._end_tag = b"<" + name + b" ", b"</" + name + b">"
                if line.endswith(b"/>") or line.endswith(self._end_tag):
                    self._parse_fragment([line])
                else:
                    self._fragment, self._size, self._depth = [line], len(line), 1
            elif line and not line.startswith(b"<!--"):
                raise BadInput("The Apple Health export.xml holds text outside any element.")
        return False

    def _parse_fragment(self, lines: list[bytes]) -> None:
        try:
            holder = etree.fromstring(b"<f>" + b"\n".join(lines) + b"</f>", _PARSER)
        except etree.XMLSyntaxError as exc:
            raise BadInput(
                f"The Apple Health export.xml is damaged: {safe_xml.problem(exc)}."
            ) from None
        for element in holder:
            self._on_element(element)

    def _blocks(self, first: bytes) -> Iterator[bytes]:
        """The file in blocks of whole lines (the last one may lack its line break), each
        cut before a line that starts a Record where there is one, so that a Record and its
        children stay in one block."""
        pending = first
        while True:
            chunk = self._raw.read(_CHUNK)
            if not chunk:
                if pending:
                    yield pending
                return
            self._count(len(chunk))
            pending += chunk.translate(None, _CONTROL)
            last_record = pending.rfind(b"<Record ")
            cut = pending.rfind(b"\n", 0, last_record) + 1 if last_record > 0 else 0
            if cut == 0:
                cut = pending.rfind(b"\n") + 1
            if cut:
                yield pending[:cut]
                pending = pending[cut:]

    def _count(self, n: int) -> None:
        self._read += n
        self._on_read(self._read)


# Any element but a Record and its children: a block holding one is not handed over.
_NOT_A_RECORD = re.compile(
    rb"<(?!Record |/Record>|MetadataEntry |/?HeartRateVariabilityMetadataList>"
    rb"|InstantaneousBeatsPerMinute )"
)


# What starts a message to the second parser that is a task, not a block: no block can
# start with it (control characters are dropped from blocks as they are read).
TASK = b"\0"


class BlockHandoff:
    """Hands blocks of Records, and tasks, to a second parser process while it has room.

    It has room for ``room`` messages; it gives one back (an empty message) for each it has
    done. Only blocks of Records and their children go: no Workout (its route references are
    noted here), no Correlation (whose Records a block boundary could split), not the end of
    the root. Blocks start on a Record's line (see `LineScanner._blocks`) and are only
    offered between top-level elements, so each holds whole Records. A task (`task`) is
    what the importer makes of it; Apple Health's is reading one workout route file.
    """

    def __init__(self, conn: Connection, room: int = 2) -> None:
        self._conn = conn
        self._room = room

    def __call__(self, block: bytes) -> bool:
        self._drain()
        if not self._room or _NOT_A_RECORD.search(block):
            return False
        self._conn.send_bytes(block)
        self._room -= 1
        return True

    def task(self, payload: bytes) -> bool:
        """Hands over ``payload`` as a task if the other parser has room; False otherwise."""
        self._drain()
        if not self._room:
            return False
        self._conn.send_bytes(TASK + payload)
        self._room -= 1
        return True

    def _drain(self) -> None:
        while self._conn.poll():
            self._conn.recv_bytes()
            self._room += 1


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

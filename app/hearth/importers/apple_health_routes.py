"""Reading the GPX files of Apple Health's `workout-routes/` by lines, as the Health app
writes them: one `<trkpt>` per line, `lon` before `lat`, then `<ele>`, a whole-second UTC
`<time>` and `<extensions>`. A marathon is tens of thousands of points and a keen runner's
export holds hundreds of routes, so the points are matched by one regular expression over the
file's bytes (about a microsecond a point) instead of going through lxml's element objects
(about ten).

A file is only taken this way when it holds no entity, no `<!` (DTD, comment, CDATA) and no
processing instruction but the XML declaration, ends with `</gpx>`, has every `<trkpt` on a
line the pattern matches, and what is left once those lines are taken out is well-formed XML
with no other track point in it (one with a namespace prefix, say). Anything else, and any
date the pattern lets through but the calendar does not have, returns None: the caller then
reads the file with `etree.iterparse` as before, which gives the same rows for every file this
path takes (a test compares them). What the checks do not catch is a hostile file that hides a
point line inside a multi-line attribute value: lxml would reject the file there, after the
points before it; this path reads all of its points. Either way only the file's own points
are read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from lxml import etree

from hearth.importers import safe_xml
from hearth.importers.sink import MS_PER_DAY

# A route file read whole by this path is at most this big (a marathon is about 10 MB);
# bigger ones are streamed by the caller.
MAX_BYTES = 64 * 1024 * 1024

_NUMBER = rb"-?\d+(?:\.\d+)?"
POINT = re.compile(
    rb'^[ \t]*<trkpt lon="(' + _NUMBER + rb')" lat="(' + _NUMBER + rb')">'
    rb"<ele>(" + _NUMBER + rb")</ele>"
    rb"<time>(\d{4}-\d\d-\d\d)T([01]\d|2[0-3]):([0-5]\d):([0-5]\d)Z</time>"
    rb"(?:<extensions>(?:<[A-Za-z]+>[^<&]*</[A-Za-z]+>)*</extensions>)?"
    rb"</trkpt>[ \t\r]*$",
    re.MULTILINE,
)
_DAY = re.compile(rb"<time>(\d{4}-\d\d-\d\d)T")
_EPOCH = date(1970, 1, 1)
_PARSER = safe_xml.parser()

# (UTC milliseconds, latitude, longitude, elevation in metres)
Point = tuple[int, float, float, float]


def line_points(data: bytes) -> Iterator[Point] | None:
    """Every track point of an Apple-written GPX file, in file order; None when the file
    is not laid out the way this path can read (see the module's docstring). Everything is
    checked before the first point comes out, and the points are made one at a time: a
    list of a route's matches cost more memory than the file itself."""
    if len(data) > MAX_BYTES or b"&" in data or b"<!" in data:
        return None
    if b"<?" in data.lstrip(b"\xef\xbb\xbf \t\r\n")[2:]:
        return None
    if not data.rstrip().endswith(b"</gpx>"):
        return None
    rest, matched = POINT.subn(b"", data)
    if matched != data.count(b"<trkpt"):
        return None
    try:
        if next(etree.fromstring(rest, _PARSER).iter("{*}trkpt"), None) is not None:
            return None
    except etree.XMLSyntaxError:
        return None
    # Every day a time in the file names (the points' among them), as UTC milliseconds.
    midnights: dict[bytes, int] = {}
    try:
        for day in set(_DAY.findall(data)):
            midnights[day] = (date.fromisoformat(day.decode()) - _EPOCH).days * MS_PER_DAY
    except ValueError:  # a date the pattern lets through but the calendar lacks (2019-02-30)
        return None
    return _points(data, midnights)


def _points(data: bytes, midnights: dict[bytes, int]) -> Iterator[Point]:
    for match in POINT.finditer(data):
        lon, lat, ele, day, hours, minutes, seconds = match.groups()
        at = midnights[day] + (int(hours) * 3600 + int(minutes) * 60 + int(seconds)) * 1000
        yield (at, float(lat), float(lon), float(ele))

"""Apple Health's workout-route GPX files read by lines, against lxml on the same files, and
every file the line path must leave to lxml."""

from __future__ import annotations

import io
import random
from datetime import UTC, datetime
from pathlib import Path

import pytest

from hearth.importers import apple_health_routes
from hearth.importers.apple_health import _HealthXml
from hearth.importers.sink import Batch, RecordSink
from hearth.vault.records import Labels, Row

SOURCE = ("Ana’s iPhone", "12.3.1", "name:iPhone, manufacturer:Apple")
HEAD = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<gpx version="1.1" creator="Apple Health Export" xmlns="http://www.topografix.com/GPX/1/1">\n'
    b"  <metadata>\n    <time>2019-11-07T03:43:52Z</time>\n  </metadata>\n"
    b"  <trk>\n    <name>Route</name>\n    <trkseg>\n"
)
TAIL = b"    </trkseg>\n  </trk>\n</gpx>\n"


def point(lon: str, lat: str, ele: str, time: str) -> bytes:
    return (
        f'      <trkpt lon="{lon}" lat="{lat}"><ele>{ele}</ele><time>{time}</time>'
        f"<extensions><speed>0.18</speed><course>206.25</course><hAcc>8.06</hAcc>"
        f"<vAcc>6.42</vAcc></extensions></trkpt>\n"
    ).encode()


def long_route(points: int, seed: int = 5) -> bytes:
    """A route across midnight UTC and a new month, west and south of Greenwich."""
    rng = random.Random(seed)
    start = int(datetime(2021, 1, 31, 23, 50, tzinfo=UTC).timestamp())
    lines = [HEAD]
    for second in range(points):
        moment = datetime.fromtimestamp(start + second, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        lines.append(
            point(
                f"{-70.6 + rng.random() / 100:.6f}",
                f"{-33.4 + rng.random() / 100:.6f}",
                f"{rng.uniform(-3, 900):.6f}",
                moment,
            )
        )
    return b"".join([*lines, TAIL])


def collected(read: object) -> tuple[list[Row], list[int]]:
    """The rows an importer step gave, and the size of each batch."""
    batches: list[Batch] = []
    sink = RecordSink(Labels({"HKQuantityTypeIdentifierHeartRate": 1}, {}), batches.append)
    health = _HealthXml(None, sink, {})  # type: ignore[arg-type]  # no export is opened
    read(health)  # type: ignore[operator]
    sink.flush()
    return [row for batch in batches for row in batch.rows], [len(b.rows) for b in batches]


def by_lxml(data: bytes, offset: int = 0) -> list[Row]:
    rows, _ = collected(lambda h: h._gpx_points(io.BytesIO(data), SOURCE, offset))
    return rows


def by_lines(data: bytes, offset: int = 0) -> list[Row]:
    points = apple_health_routes.line_points(data)
    assert points is not None, "the line path refused a file the Health app could write"
    rows, _ = collected(lambda h: h._line_points(points, SOURCE, offset))
    return rows


@pytest.mark.parametrize("offset", [0, -420, 330])
def test_lines_give_exactly_the_rows_lxml_gives(shared_fixtures: Path, offset: int) -> None:
    real = (shared_fixtures / "apple-health" / "route_2019-06-11_3.00pm.gpx").read_bytes()
    for data in (real, long_route(12_000)):
        lines = by_lines(data, offset)
        assert lines == by_lxml(data, offset)
        assert len(lines) == data.count(b"<trkpt")


def test_a_long_route_is_sent_in_batches_of_the_usual_size() -> None:
    points = apple_health_routes.line_points(long_route(12_000))
    assert points is not None
    _, sizes = collected(lambda h: h._line_points(points, SOURCE, 0))
    assert sizes == [5_000, 5_000, 2_000]


ONE = point("-122.396397", "37.781672", "4.076904", "2019-06-11T22:00:42Z")


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(HEAD + ONE, id="truncated"),
        pytest.param(HEAD + ONE + TAIL[:-5], id="cut-inside-the-end-tag"),
        pytest.param(HEAD.replace(b"<name>Route", b"<name>R&amp;R") + ONE + TAIL, id="entity"),
        pytest.param(HEAD + b"<!-- a note -->\n" + ONE + TAIL, id="comment"),
        pytest.param(HEAD + b"<?app x?>\n" + ONE + TAIL, id="processing-instruction"),
        pytest.param(HEAD + ONE.replace(b"Z</time>", b".5Z</time>") + TAIL, id="fraction"),
        pytest.param(HEAD + ONE.replace(b"<ele>4.076904</ele>", b"") + TAIL, id="no-elevation"),
        pytest.param(HEAD + ONE.replace(b"2019-06-11", b"2019-02-30") + TAIL, id="no-such-day"),
        pytest.param(HEAD + ONE.replace(b"T22:", b"T24:") + TAIL, id="no-such-hour"),
        pytest.param(HEAD + ONE.rstrip() + ONE + TAIL, id="two-points-on-a-line"),
        pytest.param(HEAD + ONE.replace(b"lat=", b"x:lat=") + TAIL, id="other-attributes"),
        pytest.param(
            HEAD.replace(b"<gpx ", b'<g:gpx xmlns:g="http://www.topografix.com/GPX/1/1" ')
            + ONE
            + b"<g:trkpt lon='1' lat='2'><g:time>2019-06-11T22:00:43Z</g:time></g:trkpt>\n"
            + TAIL.replace(b"</gpx>", b"</g:gpx>"),
            id="a-prefixed-point",
        ),
        pytest.param(HEAD + ONE + TAIL.replace(b"</trk>", b""), id="not-well-formed"),
    ],
)
def test_anything_else_is_left_to_lxml(data: bytes) -> None:
    assert apple_health_routes.line_points(data) is None


def test_a_route_too_big_to_read_whole_is_left_to_lxml(monkeypatch: pytest.MonkeyPatch) -> None:
    data = long_route(10)
    monkeypatch.setattr(apple_health_routes, "MAX_BYTES", len(data) - 1)
    assert apple_health_routes.line_points(data) is None

"""Apple Health's fast path (records matched by lines) against lxml, and the parsing shared
between two processes."""

from __future__ import annotations

import importlib.util
import sys
import zipfile
from multiprocessing import Pipe
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from hearth.errors import BadInput
from hearth.importers import apple_health_lines, pipeline
from hearth.importers.apple_health import APPLE_HEALTH
from hearth.importers.apple_health_lines import BlockHandoff
from hearth.importers.export import Export
from hearth.importers.pipeline import import_path
from hearth.importers.registry import detect
from hearth.importers.sink import Batch, RecordSink
from hearth.vault import Vault
from hearth.vault.records import Labels, Row, SourceLabel
from tests.conftest import PASSPHRASE

BENCH = Path(__file__).resolve().parents[3] / "bench"
STORED = (
    "SELECT t.name, day, start_ms, end_ms, s.name, s.version, s.device, value, unit, lat, lng, "
    "meta FROM records r JOIN record_types t ON t.id = r.type_id "
    "JOIN record_sources s ON s.id = r.source_id ORDER BY 1, 3, 4, 5, 6, 7, 8"
)


def generator() -> ModuleType:
    """bench/health_export.py: the realistic export the benchmark imports."""
    name = "hearth_bench_health_export"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, BENCH / "health_export.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # its dataclasses look their module up
        spec.loader.exec_module(module)
    return sys.modules[name]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("generated") / "export.zip"
    generator().write_export(path, 4000, seed=3)
    return path


def squeezed(text: str) -> str:
    """The same document on one line after the root's start tag: only lxml can read it."""
    body = text.index("<HealthData")
    return text[:body] + "".join(part.strip() for part in text[body:].splitlines())


def with_xml(source: Path, target: Path, change: Any) -> Path:
    """A copy of an export.zip with its export.xml passed through ``change``."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename.endswith("/export.xml"):
                data = change(data.decode()).encode()
            new.writestr(info, data)
    return target


def stored(export: Path, where: Path, **options: Any) -> tuple[list[tuple[Any, ...]], int]:
    opened, _ = Vault.create(where, "Ana", PASSPHRASE)
    with opened:
        [outcome] = import_path(opened, export, **options)
        return opened.db.execute(STORED).fetchall(), outcome.result.skipped


def test_a_generated_export_reads_the_same_by_lines_as_with_the_xml_parser(
    generated: Path, tmp_path: Path
) -> None:
    by_lines = stored(generated, tmp_path / "a", separate_process=False)
    one_line = with_xml(generated, tmp_path / "one-line.zip", squeezed)
    assert len(by_lines[0]) > 4000
    assert by_lines == stored(one_line, tmp_path / "b", separate_process=False)


ODD = """<?xml version="1.0" encoding="UTF-8"?>
<HealthData locale="en_US">
 <ExportDate value="2022-10-03 09:00:00 +0200"/>
 <Record type="T" sourceName="Tab\tin name" unit="count" creationDate="2022-10-01 10:00:00 +0200" startDate="2022-10-01 10:00:00 +0200" endDate="2022-10-01 10:00:00 +0200" value="1"/>
 <Record type="T" sourceName="Late" unit="count" creationDate="2022-10-01 10:00:00 +0200" startDate="2022-10-01 24:00:00 +0200" endDate="2022-10-01 99:99:99 +0200" value="2"/>
 <Record type="T" sourceName="Bad month" unit="count" startDate="2022-13-01 10:00:00 +0200" endDate="2022-13-01 10:00:00 +0200" value="3"/>
 <Record type="T" sourceName="Digits" unit="count" startDate="2022-10-01 11:00:00 +0200" endDate="2022-10-01 11:00:00 +0200" value="\u0661\u0662"/>
 <Record sourceName="Order" type="T" unit="count" startDate="2022-10-01 12:00:00 +0200" endDate="2022-10-01 12:00:00 +0200" value="5"/>
 <Record type="T" sourceName="Entity" unit="count" startDate="2022-10-01 13:00:00 +0200" endDate="2022-10-01 13:00:00 +0200" value="a &amp; b"/>
 <Record type="T" sourceName="Empty unit" unit="" startDate="2022-10-01 14:00:00 +0200" endDate="2022-10-01 14:00:00 +0200" value="6"/>
 <Record type="T" sourceName="No value" unit="count" startDate="2022-10-01 15:00:00 +0200" endDate="2022-10-01 15:30:00 -0330"/>
 <Record type="T" sourceName="Empty value" startDate="2022-10-01 15:00:00 +0200" endDate="2022-10-01 15:00:00 +0200" value=""/>
 <Record type="T" sourceName="Words" startDate="2022-10-01 16:00:00 +0200" endDate="2022-10-01 16:00:00 +0200" value=" 1e3 "/>
 <Record type="T" sourceName="Meals" unit="kcal" startDate="2022-10-01 17:00:00 +0200" endDate="2022-10-01 17:00:00 +0200" value="7">
  <MetadataEntry key="Meal" value="Lunch"/>
  <MetadataEntry key="meal" value="Dinner"/>
  <MetadataEntry key="Ca\u00f1a" value="\u2713 \\ &quot;"/>
 </Record>
 <Record type="T" sourceName="Meals" unit="kcal" startDate="2022-10-01 18:00:00 +0200" endDate="2022-10-01 18:00:00 +0200" value="8">
 </Record>
 <Record type="HRV" sourceName="W" unit="ms" startDate="2022-10-01 19:00:00 +0200" endDate="2022-10-01 19:01:00 +0200" value="40">
  <MetadataEntry key="beats" value="overwritten"/>
  <HeartRateVariabilityMetadataList>
  </HeartRateVariabilityMetadataList>
 </Record>
 <Record type="HRV" sourceName="W" unit="ms" startDate="2022-10-01 20:00:00 +0200" endDate="2022-10-01 20:01:00 +0200" value="41">
  <HeartRateVariabilityMetadataList>
   <InstantaneousBeatsPerMinute bpm="61" time="8:00:01.12 PM"/>
   <InstantaneousBeatsPerMinute bpm="fast" time="8:00:02.08 PM"/>
   <InstantaneousBeatsPerMinute bpm="62.5" time=""/>
  </HeartRateVariabilityMetadataList>
 </Record>
 <Record type="HRV" sourceName="W" unit="ms" startDate="2022-10-01 20:10:00 +0200" endDate="2022-10-01 20:11:00 +0200" value="42">
  <MetadataEntry key="z" value="after the beats, sorted"/>
  <MetadataEntry key="a" value="before them"/>
  <HeartRateVariabilityMetadataList>
   <InstantaneousBeatsPerMinute bpm="0" time="8:10:01.12 PM"/>
   <InstantaneousBeatsPerMinute bpm="100" time="a,b/c [d]"/>
  </HeartRateVariabilityMetadataList>
 </Record>
 <Record type="HRV" sourceName="W" unit="ms" startDate="2022-10-01 20:20:00 +0200" endDate="2022-10-01 20:21:00 +0200" value="43">
  <HeartRateVariabilityMetadataList>
   <InstantaneousBeatsPerMinute bpm="061" time="8:20:01 PM"/>
  </HeartRateVariabilityMetadataList>
 </Record>
 <Record type="HRV" sourceName="W" unit="ms" startDate="2022-10-01 20:30:00 +0200" endDate="2022-10-01 20:31:00 +0200" value="44">
  <HeartRateVariabilityMetadataList>
   <InstantaneousBeatsPerMinute bpm="62" time="back\\slash"/>
  </HeartRateVariabilityMetadataList>
 </Record>
 <Record type="T" sourceName="Device" device="&lt;&lt;HKDevice: 0xdeadBEEF&gt;, name:Watch&gt;" startDate="2022-10-01 21:00:00 +0200" endDate="2022-10-01 21:00:00 +0200" value="9"/>
 <Record type="T" sourceName="Device" device="&lt;&lt;HKDevice: 0x1&gt;, name:Tom &amp; Jerry&gt;" startDate="2022-10-01 21:00:00 +0200" endDate="2022-10-01 21:00:00 +0200" value="10"/>
 <Record type="T" sourceName="Device" device="name:no address" startDate="2022-10-01 21:00:00 +0200" endDate="2022-10-01 21:00:00 +0200" value="11"/>
 <Record type="T" sourceName="Device" device="&lt;&lt;HKDevice: 0x2&gt;, name:open" startDate="2022-10-01 21:00:00 +0200" endDate="2022-10-01 21:00:00 +0200" value="12"/>\r
 <Record type="T" sourceName="Version" sourceVersion="" unit="count" startDate="2022-10-01 22:00:00 +0200" endDate="2022-10-01 22:00:00 +0200" value="13"/>
 <Correlation type="C" sourceName="Cuff" startDate="2022-10-02 08:00:00 +0200" endDate="2022-10-02 08:00:00 +0200">
  <Record type="S" sourceName="Cuff" unit="mmHg" startDate="2022-10-02 08:00:00 +0200" endDate="2022-10-02 08:00:00 +0200" value="121"/>
  <Record type="D" sourceName="Cuff" unit="mmHg" startDate="2022-10-02 08:00:00 +0200" endDate="2022-10-02 08:00:00 +0200" value="79">
   <MetadataEntry key="k" value="v"/>
  </Record>
 </Correlation>
</HealthData>
"""


def test_odd_records_read_the_same_by_lines_as_with_the_xml_parser(tmp_path: Path) -> None:
    """Everything the fast path must either read exactly as lxml does or leave to it."""
    by_lines = tmp_path / "by-lines.xml"
    by_lines.write_text(ODD, encoding="utf-8")
    one_line = tmp_path / "one-line.xml"
    one_line.write_text(squeezed(ODD), encoding="utf-8")
    rows, skipped = stored(by_lines, tmp_path / "a", separate_process=False)
    assert (rows, skipped) == stored(one_line, tmp_path / "b", separate_process=False)
    assert skipped == 1  # the thirteenth month
    names = {row[4] for row in rows}
    assert "Tab in name" in names  # XML turns a tab in an attribute into a space
    devices = {row[6] for row in rows if row[4] == "Device"}
    assert devices == {"name:Watch", "name:Tom & Jerry", "name:no address", "name:open"}


def test_nulls_are_stored_as_nulls(tmp_path: Path) -> None:
    path = tmp_path / "export.xml"
    path.write_text(ODD, encoding="utf-8")
    opened, _ = Vault.create(tmp_path / "v", "Ana", PASSPHRASE)
    with opened:
        import_path(opened, path, separate_process=False)
        kinds = opened.db.execute(
            "SELECT DISTINCT typeof(unit), typeof(lat), typeof(lng), typeof(meta) FROM records"
        ).fetchall()
    assert {kind[0] for kind in kinds} == {"text", "null"}
    assert {kind[1:3] for kind in kinds} == {("null", "null")}
    assert {kind[3] for kind in kinds} == {"text", "null"}


def test_a_record_that_is_not_utf8_is_refused(vault: Vault, tmp_path: Path) -> None:
    path = tmp_path / "export.xml"
    path.write_bytes(ODD.encode().replace(b'sourceName="Late"', b'sourceName="L\xe9te"', 1))
    with pytest.raises(BadInput, match="damaged"):
        import_path(vault, path, separate_process=False)
    assert vault.datasets() == []


# ------------------------------------------------------------------ two parsers


class _Numbers:
    def __init__(self) -> None:
        self.types: dict[str, int] = {}
        self.sources: dict[SourceLabel, int] = {}

    def type_id(self, name: str) -> int:
        return self.types.setdefault(name, len(self.types) + 1)

    def source_id(self, label: SourceLabel) -> int:
        return self.sources.setdefault(label, len(self.sources) + 1)


def _rows_into(rows: list[Row]) -> Any:
    def emit(batch: Batch) -> None:
        rows.extend(batch.rows)

    return emit


def test_blocks_handed_to_a_second_scanner_give_the_same_rows(
    generated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(apple_health_lines, "_CHUNK", 64 * 1024)
    numbers = _Numbers()
    labels = Labels({}, {})
    with Export(generated) as export:
        [match] = detect(export, None)
        alone: list[Row] = []
        sink = RecordSink(labels, _rows_into(alone), numbers=numbers)
        APPLE_HEALTH.read(export, match, sink)
        sink.flush()

        first: list[Row] = []
        ours, theirs = Pipe()
        sink = RecordSink(labels, _rows_into(first), numbers=numbers, helper=ours)
        handed: list[bytes] = []
        original = BlockHandoff._drain

        def drain(self: BlockHandoff) -> None:
            while theirs.poll():  # the other side takes each block and task at once
                handed.append(theirs.recv_bytes())
                theirs.send_bytes(b"")
            original(self)

        monkeypatch.setattr(BlockHandoff, "_drain", drain)
        APPLE_HEALTH.read(export, match, sink)
        sink.flush()
        while theirs.poll():
            handed.append(theirs.recv_bytes())

        second: list[Row] = []
        helper_sink = RecordSink(labels, _rows_into(second), numbers=numbers)
        read_block = APPLE_HEALTH.block_reader(export, helper_sink)
        for block in handed:
            read_block(block)
        helper_sink.flush()
    assert len(handed) > 3 and len(first) > 500 and len(second) > 1000
    routes = [block for block in handed if block.startswith(apple_health_lines.TASK)]
    assert routes and all(b"workout-routes/" in task for task in routes)
    assert sorted(first + second, key=repr) == sorted(alone, key=repr)


def test_a_block_that_does_not_end_between_records_is_refused(generated: Path) -> None:
    with Export(generated) as export:
        sink = RecordSink(Labels({}, {}), lambda batch: None, numbers=_Numbers())
        read_block = APPLE_HEALTH.block_reader(export, sink)
        with pytest.raises(BadInput, match="damaged"):
            read_block(
                b' <Record type="T" sourceName="S" startDate="2022-10-01 10:00:00 +0200" '
                b'endDate="2022-10-01 10:00:00 +0200" value="1">\n'
                b'  <MetadataEntry key="k" value="v"/>\n'
            )


def test_two_parser_processes_give_the_same_rows_as_one(
    generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "HELPER_LIMIT", 0)  # decided here, in the writer
    bigger = generator()
    path = tmp_path / "export.zip"
    bigger.write_export(path, 12_000, seed=5)  # about 5 MB of XML: several blocks
    in_process = stored(path, tmp_path / "a", separate_process=False)
    assert in_process == stored(path, tmp_path / "b", separate_process=True)

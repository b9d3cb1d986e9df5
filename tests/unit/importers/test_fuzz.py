"""Every importer over mutated inputs: it imports, or says BadInput; nothing else escapes."""

from __future__ import annotations

import tempfile
import zipfile
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hearth.errors import BadInput
from hearth.importers.export import Export
from hearth.importers.registry import by_name, detect
from hearth.importers.sink import RecordSink
from hearth.vault.records import Labels
from tests.conftest import SHARED_FIXTURES
from tests.unit.importers.apple_samples import quirky_xml


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _fixture(relative: str) -> Callable[[], tuple[str, bytes]]:
    return lambda: (Path(relative).name, (SHARED_FIXTURES / relative).read_bytes())


# Seeds: one small valid input per kind of export. Mutations start from these.
SEEDS: dict[str, Callable[[], tuple[str, bytes]]] = {
    "apple-health-xml": lambda: ("export.xml", quirky_xml().encode()),
    "apple-health-zip": lambda: (
        "export.zip",
        _zip({"apple_health_export/exportar.xml": quirky_xml().encode()}),
    ),
    "fit": _fixture("fit/fenix5-run.fit"),
    "gpx": _fixture("gpx/bom.gpx"),
    "chrome-history": _fixture("browser/chrome-History.sqlite"),
}

mutation = st.one_of(
    st.tuples(st.just("flip"), st.integers(0, 1 << 20), st.integers(1, 255)),
    st.tuples(st.just("cut"), st.integers(0, 1 << 20), st.just(0)),
    st.tuples(st.just("insert"), st.integers(0, 1 << 20), st.integers(0, 255)),
    st.tuples(st.just("drop"), st.integers(0, 1 << 20), st.integers(1, 64)),
)


def mutate(data: bytes, steps: list[tuple[str, int, int]]) -> bytes:
    buffer = bytearray(data)
    for kind, where, amount in steps:
        if not buffer:
            break
        at = where % len(buffer)
        if kind == "flip":
            buffer[at] ^= amount
        elif kind == "cut":
            del buffer[at:]
        elif kind == "insert":
            buffer[at:at] = bytes([amount]) * 3
        else:
            del buffer[at : at + amount]
    return bytes(buffer)


def import_without_vault(path: Path) -> None:
    """What the pipeline does, minus the vault: detect, then read every match."""
    with Export(path) as export:
        for match in detect(export):
            sink = RecordSink(Labels({}, {}), lambda batch: None)
            by_name(match.importer).read(export, match, sink)
            sink.flush()


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(seed=st.sampled_from(sorted(SEEDS)), steps=st.lists(mutation, min_size=1, max_size=4))
def test_mutated_exports_import_or_raise_bad_input(
    seed: str, steps: list[tuple[str, int, int]]
) -> None:
    name, data = SEEDS[seed]()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(mutate(data, steps))
        try:
            import_without_vault(path)
        except BadInput as refused:
            assert str(refused)  # a sentence, never empty

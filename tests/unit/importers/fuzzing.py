"""Byte mutations and a vault-less import, shared by the importers' fuzz tests."""

from __future__ import annotations

from pathlib import Path

from hypothesis import strategies as st

from hearth.importers.export import Export
from hearth.importers.registry import by_name, detect
from hearth.importers.sink import RecordSink
from hearth.vault.records import Labels

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

"""A package is read in pieces by several connections at once (`hearth.packages.snapshot`):
the bytes must not depend on how it was cut or how many read it, and every connection must
read the same commit however the vault changes meanwhile."""

from __future__ import annotations

from pathlib import Path

import pytest

from hearth.consent import transforms
from hearth.consent.policy import Identifiers
from hearth.consent.store import set_policy
from hearth.packages import snapshot
from hearth.packages.build import build_package, merkle_root_of
from hearth.packages.preview import preview
from hearth.progress import Progress
from hearth.vault import Vault
from tests.unit.packages.helpers import decrypt, new_identity, policy, writer_for, zip_files

_DAY = 19_000  # 2022-01-08
_DAY_MS = _DAY * 86_400_000


def _add(vault: Vault, sha: str, rows: list[tuple[int, int, str]]) -> int:
    """Records (day, start_ms, value) of one type in the "pieces" dataset, from two sources
    so that keys tie on their start."""
    writer = writer_for(vault, "pieces", sha * 64)
    if "test.count" not in writer.labels.types:  # the first import numbers the names
        writer.add_labels(
            [(901, "test.count")], [(901, ("Watch", "1", "")), (902, ("Phone", "", ""))]
        )
    writer.add_rows(
        [
            (901, day, start, start, source, value, "count", None, None, None)
            for day, start, value in rows
            for source in (901, 902)
        ]
    )
    return writer.commit(0).dataset_id


def _busy_days() -> list[tuple[int, int, str]]:
    """Small days around one with many records, several at the same millisecond."""
    rows = [
        (_DAY - 3 + d, (_DAY - 3 + d) * 86_400_000 + i, f"v{i}") for d in (0, 1) for i in (1, 2)
    ]
    rows += [(_DAY, _DAY_MS + i // 3, f"{i % 3}") for i in range(700)]
    rows += [(_DAY + 1, (_DAY + 1) * 86_400_000 + 5, "late")]
    return rows


def test_the_root_is_the_same_however_the_table_is_cut_and_read(
    vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    dataset_id = _add(vault, "a", _busy_days())
    readers: set[int] = set()  # how many connections each build read with
    same_snapshot = snapshot._same_snapshot

    def counted(vault: Vault, wanted: int) -> list[object]:
        connections = same_snapshot(vault, wanted)
        readers.add(len(connections))
        return connections  # type: ignore[return-value]

    monkeypatch.setattr(snapshot, "_same_snapshot", counted)
    for privacy in ({}, {"identifiers": Identifiers.KEEP}, {"daily_min_count": 2}):
        sellable = policy(dataset_id, **privacy)  # type: ignore[arg-type]
        monkeypatch.setattr(snapshot, "READERS", 1)
        monkeypatch.setattr(transforms, "PIECE_RECORDS", 1_000_000)
        whole = merkle_root_of(vault, dataset_id, sellable)
        for piece_records in (1, 7, 64, 1_399):
            monkeypatch.setattr(snapshot, "READERS", 2)
            monkeypatch.setattr(transforms, "PIECE_RECORDS", piece_records)
            assert merkle_root_of(vault, dataset_id, sellable) == whole, (privacy, piece_records)
    assert readers == {1, 2}  # both ways were really taken


def test_a_day_with_more_records_than_a_piece_is_cut_without_losing_or_repeating_one(
    vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    dataset_id = _add(vault, "a", _busy_days())
    set_policy(vault, policy(dataset_id))
    monkeypatch.setattr(transforms, "PIECE_RECORDS", 64)
    shown = preview(vault, dataset_id, sample_rows=10)
    assert shown.rows == 2 * len(_busy_days())
    assert "near-places" not in shown.removed  # every piece found what the rollups counted


def test_a_commit_while_a_package_is_read_does_not_change_it(
    vault: Vault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The readers are started on one commit; an import committing half-way (between the
    pieces) is in the next package, not in this one."""
    dataset_id = _add(vault, "a", _busy_days())
    sellable = policy(dataset_id)
    set_policy(vault, sellable)
    monkeypatch.setattr(transforms, "PIECE_RECORDS", 50)
    before = merkle_root_of(vault, dataset_id, sellable)
    later = [(_DAY, _DAY_MS + 1, "added meanwhile"), (_DAY + 1, (_DAY + 1) * 86_400_000, "x")]
    committed: list[int] = []

    def import_half_way(update: Progress) -> None:
        if not committed and update.done > 0:
            committed.append(_add(vault, "b", later))

    identity, _ = new_identity(tmp_path)
    built = build_package(
        vault,
        dataset_id,
        recipient=str(identity.to_public()),
        out=tmp_path / "p.age",
        progress=import_half_way,
    )
    assert committed == [dataset_id]
    assert built.merkle_root == before
    files = zip_files(decrypt(tmp_path / "p.age", identity))
    assert not any(b"added meanwhile" in data for data in files.values())
    assert merkle_root_of(vault, dataset_id, sellable) != before  # the next one has it

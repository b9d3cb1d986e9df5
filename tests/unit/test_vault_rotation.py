"""Rotating the data key: everyone still gets in, the old key opens nothing, and a crash at any
step leaves a vault that unlocks with its data intact."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from hearth.errors import NotAllowed, UserCancelled, VaultDamaged
from hearth.progress import CancelToken, Progress
from hearth.vault import Role, Vault, database, restore_backup, rotation

from .vault_helpers import OWNER, PASSPHRASE, grow, scratch_digest, snapshot

BEN, BEN_PASS = "Ben", "ben's own passphrase"


class Crash(Exception):
    """Stands for the process dying at this point."""


@pytest.fixture
def family(vault_path: Path) -> tuple[Path, str, str]:
    """A closed vault (Ana, Ben, a scratch table); returns path, recovery key, scratch digest."""
    vault, recovery_key = Vault.create(vault_path, OWNER, PASSPHRASE)
    with vault:
        vault.add_member(BEN, Role.ADULT, BEN_PASS)
        grow(vault, rows=300)
        digest = scratch_digest(vault)
    return vault_path, recovery_key, digest


def assert_whole(path: Path, recovery_key: str, digest: str) -> None:
    """Every way in works, the data is the same, nothing is damaged, no pending file is left."""
    with Vault.unlock(path, OWNER, PASSPHRASE) as vault:
        assert scratch_digest(vault) == digest
        assert vault.integrity_problems() == []
        assert vault.verify_audit_log().ok
    assert not (path / rotation.PENDING_FILE).exists()
    Vault.unlock(path, BEN, BEN_PASS).close()
    Vault.unlock_with_recovery_key(path, recovery_key).close()


def opens_with(path: Path, key: bytes) -> bool:
    try:
        database.connect(path / "vault.db", key).close()
    except VaultDamaged:
        return False
    return True


def test_after_rotation_everyone_gets_in_and_the_old_key_opens_nothing(
    family: tuple[Path, str, str],
) -> None:
    path, recovery_key, digest = family
    updates: list[Progress] = []
    with Vault.unlock(path, OWNER, PASSPHRASE) as vault:
        old_key = vault._data_key
        epoch = vault.slots.key_epoch
        vault.rotate_data_key(progress=updates.append)
        new_key = vault._data_key
        assert new_key != old_key and len(new_key) == 32
        assert vault.slots.key_epoch == epoch + 1
        assert vault.integrity_problems() == []
        assert vault.audit_entries()[-1].action == "vault.data_key_rotated"
    assert updates[-1].done == updates[-1].total
    assert not opens_with(path, old_key)
    assert opens_with(path, new_key)
    assert_whole(path, recovery_key, digest)


def test_the_data_key_can_be_rotated_again_and_again(family: tuple[Path, str, str]) -> None:
    path, recovery_key, digest = family
    keys = set()
    for _ in range(3):
        with Vault.unlock(path, OWNER, PASSPHRASE) as vault:
            vault.rotate_data_key()
            keys.add(vault._data_key)
    assert len(keys) == 3
    assert_whole(path, recovery_key, digest)


def test_a_backup_made_before_a_rotation_still_restores_with_its_own_key_slots(
    family: tuple[Path, str, str],
) -> None:
    path, recovery_key, digest = family
    with Vault.unlock(path, OWNER, PASSPHRASE) as vault:
        made = vault.backup()
        vault.rotate_data_key()
        rotated_key = vault._data_key
    with restore_backup(made, path, BEN, BEN_PASS) as restored:
        assert scratch_digest(restored) == digest
        assert restored._data_key != rotated_key
    assert_whole(path, recovery_key, digest)


@pytest.mark.parametrize("who,passphrase", [(BEN, BEN_PASS)])
def test_only_the_owner_rotates_the_data_key(
    family: tuple[Path, str, str], who: str, passphrase: str
) -> None:
    path, _, _ = family
    before = snapshot(path)
    with Vault.unlock(path, who, passphrase) as vault, pytest.raises(NotAllowed):
        vault.rotate_data_key()
    assert snapshot(path) == before


def test_a_rotation_cancelled_before_it_starts_changes_nothing(
    family: tuple[Path, str, str],
) -> None:
    path, _, _ = family
    before = snapshot(path)
    token = CancelToken()
    token.cancel()
    with Vault.unlock(path, OWNER, PASSPHRASE) as vault:
        key = vault._data_key
        with pytest.raises(UserCancelled):
            vault.rotate_data_key(cancel=token)
        assert vault._data_key == key
    after = snapshot(path)
    assert {k: after[k] for k in ("keyslots.json", "LOCK")} == {
        k: before[k] for k in ("keyslots.json", "LOCK")
    }
    assert rotation.PENDING_FILE not in after


# ----------------------------------------------------------------- crashes


class CrashingConnection:
    """The vault's connection, except that it "crashes" right after one chosen statement."""

    def __init__(self, conn: database.Connection, after: str, at_crash: Callable[[], None]):
        self._conn = conn
        self._after = after
        self._at_crash = at_crash

    def execute(self, sql: str, *args: Any) -> Any:
        result = self._conn.execute(sql, *args)
        if sql.startswith(self._after):
            self._at_crash()
        return result

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)


CRASH_POINTS = [
    "pending file written",
    "rekeyed, not yet checkpointed",
    "rekeyed and checkpointed, key slots not yet replaced",
    "key slots replaced, pending file not yet removed",
    "pending file removed, audit entry not yet written",
]


@pytest.mark.parametrize("point", CRASH_POINTS)
def test_a_crash_at_any_step_of_a_rotation_leaves_a_vault_that_unlocks_intact(
    family: tuple[Path, str, str],
    point: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """At the crash point the folder is copied as a dying process would leave it on disk
    (WAL and pending file included); then the rotation is aborted in the live process too.
    Both the copy and the aborted original must unlock with their data intact."""
    path, recovery_key, digest = family
    crashed = tmp_path / "as-left-by-the-crash"
    slots_before = (path / "keyslots.json").read_bytes()

    def crash() -> None:
        shutil.copytree(path, crashed)
        raise Crash(point)

    vault = Vault.unlock(path, OWNER, PASSPHRASE)
    real_write_pending = rotation.write_pending
    real_write_slots = Vault._write_slots
    real_discard = rotation.discard_pending

    if point == "pending file written":

        def write_pending(*args: Any) -> None:
            real_write_pending(*args)
            crash()

        monkeypatch.setattr(rotation, "write_pending", write_pending)
    elif point == "rekeyed, not yet checkpointed":
        monkeypatch.setattr(vault, "_conn", CrashingConnection(vault._conn, "PRAGMA rekey", crash))
    elif point == "rekeyed and checkpointed, key slots not yet replaced":

        def write_slots(self: Vault, slots: Any) -> None:
            crash()

        monkeypatch.setattr(Vault, "_write_slots", write_slots)
    elif point == "key slots replaced, pending file not yet removed":

        def write_slots(self: Vault, slots: Any) -> None:
            real_write_slots(self, slots)
            crash()

        monkeypatch.setattr(Vault, "_write_slots", write_slots)
    else:

        def discard_pending(vault_path: Path) -> None:
            real_discard(vault_path)
            crash()

        monkeypatch.setattr(rotation, "discard_pending", discard_pending)

    with pytest.raises(Crash):
        vault.rotate_data_key()
    # The copy really is in the state this crash point names.
    step = CRASH_POINTS.index(point)
    assert (crashed / rotation.PENDING_FILE).exists() == (step < 4)
    assert ((crashed / "keyslots.json").read_bytes() == slots_before) == (step < 3)
    if step == 1:
        assert (crashed / "vault.db-wal").stat().st_size > 0
    monkeypatch.undo()
    # The live process carries on as best it can and closes.
    vault._conn = getattr(vault._conn, "_conn", vault._conn)
    vault.close()

    for folder in (crashed, path):
        assert_whole(folder, recovery_key, digest)

"""keyslots.json: per-slot Argon2id costs, damage reported as damage, edits caught by the MAC."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from hearth.errors import VaultDamaged, WrongPassphrase
from hearth.vault import Role, Vault
from hearth.vault.keyslots import (
    CALIBRATED_MEMORY_KIB,
    UNSAFE_TEST_COST,
    KdfCost,
    KeySlotFile,
    calibrate,
    canonical_json,
    default_cost,
)

from .vault_helpers import OWNER, PASSPHRASE, snapshot

BEN, BEN_PASS = "Ben", "ben's own passphrase"


@pytest.fixture
def family(vault_path: Path) -> tuple[Path, str]:
    """A closed vault with Ana (owner) and Ben (adult); returns path and recovery key."""
    vault, recovery_key = Vault.create(vault_path, OWNER, PASSPHRASE)
    with vault:
        vault.add_member(BEN, Role.ADULT, BEN_PASS)
    return vault_path, recovery_key


def rewrite_with_valid_checksum(path: Path, edit: Callable[[dict], None]) -> None:
    """Edit keyslots.json as an attacker would: change it, then recompute its sha256 checksum."""
    body = json.loads((path / "keyslots.json").read_bytes())
    del body["checksum"]
    edit(body)
    body["checksum"] = hashlib.sha256(canonical_json(body)).hexdigest()
    (path / "keyslots.json").write_bytes(json.dumps(body, indent=2, sort_keys=True).encode())


def slot(body: dict, slot_id: str) -> dict:
    return next(s for s in body["slots"] if s["slot_id"] == slot_id)


# ----------------------------------------------------------------- costs


def test_each_slot_stores_its_own_argon2id_cost_and_salt(vault_path: Path) -> None:
    chosen = KdfCost(memory_kib=16 * 1024, iterations=2, lanes=2)
    vault, _ = Vault.create(vault_path, OWNER, PASSPHRASE, cost=chosen)
    with vault:
        vault.add_member(BEN, Role.ADULT, BEN_PASS)  # gets the default (test) cost
    body = json.loads((vault_path / "keyslots.json").read_bytes())
    kdfs = {s["slot_id"]: s["kdf"] for s in body["slots"]}
    for slot_id in ("member-1", "recovery"):
        assert {k: kdfs[slot_id][k] for k in ("name", "memory_kib", "iterations", "lanes")} == {
            "name": "argon2id",
            "memory_kib": 16 * 1024,
            "iterations": 2,
            "lanes": 2,
        }
    assert (kdfs["member-2"]["memory_kib"], kdfs["member-2"]["iterations"]) == (
        UNSAFE_TEST_COST.memory_kib,
        UNSAFE_TEST_COST.iterations,
    )
    assert len({k["salt"] for k in kdfs.values()}) == 3  # a fresh salt per slot
    # Both costs are read back from the file and both members get in.
    Vault.unlock(vault_path, OWNER, PASSPHRASE).close()
    Vault.unlock(vault_path, BEN, BEN_PASS).close()


def test_calibration_keeps_128_mib_of_memory_and_at_least_two_passes() -> None:
    cost = calibrate(target_seconds=0.001)
    assert cost.memory_kib == CALIBRATED_MEMORY_KIB == 128 * 1024
    assert cost.iterations >= 2
    assert not cost.is_weak


def test_the_test_cost_is_used_only_by_request_and_is_flagged_weak() -> None:
    assert default_cost() == UNSAFE_TEST_COST  # tests/conftest.py sets HEARTH_UNSAFE_FAST_KDF=1
    assert UNSAFE_TEST_COST.is_weak


# ----------------------------------------------------------------- damage


def test_every_single_bit_flip_anywhere_in_keyslots_json_is_reported_as_damage(
    family: tuple[Path, str],
) -> None:
    path, _ = family
    original = (path / "keyslots.json").read_bytes()
    KeySlotFile.from_bytes(original)  # the undamaged file parses
    for offset in range(len(original)):
        for bit in range(8):
            damaged = bytearray(original)
            damaged[offset] ^= 1 << bit
            with pytest.raises(VaultDamaged) as caught:
                KeySlotFile.from_bytes(bytes(damaged))
            assert caught.value.file == "keyslots.json", (offset, bit)


def test_a_damaged_keyslots_json_is_never_taken_for_a_wrong_passphrase(
    family: tuple[Path, str],
) -> None:
    path, _ = family
    original = (path / "keyslots.json").read_bytes()
    # Every 13th offset covers keys, numbers, base64, the MAC, the checksum and the layout.
    for offset in range(0, len(original), 13):
        damaged = bytearray(original)
        damaged[offset] ^= 1 << (offset % 8)
        (path / "keyslots.json").write_bytes(bytes(damaged))
        before = snapshot(path)
        for unlock in (
            lambda: Vault.unlock(path, OWNER, PASSPHRASE),
            lambda: Vault.unlock(path, OWNER, "not the passphrase"),
        ):
            with pytest.raises(VaultDamaged) as caught:
                unlock().close()
            assert caught.value.file == "keyslots.json"
            assert "damaged" in str(caught.value)
        assert snapshot(path) == before
    (path / "keyslots.json").write_bytes(original)
    Vault.unlock(path, OWNER, PASSPHRASE).close()


@pytest.mark.parametrize(
    "content",
    [b"", b"\x00" * 64, b"{", b"[]", b"null", b'{"checksum": "x"}', b"\xff\xfe{}"],
    ids=["empty", "zeros", "truncated", "list", "null", "only-checksum", "not-utf8"],
)
def test_a_keyslots_json_that_is_not_one_is_damage(
    family: tuple[Path, str], content: bytes
) -> None:
    path, _ = family
    (path / "keyslots.json").write_bytes(content)
    with pytest.raises(VaultDamaged) as caught:
        Vault.unlock(path, OWNER, PASSPHRASE)
    assert caught.value.file == "keyslots.json"


def test_a_keyslots_json_cut_short_is_damage(family: tuple[Path, str]) -> None:
    path, _ = family
    original = (path / "keyslots.json").read_bytes()
    for length in range(0, len(original) - 2, 97):  # the last byte is a newline, "\n}" parses
        with pytest.raises(VaultDamaged):
            KeySlotFile.from_bytes(original[:length])


def test_keyslots_json_from_a_newer_hearth_asks_to_update(family: tuple[Path, str]) -> None:
    path, _ = family
    rewrite_with_valid_checksum(path, lambda body: body.update(version=2))
    with pytest.raises(VaultDamaged, match="newer Hearth; update Hearth") as caught:
        Vault.unlock(path, OWNER, PASSPHRASE)
    assert caught.value.file == "keyslots.json"


# ----------------------------------------------------------------- tampering


def _weaken_bens_cost(body: dict) -> None:
    slot(body, "member-2")["kdf"]["iterations"] = 1
    slot(body, "member-2")["kdf"]["memory_kib"] = 8


def _make_ben_owner(body: dict) -> None:
    slot(body, "member-2")["role"] = "owner"


def _rename_ben(body: dict) -> None:
    slot(body, "member-2")["member_name"] = "Mallory"


def _drop_bens_slot(body: dict) -> None:
    body["slots"] = [s for s in body["slots"] if s["slot_id"] != "member-2"]


def _replace_bens_sealed_key_with_anas(body: dict) -> None:
    slot(body, "member-2")["sealed_data_key"] = slot(body, "member-1")["sealed_data_key"]


def _relabel_anas_own_slot(body: dict) -> None:
    slot(body, "member-1")["role"] = "child"


def _go_back_a_key_epoch(body: dict) -> None:
    body["key_epoch"] = 0


@pytest.mark.parametrize(
    "edit",
    [
        _weaken_bens_cost,
        _make_ben_owner,
        _rename_ben,
        _drop_bens_slot,
        _replace_bens_sealed_key_with_anas,
        _relabel_anas_own_slot,
        _go_back_a_key_epoch,
    ],
)
def test_an_edit_with_a_recomputed_checksum_is_caught_by_the_mac_on_the_next_unlock(
    family: tuple[Path, str], edit: Callable[[dict], None]
) -> None:
    path, _ = family
    rewrite_with_valid_checksum(path, edit)
    KeySlotFile.from_bytes((path / "keyslots.json").read_bytes())  # the checksum is fine
    before = snapshot(path)
    with pytest.raises(VaultDamaged) as caught:
        Vault.unlock(path, OWNER, PASSPHRASE)
    assert caught.value.file == "keyslots.json"
    assert "changed outside Hearth" in str(caught.value)
    assert snapshot(path) == before


def test_swapping_name_labels_does_not_let_one_member_in_as_another(
    family: tuple[Path, str],
) -> None:
    """Ben's passphrase typed at the label "Ana" (now on Ben's slot) must not give owner rights."""
    path, _ = family

    def swap(body: dict) -> None:
        ana, ben = slot(body, "member-1"), slot(body, "member-2")
        ana["member_name"], ben["member_name"] = ben["member_name"], ana["member_name"]

    rewrite_with_valid_checksum(path, swap)
    with pytest.raises(VaultDamaged):
        Vault.unlock(path, OWNER, BEN_PASS)


def test_a_keyslots_json_from_another_vault_does_not_open_this_vault_db(
    family: tuple[Path, str], tmp_path: Path
) -> None:
    path, _ = family
    other, _ = Vault.create(tmp_path / "other", OWNER, PASSPHRASE)
    other.close()
    shutil.copyfile(tmp_path / "other" / "keyslots.json", path / "keyslots.json")
    with pytest.raises(VaultDamaged):
        Vault.unlock(path, OWNER, PASSPHRASE)
    assert not (path / "vault.db-wal").exists()


def test_a_vault_db_that_names_another_vault_is_refused(family: tuple[Path, str]) -> None:
    path, _ = family
    with Vault.unlock(path, OWNER, PASSPHRASE) as vault:
        vault.db.execute("UPDATE vault_info SET value = 'another-vault' WHERE key = 'vault_id'")
    with pytest.raises(VaultDamaged, match="does not belong") as caught:
        Vault.unlock(path, OWNER, PASSPHRASE)
    assert caught.value.file == "vault.db"


def test_a_wrong_passphrase_on_an_intact_file_is_still_a_wrong_passphrase(
    family: tuple[Path, str],
) -> None:
    """The damage checks must not swallow the ordinary case."""
    path, _ = family
    with pytest.raises(WrongPassphrase):
        Vault.unlock(path, BEN, PASSPHRASE)

"""A damaged vault.db is VaultDamaged naming vault.db, never a raw SQLCipher error."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import sqlcipher3

from hearth.errors import VaultDamaged
from hearth.vault import Vault
from hearth.vault.database import transaction

from .vault_helpers import OWNER, PAGE_SIZE, PASSPHRASE, flip_byte, snapshot


@pytest.fixture
def big_vault(vault_path: Path) -> Path:
    """A closed vault whose vault.db is a few hundred KB, most of it audit entries."""
    vault, _ = Vault.create(vault_path, OWNER, PASSPHRASE)
    with vault:
        with transaction(vault.db):
            for i in range(1200):
                vault.audit("test.entry", {"i": i, "padding": "x" * 100})
        assert vault.integrity_problems() == []
    assert not (vault_path / "vault.db-wal").exists()
    assert (vault_path / "vault.db").stat().st_size > 300_000
    return vault_path


def pages(path: Path) -> int:
    size = (path / "vault.db").stat().st_size
    assert size % PAGE_SIZE == 0
    return size // PAGE_SIZE


def test_a_flipped_byte_in_a_middle_page_is_found_by_the_integrity_check(
    big_vault: Path,
) -> None:
    middle = pages(big_vault) // 2
    flip_byte(big_vault / "vault.db", middle * PAGE_SIZE + 1234)
    # Opening reads only the first pages, so this vault still opens...
    with Vault.unlock(big_vault, OWNER, PASSPHRASE) as vault:
        problems = vault.integrity_problems()
        assert any(f"page {middle + 1}" in p for p in problems), problems
        # ... and reading the damaged page through the vault's API is damage, not a crash.
        with pytest.raises(VaultDamaged) as caught:
            vault.verify_audit_log()
        assert caught.value.file == "vault.db"


@pytest.mark.parametrize("offset", [0, 15, 16, 100, 2048, PAGE_SIZE - 80, PAGE_SIZE - 1])
def test_a_flipped_byte_in_page_1_stops_the_unlock_as_vault_db_damage(
    big_vault: Path, offset: int
) -> None:
    flip_byte(big_vault / "vault.db", offset)
    before = snapshot(big_vault)
    with pytest.raises(VaultDamaged) as caught:
        Vault.unlock(big_vault, OWNER, PASSPHRASE)
    assert caught.value.file == "vault.db"
    assert "vault.db is damaged" in str(caught.value)
    assert snapshot(big_vault) == before  # no byte changed, no -wal or -shm left behind


def test_damage_in_any_page_is_reported_by_unlock_or_by_the_integrity_check(
    big_vault: Path,
) -> None:
    db = big_vault / "vault.db"
    original = db.read_bytes()
    refused_at_unlock = 0
    for page in range(pages(big_vault)):
        # Vary where in the page (salt, ciphertext, IV, HMAC) and which bit.
        offset = page * PAGE_SIZE + (page * 997) % PAGE_SIZE
        flip_byte(db, offset, mask=1 << (page % 8))
        try:
            vault = Vault.unlock(big_vault, OWNER, PASSPHRASE)
        except VaultDamaged as damaged:
            assert damaged.file == "vault.db"
            refused_at_unlock += 1
        else:
            with vault:
                assert vault.integrity_problems() != [], f"damage in page {page + 1} went unseen"
        db.write_bytes(original)
    assert refused_at_unlock >= 1  # page 1 at least
    with Vault.unlock(big_vault, OWNER, PASSPHRASE) as vault:
        assert vault.integrity_problems() == []


@pytest.mark.parametrize("keep", [0, 100, PAGE_SIZE, 3 * PAGE_SIZE + 100])
def test_a_vault_db_cut_short_is_damage_and_is_left_as_it_was(big_vault: Path, keep: int) -> None:
    db = big_vault / "vault.db"
    db.write_bytes(db.read_bytes()[:keep])
    before = snapshot(big_vault)
    with pytest.raises(VaultDamaged) as caught:
        Vault.unlock(big_vault, OWNER, PASSPHRASE)
    assert caught.value.file == "vault.db"
    assert snapshot(big_vault) == before


def test_a_vault_db_missing_its_last_bytes_opens_but_fails_the_integrity_check(
    big_vault: Path,
) -> None:
    db = big_vault / "vault.db"
    db.write_bytes(db.read_bytes()[:-1])
    with Vault.unlock(big_vault, OWNER, PASSPHRASE) as vault:
        assert vault.integrity_problems() != []


def test_the_damage_error_is_a_vault_damaged_not_a_sqlcipher_error(big_vault: Path) -> None:
    flip_byte(big_vault / "vault.db", 100)
    with pytest.raises(Exception) as caught:
        Vault.unlock(big_vault, OWNER, PASSPHRASE)
    assert type(caught.value) is VaultDamaged
    assert not isinstance(caught.value, sqlcipher3.Error)
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


def test_a_vault_db_copied_without_its_wal_is_damage_not_a_crash(
    vault_path: Path, tmp_path: Path
) -> None:
    """A copy taken while the vault was open, minus vault.db-wal, holds no tables yet."""
    vault, _ = Vault.create(vault_path, OWNER, PASSPHRASE)
    copy = tmp_path / "copied"
    shutil.copytree(vault_path, copy)
    vault.close()
    (copy / "vault.db-wal").unlink()
    (copy / "vault.db-shm").unlink()
    with pytest.raises(VaultDamaged) as caught:
        Vault.unlock(copy, OWNER, PASSPHRASE)
    assert caught.value.file == "vault.db"

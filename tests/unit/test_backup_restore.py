"""Backups are consistent encrypted copies made while the vault is open; restore brings one
back, keeps what it replaced, and refuses a damaged backup without touching the vault."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from hearth.errors import BadInput, UsageError, UserCancelled, VaultInUse, WrongPassphrase
from hearth.progress import CancelToken, Progress
from hearth.vault import Role, Vault, database, newest_backup, restore_backup
from hearth.vault.backup import MANIFEST, sha256_of

from .vault_helpers import OWNER, PAGE_SIZE, PASSPHRASE, flip_byte, grow, snapshot

BEN, BEN_PASS = "Ben", "ben's own passphrase"


def names(vault: Vault) -> list[str]:
    return [m.name for m in vault.members()]


def rehash_manifest(backup: Path) -> None:
    """Make backup.json agree with the files again (as a careless copy tool might not)."""
    manifest = json.loads((backup / MANIFEST).read_text("utf-8"))
    manifest["sha256"] = {name: sha256_of(backup / name) for name in manifest["sha256"]}
    (backup / MANIFEST).write_text(json.dumps(manifest), "utf-8")


@pytest.fixture
def backed_up(vault_path: Path) -> tuple[Path, Path]:
    """A closed vault whose only backup was made before Ben was added; returns both paths."""
    vault, _ = Vault.create(vault_path, OWNER, PASSPHRASE)
    with vault:
        made = vault.backup()
        vault.add_member(BEN, Role.ADULT, BEN_PASS)
    return vault_path, made


# ----------------------------------------------------------------- backup


def test_a_backup_is_an_encrypted_copy_with_a_manifest(vault: Vault) -> None:
    made = vault.backup()
    assert made.parent == vault.path / "backups"
    assert sorted(p.name for p in made.iterdir()) == ["backup.json", "keyslots.json", "vault.db"]
    manifest = json.loads((made / MANIFEST).read_text("utf-8"))
    assert manifest["vault_id"] == vault.vault_id
    assert manifest["sha256"] == {
        "vault.db": sha256_of(made / "vault.db"),
        "keyslots.json": sha256_of(made / "keyslots.json"),
    }
    assert not (made / "vault.db").read_bytes().startswith(b"SQLite format 3")
    assert newest_backup(vault.path) == made
    assert vault.audit_entries()[-1].action == "vault.backup_made"


def open_copy(made: Path, tmp_path: Path, member: str, passphrase: str) -> Vault:
    """Open a copy of a backup's vault files (a backup folder itself is refused: opening it
    would change its files)."""
    copy = tmp_path / f"copy-of-{made.name}"
    copy.mkdir()
    for name in ("vault.db", "keyslots.json"):
        shutil.copy2(made / name, copy / name)
    return Vault.unlock(copy, member, passphrase)


def test_a_backup_opens_with_the_passphrases_of_its_time(
    backed_up: tuple[Path, Path], tmp_path: Path
) -> None:
    _, made = backed_up
    with open_copy(made, tmp_path, OWNER, PASSPHRASE) as copy:
        assert names(copy) == [OWNER]
        assert copy.integrity_problems() == []


def test_a_backup_made_while_the_vault_is_written_to_is_consistent(
    vault: Vault, tmp_path: Path
) -> None:
    """Another connection commits while the backup copies pages: the copy is still whole."""
    grow(vault, rows=25_000)  # about 12 MB: several backup steps of 1024 pages
    rows_before = vault.db.execute("SELECT count(*) FROM scratch").fetchone()[0]
    assert (vault.path / "vault.db").stat().st_size + (
        vault.path / "vault.db-wal"
    ).stat().st_size > 3 * 1024 * PAGE_SIZE
    writer = database.connect(vault.path / "vault.db", vault._data_key)
    steps: list[Progress] = []

    def write_while_copying(update: Progress) -> None:
        steps.append(update)
        if len(steps) <= 2:  # two commits of 100 rows land in the middle of the copy
            with database.transaction(writer):
                writer.executemany("INSERT INTO scratch (v) VALUES (randomblob(400))", [()] * 100)

    try:
        made = vault.backup(progress=write_while_copying)
    finally:
        writer.close()
    assert len(steps) >= 3
    assert vault.db.execute("SELECT count(*) FROM scratch").fetchone()[0] == rows_before + 200
    with open_copy(made, tmp_path, OWNER, PASSPHRASE) as copy:
        assert copy.integrity_problems() == []
        assert copy.verify_audit_log().ok
        count, low, high = copy.db.execute(
            "SELECT count(*), min(id), max(id) FROM scratch"
        ).fetchone()
    # Everything committed before the backup began, and whole transactions only.
    assert count >= rows_before
    assert (count - rows_before) % 100 == 0
    assert (low, high) == (1, count)


def test_a_backup_cancelled_before_it_starts_leaves_no_folder(vault: Vault) -> None:
    token = CancelToken()
    token.cancel()
    entries = len(vault.audit_entries())
    with pytest.raises(UserCancelled):
        vault.backup(cancel=token)
    assert list((vault.path / "backups").iterdir()) == []
    assert len(vault.audit_entries()) == entries


def test_a_backup_cancelled_half_way_leaves_no_partial_folder(vault: Vault) -> None:
    grow(vault, rows=25_000)
    token = CancelToken()
    seen: list[Progress] = []

    def cancel_after_first_step(update: Progress) -> None:
        seen.append(update)
        token.cancel()

    with pytest.raises(UserCancelled):
        vault.backup(progress=cancel_after_first_step, cancel=token)
    assert len(seen) == 1 and seen[0].done < (seen[0].total or 0)
    assert list((vault.path / "backups").iterdir()) == []
    assert vault.integrity_problems() == []


def test_two_backups_in_the_same_second_get_different_folders(vault: Vault) -> None:
    first, second = vault.backup(), vault.backup()
    assert first != second
    assert newest_backup(vault.path) in (first, second)


# ----------------------------------------------------------------- restore


def test_restore_brings_back_the_older_state(backed_up: tuple[Path, Path]) -> None:
    path, made = backed_up
    with restore_backup(made, path, OWNER, PASSPHRASE) as vault:
        assert names(vault) == [OWNER]
        assert vault.integrity_problems() == []
        report = vault.verify_audit_log()
        assert report.ok
        assert vault.audit_entries()[-1].action == "vault.restored"
    with pytest.raises(UsageError, match="no member called"):
        Vault.unlock(path, BEN, BEN_PASS)
    assert not (path / "vault.db-wal").exists()


def test_restore_keeps_the_replaced_vault_and_that_can_be_restored_too(
    backed_up: tuple[Path, Path],
) -> None:
    path, made = backed_up
    restore_backup(made, path, OWNER, PASSPHRASE).close()
    set_aside = sorted((path / "backups").glob("before-restore-*"))
    assert len(set_aside) == 1
    with restore_backup(set_aside[0], path, OWNER, PASSPHRASE) as vault:
        assert names(vault) == [OWNER, BEN]
        assert vault.verify_audit_log().ok
    Vault.unlock(path, BEN, BEN_PASS).close()


def test_undoing_a_restore_keeps_what_was_only_in_the_wal_of_a_crashed_vault(
    vault_path: Path, tmp_path: Path
) -> None:
    """After a crash the newest changes may live only in vault.db-wal; the set-aside copy must
    keep them."""
    vault, _ = Vault.create(vault_path, OWNER, PASSPHRASE)
    made = vault.backup()
    vault.add_member(BEN, Role.ADULT, BEN_PASS)
    crashed = tmp_path / "crashed"
    shutil.copytree(vault_path, crashed)  # the folder as a killed process leaves it
    vault.close()
    assert (crashed / "vault.db-wal").stat().st_size > 0
    restore_backup(made, crashed, OWNER, PASSPHRASE).close()
    (set_aside,) = (crashed / "backups").glob("before-restore-*")
    with restore_backup(set_aside, crashed, OWNER, PASSPHRASE) as undone:
        assert names(undone) == [OWNER, BEN]
        assert undone.integrity_problems() == []


def test_restore_into_an_empty_folder_creates_the_vault(
    backed_up: tuple[Path, Path], tmp_path: Path
) -> None:
    _, made = backed_up
    elsewhere = tmp_path / "new-computer" / "vault"
    with restore_backup(made, elsewhere, OWNER, PASSPHRASE) as vault:
        assert names(vault) == [OWNER]
    assert not list((elsewhere / "backups").glob("before-restore-*"))
    assert {"LOCK", "keyslots.json", "vault.db", "backups"} <= {p.name for p in elsewhere.iterdir()}
    Vault.unlock(elsewhere, OWNER, PASSPHRASE).close()


def damage_backup_db(made: Path, where: str) -> None:
    db = made / "vault.db"
    if where == "checksum":
        flip_byte(db, db.stat().st_size // 2)
    elif where == "page 1, manifest rehashed":
        flip_byte(db, 100)
        rehash_manifest(made)
    elif where == "last page, manifest rehashed":
        flip_byte(db, db.stat().st_size - PAGE_SIZE + 50)
        rehash_manifest(made)
    elif where == "keyslots.json, manifest rehashed":
        flip_byte(made / "keyslots.json", 200)
        rehash_manifest(made)
    elif where == "no manifest":
        (made / MANIFEST).unlink()
    elif where == "unreadable manifest":
        (made / MANIFEST).write_text("{", "utf-8")
    elif where == "missing vault.db":
        db.unlink()


@pytest.mark.parametrize(
    "where",
    [
        "checksum",
        "page 1, manifest rehashed",
        "last page, manifest rehashed",
        "keyslots.json, manifest rehashed",
        "no manifest",
        "unreadable manifest",
        "missing vault.db",
    ],
)
def test_a_damaged_backup_is_refused_and_the_vault_is_unchanged(
    backed_up: tuple[Path, Path], where: str
) -> None:
    path, made = backed_up
    damage_backup_db(made, where)
    before = snapshot(path)
    with pytest.raises(BadInput) as refused:
        restore_backup(made, path, OWNER, PASSPHRASE)
    assert str(made) in str(refused.value)
    assert snapshot(path) == before
    Vault.unlock(path, BEN, BEN_PASS).close()


def test_restore_with_a_wrong_passphrase_is_refused_and_changes_nothing(
    backed_up: tuple[Path, Path],
) -> None:
    path, made = backed_up
    before = snapshot(path)
    with pytest.raises(WrongPassphrase):
        restore_backup(made, path, OWNER, "not the passphrase")
    assert snapshot(path) == before


def test_restore_while_the_vault_is_open_is_refused_and_changes_nothing(
    backed_up: tuple[Path, Path],
) -> None:
    path, made = backed_up
    with Vault.unlock(path, BEN, BEN_PASS) as open_elsewhere:
        before = snapshot(path)
        with pytest.raises(VaultInUse):
            restore_backup(made, path, OWNER, PASSPHRASE)
        assert snapshot(path) == before
        assert names(open_elsewhere) == [OWNER, BEN]

"""Bringing a backup back: checked first, current files set aside, nothing lost either way."""

from __future__ import annotations

import contextlib
import json
import shutil
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from hearth.errors import BadInput, VaultDamaged
from hearth.vault import backup
from hearth.vault.database import DB_FILE
from hearth.vault.keyslots import FILE_NAME as KEYSLOTS_FILE
from hearth.vault.lock import LOCK_FILE, VaultLock
from hearth.vault.vault import BACKUPS_DIR, Vault

WAL_FILE = DB_FILE + "-wal"


def restore_backup(backup_path: Path, vault_path: Path, member_name: str, passphrase: str) -> Vault:
    """Replace the vault at ``vault_path`` (or create it) with ``backup_path``'s copy.

    The backup is verified and unlocked with ``passphrase`` in a scratch copy before anything
    in the vault changes; the vault's current files are kept as a backup of their own named
    `before-restore-...` so a restore can itself be undone. Returns the restored vault, open.
    """
    info = backup.read_backup(backup_path)
    vault_path.mkdir(parents=True, exist_ok=True, mode=0o700)
    (vault_path / BACKUPS_DIR).mkdir(exist_ok=True, mode=0o700)
    (vault_path / LOCK_FILE).touch(mode=0o600, exist_ok=True)
    lock = VaultLock(vault_path)
    lock.acquire()
    try:
        scratch = Path(tempfile.mkdtemp(prefix=".restore-check-", dir=vault_path / BACKUPS_DIR))
        try:
            for name in (DB_FILE, KEYSLOTS_FILE):
                shutil.copyfile(backup_path / name, scratch / name)
            # A set-aside vault that was not closed cleanly keeps its newest changes in
            # vault.db-wal; the trial unlock below folds them into the scratch copy.
            if (backup_path / WAL_FILE).is_file():
                shutil.copyfile(backup_path / WAL_FILE, scratch / WAL_FILE)
            try:
                with Vault.unlock(scratch, member_name, passphrase) as trial:
                    problems = trial.integrity_problems()
            except VaultDamaged as exc:
                # It is the backup's file that is damaged, not the vault's.
                raise BadInput(f"The backup at {backup_path} cannot be restored: {exc}") from None
            if problems:
                raise BadInput(f"The backup at {backup_path} is damaged inside: {problems[0]}.")
            set_aside = None
            if (vault_path / DB_FILE).exists():
                stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
                # Undoing a restore within the same second must not collide with this name.
                set_aside = backup._unique(vault_path / BACKUPS_DIR / f"before-restore-{stamp}")
            backup.put_in_place(scratch, vault_path, set_aside)
            if set_aside is not None:
                _describe_set_aside(set_aside)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    finally:
        lock.release()
    vault = Vault.unlock(vault_path, member_name, passphrase)
    vault.record("vault.restored", {"backup": backup_path.name, "made": info.created_at})
    return vault


def _describe_set_aside(folder: Path) -> None:
    """Give the set-aside files a manifest so `hearth restore` can bring them back too."""
    vault_id = "unknown"
    with contextlib.suppress(OSError, ValueError, KeyError):
        vault_id = json.loads((folder / KEYSLOTS_FILE).read_text("utf-8"))["vault_id"]
    manifest = {
        "format": backup.FORMAT,
        "version": 1,
        "vault_id": vault_id,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
        "schema_version": 0,
        "sha256": {
            name: backup.sha256_of(folder / name)
            for name in (DB_FILE, KEYSLOTS_FILE)
            if (folder / name).exists()
        },
    }
    (folder / backup.MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", "utf-8")

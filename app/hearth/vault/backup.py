"""Backups: encrypted, consistent copies of a vault, and bringing one back.

A backup is a folder `backups/YYYYMMDDTHHMMSSZ/` holding `vault.db` (copied with SQLite's
online backup API, so it is consistent while the vault is open and stays encrypted under the
same data key), `keyslots.json` as it was at that moment, and `backup.json` (sha256 of both,
schema version, time). Any passphrase that opened the vault then opens the backup.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import sqlcipher3

from hearth.atomic import fsync_directory, write_atomically
from hearth.errors import BadInput, UsageError
from hearth.progress import CancelToken, Progress, ProgressCallback, check, report
from hearth.vault.database import DB_FILE, Connection, create_private_file
from hearth.vault.keyslots import FILE_NAME as KEYSLOTS_FILE

MANIFEST = "backup.json"
FORMAT = "hearth-backup"
_PAGES_PER_STEP = 1024


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    vault_id: str
    created_at: str
    schema_version: int


def make_backup(
    conn: Connection,
    keyslots: bytes,
    data_key: bytes,
    destination: Path,
    *,
    vault_id: str,
    schema_version: int,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> Path:
    """Copy the open vault into a new folder under ``destination``; returns that folder."""
    destination.mkdir(parents=True, exist_ok=True, mode=0o700)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    final = _unique(destination / stamp)
    partial = final.with_name(final.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(mode=0o700)
    try:
        create_private_file(partial / DB_FILE)
        target = sqlcipher3.connect(str(partial / DB_FILE), isolation_level=None)
        try:
            target.execute("PRAGMA cipher_log_level = NONE")
            # The same raw key: SQLCipher's backup API copies pages only between equal keys.
            target.execute(f"PRAGMA key = \"x'{data_key.hex()}'\"")

            def step(status: int, remaining: int, total: int) -> None:
                check(cancel)
                report(progress, Progress(total - remaining, total, "pages", "Copying"))

            conn.backup(target, pages=_PAGES_PER_STEP, progress=step)
            # A backup is a single file: fold the WAL back in and leave no -wal beside it.
            target.execute("PRAGMA journal_mode = DELETE")
        finally:
            target.close()
        write_atomically(partial / KEYSLOTS_FILE, keyslots)
        manifest = {
            "format": FORMAT,
            "version": 1,
            "vault_id": vault_id,
            "created_at": datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
            "schema_version": schema_version,
            "sha256": {name: sha256_of(partial / name) for name in (DB_FILE, KEYSLOTS_FILE)},
        }
        write_atomically(partial / MANIFEST, json.dumps(manifest, indent=2).encode() + b"\n")
        partial.rename(final)
        fsync_directory(destination)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return final


def read_backup(path: Path) -> BackupInfo:
    """Check a backup folder's files against its manifest; `BadInput` says what is wrong."""
    manifest_path = path / MANIFEST
    if not manifest_path.is_file():
        raise BadInput(f"{path} is not a Hearth backup: it has no {MANIFEST}.")
    try:
        manifest = json.loads(manifest_path.read_text("utf-8"))
        if manifest["format"] != FORMAT:
            raise ValueError
        expected = manifest["sha256"]
        info = BackupInfo(
            path,
            str(manifest["vault_id"]),
            str(manifest["created_at"]),
            int(manifest["schema_version"]),
        )
    except (ValueError, KeyError, TypeError):
        raise BadInput(f"{path} is not a Hearth backup: its {MANIFEST} is unreadable.") from None
    for name in (DB_FILE, KEYSLOTS_FILE):
        if not (path / name).is_file():
            raise BadInput(f"The backup at {path} is incomplete: {name} is missing.")
        if sha256_of(path / name) != expected.get(name):
            raise BadInput(f"The backup at {path} is damaged: {name} does not match its checksum.")
    return info


def newest(backups_dir: Path) -> Path | None:
    """The newest complete backup in ``backups_dir`` (folder names sort by time)."""
    if not backups_dir.is_dir():
        return None
    found = sorted(p for p in backups_dir.iterdir() if p.is_dir() and (p / MANIFEST).is_file())
    return found[-1] if found else None


def put_in_place(backup: Path, vault_path: Path, set_aside: Path | None) -> None:
    """Replace the vault's files with the backup's; the current ones move to ``set_aside``.

    The caller holds the vault's LOCK and has checked the backup opens.
    """
    if set_aside is not None:
        set_aside.mkdir(parents=True, mode=0o700)
        for name in (DB_FILE, KEYSLOTS_FILE, DB_FILE + "-wal", DB_FILE + "-shm"):
            if (vault_path / name).exists():
                shutil.copy2(vault_path / name, set_aside / name)
    for name in (KEYSLOTS_FILE, DB_FILE):
        staged = vault_path / f".{name}.restoring"
        shutil.copyfile(backup / name, staged)
        staged.chmod(0o600)
        staged.replace(vault_path / name)
    for name in (DB_FILE + "-wal", DB_FILE + "-shm"):
        (vault_path / name).unlink(missing_ok=True)
    fsync_directory(vault_path)


def _unique(path: Path) -> Path:
    if not path.exists() and not path.with_name(path.name + ".partial").exists():
        return path
    for n in range(2, 1000):
        candidate = path.with_name(f"{path.name}-{n}")
        if not candidate.exists():
            return candidate
    raise UsageError(f"Too many backups named {path.name}.")


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()

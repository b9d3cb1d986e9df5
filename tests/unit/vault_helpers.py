"""Small tools the vault tests share: folder snapshots, byte flips, growing vault.db."""

from __future__ import annotations

import hashlib
from pathlib import Path

from hearth.vault import Vault
from hearth.vault.database import transaction

# The same values tests/conftest.py's `vault` fixture uses (conftest is not importable by name).
OWNER = "Ana"
PASSPHRASE = "correct horse battery staple"
# SQLCipher 4's default page size.
PAGE_SIZE = 4096


def snapshot(folder: Path) -> dict[str, str]:
    """Every file and folder under ``folder`` with the sha256 of its bytes ("dir" for folders)."""
    return {
        str(p.relative_to(folder)): "dir"
        if p.is_dir()
        else hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
    }


def flip_byte(path: Path, offset: int, mask: int = 0x01) -> None:
    """XOR one byte of ``path`` with ``mask`` in place."""
    data = bytearray(path.read_bytes())
    data[offset] ^= mask
    path.write_bytes(bytes(data))


def grow(vault: Vault, *, rows: int, row_bytes: int = 400) -> None:
    """Fill a scratch table so vault.db spans many pages (one transaction)."""
    with transaction(vault.db):
        vault.db.execute("CREATE TABLE IF NOT EXISTS scratch (id INTEGER PRIMARY KEY, v BLOB)")
        vault.db.executemany(
            "INSERT INTO scratch (v) VALUES (randomblob(?))", [(row_bytes,)] * rows
        )


def scratch_digest(vault: Vault) -> str:
    """A hash of every row of the scratch table, to prove its content survived unchanged."""
    digest = hashlib.sha256()
    for row in vault.db.execute("SELECT id, v FROM scratch ORDER BY id"):
        digest.update(repr(row).encode())
    return digest.hexdigest()

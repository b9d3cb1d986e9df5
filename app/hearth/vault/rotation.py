"""The pending key-slot file that makes a data-key rotation survive a crash.

Rotation writes `keyslots.pending.json` (every slot sealed to the new key), runs `PRAGMA
rekey`, then replaces `keyslots.json` and deletes the pending file. Unlocking after a crash
opens vault.db with whichever of the two files fits and tidies up (see `Vault._unlock`).
The pending file is sealed exactly like `keyslots.json`: it holds no secret in the clear.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from hearth.atomic import fsync_directory, write_atomically
from hearth.vault.keyslots import KeySlotFile

PENDING_FILE = "keyslots.pending.json"


def write_pending(vault_path: Path, sealed: bytes) -> None:
    write_atomically(vault_path / PENDING_FILE, sealed)


def read_pending(vault_path: Path) -> KeySlotFile | None:
    try:
        raw = (vault_path / PENDING_FILE).read_bytes()
    except FileNotFoundError:
        return None
    return KeySlotFile.from_bytes(raw)


def discard_pending(vault_path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        (vault_path / PENDING_FILE).unlink()
        fsync_directory(vault_path)

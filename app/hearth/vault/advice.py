"""What to tell a person whose vault is damaged: which file, and which backup to bring back."""

from __future__ import annotations

from pathlib import Path

from hearth.errors import VaultDamaged
from hearth.vault.backup import newest
from hearth.vault.vault import BACKUPS_DIR


def damage_sentence(error: VaultDamaged, vault_path: Path) -> str:
    """``error``'s sentence followed by the newest backup to restore, or that there is none."""
    latest = newest(vault_path / BACKUPS_DIR)
    if latest is None:
        return f"{error} There is no backup in {vault_path / BACKUPS_DIR}."
    return f"{error} Your newest backup is {latest}; bring it back with 'hearth restore {latest}'."

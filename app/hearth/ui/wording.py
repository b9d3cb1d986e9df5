"""Core names (roles, audit actions, timestamps, sizes, places on disk) said in the person's
words and language."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale

from hearth.vault import Role


def role_name(role: Role | str) -> str:
    names = {
        Role.OWNER: QCoreApplication.translate("Wording", "Owner"),
        Role.ADULT: QCoreApplication.translate("Wording", "Adult"),
        Role.CHILD: QCoreApplication.translate("Wording", "Child"),
    }
    try:
        return names[Role(role)]
    except ValueError:
        return str(role)


def action_words(action: str) -> str:
    """An audit action ("member.added") as a person would say it; unknown ones as they are."""
    words = {
        "vault.created": QCoreApplication.translate("Wording", "Created the vault"),
        "member.added": QCoreApplication.translate("Wording", "Added a member"),
        "member.removed": QCoreApplication.translate("Wording", "Removed a member"),
        "member.passphrase_changed": QCoreApplication.translate("Wording", "Changed a passphrase"),
        "vault.backup_made": QCoreApplication.translate("Wording", "Made a backup"),
        "vault.data_key_rotated": QCoreApplication.translate(
            "Wording", "Changed the vault's encryption key"
        ),
        "vault.recovery_key_replaced": QCoreApplication.translate(
            "Wording", "Made a new recovery key"
        ),
        "vault.restored": QCoreApplication.translate("Wording", "Restored the vault from a backup"),
    }
    return words.get(action, action)


def actor_name(actor: str) -> str:
    if actor == "recovery key":  # hearth.vault.vault.RECOVERY_ACTOR
        return QCoreApplication.translate("Wording", "Someone with the recovery key")
    return actor


def details_words(details: dict[str, Any]) -> str:
    """An entry's details as "Member: Bo, Role: Adult"."""
    labels = {
        "member": QCoreApplication.translate("Wording", "Member"),
        "owner": QCoreApplication.translate("Wording", "Owner"),
        "role": QCoreApplication.translate("Wording", "Role"),
        "backup": QCoreApplication.translate("Wording", "Backup"),
        "key_epoch": QCoreApplication.translate("Wording", "Key number"),
    }
    parts = []
    for key, value in details.items():
        shown = role_name(str(value)) if key == "role" else str(value)
        parts.append(f"{labels.get(key, key)}: {shown}")
    return ", ".join(parts)


def local_time(iso: str) -> str:
    """A UTC timestamp from the vault as local date and time ("2026-05-09 14:03")."""
    try:
        moment = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return iso
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def data_size(size: int) -> str:
    """A number of bytes as file managers show it: "18.9 MB" (powers of 1,000), not "MiB"."""
    return QLocale().formattedDataSize(size, 1, QLocale.DataSizeFormat.DataSizeSIFormat)


def home_path(path: Path) -> str:
    """A place on this computer with the person's home folder as "~" ("~/Downloads")."""
    try:
        inside = path.relative_to(Path.home())
    except ValueError:
        return str(path)
    return "~" if inside == Path() else str(Path("~") / inside)

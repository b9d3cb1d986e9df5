"""Core names (roles, audit actions, timestamps, dates, sizes, places on disk) said in the
person's words and language."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QLocale

from hearth.ui.i18n import fill
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


def medium_date_format(locale: QLocale) -> str:
    """The locale's long date without the weekday and with a short month name: "MMM d, yyyy"
    in English (US), "d 'de' MMM 'de' yyyy" in Spanish. Unlike the short format ("3/1/23")
    it cannot be read as another day, and it still fits in a table column."""
    long = locale.dateFormat(QLocale.FormatType.LongFormat)
    return re.sub(r"dddd[,،]?\s*|[,،]?\s*dddd", "", long).strip().replace("MMMM", "MMM")


def medium_date(day: date) -> str:
    """ "Mar 1, 2023" (English, US), "1 de mar de 2023" (Spanish)."""
    locale = QLocale()
    return locale.toString(QDate(day.year, day.month, day.day), medium_date_format(locale))


def local_date(iso: str | None) -> str:
    """A UTC timestamp from the vault as this computer's date ("Mar 1, 2023")."""
    if not iso:
        return ""
    try:
        moment = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return iso
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return medium_date(moment.astimezone().date())


def date_span(first: str | None, last: str | None) -> str:
    """ "Mar 1, 2023 – Feb 27, 2025", one date when both fall on the same day, "—" when empty."""
    start, end = local_date(first), local_date(last)
    if not start and not end:
        return "—"
    if start == end or not end:
        return start
    if not start:
        return end
    return fill(QCoreApplication.translate("Wording", "%1 – %2"), start, end)


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


def unit_words(type_name: str, unit: str | None) -> str:
    """A record's unit as people say it: Apple Health counts steps in "count" and heartbeats
    in "count/min" ("1,306 steps", "72 beats/min"); temperatures are "°C", not "degC". A
    count of something else needs no unit (the record type says what is counted); other
    units ("kg", "km", "ms", "%") stay as they are."""
    if not unit:
        return ""
    name = type_name.lower()
    if unit == "count":
        if "step" in name:
            return QCoreApplication.translate("Wording", "steps")
        if "flights" in name:
            return QCoreApplication.translate("Wording", "floors")
        return ""
    if unit == "count/min":
        if "heart" in name:
            return QCoreApplication.translate("Wording", "beats/min")
        if "respiratory" in name:
            return QCoreApplication.translate("Wording", "breaths/min")
        return QCoreApplication.translate("Wording", "per minute")
    return {"degC": "°C", "degF": "°F"}.get(unit, unit)

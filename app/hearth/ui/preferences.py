"""The choices a person makes for this computer: auto-lock, language and theme."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QLocale, QSettings

DEFAULT_AUTO_LOCK_MINUTES = 5
MIN_AUTO_LOCK_MINUTES = 1
MAX_AUTO_LOCK_MINUTES = 240
LANGUAGES = ("en", "es")


class ThemeChoice(StrEnum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


class Preferences:
    """Typed access to QSettings; tests pass a QSettings backed by a file in a temp folder."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self._settings = settings if settings is not None else QSettings("Hearth", "Hearth")

    @property
    def auto_lock_minutes(self) -> int:
        raw = self._settings.value("auto_lock/minutes", DEFAULT_AUTO_LOCK_MINUTES)
        try:
            minutes = int(str(raw))
        except ValueError:
            return DEFAULT_AUTO_LOCK_MINUTES
        return max(MIN_AUTO_LOCK_MINUTES, min(MAX_AUTO_LOCK_MINUTES, minutes))

    @auto_lock_minutes.setter
    def auto_lock_minutes(self, minutes: int) -> None:
        self._set(
            "auto_lock/minutes", max(MIN_AUTO_LOCK_MINUTES, min(MAX_AUTO_LOCK_MINUTES, minutes))
        )

    @property
    def language(self) -> str:
        raw = str(self._settings.value("language", ""))
        if raw in LANGUAGES:
            return raw
        # First start: speak the language of the computer when Hearth knows it.
        system = QLocale.system().name().split("_")[0]
        return system if system in LANGUAGES else "en"

    @language.setter
    def language(self, language: str) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"unknown language {language!r}")
        self._set("language", language)

    @property
    def theme(self) -> ThemeChoice:
        raw = str(self._settings.value("theme", ThemeChoice.SYSTEM.value))
        try:
            return ThemeChoice(raw)
        except ValueError:
            return ThemeChoice.SYSTEM

    @theme.setter
    def theme(self, choice: ThemeChoice) -> None:
        self._set("theme", choice.value)

    def _set(self, key: str, value: object) -> None:
        self._settings.setValue(key, value)
        self._settings.sync()

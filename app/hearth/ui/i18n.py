"""Load Hearth's translations (and Qt's own, for standard buttons) for the chosen language.

English is the source language; `hearth_en.qm` holds only its plural forms ("1 entry").
Switching language at run time removes the old translators and installs new ones; Qt then
sends every widget a LanguageChange event, which the main window answers by rebuilding.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from hearth.paths import resources_dir

log = logging.getLogger("hearth.ui")

_installed: list[QTranslator] = []


def translations_dir() -> Path:
    return resources_dir() / "translations"


def install_language(app: QCoreApplication, language: str) -> None:
    """Make ``language`` ("en", "es") the language of every string shown from now on."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    locale = QLocale(language)
    QLocale.setDefault(locale)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, folder in (
        (f"qtbase_{language}", qt_dir),
        (f"hearth_{language}", str(translations_dir())),
    ):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            _installed.append(translator)
        elif language != "en" or name.startswith("hearth"):
            log.warning("No translation %s in %s", name, folder)


def fill(template: str, *values: object) -> str:
    """Put ``values`` into a translated ``template`` at %1, %2, ... (Qt's placeholders)."""
    # From the highest number down, so %1 does not eat the start of %10.
    for number in range(len(values), 0, -1):
        template = template.replace(f"%{number}", str(values[number - 1]))
    return template

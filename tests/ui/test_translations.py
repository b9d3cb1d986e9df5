"""The Spanish translation is complete, compiled from the current sources, and applies live."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from hearth.ui.i18n import translations_dir
from hearth.ui.main_window import MainWindow
from hearth.ui.preferences import Preferences

UI_SOURCES = sorted(str(p) for p in (Path(__file__).parents[2] / "app/hearth/ui").rglob("*.py"))
TOOLS = Path(sys.executable).parent
PLACEHOLDER = re.compile(r"%(?:\d|n)")
# "&x" marks a keyboard shortcut; "&&" and "& " (as in "Sharing & prices") do not.
MNEMONIC = re.compile(r"(?<!&)&(?![&\s])")


def messages(ts: Path) -> list[ET.Element]:
    return list(ET.parse(ts).iter("message"))  # noqa: S314 (our own committed file)


def translated_texts(message: ET.Element) -> list[str]:
    translation = message.find("translation")
    assert translation is not None
    forms = translation.findall("numerusform")
    return [f.text or "" for f in forms] if forms else [translation.text or ""]


@pytest.mark.parametrize("language", ["es", "en"])
def test_every_message_is_translated(language: str) -> None:
    problems = []
    for message in messages(translations_dir() / f"hearth_{language}.ts"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        if translation.get("type") in ("unfinished", "obsolete", "vanished"):
            problems.append(f"{translation.get('type')}: {source!r}")
            continue
        for text in translated_texts(message):
            if not text.strip():
                problems.append(f"empty: {source!r}")
            if sorted(set(PLACEHOLDER.findall(text))) != sorted(set(PLACEHOLDER.findall(source))):
                problems.append(f"placeholders differ: {source!r} -> {text!r}")
            if bool(MNEMONIC.search(text)) != bool(MNEMONIC.search(source)):
                problems.append(f"keyboard shortcut lost or added: {source!r} -> {text!r}")
    assert problems == []


def test_translation_sources_hold_every_string_of_the_ui(tmp_path: Path) -> None:
    """lupdate finds nothing new: every tr() string of app/hearth/ui is in hearth_es.ts."""
    copy = tmp_path / "hearth_es.ts"
    shutil.copy(translations_dir() / "hearth_es.ts", copy)
    subprocess.run(
        [str(TOOLS / "pyside6-lupdate"), *UI_SOURCES, "-no-obsolete", "-ts", str(copy)],
        check=True,
        capture_output=True,
    )
    new = [
        m.findtext("source")
        for m in messages(copy)
        if (translation := m.find("translation")) is not None and translation.get("type")
    ]
    assert new == [], "run the commands in resources/translations/README.md"


@pytest.mark.parametrize("language", ["es", "en"])
def test_compiled_translation_matches_its_source(language: str, tmp_path: Path) -> None:
    ts = translations_dir() / f"hearth_{language}.ts"
    rebuilt = tmp_path / f"hearth_{language}.qm"
    subprocess.run(
        [str(TOOLS / "pyside6-lrelease"), str(ts), "-qm", str(rebuilt)],
        check=True,
        capture_output=True,
    )
    committed = translations_dir() / f"hearth_{language}.qm"
    assert committed.read_bytes() == rebuilt.read_bytes(), "run pyside6-lrelease (see README)"


def test_choosing_spanish_in_settings_translates_every_page_at_once(
    qtbot: QtBot, unlocked: MainWindow, preferences: Preferences
) -> None:
    workspace = unlocked.workspace
    assert workspace is not None
    workspace.show_page("settings")
    combo = workspace.settings.language
    combo.setCurrentIndex(combo.findData("es"))

    qtbot.waitUntil(lambda: unlocked.workspace is not workspace, timeout=10_000)
    spanish = unlocked.workspace
    assert spanish is not None
    assert spanish.current_key() == "settings", "the person stays where they were"
    labels = [spanish.sidebar.item(i).text() for i in range(spanish.sidebar.count())]
    assert labels == [
        "Inicio",
        "Importar",
        "Conjuntos de datos",
        "Compartir y precios",
        "Mercado",
        "Monedero",
        "Familia",
        "Actividad",
        "Ajustes",
    ]
    assert spanish.family.title.text() == "Familia"
    assert preferences.language == "es"
    dialog = spanish.family.open_add_dialog()
    cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    assert cancel.text().replace("&", "") == "Cancelar", "Qt's own buttons follow too"
    assert unlocked.unlock_screen.unlock_button.text() == "&Desbloquear"

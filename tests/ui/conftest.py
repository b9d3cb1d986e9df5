"""Fixtures for the GUI tests: real vaults on disk, a synchronous worker, English by default.

The worker runs inline unless a test asks for `threaded_worker`, so a click's whole effect
(key derivation included) has happened when the click returns; test_worker.py proves the
threaded path delivers the same way.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hearth.ui import errors, worker
from hearth.ui.i18n import install_language
from hearth.ui.main_window import MainWindow
from hearth.ui.preferences import Preferences
from hearth.vault import Role, Vault
from tests.conftest import OWNER, PASSPHRASE

OTHER_PASSPHRASE = "maple kettle harbour wind"


@pytest.fixture(autouse=True)
def _english_and_synchronous(qapp: QApplication) -> Iterator[None]:
    install_language(qapp, "en")
    worker.set_synchronous(True)
    yield
    worker.set_synchronous(False)
    worker.wait_for_all(5000)
    errors.set_fallback_bar(None)
    install_language(qapp, "en")


@pytest.fixture
def threaded_worker() -> Iterator[None]:
    worker.set_synchronous(False)
    yield
    worker.wait_for_all(5000)


@pytest.fixture
def preferences(tmp_path: Path) -> Preferences:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    prefs = Preferences(settings)
    prefs.language = "en"
    return prefs


@pytest.fixture
def recovery_key(vault_path: Path) -> str:
    """A vault on disk owned by Ana with a second member Bo (adult), closed again."""
    vault, key = Vault.create(vault_path, OWNER, PASSPHRASE)
    with vault:
        vault.add_member("Bo", Role.ADULT, OTHER_PASSPHRASE)
    return key


@pytest.fixture
def closed_vault(vault_path: Path, recovery_key: str) -> Path:
    return vault_path


@pytest.fixture
def window(qtbot: QtBot, closed_vault: Path, preferences: Preferences) -> MainWindow:
    """The main window on the unlock screen of `closed_vault`."""
    main = MainWindow(closed_vault, preferences)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    return main


def unlock(window: MainWindow, member: str = OWNER, passphrase: str = PASSPHRASE) -> None:
    screen = window.unlock_screen
    screen.reload(select=member)
    screen.passphrase.setText(passphrase)
    screen.unlock_button.click()


@pytest.fixture
def unlocked(window: MainWindow) -> MainWindow:
    """The main window with the vault open as its owner, Ana."""
    unlock(window)
    assert window.vault is not None
    return window

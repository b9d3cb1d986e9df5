"""Auto-lock: inactivity closes the vault, its dialogs, our clipboard secret, and the pages."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from hearth.ui import clipboard
from hearth.ui.auto_lock import AutoLock
from hearth.ui.main_window import MainWindow
from hearth.ui.preferences import Preferences
from hearth.vault import Vault
from tests.conftest import OWNER, PASSPHRASE
from tests.ui.conftest import unlock


def test_inactivity_locks_the_vault_and_frees_it(
    qtbot: QtBot, closed_vault: Path, preferences: Preferences
) -> None:
    window = MainWindow(closed_vault, preferences, auto_lock_ms=200)
    qtbot.addWidget(window)
    window.show()
    unlock(window)
    assert window.vault is not None

    qtbot.waitUntil(lambda: window.vault is None, timeout=10_000)

    assert window.stack.currentWidget() is window.unlock_screen
    assert window.workspace is None
    assert window.unlock_screen.bar.text() == (
        "Hearth locked the vault after 5 minutes without use."
    )
    with Vault.unlock(closed_vault, OWNER, PASSPHRASE):
        pass  # the LOCK is free: the vault really was closed


def test_locking_closes_dialogs_and_clears_the_secret_we_copied(
    unlocked: MainWindow,
) -> None:
    workspace = unlocked.workspace
    assert workspace is not None
    workspace.show_page("family")
    dialog = workspace.family.open_add_dialog()
    dialog.passphrase.first.setText("half typed secret")
    clipboard.copy_secret("ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567")

    unlocked.lock()

    assert not dialog.isVisible()
    assert QGuiApplication.clipboard().text() == ""
    assert unlocked.workspace is None
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not any(d.isVisible() for d in unlocked.findChildren(QDialog))


def test_locking_leaves_what_the_person_copied_themselves(unlocked: MainWindow) -> None:
    clipboard.copy_secret("a secret of ours")
    QGuiApplication.clipboard().setText("shopping list")
    unlocked.lock()
    assert QGuiApplication.clipboard().text() == "shopping list"


def test_any_key_press_restarts_the_countdown(qtbot: QtBot, unlocked: MainWindow) -> None:
    auto_lock = AutoLock(60_000)
    auto_lock.start()
    auto_lock._timer.stop()  # as if it had been counting for a while
    QApplication.sendEvent(
        unlocked,
        QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a"),
    )
    assert auto_lock._timer.isActive()
    auto_lock.stop()


def test_ctrl_l_locks_at_once(qtbot: QtBot, unlocked: MainWindow) -> None:
    qtbot.keyClick(unlocked, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert unlocked.vault is None
    assert unlocked.unlock_screen.bar.text() == "The vault is locked."


def test_auto_lock_minutes_come_from_settings_and_persist(
    unlocked: MainWindow, preferences: Preferences
) -> None:
    workspace = unlocked.workspace
    assert workspace is not None
    assert unlocked.auto_lock.interval_ms == 5 * 60_000
    workspace.settings.auto_lock.setValue(12)
    assert preferences.auto_lock_minutes == 12
    assert unlocked.auto_lock.interval_ms == 12 * 60_000


def test_locking_with_a_confirmation_open_decides_nothing(
    unlocked: MainWindow, closed_vault: Path
) -> None:
    workspace = unlocked.workspace
    assert workspace is not None
    workspace.show_page("family")
    page = workspace.family
    page.table.selectRow(1)
    box = page.confirm_remove()
    assert box is not None and "Bo" in box.text()

    unlocked.lock()

    with Vault.unlock(closed_vault, OWNER, PASSPHRASE) as vault:
        assert [m.name for m in vault.members()] == ["Ana", "Bo"]

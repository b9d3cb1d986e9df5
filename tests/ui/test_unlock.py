"""The unlock screen opens the vault with the right passphrase and says why it did not."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hearth.errors import WrongPassphrase
from hearth.ui.forgot_passphrase import ForgotPassphraseDialog
from hearth.ui.main_window import MainWindow
from hearth.vault import Vault
from tests.conftest import OWNER, PASSPHRASE
from tests.ui.conftest import OTHER_PASSPHRASE, unlock

NEW_PASSPHRASE = "copper meadow lantern seven"


def test_unlock_screen_lists_every_member(window: MainWindow) -> None:
    screen = window.unlock_screen
    names = [screen.members.item(i).text() for i in range(screen.members.count())]
    assert names == ["Ana · Owner", "Bo · Adult"]


def test_right_passphrase_opens_the_vault_on_home(qtbot: QtBot, window: MainWindow) -> None:
    screen = window.unlock_screen
    screen.reload(select="Ana")
    qtbot.keyClicks(screen.passphrase, PASSPHRASE)
    qtbot.keyClick(screen.passphrase, Qt.Key.Key_Return)  # Enter unlocks

    assert window.vault is not None and window.vault.member is not None
    assert window.vault.member.name == "Ana"
    assert window.workspace is not None
    assert window.stack.currentWidget() is window.workspace
    assert window.workspace.current_key() == "home"
    assert window.windowTitle() == "Hearth — Ana"
    assert screen.passphrase.text() == ""


def test_other_member_unlocks_with_their_own_passphrase(window: MainWindow) -> None:
    unlock(window, "Bo", OTHER_PASSPHRASE)
    assert window.vault is not None and window.vault.member is not None
    assert window.vault.member.name == "Bo"


def test_wrong_passphrase_is_said_inline_and_vault_stays_locked(
    qtbot: QtBot, window: MainWindow, closed_vault: Path
) -> None:
    screen = window.unlock_screen
    screen.reload(select="Ana")
    qtbot.keyClicks(screen.passphrase, "not my passphrase")
    qtbot.mouseClick(screen.unlock_button, Qt.MouseButton.LeftButton)

    assert screen.bar.text() == "Wrong passphrase for Ana."
    assert screen.passphrase.text() == ""
    assert window.focusWidget() is screen.passphrase
    assert window.vault is None
    assert window.stack.currentWidget() is screen
    # Still locked in the sense that matters: the LOCK is free for anyone else.
    with Vault.unlock(closed_vault, OWNER, PASSPHRASE):
        pass

    unlock(window)  # and trying again with the right one works
    assert window.vault is not None


def test_vault_open_elsewhere_is_said_inline(window: MainWindow, closed_vault: Path) -> None:
    with Vault.unlock(closed_vault, "Bo", OTHER_PASSPHRASE):
        unlock(window)
        assert window.unlock_screen.bar.text().startswith(
            "This vault is open in another Hearth window or command."
        )
        assert window.vault is None


def test_damaged_vault_is_said_inline(window: MainWindow, closed_vault: Path) -> None:
    (closed_vault / "vault.db").unlink()
    window.unlock_screen.reload()
    assert window.unlock_screen.bar.text() == "vault.db is missing from the vault folder."


def test_forgotten_passphrase_is_replaced_with_the_recovery_key(
    qtbot: QtBot, window: MainWindow, closed_vault: Path, recovery_key: str
) -> None:
    screen = window.unlock_screen
    qtbot.mouseClick(screen.forgot_button, Qt.MouseButton.LeftButton)
    dialog = screen.findChild(ForgotPassphraseDialog)
    assert dialog is not None and dialog.isVisible()

    qtbot.keyClicks(dialog.key, recovery_key.lower())  # typed from paper, any case
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert dialog.on_passphrase_step()
    dialog.member.setCurrentText("Ana")
    qtbot.keyClicks(dialog.passphrase.first, NEW_PASSPHRASE)
    qtbot.keyClicks(dialog.passphrase.second, NEW_PASSPHRASE)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)

    assert not dialog.isVisible()
    assert screen.bar.text() == "Ana's passphrase was changed. Unlock with the new one."
    assert screen.selected_member() == "Ana"
    with pytest.raises(WrongPassphrase):
        Vault.unlock(closed_vault, "Ana", PASSPHRASE)
    with Vault.unlock(closed_vault, "Bo", OTHER_PASSPHRASE):
        pass  # the other members' passphrases are untouched
    unlock(window, "Ana", NEW_PASSPHRASE)
    assert window.vault is not None


def test_wrong_recovery_key_is_said_in_the_dialog_and_frees_the_vault(
    qtbot: QtBot, window: MainWindow, closed_vault: Path
) -> None:
    dialog = window.unlock_screen.open_forgot_dialog()
    qtbot.keyClicks(dialog.key, "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH")
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)

    assert dialog.bar.text() == "That recovery key does not open this vault."
    assert not dialog.on_passphrase_step()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    with Vault.unlock(closed_vault, OWNER, PASSPHRASE):
        pass


def test_cancelling_after_the_recovery_key_fits_closes_the_vault_again(
    qtbot: QtBot, window: MainWindow, closed_vault: Path, recovery_key: str
) -> None:
    dialog = window.unlock_screen.open_forgot_dialog()
    qtbot.keyClicks(dialog.key, recovery_key)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert dialog.on_passphrase_step()

    dialog.reject()
    with Vault.unlock(closed_vault, OWNER, PASSPHRASE):
        pass


def test_unlocking_on_the_worker_thread_reaches_the_workspace(
    qtbot: QtBot, window: MainWindow, threaded_worker: None
) -> None:
    screen = window.unlock_screen
    screen.reload(select="Ana")
    screen.passphrase.setText("wrong again")
    screen.unlock()
    assert not screen.unlock_button.isEnabled(), "busy while the key is derived"
    qtbot.waitUntil(lambda: screen.bar.text() == "Wrong passphrase for Ana.", timeout=30_000)
    assert screen.unlock_button.isEnabled()

    unlock(window)
    qtbot.waitUntil(lambda: window.vault is not None, timeout=30_000)
    assert window.stack.currentWidget() is window.workspace

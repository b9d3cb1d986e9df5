"""The Family page: members and roles; the owner adds and removes, everyone their passphrase."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from hearth.errors import WrongPassphrase
from hearth.ui.main_window import MainWindow
from hearth.ui.pages.family import FamilyPage
from hearth.ui.pages.family_dialogs import AddMemberDialog, ChangePassphraseDialog
from hearth.vault import Role, Vault
from tests.conftest import PASSPHRASE
from tests.ui.conftest import OTHER_PASSPHRASE, unlock

CHILD_PASSPHRASE = "purple giraffe skates home"


def family_page(window: MainWindow) -> FamilyPage:
    assert window.workspace is not None
    window.workspace.show_page("family")
    return window.workspace.family


def table_rows(page: FamilyPage) -> list[tuple[str, str]]:
    return [
        (page.table.item(r, 0).text(), page.table.item(r, 1).text())
        for r in range(page.table.rowCount())
    ]


def select(page: FamilyPage, name: str) -> None:
    row = next(r for r in range(page.table.rowCount()) if page.table.item(r, 0).text() == name)
    page.table.selectRow(row)


def test_family_page_lists_members_with_roles(unlocked: MainWindow) -> None:
    page = family_page(unlocked)
    assert table_rows(page) == [("Ana (you)", "Owner"), ("Bo", "Adult")]


def test_owner_adds_a_child_who_can_then_unlock(
    qtbot: QtBot, unlocked: MainWindow, closed_vault: Path
) -> None:
    page = family_page(unlocked)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    dialog = page.findChild(AddMemberDialog)
    assert dialog is not None and dialog.isVisible()
    assert not dialog.ok_button.isEnabled()

    dialog.name.setText("Lía")  # QTest types ASCII only
    dialog.role.setCurrentIndex(dialog.role.findData(Role.CHILD.value))
    qtbot.keyClicks(dialog.passphrase.first, CHILD_PASSPHRASE)
    qtbot.keyClicks(dialog.passphrase.second, CHILD_PASSPHRASE)
    assert dialog.ok_button.isEnabled()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    assert not dialog.isVisible()
    assert ("Lía", "Child") in table_rows(page)
    assert page.bar.text() == "Lía can now unlock the vault with their passphrase."
    vault = unlocked.vault
    assert vault is not None
    assert [(m.name, m.role) for m in vault.members()][-1] == ("Lía", Role.CHILD)
    unlocked.lock()
    with Vault.unlock(closed_vault, "Lía", CHILD_PASSPHRASE) as as_child:
        assert as_child.member is not None and as_child.member.role is Role.CHILD


def test_refused_member_name_is_said_in_the_dialog(qtbot: QtBot, unlocked: MainWindow) -> None:
    page = family_page(unlocked)
    dialog = page.open_add_dialog()
    qtbot.keyClicks(dialog.name, "bo")
    qtbot.keyClicks(dialog.passphrase.first, CHILD_PASSPHRASE)
    qtbot.keyClicks(dialog.passphrase.second, CHILD_PASSPHRASE)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    assert dialog.isVisible(), "the person can fix the name without typing everything again"
    assert dialog.bar.text() == "There is already a member called 'bo'."
    assert dialog.name.text() == "bo"


def test_add_member_dialog_closes_on_escape(qtbot: QtBot, unlocked: MainWindow) -> None:
    dialog = family_page(unlocked).open_add_dialog()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_owner_removes_a_member_after_confirming_by_name(
    qtbot: QtBot, unlocked: MainWindow, closed_vault: Path
) -> None:
    page = family_page(unlocked)
    select(page, "Bo")
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    box = page.findChild(QMessageBox)
    assert box is not None
    assert box.text().startswith("Remove Bo from the vault?")
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    remove = next(b for b in box.buttons() if b.text() == "Remove Bo")
    remove.click()

    assert table_rows(page) == [("Ana (you)", "Owner")]
    assert page.bar.text() == "Bo was removed from the vault."
    unlocked.lock()
    with pytest.raises(Exception, match="no member called"):
        Vault.unlock(closed_vault, "Bo", OTHER_PASSPHRASE)


def test_cancelled_removal_keeps_the_member(unlocked: MainWindow) -> None:
    page = family_page(unlocked)
    select(page, "Bo")
    box = page.confirm_remove()
    assert box is not None
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert ("Bo", "Adult") in table_rows(page)


def test_owner_cannot_be_removed(unlocked: MainWindow) -> None:
    page = family_page(unlocked)
    select(page, "Ana (you)")
    assert not page.remove_button.isEnabled()
    assert page.remove_button.toolTip() == "The owner cannot be removed."


def test_adult_sees_owner_only_buttons_disabled_with_reason(window: MainWindow) -> None:
    unlock(window, "Bo", OTHER_PASSPHRASE)
    page = family_page(window)
    assert not page.add_button.isEnabled()
    assert page.add_button.toolTip() == "Only the vault's owner can do this."
    assert not page.remove_button.isEnabled()
    assert page.owner_hint.text() == "Only Ana, the vault's owner, can add or remove members."
    select(page, "Ana")
    assert not page.passphrase_button.isEnabled()
    select(page, "Bo (you)")
    assert page.passphrase_button.isEnabled()


def test_member_changes_own_passphrase(
    qtbot: QtBot, window: MainWindow, closed_vault: Path
) -> None:
    unlock(window, "Bo", OTHER_PASSPHRASE)
    page = family_page(window)
    select(page, "Bo (you)")
    qtbot.mouseClick(page.passphrase_button, Qt.MouseButton.LeftButton)
    dialog = page.findChild(ChangePassphraseDialog)
    assert dialog is not None
    assert [dialog.member.itemText(i) for i in range(dialog.member.count())] == ["Bo"]
    qtbot.keyClicks(dialog.passphrase.first, CHILD_PASSPHRASE)
    qtbot.keyClicks(dialog.passphrase.second, CHILD_PASSPHRASE)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    assert page.bar.text() == "Bo's passphrase was changed."
    window.lock()
    with pytest.raises(WrongPassphrase):
        Vault.unlock(closed_vault, "Bo", OTHER_PASSPHRASE)
    with Vault.unlock(closed_vault, "Bo", CHILD_PASSPHRASE):
        pass
    with Vault.unlock(closed_vault, "Ana", PASSPHRASE):
        pass

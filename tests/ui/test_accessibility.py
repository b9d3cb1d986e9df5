"""Every control can be found by a screen reader and reached from the keyboard."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QWidget,
    QWizard,
)
from pytestqt.qtbot import QtBot

from hearth.ui.first_run import FirstRunWizard
from hearth.ui.main_window import MainWindow
from hearth.ui.recovery_kit_dialog import RecoveryKitDialog
from hearth.ui.wallet_passphrase import WalletPassphraseDialog
from tests.ui.conftest import unlock

MNEMONIC = re.compile(r"(?<!&)&([^&\s])")


def focusable_controls(root: QWidget) -> Iterator[QWidget]:
    for widget in root.findChildren(QWidget):
        parent = widget.parentWidget()
        if isinstance(parent, QAbstractSpinBox | QComboBox):
            continue  # the editor inside a spin box or combo box: its owner carries the name
        if not widget.isVisibleTo(root.window()):
            continue
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            yield widget


def has_a_name(widget: QWidget) -> bool:
    if widget.accessibleName().strip():
        return True
    return isinstance(widget, QAbstractButton) and bool(widget.text().replace("&", "").strip())


def unnamed(root: QWidget) -> list[str]:
    return [
        f"{type(w).__name__} {w.objectName()!r}"
        for w in focusable_controls(root)
        if not has_a_name(w)
    ]


def shortcut_clashes(root: QWidget) -> list[str]:
    """Letters used by two visible Alt+letter shortcuts in the same window."""
    seen: dict[str, str] = {}
    clashes = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root.window()):
            continue
        if isinstance(widget, QAbstractButton) or (
            isinstance(widget, QLabel) and widget.buddy() is not None
        ):
            text = widget.text()
        else:
            continue
        for letter in MNEMONIC.findall(text):
            key = letter.casefold()
            if key in seen:
                clashes.append(f"{seen[key]!r} and {text!r}")
            seen[key] = text
    return clashes


@pytest.fixture(params=["en", "es"])
def language(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def each_screen(qtbot: QtBot, window: MainWindow) -> Iterator[tuple[str, QWidget]]:
    """The unlock screen, every page, and every dialog the pages open."""
    yield "unlock screen", window
    forgot = window.unlock_screen.open_forgot_dialog()
    yield "forgot passphrase, key step", forgot
    forgot.reject()
    unlock(window)
    workspace = window.workspace
    assert workspace is not None
    for key in workspace.page_keys():
        workspace.show_page(key)
        yield f"page {key}", window
    workspace.show_page("marketplace")
    tabs = workspace.marketplace.tabs
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        yield f"marketplace tab {tabs.tabText(index)}", window
    asked = WalletPassphraseDialog("sign the offer", workspace.marketplace)
    asked.open()
    yield "wallet passphrase dialog", asked
    asked.reject()
    workspace.show_page("family")
    dialog = workspace.family.open_add_dialog()
    yield "add member dialog", dialog
    dialog.reject()
    change = workspace.family.open_passphrase_dialog()
    assert change is not None
    yield "change passphrase dialog", change
    change.reject()
    kit = RecoveryKitDialog(window.vault_path, "Ana", "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567")
    qtbot.addWidget(kit)
    kit.show()
    yield "new recovery key dialog", kit


def test_every_focusable_control_has_a_name_and_shortcuts_do_not_clash(
    qtbot: QtBot, window: MainWindow, language: str
) -> None:
    if language == "es":
        window.set_language("es")
        qtbot.waitUntil(lambda: window.unlock_screen.unlock_button.text() == "&Desbloquear")
    problems = {}
    for name, screen in each_screen(qtbot, window):
        found = unnamed(screen) + [f"shortcut clash: {c}" for c in shortcut_clashes(screen)]
        if found:
            problems[name] = found
    assert problems == {}


def test_first_run_wizard_controls_have_names_and_distinct_shortcuts(
    qtbot: QtBot, vault_path: Path
) -> None:
    wizard = FirstRunWizard(vault_path)
    qtbot.addWidget(wizard)
    wizard.show()
    problems = {}
    wizard.name_page.name.setText("Ana")
    for step in ("name", "passphrase", "recovery kit"):
        found = unnamed(wizard) + [f"shortcut clash: {c}" for c in shortcut_clashes(wizard)]
        if found:
            problems[step] = found
        if step == "passphrase":
            fields = wizard.passphrase_page.passphrase
            fields.first.setText("lantern orchard pebble violin")
            fields.second.setText("lantern orchard pebble violin")
        wizard.next()
    assert wizard.currentPage() is wizard.kit_page
    assert problems == {}
    wizard.kit_page.panel.confirm_box.setChecked(True)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    vault = wizard.take_vault()
    assert vault is not None
    vault.close()


def test_unlock_screen_tab_order_follows_the_reading_order(window: MainWindow) -> None:
    screen = window.unlock_screen
    wanted = [screen.members, screen.passphrase, screen.unlock_button, screen.forgot_button]
    order: list[QWidget] = []
    widget = screen.members
    for _ in range(200):
        if widget in wanted and widget not in order:
            order.append(widget)
        widget = widget.nextInFocusChain()
    assert order == wanted


def test_enter_in_a_dialog_presses_its_default_button(qtbot: QtBot, unlocked: MainWindow) -> None:
    workspace = unlocked.workspace
    assert workspace is not None
    workspace.show_page("family")
    dialog = workspace.family.open_add_dialog()
    dialog.name.setText("Cleo")
    dialog.passphrase.first.setText("river stone cedar lamp")
    dialog.passphrase.second.setText("river stone cedar lamp")
    assert dialog.ok_button.isDefault()
    qtbot.keyClick(dialog.passphrase.second, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert unlocked.vault is not None
    assert "Cleo" in [m.name for m in unlocked.vault.members()]

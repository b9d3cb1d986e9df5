"""The first-run wizard creates a real vault and hands out the recovery kit."""

from __future__ import annotations

import logging
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QWizard
from pytestqt.qtbot import QtBot

from hearth.errors import WrongPassphrase
from hearth.ui.app import start
from hearth.ui.first_run import FirstRunWizard
from hearth.ui.main_window import MainWindow
from hearth.ui.preferences import Preferences
from hearth.vault import Role, Vault
from tests.conftest import PASSPHRASE


def pdf_text(pdf: Path) -> str:
    """The PDF's text as poppler reads it (what a person's PDF viewer would show)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (Debian's poppler-utils, installed by make test) is missing")
    done = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
    return done.stdout


def make_wizard(qtbot: QtBot, vault_path: Path) -> FirstRunWizard:
    wizard = FirstRunWizard(vault_path)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard


def walk_to_recovery_kit(qtbot: QtBot, wizard: FirstRunWizard, passphrase: str) -> None:
    qtbot.keyClicks(wizard.name_page.name, "Ana")
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    fields = wizard.passphrase_page.passphrase
    qtbot.keyClicks(fields.first, passphrase)
    qtbot.keyClicks(fields.second, passphrase)
    create = wizard.button(QWizard.WizardButton.CommitButton)
    assert create.isEnabled()
    qtbot.mouseClick(create, Qt.MouseButton.LeftButton)


def save_kit_through_file_dialog(qtbot: QtBot, wizard: FirstRunWizard, target: Path) -> None:
    panel = wizard.kit_page.panel
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    dialog = panel.findChild(QFileDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.selectFile(str(target))
    dialog.accept()


def test_wizard_creates_vault_and_saves_recovery_kit_pdf(
    qtbot: QtBot, vault_path: Path, tmp_path: Path
) -> None:
    wizard = make_wizard(qtbot, vault_path)
    walk_to_recovery_kit(qtbot, wizard, PASSPHRASE)

    assert wizard.currentPage() is wizard.kit_page
    assert Vault.exists(vault_path)
    key = wizard.kit_page.panel.key_label.text().replace("\n", "")
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert not finish.isEnabled(), "Finish must wait for the recovery key confirmation"

    kit = tmp_path / "kit" / "Hearth recovery kit.pdf"
    kit.parent.mkdir()
    save_kit_through_file_dialog(qtbot, wizard, kit)
    assert kit.read_bytes().startswith(b"%PDF")
    assert kit.stat().st_mode & 0o077 == 0, "the kit holds a key: owner-only permissions"
    text = pdf_text(kit)
    assert "Hearth recovery kit" in text
    assert "Ana" in text
    assert str(vault_path) in text
    # A dash at the end of a line comes out of the PDF as U+FFFE (a soft line-end dash).
    flat = "".join(text.split()).replace("-", "").replace("\ufffe", "")
    assert key.replace("-", "") in flat

    wizard.kit_page.panel.confirm_box.setChecked(True)
    assert finish.isEnabled()
    qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)
    assert wizard.result() == QWizard.DialogCode.Accepted.value
    vault = wizard.take_vault()
    assert vault is not None and vault.member is not None
    assert (vault.member.name, vault.member.role) == ("Ana", Role.OWNER)
    vault.close()
    with Vault.unlock_with_recovery_key(vault_path, key):
        pass
    with Vault.unlock(vault_path, "Ana", PASSPHRASE):
        pass


def test_create_waits_for_two_matching_passphrases_of_eight_characters(
    qtbot: QtBot, vault_path: Path
) -> None:
    wizard = make_wizard(qtbot, vault_path)
    qtbot.keyClicks(wizard.name_page.name, "Ana")
    wizard.next()
    fields = wizard.passphrase_page.passphrase
    create = wizard.button(QWizard.WizardButton.CommitButton)

    qtbot.keyClicks(fields.first, "short")
    assert not create.isEnabled()
    assert "at least 8 characters" in fields.hint.text()
    qtbot.keyClicks(fields.first, " but long now")
    qtbot.keyClicks(fields.second, "short but long")
    assert not create.isEnabled()
    assert fields.hint.text() == "The two passphrases are not the same yet."
    qtbot.keyClicks(fields.second, " now")
    assert create.isEnabled()
    assert not Vault.exists(vault_path)


def test_strength_meter_says_in_words_what_to_do(qtbot: QtBot, vault_path: Path) -> None:
    wizard = make_wizard(qtbot, vault_path)
    qtbot.keyClicks(wizard.name_page.name, "Ana")
    wizard.next()
    fields = wizard.passphrase_page.passphrase

    fields.first.setText("password")
    assert fields.words.text().startswith("Very weak")
    fields.first.setText("ana12345")  # the person's own name is among the first guesses
    assert fields.words.text().startswith(("Very weak", "Weak"))
    fields.first.setText("lantern orchard pebble violin")
    assert fields.words.text() == "Strong: very hard to guess"
    assert fields.meter.value() == fields.meter.maximum()


def test_passphrase_page_warns_that_it_cannot_be_recovered(qtbot: QtBot, vault_path: Path) -> None:
    wizard = make_wizard(qtbot, vault_path)
    qtbot.keyClicks(wizard.name_page.name, "Ana")
    wizard.next()
    sentences = [label.text() for label in wizard.passphrase_page.findChildren(QLabel)]
    assert any("cannot recover a forgotten passphrase" in s for s in sentences)


def test_wizard_stays_open_until_recovery_key_is_confirmed(qtbot: QtBot, vault_path: Path) -> None:
    wizard = make_wizard(qtbot, vault_path)
    walk_to_recovery_kit(qtbot, wizard, PASSPHRASE)

    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert wizard.isVisible()
    assert "recovery key first" in wizard.kit_page.panel.bar.text()
    assert wizard.vault is not None

    wizard.kit_page.panel.confirm_box.setChecked(True)
    wizard.reject()
    assert not wizard.isVisible()
    # Leaving after confirming closes the vault: its LOCK is free again.
    with Vault.unlock(vault_path, "Ana", PASSPHRASE):
        pass


def test_existing_vault_is_reported_on_the_passphrase_page(qtbot: QtBot, vault_path: Path) -> None:
    Vault.create(vault_path, "Someone", PASSPHRASE)[0].close()
    wizard = make_wizard(qtbot, vault_path)
    walk_to_recovery_kit(qtbot, wizard, PASSPHRASE)

    assert wizard.currentPage() is wizard.passphrase_page
    assert wizard.passphrase_page.bar.text().startswith("There is already a vault at")
    with pytest.raises(WrongPassphrase):
        Vault.unlock(vault_path, "Someone", "not the passphrase at all")


def test_wizard_never_logs_passphrase_or_recovery_key(
    qtbot: QtBot, vault_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    wizard = make_wizard(qtbot, vault_path)
    walk_to_recovery_kit(qtbot, wizard, PASSPHRASE)
    key = wizard.kit_page.panel.key_label.text().replace("\n", "")
    wizard.kit_page.panel.confirm_box.setChecked(True)
    wizard.accept()
    vault = wizard.take_vault()
    assert vault is not None
    vault.close()

    assert PASSPHRASE not in caplog.text
    assert key not in caplog.text
    assert wizard.kit_page.panel.key_label.text() == "", "the key leaves the screen at the end"
    assert wizard.passphrase_page.passphrase.first.text() == ""


def test_start_without_a_vault_runs_the_wizard_then_opens_the_new_vault(
    qtbot: QtBot, vault_path: Path, preferences: Preferences
) -> None:
    window = MainWindow(vault_path, preferences)
    qtbot.addWidget(window)
    wizard = start(window)
    assert wizard is not None and wizard.isVisible()
    assert not window.isVisible()

    walk_to_recovery_kit(qtbot, wizard, PASSPHRASE)
    wizard.kit_page.panel.confirm_box.setChecked(True)
    wizard.button(QWizard.WizardButton.FinishButton).click()

    assert window.isVisible()
    assert window.vault is not None
    assert window.workspace is not None and window.workspace.current_key() == "home"


def test_start_with_a_vault_shows_the_unlock_screen(
    qtbot: QtBot, vault_path: Path, preferences: Preferences
) -> None:
    Vault.create(vault_path, "Ana", PASSPHRASE)[0].close()
    window = MainWindow(vault_path, preferences)
    qtbot.addWidget(window)
    assert start(window) is None
    assert window.isVisible()
    assert window.stack.currentWidget() is window.unlock_screen


def test_wizard_creates_the_vault_on_the_worker_thread(
    qtbot: QtBot, vault_path: Path, threaded_worker: None
) -> None:
    wizard = make_wizard(qtbot, vault_path)
    walk_to_recovery_kit(qtbot, wizard, PASSPHRASE)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.kit_page, timeout=30_000)
    assert wizard.kit_page.panel.key_label.text()
    wizard.kit_page.panel.confirm_box.setChecked(True)
    wizard.accept()
    vault = wizard.take_vault()
    assert vault is not None
    vault.close()

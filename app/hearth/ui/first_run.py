"""The first-run wizard: your name, a passphrase, then the recovery kit.

The vault is created when the person leaves the passphrase page (a commit page: there is
no going back once it exists). Creating derives a key for half a second, so it runs on the
worker while the page says what is happening. The wizard ends only after the person
confirms they kept the recovery key, which Hearth cannot show again.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from hearth.progress import CancelToken, ProgressCallback
from hearth.ui.errors import report_error
from hearth.ui.i18n import fill
from hearth.ui.icons import app_icon
from hearth.ui.message_bar import MessageBar
from hearth.ui.passphrase_fields import PassphraseFields
from hearth.ui.recovery_kit import RecoveryKitPanel
from hearth.ui.worker import run_task
from hearth.vault import Vault


class NamePage(QWizardPage):
    def __init__(self, vault_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Welcome to Hearth"))
        self.setSubTitle(
            self.tr(
                "Hearth keeps the data your family's devices and apps export in an encrypted "
                "vault on this computer, and lets you decide who may use it."
            )
        )
        self.name = QLineEdit(self)
        self.name.setAccessibleName(self.tr("Your name"))
        self.name.setPlaceholderText(self.tr("e.g. Ana"))
        self.name.setMaxLength(60)
        self.registerField("name*", self.name)
        owner_note = QLabel(
            self.tr(
                "You will be the vault's owner: you add the rest of the family later, each "
                "with their own passphrase."
            ),
            self,
        )
        owner_note.setWordWrap(True)
        where = QLabel(fill(self.tr("The vault will be kept in %1."), vault_path), self)
        where.setObjectName("Hint")
        where.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("&Your name:"), self.name)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(owner_note)
        layout.addStretch(1)
        layout.addWidget(where)


class PassphrasePage(QWizardPage):
    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self._working = False
        self.setTitle(self.tr("Choose a passphrase"))
        self.setSubTitle(
            self.tr(
                "You will type it each time you open Hearth. A few unrelated words are easy "
                "to remember and hard to guess."
            )
        )
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Create vault"))
        self.bar = MessageBar(self)
        self.passphrase = PassphraseFields(self, known_words=lambda: [str(self.field("name"))])
        self.passphrase.changed.connect(self.completeChanged)
        warning = QLabel(
            self.tr(
                "Hearth cannot recover a forgotten passphrase. If you forget it, only the "
                "recovery key you get on the next page can open the vault."
            ),
            self,
        )
        warning.setObjectName("Warning")
        warning.setWordWrap(True)
        self.status = QLabel(self)
        self.status.setObjectName("Hint")
        form = QFormLayout()
        self.passphrase.add_to(form)
        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addLayout(form)
        layout.addWidget(warning)
        layout.addStretch(1)
        layout.addWidget(self.status)

    def initializePage(self) -> None:
        self.passphrase.refresh()

    def isComplete(self) -> bool:
        return not self._working and self.passphrase.passphrase() is not None

    def validatePage(self) -> bool:
        if self._wizard.vault is not None:
            return True
        passphrase = self.passphrase.passphrase()
        if passphrase is None or self._working:
            return False
        self._create(str(self.field("name")).strip(), passphrase)
        # The wizard moves on by itself once the vault exists (see _created).
        return False

    def is_working(self) -> bool:
        return self._working

    def _create(self, name: str, passphrase: str) -> None:
        path = self._wizard.vault_path

        def create(_progress: ProgressCallback, _cancel: CancelToken) -> tuple[Vault, str]:
            return Vault.create(path, name, passphrase)

        self._set_working(True)
        self.bar.clear()
        run_task(create, on_done=self._created, on_error=self._failed, context=self)

    def _created(self, made: tuple[Vault, str]) -> None:
        vault, key = made
        self._set_working(False)
        self.passphrase.clear()
        self._wizard.vault_created(vault, key)

    def _failed(self, error: BaseException) -> None:
        self._set_working(False)
        report_error(error, self.bar)

    def _set_working(self, working: bool) -> None:
        self._working = working
        self.status.setText(self.tr("Creating your vault… this takes a moment.") if working else "")
        for field in (self.passphrase.first, self.passphrase.second, self.passphrase.show_box):
            field.setEnabled(not working)
        self.completeChanged.emit()


class RecoveryKitPage(QWizardPage):
    def __init__(self, vault_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Keep your recovery key safe"))
        self.setSubTitle(self.tr("Your vault is ready. One last, important step."))
        self.panel = RecoveryKitPanel(vault_path, "", self)
        self.panel.confirmed_changed.connect(self.completeChanged)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel)
        self.setFinalPage(True)

    def isComplete(self) -> bool:
        return self.panel.is_confirmed()


class FirstRunWizard(QWizard):
    """Creates the vault; after `accepted`, `take_vault()` hands over the open vault."""

    def __init__(self, vault_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vault_path = vault_path
        self.vault: Vault | None = None
        self.setWindowTitle(self.tr("Welcome to Hearth"))
        self.setWindowIcon(app_icon())
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setPixmap(QWizard.WizardPixmap.LogoPixmap, app_icon().pixmap(QSize(48, 48)))
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Open my vault"))
        self.name_page = NamePage(vault_path, self)
        self.passphrase_page = PassphrasePage(self)
        self.kit_page = RecoveryKitPage(vault_path, self)
        for page in (self.name_page, self.passphrase_page, self.kit_page):
            self.addPage(page)
        for which, name in (
            (QWizard.WizardButton.NextButton, self.tr("Next")),
            (QWizard.WizardButton.BackButton, self.tr("Back")),
            (QWizard.WizardButton.CancelButton, self.tr("Cancel")),
            (QWizard.WizardButton.CommitButton, self.tr("Create vault")),
            (QWizard.WizardButton.FinishButton, self.tr("Open my vault")),
        ):
            button = self.button(which)
            if button is not None:
                button.setAccessibleName(name)
        self.resize(680, 560)

    def vault_created(self, vault: Vault, key: str) -> None:
        """Called by the passphrase page once the vault exists: on to the recovery kit."""
        self.vault = vault
        self.kit_page.panel.set_key(key, vault.member.name if vault.member else "")
        self.next()

    def take_vault(self) -> Vault | None:
        vault, self.vault = self.vault, None
        return vault

    def reject(self) -> None:
        if self.passphrase_page.is_working():
            return
        if self.vault is not None and not self.kit_page.panel.is_confirmed():
            # The vault exists and its recovery key would be lost with this window.
            self.kit_page.panel.bar.show_error(
                self.tr("Save or write down your recovery key first, then tick the box below.")
            )
            return
        super().reject()

    def done(self, result: int) -> None:
        self.kit_page.panel.clear()
        if result != QWizard.DialogCode.Accepted.value and self.vault is not None:
            self.vault.close()
            self.vault = None
        super().done(result)

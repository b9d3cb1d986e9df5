"""When a passphrase is forgotten: open the vault with the recovery key, set a new passphrase.

The vault opened by the recovery key is held only as long as this dialog: it can set
passphrases and nothing else, and it is closed again whatever way the dialog ends. The
person then unlocks as usual with the new passphrase, which helps them remember it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from hearth.progress import CancelToken, ProgressCallback
from hearth.ui.errors import report_error
from hearth.ui.message_bar import MessageBar
from hearth.ui.passphrase_fields import PassphraseFields
from hearth.ui.worker import run_task
from hearth.vault import Vault


class ForgotPassphraseDialog(QDialog):
    passphrase_reset = Signal(str)  # the member whose passphrase was set

    def __init__(self, vault_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Forgot your passphrase?"))
        self.setModal(True)
        self._path = vault_path
        self._vault: Vault | None = None
        self._working = False
        self.bar = MessageBar(self)
        self.steps = QStackedWidget(self)

        key_step = QWidget(self)
        key_intro = QLabel(
            self.tr(
                "Type the recovery key from the recovery kit you printed when the vault was "
                "made. Capitals and dashes do not matter."
            ),
            key_step,
        )
        key_intro.setWordWrap(True)
        self.key = QLineEdit(key_step)
        self.key.setAccessibleName(self.tr("Recovery key"))
        self.key.setPlaceholderText("ABCD-EFGH-…")
        self.key.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        key_form = QFormLayout()
        key_form.addRow(self.tr("Recovery &key:"), self.key)
        key_layout = QVBoxLayout(key_step)
        key_layout.setContentsMargins(0, 0, 0, 0)
        key_layout.addWidget(key_intro)
        key_layout.addLayout(key_form)
        key_layout.addStretch(1)

        passphrase_step = QWidget(self)
        passphrase_intro = QLabel(
            self.tr("The recovery key fits. Now choose whose passphrase to set, and the new one."),
            passphrase_step,
        )
        passphrase_intro.setWordWrap(True)
        self.member = QComboBox(passphrase_step)
        self.member.setAccessibleName(self.tr("Member"))
        self.passphrase = PassphraseFields(
            passphrase_step, known_words=lambda: [self.member.currentText()]
        )
        passphrase_form = QFormLayout()
        passphrase_form.addRow(self.tr("&Member:"), self.member)
        self.passphrase.add_to(passphrase_form)
        passphrase_layout = QVBoxLayout(passphrase_step)
        passphrase_layout.setContentsMargins(0, 0, 0, 0)
        passphrase_layout.addWidget(passphrase_intro)
        passphrase_layout.addLayout(passphrase_form)
        passphrase_layout.addStretch(1)
        self.steps.addWidget(key_step)
        self.steps.addWidget(passphrase_step)

        self.status = QLabel(self)
        self.status.setObjectName("Hint")
        self.buttons = QDialogButtonBox(self)
        self.next_button: QPushButton = self.buttons.addButton(
            self.tr("&Continue"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.next_button.setAccessibleName(self.tr("Continue"))
        self.next_button.setDefault(True)
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName(self.tr("Cancel"))
        self.buttons.accepted.connect(self._next)
        self.buttons.rejected.connect(self.reject)
        self.key.textChanged.connect(self._update)
        self.passphrase.changed.connect(self._update)

        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addWidget(self.steps)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(500)
        self._update()

    def on_passphrase_step(self) -> bool:
        return self.steps.currentIndex() == 1

    def done(self, result: int) -> None:
        if self._working:
            return  # a key derivation is running; it cannot be stopped half-way
        self._close_vault()
        self.key.clear()
        self.passphrase.clear()
        super().done(result)

    def _next(self) -> None:
        if self._working:
            return
        self.bar.clear()
        if self.on_passphrase_step():
            self._set_passphrase()
        else:
            self._open_with_key()

    def _open_with_key(self) -> None:
        path, key = self._path, self.key.text()

        def open_vault(_progress: ProgressCallback, _cancel: CancelToken) -> Vault:
            return Vault.unlock_with_recovery_key(path, key)

        def opened(vault: Vault) -> None:
            self._set_working(False)
            self._vault = vault
            self.key.clear()
            self.member.clear()
            self.member.addItems([m.name for m in vault.members()])
            self.steps.setCurrentIndex(1)
            self.next_button.setText(self.tr("&Set new passphrase"))
            self.next_button.setAccessibleName(self.tr("Set new passphrase"))
            self.member.setFocus()
            self._update()

        self._set_working(True)
        run_task(open_vault, on_done=opened, on_error=self._failed, context=self)

    def _set_passphrase(self) -> None:
        vault, passphrase = self._vault, self.passphrase.passphrase()
        name = self.member.currentText()
        if vault is None or passphrase is None or not name:
            return

        def change(_progress: ProgressCallback, _cancel: CancelToken) -> None:
            vault.change_passphrase(name, passphrase)

        def changed(_result: None) -> None:
            self._set_working(False)
            self.passphrase_reset.emit(name)
            self.accept()

        self._set_working(True)
        run_task(change, on_done=changed, on_error=self._failed, context=self)

    def _failed(self, error: BaseException) -> None:
        self._set_working(False)
        report_error(error, self.bar)
        if not self.on_passphrase_step():
            self.key.selectAll()
            self.key.setFocus()

    def _set_working(self, working: bool) -> None:
        self._working = working
        self.steps.setEnabled(not working)
        self.status.setText(self.tr("Checking… this takes a moment.") if working else "")
        self._update()

    def _update(self) -> None:
        if self.on_passphrase_step():
            ready = self.passphrase.passphrase() is not None
        else:
            ready = bool(self.key.text().strip())
        self.next_button.setEnabled(ready and not self._working)

    def _close_vault(self) -> None:
        if self._vault is not None:
            self._vault.close()
            self._vault = None

"""Ask for the member's passphrase when their wallet is a keystore file in the vault folder.

A keyring wallet opens without it. The passphrase is checked by the core when the key is
needed (after the person approved in the signing dialog); a wrong one is said in the page's
message bar and nothing is signed.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from hearth.ui.i18n import fill


class WalletPassphraseDialog(QDialog):
    def __init__(self, why: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._answer = ""
        self.setWindowTitle(self.tr("Your passphrase"))
        self.setModal(True)
        intro = QLabel(
            fill(
                self.tr(
                    "Your wallet's key is kept in a file encrypted with your passphrase. "
                    "Type it to %1."
                ),
                why,
            ),
            self,
        )
        intro.setWordWrap(True)
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(self.tr("Your passphrase"))
        form = QFormLayout()
        form.addRow(self.tr("&Passphrase:"), self.passphrase)
        label = form.labelForField(self.passphrase)
        if isinstance(label, QLabel):
            label.setBuddy(self.passphrase)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setEnabled(False)
        self.passphrase.textChanged.connect(lambda text: self.ok_button.setEnabled(bool(text)))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def done(self, result: int) -> None:
        self._answer = self.passphrase.text() if result == QDialog.DialogCode.Accepted else ""
        self.passphrase.clear()  # not kept in a widget after the question
        super().done(result)

    def answer(self) -> str | None:
        return self._answer or None


def ask_wallet_passphrase(parent: QWidget, why: str) -> str | None:
    """The passphrase typed, or None when the person cancelled."""
    dialog = WalletPassphraseDialog(why, parent)
    try:
        dialog.exec()
        return dialog.answer()
    finally:
        dialog.deleteLater()

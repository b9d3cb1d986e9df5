"""Export the wallet as a keystore file (Web3 Secret Storage) under a new password.

The file holds the key itself, encrypted: MetaMask, geth and Hearth open it with the password
chosen here. Like showing the words, it asks for the member's passphrase again.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from hearth.atomic import write_atomically
from hearth.errors import BadInput
from hearth.progress import CancelToken, ProgressCallback
from hearth.ui.action_dialog import ActionDialog
from hearth.ui.i18n import fill
from hearth.vault import Vault
from hearth.wallet.info import MIN_KEYSTORE_PASSWORD, WalletInfo


def save_keystore(vault: Vault, path: Path, password: str, passphrase: str) -> None:
    """Write the wallet's keystore JSON to ``path`` (a new file, owner-only permissions)."""
    if path.exists():
        raise BadInput(f"There is already a file called {path.name} there; choose another name.")
    if not path.parent.is_dir():
        raise BadInput(f"The folder {path.parent} does not exist; choose another place.")
    from hearth.wallet import accounts  # (loads eth-account: only when used)

    text = accounts.export_keystore(vault, password, passphrase)
    try:
        write_atomically(path, text.encode("utf-8"), mode=0o600)
    except OSError as error:
        raise BadInput(
            f"Hearth could not write {path} ({error.strerror or error}); choose another folder."
        ) from None


class ExportKeystoreDialog(ActionDialog):
    def __init__(self, vault: Vault, info: WalletInfo, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Export keystore file"), self.tr("E&xport"), parent)
        self._vault = vault
        self.set_intro(
            self.tr(
                "A keystore file holds your wallet's key, encrypted with a password you choose "
                "now; MetaMask, geth and Hearth can open it. Keep the file and its password in "
                "different places."
            )
        )
        self.passphrase = self._secret_field(self.tr("Your passphrase"))
        self.password = self._secret_field(self.tr("New password for the file"))
        self.again = self._secret_field(self.tr("New password again"))
        self.path = QLineEdit(str(Path.home() / f"hearth-wallet-{info.address[:10]}.json"), self)
        self.path.setAccessibleName(self.tr("Save as"))
        self.browse = QPushButton(self.tr("&Browse…"), self)
        self.browse.setAccessibleName(self.tr("Choose where to save"))
        self.browse.setAutoDefault(False)
        self.browse.clicked.connect(self.choose_path)
        where = QWidget(self)
        row = QHBoxLayout(where)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        self.form.addRow(self.tr("Your &passphrase:"), self.passphrase)
        self.form.addRow(self.tr("&New file password:"), self.password)
        self.form.addRow(self.tr("&Repeat it:"), self.again)
        self.form.addRow(self.tr("Save &as:"), where)
        self.problem = QLabel(self)
        self.problem.setObjectName("Hint")
        self.problem.setWordWrap(True)
        self.form.addRow("", self.problem)
        for field in (self.passphrase, self.password, self.again, self.path):
            field.textChanged.connect(self._update)
        self._update()

    def choose_path(self) -> None:
        dialog = QFileDialog(self, self.tr("Save keystore file"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setNameFilter(self.tr("Keystore files (*.json)"))
        dialog.setDefaultSuffix("json")
        dialog.selectFile(self.path.text())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(self.path.setText)
        dialog.open()

    def work(self) -> tuple[Callable[[ProgressCallback, CancelToken], Any], str] | None:
        if self._missing():
            return None
        vault = self._vault
        path = Path(self.path.text().strip()).expanduser()
        password, passphrase = self.password.text(), self.passphrase.text()

        def export(_progress: ProgressCallback, _cancel: CancelToken) -> None:
            save_keystore(vault, path, password, passphrase)

        return export, fill(
            self.tr("Keystore file saved as %1. It opens only with the password you chose."),
            path,
        )

    def done(self, result: int) -> None:
        for field in (self.passphrase, self.password, self.again):
            field.clear()
        super().done(result)

    def _secret_field(self, name: str) -> QLineEdit:
        field = QLineEdit(self)
        field.setEchoMode(QLineEdit.EchoMode.Password)
        field.setAccessibleName(name)
        return field

    def _missing(self) -> str:
        if not self.passphrase.text():
            return self.tr("Type your passphrase: exporting the key needs it again.")
        if len(self.password.text()) < MIN_KEYSTORE_PASSWORD:
            return fill(
                self.tr("The file's password needs at least %1 characters."),
                MIN_KEYSTORE_PASSWORD,
            )
        if self.again.text() != self.password.text():
            return self.tr("The two passwords are not the same yet.")
        if not self.path.text().strip():
            return self.tr("Choose where to save the file.")
        return ""

    def _update(self) -> None:
        missing = self._missing()
        self.problem.setText(missing)
        self.set_ready(not missing)

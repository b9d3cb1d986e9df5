"""Bring a wallet back: from its 12 or 24 backup words, or from a keystore file and its password."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QWidget,
)

from hearth.errors import BadInput
from hearth.progress import CancelToken, ProgressCallback
from hearth.ui.action_dialog import ActionDialog
from hearth.vault import Vault
from hearth.wallet.info import Storage, WalletInfo

# Keystore files are about 500 bytes; anything this big is not one.
MAX_KEYSTORE_BYTES = 1_000_000


def read_keystore_text(path: Path) -> str:
    """The text of a keystore file someone chose, or `BadInput` saying why it cannot be read."""
    try:
        if path.stat().st_size > MAX_KEYSTORE_BYTES:
            raise BadInput(f"{path.name} is far too large to be a keystore file.")
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        raise BadInput(
            f"Hearth could not read {path}; check that the file is there and is a keystore file."
        ) from None


class RestoreWalletDialog(ActionDialog):
    def __init__(
        self,
        vault: Vault,
        storage: Storage,
        passphrase: str | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Restore a wallet"), self.tr("&Restore wallet"), parent)
        self._vault = vault
        self._storage = storage
        self._passphrase = passphrase
        self.set_intro(
            self.tr(
                "Type your backup words in order, separated by spaces, or choose a keystore "
                "file and type the password it was saved with."
            )
        )
        self.from_words = QRadioButton(self.tr("From backup &words"), self)
        self.from_words.setChecked(True)
        self.words = QPlainTextEdit(self)
        self.words.setAccessibleName(self.tr("Backup words"))
        self.words.setPlaceholderText(self.tr("word1 word2 word3 …"))
        self.words.setTabChangesFocus(True)
        self.words.setFixedHeight(84)
        self.from_file = QRadioButton(self.tr("From a &keystore file"), self)
        self.path = QLineEdit(self)
        self.path.setAccessibleName(self.tr("Keystore file"))
        self.browse = QPushButton(self.tr("&Browse…"), self)
        self.browse.setAccessibleName(self.tr("Choose the keystore file"))
        self.browse.setAutoDefault(False)
        self.browse.clicked.connect(self.choose_file)
        file_row = QWidget(self)
        row = QHBoxLayout(file_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("The keystore file's password"))
        self.form.addRow(self.from_words)
        self.form.addRow(self.words)
        self.form.addRow(self.from_file)
        self.form.addRow(self.tr("File:"), file_row)
        self.form.addRow(self.tr("File &password:"), self.password)
        for signal in (
            self.from_words.toggled,
            self.words.textChanged,
            self.path.textChanged,
            self.password.textChanged,
        ):
            signal.connect(self._update)
        self._update()

    def choose_file(self) -> None:
        dialog = QFileDialog(self, self.tr("Choose a keystore file"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setNameFilters([self.tr("Keystore files (*.json *)")])
        dialog.setDirectory(str(Path.home()))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(self.path.setText)
        dialog.open()

    def work(self) -> tuple[Callable[[ProgressCallback, CancelToken], Any], str] | None:
        vault, storage, passphrase = self._vault, self._storage, self._passphrase
        if self.from_words.isChecked():
            words = self.words.toPlainText()
            if not words.strip():
                return None

            def restore(_progress: ProgressCallback, _cancel: CancelToken) -> WalletInfo:
                from hearth.wallet import accounts  # (loads eth-account: only when used)

                return accounts.restore_from_words(vault, words, storage, passphrase)

        else:
            path, password = Path(self.path.text().strip()), self.password.text()
            if not self.path.text().strip() or not password:
                return None

            def restore(_progress: ProgressCallback, _cancel: CancelToken) -> WalletInfo:
                from hearth.wallet import accounts

                text = read_keystore_text(path)
                return accounts.restore_from_keystore(vault, text, password, storage, passphrase)

        return restore, self.tr("Your wallet is back. Check that the address is the one you know.")

    def done(self, result: int) -> None:
        # The words are the wallet: they leave the dialog with it.
        self.words.clear()
        self.password.clear()
        super().done(result)

    def _update(self) -> None:
        by_words = self.from_words.isChecked()
        self.words.setEnabled(by_words)
        for widget in (self.path, self.browse, self.password):
            widget.setEnabled(not by_words)
        if by_words:
            self.set_ready(bool(self.words.toPlainText().strip()))
        else:
            self.set_ready(bool(self.path.text().strip()) and bool(self.password.text()))

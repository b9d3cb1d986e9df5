"""Before a member has a wallet: create one (12 or 24 words) or restore one.

Where the system keyring cannot keep a secret, the panel says so in a sentence and offers,
as an explicit choice, a keystore file in the vault folder encrypted under the member's
passphrase. Nothing is ever kept in plaintext, and nothing falls back silently.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hearth.progress import CancelToken, ProgressCallback
from hearth.ui.errors import report_error
from hearth.ui.i18n import fill
from hearth.ui.message_bar import MessageBar
from hearth.ui.pages.wallet_restore import RestoreWalletDialog
from hearth.ui.worker import run_task
from hearth.vault import Vault
from hearth.wallet import secret_store
from hearth.wallet.info import Storage, WalletInfo
from hearth.wallet.secret_store import NoUsableKeyring

# (storage, the member's passphrase for a keystore file)
StorageChoice = tuple[Storage, str | None]


class WalletStart(QWidget):
    """Create or restore; ``made`` carries the sentence to show once a wallet exists."""

    made = Signal(str)

    def __init__(self, vault: Vault, bar: MessageBar, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vault = vault
        self._bar = bar
        self._keyring_usable: bool | None = None  # None while checking
        self._busy = False
        lead = QLabel(
            self.tr(
                "You have no wallet yet. A wallet receives what buyers pay you and signs "
                "your offers. Its key stays on this computer, and Hearth asks you before it "
                "signs anything."
            ),
            self,
        )
        lead.setObjectName("Lead")
        lead.setWordWrap(True)

        self.no_keyring = QFrame(self)
        self.no_keyring.setObjectName("Card")
        sentence = QLabel(
            self.tr(
                "This computer has no system keyring Hearth can use (none is installed, or it "
                "is locked), so there is nowhere safe to keep your wallet's key. You can keep "
                "it in a file in the vault folder instead, encrypted with your passphrase."
            ),
            self.no_keyring,
        )
        sentence.setObjectName("Warning")
        sentence.setWordWrap(True)
        self.use_file = QCheckBox(
            self.tr("Keep the key in a &file in the vault folder, encrypted with my passphrase"),
            self.no_keyring,
        )
        self.use_file.setAccessibleName(
            self.tr("Keep the key in a file in the vault folder, encrypted with my passphrase")
        )
        self.passphrase = QLineEdit(self.no_keyring)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(self.tr("Your passphrase"))
        self.passphrase.setEnabled(False)
        passphrase_label = QLabel(self.tr("Your &passphrase:"), self.no_keyring)
        passphrase_label.setBuddy(self.passphrase)
        self.use_file.toggled.connect(self.passphrase.setEnabled)
        self.use_file.toggled.connect(self._update)
        self.passphrase.textChanged.connect(self._update)
        file_form = QFormLayout()
        file_form.addRow(passphrase_label, self.passphrase)
        card = QVBoxLayout(self.no_keyring)
        card.addWidget(sentence)
        card.addWidget(self.use_file)
        card.addLayout(file_form)
        self.no_keyring.hide()

        self.word_count = QComboBox(self)
        self.word_count.setAccessibleName(self.tr("Number of backup words"))
        self.word_count.addItem(self.tr("12 words"), 12)
        self.word_count.addItem(self.tr("24 words"), 24)
        self.word_count.setToolTip(
            self.tr("Both are safe; 24 words are what some hardware wallets use.")
        )
        words_label = QLabel(self.tr("&Backup words:"), self)
        words_label.setBuddy(self.word_count)
        self.create_button = QPushButton(self.tr("&Create a wallet"), self)
        self.create_button.setAccessibleName(self.tr("Create a wallet"))
        self.create_button.clicked.connect(self.make_wallet)
        create_row = QHBoxLayout()
        create_row.addWidget(words_label)
        create_row.addWidget(self.word_count)
        create_row.addWidget(self.create_button)
        create_row.addStretch(1)

        restore_intro = QLabel(
            self.tr(
                "Have a wallet already? Bring it back from its backup words, or from a "
                "keystore file (as MetaMask and geth export them)."
            ),
            self,
        )
        restore_intro.setWordWrap(True)
        self.restore_button = QPushButton(self.tr("&Restore a wallet…"), self)
        self.restore_button.setAccessibleName(self.tr("Restore a wallet"))
        self.restore_button.clicked.connect(self.open_restore_dialog)
        restore_row = QHBoxLayout()
        restore_row.addWidget(self.restore_button)
        restore_row.addStretch(1)

        self.status = QLabel(self)
        self.status.setObjectName("Hint")
        self.status.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(lead)
        layout.addWidget(self.no_keyring)
        layout.addLayout(create_row)
        layout.addSpacing(8)
        layout.addWidget(restore_intro)
        layout.addLayout(restore_row)
        layout.addWidget(self.status)
        layout.addStretch(1)
        self.setTabOrder(self.use_file, self.passphrase)
        self.setTabOrder(self.passphrase, self.word_count)
        self.setTabOrder(self.word_count, self.create_button)
        self.setTabOrder(self.create_button, self.restore_button)
        self._update()

    # ----------------------------------------------------------------- where the key goes

    def check_keyring(self) -> None:
        """Find out (on the worker: a Secret Service may take a moment) whether the system
        keyring can keep a secret."""
        self._keyring_usable = None
        self.status.setText(self.tr("Checking this computer's keyring…"))
        self._update()

        def check(_progress: ProgressCallback, _cancel: CancelToken) -> None:
            secret_store.check_usable()

        def usable(_result: None) -> None:
            self._keyring_usable = True
            self.status.setText(
                self.tr("Your wallet's key will be kept in this computer's keyring.")
            )
            self.no_keyring.hide()
            self._update()

        def unusable(error: BaseException) -> None:
            self._keyring_usable = False
            self.status.clear()
            if not isinstance(error, NoUsableKeyring):
                report_error(error, self._bar)
            self.no_keyring.show()
            self._update()

        run_task(check, on_done=usable, on_error=unusable, context=self)

    def storage(self) -> StorageChoice | None:
        """Where a new wallet's key goes, or None while there is no usable choice yet."""
        if self._keyring_usable:
            return "keyring", None
        if self._keyring_usable is False and self.use_file.isChecked() and self.passphrase.text():
            return "keystore-file", self.passphrase.text()
        return None

    # ----------------------------------------------------------------- actions

    def make_wallet(self) -> None:
        choice = self.storage()
        if choice is None or self._busy:
            return
        storage, passphrase = choice
        words = int(self.word_count.currentData())
        vault = self._vault

        def make(_progress: ProgressCallback, _cancel: CancelToken) -> WalletInfo:
            from hearth.wallet import accounts  # (loads eth-account: only when used)

            return accounts.create_wallet(vault, words, storage, passphrase)

        def done(info: WalletInfo) -> None:
            self._finish()
            self.made.emit(
                fill(
                    self.tr(
                        "Your wallet %1 is ready. Now write down its backup words: without "
                        "them, a lost computer means a lost wallet."
                    ),
                    info.address,
                )
            )

        def failed(error: BaseException) -> None:
            self._finish()
            report_error(error, self._bar)

        self._busy = True
        self._bar.clear()
        self.status.setText(self.tr("Making your wallet…"))
        self._update()
        run_task(make, on_done=done, on_error=failed, context=self)

    def open_restore_dialog(self) -> RestoreWalletDialog | None:
        choice = self.storage()
        if choice is None:
            return None
        dialog = RestoreWalletDialog(self._vault, *choice, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.succeeded.connect(self._restored)
        dialog.open()
        return dialog

    def _restored(self, sentence: str) -> None:
        self.passphrase.clear()
        self.made.emit(sentence)

    def _finish(self) -> None:
        self._busy = False
        self.passphrase.clear()
        self.status.clear()
        self._update()

    def _update(self) -> None:
        ready = self.storage() is not None and not self._busy
        self.create_button.setEnabled(ready)
        self.restore_button.setEnabled(ready)
        self.word_count.setEnabled(not self._busy)

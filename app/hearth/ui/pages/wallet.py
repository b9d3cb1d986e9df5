"""Wallet: the member's address (text, QR code, copy), balance on the vault's network, receive,
backup words, keystore export, and the history of what they signed.

Without a wallet the page offers to create or restore one (`WalletStart`). The balance is
asked of the network on the worker; a network that does not answer gets a sentence where the
balance would be, never a frozen window.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from hearth.progress import CancelToken, ProgressCallback
from hearth.ui.errors import message_for
from hearth.ui.i18n import fill
from hearth.ui.pages.page import Page
from hearth.ui.pages.wallet_export import ExportKeystoreDialog
from hearth.ui.pages.wallet_history import SignedActionsTable
from hearth.ui.pages.wallet_receive import QrView, ReceiveDialog, copy_public, mono_label
from hearth.ui.pages.wallet_start import WalletStart
from hearth.ui.pages.wallet_words import BackupWordsDialog
from hearth.ui.worker import run_task
from hearth.vault import Vault
from hearth.wallet import networks
from hearth.wallet.amounts import amount_text
from hearth.wallet.info import WalletInfo, wallet_info
from hearth.wallet.networks import Network

if TYPE_CHECKING:
    from hearth.market.balance import Balance


class WalletOverview(QWidget):
    """The page's body once the member has a wallet."""

    def __init__(self, vault: Vault, page: WalletPage) -> None:
        super().__init__(page)
        self._vault = vault
        self._page = page
        self._info: WalletInfo | None = None
        self._network: Network | None = None

        card = QFrame(self)
        card.setObjectName("Card")
        self.qr = QrView(132, card)
        self.qr.setAccessibleName(self.tr("Your address as a QR code"))
        title = QLabel(self.tr("Your address"), card)
        title.setObjectName("SectionTitle")
        self.address = mono_label("", card)
        self.address.setAccessibleName(self.tr("Your address"))
        self.copy_button = QPushButton(self.tr("&Copy address"), card)
        self.copy_button.setAccessibleName(self.tr("Copy address"))
        self.copy_button.clicked.connect(self.copy_address)
        self.receive_button = QPushButton(self.tr("R&eceive…"), card)
        self.receive_button.setAccessibleName(self.tr("Receive"))
        self.receive_button.setToolTip(
            self.tr("The address large, to scan, and your age recipient")
        )
        self.receive_button.clicked.connect(self.open_receive_dialog)
        self.balance = QLabel(card)
        self.balance.setWordWrap(True)
        self.balance.setObjectName("Lead")
        self.balance.setTextFormat(Qt.TextFormat.PlainText)
        self.balance_problem = QLabel(card)
        self.balance_problem.setWordWrap(True)
        self.balance_problem.setTextFormat(Qt.TextFormat.PlainText)
        self.balance_problem.hide()
        self.network = QLabel(card)
        self.network.setObjectName("Hint")
        self.network.setWordWrap(True)
        self.refresh_button = QPushButton(self.tr("Re&fresh balance"), card)
        self.refresh_button.setAccessibleName(self.tr("Refresh balance"))
        self.refresh_button.clicked.connect(self.fetch_balance)
        self.storage = QLabel(card)
        self.storage.setObjectName("Hint")
        self.storage.setWordWrap(True)
        copy_row = QHBoxLayout()
        copy_row.addWidget(self.copy_button)
        copy_row.addWidget(self.receive_button)
        copy_row.addStretch(1)
        balance_row = QHBoxLayout()
        balance_row.addWidget(self.balance, 1)
        balance_row.addWidget(self.refresh_button, 0, Qt.AlignmentFlag.AlignTop)
        facts = QVBoxLayout()
        facts.addWidget(title)
        facts.addWidget(self.address)
        facts.addLayout(copy_row)
        facts.addSpacing(6)
        facts.addLayout(balance_row)
        facts.addWidget(self.balance_problem)
        facts.addWidget(self.network)
        facts.addWidget(self.storage)
        facts.addStretch(1)
        card_row = QHBoxLayout(card)
        card_row.setContentsMargins(14, 12, 14, 12)
        card_row.setSpacing(16)
        card_row.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignTop)
        card_row.addLayout(facts, 1)

        self.words_warning = QLabel(
            self.tr(
                "You have not confirmed your backup words yet. Without them, a lost or broken "
                "computer means a lost wallet."
            ),
            self,
        )
        self.words_warning.setObjectName("Warning")
        self.words_warning.setWordWrap(True)
        self.words_button = QPushButton(self.tr("Show backup &words…"), self)
        self.words_button.setAccessibleName(self.tr("Show backup words"))
        self.words_button.clicked.connect(self.open_words_dialog)
        self.export_button = QPushButton(self.tr("E&xport keystore file…"), self)
        self.export_button.setAccessibleName(self.tr("Export keystore file"))
        self.export_button.clicked.connect(self.open_export_dialog)
        backup_row = QHBoxLayout()
        backup_row.addWidget(self.words_button)
        backup_row.addWidget(self.export_button)
        backup_row.addStretch(1)

        history_title = QLabel(self.tr("What you signed"), self)
        history_title.setObjectName("SectionTitle")
        self.history = SignedActionsTable(self)
        self.no_history = QLabel(
            self.tr(
                "Nothing yet. Each offer you sign and each payment you send will be listed here."
            ),
            self,
        )
        self.no_history.setObjectName("Hint")
        self.no_history.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(card)
        layout.addWidget(self.words_warning)
        layout.addLayout(backup_row)
        layout.addSpacing(6)
        layout.addWidget(history_title)
        layout.addWidget(self.no_history)
        layout.addWidget(self.history, 1)
        self.setTabOrder(self.copy_button, self.receive_button)
        self.setTabOrder(self.receive_button, self.refresh_button)
        self.setTabOrder(self.refresh_button, self.words_button)
        self.setTabOrder(self.words_button, self.export_button)
        self.setTabOrder(self.export_button, self.history)

    def show_wallet(self, info: WalletInfo) -> None:
        self._info = info
        self.address.setText(info.address)
        self.qr.set_text(info.address)
        self.storage.setText(
            self.tr("Its key is kept in this computer's system keyring.")
            if info.storage == "keyring"
            else self.tr(
                "Its key is kept in a file in the vault folder, encrypted with your passphrase."
            )
        )
        self.words_warning.setVisible(not info.words_confirmed)
        count = self.history.load(self._vault)
        self.history.setVisible(count > 0)
        self.no_history.setVisible(count == 0)
        self.fetch_balance()

    # ----------------------------------------------------------------- balance

    def fetch_balance(self) -> None:
        info = self._info
        if info is None:
            return
        # A quick read of the vault here; only the network's answer is awaited on the worker.
        self._network = networks.current_network(self._vault)
        self._show_network()
        self.refresh_button.setEnabled(False)
        self.balance.setText(self.tr("Balance: asking the network…"))
        self.balance_problem.hide()

        vault = self._vault

        def ask(_progress: ProgressCallback, _cancel: CancelToken) -> Balance:
            # On the worker: the market layer loads here, not when the window opens, and the
            # sandbox is opened (replayed) on first use, never on the GUI thread.
            from hearth.market.balance import wallet_balance

            return wallet_balance(vault)

        run_task(ask, on_done=self._show_balance, on_error=self._balance_failed, context=self)

    def _show_balance(self, balance: Balance) -> None:
        self.refresh_button.setEnabled(True)
        currency = balance.network.currency
        self.balance.setText(
            fill(
                self.tr("Balance: %1"),
                amount_text(balance.wei, currency.decimals, currency.symbol),
            )
        )

    def _balance_failed(self, error: BaseException) -> None:
        self.refresh_button.setEnabled(True)
        self.balance.setText(self.tr("Balance unknown"))
        self.balance_problem.setText(message_for(error) or "")
        self.balance_problem.setVisible(bool(self.balance_problem.text()))

    def _show_network(self) -> None:
        network = self._network
        if network is None:
            self.network.clear()
            return
        money = (
            self.tr("real money") if network.real_money else self.tr("test money, no real value")
        )
        self.network.setText(fill(self.tr("Network: %1 (%2)"), network.title, money))

    # ----------------------------------------------------------------- actions

    def copy_address(self) -> None:
        if self._info is None:
            return
        copy_public(self._info.address)
        self._page.bar.show_info(self.tr("Your address is on the clipboard."))

    def open_receive_dialog(self) -> ReceiveDialog | None:
        if self._info is None:
            return None
        title = self._network.title if self._network else ""
        dialog = ReceiveDialog(self._info, title, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_words_dialog(self) -> BackupWordsDialog:
        dialog = BackupWordsDialog(self._vault, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.confirmed.connect(self._words_confirmed)
        dialog.open()
        return dialog

    def open_export_dialog(self) -> ExportKeystoreDialog | None:
        if self._info is None:
            return None
        dialog = ExportKeystoreDialog(self._vault, self._info, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.succeeded.connect(self._page.bar.show_success)
        dialog.open()
        return dialog

    def _words_confirmed(self) -> None:
        self._page.refresh_wallet()
        self._page.bar.show_success(
            self.tr("Your backup words are confirmed. Keep the paper somewhere safe.")
        )


class WalletPage(Page):
    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Wallet"), parent)
        self._vault = vault
        self.start = WalletStart(vault, self.bar, self)
        self.overview = WalletOverview(vault, self)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.start)
        self.stack.addWidget(self.overview)
        self.start.made.connect(self._made)
        self.body.addWidget(self.stack, 1)

    def refresh(self) -> None:
        self.refresh_wallet()

    def refresh_wallet(self) -> WalletInfo | None:
        """Show the wallet, or the way to get one; returns the wallet's public half."""
        info = wallet_info(self._vault) if self._vault.member is not None else None
        if info is None:
            self.stack.setCurrentWidget(self.start)
            self.start.check_keyring()
        else:
            self.stack.setCurrentWidget(self.overview)
            self.overview.show_wallet(info)
        return info

    def _made(self, sentence: str) -> None:
        self.refresh_wallet()
        self.bar.show_success(sentence)

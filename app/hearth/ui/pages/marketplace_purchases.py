"""Purchases I made: each one's state; "Receive and check" opens a delivered package into a
folder after checking it against the chain and the offer; "Refund" takes the payment back when
nothing was delivered by the deadline.

A package delivered by a member of this household is found in the vault's outbox by itself;
one from anyone else is the file they sent.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hearth.errors import BadInput
from hearth.progress import CancelToken, ProgressCallback
from hearth.ui.i18n import fill
from hearth.ui.message_bar import MessageBar
from hearth.ui.pages.marketplace_tab import (
    MarketTab,
    choose_item,
    chosen_item,
    market_table,
    open_file_dialog,
    words_label,
)
from hearth.ui.pages.marketplace_words import coins, purchase_state, who
from hearth.ui.pages.sharing_box import hint
from hearth.ui.wallet_steps import StepRunner
from hearth.vault import Vault

if TYPE_CHECKING:
    from hearth.market.buyer import Received
    from hearth.market.overview import MarketOverview, MyPurchase
    from hearth.wallet.signer import Approve


def data_folder(parent: Path, purchase_id: int) -> Path:
    """Where a purchase's data goes inside the folder the person chose: a new folder of its
    own, so that nothing already there is mixed in or overwritten."""
    return parent / f"hearth-purchase-{purchase_id}"


class PurchasesTab(MarketTab):
    def __init__(
        self, vault: Vault, runner: StepRunner, bar: MessageBar, parent: QWidget | None = None
    ) -> None:
        super().__init__(vault, runner, bar, parent)

        self.table = market_table(
            self,
            self.tr("Purchases I made"),
            [
                self.tr("Purchase"),
                self.tr("Dataset"),
                self.tr("Seller"),
                self.tr("Price"),
                self.tr("State"),
            ],
            stretch=1,
        )
        self.table.itemSelectionChanged.connect(lambda: self.set_enabled(True))
        self.none_yet = hint(
            self.tr("Nothing bought yet. Open an offer file under Buy to buy a licence."), self
        )
        self.receive_button = QPushButton(self.tr("&Receive and check…"), self)
        self.receive_button.setAccessibleName(self.tr("Receive and check"))
        self.receive_button.setToolTip(
            self.tr("Check the delivered package against the offer and open it into a folder")
        )
        self.receive_button.clicked.connect(self.choose_package)
        self.refund_button = QPushButton(self.tr("Re&fund"), self)
        self.refund_button.setAccessibleName(self.tr("Take a refund"))
        self.refund_button.setToolTip(
            self.tr("Take the payment back: the seller did not deliver by the deadline")
        )
        self.refund_button.clicked.connect(self.take_refund)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.refund_button)
        buttons.addWidget(self.receive_button)
        self.result = words_label(self, selectable=True)
        self.result.hide()

        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.none_yet)
        layout.addLayout(buttons)
        layout.addWidget(self.result)
        self.show_overview(None)

    def show_overview(self, overview: MarketOverview | None) -> None:
        chosen = self.chosen()
        self._overview = overview
        bought = overview.purchases if overview is not None else []
        self.table.setRowCount(len(bought))
        for row, mine in enumerate(bought):
            assert overview is not None
            purchase = mine.purchase
            seller = QTableWidgetItem(who(purchase.offer.offer.seller, overview.household))
            seller.setToolTip(purchase.offer.offer.seller)
            title = QTableWidgetItem(purchase.offer.title)
            title.setToolTip(purchase.offer.terms)
            cells = (
                QTableWidgetItem(str(purchase.purchase_id)),
                title,
                seller,
                QTableWidgetItem(coins(purchase.price, overview.network)),
                QTableWidgetItem(purchase_state(mine)),
            )
            for column, item in enumerate(cells):
                self.table.setItem(row, column, item)
        self.table.setVisible(bool(bought))
        self.none_yet.setVisible(overview is not None and not bought)
        ids = [m.purchase.purchase_id for m in bought]
        keep = None
        if chosen is not None and chosen.purchase.purchase_id in ids:
            keep = ids.index(chosen.purchase.purchase_id)
        if keep is None:
            # The one to act on first: delivered and not yet received, else the newest.
            ready = [i for i, m in enumerate(bought) if m.delivery is not None]
            keep = ready[0] if ready else (len(bought) - 1 if bought else None)
        if keep is not None:
            self.table.selectRow(keep)
        self.set_enabled(not self._runner.is_running())

    def chosen(self) -> MyPurchase | None:
        return chosen_item(self.table, self._overview.purchases if self._overview else [])

    def choose(self, purchase_id: int) -> None:
        bought = self._overview.purchases if self._overview else []
        choose_item(self.table, [m.purchase.purchase_id for m in bought], purchase_id)

    def set_enabled(self, free: bool) -> None:
        free = free and not self._runner.is_running()
        mine = self.chosen()
        self.receive_button.setEnabled(free and mine is not None and mine.delivery is not None)
        self.refund_button.setEnabled(free and mine is not None and mine.refundable)

    # ----------------------------------------------------------------- receiving

    def choose_package(self) -> QFileDialog | None:
        """Ask for the package (unless it is in this vault's outbox), then for a folder."""
        mine = self.chosen()
        if mine is None or mine.delivery is None:
            return None
        if mine.delivery.local_package is not None:
            return self.choose_folder(mine.delivery.local_package)
        return open_file_dialog(
            self,
            self.tr("The package the seller sent you"),
            self.tr("Hearth packages (*.age);;All files (*)"),
            self.choose_folder,
        )

    def choose_folder(self, package: Path) -> QFileDialog:
        dialog = QFileDialog(self, self.tr("Where to put the data"))
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setDirectory(str(Path.home()))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda folder: self.receive_into(Path(folder), package))
        dialog.open()
        return dialog

    def receive_into(self, folder: Path, package: Path | None = None) -> bool:
        """Check and open the chosen purchase's package into a new folder inside ``folder``;
        ``package`` is the file (None: the one in this vault's outbox)."""
        mine = self.chosen()
        if mine is None or mine.delivery is None:
            return False
        package = package or mine.delivery.local_package
        if package is None:
            return False
        purchase_id = mine.purchase.purchase_id
        out = data_folder(folder, purchase_id)
        vault = self._vault

        def step(
            _approve: Approve,
            passphrase: str | None,
            progress: ProgressCallback,
            cancel: CancelToken,
        ) -> Received:
            from hearth.market.buyer import receive

            return receive(
                vault,
                package,
                out,
                purchase_id=purchase_id,
                passphrase=passphrase,
                progress=progress,
                cancel=cancel,
            )

        def received(done: Received) -> None:
            self._bar.show_success(
                fill(
                    self.tr(
                        "Verified: purchase %1 is exactly the data the offer promised. %2 rows "
                        "in %3 files are in %4."
                    ),
                    done.purchase_id,
                    done.rows,
                    len(done.files),
                    done.out_dir,
                )
            )
            self.result.setText(
                fill(
                    self.tr(
                        "Purchase %1 verified: its fingerprint (Merkle root) %2 is the one the "
                        "seller committed to in the offer, and the file is the one delivered on "
                        "the chain. Files: %3."
                    ),
                    done.purchase_id,
                    done.merkle_root,
                    ", ".join(done.files),
                )
            )
            self.result.show()

        def not_verified(error: BaseException) -> None:
            if not isinstance(error, BadInput):
                return  # not a failed check: the folder, the passphrase, the network
            # Why is in the message bar, in the core's words.
            self.result.setText(
                fill(
                    self.tr("Not verified: purchase %1 was not opened, and nothing was kept."),
                    purchase_id,
                )
            )
            self.result.show()

        return self._runner.run(self.tr("open the package"), step, received, not_verified)

    # ----------------------------------------------------------------- refunds

    def take_refund(self) -> bool:
        mine = self.chosen()
        if mine is None or not mine.refundable:
            return False
        vault, purchase_id = self._vault, mine.purchase.purchase_id
        overview = self._overview
        price = coins(mine.purchase.price, overview.network) if overview else ""

        def step(
            approve: Approve, passphrase: str | None, _progress: ProgressCallback, _c: CancelToken
        ) -> str:
            from hearth.market.buyer import refund

            return refund(vault, purchase_id, approve, passphrase=passphrase)

        def refunded(_tx: str) -> None:
            self._bar.show_success(
                fill(
                    self.tr("Refunded: %1 for purchase %2 are back in your wallet."),
                    price,
                    purchase_id,
                )
            )

        return self._runner.run(self.tr("take the refund"), step, refunded)

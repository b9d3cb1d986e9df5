"""Buy: open an offer file, read what it offers (title, terms in plain words, price, seller,
how long it is open), and buy a licence through the signing dialog.

The offer is read and checked on the worker (`hearth.market.offers.read_offers`: the seller's
signature, the terms they signed, the expiry); an offer with a problem is shown with it, and
cannot be bought.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hearth.errors import BadInput
from hearth.progress import CancelToken, ProgressCallback
from hearth.ui.errors import report_error
from hearth.ui.i18n import fill
from hearth.ui.message_bar import MessageBar
from hearth.ui.pages.marketplace_tab import MarketTab, open_file_dialog, words_label
from hearth.ui.pages.marketplace_words import day, moment
from hearth.ui.pages.sharing_box import hint
from hearth.ui.wallet_steps import StepRunner
from hearth.ui.worker import run_task
from hearth.vault import Vault

if TYPE_CHECKING:
    from hearth.market.buyer import Purchase
    from hearth.market.offers import CheckedOffer, OfferDocument
    from hearth.market.overview import MarketOverview
    from hearth.wallet.signer import Approve


def one_offer(path: Path) -> CheckedOffer:
    """The one offer in ``path``, checked (`BadInput` with a sentence when it holds no single
    offer)."""
    from hearth.market.offers import read_offers

    found = read_offers(path)
    if len(found) != 1:
        raise BadInput(f"{path} holds {len(found)} offers; open the file of one offer.")
    [checked] = found
    if checked.document is None:
        raise BadInput(f"{path.name} cannot be read as an offer. {' '.join(checked.problems)}")
    return checked


class BuyTab(MarketTab):
    def __init__(
        self, vault: Vault, runner: StepRunner, bar: MessageBar, parent: QWidget | None = None
    ) -> None:
        super().__init__(vault, runner, bar, parent)
        self._checked: CheckedOffer | None = None
        self._has_wallet = False
        self._household: dict[str, str] = {}

        intro = hint(
            self.tr(
                "Sellers publish offers as files. Open one to read what it offers; buying pays "
                "into the market, which holds the money until the seller delivers."
            ),
            self,
        )
        self.open_button = QPushButton(self.tr("&Open an offer file…"), self)
        self.open_button.setAccessibleName(self.tr("Open an offer file"))
        self.open_button.clicked.connect(self.choose_offer_file)
        open_row = QHBoxLayout()
        open_row.addWidget(intro, 1)
        open_row.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignTop)

        self.card = QFrame(self)
        self.card.setObjectName("Card")
        # An offer file is anyone's text: `words_label` never reads it as markup.
        self.title = words_label(self.card, style="CardTitle", selectable=True)
        self.terms = words_label(self.card, selectable=True)
        self.price = words_label(self.card, selectable=True)
        self.seller = words_label(self.card, selectable=True)
        self.validity = words_label(self.card, selectable=True)
        self.data = words_label(self.card, selectable=True)
        self.network = words_label(self.card, selectable=True)
        self.problems = words_label(self.card, style="Warning", selectable=True)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Terms:"), self.terms)
        form.addRow(self.tr("Price:"), self.price)
        form.addRow(self.tr("Seller:"), self.seller)
        form.addRow(self.tr("Open:"), self.validity)
        form.addRow(self.tr("Data:"), self.data)
        form.addRow(self.tr("Network:"), self.network)
        self.buy_button = QPushButton(self.tr("&Buy…"), self.card)
        self.buy_button.setAccessibleName(self.tr("Buy a licence"))
        self.buy_button.clicked.connect(self.buy)
        buy_row = QHBoxLayout()
        buy_row.addStretch(1)
        buy_row.addWidget(self.buy_button)
        card_layout = QVBoxLayout(self.card)
        card_layout.setContentsMargins(14, 10, 14, 10)
        card_layout.addWidget(self.title)
        card_layout.addLayout(form)
        card_layout.addWidget(self.problems)
        card_layout.addLayout(buy_row)
        self.card.hide()

        layout = QVBoxLayout(self)
        layout.addLayout(open_row)
        layout.addWidget(self.card)
        layout.addStretch(1)

    def offer(self) -> CheckedOffer | None:
        return self._checked

    def show_overview(self, overview: MarketOverview | None) -> None:
        self._has_wallet = overview is not None and overview.address is not None
        self._household = overview.household if overview is not None else {}
        self.set_enabled(not self._runner.is_running())

    def set_enabled(self, free: bool) -> None:
        checked = self._checked
        self.open_button.setEnabled(free)
        self.buy_button.setEnabled(
            free and self._has_wallet and checked is not None and checked.valid
        )

    # ----------------------------------------------------------------- reading an offer

    def choose_offer_file(self) -> QFileDialog:
        return open_file_dialog(
            self,
            self.tr("Open an offer"),
            self.tr("Offer files (*.json);;All files (*)"),
            self.open_offer,
        )

    def open_offer(self, path: Path) -> None:
        """Read and check the offer in ``path`` on the worker, then show it."""

        def read(_progress: ProgressCallback, _cancel: CancelToken) -> CheckedOffer:
            return one_offer(path)

        self._bar.clear()
        run_task(read, on_done=self.show_offer, on_error=self._unreadable, context=self)

    def _unreadable(self, error: BaseException) -> None:
        self._checked = None
        self.card.hide()
        self.set_enabled(not self._runner.is_running())
        report_error(error, self._bar)

    def show_offer(self, checked: CheckedOffer) -> None:
        self._checked = checked
        document = checked.document
        assert document is not None  # one_offer refuses a file without one
        offer = document.offer
        self.title.setText(document.title)
        self.terms.setText(document.terms)
        self.price.setText(document.price_text or str(offer.price))
        member = self._household.get(offer.seller)
        self.seller.setText(
            fill(self.tr("%1, of your household (%2)"), member, offer.seller)
            if member
            else offer.seller
        )
        self.validity.setText(
            fill(
                self.tr("until %1, for at most %2 sales"),
                day(offer.expiry),
                offer.max_sales,
            )
        )
        self.data.setText(self._data_words(document))
        self.network.setText(
            fill(
                self.tr("%1 (chain %2)"),
                document.network.get("title") or document.network.get("name") or "",
                document.chain_id,
            )
        )
        self.problems.setText(" ".join(checked.problems))
        self.problems.setVisible(bool(checked.problems))
        self.card.show()
        if checked.problems:
            self._bar.show_error(
                fill(self.tr("This offer cannot be bought. %1"), " ".join(checked.problems))
            )
        self.set_enabled(not self._runner.is_running())

    def _data_words(self, document: OfferDocument) -> str:
        dataset = document.dataset
        rows = dataset.get("rows")
        temporal = dataset.get("temporal")
        first = last = None
        if isinstance(temporal, dict):
            first, last = temporal.get("startDate"), temporal.get("endDate")
        rows_text = self.tr("%n row(s)", "", int(rows)) if isinstance(rows, int) else ""
        if first and last:
            return fill(self.tr("%1, from %2 to %3"), rows_text, str(first)[:10], str(last)[:10])
        return rows_text

    # ----------------------------------------------------------------- buying

    def buy(self) -> bool:
        checked = self._checked
        if checked is None or checked.document is None or not checked.valid:
            return False
        document = checked.document
        vault = self._vault

        def step(
            approve: Approve, passphrase: str | None, _progress: ProgressCallback, _c: CancelToken
        ) -> Purchase:
            from hearth.market.buyer import buy

            return buy(vault, document, approve, passphrase=passphrase)

        def bought(purchase: Purchase) -> None:
            self._bar.show_success(
                fill(
                    self.tr(
                        "Bought: purchase %1. The seller has until %2 to deliver; then find it "
                        "under Purchases to receive and check it."
                    ),
                    purchase.purchase_id,
                    moment(purchase.deadline),
                )
            )

        return self._runner.run(self.tr("pay for the licence"), step, bought)

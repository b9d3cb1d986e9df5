"""My offers: each offer's state, sales and earnings; making a new one; cancelling one on
chain; withdrawing earnings.

An offer is a signed file (no gas): the person chooses where it is saved and publishes it where
buyers look (a web page, a mail, a shared folder). The file cannot be taken back, so the market
takes a purchase of it until it expires, sells out, or is cancelled on chain (a transaction,
`hearth.market.cancel`): withdrawing consent alone only stops the delivery.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hearth.progress import CancelToken, ProgressCallback
from hearth.ui.i18n import fill
from hearth.ui.message_bar import MessageBar
from hearth.ui.pages.marketplace_tab import (
    MarketTab,
    choose_item,
    chosen_item,
    market_table,
    words_label,
)
from hearth.ui.pages.marketplace_words import coins, day, offer_state
from hearth.ui.pages.sharing_box import hint
from hearth.ui.wallet_steps import StepRunner
from hearth.vault import Vault

if TYPE_CHECKING:
    from hearth.market.cancel import CancelReport
    from hearth.market.offers import OfferDocument
    from hearth.market.overview import MarketOverview, MyOffer
    from hearth.wallet.signer import Approve


class MyOffersTab(MarketTab):
    def __init__(
        self, vault: Vault, runner: StepRunner, bar: MessageBar, parent: QWidget | None = None
    ) -> None:
        super().__init__(vault, runner, bar, parent)

        self.table = market_table(
            self,
            self.tr("My offers"),
            [
                self.tr("Dataset"),
                self.tr("State"),
                self.tr("Sales"),
                self.tr("Earned"),
                self.tr("Price"),
                self.tr("Open until"),
            ],
            stretch=0,
        )
        self.table.itemSelectionChanged.connect(lambda: self.set_enabled(True))
        self._buyable: set[str] = set()
        self.none_yet = hint(
            self.tr("No offers yet. Make one below: it is a signed file that costs nothing."),
            self,
        )

        self.dataset = QComboBox(self)
        self.dataset.setAccessibleName(self.tr("Dataset to offer"))
        self.dataset.setMinimumContentsLength(20)
        self.dataset.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        dataset_label = QLabel(self.tr("&Offer:"), self)
        dataset_label.setBuddy(self.dataset)
        self.days = QSpinBox(self)
        self.days.setRange(1, 3650)
        self.days.setSuffix(self.tr(" days"))
        self.days.setAccessibleName(self.tr("Open for how many days"))
        days_label = QLabel(self.tr("open &for"), self)
        days_label.setBuddy(self.days)
        self.max_sales = QSpinBox(self)
        self.max_sales.setRange(1, 1_000_000)
        self._defaults_shown = False
        self.max_sales.setAccessibleName(self.tr("At most how many sales"))
        sales_label = QLabel(self.tr("at mo&st"), self)
        sales_label.setBuddy(self.max_sales)
        sales_unit = QLabel(self.tr("sales"), self)
        self.make_button = QPushButton(self.tr("&Make an offer…"), self)
        self.make_button.setAccessibleName(self.tr("Make an offer"))
        self.make_button.clicked.connect(self.choose_offer_file)
        self.no_terms = hint(
            self.tr(
                "Only a dataset with terms on the Sharing & prices page can be offered: set "
                "its terms there first."
            ),
            self,
        )
        make_row = QHBoxLayout()
        make_row.addWidget(dataset_label)
        make_row.addWidget(self.dataset, 1)
        make_row.addWidget(days_label)
        make_row.addWidget(self.days)
        make_row.addWidget(sales_label)
        make_row.addWidget(self.max_sales)
        make_row.addWidget(sales_unit)
        make_row.addWidget(self.make_button)

        self.earnings = words_label(self, style="Lead")
        self.withdraw_button = QPushButton(self.tr("&Withdraw earnings"), self)
        self.withdraw_button.setAccessibleName(self.tr("Withdraw earnings"))
        self.withdraw_button.clicked.connect(self.withdraw)
        earnings_row = QHBoxLayout()
        earnings_row.addWidget(self.earnings, 1)
        earnings_row.addWidget(self.withdraw_button)
        self.cancel_button = QPushButton(self.tr("&Cancel offer…"), self)
        self.cancel_button.setAccessibleName(self.tr("Cancel the chosen offer"))
        self.cancel_button.setToolTip(
            self.tr("Stop the chosen offer on chain, so that nobody can buy it any more")
        )
        self.cancel_button.clicked.connect(self.cancel_offer)
        # Consent ended, yet a signed offer sells until it is cancelled: say so by the button.
        self.still_open = words_label(self, style="Warning")
        cancel_row = QHBoxLayout()
        cancel_row.addWidget(self.still_open, 1)
        cancel_row.addStretch(0)  # keeps the button its own size while the warning is hidden
        cancel_row.addWidget(self.cancel_button)

        layout = QVBoxLayout(self)
        layout.addLayout(earnings_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.none_yet)
        layout.addLayout(cancel_row)
        layout.addLayout(make_row)
        layout.addWidget(self.no_terms)
        self.show_overview(None)

    def show_buyable(self, offer_ids: set[str]) -> None:
        """Which offers the market would still sell (`hearth.market.cancel.open_offers`): what
        Cancel offer stops. Before `show_overview`, which shows it."""
        self._buyable = offer_ids

    def show_overview(self, overview: MarketOverview | None) -> None:
        chosen = self.chosen()
        self._overview = overview
        if overview is not None and not self._defaults_shown:
            # The market's own defaults, once the market layer is loaded (reading the
            # overview loaded it): importing it for two numbers would slow every unlock.
            from hearth.market.offers import DEFAULT_DAYS, DEFAULT_MAX_SALES

            self.days.setValue(DEFAULT_DAYS)
            self.max_sales.setValue(DEFAULT_MAX_SALES)
            self._defaults_shown = True
        offers = overview.offers if overview is not None else []
        self.table.setRowCount(len(offers))
        for row, mine in enumerate(offers):
            network = overview.network if overview is not None else None
            assert network is not None
            state = QTableWidgetItem(offer_state(mine.state))
            why = [mine.why] if mine.why else []
            if mine.state != "open" and mine.offer_id in self._buyable:
                why.append(self._still_sold())
            state.setToolTip(" ".join(why))
            sales = fill(self.tr("%1 of %2"), mine.sales, mine.offer.max_sales)
            if mine.sales > mine.delivered:
                sales = fill(self.tr("%1 (%2 delivered)"), sales, mine.delivered)
            title = QTableWidgetItem(mine.title)
            title.setToolTip(mine.offer_id)
            cells = (
                title,
                state,
                QTableWidgetItem(sales),
                QTableWidgetItem(coins(mine.earned, network)),
                QTableWidgetItem(coins(mine.offer.price, network)),
                QTableWidgetItem(day(mine.offer.expiry)),
            )
            for column, item in enumerate(cells):
                self.table.setItem(row, column, item)
        self.table.setVisible(bool(offers))
        self.none_yet.setVisible(overview is not None and not offers)
        unstopped = [m for m in offers if m.state != "open" and m.offer_id in self._buyable]
        self.still_open.setText(
            self.tr(
                "%n withdrawn offer(s) can still be bought on chain: choose it and press Cancel "
                "offer, so that nobody pays for what will not be delivered.",
                "",
                len(unstopped),
            )
        )
        self.still_open.setVisible(bool(unstopped))
        if chosen is not None:
            self.choose(chosen.offer_id)
        self._fill_datasets(overview)
        if overview is None or overview.address is None:
            self.earnings.setText("")
        else:
            self.earnings.setText(
                fill(
                    self.tr("The market holds %1 of your earnings for you to withdraw."),
                    coins(overview.earnings, overview.network),
                )
            )
        self.set_enabled(not self._runner.is_running())

    def set_enabled(self, free: bool) -> None:
        overview = self._overview
        # A new choice in the table asks too, while a step may be running.
        free = free and not self._runner.is_running()
        ready = free and overview is not None and overview.address is not None
        self.make_button.setEnabled(ready and self.dataset.count() > 0)
        self.withdraw_button.setEnabled(ready and overview is not None and overview.earnings > 0)
        chosen = self.chosen()
        self.cancel_button.setEnabled(
            ready and chosen is not None and chosen.offer_id in self._buyable
        )

    def _offers(self) -> list[MyOffer]:
        return self._overview.offers if self._overview is not None else []

    def chosen(self) -> MyOffer | None:
        """The offer chosen in the table, if any."""
        return chosen_item(self.table, self._offers())

    def choose(self, offer_id: str) -> None:
        choose_item(self.table, [mine.offer_id for mine in self._offers()], offer_id)

    def _fill_datasets(self, overview: MarketOverview | None) -> None:
        chosen = self.dataset.currentData()
        self.dataset.clear()
        for dataset_id, title in overview.offerable if overview is not None else []:
            self.dataset.addItem(title, dataset_id)
        keep = self.dataset.findData(chosen)
        self.dataset.setCurrentIndex(max(keep, 0) if self.dataset.count() else -1)
        self.no_terms.setVisible(overview is not None and self.dataset.count() == 0)

    # ----------------------------------------------------------------- making an offer

    def choose_offer_file(self) -> QFileDialog | None:
        if self.dataset.currentIndex() < 0:
            return None
        dialog = QFileDialog(self, self.tr("Save the offer"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setNameFilter(self.tr("Offer files (*.json)"))
        dialog.setDefaultSuffix("json")
        name = self.dataset.currentText().replace("/", "-")
        dialog.selectFile(str(Path.home() / fill(self.tr("Offer of %1.json"), name)))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda path: self.make_offer(Path(path)))
        dialog.open()
        return dialog

    def make_offer(self, out: Path) -> bool:
        """Sign an offer of the chosen dataset and save it as ``out`` (on the worker)."""
        dataset_id = self.dataset.currentData()
        if dataset_id is None:
            return False
        vault, days, max_sales = self._vault, self.days.value(), self.max_sales.value()

        def step(
            approve: Approve,
            passphrase: str | None,
            progress: ProgressCallback,
            cancel: CancelToken,
        ) -> OfferDocument:
            from hearth.market.offers import make_offer

            return make_offer(
                vault,
                int(dataset_id),
                approve,
                out=out,
                days=days,
                max_sales=max_sales,
                passphrase=passphrase,
                progress=progress,
                cancel=cancel,
            )

        def made(document: OfferDocument) -> None:
            self._bar.show_success(
                fill(
                    self.tr(
                        "Offer of “%1” saved as %2. Publish the file where buyers look; Hearth "
                        "delivers what they buy when you press Deliver now under Sales."
                    ),
                    document.title,
                    out,
                )
            )

        return self._runner.run(self.tr("sign the offer"), step, made)

    # ----------------------------------------------------------------- cancelling

    def _still_sold(self) -> str:
        return self.tr(
            "It can still be bought on chain (the buyer would pay and get nothing until a "
            "refund) until you cancel it."
        )

    def cancel_offer(self) -> bool:
        """Cancel the chosen offer on chain (on the worker, through the signing dialog)."""
        mine = self.chosen()
        if mine is None or mine.offer_id not in self._buyable:
            return False
        vault, offer_id, title = self._vault, mine.offer_id, mine.title

        def step(
            approve: Approve, passphrase: str | None, _progress: ProgressCallback, _c: CancelToken
        ) -> CancelReport:
            from hearth.market.cancel import cancel_offers

            return cancel_offers(vault, approve, offer_id=offer_id, passphrase=passphrase)

        def cancelled(_report: CancelReport) -> None:
            self._bar.show_success(
                fill(
                    self.tr(
                        "Your offer of “%1” is cancelled on chain: nobody can buy it any more. "
                        "Copies already delivered cannot be called back."
                    ),
                    title,
                )
            )

        return self._runner.run(self.tr("cancel the offer"), step, cancelled)

    # ----------------------------------------------------------------- earnings

    def withdraw(self) -> bool:
        from hearth.market.buyer import withdraw

        vault = self._vault
        overview = self._overview

        def step(
            approve: Approve, passphrase: str | None, _progress: ProgressCallback, _c: CancelToken
        ) -> tuple[int, str]:
            return withdraw(vault, approve, passphrase=passphrase)

        def withdrawn(result: tuple[int, str]) -> None:
            amount, _tx = result
            network = overview.network if overview is not None else None
            said = coins(amount, network) if network is not None else str(amount)
            self._bar.show_success(fill(self.tr("%1 are now in your wallet."), said))

        return self._runner.run(self.tr("withdraw your earnings"), step, withdrawn)

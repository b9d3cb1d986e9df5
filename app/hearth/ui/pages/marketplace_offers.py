"""My offers: each offer's state, sales and earnings; making a new one; withdrawing earnings.

An offer is a signed file (no gas): the person chooses where it is saved and publishes it where
buyers look (a web page, a mail, a shared folder).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hearth.progress import CancelToken, ProgressCallback
from hearth.ui.i18n import fill
from hearth.ui.message_bar import MessageBar
from hearth.ui.pages.marketplace_runner import StepRunner
from hearth.ui.pages.marketplace_words import coins, day, offer_state
from hearth.ui.pages.sharing_box import hint
from hearth.vault import Vault

if TYPE_CHECKING:
    from hearth.market.offers import OfferDocument
    from hearth.market.overview import MarketOverview
    from hearth.wallet.signer import Approve


class MyOffersTab(QWidget):
    def __init__(
        self, vault: Vault, runner: StepRunner, bar: MessageBar, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._vault = vault
        self._runner = runner
        self._bar = bar
        self._overview: MarketOverview | None = None

        self.table = QTableWidget(0, 6, self)
        self.table.setAccessibleName(self.tr("My offers"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Dataset"),
                self.tr("State"),
                self.tr("Sales"),
                self.tr("Earned"),
                self.tr("Price"),
                self.tr("Open until"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
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

        self.earnings = QLabel(self)
        self.earnings.setObjectName("Lead")
        self.earnings.setWordWrap(True)
        self.earnings.setTextFormat(Qt.TextFormat.PlainText)
        self.withdraw_button = QPushButton(self.tr("&Withdraw earnings"), self)
        self.withdraw_button.setAccessibleName(self.tr("Withdraw earnings"))
        self.withdraw_button.clicked.connect(self.withdraw)
        earnings_row = QHBoxLayout()
        earnings_row.addWidget(self.earnings, 1)
        earnings_row.addWidget(self.withdraw_button)

        layout = QVBoxLayout(self)
        layout.addLayout(earnings_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.none_yet)
        layout.addLayout(make_row)
        layout.addWidget(self.no_terms)
        self.show_overview(None)

    def show_overview(self, overview: MarketOverview | None) -> None:
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
            if mine.why:
                state.setToolTip(mine.why)
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
        ready = free and overview is not None and overview.address is not None
        self.make_button.setEnabled(ready and self.dataset.count() > 0)
        self.withdraw_button.setEnabled(ready and overview is not None and overview.earnings > 0)

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

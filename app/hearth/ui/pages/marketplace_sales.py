"""Sales: purchases of the member's offers, waiting for delivery or delivered; "Deliver now"
runs one pass of the seller's fulfilment and says what happened to each sale.

The seller's app delivers: it builds the package the offer committed to, encrypts it to the
buyer and records the delivery on chain, which releases the payment.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hearth.progress import CancelToken, ProgressCallback
from hearth.ui.message_bar import MessageBar
from hearth.ui.pages.marketplace_tab import MarketTab, market_table, words_label
from hearth.ui.pages.marketplace_words import coins, delivery_report, moment, sale_state, who
from hearth.ui.pages.sharing_box import hint
from hearth.ui.wallet_steps import StepRunner
from hearth.vault import Vault

if TYPE_CHECKING:
    from hearth.market.fulfil import FulfilReport
    from hearth.market.overview import MarketOverview
    from hearth.wallet.signer import Approve

WAITING = ("seen", "delivering")


class SalesTab(MarketTab):
    def __init__(
        self, vault: Vault, runner: StepRunner, bar: MessageBar, parent: QWidget | None = None
    ) -> None:
        super().__init__(vault, runner, bar, parent)

        self.waiting = words_label(self, style="Lead")
        self.deliver_button = QPushButton(self.tr("&Deliver now"), self)
        self.deliver_button.setAccessibleName(self.tr("Deliver now"))
        self.deliver_button.setToolTip(
            self.tr("Build, encrypt and deliver every sale waiting for delivery")
        )
        self.deliver_button.clicked.connect(self.deliver)
        top = QHBoxLayout()
        top.addWidget(self.waiting, 1)
        top.addWidget(self.deliver_button)

        self.table = market_table(
            self,
            self.tr("Sales"),
            [
                self.tr("Sale"),
                self.tr("Dataset"),
                self.tr("Buyer"),
                self.tr("Price"),
                self.tr("State"),
                self.tr("Deliver by"),
            ],
            stretch=1,
        )
        self.none_yet = hint(
            self.tr("No sales yet. When someone buys one of your offers, it shows here."), self
        )
        report_title = QLabel(self.tr("Last delivery"), self)
        report_title.setObjectName("SectionTitle")
        self.report = words_label(self, selectable=True)
        self.report_box = QWidget(self)
        report_layout = QVBoxLayout(self.report_box)
        report_layout.setContentsMargins(0, 0, 0, 0)
        report_layout.addWidget(report_title)
        report_layout.addWidget(self.report)
        self.report_box.hide()

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.none_yet)
        layout.addWidget(self.report_box)
        self.show_overview(None)

    def show_overview(self, overview: MarketOverview | None) -> None:
        self._overview = overview
        sales = overview.sales if overview is not None else []
        self.table.setRowCount(len(sales))
        for row, sale in enumerate(sales):
            assert overview is not None
            state = QTableWidgetItem(sale_state(sale))
            if sale.note:
                state.setToolTip(sale.note)
            buyer = QTableWidgetItem(who(sale.buyer, overview.household))
            buyer.setToolTip(sale.buyer)
            cells = (
                QTableWidgetItem(str(sale.purchase_id)),
                QTableWidgetItem(overview.title_of(sale.offer_id)),
                buyer,
                QTableWidgetItem(coins(sale.price, overview.network)),
                state,
                QTableWidgetItem(moment(sale.deadline) if sale.state in WAITING else ""),
            )
            for column, item in enumerate(cells):
                self.table.setItem(row, column, item)
        self.table.setVisible(bool(sales))
        self.none_yet.setVisible(overview is not None and not sales)
        waiting = sum(1 for s in sales if s.state in WAITING)
        if overview is None or overview.address is None:
            self.waiting.setText("")
        elif waiting:
            self.waiting.setText(self.tr("%n sale(s) waiting for you to deliver.", "", waiting))
        else:
            self.waiting.setText(self.tr("Nothing is waiting for delivery."))
        self.set_enabled(not self._runner.is_running())

    def set_enabled(self, free: bool) -> None:
        overview = self._overview
        self.deliver_button.setEnabled(
            free and overview is not None and overview.address is not None and bool(overview.offers)
        )

    def deliver(self) -> bool:
        """One pass of the fulfilment, on the worker; each sale's outcome in words after."""
        vault = self._vault

        def step(
            approve: Approve,
            passphrase: str | None,
            progress: ProgressCallback,
            cancel: CancelToken,
        ) -> FulfilReport:
            from hearth.market.fulfil import fulfil

            return fulfil(vault, approve, passphrase=passphrase, progress=progress, cancel=cancel)

        return self._runner.run(self.tr("deliver your sales"), step, self.show_report)

    def show_report(self, report: FulfilReport) -> None:
        lines = delivery_report(report)
        if not lines:
            lines = [self.tr("Nothing to deliver: every sale is settled.")]
        self.report.setText("\n".join(lines))
        self.report_box.show()
        delivered, refused = len(report.delivered), len(report.refused)
        if refused:
            self._bar.show_error(
                self.tr("%n sale(s) not delivered; see why under Last delivery.", "", refused)
            )
        elif delivered:
            self._bar.show_success(self.tr("%n sale(s) delivered.", "", delivered))
        else:
            self._bar.show_info(lines[0])

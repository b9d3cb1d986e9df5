"""Marketplace: the member's offers, the sales of them, what they bought, and buying from an
offer file, on the vault's network.

What the page shows is read on the worker (`hearth.market.overview.market_overview`: the
sandbox is opened there, and a node behind a URL may be slow); each step (offer, buy, deliver,
receive, refund, withdraw) runs there too, one at a time (`StepRunner`), and the page reads
everything again after it. On the built-in sandbox the page says that it is play money.

The market layer (web3, py-evm) is imported when the page first reads or acts, on the worker,
never when the window opens.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTabWidget, QWidget

from hearth.progress import CancelToken, ProgressCallback
from hearth.ui.errors import message_for
from hearth.ui.i18n import fill
from hearth.ui.pages.marketplace_buy import BuyTab
from hearth.ui.pages.marketplace_offers import MyOffersTab
from hearth.ui.pages.marketplace_purchases import PurchasesTab
from hearth.ui.pages.marketplace_sales import SalesTab
from hearth.ui.pages.page import Page
from hearth.ui.wallet_steps import StepRunner
from hearth.ui.worker import run_task
from hearth.vault import Vault
from hearth.wallet import networks
from hearth.wallet.networks import Network

if TYPE_CHECKING:
    from hearth.market.overview import MarketOverview


class MarketplacePage(Page):
    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Marketplace"), parent)
        self._vault = vault
        self._overview: MarketOverview | None = None
        self._reading = 0  # the newest read asked for; older answers are dropped
        self._answered = 0  # the newest read that came back
        self.runner = StepRunner(vault, self, self.bar)

        self.network = QLabel(self)
        self.network.setWordWrap(True)
        self.network.setTextFormat(Qt.TextFormat.PlainText)
        self.status = QLabel(self)
        self.status.setObjectName("Hint")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)

        self.offers = MyOffersTab(vault, self.runner, self.bar, self)
        self.sales = SalesTab(vault, self.runner, self.bar, self)
        self.purchases = PurchasesTab(vault, self.runner, self.bar, self)
        self.buying = BuyTab(vault, self.runner, self.bar, self)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(self.tr("Parts of the marketplace"))
        self.tabs.addTab(self.offers, self.tr("My offers"))
        self.tabs.addTab(self.sales, self.tr("Sales"))
        self.tabs.addTab(self.purchases, self.tr("Purchases"))
        self.tabs.addTab(self.buying, self.tr("Buy"))
        self.tabs.tabBar().setAccessibleName(self.tr("Parts of the marketplace"))
        self.busy = QLabel(self)
        self.busy.setObjectName("Hint")

        self.body.addWidget(self.network)
        self.body.addWidget(self.status)
        self.body.addWidget(self.tabs, 1)
        self.body.addWidget(self.busy)
        self.runner.busy.connect(self._set_busy)
        self.runner.finished.connect(self.refresh)

    def overview(self) -> MarketOverview | None:
        """What the page shows now (None until the first read came back)."""
        return self._overview

    def is_busy(self) -> bool:
        """A step is running or the page is still reading the market."""
        return self.runner.is_running() or self._answered != self._reading

    def refresh(self) -> None:
        """Read the member's marketplace again, on the worker."""
        self._show_network(networks.current_network(self._vault))  # a quick read of the vault
        self._reading += 1
        reading = self._reading
        if self._overview is None:
            self.status.setText(self.tr("Reading the market…"))
        vault = self._vault

        def read(
            _progress: ProgressCallback, _cancel: CancelToken
        ) -> tuple[MarketOverview, set[str]]:
            from hearth.market.cancel import open_offers
            from hearth.market.overview import market_overview

            overview = market_overview(vault)
            # What the market would still sell: an offer whose consent ended shows as
            # withdrawn, yet it can be bought until it is cancelled on chain.
            buyable = {o.offer_id for o in open_offers(vault)} if overview.offers else set()
            return overview, buyable

        run_task(
            read,
            on_done=lambda read: self._show(reading, *read),
            on_error=lambda error: self._unread(reading, error),
            context=self,
        )

    def _show(self, reading: int, overview: MarketOverview, buyable: set[str]) -> None:
        if reading != self._reading:
            return
        self._answered = reading
        self._overview = overview
        self.offers.show_buyable(buyable)
        self._show_network(overview.network)
        if overview.address is None:
            self.status.setText(
                self.tr("Buying and selling need a wallet: create one on the Wallet page first.")
            )
        elif overview.market is None:
            self.status.setText(
                fill(
                    self.tr(
                        "There is no Hearth market on %1 yet. Open an offer made there to buy, "
                        "or create a market with 'hearth market deploy'."
                    ),
                    overview.network.title,
                )
            )
        else:
            self.status.setText("")
        self.status.setVisible(bool(self.status.text()))
        for tab in (self.offers, self.sales, self.purchases, self.buying):
            tab.show_overview(overview)

    def _unread(self, reading: int, error: BaseException) -> None:
        if reading != self._reading:
            return
        self._answered = reading
        self.status.setText(message_for(error) or "")
        self.status.setVisible(bool(self.status.text()))

    def _show_network(self, network: Network) -> None:
        if network.builtin:
            self.network.setObjectName("Hint")
            self.network.setText(
                fill(
                    self.tr(
                        "You are on the %1: everything here is play money with no value, so "
                        "you can try every step (offer, buy, deliver, withdraw) without risk."
                    ),
                    network.title,
                )
            )
        elif network.real_money:
            self.network.setObjectName("Warning")
            self.network.setText(
                fill(
                    self.tr("Real money: %1 is a live network. Sales and purchases pay in %2."),
                    network.title,
                    network.currency.symbol,
                )
            )
        else:
            self.network.setObjectName("Hint")
            self.network.setText(
                fill(self.tr("%1 is a test network: its coins have no real value."), network.title)
            )
        # The object name picks the style: restyle after changing it.
        self.network.style().unpolish(self.network)
        self.network.style().polish(self.network)

    def _set_busy(self, running: bool) -> None:
        self.busy.setText(self.tr("Working… this can take a moment.") if running else "")
        for tab in (self.offers, self.sales, self.purchases, self.buying):
            tab.set_enabled(not running)

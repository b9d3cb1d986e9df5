"""The marketplace's states and amounts in the person's words and language.

The market core decides every state (`hearth.market.overview`); this module only names them.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from hearth.ui.i18n import fill
from hearth.wallet.amounts import amount_text
from hearth.wallet.networks import Network

if TYPE_CHECKING:
    from hearth.market.fulfil import FulfilReport, Sale
    from hearth.market.overview import MyPurchase


def coins(units: int, network: Network) -> str:
    currency = network.currency
    return amount_text(units, currency.decimals, currency.symbol)


def day(timestamp: int) -> str:
    """A chain time (unix seconds) as the person's local date."""
    return datetime.fromtimestamp(timestamp, UTC).astimezone().strftime("%Y-%m-%d")


def moment(timestamp: int) -> str:
    """A chain time as local date and time, for deadlines."""
    return datetime.fromtimestamp(timestamp, UTC).astimezone().strftime("%Y-%m-%d %H:%M")


def short(address: str) -> str:
    """``0x1234…abcd``: enough to recognise an address; the whole one goes in a tooltip."""
    return address if len(address) <= 14 else f"{address[:6]}…{address[-4:]}"


def who(address: str, household: dict[str, str]) -> str:
    """A member's name for their wallet address, else the address shortened."""
    return household.get(address) or short(address)


def offer_state(state: str) -> str:
    """An `OfferState` (a string enum) in words."""
    names = {
        "open": QCoreApplication.translate("MarketplaceWords", "Open"),
        "expired": QCoreApplication.translate("MarketplaceWords", "Expired"),
        "sold-out": QCoreApplication.translate("MarketplaceWords", "Sold out"),
        "withdrawn": QCoreApplication.translate("MarketplaceWords", "Withdrawn"),
    }
    return names.get(state, state)


def sale_state(sale: Sale) -> str:
    names = {
        "seen": QCoreApplication.translate("MarketplaceWords", "Waiting for delivery"),
        "delivering": QCoreApplication.translate("MarketplaceWords", "Waiting for delivery"),
        "delivered": QCoreApplication.translate("MarketplaceWords", "Delivered"),
        "refused": QCoreApplication.translate("MarketplaceWords", "Not delivered"),
        "closed": QCoreApplication.translate("MarketplaceWords", "Refunded to the buyer"),
        "gone": QCoreApplication.translate("MarketplaceWords", "Removed from the chain"),
    }
    return names.get(sale.state, sale.state)


def purchase_state(mine: MyPurchase) -> str:
    purchase = mine.purchase
    if purchase.state == "received":
        return QCoreApplication.translate("MarketplaceWords", "Received and verified")
    if purchase.state == "refunded":
        return QCoreApplication.translate("MarketplaceWords", "Refunded to you")
    if mine.delivery is not None:
        return QCoreApplication.translate("MarketplaceWords", "Delivered: receive and check it")
    if mine.refundable:
        return QCoreApplication.translate(
            "MarketplaceWords", "Not delivered in time: you can take a refund"
        )
    return fill(
        QCoreApplication.translate("MarketplaceWords", "Waiting for the seller (until %1)"),
        moment(purchase.deadline),
    )


def delivery_report(report: FulfilReport) -> list[str]:
    """What one delivery pass did, a sentence per sale."""
    lines = []
    for item in report.delivered:
        lines.append(
            fill(
                QCoreApplication.translate(
                    "MarketplaceWords",
                    "Sale %1 delivered: the payment is released to you. The encrypted package "
                    "is %2; a buyer in this household finds it by themselves, anyone else "
                    "needs the file.",
                ),
                item["purchase_id"],
                item.get("package") or "",
            )
        )
    for item in report.refused:
        lines.append(
            fill(
                QCoreApplication.translate("MarketplaceWords", "Sale %1 not delivered. %2"),
                item["purchase_id"],
                item["reason"],
            )
        )
    for purchase_id in report.waiting:
        lines.append(
            fill(
                QCoreApplication.translate(
                    "MarketplaceWords",
                    "Sale %1 waits for more blocks on the chain before it is delivered.",
                ),
                purchase_id,
            )
        )
    for purchase_id in report.gone:
        lines.append(
            fill(
                QCoreApplication.translate(
                    "MarketplaceWords",
                    "Sale %1 was removed by a re-organisation of the chain: there is nothing "
                    "to deliver.",
                ),
                purchase_id,
            )
        )
    return lines

"""The acting member's marketplace at a glance: their offers and how each stands, the sales of
them, what they bought and whether it was delivered, and the earnings the market holds.

One call (`market_overview`) reads the vault and the chain once, so a front end can show it
all from a worker thread. The states are decided here, not in the front ends:

- an offer is **withdrawn** when the seller cancelled it on chain, or its dataset's consent no
  longer allows a sale under the terms it was offered with (the fulfilment would refuse to
  deliver), **sold out** when every sale it allows was made, **expired** after its last day,
  and **open** otherwise;
- a purchase is **delivered** once the market recorded a delivery for it, and **refundable**
  when nothing was delivered by its deadline.

Reading the overview also writes down new purchases of the member's offers (the fulfilment's
own `scan`, from its cursor), so that sales waiting for delivery show before anyone delivers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from eth_utils.address import to_checksum_address
from web3.contract import Contract

from hearth.consent.store import effective_policy
from hearth.errors import NotAllowed, PolicyRefused
from hearth.market import fulfil
from hearth.market.buyer import Purchase, purchases
from hearth.market.chain import COIN, MarketSession, session
from hearth.market.contracts import Offer, market_at
from hearth.market.fulfil import Sale
from hearth.market.offers import may_offer
from hearth.vault import Vault
from hearth.wallet.info import wallet_info
from hearth.wallet.networks import Network
from hearth.wallet.rpc import talking_to

CANCELLED = 2**256 - 1  # DataMarket's `sold` value for a cancelled offer
ALL_BPS = 10_000


class OfferState(StrEnum):
    OPEN = "open"
    EXPIRED = "expired"
    SOLD_OUT = "sold-out"
    WITHDRAWN = "withdrawn"


@dataclass(frozen=True)
class MyOffer:
    """One offer the member signed on this network, as it stands now."""

    offer_id: str
    dataset_id: int
    title: str
    offer: Offer
    state: OfferState
    why: str | None  # for a withdrawn offer: what withdrew it, in a sentence
    sales: int  # purchases made of it
    delivered: int  # of those, delivered
    earned: int  # what the delivered ones paid the member, after the market's fee
    made_at: str


@dataclass(frozen=True)
class Delivery:
    """The market's record that a purchase was delivered, and where the package may be."""

    ciphertext_hash: str
    uri: str
    tx_hash: str
    local_package: Path | None  # the file, when the seller's outbox is in this vault's folder


@dataclass(frozen=True)
class MyPurchase:
    purchase: Purchase
    delivery: Delivery | None
    refundable: bool


@dataclass(frozen=True)
class MarketOverview:
    network: Network
    address: str | None  # the member's wallet; None without one (then everything is empty)
    market: str | None
    chain_time: int
    earnings: int  # what the market holds for the member, to withdraw
    offers: list[MyOffer]
    sales: list[Sale]
    purchases: list[MyPurchase]
    offerable: list[tuple[int, str]]  # (dataset id, title) the member may offer now
    household: dict[str, str]  # wallet address -> member name, for this vault's members

    def title_of(self, offer_id: str) -> str:
        """The dataset title of one of the member's offers ("" when it is not one)."""
        return next((o.title for o in self.offers if o.offer_id == offer_id), "")


def market_overview(vault: Vault) -> MarketOverview:
    """Everything the member's marketplace shows, read from the vault and the chain."""
    info = wallet_info(vault) if vault.member is not None else None
    with session(vault, need_wallet=info is not None) as market:
        network = market.network
        if info is None or market.market is None:
            address = None if info is None else info.address
            return MarketOverview(
                network, address, None, 0, 0, [], [], [], offerable(vault), household(vault)
            )
        fulfil.scan(market, fulfil.default_confirmations(market))
        now = market.chain_time()
        me = market.me
        with talking_to(market.where):
            earnings = int(market.contract.functions.balanceOf(COIN, me).call())
        sales = fulfil.sales(vault, network.chain_id, seller=me)
        return MarketOverview(
            network=network,
            address=me,
            market=market.contract.address,
            chain_time=now,
            earnings=earnings,
            offers=_my_offers(market, sales, now),
            sales=sales,
            purchases=[_standing(market, p, now) for p in purchases(vault, network.chain_id)],
            offerable=offerable(vault),
            household=household(vault),
        )


def household(vault: Vault) -> dict[str, str]:
    """The wallet addresses of this vault's members: a sale between two of them names them."""
    found: dict[str, str] = {}
    for member in vault.members():
        info = wallet_info(vault, member.name)
        if info is not None:
            found[info.address] = member.name
    return found


def offerable(vault: Vault) -> list[tuple[int, str]]:
    """The datasets the member may offer now: theirs (or a child's, for a guardian) with
    active terms. As `make_offer` decides, so what is listed can be offered."""
    found = []
    for dataset in vault.datasets():
        try:
            may_offer(vault, dataset.id)
            effective_policy(vault, dataset.id)
        except (NotAllowed, PolicyRefused):
            continue
        found.append((dataset.id, dataset.title))
    return found


# ----------------------------------------------------------------- offers


def _my_offers(market: MarketSession, sales: list[Sale], now: int) -> list[MyOffer]:
    vault = market.vault
    assert vault.member is not None  # a wallet needs a member
    with vault.reading() as conn:
        rows = conn.execute(
            "SELECT o.offer_id, o.market, o.dataset_id, d.title, o.message, o.created_at "
            "FROM market_offers o JOIN datasets d ON d.id = o.dataset_id "
            "WHERE o.member_id = ? AND o.chain_id = ? ORDER BY o.created_at, o.offer_id",
            (vault.member.id, market.network.chain_id),
        ).fetchall()
    found = []
    for offer_id, address, dataset_id, title, message, made_at in rows:
        offer = Offer.from_message(json.loads(message))
        contract = _contract_at(market, address)
        with talking_to(market.where):
            sold = int(contract.functions.sold(bytes.fromhex(offer_id[2:])).call())
            revoked_below = int(contract.functions.minNonce(offer.seller).call())
            fee_bps = int(contract.functions.feeBps().call())
        mine = [s for s in sales if s.offer_id == offer_id]
        delivered = [s for s in mine if s.state == "delivered"]
        state, why = _offer_state(vault, offer, int(dataset_id), sold, revoked_below, now)
        found.append(
            MyOffer(
                offer_id=offer_id,
                dataset_id=int(dataset_id),
                title=str(title),
                offer=offer,
                state=state,
                why=why,
                sales=len(mine) if sold == CANCELLED else max(sold, len(mine)),
                delivered=len(delivered),
                # As `deliver` splits it: the fee rounded down, the rest to the seller.
                earned=sum(s.price - s.price * fee_bps // ALL_BPS for s in delivered),
                made_at=str(made_at),
            )
        )
    return found


def _offer_state(
    vault: Vault, offer: Offer, dataset_id: int, sold: int, revoked_below: int, now: int
) -> tuple[OfferState, str | None]:
    if sold == CANCELLED or offer.nonce < revoked_below:
        return OfferState.WITHDRAWN, "You cancelled this offer."
    if sold >= offer.max_sales:
        return OfferState.SOLD_OUT, None
    if offer.expiry < now:
        return OfferState.EXPIRED, None
    try:
        version = effective_policy(vault, dataset_id)
    except PolicyRefused as exc:
        return OfferState.WITHDRAWN, str(exc)
    if version.terms_hash != "0x" + offer.terms_hash.hex():
        return (
            OfferState.WITHDRAWN,
            "The terms of this dataset changed after the offer was made; make a new offer.",
        )
    return OfferState.OPEN, None


def _contract_at(market: MarketSession, address: str) -> Contract:
    """The market an offer or purchase was made on (the vault's current one, or an older)."""
    address = to_checksum_address(address)
    if address == market.contract.address:
        return market.contract
    return market_at(market.web3, address)


# ----------------------------------------------------------------- purchases


def _standing(market: MarketSession, purchase: Purchase, now: int) -> MyPurchase:
    delivery = _delivery(market, purchase) if purchase.state == "bought" else None
    refundable = purchase.state == "bought" and delivery is None and now > purchase.deadline
    return MyPurchase(purchase, delivery, refundable)


def _delivery(market: MarketSession, purchase: Purchase) -> Delivery | None:
    contract = _contract_at(market, purchase.market)
    with talking_to(market.where):
        logs = contract.events.Delivered().get_logs(
            from_block=purchase.bought_block,
            argument_filters={"purchaseId": purchase.purchase_id},
        )
    if not logs:
        return None
    entry = logs[-1]
    uri = str(entry["args"]["uri"])
    return Delivery(
        ciphertext_hash="0x" + bytes(entry["args"]["ciphertextHash"]).hex(),
        uri=uri,
        tx_hash="0x" + bytes(entry["transactionHash"]).hex(),
        local_package=_in_outbox(market.vault, uri),
    )


def _in_outbox(vault: Vault, uri: str) -> Path | None:
    """The delivered file in this vault's outbox: a seller of the same household delivers
    there, and names the file on chain. The name comes from the chain, so only a plain file
    name is looked up, never a path."""
    if not uri or Path(uri).name != uri or uri.startswith("."):
        return None
    path = vault.path / fulfil.OUTBOX / uri
    return path if path.is_file() else None

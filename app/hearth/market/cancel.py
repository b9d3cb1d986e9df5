"""Cancelling offers on chain, so that nobody can buy them any more.

A signed offer is a file that may have been published anywhere, and the market takes a
purchase of it for as long as it is valid: withdrawing consent alone stops only the delivery
(the buyer pays, nothing is delivered, and they wait for their refund). Cancelling sends the
market's `cancelOffer` for each offer, through the Signer (shown in words, approved, journalled);
from then on the contract itself refuses a purchase ("The seller has cancelled this offer.").
Copies already delivered cannot be called back: cancelling is about sales to come.

`cancel_offers` is what the command line and the Marketplace page call; `open_offers` says which
offers of a dataset are still open on the vault's network, `offers_made` (no chain needed)
whether there are any to ask about at all. The chain libraries are imported where the chain is
talked to, so that `hearth consent withdraw` on a vault without offers starts fast.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from hearth.errors import NotAllowed, UsageError, UserCancelled
from hearth.vault import Vault

if TYPE_CHECKING:
    from hearth.market.chain import MarketSession
    from hearth.market.contracts import Offer
    from hearth.wallet.signer import Approve

CANCELLED = 2**256 - 1  # DataMarket's `sold` count of a cancelled offer


@dataclass(frozen=True)
class SignedOffer:
    """An offer signed in this vault, as the vault remembers it."""

    offer_id: str
    chain_id: int
    market: str
    dataset_id: int
    title: str
    member: str  # who signed it (whose wallet is its seller)
    message: Mapping[str, Any]  # the EIP-712 message as signed

    @property
    def offer(self) -> Offer:
        from hearth.market.contracts import Offer

        return Offer.from_message(self.message)

    def to_json(self) -> dict[str, Any]:
        return {
            "offer_id": self.offer_id,
            "dataset": self.dataset_id,
            "title": self.title,
            "chain_id": self.chain_id,
        }


@dataclass
class CancelReport:
    """What `cancel_offers` did: offers cancelled on chain (with their transaction), and open
    offers it could not cancel from here, each with the reason in a sentence."""

    cancelled: list[dict[str, Any]] = field(default_factory=list)
    left_open: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"cancelled": self.cancelled, "left_open": self.left_open}


def offers_made(vault: Vault, dataset_id: int | None = None) -> list[SignedOffer]:
    """The offers signed in this vault (of one dataset), on any network, oldest first."""
    sql = (
        "SELECT o.offer_id, o.chain_id, o.market, o.dataset_id, d.title, m.name, o.message "
        "FROM market_offers o JOIN datasets d ON d.id = o.dataset_id "
        "JOIN members m ON m.id = o.member_id"
    )
    params: list[Any] = []
    if dataset_id is not None:
        sql += " WHERE o.dataset_id = ?"
        params.append(dataset_id)
    with vault.reading() as conn:
        rows = conn.execute(sql + " ORDER BY o.created_at, o.offer_id", params).fetchall()
    return [
        SignedOffer(
            offer_id=str(r[0]),
            chain_id=int(r[1]),
            market=str(r[2]),
            dataset_id=int(r[3]),
            title=str(r[4]),
            member=str(r[5]),
            message=json.loads(r[6]),
        )
        for r in rows
    ]


def open_offers(vault: Vault, dataset_id: int | None = None) -> list[SignedOffer]:
    """The offers signed in this vault (of one dataset) that can still be bought on the vault's
    network: not cancelled, not revoked, not expired, not sold out. Asks the chain only when
    there are offers made on that network."""
    from hearth.market.chain import session
    from hearth.wallet.networks import current_network

    chain_id = current_network(vault).chain_id
    here = [o for o in offers_made(vault, dataset_id) if o.chain_id == chain_id]
    if not here:
        return []
    with session(vault, need_wallet=False) as market:
        now = market.chain_time()
        return [o for o in here if why_not_open(market, o, now) is None]


def why_not_open(market: MarketSession, signed: SignedOffer, now: int) -> str | None:
    """Why ``signed`` can no longer be bought, in words ("already cancelled", ...), or None
    when the market would still take a purchase of it."""
    from hearth.market.contracts import market_at
    from hearth.wallet.rpc import talking_to

    offer = signed.offer
    contract = market_at(market.web3, signed.market)
    with talking_to(market.where):
        if not market.web3.eth.get_code(contract.address):
            return "its market is not on this chain any more"
        sold = int(contract.functions.sold(bytes.fromhex(signed.offer_id[2:])).call())
        revoked_below = int(contract.functions.minNonce(offer.seller).call())
    if sold == CANCELLED or offer.nonce < revoked_below:
        return "already cancelled"
    if offer.expiry < now:
        return "expired"
    if sold >= offer.max_sales:
        return "sold out"
    return None


def cancel_offers(
    vault: Vault,
    approve: Approve,
    *,
    offer_id: str | None = None,
    dataset_id: int | None = None,
    passphrase: str | None = None,
) -> CancelReport:
    """Cancel one offer (``offer_id``), or every open offer of ``dataset_id``, on the vault's
    network: one `cancelOffer` transaction each, asked for and signed through the Signer.

    An offer named by id that cannot be cancelled (not made here, already cancelled, expired,
    sold out, signed by another member's wallet) is refused in a sentence and nothing is sent;
    for a dataset, offers that are no longer open are skipped and ones this wallet cannot cancel
    are listed in ``left_open``, as are those the person declined to cancel (each is its own
    request). `UserCancelled` when the person declines the one offer named by id.
    """
    from hearth.market.chain import session
    from hearth.wallet.amounts import amount_text

    if (offer_id is None) == (dataset_id is None):
        raise UsageError("Name one offer to cancel, or a dataset whose offers to cancel.")
    report = CancelReport()
    with session(vault, approve, passphrase=passphrase) as market:
        network = market.network
        made = [
            o
            for o in offers_made(vault, dataset_id)
            if o.chain_id == network.chain_id and offer_id in (None, o.offer_id)
        ]
        if offer_id is not None and not made:
            raise UsageError(f"No offer {offer_id} was made in this vault on {network.title}.")
        now = market.chain_time()
        for signed in made:
            why = why_not_open(market, signed, now)
            if why is None and signed.offer.seller != market.me:
                why = (
                    f"it was signed with {signed.member}'s wallet: {signed.member} cancels it "
                    f"with 'hearth --member {signed.member} market cancel {signed.offer_id}'"
                )
                if offer_id is not None:
                    raise NotAllowed(f"You cannot cancel this offer: {why}.")
                report.left_open.append({"offer_id": signed.offer_id, "reason": why})
                continue
            if why is None and signed.market != market.contract.address:
                why = (
                    f"it was made on an older market ({signed.market}) that this vault no "
                    "longer uses on this network"
                )
                if offer_id is not None:
                    raise UsageError(f"Hearth cannot cancel this offer: {why}.")
                report.left_open.append({"offer_id": signed.offer_id, "reason": why})
                continue
            if why is not None:
                if offer_id is not None:
                    raise UsageError(f"The offer {offer_id} is {why}; nothing was sent.")
                continue
            price = amount_text(
                signed.offer.price, network.currency.decimals, network.currency.symbol
            )
            try:
                receipt = market.send(
                    market.contract.functions.cancelOffer(signed.offer.as_abi()),
                    f"Cancel your offer of '{signed.title}' for {price} on {network.title}: "
                    "nobody can buy it from then on (copies already delivered cannot be called "
                    "back)",
                )
            except UserCancelled:
                if offer_id is not None:
                    raise
                # One request per offer: a no to this one still asks about the next.
                report.left_open.append(
                    {"offer_id": signed.offer_id, "reason": "you did not approve cancelling it"}
                )
                continue
            tx = "0x" + bytes(receipt["transactionHash"]).hex()
            vault.record(
                "market.offer_cancelled",
                {
                    "offer_id": signed.offer_id,
                    "dataset_id": signed.dataset_id,
                    "network": network.name,
                    "tx": tx,
                },
            )
            report.cancelled.append({**signed.to_json(), "tx": tx})
    return report

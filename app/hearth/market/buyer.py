"""The buyer's side: buy an offer, receive and verify the package, take a refund; and the
seller's withdrawal of earnings, the other pull payment.

Buying checks the offer first (signature, terms, expiry, network, that the contract is a Hearth
market, that the buyer is allowed), then pays exactly the offer's price with ``maxPrice`` set
to it, so a dearer offer cannot be slipped in. The age recipient that goes into the purchase is
the buyer's wallet's. Receiving checks the file's sha256 against the `Delivered` event before
decrypting anything, then the decrypted package's Merkle root and terms hash against the offer.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from eth_utils.address import to_checksum_address

from hearth.errors import BadInput, UsageError
from hearth.market.chain import COIN, MarketSession, receipt_events, session
from hearth.market.contracts import Licence, allowlist_proof
from hearth.market.offers import OfferDocument, verify
from hearth.progress import CancelToken, ProgressCallback
from hearth.vault import Vault
from hearth.vault.audit import now_iso
from hearth.wallet.amounts import amount_text
from hearth.wallet.rpc import talking_to
from hearth.wallet.signer import Approve
from hearth.wallet.signing import short_address


@dataclass(frozen=True)
class Purchase:
    chain_id: int
    market: str
    purchase_id: int
    buyer: str
    offer: OfferDocument
    price: int
    deadline: int
    tx_hash: str
    bought_block: int
    state: str
    merkle_root: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "purchase_id": self.purchase_id,
            "offer_id": self.offer.offer_id,
            "title": self.offer.title,
            "seller": self.offer.offer.seller,
            "price": str(self.price),
            "deadline": datetime.fromtimestamp(self.deadline, UTC).isoformat(),
            "state": self.state,
            "merkle_root": self.merkle_root,
            "tx": self.tx_hash,
        }


@dataclass(frozen=True)
class Received:
    purchase_id: int
    merkle_root: str
    terms_hash: str
    out_dir: Path
    files: list[str]
    rows: int

    def to_json(self) -> dict[str, Any]:
        return {
            "verified": True,
            "purchase_id": self.purchase_id,
            "merkle_root": self.merkle_root,
            "terms_hash": self.terms_hash,
            "files": self.files,
            "rows": self.rows,
        }


# ----------------------------------------------------------------- buying


def buy(
    vault: Vault, document: OfferDocument, approve: Approve, *, passphrase: str | None = None
) -> Purchase:
    """Buy ``document``'s offer with the acting member's wallet; the purchase as recorded."""
    problems = verify(document)
    if problems:
        raise BadInput(f"This offer cannot be bought. {' '.join(problems)}")
    from hearth.wallet.info import wallet_info

    info = wallet_info(vault)
    if info is None:
        raise UsageError("You have no wallet yet. Create one with 'hearth wallet create'.")
    offer = document.offer
    with session(vault, approve, passphrase=passphrase, offered_market=document) as market:
        me = market.me
        if offer.seller == me:
            raise UsageError("This is your own offer; you cannot buy it.")
        proof: list[bytes] = []
        if document.buyers:
            if me not in document.buyers:
                raise UsageError("This offer is not open to your account.")
            if len(document.buyers) > 1:
                proof = allowlist_proof(list(document.buyers), me)
        network = market.network
        price_text = amount_text(offer.price, network.currency.decimals, network.currency.symbol)
        call = market.contract.functions.purchase(
            offer.as_abi(), document.signature, info.age_recipient, offer.price, proof
        )
        receipt = market.send(
            call,
            f"Buy a licence to '{document.title}' from {short_address(offer.seller)} for "
            f"{price_text}, under the offer's terms",
            value=offer.price,
        )
        [event] = receipt_events(market.contract, "Purchased", receipt)
        args = event["args"]
        purchase = Purchase(
            chain_id=network.chain_id,
            market=market.contract.address,
            purchase_id=int(args["purchaseId"]),
            buyer=me,
            offer=document,
            price=int(args["price"]),
            deadline=int(args["deadline"]),
            tx_hash="0x" + bytes(receipt["transactionHash"]).hex(),
            bought_block=int(receipt["blockNumber"]),
            state="bought",
            merkle_root=None,
        )
        _record_purchase(vault, purchase)
    return purchase


def _record_purchase(vault: Vault, purchase: Purchase) -> None:
    assert vault.member is not None  # the Signer needed one
    offer_json = json.dumps(purchase.offer.to_json(), sort_keys=True, ensure_ascii=False)
    with vault.writing() as conn:
        conn.execute(
            "INSERT INTO market_purchases (chain_id, market, purchase_id, member_id, buyer, "
            "offer_id, offer, price, deadline, tx_hash, bought_block, state, bought_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'bought', ?)",
            (
                purchase.chain_id,
                purchase.market,
                purchase.purchase_id,
                vault.member.id,
                purchase.buyer,
                purchase.offer.offer_id,
                offer_json,
                str(purchase.price),
                purchase.deadline,
                purchase.tx_hash,
                purchase.bought_block,
                now_iso(),
            ),
        )
        # The terms the member accepted, by hash: the offer kept above holds their words.
        vault.audit(
            "market.bought",
            {
                "purchase_id": purchase.purchase_id,
                "offer_id": purchase.offer.offer_id,
                "seller": purchase.offer.offer.seller,
                "price": str(purchase.price),
                "terms_hash": "0x" + purchase.offer.offer.terms_hash.hex(),
                "merkle_root": "0x" + purchase.offer.offer.dataset_commitment.hex(),
                "tx": purchase.tx_hash,
            },
        )


# ----------------------------------------------------------------- receiving


def receive(
    vault: Vault,
    package: Path,
    out_dir: Path,
    *,
    purchase_id: int | None = None,
    passphrase: str | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> Received:
    """Check a delivered package against the chain and the offer, decrypt it into ``out_dir``."""
    from hearth.packages.open import open_package
    from hearth.wallet.accounts import age_identity

    package, out_dir = Path(package), Path(out_dir)
    if not package.is_file():
        raise UsageError(f"There is no package at {package}.")
    if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
        raise UsageError(f"{out_dir} already exists and is not empty: choose a new folder.")
    digest = "0x" + _sha256(package).hex()
    with session(vault, need_wallet=False) as market:
        purchase = _delivered_as(market, digest, purchase_id)
    identity = age_identity(vault, passphrase)
    with _identity_file(str(identity)) as identity_path:
        opened = open_package(package, identity_path, out_dir, progress=progress, cancel=cancel)
    offer = purchase.offer.offer
    problems = []
    if opened.merkle_root != "0x" + offer.dataset_commitment.hex():
        problems.append("its data is not the data the offer committed to")
    if opened.terms_hash != "0x" + offer.terms_hash.hex():
        problems.append("its terms are not the offer's terms")
    if problems:
        shutil.rmtree(out_dir, ignore_errors=True)
        raise BadInput(
            f"The package for purchase {purchase.purchase_id} decrypts, but "
            f"{' and '.join(problems)}; nothing was kept. Ask the seller, or take a refund "
            "after the deadline if nothing better comes."
        )
    with vault.writing() as conn:
        conn.execute(
            "UPDATE market_purchases SET state = 'received', merkle_root = ?, received_at = ? "
            "WHERE chain_id = ? AND market = ? AND purchase_id = ?",
            (
                opened.merkle_root,
                now_iso(),
                purchase.chain_id,
                purchase.market,
                purchase.purchase_id,
            ),
        )
        vault.audit(
            "market.received",
            {
                "purchase_id": purchase.purchase_id,
                "merkle_root": opened.merkle_root,
                "ciphertext_hash": digest,
            },
        )
    return Received(
        purchase.purchase_id,
        opened.merkle_root,
        opened.terms_hash,
        out_dir,
        opened.files,
        opened.rows,
    )


def _delivered_as(market: MarketSession, digest: str, purchase_id: int | None) -> Purchase:
    """The member's purchase whose `Delivered` event names this file's hash."""
    mine = [
        p
        for p in purchases(market.vault, market.network.chain_id)
        if purchase_id is None or p.purchase_id == purchase_id
    ]
    if purchase_id is not None and not mine:
        raise UsageError(f"You made no purchase {purchase_id} on {market.network.title}.")
    for purchase in mine:
        contract = market.contract if purchase.market == market.contract.address else None
        if contract is None:
            from hearth.market.contracts import market_at

            contract = market_at(market.web3, purchase.market)
        with talking_to(market.where):
            logs = contract.events.Delivered().get_logs(
                from_block=purchase.bought_block,
                argument_filters={"purchaseId": purchase.purchase_id},
            )
        for entry in logs:
            if "0x" + bytes(entry["args"]["ciphertextHash"]).hex() == digest:
                return purchase
    raise BadInput(
        "This file is not a package delivered to you: its sha256 matches no delivery of your "
        "purchases on the chain (yet). Nothing was decrypted."
    )


@contextlib.contextmanager
def _identity_file(identity: str) -> Iterator[Path]:
    """The age identity as a file name that `open_package` can read, without it ever touching
    a disk: one end of a pipe, under /dev/fd."""
    if not Path("/dev/fd").is_dir():
        raise UsageError("Opening a bought package needs /dev/fd, which this system lacks.")
    read_end, write_end = os.pipe()
    try:
        os.write(write_end, (identity + "\n").encode("ascii"))
        os.close(write_end)
        write_end = -1
        yield Path(f"/dev/fd/{read_end}")
    finally:
        if write_end != -1:
            os.close(write_end)
        os.close(read_end)


def _sha256(path: Path) -> bytes:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.digest()


# ----------------------------------------------------------------- refunds and withdrawals


def refund(
    vault: Vault, purchase_id: int, approve: Approve, *, passphrase: str | None = None
) -> str:
    """Take back the payment of an undelivered purchase after its deadline; the tx hash."""
    with session(vault, approve, passphrase=passphrase) as market:
        mine = purchases(vault, market.network.chain_id)
        found = [p for p in mine if p.purchase_id == purchase_id]
        if not found:
            raise UsageError(f"You made no purchase {purchase_id} on {market.network.title}.")
        [purchase] = found
        if purchase.state != "bought":
            raise UsageError(f"Purchase {purchase_id} is already {purchase.state}.")
        licence = Licence.of_purchase(purchase.offer.offer, purchase.buyer, purchase.deadline)
        call = market.contract.functions.refund(purchase_id, licence.as_abi())
        network = market.network
        price = amount_text(purchase.price, network.currency.decimals, network.currency.symbol)
        receipt = market.send(
            call, f"Take back {price} paid for undelivered purchase {purchase_id}"
        )
        tx = "0x" + bytes(receipt["transactionHash"]).hex()
        with vault.writing() as conn:
            conn.execute(
                "UPDATE market_purchases SET state = 'refunded' WHERE chain_id = ? AND "
                "market = ? AND purchase_id = ?",
                (purchase.chain_id, purchase.market, purchase_id),
            )
            vault.audit("market.refund_taken", {"purchase_id": purchase_id, "tx": tx})
    return tx


def withdraw(vault: Vault, approve: Approve, *, passphrase: str | None = None) -> tuple[int, str]:
    """Pay the member's earnings held by the market out to their wallet; (amount, tx hash)."""
    with session(vault, approve, passphrase=passphrase) as market:
        with talking_to(market.where):
            owed = int(market.contract.functions.balanceOf(COIN, market.me).call())
        network = market.network
        if owed == 0:
            raise UsageError(f"The market holds no earnings of yours on {network.title}.")
        amount = amount_text(owed, network.currency.decimals, network.currency.symbol)
        receipt = market.send(
            market.contract.functions.withdraw(COIN), f"Withdraw your earnings: {amount}"
        )
        tx = "0x" + bytes(receipt["transactionHash"]).hex()
        vault.record("market.withdrawn", {"amount": str(owed), "tx": tx})
    return owed, tx


def earnings(vault: Vault) -> int:
    """What the market holds for the member on the current network (0 without a market)."""
    with session(vault, need_wallet=False) as market:
        if market.market is None:
            return 0
        from hearth.wallet.info import wallet_info

        info = wallet_info(vault)
        if info is None:
            return 0
        with talking_to(market.where):
            return int(market.contract.functions.balanceOf(COIN, info.address).call())


# ----------------------------------------------------------------- listing


def purchases(vault: Vault, chain_id: int | None = None) -> list[Purchase]:
    """The acting member's purchases, oldest first."""
    if vault.member is None:
        return []
    sql = (
        "SELECT chain_id, market, purchase_id, buyer, offer, price, deadline, tx_hash, "
        "bought_block, state, merkle_root FROM market_purchases WHERE member_id = ?"
    )
    params: list[Any] = [vault.member.id]
    if chain_id is not None:
        sql += " AND chain_id = ?"
        params.append(chain_id)
    with vault.reading() as conn:
        rows = conn.execute(sql + " ORDER BY bought_at, purchase_id", params).fetchall()
    return [
        Purchase(
            chain_id=int(r[0]),
            market=to_checksum_address(r[1]),
            purchase_id=int(r[2]),
            buyer=str(r[3]),
            offer=OfferDocument.from_json(json.loads(r[4])),
            price=int(r[5]),
            deadline=int(r[6]),
            tx_hash=str(r[7]),
            bought_block=int(r[8]),
            state=str(r[9]),
            merkle_root=r[10],
        )
        for r in rows
    ]

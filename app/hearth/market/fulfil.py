"""The seller's fulfilment: find purchases of this member's offers and deliver each one once.

One pass (`fulfil`) does two things:

1. **Reads the chain** for `Purchased` events naming the member as seller, from a cursor kept in
   the vault (block number and hash) up to the head minus the confirmations asked for. When the
   block under the cursor has another hash than before, the chain re-organised: it reads again
   from `REORG_DEPTH` blocks further back; a purchase found again in another block takes that
   block's deadline and is settled again. Every purchase seen is written down (`market_sales`)
   in the same transaction as the new cursor, so a crash never skips one.
2. **Delivers** each purchase not yet settled, in steps that are written down before they are
   taken: the purchase must still be on chain (a re-org may have removed it: 'gone') with
   enough confirmations and its licence still open; consent must still allow the sale (else
   'refused', and the buyer can take a refund after the deadline); the package is built for
   the offer (same policy, same pseudonyms, so the same Merkle root, checked) and encrypted to
   the buyer's age recipient from the event, into the outbox; its sha256 and location are
   written down ('delivering'); only then is `deliver` sent through the Signer (which journals
   it before broadcasting). A later pass finds a delivery that went through by its `Delivered`
   event, so nothing is ever delivered twice, even after a crash or a lost node.

A delivery is not final once mined: until it is buried `REORG_DEPTH` blocks deep, the Signer
checks at every pass that its block is still in the chain, and puts one that a re-organisation
took out back on chain as the same signed transaction. A pass then finds the sale's `deliver`
no longer mined in the Signer's journal, and the sale is 'delivering' again: delivered (and
reported) once the chain has it back, or delivered anew when the old one cannot count any more
(it reverted because the purchase came back with another deadline).

The location put on chain is ``ipfs://CID`` when the vault has an IPFS API set (`market.ipfs`:
the package is pinned there when it is made, and stays in the outbox too); otherwise, or when
that API does not answer (the report says so), it is the package's file name, and the seller
hands the file over (a shared folder, mail).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from eth_utils.address import to_checksum_address

from hearth.consent.store import effective_policy, status
from hearth.errors import PolicyRefused, UserFacingError
from hearth.market import ipfs
from hearth.market.chain import MarketSession, session
from hearth.market.contracts import Licence
from hearth.market.offers import offer_of_record
from hearth.progress import CancelToken, ProgressCallback, check
from hearth.vault import Vault
from hearth.vault.audit import now_iso
from hearth.wallet import journal
from hearth.wallet.rpc import talking_to
from hearth.wallet.signer import REORG_DEPTH, Approve
from hearth.wallet.signing import short_address

LOG_CHUNK = 2_000
OUTBOX = "outbox"
OPEN_STATES = ("seen", "delivering")
# A sale whose purchase a re-org moved to another block is settled again (`_settle` finds
# a delivery or refund that came back with it); a refusal stands.
_AFTER_MOVE = {
    "gone": "seen",
    "delivered": "delivering",
    "closed": "seen",
}


@dataclass(frozen=True)
class Sale:
    chain_id: int
    market: str
    purchase_id: int
    offer_id: str
    seller: str
    buyer: str
    age_recipient: str
    price: int
    token: str
    deadline: int
    tx_hash: str
    block_number: int
    block_hash: str
    state: str
    package: str | None
    ciphertext_hash: str | None
    uri: str | None
    deliver_tx: str | None
    note: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "purchase_id": self.purchase_id,
            "offer_id": self.offer_id,
            "buyer": self.buyer,
            "price": str(self.price),
            "deadline": datetime.fromtimestamp(self.deadline, UTC).isoformat(),
            "state": self.state,
            "package": self.package,
            "ciphertext_hash": self.ciphertext_hash,
            "deliver_tx": self.deliver_tx,
            "note": self.note,
            "tx": self.tx_hash,
        }


@dataclass
class FulfilReport:
    delivered: list[dict[str, Any]] = field(default_factory=list)
    refused: list[dict[str, Any]] = field(default_factory=list)
    waiting: list[int] = field(default_factory=list)
    gone: list[int] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what the person should know, in sentences

    def to_json(self) -> dict[str, Any]:
        return {
            "delivered": self.delivered,
            "refused": self.refused,
            "waiting": self.waiting,
            "gone": self.gone,
            "notes": self.notes,
        }


def default_confirmations(session_: MarketSession) -> int:
    """Blocks to wait on top of a purchase's: none on the sandbox (it never re-organises)."""
    return 0 if session_.network.builtin else 2


def fulfil(
    vault: Vault,
    approve: Approve,
    *,
    outbox: Path | None = None,
    confirmations: int | None = None,
    passphrase: str | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> FulfilReport:
    """One pass: read new purchases, then deliver every one that can be delivered."""
    outbox = Path(outbox) if outbox is not None else vault.path / OUTBOX
    outbox.mkdir(mode=0o700, parents=True, exist_ok=True)
    report = FulfilReport()
    with session(vault, approve, passphrase=passphrase) as market:
        wanted = default_confirmations(market) if confirmations is None else confirmations
        if wanted < 0:
            raise UserFacingError("Confirmations are a number of blocks, 0 or more.")
        assert market.signer is not None
        # A delivery sent before a crash is finished first, and one a re-org undid goes out again.
        market.signer.resume()
        _reopen_undone_deliveries(market)
        scan(market, wanted)
        for sale in open_sales(vault, market):
            check(cancel)
            _settle(market, sale, outbox, wanted, report, progress, cancel)
    return report


# ----------------------------------------------------------------- reading the chain


def scan(market: MarketSession, confirmations: int) -> None:
    """Write down every purchase of the member's offers up to head - ``confirmations``."""
    vault, seller = market.vault, market.me
    chain_id, address = market.network.chain_id, market.contract.address
    start = _first_block(vault, chain_id, address, seller)
    if start is None:
        return  # no offer signed here on this market: nothing can have been bought
    safe = market.head() - confirmations
    cursor = _cursor(vault, chain_id, address, seller)
    if cursor is None:
        begin = start
    else:
        number, block_hash = cursor
        if number > market.head() or market.block_hash(number) != block_hash:
            begin = max(start, number - REORG_DEPTH)  # re-organised: read that stretch again
        else:
            begin = number + 1
    if begin > safe:
        return
    events = market.contract.events.Purchased()
    for low in range(begin, safe + 1, LOG_CHUNK):
        high = min(low + LOG_CHUNK - 1, safe)
        with talking_to(market.where):
            logs = events.get_logs(
                from_block=low, to_block=high, argument_filters={"seller": seller}
            )
        cursor_hash = market.block_hash(high)
        with vault.writing() as conn:
            for entry in logs:
                _note_purchase(market, conn, entry)
            conn.execute(
                "INSERT INTO market_cursors (chain_id, market, seller, block_number, "
                "block_hash, updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT "
                "(chain_id, market, seller) DO UPDATE SET block_number = excluded.block_number, "
                "block_hash = excluded.block_hash, updated_at = excluded.updated_at",
                (chain_id, address, seller, high, cursor_hash, now_iso()),
            )


def _note_purchase(market: MarketSession, conn: Any, entry: Any) -> None:
    args = entry["args"]
    purchase_id = int(args["purchaseId"])
    tx_hash = "0x" + bytes(entry["transactionHash"]).hex()
    block_hash = "0x" + bytes(entry["blockHash"]).hex()
    key = (market.network.chain_id, market.contract.address, purchase_id)
    row = conn.execute(
        "SELECT tx_hash, state, block_hash, package FROM market_sales WHERE chain_id = ? AND "
        "market = ? AND purchase_id = ?",
        key,
    ).fetchone()
    if row is not None and row[0] == tx_hash:
        if row[2] != block_hash:
            # The same purchase mined again in another block after a re-org. Its deadline is
            # that block's time plus the window, so the licence `deliver` names changed with
            # it: a delivery made for the old block is undone or will revert.
            state = _AFTER_MOVE.get(str(row[1]), str(row[1]))
            if state == "delivering" and row[3] is None:
                state = "seen"  # delivered from another copy of the wallet: no package here
            moved = (int(entry["blockNumber"]), block_hash, int(args["deadline"]), state)
            conn.execute(
                "UPDATE market_sales SET block_number = ?, block_hash = ?, deadline = ?, "
                "state = ?, updated_at = ? WHERE chain_id = ? AND market = ? AND "
                "purchase_id = ?",
                (*moved, now_iso(), *key),
            )
        return
    if row is not None:
        # The id was reused: the purchase written down under it was re-organised away (and
        # with it any delivery), so this is a new sale that needs its own package.
        conn.execute(
            "DELETE FROM market_sales WHERE chain_id = ? AND market = ? AND purchase_id = ?", key
        )
    at = now_iso()
    conn.execute(
        "INSERT INTO market_sales (chain_id, market, purchase_id, offer_id, seller, buyer, "
        "age_recipient, price, token, deadline, tx_hash, block_number, block_hash, state, "
        "seen_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'seen', ?, ?)",
        (
            *key,
            "0x" + bytes(args["offerHash"]).hex(),
            to_checksum_address(args["seller"]),
            to_checksum_address(args["buyer"]),
            str(args["ageRecipient"]),
            str(int(args["price"])),
            to_checksum_address(args["token"]),
            int(args["deadline"]),
            tx_hash,
            int(entry["blockNumber"]),
            block_hash,
            at,
            at,
        ),
    )
    market.vault.audit(
        "market.sale_seen",
        {"purchase_id": purchase_id, "offer_id": "0x" + bytes(args["offerHash"]).hex()},
    )


def _first_block(vault: Vault, chain_id: int, market: str, seller: str) -> int | None:
    with vault.reading() as conn:
        row = conn.execute(
            "SELECT MIN(made_at_block) FROM market_offers WHERE chain_id = ? AND market = ? "
            "AND seller = ?",
            (chain_id, market, seller),
        ).fetchone()
    return None if row[0] is None else int(row[0])


def _cursor(vault: Vault, chain_id: int, market: str, seller: str) -> tuple[int, str] | None:
    with vault.reading() as conn:
        row = conn.execute(
            "SELECT block_number, block_hash FROM market_cursors WHERE chain_id = ? AND "
            "market = ? AND seller = ?",
            (chain_id, market, seller),
        ).fetchone()
    return None if row is None else (int(row[0]), str(row[1]))


# ----------------------------------------------------------------- delivering


def _settle(
    market: MarketSession,
    sale: Sale,
    outbox: Path,
    confirmations: int,
    report: FulfilReport,
    progress: ProgressCallback | None,
    cancel: CancelToken | None,
) -> None:
    contract = market.contract
    with talking_to(market.where):
        receipt = _receipt(market, sale.tx_hash)
    if receipt is None or int(receipt["status"]) != 1:
        _set(market.vault, sale, "gone", note="A re-organisation of the chain removed it.")
        report.gone.append(sale.purchase_id)
        return
    if int(receipt["blockNumber"]) > market.head() - confirmations:
        report.waiting.append(sale.purchase_id)
        return
    with talking_to(market.where):
        open_word = bytes(contract.functions.openLicence(sale.purchase_id).call())
    if open_word == bytes(32):
        _closed(market, sale, report)
        return
    if _delivery_in_flight(market, sale):
        report.waiting.append(sale.purchase_id)
        return
    record = offer_of_record(market.vault, sale.offer_id)
    if record is None:
        _refuse(market, sale, report, "It is not an offer made in this vault.")
        return
    offer, dataset_id, buyer_of_package = record
    licence = Licence.of_purchase(offer, sale.buyer, sale.deadline)
    with talking_to(market.where):
        expected = bytes(contract.functions.hashLicence(licence.as_abi()).call())
    if expected != open_word:
        _refuse(market, sale, report, "Its details on chain do not match the offer.")
        return
    # Asked again right before sending too: consent withdrawn meanwhile stops the delivery.
    refusal = _why_not(market, sale, offer, dataset_id)
    if refusal is not None:
        if sale.package:
            Path(sale.package).unlink(missing_ok=True)
        _refuse(market, sale, report, refusal)
        return
    if sale.state == "seen":
        sale = _build(
            market, sale, dataset_id, buyer_of_package, offer, outbox, report, progress, cancel
        )
        if sale.state != "delivering":
            report.refused.append({"purchase_id": sale.purchase_id, "reason": sale.note})
            return
    assert sale.package and sale.ciphertext_hash and sale.uri
    call = contract.functions.deliver(
        sale.purchase_id, licence.as_abi(), bytes.fromhex(sale.ciphertext_hash[2:]), sale.uri
    )
    delivered = market.send(call, _deliver_words(market, sale, dataset_id))
    tx = "0x" + bytes(delivered["transactionHash"]).hex()
    _set(market.vault, sale, "delivered", deliver_tx=tx, note=None, audit="market.delivered")
    report.delivered.append(
        {"purchase_id": sale.purchase_id, "package": sale.package, "tx": tx, "uri": sale.uri}
    )


def _reopen_undone_deliveries(market: MarketSession) -> None:
    """Delivered sales whose `deliver` the Signer's journal no longer has as mined: a re-org
    took it out (the Signer is sending it again, or it reverted where it was mined again)."""
    assert market.signer is not None
    unsettled = {
        e.tx_hash
        for e in journal.entries(market.vault, market.network.chain_id, market.signer.address)
        if e.state is not journal.TxState.MINED
    }
    if not unsettled:
        return
    for sale in sales(market.vault, market.network.chain_id, market.contract.address, market.me):
        if sale.state == "delivered" and sale.deliver_tx in unsettled:
            _set(
                market.vault,
                sale,
                "delivering",
                deliver_tx=None,
                note="A re-organisation of the chain undid its delivery; it is being sent again.",
                audit="market.delivery_undone",
            )


def _why_not(market: MarketSession, sale: Sale, offer: Any, dataset_id: int) -> str | None:
    """Why this sale must not be delivered now, in words, or None."""
    try:
        version = effective_policy(market.vault, dataset_id, buyer=sale.buyer)
    except PolicyRefused as exc:
        return str(exc)
    if version.terms_hash != "0x" + offer.terms_hash.hex():
        return "The terms of this dataset changed after the offer was made."
    if market.chain_time() > sale.deadline:
        return "The delivery deadline has passed."
    return None


def _build(
    market: MarketSession,
    sale: Sale,
    dataset_id: int,
    buyer_of_package: str | None,
    offer: Any,
    outbox: Path,
    report: FulfilReport,
    progress: ProgressCallback | None,
    cancel: CancelToken | None,
) -> Sale:
    from hearth.packages.build import build_package

    name = f"sale-{sale.chain_id}-{sale.market[2:10].lower()}-{sale.purchase_id}.age"
    path = outbox / name
    try:
        built = build_package(
            market.vault,
            dataset_id,
            recipient=sale.age_recipient,
            out=path,
            buyer=buyer_of_package,
            seller_address=sale.seller,
            progress=progress,
            cancel=cancel,
        )
    except PolicyRefused as exc:
        return _refused(market, sale, str(exc))
    except UserFacingError as exc:
        if "recipient" in str(exc):
            return _refused(market, sale, f"The buyer's age recipient is unusable: {exc}")
        raise
    if built.merkle_root != "0x" + offer.dataset_commitment.hex():
        path.unlink(missing_ok=True)
        return _refused(
            market,
            sale,
            "The dataset changed after the offer was made (its package is no longer the one "
            "offered); make a new offer.",
        )
    digest = "0x" + _sha256(path).hex()
    return _set(
        market.vault,
        sale,
        "delivering",
        package=str(path),
        ciphertext_hash=digest,
        uri=_pinned(market.vault, sale, path, report) or name,
        audit="market.delivery_prepared",
    )


def _pinned(vault: Vault, sale: Sale, package: Path, report: FulfilReport) -> str | None:
    """``ipfs://CID`` of the package pinned to the vault's IPFS API; None without one, or when
    it failed (said in the report: the delivery then names the outbox file)."""
    api = ipfs.api_url(vault)
    if api is None:
        return None
    try:
        return ipfs.SCHEME + ipfs.pin(api, package)
    except ipfs.IpfsUnavailable as exc:
        report.notes.append(
            f"Sale {sale.purchase_id}: {exc} Its delivery names the outbox file {package.name} "
            "instead: hand that file to the buyer."
        )
        return None


def _closed(market: MarketSession, sale: Sale, report: FulfilReport) -> None:
    """The licence is settled on chain: by a delivery (ours, perhaps sent before a crash) or a
    refund."""
    events = market.contract.events.Delivered()
    with talking_to(market.where):
        logs = events.get_logs(
            from_block=sale.block_number, argument_filters={"purchaseId": sale.purchase_id}
        )
    if logs:
        entry = logs[-1]
        tx = "0x" + bytes(entry["transactionHash"]).hex()
        ours = "0x" + bytes(entry["args"]["ciphertextHash"]).hex() == sale.ciphertext_hash
        note = None if ours else "Delivered from another copy of this wallet."
        _set(market.vault, sale, "delivered", deliver_tx=tx, note=note, audit="market.delivered")
        # Reported once: not again when a re-org made it look open and it came back as it was.
        if ours and tx != sale.deliver_tx:
            report.delivered.append(
                {
                    "purchase_id": sale.purchase_id,
                    "package": sale.package,
                    "tx": tx,
                    "uri": sale.uri,
                }
            )
        return
    _set(market.vault, sale, "closed", note="The buyer took a refund.", audit="market.refunded")


def _delivery_in_flight(market: MarketSession, sale: Sale) -> bool:
    """A deliver for this sale that the Signer sent and the chain has not decided yet."""
    if sale.state != "delivering" or market.signer is None:
        return False
    words = f"Deliver sale {sale.purchase_id} "
    return any(e.description.startswith(words) for e in market.signer.pending())


def _deliver_words(market: MarketSession, sale: Sale, dataset_id: int) -> str:
    title = status(market.vault, dataset_id).title
    return (
        f"Deliver sale {sale.purchase_id} of '{title}' to {short_address(sale.buyer)} "
        "(releases the payment)"
    )


def _refuse(market: MarketSession, sale: Sale, report: FulfilReport, reason: str) -> None:
    sale = _refused(market, sale, reason)
    report.refused.append({"purchase_id": sale.purchase_id, "reason": sale.note})


def _refused(market: MarketSession, sale: Sale, reason: str) -> Sale:
    when = datetime.fromtimestamp(sale.deadline, UTC).strftime("%Y-%m-%d %H:%M UTC")
    note = f"{reason} Not delivered: the buyer can take a refund after {when}."
    return _set(market.vault, sale, "refused", note=note, audit="market.delivery_refused")


def _set(vault: Vault, sale: Sale, state: str, *, audit: str | None = None, **changes: Any) -> Sale:
    values = {"state": state, **changes}
    columns = ", ".join(f"{name} = ?" for name in values)
    with vault.writing() as conn:
        conn.execute(
            f"UPDATE market_sales SET {columns}, updated_at = ? "  # noqa: S608 (fixed names)
            "WHERE chain_id = ? AND market = ? AND purchase_id = ?",
            (*values.values(), now_iso(), sale.chain_id, sale.market, sale.purchase_id),
        )
        if audit is not None:
            details = {"purchase_id": sale.purchase_id, "offer_id": sale.offer_id}
            public = ("ciphertext_hash", "uri", "deliver_tx")  # on chain anyway
            details |= {k: v for k, v in changes.items() if k in public}
            vault.audit(audit, details)
    return Sale(**{**sale.__dict__, **values})


def _receipt(market: MarketSession, tx_hash: str) -> Any:
    from web3.exceptions import TransactionNotFound

    try:
        return market.web3.eth.get_transaction_receipt(tx_hash)  # type: ignore[arg-type]
    except TransactionNotFound:
        return None


def _sha256(path: Path) -> bytes:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.digest()


# ----------------------------------------------------------------- listing


_SALE_COLUMNS = (
    "chain_id, market, purchase_id, offer_id, seller, buyer, age_recipient, price, token, "
    "deadline, tx_hash, block_number, block_hash, state, package, ciphertext_hash, uri, "
    "deliver_tx, note"
)


def open_sales(vault: Vault, market: MarketSession) -> list[Sale]:
    return [
        s
        for s in sales(vault, market.network.chain_id, market.contract.address, market.me)
        if s.state in OPEN_STATES
    ]


def sales(
    vault: Vault, chain_id: int | None = None, market: str | None = None, seller: str | None = None
) -> list[Sale]:
    """Sales written down in this vault, oldest first (filtered when given)."""
    sql = f"SELECT {_SALE_COLUMNS} FROM market_sales WHERE 1 = 1"  # noqa: S608 (fixed columns)
    params: list[Any] = []
    for column, value in (("chain_id", chain_id), ("market", market), ("seller", seller)):
        if value is not None:
            sql += f" AND {column} = ?"
            params.append(value)
    with vault.reading() as conn:
        rows = conn.execute(sql + " ORDER BY chain_id, purchase_id", params).fetchall()
    return list(_sales(rows))


def _sales(rows: list[Any]) -> Iterator[Sale]:
    for row in rows:
        values = list(row)
        values[7] = int(values[7])
        yield Sale(*values)

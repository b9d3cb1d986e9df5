"""The marketplace end to end on a real JSON-RPC node (Hardhat Network), with each wallet in a
real Secret Service (gnome-keyring on a private D-Bus bus) and the stock `age` program opening
what was bought; then the faults a seller's fulfilment must survive on that node: the node going
away in the middle, a transaction dropped from the mempool, and a re-organisation that removes
a purchase the seller already saw. Nothing may be lost and nothing delivered twice.

Two vaults, as two households would have: Ana sells a real Apple Health export, Ben buys. Both
use the "local" preset pointed at the test's node; the market is deployed through Ana's Signer
with `deploy_market`, with a protocol fee, so the money can be checked to the wei.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import shutil
import subprocess
import threading
import urllib.request
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pyrage  # type: ignore[import-untyped]
import pytest
from eth_account import Account
from eth_utils.crypto import keccak
from pyrage import x25519  # type: ignore[import-untyped]
from web3.exceptions import Web3RPCError

from hearth.consent.store import consent_records, set_policy
from hearth.consent.store import withdraw as withdraw_consent
from hearth.errors import ChainError
from hearth.market import buyer, fulfil
from hearth.market.cancel import cancel_offers, open_offers
from hearth.market.chain import COIN, deploy_market, session
from hearth.market.contracts import market_at
from hearth.market.offers import OfferDocument, load_offer, make_offer
from hearth.packages.merkle import merkle_root
from hearth.vault import Vault
from hearth.wallet import accounts, journal
from hearth.wallet.journal import TxState
from hearth.wallet.networks import add_network, use_network
from tests.chain import FIRST_ADDRESS, HardhatNode, hardhat, hardhat_node
from tests.conftest import PASSPHRASE
from tests.integration.test_wallet_secret_service import real_keyring, secret_service
from tests.unit.market.helpers import PRICE_WEI, Approvals, sellable
from tests.unit.packages.helpers import APPLE, import_fixtures

pytestmark = pytest.mark.integration
_ = (hardhat, hardhat_node, real_keyring, secret_service)  # fixtures

AGE = shutil.which("age")
ETHER = 10**18
FEE_BPS = 250
FEE_WEI = PRICE_WEI * FEE_BPS // 10_000
DELIVERY_DAYS = 3
TREASURY = "0x90F79bf6EB2c4f870365E785982E1f101E93b906"  # Hardhat's account #3
BEN_PASS = "ben's own long passphrase"


# ----------------------------------------------------------------- the two households


@dataclass(frozen=True)
class Household:
    path: Path
    member: str
    passphrase: str
    address: str

    def open(self) -> Vault:
        return Vault.unlock(self.path, self.member, self.passphrase)


@dataclass(frozen=True)
class Shop:
    node: HardhatNode
    seller: Household
    buyer: Household
    dataset_id: int
    market: str
    offer_file: Path
    offer: OfferDocument

    def contract(self) -> Any:
        return market_at(self.node.web3, self.market)

    def delivered_events(self, purchase_id: int) -> list[Any]:
        return list(
            self.contract()
            .events.Delivered()
            .get_logs(from_block=0, argument_filters={"purchaseId": purchase_id})
        )

    def buy(self) -> buyer.Purchase:
        with self.buyer.open() as vault:
            return buyer.buy(vault, load_offer(self.offer_file), Approvals())

    def fulfil(self, confirmations: int | None = 0) -> fulfil.FulfilReport:
        # No confirmations unless asked: the faults are about what a pass does, not its wait.
        with self.seller.open() as vault:
            return fulfil.fulfil(vault, Approvals(), confirmations=confirmations)

    def sales(self) -> dict[int, fulfil.Sale]:
        with self.seller.open() as vault:
            return {s.purchase_id: s for s in fulfil.sales(vault)}

    def deliveries_sent(self) -> list[journal.JournalEntry]:
        """The seller's journalled `deliver` transactions, whatever became of them."""
        with self.seller.open() as vault:
            entries = journal.entries(vault, self.node.web3.eth.chain_id, self.seller.address)
        return [e for e in entries if e.description.startswith("Deliver sale ")]


def _household(folder: Path, member: str, passphrase: str, rpc_url: str) -> Household:
    """A new vault with a wallet in the Secret Service, using the test's node as "local"."""
    vault, _recovery_key = Vault.create(folder, member, passphrase)
    with vault:
        info = accounts.create_wallet(vault)
        add_network(vault, "local", rpc_url)
        use_network(vault, "local")
    return Household(folder, member, passphrase, info.address)


def _fund(node: HardhatNode, address: str, wei: int = 10 * ETHER) -> None:
    # Hardhat's account #0 is unlocked on the node and holds 10,000 test ether.
    tx = node.web3.eth.send_transaction({"from": FIRST_ADDRESS, "to": address, "value": wei})  # type: ignore[typeddict-item]
    node.web3.eth.wait_for_transaction_receipt(tx)


@pytest.fixture
def open_shop(
    hardhat: HardhatNode, real_keyring: Any, shared_fixtures: Path, tmp_path: Path
) -> Callable[..., Shop]:
    """Make the shop: Ana (reaching the node at ``seller_url``, default the node itself) imports
    the Apple Health fixture, sells it for 0.01 ETH, deploys the market and signs an offer;
    Ben has a funded wallet and the offer file."""

    def make(seller_url: str | None = None) -> Shop:
        seller = _household(tmp_path / "ana", "Ana", PASSPHRASE, seller_url or hardhat.url)
        buyer_ = _household(tmp_path / "ben", "Ben", BEN_PASS, hardhat.url)
        for household in (seller, buyer_):
            _fund(hardhat, household.address)
        offer_file = tmp_path / "offer.json"
        with seller.open() as vault:
            dataset_id = import_fixtures(vault, shared_fixtures, APPLE)["apple-health"]
            set_policy(vault, sellable(dataset_id))
            market, _tx = deploy_market(
                vault,
                Approvals(),
                treasury=TREASURY,
                fee_bps=FEE_BPS,
                delivery_days=DELIVERY_DAYS,
            )
            offer = make_offer(vault, dataset_id, Approvals(), out=offer_file)
        return Shop(hardhat, seller, buyer_, dataset_id, market, offer_file, offer)

    return make


def _gas_paid(node: HardhatNode, tx_hash: str) -> int:
    receipt = node.web3.eth.get_transaction_receipt(tx_hash)  # type: ignore[arg-type]
    return int(receipt["gasUsed"]) * int(receipt["effectiveGasPrice"])


def _decrypt_with_stock_age(identity: str, package: Path) -> bytes:
    """`age --decrypt` as a buyer would run it, the identity handed over through a pipe so it
    never touches a disk."""
    assert AGE is not None
    read_end, write_end = os.pipe()
    try:
        os.write(write_end, (identity + "\n").encode("ascii"))
        os.close(write_end)
        write_end = -1
        return subprocess.run(
            [AGE, "--decrypt", "-i", f"/dev/fd/{read_end}", str(package)],
            pass_fds=(read_end,),
            capture_output=True,
            check=True,
        ).stdout
    finally:
        if write_end != -1:
            os.close(write_end)
        os.close(read_end)


needs_age = pytest.mark.skipif(
    AGE is None,
    reason="the stock `age` is not on PATH (Debian: apt install age; `make test` installs it "
    "when run as root)",
)


# ----------------------------------------------------------------- the sale


@needs_age
def test_a_sale_on_a_real_node_from_offer_to_withdrawal_opened_by_stock_age(
    open_shop: Callable[..., Shop], tmp_path: Path
) -> None:
    shop = open_shop()
    node, web3 = shop.node, shop.node.web3
    seller_start = web3.eth.get_balance(shop.seller.address)
    # Listing costs no gas: the offer is a signature, not a transaction.
    assert web3.eth.get_transaction_count(shop.seller.address) == 1  # the market's deployment
    offer = shop.offer.offer
    assert shop.offer.chain_id == 31337 and shop.offer.market == shop.market

    buyer_start = web3.eth.get_balance(shop.buyer.address)
    bought = shop.buy()
    assert web3.eth.get_balance(shop.buyer.address) == (
        buyer_start - PRICE_WEI - _gas_paid(node, bought.tx_hash)
    )
    assert web3.eth.get_balance(shop.market) == PRICE_WEI  # in escrow

    # Two confirmations by default on a real network: not yet seen, so not yet delivered.
    assert shop.fulfil(confirmations=None).delivered == []
    assert shop.sales() == {}
    node.rpc("hardhat_mine", "0x2")
    report = shop.fulfil(confirmations=None)
    [delivered] = report.delivered
    assert delivered["purchase_id"] == bought.purchase_id
    package = Path(delivered["package"])
    [event] = shop.delivered_events(bought.purchase_id)
    assert "0x" + bytes(event["args"]["ciphertextHash"]).hex() == (
        "0x" + hashlib.sha256(package.read_bytes()).hexdigest()
    )
    assert shop.fulfil(confirmations=None).delivered == []  # a second pass finds nothing

    # Ben opens it with the stock `age` and his own identity from the Secret Service.
    with shop.buyer.open() as vault:
        identity = str(accounts.age_identity(vault))
    plain = _decrypt_with_stock_age(identity, package)
    with zipfile.ZipFile(io.BytesIO(plain)) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        hashes = {
            name: hashlib.sha256(archive.read(name)).hexdigest()
            for name in archive.namelist()
            if name != "manifest.json"
        }
    assert {t["path"]: t["sha256"] for t in manifest["distribution"]} == hashes
    assert merkle_root(hashes) == "0x" + offer.dataset_commitment.hex() == manifest["merkle_root"]
    assert manifest["rows"] == shop.offer.dataset["rows"] > 0
    # ... and Hearth checks the same against the chain and keeps the record.
    with shop.buyer.open() as vault:
        received = buyer.receive(vault, package, tmp_path / "bought")
        assert received.merkle_root == manifest["merkle_root"]
        [purchase] = buyer.purchases(vault)
        assert (purchase.state, purchase.merkle_root) == ("received", received.merkle_root)

    # The money: price minus the fee to the seller, minus the seller's own gas; the fee stays
    # in the market for the treasury.
    contract = shop.contract()
    assert contract.functions.balanceOf(COIN, shop.seller.address).call() == PRICE_WEI - FEE_WEI
    assert contract.functions.balanceOf(COIN, TREASURY).call() == FEE_WEI
    with shop.seller.open() as vault:
        amount, withdraw_tx = buyer.withdraw(vault, Approvals())
    assert amount == PRICE_WEI - FEE_WEI
    assert web3.eth.get_balance(shop.seller.address) == (
        seller_start
        + PRICE_WEI
        - FEE_WEI
        - _gas_paid(node, str(delivered["tx"]))
        - _gas_paid(node, withdraw_tx)
    )
    assert web3.eth.get_balance(shop.market) == FEE_WEI

    # Both sides keep their record: the seller the consent and every step of the sale, the
    # buyer the terms bought (by hash, the offer beside it) and the package received.
    with shop.seller.open() as vault:
        records = consent_records(vault, shop.dataset_id)
        actions = [e.action for e in vault.audit_entries()]
        assert vault.verify_audit_log().ok
    assert records[-1]["policy"]["terms_hash"] == "0x" + offer.terms_hash.hex()
    assert records[-1]["event"]["type"] == "given"
    for action in (
        "consent.set",
        "market.contract_recorded",
        "wallet.typed_data_signed",
        "market.offer_made",
        "market.sale_seen",
        "market.delivery_prepared",
        "market.delivered",
        "market.withdrawn",
    ):
        assert action in actions, action
    with shop.buyer.open() as vault:
        entries = {e.action: e for e in vault.audit_entries()}
        assert vault.verify_audit_log().ok
        with vault.reading() as conn:
            [(kept,)] = conn.execute("SELECT offer FROM market_purchases").fetchall()
    assert entries["market.bought"].details["terms_hash"] == "0x" + offer.terms_hash.hex()
    assert entries["market.received"].details["merkle_root"] == manifest["merkle_root"]
    assert json.loads(kept)["odrl"] == shop.offer.odrl
    assert "market.contract_recorded" in entries  # Ben's vault learnt the market from the offer


def test_withdrawn_consent_stops_the_delivery_and_the_buyer_takes_a_refund(
    open_shop: Callable[..., Shop],
) -> None:
    """Consent withdrawn but the offer left open on chain (the person declined to cancel it,
    or the node was away): the signed offer is out in the world, so the chain still takes a
    purchase; what the withdrawn consent stops then is its delivery: no package is made, and
    after the deadline the buyer takes the whole price back."""
    shop = open_shop()
    node, web3 = shop.node, shop.node.web3
    with shop.seller.open() as vault:
        withdraw_consent(vault, shop.dataset_id)
        assert consent_records(vault, shop.dataset_id)[-1]["event"]["type"] == "withdrawn"
    buyer_start = web3.eth.get_balance(shop.buyer.address)
    bought = shop.buy()

    report = shop.fulfil()
    assert report.delivered == []
    [refusal] = report.refused
    assert refusal["purchase_id"] == bought.purchase_id
    assert refusal["reason"].startswith("Consent for 'Apple Health' was withdrawn.")
    assert "the buyer can take a refund after" in refusal["reason"]
    assert shop.delivered_events(bought.purchase_id) == []
    assert shop.deliveries_sent() == []
    assert list((shop.seller.path / fulfil.OUTBOX).iterdir()) == []  # no package was made
    assert shop.sales()[bought.purchase_id].state == "refused"
    assert shop.fulfil().refused == []  # refused once, not again at every pass

    node.rpc("evm_increaseTime", DELIVERY_DAYS * 86_400 + 1)
    node.mine()
    with shop.buyer.open() as vault:
        refund_tx = buyer.refund(vault, bought.purchase_id, Approvals())
        [purchase] = buyer.purchases(vault)
    assert purchase.state == "refunded"
    assert web3.eth.get_balance(shop.buyer.address) == (
        buyer_start - _gas_paid(node, bought.tx_hash) - _gas_paid(node, refund_tx)
    )
    assert web3.eth.get_balance(shop.market) == 0
    with shop.seller.open() as vault:
        actions = [e.action for e in vault.audit_entries()]
    assert "consent.withdrawn" in actions and "market.delivery_refused" in actions


def test_withdrawing_consent_and_cancelling_the_offer_stops_a_further_purchase_on_chain(
    open_shop: Callable[..., Shop],
) -> None:
    """What `hearth consent withdraw --yes` does: consent withdrawn, then the dataset's open
    offers cancelled on chain through the seller's Signer. A purchase is then refused by the
    market itself, in its own sentence, before anything is signed: no money moves."""
    shop = open_shop()
    node, web3 = shop.node, shop.node.web3
    with shop.seller.open() as vault:
        withdraw_consent(vault, shop.dataset_id)
        [still_open] = open_offers(vault, shop.dataset_id)
        assert still_open.offer_id == shop.offer.offer_id  # withdrawing alone left it open
        seller_before = web3.eth.get_balance(shop.seller.address)
        report = cancel_offers(vault, Approvals(), dataset_id=shop.dataset_id)
        assert open_offers(vault, shop.dataset_id) == []
    [cancelled] = report.cancelled
    assert cancelled["offer_id"] == shop.offer.offer_id and report.left_open == []
    assert web3.eth.get_balance(shop.seller.address) == (
        seller_before - _gas_paid(node, cancelled["tx"])
    )
    [event] = shop.contract().events.OfferCancelled().get_logs(from_block=0)
    assert "0x" + bytes(event["args"]["offerHash"]).hex() == shop.offer.offer_id
    assert event["args"]["seller"] == shop.seller.address

    buyer_before = web3.eth.get_balance(shop.buyer.address)
    asked = Approvals()
    with shop.buyer.open() as vault, pytest.raises(ChainError) as refused:
        buyer.buy(vault, load_offer(shop.offer_file), asked)
    assert str(refused.value) == "The seller has cancelled this offer."
    assert asked.requests == []  # refused before the buyer was asked to sign anything
    assert web3.eth.get_balance(shop.buyer.address) == buyer_before
    assert web3.eth.get_transaction_count(shop.buyer.address) == 0
    assert web3.eth.get_balance(shop.market) == 0
    assert shop.fulfil().delivered == [] and shop.sales() == {}
    with shop.seller.open() as vault:
        actions = [e.action for e in vault.audit_entries()]
    assert actions.index("consent.withdrawn") < actions.index("market.offer_cancelled")
    with shop.buyer.open() as vault:
        assert buyer.purchases(vault) == []


# ----------------------------------------------------------------- faults


class NodeLink:
    """The line between Ana's vault and the node, which the test can cut: an HTTP relay that
    passes JSON-RPC requests on, and at a chosen request goes away (before passing it on, or
    after, so the node acts but the answer is lost) until `restore`. Stopping Hardhat itself
    would lose the chain; this keeps it, as a dropped connection or a restarted provider does."""

    def __init__(self, target: str) -> None:
        self.target = target
        self.cut: Cut | None = None
        self.methods: list[str] = []
        self._server: ThreadingHTTPServer | None = None
        self.port = 0
        self.restore()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def restore(self) -> None:
        link = self

        class Relay(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                method = str(json.loads(body).get("method"))
                link.methods.append(method)
                cut = link.cut
                here = cut is not None and cut.method == method and cut.reached()
                if here and cut is not None and cut.when == "before":
                    link.go_away()
                    return
                request = urllib.request.Request(  # noqa: S310 (the node's http:// URL)
                    link.target, body, {"Content-Type": "application/json"}
                )
                with urllib.request.urlopen(request, timeout=30) as answer:  # noqa: S310
                    data = answer.read()
                if here:
                    link.go_away()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", self.port), Relay)
        server.daemon_threads = True
        self.port = int(server.server_address[1])
        self.cut = None
        self._server = server
        threading.Thread(target=server.serve_forever, daemon=True).start()

    def go_away(self) -> None:
        """Stop answering: the open request gets no answer, new ones are refused."""
        server, self._server, self.cut = self._server, None, None
        if server is not None:
            server.socket.close()  # refuse new connections at once
            threading.Thread(target=server.shutdown, daemon=True).start()

    def close(self) -> None:
        self.go_away()


@pytest.fixture
def link(hardhat: HardhatNode) -> Iterator[NodeLink]:
    relay = NodeLink(hardhat.url)
    yield relay
    relay.close()


@dataclass
class Cut:
    """Where the line goes down: at the ``nth`` request of ``method`` in a pass, before it
    reaches the node or after (the node acts on it, the answer is lost)."""

    method: str
    nth: int
    when: str
    seen: int = 0

    def reached(self) -> bool:
        self.seen += 1
        return self.seen == self.nth


# In the order a pass gets there: reading the purchases; checking the licence is still open
# (the sale is written down); fees for `deliver` (the package is built, nothing signed yet);
# sending it (the node never gets it); right after (the node mines it, the answer is lost);
# waiting for its receipt.
CUTS = [
    ("eth_getLogs", 1, "before"),
    ("eth_call", 1, "before"),
    ("eth_feeHistory", 1, "before"),
    ("eth_sendRawTransaction", 1, "before"),
    ("eth_sendRawTransaction", 1, "after"),
    ("eth_getTransactionReceipt", 2, "before"),
]


def test_the_node_going_away_mid_fulfil_loses_nothing_and_delivers_once(
    open_shop: Callable[..., Shop], link: NodeLink
) -> None:
    shop = open_shop(seller_url=link.url)
    for cut in CUTS:
        bought = shop.buy()
        link.cut = Cut(*cut)
        with pytest.raises(ChainError, match="did not answer"):
            shop.fulfil()
        assert link.cut is None, f"{cut} was never reached"
        with pytest.raises(ChainError, match="did not answer"):
            shop.fulfil()  # still away: a pass fails cleanly, and changes nothing on chain
        link.restore()
        report = shop.fulfil()
        assert [d["purchase_id"] for d in report.delivered] == [bought.purchase_id], cut
        assert shop.fulfil().delivered == []
        assert len(shop.delivered_events(bought.purchase_id)) == 1, cut
        sale = shop.sales()[bought.purchase_id]
        assert sale.state == "delivered" and sale.package is not None, cut
        assert Path(sale.package).is_file()
    # One deliver transaction per sale, each mined once: none sent twice, none lost.
    sent = shop.deliveries_sent()
    assert len(sent) == len(CUTS)
    assert {e.state for e in sent} == {TxState.MINED}
    assert shop.node.web3.eth.get_transaction_count(shop.seller.address) == 1 + len(CUTS)


def test_a_dropped_delivery_is_sent_again_as_the_same_transaction(
    open_shop: Callable[..., Shop], monkeypatch: pytest.MonkeyPatch
) -> None:
    import hearth.market.chain as market_chain
    from hearth.wallet.signer import Signer

    # Wait two seconds, not two minutes, for a receipt that a paused node will not give.
    monkeypatch.setattr(
        market_chain, "Signer", lambda *a, **k: Signer(*a, **k, receipt_timeout=2.0)
    )
    shop = open_shop()
    node = shop.node
    bought = shop.buy()
    node.rpc("evm_setAutomine", False)
    with pytest.raises(ChainError, match="not mined yet"):
        shop.fulfil()
    [sent] = shop.deliveries_sent()
    assert sent.state is TxState.PENDING
    assert shop.sales()[bought.purchase_id].state == "delivering"
    # While it is pending, another pass waits for it instead of sending a second one.
    assert shop.fulfil().waiting == [bought.purchase_id]
    assert node.rpc("hardhat_dropTransaction", sent.tx_hash) is True
    node.rpc("evm_setAutomine", True)  # nothing is left to mine: the node forgot it

    report = shop.fulfil()
    assert [d["purchase_id"] for d in report.delivered] == [bought.purchase_id]
    [again] = shop.deliveries_sent()  # the journalled bytes went out again: same hash
    assert again.tx_hash == sent.tx_hash
    [event] = shop.delivered_events(bought.purchase_id)
    assert "0x" + bytes(event["transactionHash"]).hex() == sent.tx_hash
    assert shop.fulfil().delivered == []
    assert node.web3.eth.get_transaction_count(shop.seller.address) == 2  # deploy, deliver


def _resend(node: HardhatNode, raw: str) -> None:
    """What a node does with the transactions of blocks a re-org dropped: back in the mempool,
    mined again (in another block)."""
    with contextlib.suppress(Web3RPCError):
        # Hardhat mines one that reverts, and answers with the revert.
        node.web3.eth.send_raw_transaction(raw)  # type: ignore[arg-type]
    node.web3.eth.wait_for_transaction_receipt(keccak(bytes.fromhex(raw[2:])))


def _purchase_tx(shop: Shop, tx_hash: str) -> str:
    with shop.buyer.open() as vault:
        [entry] = [
            e for e in journal.entries(vault, 31337, shop.buyer.address) if e.tx_hash == tx_hash
        ]
    return entry.raw


def _seen_by_the_seller(shop: Shop) -> None:
    """The seller's fulfilment reads the chain (and writes down what it saw), nothing more."""
    with shop.seller.open() as vault, session(vault, Approvals()) as market:
        fulfil.scan(market, 0)


def test_a_purchase_removed_by_a_reorg_is_not_delivered(open_shop: Callable[..., Shop]) -> None:
    shop = open_shop()
    node = shop.node
    before = node.rpc("evm_snapshot")
    bought = shop.buy()
    _seen_by_the_seller(shop)
    assert shop.sales()[bought.purchase_id].state == "seen"
    node.rpc("evm_revert", before)
    node.rpc("hardhat_mine", "0x3")  # the other branch grows longer

    report = shop.fulfil()
    assert report.gone == [bought.purchase_id] and report.delivered == []
    assert shop.sales()[bought.purchase_id].state == "gone"
    assert shop.deliveries_sent() == []
    # The purchase comes back (its transaction mined again in another block): delivered once.
    _resend(node, _purchase_tx(shop, bought.tx_hash))
    report = shop.fulfil()
    assert [d["purchase_id"] for d in report.delivered] == [bought.purchase_id]
    assert len(shop.delivered_events(bought.purchase_id)) == 1
    assert shop.fulfil().delivered == []


@needs_age
def test_a_reorg_that_gives_a_seen_purchase_id_to_another_buyer_delivers_each_once(
    open_shop: Callable[..., Shop],
) -> None:
    """Ben's purchase 1 is seen; a re-org puts Carol's purchase first, so hers is 1 and Ben's,
    mined again, is 2. Each gets their own package, encrypted to their own key, once."""
    shop = open_shop()
    node, web3 = shop.node, shop.node.web3
    carol = Account.create()
    carol_key = x25519.Identity.generate()
    _fund(node, carol.address)
    before = node.rpc("evm_snapshot")
    bought = shop.buy()
    _seen_by_the_seller(shop)
    node.rpc("evm_revert", before)

    offer = shop.offer
    call = shop.contract().functions.purchase(
        offer.offer.as_abi(), offer.signature, str(carol_key.to_public()), PRICE_WEI, []
    )
    tx = call.build_transaction(
        {
            "from": carol.address,
            "value": PRICE_WEI,
            "nonce": web3.eth.get_transaction_count(carol.address),
        }
    )
    web3.eth.wait_for_transaction_receipt(
        web3.eth.send_raw_transaction(carol.sign_transaction(tx).raw_transaction)
    )
    _resend(node, _purchase_tx(shop, bought.tx_hash))

    report = shop.fulfil()
    assert sorted(d["purchase_id"] for d in report.delivered) == [1, 2]
    sales = shop.sales()
    assert (sales[1].buyer, sales[2].buyer) == (carol.address, shop.buyer.address)
    assert {s.state for s in sales.values()} == {"delivered"}
    assert len(shop.delivered_events(1)) == len(shop.delivered_events(2)) == 1
    assert shop.fulfil().delivered == []
    # Carol's package opens with Carol's key, and Ben's with his.
    assert sales[1].package is not None and sales[2].package is not None
    assert _decrypt_with_key(carol_key, Path(sales[1].package))[:2] == b"PK"
    with shop.buyer.open() as vault:
        ben_identity = str(accounts.age_identity(vault))
    assert _decrypt_with_stock_age(ben_identity, Path(sales[2].package))[:2] == b"PK"


def _decrypt_with_key(identity: Any, package: Path) -> bytes:
    return bytes(pyrage.decrypt(package.read_bytes(), [identity]))


@pytest.mark.parametrize(
    "later_s", [0, 60], ids=["mined-again-at-the-same-time", "mined-again-a-minute-later"]
)
def test_a_reorg_after_the_delivery_ends_with_one_delivery(
    open_shop: Callable[..., Shop], later_s: int
) -> None:
    """The seller saw and delivered the purchase; a re-org drops both blocks and the node mines
    both transactions again. At the same time, the delivery stands as it was. A minute later,
    the purchase's deadline (block time + window) moved, so the old delivery names a licence
    that no longer exists and reverts: the seller must deliver again, once."""
    shop = open_shop()
    node, web3 = shop.node, shop.node.web3
    before = node.rpc("evm_snapshot")
    bought = shop.buy()
    bought_at = int(web3.eth.get_block(bought.bought_block)["timestamp"])
    [delivered] = shop.fulfil().delivered
    [first] = shop.deliveries_sent()
    node.rpc("evm_revert", before)
    node.rpc("evm_setNextBlockTimestamp", bought_at + later_s)
    _resend(node, _purchase_tx(shop, bought.tx_hash))
    _resend(node, first.raw)

    report = shop.fulfil()
    [event] = shop.delivered_events(bought.purchase_id)
    sale = shop.sales()[bought.purchase_id]
    assert sale.state == "delivered"
    assert sale.deadline == bought.deadline + later_s
    if later_s == 0:
        assert report.delivered == []  # nothing new: the delivery came back as it was
        assert sale.deliver_tx == first.tx_hash == "0x" + bytes(event["transactionHash"]).hex()
    else:
        assert [d["purchase_id"] for d in report.delivered] == [bought.purchase_id]
        assert sale.deliver_tx == "0x" + bytes(event["transactionHash"]).hex() != first.tx_hash
        assert sale.package == delivered["package"]  # the same package, sent again
    assert shop.fulfil().delivered == []


@pytest.mark.parametrize(
    "later_s", [0, 60], ids=["purchase-back-at-the-same-time", "purchase-back-a-minute-later"]
)
def test_a_reorg_that_drops_the_delivery_for_good_is_delivered_again_once(
    open_shop: Callable[..., Shop], later_s: int
) -> None:
    """The purchase comes back after a re-org, the delivery does not (Hardhat's evm_revert
    does not put it back in the mempool, as real nodes do). The seller's Signer finds its mined
    `deliver` gone and broadcasts the same signed bytes again: at the same time they deliver as
    before; a minute later the purchase's deadline moved, so they revert where they are mined
    again, and the seller delivers anew, with the next nonce. Either way: one delivery, no nonce
    left as a gap, nothing signed twice for the same intent."""
    shop = open_shop()
    node, web3 = shop.node, shop.node.web3
    before = node.rpc("evm_snapshot")
    bought = shop.buy()
    bought_at = int(web3.eth.get_block(bought.bought_block)["timestamp"])
    [delivered] = shop.fulfil().delivered
    [first] = shop.deliveries_sent()
    node.rpc("evm_revert", before)
    node.rpc("evm_setNextBlockTimestamp", bought_at + later_s)
    _resend(node, _purchase_tx(shop, bought.tx_hash))  # the purchase comes back, not the delivery
    assert shop.delivered_events(bought.purchase_id) == []
    assert web3.eth.get_transaction_count(shop.seller.address) == 1  # the deploy only

    report = shop.fulfil()
    assert [d["purchase_id"] for d in report.delivered] == [bought.purchase_id]
    [event] = shop.delivered_events(bought.purchase_id)
    sale = shop.sales()[bought.purchase_id]
    assert sale.state == "delivered" and sale.note is None
    assert sale.deliver_tx == "0x" + bytes(event["transactionHash"]).hex()
    assert sale.package == delivered["package"]  # the same package
    assert shop.fulfil().delivered == []  # reported once
    sent = shop.deliveries_sent()  # as the Signer has them now (the next pass saw them mined)
    if later_s == 0:
        [again] = sent  # the journalled bytes, not a new signature
        assert (again.tx_hash, again.nonce, again.state) == (first.tx_hash, 1, TxState.MINED)
        assert sale.deliver_tx == first.tx_hash
    else:
        assert [(e.tx_hash, e.nonce, e.state) for e in sent] == [
            (first.tx_hash, 1, TxState.FAILED),  # mined again, refused: its licence is gone
            (sale.deliver_tx, 2, TxState.MINED),
        ]
    assert web3.eth.get_transaction_count(shop.seller.address) == len(sent) + 1
    with shop.seller.open() as vault:
        actions = [e.action for e in vault.audit_entries()]
    assert actions.count("wallet.transaction_reorged") == 1
    assert actions.count("market.delivery_undone") == 1

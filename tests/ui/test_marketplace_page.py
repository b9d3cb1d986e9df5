"""The Marketplace page, driven as people would: a whole sale on the built-in sandbox between
two members of one vault (Ana sells, Bo buys), every signature approved in the real signing
dialog; a declined signature; an offer file that is damaged or altered. Wallets are in an
in-memory keyring (the real Secret Service is proven in tests/integration)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import keyring
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QTableWidget
from pytestqt.qtbot import QtBot

from hearth.consent import store
from hearth.market import buyer, sandbox
from hearth.market.cancel import open_offers
from hearth.market.overview import MarketOverview, OfferState
from hearth.market.sandbox import FEE_BPS, GIFT_WEI
from hearth.ui.main_window import MainWindow
from hearth.ui.message_bar import MessageKind
from hearth.ui.pages.marketplace import MarketplacePage
from hearth.ui.signing_dialog import SigningDialog
from hearth.ui.wallet_passphrase import WalletPassphraseDialog
from hearth.vault import Vault
from hearth.wallet import accounts, networks
from hearth.wallet.info import wallet_info
from hearth.wallet.signing import SigningRequest
from tests.conftest import OWNER, PASSPHRASE
from tests.ui.conftest import OTHER_PASSPHRASE, unlock
from tests.ui.test_accessibility import shortcut_clashes, unnamed
from tests.ui.test_wallet_page import Node
from tests.unit.market.helpers import PRICE_WEI, seller_with_terms
from tests.unit.wallet.memory_keyring import MemoryKeyring

BO = "Bo"


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def fresh_sandbox(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No sandbox left open in memory by another test; the approve button's pause cut short
    (the pause itself is tested in test_signing_dialog.py)."""
    monkeypatch.setattr(SigningDialog, "APPROVE_DELAY_MS", 10)
    sandbox.forget()
    yield
    sandbox.forget()


class SigningAnswers:
    """Answers every signing dialog that opens, as a person would: clicks Approve (once it is
    enabled) or Decline, and keeps the requests shown."""

    def __init__(self, approve: bool = True) -> None:
        self.approve = approve
        self.requests: list[SigningRequest] = []
        self._timer = QTimer()
        self._timer.setInterval(15)
        self._timer.timeout.connect(self._look)
        self._timer.start()

    def _look(self) -> None:
        for widget in QApplication.topLevelWidgets():
            if not isinstance(widget, SigningDialog) or not widget.isVisible():
                continue
            if not self.approve:
                self.requests.append(widget.request)
                widget.decline_button.click()
            elif widget.approve_button.isEnabled():
                self.requests.append(widget.request)
                widget.approve_button.click()

    def stop(self) -> None:
        self._timer.stop()


@pytest.fixture
def signing() -> Iterator[Callable[[bool], SigningAnswers]]:
    started: list[SigningAnswers] = []

    def start(approve: bool = True) -> SigningAnswers:
        answers = SigningAnswers(approve)
        started.append(answers)
        return answers

    yield start
    for answers in started:
        answers.stop()


def marketplace(qtbot: QtBot, window: MainWindow) -> MarketplacePage:
    workspace = window.workspace
    assert workspace is not None
    workspace.show_page("marketplace")
    page = workspace.marketplace
    settle(qtbot, page)
    return page


def settle(qtbot: QtBot, page: MarketplacePage) -> None:
    """Wait until the page's step and its reading of the market came back."""
    qtbot.waitUntil(lambda: not page.is_busy(), timeout=60_000)


def switch_to(qtbot: QtBot, window: MainWindow, member: str, passphrase: str) -> Vault:
    window.lock()
    unlock(window, member, passphrase)
    qtbot.waitUntil(lambda: window.vault is not None, timeout=20_000)  # unlocks on the worker
    assert window.vault is not None
    return window.vault


def offered(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> Path:
    """Ana has a heart-rate dataset on sale and offers it through the page; the offer file."""
    vault = window.vault
    assert vault is not None
    seller_with_terms(vault, tmp_path)
    page = marketplace(qtbot, window)
    out = tmp_path / "offer.json"
    assert page.offers.make_offer(out)
    settle(qtbot, page)
    return out


def table_texts(table: QTableWidget) -> list[list[str]]:
    return [
        [table.item(row, column).text() for column in range(table.columnCount())]
        for row in range(table.rowCount())
    ]


def shown(page: MarketplacePage) -> MarketOverview:
    """What the page shows, once it has read the market."""
    overview = page.overview()
    assert overview is not None
    return overview


def gas_paid(tx_hash: str, path: Path) -> int:
    web3 = sandbox.open_sandbox(path).web3
    receipt = web3.eth.get_transaction_receipt(tx_hash)  # type: ignore[arg-type]
    return int(receipt["gasUsed"]) * int(receipt["effectiveGasPrice"])


# ----------------------------------------------------------------- the whole sale


def test_a_whole_sale_on_the_sandbox_from_offer_to_withdrawal(
    qtbot: QtBot,
    unlocked: MainWindow,
    tmp_path: Path,
    threaded_worker: None,
    signing: Callable[[bool], SigningAnswers],
) -> None:
    window, path = unlocked, unlocked.vault_path
    answers = signing(True)

    # Ana offers her heart rates: a signed file, no gas.
    offer_file = offered(qtbot, window, tmp_path)
    assert window.workspace is not None
    page = window.workspace.marketplace
    assert "play money" in page.network.text()
    assert page.bar.kind is MessageKind.SUCCESS and str(offer_file) in page.bar.text()
    [mine] = shown(page).offers
    assert (mine.state, mine.sales, mine.earned) == (OfferState.OPEN, 0, 0)
    assert table_texts(page.offers.table)[0][1:5] == ["Open", "0 of 100", "0 ETH", "0.01 ETH"]
    assert json.loads(offer_file.read_text())["offer_id"] == mine.offer_id

    # Bo opens the offer file, reads it, and buys.
    bo = switch_to(qtbot, window, BO, OTHER_PASSPHRASE)
    accounts.create_wallet(bo)
    page = marketplace(qtbot, window)
    assert shown(page).purchases == []
    page.tabs.setCurrentWidget(page.buying)
    page.buying.open_offer(offer_file)
    qtbot.waitUntil(lambda: page.buying.offer() is not None)
    assert page.buying.price.text() == "0.01 ETH"
    assert page.buying.seller.text() == f"Ana, of your household ({mine.offer.seller})"
    assert "Researchers at universities" in page.buying.terms.text()
    assert page.buying.buy_button.isEnabled() and not page.buying.problems.isVisible()
    assert page.buying.buy()
    settle(qtbot, page)
    assert page.bar.kind is MessageKind.SUCCESS, page.bar.text()
    [bought] = shown(page).purchases
    assert bought.delivery is None and not bought.refundable
    assert table_texts(page.purchases.table)[0][4].startswith("Waiting for the seller")
    assert not page.purchases.receive_button.isEnabled()

    # Ana sees the sale waiting, and delivers it.
    switch_to(qtbot, window, OWNER, PASSPHRASE)
    page = marketplace(qtbot, window)
    assert page.sales.waiting.text() == "1 sale waiting for you to deliver."
    assert table_texts(page.sales.table)[0][2:5] == ["Bo", "0.01 ETH", "Waiting for delivery"]
    assert page.sales.deliver()
    settle(qtbot, page)
    assert page.sales.report.text().startswith("Sale 1 delivered: the payment is released")
    assert page.bar.text() == "1 sale delivered."
    assert table_texts(page.sales.table)[0][4] == "Delivered"
    assert page.sales.waiting.text() == "Nothing is waiting for delivery."

    # Bo receives the package from the household's outbox and it is verified.
    bo = switch_to(qtbot, window, BO, OTHER_PASSPHRASE)
    page = marketplace(qtbot, window)
    page.tabs.setCurrentWidget(page.purchases)
    [delivered] = shown(page).purchases
    assert delivered.delivery is not None and delivered.delivery.local_package is not None
    assert page.purchases.receive_button.isEnabled()
    (tmp_path / "bought").mkdir()
    forged = tmp_path / "forged.age"
    forged.write_bytes(b"age-encryption.org/v1\n" + bytes(200))
    assert page.purchases.receive_into(tmp_path / "bought", forged)
    settle(qtbot, page)
    assert page.purchases.result.text() == (
        "Not verified: purchase 1 was not opened, and nothing was kept."
    )
    assert page.bar.text().startswith("This file is not a package delivered to you")
    assert list((tmp_path / "bought").iterdir()) == []
    assert page.purchases.receive_into(tmp_path / "bought")
    settle(qtbot, page)
    assert page.bar.text().startswith("Verified: purchase 1 is exactly the data the offer")
    assert page.purchases.result.text().startswith("Purchase 1 verified: its fingerprint")
    assert (tmp_path / "bought" / "hearth-purchase-1" / "data" / "heart_rate.csv").is_file()
    assert table_texts(page.purchases.table)[0][4] == "Received and verified"
    [received] = buyer.purchases(bo)
    assert received.merkle_root == "0x" + mine.offer.dataset_commitment.hex()

    # Ana withdraws what the sale earned her, exact to the wei.
    ana = switch_to(qtbot, window, OWNER, PASSPHRASE)
    page = marketplace(qtbot, window)
    earned = PRICE_WEI - PRICE_WEI * FEE_BPS // 10_000
    overview = shown(page)
    assert overview.earnings == earned
    [mine] = overview.offers
    assert (mine.sales, mine.delivered, mine.earned) == (1, 1, earned)
    assert page.offers.withdraw_button.isEnabled()
    seller = wallet_info(ana)
    assert seller is not None
    web3 = sandbox.open_sandbox(path).web3
    before = web3.eth.get_balance(seller.address)
    assert page.offers.withdraw()
    settle(qtbot, page)
    assert page.bar.text() == "0.0099 ETH are now in your wallet."
    assert shown(page).earnings == 0
    assert not page.offers.withdraw_button.isEnabled()
    [withdrawal] = [e for e in ana.audit_entries() if e.action == "market.withdrawn"]
    tx = str(withdrawal.details["tx"])
    assert web3.eth.get_balance(seller.address) == before + earned - gas_paid(tx, path)

    # Four signatures, each shown in the signing dialog: the offer, the purchase, the
    # delivery, the withdrawal.
    kinds = [(r.kind, r.function) for r in answers.requests]
    assert kinds == [
        ("typed-data", None),
        ("transaction", "purchase"),
        ("transaction", "deliver"),
        ("transaction", "withdraw"),
    ]
    assert all(not r.real_money for r in answers.requests)


def test_a_refused_delivery_says_why_and_the_buyer_takes_a_refund_after_the_deadline(
    qtbot: QtBot,
    unlocked: MainWindow,
    tmp_path: Path,
    signing: Callable[[bool], SigningAnswers],
) -> None:
    signing(True)
    offer_file = offered(qtbot, unlocked, tmp_path)
    bo = switch_to(qtbot, unlocked, BO, OTHER_PASSPHRASE)
    accounts.create_wallet(bo)
    page = marketplace(qtbot, unlocked)
    page.buying.open_offer(offer_file)
    assert page.buying.buy()
    settle(qtbot, page)
    [bought] = buyer.purchases(bo)

    ana = switch_to(qtbot, unlocked, OWNER, PASSPHRASE)
    [dataset] = ana.datasets()
    store.withdraw(ana, dataset.id)
    page = marketplace(qtbot, unlocked)
    [mine] = shown(page).offers
    assert mine.state is OfferState.WITHDRAWN and mine.why == (
        f"Consent for '{dataset.title}' was withdrawn."
    )
    assert table_texts(page.offers.table)[0][1] == "Withdrawn"
    assert page.sales.deliver()
    settle(qtbot, page)
    assert page.sales.report.text().startswith(
        f"Sale 1 not delivered. Consent for '{dataset.title}' was withdrawn. Not delivered: "
        "the buyer can take a refund after "
    )
    assert page.bar.kind is MessageKind.ERROR
    assert page.bar.text() == "1 sale not delivered; see why under Last delivery."
    assert table_texts(page.sales.table)[0][4] == "Not delivered"

    bo = switch_to(qtbot, unlocked, BO, OTHER_PASSPHRASE)
    page = marketplace(qtbot, unlocked)
    page.tabs.setCurrentWidget(page.purchases)
    assert not page.purchases.refund_button.isEnabled(), "not before the deadline"
    past_the_deadline(unlocked.vault_path, bought.deadline)
    page.refresh()
    settle(qtbot, page)
    assert table_texts(page.purchases.table)[0][4] == (
        "Not delivered in time: you can take a refund"
    )
    info = wallet_info(bo)
    assert info is not None
    web3 = sandbox.open_sandbox(unlocked.vault_path).web3
    before = web3.eth.get_balance(info.address)
    assert page.purchases.take_refund()
    settle(qtbot, page)
    assert page.bar.text() == "Refunded: 0.01 ETH for purchase 1 are back in your wallet."
    assert table_texts(page.purchases.table)[0][4] == "Refunded to you"
    [refunded] = [e for e in bo.audit_entries() if e.action == "market.refund_taken"]
    tx = str(refunded.details["tx"])
    assert web3.eth.get_balance(info.address) == before + PRICE_WEI - gas_paid(
        tx, unlocked.vault_path
    )


def test_an_offer_whose_consent_ended_is_cancelled_on_chain_and_can_no_longer_be_bought(
    qtbot: QtBot,
    unlocked: MainWindow,
    tmp_path: Path,
    signing: Callable[[bool], SigningAnswers],
) -> None:
    answers = signing(True)
    offer_file = offered(qtbot, unlocked, tmp_path)
    assert unlocked.workspace is not None
    page = unlocked.workspace.marketplace
    [mine] = shown(page).offers
    assert not page.offers.still_open.isVisible()
    assert not page.offers.cancel_button.isEnabled(), "no offer chosen yet"

    # Consent ends: the vault will not deliver, yet the signed offer still sells on chain.
    ana = unlocked.vault
    assert ana is not None
    store.withdraw(ana, mine.dataset_id)
    page.refresh()
    settle(qtbot, page)
    [mine] = shown(page).offers
    assert mine.state is OfferState.WITHDRAWN
    assert page.offers.still_open.isVisibleTo(page)
    assert page.offers.still_open.text().startswith(
        "1 withdrawn offer can still be bought on chain: choose it and press Cancel offer"
    )
    assert "can still be bought on chain" in page.offers.table.item(0, 1).toolTip()
    page.offers.choose(mine.offer_id)
    assert page.offers.cancel_button.isEnabled()
    assert page.offers.cancel_offer()
    settle(qtbot, page)
    assert page.bar.kind is MessageKind.SUCCESS
    assert page.bar.text() == (
        f"Your offer of “{mine.title}” is cancelled on chain: nobody can buy it any more. "
        "Copies already delivered cannot be called back."
    )
    request = answers.requests[-1]
    assert request.function == "cancelOffer" and "cannot be called back" in request.action
    [mine] = shown(page).offers
    assert mine.why == "You cancelled this offer."
    assert not page.offers.still_open.isVisibleTo(page)
    assert not page.offers.cancel_button.isEnabled(), "cancelled once is enough"
    assert open_offers(ana) == []

    # Bo holds the offer file, but the market itself refuses the purchase now.
    bo = switch_to(qtbot, unlocked, BO, OTHER_PASSPHRASE)
    accounts.create_wallet(bo)
    page = marketplace(qtbot, unlocked)
    page.buying.open_offer(offer_file)
    qtbot.waitUntil(lambda: page.buying.offer() is not None)
    assert page.buying.buy()  # the file alone cannot tell: the market answers
    settle(qtbot, page)
    assert page.bar.kind is MessageKind.ERROR
    assert "cancelled this offer" in page.bar.text(), page.bar.text()
    assert buyer.purchases(bo) == []


def past_the_deadline(path: Path, deadline: int) -> None:
    """Mine an empty block after ``deadline`` on the vault's sandbox, as a test node's
    evm_increaseTime would: later blocks follow it (the journal holds transactions only, so
    this block is not replayed after a restart; these tests do not restart)."""
    chain = sandbox.open_sandbox(path)
    with chain.lock:
        chain.set_next_timestamp(deadline + 60)
        chain.tester.mine_blocks(1)


# ----------------------------------------------------------------- declining and errors


def test_a_declined_purchase_sends_nothing(
    qtbot: QtBot,
    unlocked: MainWindow,
    tmp_path: Path,
    signing: Callable[[bool], SigningAnswers],
) -> None:
    approving = signing(True)
    offer_file = offered(qtbot, unlocked, tmp_path)
    approving.stop()
    bo = switch_to(qtbot, unlocked, BO, OTHER_PASSPHRASE)
    accounts.create_wallet(bo)
    info = wallet_info(bo)
    assert info is not None
    page = marketplace(qtbot, unlocked)
    page.buying.open_offer(offer_file)
    qtbot.waitUntil(lambda: page.buying.offer() is not None)
    declining = signing(False)
    assert page.buying.buy()
    settle(qtbot, page)
    [request] = declining.requests
    assert request.function == "purchase" and "0.01 ETH" in request.action
    assert page.bar.text() == ""  # declining is the person's choice: nothing to report
    web3 = sandbox.open_sandbox(unlocked.vault_path).web3
    assert web3.eth.get_transaction_count(info.address) == 0
    assert web3.eth.get_balance(info.address) == GIFT_WEI
    assert buyer.purchases(bo) == []
    with bo.reading() as conn:
        assert conn.execute("SELECT COUNT(*) FROM transactions").fetchone()[0] == 0
    assert page.buying.buy_button.isEnabled(), "the offer can still be bought"


def test_a_declined_offer_writes_no_file(
    qtbot: QtBot,
    unlocked: MainWindow,
    tmp_path: Path,
    signing: Callable[[bool], SigningAnswers],
) -> None:
    declining = signing(False)
    vault = unlocked.vault
    assert vault is not None
    seller_with_terms(vault, tmp_path)
    page = marketplace(qtbot, unlocked)
    out = tmp_path / "offer.json"
    assert page.offers.make_offer(out)
    settle(qtbot, page)
    assert [r.kind for r in declining.requests] == ["typed-data"]
    assert not out.exists()
    assert shown(page).offers == []
    assert page.bar.text() == ""


def test_a_damaged_offer_file_is_one_sentence(
    qtbot: QtBot, unlocked: MainWindow, tmp_path: Path
) -> None:
    page = marketplace(qtbot, unlocked)
    damaged = tmp_path / "offer.json"
    damaged.write_text('{"format": "hearth-offer", "format_version": 1, "typed_da')
    page.buying.open_offer(damaged)
    assert page.bar.kind is MessageKind.ERROR
    assert page.bar.text() == f"{damaged} is not an offer file (it is not JSON)."
    assert page.buying.offer() is None and not page.buying.card.isVisible()


def test_an_altered_offer_is_shown_with_what_is_wrong_and_cannot_be_bought(
    qtbot: QtBot,
    unlocked: MainWindow,
    tmp_path: Path,
    signing: Callable[[bool], SigningAnswers],
) -> None:
    signing(True)
    offer_file = offered(qtbot, unlocked, tmp_path)
    document = json.loads(offer_file.read_text())
    document["typed_data"]["message"]["price"] = 1  # a bargain the seller never signed
    offer_file.write_text(json.dumps(document))
    assert unlocked.workspace is not None
    page = unlocked.workspace.marketplace
    page.tabs.setCurrentWidget(page.buying)
    page.buying.open_offer(offer_file)
    assert page.buying.card.isVisibleTo(page)
    assert "not the seller's" in page.buying.problems.text()
    assert page.bar.text().startswith("This offer cannot be bought. Its signature is not")
    assert not page.buying.buy_button.isEnabled()


def test_without_a_wallet_the_page_says_where_to_make_one(
    qtbot: QtBot, unlocked: MainWindow
) -> None:
    page = marketplace(qtbot, unlocked)
    assert page.status.text() == (
        "Buying and selling need a wallet: create one on the Wallet page first."
    )
    assert not page.offers.make_button.isEnabled()
    assert not page.sales.deliver_button.isEnabled()


def test_a_node_that_does_not_answer_is_a_sentence_on_the_page(
    qtbot: QtBot, unlocked: MainWindow
) -> None:
    vault = unlocked.vault
    assert vault is not None
    accounts.create_wallet(vault)
    with Node(chain_id=31337) as node:
        networks.add_network(vault, "mine", node.url)
    networks.use_network(vault, "mine")  # the node is gone now
    page = marketplace(qtbot, unlocked)
    assert page.network.text() == "mine is a test network: its coins have no real value."
    assert page.status.text().startswith("The node at 127.0.0.1")
    assert "did not answer" in page.status.text()
    assert page.overview() is None
    assert not page.offers.make_button.isEnabled()


def test_a_keystore_file_wallet_asks_for_the_passphrase_and_a_wrong_one_signs_nothing(
    qtbot: QtBot,
    unlocked: MainWindow,
    tmp_path: Path,
    signing: Callable[[bool], SigningAnswers],
) -> None:
    vault = unlocked.vault
    assert vault is not None
    accounts.create_wallet(vault, storage="keystore-file", passphrase=PASSPHRASE)
    seller_with_terms(vault, tmp_path)
    page = marketplace(qtbot, unlocked)
    asked: list[str] = []

    def type_passphrase(text: str) -> None:
        def look() -> None:
            for widget in QApplication.topLevelWidgets():
                if isinstance(widget, WalletPassphraseDialog) and widget.isVisible():
                    asked.append(text)
                    widget.passphrase.setText(text)
                    widget.ok_button.click()
                    return
            QTimer.singleShot(10, look)

        QTimer.singleShot(0, look)

    answers = signing(True)
    out = tmp_path / "offer.json"
    type_passphrase("not my passphrase")
    assert page.offers.make_offer(out)
    settle(qtbot, page)
    assert page.bar.kind is MessageKind.ERROR and not out.exists()
    assert len(answers.requests) == 1, "approved first, then the key would not open"
    type_passphrase(PASSPHRASE)
    assert page.offers.make_offer(out)
    settle(qtbot, page)
    assert out.is_file(), page.bar.text()
    assert asked == ["not my passphrase", PASSPHRASE]


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_control_has_a_name_and_shortcuts_do_not_clash_with_an_offer_open(
    qtbot: QtBot,
    unlocked: MainWindow,
    tmp_path: Path,
    signing: Callable[[bool], SigningAnswers],
    language: str,
) -> None:
    signing(True)
    offer_file = offered(qtbot, unlocked, tmp_path)
    if language == "es":
        old = unlocked.workspace
        unlocked.set_language("es")
        qtbot.waitUntil(lambda: unlocked.workspace is not old)
    page = marketplace(qtbot, unlocked)
    page.tabs.setCurrentWidget(page.buying)
    page.buying.open_offer(offer_file)
    assert page.buying.card.isVisibleTo(page)
    problems = {}
    for index in range(page.tabs.count()):
        page.tabs.setCurrentIndex(index)
        found = unnamed(unlocked) + shortcut_clashes(unlocked)
        if found:
            problems[page.tabs.tabText(index)] = found
    assert problems == {}


def test_the_window_opens_without_loading_the_market_layer() -> None:
    """web3 and py-evm load when the Marketplace or Wallet page first asks the chain, on the
    worker, not when Hearth starts."""
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, hearth.ui.main_window; "
            "print(sorted(m for m in sys.modules if m == 'web3' or m.startswith('hearth.market')"
            " or m == 'eth_tester'))",
        ],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.stdout.strip() == "[]"

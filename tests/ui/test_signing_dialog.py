"""The signing dialog: the request in words, Enter and Escape decline, only a click on Approve
signs; `ask_to_sign` works from a worker thread; a declined request sends nothing."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot
from web3 import Web3

from hearth.errors import UserCancelled
from hearth.progress import CancelToken
from hearth.ui.signing_dialog import SigningDialog, approver, ask_to_sign
from hearth.vault import Vault
from hearth.wallet.signer import Signer
from hearth.wallet.signing import Detail, SigningRequest, Transfer
from tests.ui.test_accessibility import shortcut_clashes, unnamed
from tests.unit.wallet.chain_doubles import ETHER, funded_account, in_process_web3, network_for

FRIEND = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC"
MARKET = "0x5FbDB2315678afecb367f032d93F642f64180aa3"

PURCHASE = SigningRequest(
    kind="transaction",
    action="Buy a licence to 'Heart rate 2019–2024' from 0xAb…12 for 0.01 ETH",
    network="Base",
    chain_id=8453,
    real_money=True,
    account="0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
    contract="DataMarket",
    contract_address=MARKET,
    function="purchase",
    arguments=(Detail("offerId", "7"), Detail("recipient", "'age1qyqszqgpqyqszqgp'")),
    to=MARKET,
    value="0.01 ETH",
    value_wei=ETHER // 100,
    max_fee="0.000063 ETH",
    max_fee_local="about 0.16 EUR",
    max_fee_wei=63_000_000_000_000,
)

OFFER = SigningRequest(
    kind="typed-data",
    action="Offer 'Steps 2023' for 0.01 ETH, up to 5 sales",
    network="Sandbox (built in, play money)",
    chain_id=1337,
    real_money=False,
    account="0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
    contract="DataMarket",
    contract_address=MARKET,
    primary_type="Offer",
    domain=(Detail("name", "'Hearth DataMarket'"), Detail("chainId", "1337")),
    message=(
        Detail("seller", "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"),
        Detail("price", "10000000000000000"),
        Detail("note", "'<b>not markup</b>'"),
    ),
)


@pytest.fixture(autouse=True)
def short_delay(monkeypatch: pytest.MonkeyPatch) -> None:
    # The pause before Approve turns on is the same mechanism at any length.
    monkeypatch.setattr(SigningDialog, "APPROVE_DELAY_MS", 50)


@pytest.fixture
def parent(qtbot: QtBot) -> Iterator[QWidget]:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    yield widget


def shown(qtbot: QtBot, request: SigningRequest, parent: QWidget) -> SigningDialog:
    dialog = SigningDialog(request, parent)
    dialog.open()
    qtbot.waitExposed(dialog)
    return dialog


def texts(dialog: SigningDialog) -> list[str]:
    return [label.text() for label in dialog.findChildren(QLabel) if label.text()]


def test_the_dialog_says_what_would_be_signed_in_words(qtbot: QtBot, parent: QWidget) -> None:
    dialog = shown(qtbot, PURCHASE, parent)
    seen = texts(dialog)
    for wanted in (
        PURCHASE.action,
        "Real money: Base is a live network.",
        "Base (chain 8453)",
        f"DataMarket at {MARKET}",
        "purchase",
        "    offerId:",
        "7",
        "0.01 ETH",
        "at most 0.000063 ETH (about 0.16 EUR)",
    ):
        assert wanted in seen, wanted
    assert dialog.windowTitle() == "Approve a payment"
    assert dialog.approve_button.text() == "&Approve and send"


def test_typed_data_is_shown_field_by_field_and_never_as_markup(
    qtbot: QtBot, parent: QWidget
) -> None:
    dialog = shown(qtbot, OFFER, parent)
    seen = texts(dialog)
    assert "Test money on Sandbox (built in, play money): it has no real value." in seen
    assert "Offer" in seen and "    seller:" in seen and "    price:" in seen
    assert "10000000000000000" in seen
    note = next(label for label in dialog.findChildren(QLabel) if "not markup" in label.text())
    assert note.textFormat() == Qt.TextFormat.PlainText
    assert "Signing costs nothing by itself and sends no transaction." in seen
    assert dialog.approve_button.text() == "&Approve and sign"


def test_enter_declines_even_once_approve_is_enabled_and_focused(
    qtbot: QtBot, parent: QWidget
) -> None:
    dialog = shown(qtbot, PURCHASE, parent)
    assert dialog.decline_button.isDefault()
    assert not dialog.approve_button.isEnabled(), "a short pause before Approve works"
    qtbot.waitUntil(dialog.approve_button.isEnabled)
    dialog.approve_button.setFocus()
    assert not dialog.approve_button.isDefault() and not dialog.approve_button.autoDefault()
    qtbot.keyClick(dialog.approve_button, Qt.Key.Key_Return)  # where a key press goes
    assert not dialog.isVisible()
    assert not dialog.approved()


def test_enter_right_away_declines(qtbot: QtBot, parent: QWidget) -> None:
    dialog = shown(qtbot, OFFER, parent)
    qtbot.keyClick(dialog, Qt.Key.Key_Enter)
    assert not dialog.isVisible() and not dialog.approved()


def test_escape_declines(qtbot: QtBot, parent: QWidget) -> None:
    dialog = shown(qtbot, PURCHASE, parent)
    qtbot.waitUntil(dialog.approve_button.isEnabled)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and not dialog.approved()


def test_only_a_click_on_approve_approves(qtbot: QtBot, parent: QWidget) -> None:
    dialog = shown(qtbot, PURCHASE, parent)
    qtbot.mouseClick(dialog.approve_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible(), "a click before the pause is over does nothing"
    qtbot.waitUntil(dialog.approve_button.isEnabled)
    qtbot.mouseClick(dialog.approve_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and dialog.approved()


def test_every_control_has_a_name_and_shortcuts_do_not_clash(qtbot: QtBot, parent: QWidget) -> None:
    for request in (PURCHASE, OFFER):
        dialog = shown(qtbot, request, parent)
        assert unnamed(dialog) == []
        assert shortcut_clashes(dialog) == []
        dialog.reject()


# ----------------------------------------------------------------- ask_to_sign


def when_dialog_opens(qtbot: QtBot, act: Callable[[SigningDialog], None]) -> None:
    """Run ``act`` on the signing dialog as soon as it is on screen (from the event loop, so
    it works while a modal dialog's own loop is running)."""

    def look() -> None:
        dialogs = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, SigningDialog) and w.isVisible()
        ]
        if dialogs:
            act(dialogs[0])
        else:
            QTimer.singleShot(10, look)

    QTimer.singleShot(0, look)


def click_approve_when_enabled(dialog: SigningDialog) -> None:
    if dialog.approve_button.isEnabled():
        dialog.approve_button.click()
    else:
        QTimer.singleShot(10, lambda: click_approve_when_enabled(dialog))


def test_ask_to_sign_on_the_gui_thread_returns_the_answer(qtbot: QtBot, parent: QWidget) -> None:
    when_dialog_opens(qtbot, click_approve_when_enabled)
    assert ask_to_sign(parent, PURCHASE) is True
    when_dialog_opens(qtbot, lambda d: qtbot.keyClick(d, Qt.Key.Key_Return))
    assert ask_to_sign(parent, PURCHASE) is False


def ask_from_a_thread(
    parent: QWidget, request: SigningRequest, cancel: CancelToken | None = None
) -> tuple[threading.Thread, dict[str, object]]:
    answer: dict[str, object] = {}

    def ask() -> None:
        answer["approved"] = ask_to_sign(parent, request, cancel=cancel)
        answer["thread"] = threading.get_ident()

    thread = threading.Thread(target=ask)
    thread.start()
    return thread, answer


def open_dialog(qtbot: QtBot) -> SigningDialog:
    found: list[SigningDialog] = []

    def visible() -> bool:
        found[:] = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, SigningDialog) and w.isVisible()
        ]
        return bool(found)

    qtbot.waitUntil(visible)
    return found[0]


def test_a_worker_thread_waits_for_the_click_on_the_gui_thread(
    qtbot: QtBot, parent: QWidget
) -> None:
    thread, answer = ask_from_a_thread(parent, PURCHASE)
    dialog = open_dialog(qtbot)
    assert dialog.parent() is parent
    assert thread.is_alive(), "the worker waits for the person"
    qtbot.waitUntil(dialog.approve_button.isEnabled)
    qtbot.mouseClick(dialog.approve_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not thread.is_alive())
    assert answer["approved"] is True
    assert answer["thread"] != threading.get_ident()


def test_enter_from_a_worker_thread_declines(qtbot: QtBot, parent: QWidget) -> None:
    thread, answer = ask_from_a_thread(parent, OFFER)
    dialog = open_dialog(qtbot)
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not thread.is_alive())
    assert answer["approved"] is False


def test_a_cancelled_worker_stops_waiting_and_declines(qtbot: QtBot, parent: QWidget) -> None:
    token = CancelToken()
    thread, answer = ask_from_a_thread(parent, OFFER, token)
    dialog = open_dialog(qtbot)
    token.cancel()  # what locking does to running tasks before it waits for them
    qtbot.waitUntil(lambda: not thread.is_alive())
    assert answer["approved"] is False
    dialog.reject()


# ----------------------------------------------------------------- with the Signer


@pytest.fixture
def web3() -> Web3:
    return in_process_web3()


def test_a_declined_transfer_sends_nothing_and_an_approved_one_is_sent(
    qtbot: QtBot, parent: QWidget, vault: Vault, web3: Web3
) -> None:
    account = funded_account(web3)
    network = network_for(web3)
    signer = Signer(vault, web3, network, account, approver(parent))
    before = web3.eth.get_balance(account.address)

    when_dialog_opens(qtbot, lambda d: qtbot.keyClick(d, Qt.Key.Key_Return))
    with pytest.raises(UserCancelled):
        signer.send(Transfer(FRIEND, ETHER // 10))
    assert web3.eth.get_balance(FRIEND) == 0
    assert web3.eth.get_balance(account.address) == before
    assert web3.eth.get_transaction_count(account.address) == 0
    with vault.reading() as conn:
        assert conn.execute("SELECT COUNT(*) FROM transactions").fetchone()[0] == 0
        assert conn.execute("SELECT COUNT(*) FROM signed_actions").fetchone()[0] == 0

    when_dialog_opens(qtbot, click_approve_when_enabled)
    sent = signer.send(Transfer(FRIEND, ETHER // 10))
    assert web3.eth.get_balance(FRIEND) == ETHER // 10
    assert sent.tx_hash

"""The Wallet page: create, restore, back up, export, receive, balance and history, driven as a
person would, on a real vault with an in-memory keyring (the real Secret Service is proven in
tests/integration/test_wallet_secret_service.py)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import keyring
import keyring.backends.fail
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from hearth.errors import BadInput
from hearth.market import sandbox
from hearth.ui.main_window import MainWindow
from hearth.ui.pages.wallet import WalletPage
from hearth.ui.pages.wallet_export import ExportKeystoreDialog
from hearth.ui.pages.wallet_restore import RestoreWalletDialog
from hearth.vault import Vault
from hearth.wallet import journal, keystore_file, networks
from hearth.wallet.accounts import delete_wallet, reveal_words
from hearth.wallet.info import wallet_info
from hearth.wallet.keys import normalize_words
from tests.conftest import PASSPHRASE
from tests.ui.test_accessibility import shortcut_clashes, unnamed
from tests.unit.wallet.memory_keyring import MemoryKeyring

FILE_PASSWORD = "a long keystore password"


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def no_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    yield
    keyring.set_keyring(previous)


def wallet_page(window: MainWindow) -> WalletPage:
    workspace = window.workspace
    assert workspace is not None
    workspace.show_page("wallet")
    return workspace.wallet


def open_vault(window: MainWindow) -> Vault:
    assert window.vault is not None
    return window.vault


def create(qtbot: QtBot, page: WalletPage, words: int = 12) -> str:
    start = page.start
    start.word_count.setCurrentIndex(start.word_count.findData(words))
    qtbot.mouseClick(start.create_button, Qt.MouseButton.LeftButton)
    assert page.stack.currentWidget() is page.overview, page.bar.text()
    return page.overview.address.text()


def test_creating_a_wallet_shows_its_address_and_qr_and_copy_puts_it_on_the_clipboard(
    qtbot: QtBot, unlocked: MainWindow, memory_keyring: MemoryKeyring
) -> None:
    page = wallet_page(unlocked)
    assert page.stack.currentWidget() is page.start
    assert page.start.create_button.isEnabled()
    assert page.start.no_keyring.isHidden()

    address = create(qtbot, page, words=24)

    info = wallet_info(open_vault(unlocked))
    assert info is not None and info.address == address and info.storage == "keyring"
    assert len(memory_keyring.entries) == 1
    assert page.overview.qr.text() == address
    assert address in page.bar.text()
    assert page.overview.words_warning.isVisibleTo(page)
    qtbot.mouseClick(page.overview.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == address
    assert page.bar.text() == "Your address is on the clipboard."
    assert reveal_words(open_vault(unlocked), PASSPHRASE).__len__() == 24


def test_backup_words_appear_only_after_the_right_passphrase_and_count_after_the_quiz(
    qtbot: QtBot, unlocked: MainWindow, memory_keyring: MemoryKeyring
) -> None:
    page = wallet_page(unlocked)
    create(qtbot, page)
    vault = open_vault(unlocked)
    words = reveal_words(vault, PASSPHRASE)
    dialog = page.overview.open_words_dialog()

    qtbot.keyClicks(dialog.passphrase, "not my passphrase")
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    assert dialog.bar.text() == "That is not your passphrase. Try again."
    assert dialog.steps.currentIndex() == 0
    assert dialog.shown_words() == []

    dialog.passphrase.setText(PASSPHRASE)
    qtbot.mouseClick(dialog.show_button, Qt.MouseButton.LeftButton)
    assert dialog.steps.currentIndex() == 1
    assert dialog.shown_words() == words
    assert dialog.passphrase.text() == "", "the passphrase does not stay in the field"
    qtbot.mouseClick(dialog.written_button, Qt.MouseButton.LeftButton)
    assert dialog.steps.currentIndex() == 2
    positions = dialog.quiz_positions
    assert len(positions) == 3 and len(set(positions)) == 3

    for position, answer in zip(positions, dialog.answers, strict=True):
        answer.setText(words[position - 1])
    dialog.answers[-1].setText("wrong")
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert "not the one on your paper" in dialog.bar.text()
    info = wallet_info(vault)
    assert info is not None and not info.words_confirmed

    dialog.answers[-1].setText(words[positions[-1] - 1].upper() + " ")
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    info = wallet_info(vault)
    assert info is not None and info.words_confirmed
    assert not page.overview.words_warning.isVisibleTo(page)
    assert page.bar.text().startswith("Your backup words are confirmed.")


def test_closing_the_words_dialog_takes_the_words_off_the_screen(
    qtbot: QtBot, unlocked: MainWindow, memory_keyring: MemoryKeyring
) -> None:
    page = wallet_page(unlocked)
    create(qtbot, page)
    dialog = page.overview.open_words_dialog()
    dialog.passphrase.setText(PASSPHRASE)
    dialog.reveal()
    assert len(dialog.shown_words()) == 12
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert dialog.shown_words() == []


def test_locking_closes_the_words_dialog_and_its_words(
    qtbot: QtBot, unlocked: MainWindow, memory_keyring: MemoryKeyring
) -> None:
    page = wallet_page(unlocked)
    create(qtbot, page)
    dialog = page.overview.open_words_dialog()
    dialog.passphrase.setText(PASSPHRASE)
    dialog.reveal()
    labels = list(dialog.words_card.findChildren(QWidget))
    assert labels
    unlocked.lock()
    assert unlocked.workspace is None
    assert not any(w.isVisible() for w in labels if _alive(w))


def _alive(widget: QWidget) -> bool:
    from shiboken6 import Shiboken

    return bool(Shiboken.isValid(widget))


def test_restoring_from_the_backup_words_gives_the_same_address(
    qtbot: QtBot, unlocked: MainWindow, memory_keyring: MemoryKeyring
) -> None:
    page = wallet_page(unlocked)
    address = create(qtbot, page)
    vault = open_vault(unlocked)
    words = reveal_words(vault, PASSPHRASE)
    delete_wallet(vault)
    assert memory_keyring.entries == {}
    page.refresh()
    assert page.stack.currentWidget() is page.start

    dialog = page.start.open_restore_dialog()
    assert dialog is not None
    assert not dialog.ok_button.isEnabled()
    dialog.words.setPlainText(" ".join([*words[:-1], wrong_last_word(words)]))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert "BIP-39 checksum is wrong" in dialog.bar.text()
    assert wallet_info(vault) is None

    dialog.words.setPlainText("  " + "  ".join(words).upper() + "\n")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert page.stack.currentWidget() is page.overview
    assert page.overview.address.text() == address
    assert page.bar.text().startswith("Your wallet is back.")


def wrong_last_word(words: list[str]) -> str:
    """A real word that, put last, breaks the checksum (one in sixteen would not)."""
    for candidate in ("zoo", "abandon", "ability", "able", "about", "above"):
        try:
            normalize_words(" ".join([*words[:-1], candidate]))
        except BadInput:
            return candidate
    raise AssertionError("six words in a row kept the checksum")


def test_export_then_restore_from_the_keystore_file_and_its_password(
    qtbot: QtBot, unlocked: MainWindow, memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    page = wallet_page(unlocked)
    address = create(qtbot, page)
    export = page.overview.open_export_dialog()
    assert isinstance(export, ExportKeystoreDialog)
    target = tmp_path / "my wallet.json"
    export.path.setText(str(target))
    export.passphrase.setText("wrong passphrase")
    export.password.setText(FILE_PASSWORD)
    assert not export.ok_button.isEnabled()
    assert export.problem.text() == "The two passwords are not the same yet."
    export.again.setText(FILE_PASSWORD)
    assert export.ok_button.isEnabled()
    qtbot.mouseClick(export.ok_button, Qt.MouseButton.LeftButton)
    assert export.isVisible() and export.bar.text()
    assert not target.exists()

    export.passphrase.setText(PASSPHRASE)
    qtbot.mouseClick(export.ok_button, Qt.MouseButton.LeftButton)
    assert not export.isVisible()
    assert target.stat().st_mode & 0o077 == 0
    assert json.loads(target.read_text())["address"].lower() == address[2:].lower()
    assert page.bar.text().startswith("Keystore file saved as")

    vault = open_vault(unlocked)
    delete_wallet(vault)
    page.refresh()
    dialog = page.start.open_restore_dialog()
    assert isinstance(dialog, RestoreWalletDialog)
    dialog.from_file.setChecked(True)
    dialog.path.setText(str(target))
    dialog.password.setText("not the password")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert (
        dialog.bar.text() == "That password does not open the keystore file; nothing was changed."
    )
    assert wallet_info(vault) is None
    dialog.password.setText(FILE_PASSWORD)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert page.overview.address.text() == address


def test_without_a_keyring_the_page_says_so_and_offers_a_keystore_file_explicitly(
    qtbot: QtBot, unlocked: MainWindow, no_keyring: None
) -> None:
    page = wallet_page(unlocked)
    start = page.start
    assert start.no_keyring.isVisibleTo(page)
    assert not start.create_button.isEnabled(), "never a silent fallback"
    assert not start.restore_button.isEnabled()
    start.use_file.setChecked(True)
    assert not start.create_button.isEnabled(), "the file needs the passphrase"
    start.passphrase.setText("not my passphrase")
    qtbot.mouseClick(start.create_button, Qt.MouseButton.LeftButton)
    vault = open_vault(unlocked)
    assert wallet_info(vault) is None
    assert page.bar.text()
    assert not keystore_file.exists(vault.path, vault.member.id if vault.member else 0)

    start.passphrase.setText(PASSPHRASE)
    address = create(qtbot, page)
    info = wallet_info(vault)
    assert info is not None and info.address == address and info.storage == "keystore-file"
    assert vault.member is not None and keystore_file.exists(vault.path, vault.member.id)
    assert "file in the vault folder" in page.overview.storage.text()


def test_an_unreachable_network_gives_a_sentence_where_the_balance_would_be(
    qtbot: QtBot, unlocked: MainWindow, memory_keyring: MemoryKeyring, threaded_worker: None
) -> None:
    vault = open_vault(unlocked)
    with Node(chain_id=31337) as node:
        networks.add_network(vault, "mine", node.url)
    networks.use_network(vault, "mine")  # the node is gone now
    page = wallet_page(unlocked)
    page.start.check_keyring()
    qtbot.waitUntil(page.start.create_button.isEnabled)
    page.start.make_wallet()
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.overview)
    qtbot.waitUntil(lambda: page.overview.refresh_button.isEnabled(), timeout=20_000)
    assert page.overview.balance.text() == "Balance unknown"
    problem = page.overview.balance_problem
    assert problem.isVisibleTo(page) and problem.text().startswith("The node at 127.0.0.1")
    assert "did not answer" in problem.text()
    assert page.overview.network.text() == "Network: mine (test money, no real value)"


def test_the_balance_on_the_current_network_is_shown_in_its_coin(
    qtbot: QtBot, unlocked: MainWindow, memory_keyring: MemoryKeyring
) -> None:
    vault = open_vault(unlocked)
    with Node(chain_id=31337, balance_wei=1_250_000_000_000_000_000) as node:
        networks.add_network(vault, "local", node.url)
        networks.use_network(vault, "local")
        page = wallet_page(unlocked)
        address = create(qtbot, page)
        assert page.overview.balance.text() == "Balance: 1.25 ETH"
        assert node.balance_asked_for == [address.lower()]
    assert page.overview.network.text().startswith("Network: Local node")


def test_on_the_sandbox_a_new_wallet_shows_its_play_money(
    qtbot: QtBot, unlocked: MainWindow, memory_keyring: MemoryKeyring, threaded_worker: None
) -> None:
    sandbox.forget()  # a sandbox replayed from the vault folder, as in a new process
    try:
        page = wallet_page(unlocked)
        page.start.check_keyring()
        qtbot.waitUntil(page.start.create_button.isEnabled)
        page.start.make_wallet()
        qtbot.waitUntil(lambda: page.stack.currentWidget() is page.overview)
        qtbot.waitUntil(lambda: page.overview.refresh_button.isEnabled(), timeout=20_000)
        assert page.overview.balance.text() == "Balance: 100 ETH"
        assert not page.overview.balance_problem.isVisibleTo(page)
        assert page.overview.network.text() == (
            "Network: Sandbox (built in, play money) (test money, no real value)"
        )
    finally:
        sandbox.forget()


def test_signed_actions_are_listed_newest_first_with_network_and_reference(
    qtbot: QtBot, unlocked: MainWindow, memory_keyring: MemoryKeyring
) -> None:
    page = wallet_page(unlocked)
    create(qtbot, page)
    assert page.overview.no_history.isVisibleTo(page)
    vault = open_vault(unlocked)
    assert vault.member is not None
    digest = "0x" + "ab" * 32
    with vault.writing() as conn:
        journal.add_signed_action(
            conn,
            member_id=vault.member.id,
            kind="typed-data",
            description="Offer 'Steps 2023' for 0.01 ETH",
            chain_id=11155111,
            reference=digest,
        )
        journal.add_signed_action(
            conn,
            member_id=vault.member.id,
            kind="transaction",
            description="Send 0.5 ETH to 0x3C…BC",
            chain_id=1337,
            reference="0x" + "cd" * 32,
        )
    page.refresh()
    table = page.overview.history
    assert table.isVisibleTo(page) and not page.overview.no_history.isVisibleTo(page)
    rows = [[table.item(r, c).text() for c in range(1, 4)] for r in range(table.rowCount())]
    assert rows == [
        ["Send 0.5 ETH to 0x3C…BC", "Sandbox (built in, play money)", "0xcdcd…cdcd"],
        ["Offer 'Steps 2023' for 0.01 ETH", "Sepolia (Ethereum test network)", "0xabab…abab"],
    ]
    assert table.item(1, 3).toolTip() == digest


def test_receive_shows_the_address_large_and_the_age_recipient(
    qtbot: QtBot, unlocked: MainWindow, memory_keyring: MemoryKeyring
) -> None:
    page = wallet_page(unlocked)
    address = create(qtbot, page)
    dialog = page.overview.open_receive_dialog()
    assert dialog is not None
    info = wallet_info(open_vault(unlocked))
    assert info is not None
    assert dialog.qr.text() == address and dialog.qr.width() >= 200
    assert dialog.recipient.text() == info.age_recipient.strip()
    assert info.age_recipient.startswith("age1")
    qtbot.mouseClick(dialog.copy_recipient, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == info.age_recipient


def in_language(qtbot: QtBot, window: MainWindow, language: str) -> None:
    if language != "en":
        before = window.workspace
        window.set_language(language)
        qtbot.waitUntil(lambda: window.workspace is not before)
        assert window.workspace is not None
        assert window.workspace.wallet.title.text() == "Monedero"


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_wallet_control_has_a_name_and_no_shortcut_clashes(
    qtbot: QtBot, unlocked: MainWindow, memory_keyring: MemoryKeyring, language: str
) -> None:
    in_language(qtbot, unlocked, language)
    page = wallet_page(unlocked)
    problems: dict[str, list[str]] = {}

    def check(name: str, screen: QWidget) -> None:
        found = unnamed(screen) + [f"shortcut clash: {c}" for c in shortcut_clashes(screen)]
        if found:
            problems[name] = found

    check("no wallet", unlocked)
    restore = page.start.open_restore_dialog()
    assert restore is not None
    check("restore dialog", restore)
    restore.from_file.setChecked(True)
    check("restore dialog, file", restore)
    restore.reject()
    create(qtbot, page)
    check("wallet", unlocked)
    words = page.overview.open_words_dialog()
    check("words: passphrase", words)
    words.passphrase.setText(PASSPHRASE)
    words.reveal()
    check("words: shown", words)
    words.written_button.click()
    check("words: quiz", words)
    words.reject()
    export = page.overview.open_export_dialog()
    assert export is not None
    check("export", export)
    export.reject()
    receive = page.overview.open_receive_dialog()
    assert receive is not None
    check("receive", receive)
    receive.reject()
    assert problems == {}


@pytest.mark.parametrize("language", ["en", "es"])
def test_without_a_keyring_every_control_has_a_name(
    qtbot: QtBot, unlocked: MainWindow, no_keyring: None, language: str
) -> None:
    in_language(qtbot, unlocked, language)
    page = wallet_page(unlocked)
    page.start.use_file.setChecked(True)
    assert unnamed(unlocked) == []
    assert shortcut_clashes(unlocked) == []


# ----------------------------------------------------------------- a node to ask


class Node:
    """A JSON-RPC endpoint on 127.0.0.1 answering eth_chainId and eth_getBalance."""

    def __init__(self, chain_id: int, balance_wei: int = 0) -> None:
        self.balance_asked_for: list[str] = []
        node = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                request = json.loads(self.rfile.read(int(self.headers["content-length"])))
                method, params = request.get("method"), request.get("params", [])
                body: dict[str, Any]
                if method == "eth_chainId":
                    body = {"result": hex(chain_id)}
                elif method == "eth_getBalance":
                    node.balance_asked_for.append(str(params[0]).lower())
                    body = {"result": hex(balance_wei)}
                else:
                    body = {"error": {"code": -32601, "message": "method not found"}}
                payload = json.dumps({"jsonrpc": "2.0", "id": request.get("id"), **body})
                self.send_response(200)
                self.send_header("content-type", "application/json")
                self.end_headers()
                self.wfile.write(payload.encode())

            def log_message(self, format: str, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    def __enter__(self) -> Node:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

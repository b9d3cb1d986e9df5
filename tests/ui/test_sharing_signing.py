"""Consent records signed from the Sharing & prices page, and a withdrawal's open offers
cancelled on chain: real vaults, the real signing dialog answered by clicks, wallets in an
in-memory keyring (the real Secret Service is proven in tests/integration), offers on the
built-in sandbox chain."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from hearth.consent import signatures, store
from hearth.consent.policy import Purpose
from hearth.importers.pipeline import import_path
from hearth.market.cancel import open_offers
from hearth.market.offers import make_offer
from hearth.ui.main_window import MainWindow
from hearth.ui.message_bar import MessageKind
from hearth.ui.pages.sharing import SharingPage
from hearth.ui.pages.sharing_history import SIGNED_COLUMN
from hearth.ui.wallet_passphrase import WalletPassphraseDialog
from hearth.vault import Vault
from hearth.wallet import accounts
from hearth.wallet.info import wallet_info
from tests.conftest import PASSPHRASE
from tests.ui.conftest import unlock
from tests.ui.test_accessibility import shortcut_clashes, unnamed
from tests.ui.test_marketplace_page import (
    SigningAnswers,
    fresh_sandbox,
    memory_keyring,
    signing,
)
from tests.ui.test_sharing_page import BO_PASSPHRASE, CHILD_PASSPHRASE, family_path, only_dataset
from tests.unit.importers.apple_samples import write_heart_rates
from tests.unit.market.helpers import Approvals, seller_with_terms

_ = (family_path, signing, fresh_sandbox, memory_keyring)  # fixtures (the last two autouse)

SAVED = "Saved. The data is on offer under these terms."


def sharing_page(qtbot: QtBot, vault: Vault) -> SharingPage:
    page = SharingPage(vault)
    qtbot.addWidget(page)
    page.resize(900, 700)
    page.show()
    qtbot.waitExposed(page)
    return page


def offer_terms(page: SharingPage) -> None:
    page.form.purposes.switches[Purpose.ACADEMIC_RESEARCH].setChecked(True)
    page.form.price.amount.setText("0.01")


def records_of(vault: Vault, dataset_id: int) -> list[dict[str, object]]:
    return store.consent_records(vault, dataset_id)


def signed_cell(page: SharingPage, row: int = 0) -> str:
    return page.history.item(row, SIGNED_COLUMN).text()


# ----------------------------------------------------------------- signing after a change


def test_saving_with_a_wallet_asks_to_sign_and_the_record_verifies(
    qtbot: QtBot, vault: Vault, tmp_path: Path, signing: Callable[[bool], SigningAnswers]
) -> None:
    import_path(vault, write_heart_rates(tmp_path / "export.xml", 50))
    accounts.create_wallet(vault)
    info = wallet_info(vault)
    assert info is not None
    page = sharing_page(qtbot, vault)
    answers = signing(True)
    offer_terms(page)
    page.save()

    [request] = answers.requests
    assert request.kind == "typed-data"
    assert request.action.startswith("Sign your consent record for 'Apple Health'")
    [record] = records_of(vault, only_dataset(vault))
    assert signatures.signer_of(record) == info.address
    assert page.bar.kind is MessageKind.SUCCESS
    assert page.bar.text() == f"{SAVED} 1 consent record signed with your wallet."
    assert signed_cell(page) == "Signed"
    assert info.address in page.history.item(0, SIGNED_COLUMN).toolTip()
    assert "the signature checks out" in page.history.item(0, SIGNED_COLUMN).toolTip()
    assert not page.signing.isVisible(), "nothing is waiting for a signature"
    assert page.editor.isEnabled() and page.dataset_choice.isEnabled()


def test_on_the_worker_thread_the_form_waits_while_the_wallet_signs(
    qtbot: QtBot,
    vault: Vault,
    tmp_path: Path,
    threaded_worker: None,
    signing: Callable[[bool], SigningAnswers],
) -> None:
    import_path(vault, write_heart_rates(tmp_path / "export.xml", 50))
    accounts.create_wallet(vault)
    page = sharing_page(qtbot, vault)
    offer_terms(page)
    page.save()
    assert page.runner.is_running() and not page.editor.isEnabled()
    answers = signing(True)  # the dialog opens from the worker; the person approves
    qtbot.waitUntil(lambda: not page.runner.is_running(), timeout=20_000)
    assert len(answers.requests) == 1
    [record] = records_of(vault, only_dataset(vault))
    assert signatures.signer_of(record) is not None
    assert page.bar.text() == f"{SAVED} 1 consent record signed with your wallet."
    assert page.editor.isEnabled() and signed_cell(page) == "Signed"


def test_a_declined_signature_keeps_the_record_unsigned_and_says_how_to_sign_later(
    qtbot: QtBot, vault: Vault, tmp_path: Path, signing: Callable[[bool], SigningAnswers]
) -> None:
    import_path(vault, write_heart_rates(tmp_path / "export.xml", 50))
    accounts.create_wallet(vault)
    page = sharing_page(qtbot, vault)
    declining = signing(False)
    offer_terms(page)
    page.save()

    assert len(declining.requests) == 1
    dataset_id = only_dataset(vault)
    status = store.status(vault, dataset_id)
    assert status.active is not None, "the terms are in force either way"
    [record] = records_of(vault, dataset_id)
    assert signatures.signer_of(record) is None
    assert record["signature"] == {"status": "unsigned", "reason": "no wallet yet"}
    assert page.bar.kind is MessageKind.INFO
    assert page.bar.text() == (
        f"{SAVED} You did not sign the consent record, so it is kept unsigned; sign it later "
        "with Sign records. Your decision stands either way."
    )
    assert page.signing.isVisible()
    assert page.signing.note.text().startswith(
        "1 of your consent records of this dataset is not signed yet."
    )
    assert signed_cell(page) == "Not signed"

    declining.stop()
    approving = signing(True)
    assert page.signing.sign_button.isEnabled()
    page.signing.sign_button.click()
    assert len(approving.requests) == 1
    [record] = records_of(vault, dataset_id)
    assert signatures.signer_of(record) is not None
    assert page.bar.text() == "1 consent record signed with your wallet."
    assert not page.signing.isVisible()
    assert signed_cell(page) == "Signed"


def test_without_a_wallet_nothing_is_asked_and_the_record_is_marked_unsigned(
    qtbot: QtBot, vault: Vault, tmp_path: Path, signing: Callable[[bool], SigningAnswers]
) -> None:
    import_path(vault, write_heart_rates(tmp_path / "export.xml", 50))
    page = sharing_page(qtbot, vault)
    answers = signing(True)
    offer_terms(page)
    page.save()
    qtbot.wait(50)  # a dialog would have been answered by now

    assert answers.requests == []
    assert page.bar.kind is MessageKind.SUCCESS and page.bar.text() == SAVED
    assert not page.signing.isVisible(), "there is no wallet to sign with"
    assert signed_cell(page) == "Not signed"
    assert "Consent given by Ana" in page.history.item(0, SIGNED_COLUMN).toolTip()


def test_a_record_whose_signature_does_not_match_is_shown_as_not_verifying(
    qtbot: QtBot, vault: Vault, tmp_path: Path, signing: Callable[[bool], SigningAnswers]
) -> None:
    import_path(vault, write_heart_rates(tmp_path / "export.xml", 50))
    accounts.create_wallet(vault)
    page = sharing_page(qtbot, vault)
    signing(True)
    offer_terms(page)
    page.save()
    dataset_id = only_dataset(vault)
    with vault.writing() as conn:
        [stored] = conn.execute("SELECT signature FROM consent_records").fetchone()
        signature = json.loads(stored)
        signature["signer"] = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"  # someone else
        conn.execute("UPDATE consent_records SET signature = ?", (json.dumps(signature),))
    page.choose_dataset(dataset_id)
    page.refresh()
    assert signed_cell(page) == "Does not verify"
    assert "does not match the record" in page.history.item(0, SIGNED_COLUMN).toolTip()


def test_a_guardian_signs_their_approval_and_the_childs_own_record_stays_theirs(
    qtbot: QtBot, family_path: Path, signing: Callable[[bool], SigningAnswers]
) -> None:
    with Vault.unlock(family_path, "Lía", CHILD_PASSPHRASE) as child:
        page = sharing_page(qtbot, child)
        offer_terms(page)
        page.save()  # Lía has no wallet: nothing to sign with
        page.close()
    answers = signing(True)
    with Vault.unlock(family_path, "Bo", BO_PASSPHRASE) as guardian:
        accounts.create_wallet(guardian)
        info = wallet_info(guardian)
        assert info is not None
        page = sharing_page(qtbot, guardian)
        page.approve()
        dataset_id = only_dataset(guardian)
        asked, approval = records_of(guardian, dataset_id)
        assert [r.action for r in answers.requests] == [
            "Sign your consent record for 'Apple Health': terms version 1, approved"
        ]
        assert signatures.signer_of(approval) == info.address
        assert signatures.signer_of(asked) is None, "only Lía can sign what she did"
        assert page.bar.text() == (
            "Approved. Lía's data is on offer under these terms. 1 consent record signed with "
            "your wallet."
        )
        assert signed_cell(page) == "1 of 2 signed"
        assert not page.signing.isVisible(), "nothing of Bo's is waiting"


def test_a_keystore_file_wallet_asks_the_passphrase_and_no_passphrase_leaves_it_unsigned(
    qtbot: QtBot, vault: Vault, tmp_path: Path, signing: Callable[[bool], SigningAnswers]
) -> None:
    import_path(vault, write_heart_rates(tmp_path / "export.xml", 50))
    accounts.create_wallet(vault, storage="keystore-file", passphrase=PASSPHRASE)
    page = sharing_page(qtbot, vault)
    answers = signing(True)
    asked: list[str] = []

    def answer_passphrase(text: str | None) -> None:
        def look() -> None:
            for widget in QApplication.topLevelWidgets():
                if isinstance(widget, WalletPassphraseDialog) and widget.isVisible():
                    asked.append(text or "")
                    if text is None:
                        widget.reject()
                    else:
                        widget.passphrase.setText(text)
                        widget.ok_button.click()
                    return
            QTimer.singleShot(10, look)

        QTimer.singleShot(0, look)

    answer_passphrase(None)
    offer_terms(page)
    page.save()
    assert asked == [""] and answers.requests == []
    assert page.bar.text() == (
        f"{SAVED} The consent record is kept unsigned for now; sign it later with Sign "
        "records. Your decision stands either way."
    )
    assert page.signing.isVisible()

    answer_passphrase(PASSPHRASE)
    assert page.signing.sign_waiting()
    assert len(answers.requests) == 1
    [record] = records_of(vault, only_dataset(vault))
    assert signatures.signer_of(record) is not None


# ----------------------------------------------------------------- withdrawing with offers out


def withdraw(page: SharingPage) -> None:
    box = page.confirm_withdraw()
    assert box is not None
    [button] = [
        b for b in box.buttons() if box.buttonRole(b) is QMessageBox.ButtonRole.DestructiveRole
    ]
    button.click()


def test_withdrawing_cancels_the_open_offer_on_chain_after_signing_the_record(
    qtbot: QtBot, vault: Vault, tmp_path: Path, signing: Callable[[bool], SigningAnswers]
) -> None:
    dataset_id = seller_with_terms(vault, tmp_path)
    make_offer(vault, dataset_id, Approvals(), out=tmp_path / "offer.json")
    [offer] = open_offers(vault, dataset_id)
    page = sharing_page(qtbot, vault)
    answers = signing(True)
    withdraw(page)

    kinds = [(r.kind, r.function) for r in answers.requests]
    # The record of the first terms was made before this page: signed now with the new one.
    assert kinds == [("typed-data", None), ("typed-data", None), ("transaction", "cancelOffer")]
    assert "copies already delivered cannot be called back" in answers.requests[-1].action
    assert store.status(vault, dataset_id).withdrawn
    assert open_offers(vault, dataset_id) == []
    assert all(signatures.signer_of(r) for r in records_of(vault, dataset_id))
    assert page.bar.kind is MessageKind.INFO
    assert page.bar.text() == (
        f"{store.WITHDRAWN_NOTE} 2 consent records signed with your wallet. 1 offer cancelled "
        "on chain: nobody can buy it any more."
    )
    [cancelled] = [e for e in vault.audit_entries() if e.action == "market.offer_cancelled"]
    assert cancelled.details["offer_id"] == offer.offer_id


def test_declining_to_cancel_leaves_the_offer_open_and_says_so_plainly(
    qtbot: QtBot, vault: Vault, tmp_path: Path, signing: Callable[[bool], SigningAnswers]
) -> None:
    dataset_id = seller_with_terms(vault, tmp_path)
    make_offer(vault, dataset_id, Approvals(), out=tmp_path / "offer.json")
    page = sharing_page(qtbot, vault)
    declining = signing(False)
    withdraw(page)

    assert [r.function for r in declining.requests] == [None, "cancelOffer"]
    assert store.status(vault, dataset_id).withdrawn, "withdrawn all the same"
    assert len(open_offers(vault, dataset_id)) == 1
    assert page.bar.kind is MessageKind.INFO
    text = page.bar.text()
    assert text.startswith(store.WITHDRAWN_NOTE)
    assert "You did not sign the consent record, so it is kept unsigned" in text
    assert (
        "1 offer can still be bought on chain (you did not approve cancelling it): a buyer "
        "would pay, get nothing, and wait for a refund. Cancel what is still open later under "
        "Marketplace, My offers."
    ) in text


def test_withdrawing_without_offers_asks_only_for_the_record(
    qtbot: QtBot, vault: Vault, tmp_path: Path, signing: Callable[[bool], SigningAnswers]
) -> None:
    dataset_id = seller_with_terms(vault, tmp_path)
    page = sharing_page(qtbot, vault)
    answers = signing(True)
    withdraw(page)
    assert [r.kind for r in answers.requests] == ["typed-data", "typed-data"]
    assert page.bar.text() == f"{store.WITHDRAWN_NOTE} 2 consent records signed with your wallet."
    assert store.status(vault, dataset_id).withdrawn


@pytest.mark.parametrize("language", ["en", "es"])
def test_sign_records_has_a_name_and_its_shortcut_clashes_with_nothing(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, language: str
) -> None:
    unlock(window)
    vault = window.vault
    assert vault is not None
    seller_with_terms(vault, tmp_path)  # terms set before this page: a record to sign
    if language == "es":
        old = window.workspace
        window.set_language("es")
        qtbot.waitUntil(lambda: window.workspace is not old)
    workspace = window.workspace
    assert workspace is not None
    workspace.show_page("sharing")
    page = workspace.sharing
    assert page.signing.isVisibleTo(window) and page.signing.sign_button.isEnabled()
    assert unnamed(window) + shortcut_clashes(window) == []

"""What the Sharing & prices page asks the member's wallet to sign after a change: the consent
record(s) of the change, and after a withdrawal the cancelling of the dataset's offers that can
still be bought on chain; and the "not signed yet" line with its Sign records button.

As `hearth consent set|approve|withdraw` does at a terminal (hearth.cli.consent_signing): a
member without a wallet is asked nothing and their records stay marked unsigned; with one, each
record is shown in the signing dialog, and a no keeps it unsigned while the decision itself
stands. A signed offer stays valid on chain whatever the vault says, so a withdrawal is followed
by one signing dialog per open offer (`hearth.market.cancel.cancel_offers`); copies already
delivered cannot be called back, and the page says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from hearth.consent import signatures
from hearth.errors import UserCancelled, UserFacingError
from hearth.progress import CancelToken, ProgressCallback
from hearth.ui.i18n import fill
from hearth.ui.message_bar import MessageBar, MessageKind
from hearth.ui.pages.sharing_box import hint
from hearth.ui.wallet_steps import StepRunner
from hearth.vault import Vault
from hearth.wallet.networks import current_network

if TYPE_CHECKING:
    from hearth.wallet.signer import Approve


@dataclass(frozen=True)
class FollowUp:
    """What came of a change's signatures, decided on the worker."""

    signed: int = 0  # consent records signed now
    declined: bool = False  # the person said no to a record's signature
    cancelled: int = 0  # offers cancelled on chain
    left_open: tuple[str, ...] = ()  # why each offer that can still be bought was not cancelled
    problem: str | None = None  # why the offers could not be cancelled at all


def sign_records(
    vault: Vault, approve: Approve, passphrase: str | None, dataset_id: int | None
) -> int:
    """Sign the acting member's unsigned records (of one dataset); how many. On the worker."""
    from hearth.wallet.signer import statement_signer  # loads the keyring: only when signing

    signer = statement_signer(vault, approve, passphrase)
    return signatures.sign_my_records(vault, signer.sign_statement, signer.address, dataset_id)


def follow_up(
    vault: Vault,
    approve: Approve,
    passphrase: str | None,
    dataset_id: int,
    *,
    sign: bool,
    cancel: bool,
) -> FollowUp:
    """Sign the new records (``sign``), then cancel the dataset's open offers (``cancel``).

    A declined signature stops neither: the decision was saved before. Consent is withdrawn
    whatever becomes of the offers, so a failure to cancel them is a sentence, not an error.
    """
    signed, declined = 0, False
    if sign:
        try:
            signed = sign_records(vault, approve, passphrase, dataset_id)
        except UserCancelled:
            declined = True
    if not cancel:
        return FollowUp(signed, declined)
    from hearth.market.cancel import cancel_offers

    try:
        report = cancel_offers(vault, approve, dataset_id=dataset_id, passphrase=passphrase)
    except UserFacingError as error:
        return FollowUp(signed, declined, problem=str(error))
    reasons = tuple(str(item["reason"]) for item in report.left_open)
    return FollowUp(signed, declined, len(report.cancelled), reasons)


class ConsentSigning(QWidget):
    """The line that says how many of the member's records of this dataset are not signed,
    with Sign records; hidden when there are none or the member has no wallet."""

    finished = Signal()  # a follow-up ended: the page reads the dataset again

    def __init__(
        self, vault: Vault, runner: StepRunner, bar: MessageBar, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._vault = vault
        self._runner = runner
        self._bar = bar
        self._dataset_id: int | None = None
        self.note = hint("", self)
        self.sign_button = QPushButton(self.tr("Si&gn records…"), self)
        self.sign_button.setAccessibleName(self.tr("Sign my consent records"))
        self.sign_button.setToolTip(
            self.tr("Sign your consent records of this dataset with your wallet")
        )
        self.sign_button.clicked.connect(self.sign_waiting)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.note, 1)
        layout.addWidget(self.sign_button)
        runner.busy.connect(lambda running: self.sign_button.setEnabled(not running))
        self.hide()

    def show_dataset(self, dataset_id: int | None) -> None:
        self._dataset_id = dataset_id
        waiting = self.waiting()
        self.note.setText(
            self.tr(
                "%n of your consent records of this dataset is not signed yet. Signing shows "
                "that the decision is yours; it stands either way.",
                "",
                waiting,
            )
        )
        self.setVisible(waiting > 0)

    def waiting(self) -> int:
        """How many of the acting member's records of the dataset shown wait for a signature
        (0 without a wallet: there is nothing to sign with)."""
        vault = self._vault
        if self._dataset_id is None or not signatures.has_wallet(vault):
            return 0
        return len(signatures.unsigned_records(vault, self._dataset_id))

    def sign_waiting(self) -> bool:
        """Sign the records shown as waiting (the Sign records button)."""
        if self._dataset_id is None or not self.waiting():
            return False
        return self.after_change(self._dataset_id, "", MessageKind.SUCCESS)

    def after_change(
        self, dataset_id: int, said: str, kind: MessageKind, *, withdrawn: bool = False
    ) -> bool:
        """Right after the page saved a change to ``dataset_id``: ask to sign its record(s)
        when the member has a wallet, and after a withdrawal to cancel its open offers. Then
        say ``said`` (what the page says of the change) with what became of them. False when
        nothing was started."""
        sign = signatures.has_wallet(self._vault)
        chains = self._offer_chains(dataset_id) if withdrawn else set()
        here = current_network(self._vault).chain_id
        elsewhere = sorted(chains - {here})
        cancel = here in chains
        lines = [said] if said else []
        if elsewhere:
            lines.append(
                fill(
                    self.tr(
                        "Offers of it were also made on other networks (chain %1): they can "
                        "still be bought there until you cancel them on each network."
                    ),
                    ", ".join(str(c) for c in elsewhere),
                )
            )
        if not sign and not cancel:
            self._say(kind, lines)
            return False
        vault = self._vault

        def step(
            approve: Approve, passphrase: str | None, _p: ProgressCallback, _c: CancelToken
        ) -> FollowUp:
            return follow_up(vault, approve, passphrase, dataset_id, sign=sign, cancel=cancel)

        why = (
            self.tr("sign your consent record and cancel the offers")
            if sign and cancel
            else self.tr("sign your consent record")
            if sign
            else self.tr("cancel the offers")
        )
        started = self._runner.run(
            why,
            step,
            lambda done: self._done(done, kind, lines),
            lambda _error: self._failed(lines, sign, cancel),
        )
        if not started and not self._runner.is_running():  # the passphrase was not typed
            self._say(MessageKind.INFO, self._not_done(lines, sign, cancel))
        return started

    # ----------------------------------------------------------------- words

    def _done(self, done: FollowUp, kind: MessageKind, lines: list[str]) -> None:
        if done.signed:
            lines.append(self.tr("%n consent record(s) signed with your wallet.", "", done.signed))
        if done.declined:
            lines.append(
                self.tr(
                    "You did not sign the consent record, so it is kept unsigned; sign it later "
                    "with Sign records. Your decision stands either way."
                )
            )
            kind = MessageKind.INFO
        if done.cancelled:
            lines.append(
                self.tr(
                    "%n offer(s) cancelled on chain: nobody can buy them any more.",
                    "",
                    done.cancelled,
                )
            )
        if done.left_open:
            lines.append(
                fill(
                    self.tr(
                        "%n offer(s) can still be bought on chain (%1): a buyer would pay, "
                        "get nothing, and wait for a refund.",
                        "",
                        len(done.left_open),
                    ),
                    "; ".join(dict.fromkeys(done.left_open)),
                )
            )
            lines.append(self.tr("Cancel what is still open later under Marketplace, My offers."))
            kind = MessageKind.INFO
        if done.problem:
            lines.append(done.problem)
            lines.append(self._still_open_sentence())
            kind = MessageKind.ERROR
        self._say(kind, lines)
        self.finished.emit()

    def _failed(self, lines: list[str], sign: bool, cancel: bool) -> None:
        # The runner put the error in the bar (a wrong passphrase, most likely): say it after
        # the change it follows, and what it left undone.
        self._say(MessageKind.ERROR, self._not_done([*lines, self._bar.text()], sign, cancel))
        self.finished.emit()

    def _not_done(self, lines: list[str], sign: bool, cancel: bool) -> list[str]:
        said = [line for line in lines if line]
        if sign:
            said.append(
                self.tr(
                    "The consent record is kept unsigned for now; sign it later with Sign "
                    "records. Your decision stands either way."
                )
            )
        if cancel:
            said.append(self._still_open_sentence())
        return said

    def _say(self, kind: MessageKind, lines: list[str]) -> None:
        text = " ".join(lines)
        if not text:
            return
        if kind is MessageKind.ERROR:
            self._bar.show_error(text)
        elif kind is MessageKind.INFO:
            self._bar.show_info(text)
        else:
            self._bar.show_success(text)

    def _still_open_sentence(self) -> str:
        return self.tr(
            "Its offers may still be open on chain, where anyone holding the offer file can "
            "buy them: cancel them under Marketplace, My offers."
        )

    def _offer_chains(self, dataset_id: int) -> set[int]:
        """The chains offers of the dataset were made on: a quick read of the vault (the
        chain itself is asked on the worker, and only when there are offers here)."""
        from hearth.market.cancel import offers_made  # the market layer loads when needed

        return {o.chain_id for o in offers_made(self._vault, dataset_id)}

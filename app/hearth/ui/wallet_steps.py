"""A step that signs with the member's wallet, run on the worker one at a time: a market step
(making an offer, buying, delivering, receiving, refunding, withdrawing, cancelling) or signing
consent records on the Sharing & prices page.

Each step gets the Signer's approve callback that opens the signing dialog from the worker
(`hearth.ui.signing_dialog.approver`, with the task's cancel token, so locking declines a
question still open), and the member's passphrase when their wallet is a keystore file (asked
first, on the GUI thread). An error is said in the page's message bar; a declined signature
says nothing, like every cancelled action (the page's ``on_error`` may say what it means).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from hearth.progress import CancelToken, ProgressCallback
from hearth.ui.errors import report_error
from hearth.ui.message_bar import MessageBar
from hearth.ui.wallet_passphrase import ask_wallet_passphrase
from hearth.ui.worker import run_task
from hearth.vault import Vault
from hearth.wallet.info import wallet_info

if TYPE_CHECKING:
    from hearth.wallet.signer import Approve

T = TypeVar("T")
# approve, passphrase (None for a keyring wallet), progress, cancel
Step = Callable[["Approve", str | None, ProgressCallback, CancelToken], T]


class StepRunner(QObject):
    """Runs the page's steps; ``busy`` says when one starts (True) and ends (False)."""

    busy = Signal(bool)
    finished = Signal()

    def __init__(self, vault: Vault, page: QWidget, bar: MessageBar) -> None:
        super().__init__(page)
        self._vault = vault
        self._page = page
        self._bar = bar
        self._running = False
        self.ask_passphrase: Callable[[QWidget, str], str | None] = ask_wallet_passphrase

    def is_running(self) -> bool:
        return self._running

    def run(
        self,
        why: str,
        step: Step[T],
        on_done: Callable[[T], None],
        on_error: Callable[[BaseException], None] | None = None,
    ) -> bool:
        """Start ``step``; False when another is running or the person cancelled the
        passphrase. ``why`` finishes "Type it to …" in the passphrase question; ``on_error``
        runs after the error was said in the bar."""
        if self._running:
            return False
        passphrase = None
        info = wallet_info(self._vault) if self._vault.member is not None else None
        if info is not None and info.storage == "keystore-file":
            passphrase = self.ask_passphrase(self._page, why)
            if passphrase is None:
                return False
        page = self._page

        def work(progress: ProgressCallback, cancel: CancelToken) -> T:
            # Imported here, on the worker: the signing dialog's module pulls in web3.
            from hearth.ui.signing_dialog import approver

            return step(approver(page, cancel), passphrase, progress, cancel)

        self._set_running(True)
        self._bar.clear()
        run_task(
            work,
            on_done=lambda result: self._done(on_done, result),
            on_error=lambda error: self._failed(error, on_error),
            context=page,
        )
        return True

    def _done(self, on_done: Callable[[Any], None], result: Any) -> None:
        self._set_running(False)
        on_done(result)
        self.finished.emit()

    def _failed(
        self, error: BaseException, on_error: Callable[[BaseException], None] | None
    ) -> None:
        self._set_running(False)
        report_error(error, self._bar)  # silent for a declined signature (UserCancelled)
        if on_error is not None:
            on_error(error)
        self.finished.emit()

    def _set_running(self, running: bool) -> None:
        self._running = running
        self.busy.emit(running)

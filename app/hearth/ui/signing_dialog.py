"""The signing dialog: a `SigningRequest` in words, and nothing is signed without a click.

Decline is the default button, so Enter (and Escape, and closing the window, and locking)
declines; Approve takes a deliberate click and is enabled only after a short pause, so a
double click or a key pressed for something else cannot approve by accident.

`ask_to_sign` is the approve callback the GUI gives the Signer. The Signer runs on the
worker thread, so the question is carried to the GUI thread and the worker waits there.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import ClassVar

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import Shiboken

from hearth.progress import CancelToken
from hearth.ui.i18n import fill
from hearth.wallet.signing import Detail, SigningRequest

# Longer runs without a space (hashes, long typed-data strings) get break opportunities, so
# the dialog never needs a horizontal scroll bar to show all of a value.
_UNBROKEN = 48
_BREAK = "\u200b"  # zero-width space


def breakable(text: str) -> str:
    """``text`` with invisible break opportunities inside runs longer than `_UNBROKEN`."""
    words = []
    for word in text.split(" "):
        if len(word) > _UNBROKEN:
            word = _BREAK.join(word[i : i + _UNBROKEN] for i in range(0, len(word), _UNBROKEN))
        words.append(word)
    return " ".join(words)


def _value_label(text: str, parent: QWidget, *, mono: bool = False) -> QLabel:
    label = QLabel(breakable(text), parent)
    # Typed data can carry any text a contract's user put there: never read it as markup.
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if mono:
        label.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
    return label


class SigningDialog(QDialog):
    """Shows one request; ``accepted`` only through the Approve button."""

    # Long enough to stop a reflex, short enough not to annoy.
    APPROVE_DELAY_MS: ClassVar[int] = 1200

    def __init__(self, request: SigningRequest, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.request = request
        typed = request.kind == "typed-data"
        self.setWindowTitle(
            self.tr("Approve a signature") if typed else self.tr("Approve a payment")
        )
        self.setModal(True)
        self.setMinimumWidth(680)

        heading = QLabel(self.tr("Hearth asks before it signs. Is this what you want?"), self)
        heading.setObjectName("Hint")
        heading.setWordWrap(True)
        self.action = _value_label(request.action, self)
        self.action.setObjectName("Lead")
        font = self.action.font()
        font.setBold(True)
        self.action.setFont(font)
        self.money = QLabel(self)
        self.money.setWordWrap(True)
        if request.real_money:
            self.money.setObjectName("Warning")
            self.money.setText(fill(self.tr("Real money: %1 is a live network."), request.network))
        else:
            self.money.setObjectName("Hint")
            self.money.setText(
                fill(self.tr("Test money on %1: it has no real value."), request.network)
            )

        details = QWidget(self)
        self.form = QFormLayout(details)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._fill_form(details)
        self.details_area = QScrollArea(self)
        self.details_area.setWidgetResizable(True)
        self.details_area.setFrameShape(QFrame.Shape.StyledPanel)
        self.details_area.setWidget(details)
        self.details_area.setAccessibleName(self.tr("What would be signed"))
        self.details_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.details_area.setMinimumHeight(min(440, details.sizeHint().height() + 8))

        self.note = QLabel(self)
        self.note.setObjectName("Hint")
        self.note.setWordWrap(True)
        self.note.setText(
            self.tr("Signing costs nothing by itself and sends no transaction.")
            if typed
            else self.tr("Once sent, a transaction cannot be taken back.")
        )

        self.buttons = QDialogButtonBox(self)
        self.decline_button: QPushButton = self.buttons.addButton(
            self.tr("&Decline"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.decline_button.setAccessibleName(self.tr("Decline"))
        approve_text = self.tr("&Approve and sign") if typed else self.tr("&Approve and send")
        self.approve_button: QPushButton = self.buttons.addButton(
            approve_text, QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.approve_button.setAccessibleName(approve_text.replace("&", ""))
        # Enter presses the default button, and a focused auto-default button becomes the
        # default: Approve must never be either.
        self.approve_button.setAutoDefault(False)
        self.approve_button.setDefault(False)
        self.decline_button.setAutoDefault(True)
        self.decline_button.setDefault(True)
        self.approve_button.setEnabled(False)
        self.approve_button.setToolTip(self.tr("Read the request first; this turns on shortly."))
        self.approve_button.clicked.connect(self.accept)
        self.decline_button.clicked.connect(self.reject)
        QTimer.singleShot(self.APPROVE_DELAY_MS, self, self._allow_approval)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.action)
        layout.addWidget(self.money)
        layout.addWidget(self.details_area, 1)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self.decline_button.setFocus()

    def approved(self) -> bool:
        return self.result() == QDialog.DialogCode.Accepted

    def _allow_approval(self) -> None:
        self.approve_button.setEnabled(True)
        self.approve_button.setToolTip("")

    def _fill_form(self, parent: QWidget) -> None:
        request = self.request
        row = self._row
        row(self.tr("Network:"), fill(self.tr("%1 (chain %2)"), request.network, request.chain_id))
        if request.kind == "typed-data":
            row(self.tr("Signed by:"), request.account, mono=True)
            if request.contract:
                row(self.tr("For contract:"), self._contract_text(), mono=True)
            for detail in request.domain:
                self._detail(detail)
            row(self.tr("Message:"), request.primary_type or "")
            for detail in request.message:
                self._detail(detail)
            return
        row(self.tr("From:"), request.account, mono=True)
        if request.function == "deploy":
            row(self.tr("Creates:"), fill(self.tr("a new %1 contract"), request.contract))
        elif request.contract:
            row(self.tr("Contract:"), self._contract_text(), mono=True)
            row(self.tr("Function:"), request.function or "")
        else:
            row(self.tr("To:"), request.to or "", mono=True)
        for detail in request.arguments:
            self._detail(detail)
        row(self.tr("Amount sent:"), request.value or "")
        fee = fill(self.tr("at most %1"), request.max_fee or "")
        if request.max_fee_local:
            fee = fill(self.tr("%1 (%2)"), fee, request.max_fee_local)
        row(self.tr("Network fee:"), fee)

    def _contract_text(self) -> str:
        request = self.request
        if request.contract_address:
            return fill(self.tr("%1 at %2"), request.contract, request.contract_address)
        return request.contract or ""

    def _detail(self, detail: Detail) -> None:
        mono = detail.value.startswith("0x")
        self._row(f"    {detail.name}:", detail.value, mono=mono)

    def _row(self, label: str, value: str, *, mono: bool = False) -> None:
        parent = self.form.parentWidget()
        assert parent is not None
        name = QLabel(label, parent)
        name.setTextFormat(Qt.TextFormat.PlainText)
        self.form.addRow(name, _value_label(value, parent, mono=mono))


# ----------------------------------------------------------------- the approve callback


class _Question:
    """One request waiting for the person's answer; the worker waits on ``answered``."""

    def __init__(self, parent: QWidget, request: SigningRequest) -> None:
        self.parent = parent
        self.request = request
        self.approved = False
        self.answered = threading.Event()


class _Asker(QObject):
    """Lives on the GUI thread; opens the dialog for questions that come from workers."""

    asked = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.asked.connect(self._open, Qt.ConnectionType.QueuedConnection)

    @Slot(object)
    def _open(self, question: _Question) -> None:
        if not Shiboken.isValid(question.parent):
            question.answered.set()  # the page went away (locked): nothing is signed
            return
        dialog = SigningDialog(question.request, question.parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def finished(_code: int) -> None:
            question.approved = dialog.approved()
            question.answered.set()

        # `finished` also comes when locking rejects the dialog: then the answer is no.
        dialog.finished.connect(finished)
        dialog.open()


_asker: _Asker | None = None
# How often a waiting worker looks at its cancel token.
_POLL_S = 0.1


def _the_asker() -> _Asker:
    global _asker
    if _asker is None:
        _asker = _Asker()
        app = QCoreApplication.instance()
        if app is not None:
            _asker.moveToThread(app.thread())
    return _asker


def ask_to_sign(
    parent: QWidget, request: SigningRequest, *, cancel: CancelToken | None = None
) -> bool:
    """Show ``request`` and return True only if the person clicked Approve.

    Callable from the GUI thread (a modal dialog) or from a worker (the dialog opens on the
    GUI thread; the worker waits). A worker should pass its task's ``cancel`` token: locking
    cancels running tasks before it waits for them, and a cancelled question is declined.
    """
    app = QCoreApplication.instance()
    if app is None:
        return False
    if QThread.currentThread() is app.thread():
        if not Shiboken.isValid(parent):
            return False
        dialog = SigningDialog(request, parent)
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            if Shiboken.isValid(dialog):
                dialog.deleteLater()
    question = _Question(parent, request)
    _the_asker().asked.emit(question)
    while not question.answered.wait(_POLL_S):
        if cancel is not None and cancel.cancelled:
            return False
    return question.approved


def approver(
    parent: QWidget, cancel: CancelToken | None = None
) -> Callable[[SigningRequest], bool]:
    """The Signer's ``approve`` callback for windows under ``parent``."""

    def approve(request: SigningRequest) -> bool:
        return ask_to_sign(parent, request, cancel=cancel)

    return approve

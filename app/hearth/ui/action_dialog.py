"""A dialog that does one thing to the vault on the worker and says so where it was asked.

Subclasses fill `form`, say when the input is ready (`set_ready`), and hand `start` the core
call. Errors stay in the dialog's own message bar so the person can fix what they typed;
on success the dialog closes and `succeeded` carries the sentence to show on the page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hearth.progress import CancelToken, ProgressCallback
from hearth.ui.errors import report_error
from hearth.ui.message_bar import MessageBar
from hearth.ui.worker import run_task


class ActionDialog(QDialog):
    succeeded = Signal(str)

    def __init__(self, title: str, action_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self.bar = MessageBar(self)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.intro.hide()
        self.fields = QWidget(self)
        self.form = QFormLayout(self.fields)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.busy = QLabel(self)
        self.busy.setObjectName("Hint")
        self.buttons = QDialogButtonBox(self)
        self.ok_button: QPushButton = self.buttons.addButton(
            action_text, QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.ok_button.setAccessibleName(action_text.replace("&", ""))
        self.ok_button.setDefault(True)
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName(self.tr("Cancel"))
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addWidget(self.intro)
        layout.addWidget(self.fields)
        layout.addWidget(self.busy)
        layout.addWidget(self.buttons)
        self._working = False
        self.setMinimumWidth(460)

    def set_intro(self, text: str) -> None:
        self.intro.setText(text)
        self.intro.show()

    def set_ready(self, ready: bool) -> None:
        self.ok_button.setEnabled(ready and not self._working)

    def is_working(self) -> bool:
        return self._working

    def work(self) -> tuple[Callable[[ProgressCallback, CancelToken], Any], str] | None:
        """The core call to run and the sentence to show after it; None if not ready."""
        raise NotImplementedError

    def reject(self) -> None:
        # The core call cannot be taken back half-way (a key derivation is running).
        if not self._working:
            super().reject()

    def _submit(self) -> None:
        planned = self.work()
        if planned is None or self._working:
            return
        call, done_sentence = planned
        self._set_working(True)
        self.bar.clear()

        def done(_result: object) -> None:
            self._set_working(False)
            self.succeeded.emit(done_sentence)
            self.accept()

        def failed(error: BaseException) -> None:
            self._set_working(False)
            report_error(error, self.bar)

        run_task(call, on_done=done, on_error=failed, context=self)

    def _set_working(self, working: bool) -> None:
        self._working = working
        self.busy.setText(self.tr("Working… this takes a moment.") if working else "")
        self.ok_button.setEnabled(not working)
        self.fields.setEnabled(not working)

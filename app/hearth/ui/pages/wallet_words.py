"""Show the backup words: the passphrase again, the words once, then three of them asked back.

The words are the wallet: whoever has them has the money. So they appear only after the
member's passphrase is checked again (by the core), only in this dialog, never on the
clipboard, and they leave the screen and memory when the dialog closes or the vault locks.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from hearth.errors import WrongPassphrase
from hearth.progress import CancelToken, ProgressCallback
from hearth.ui.errors import report_error
from hearth.ui.i18n import fill
from hearth.ui.message_bar import MessageBar
from hearth.ui.worker import run_task
from hearth.vault import Vault
from hearth.wallet.backup_quiz import quiz_passed, quiz_positions


class BackupWordsDialog(QDialog):
    """Three steps: passphrase, words, quiz. ``confirmed`` after a right quiz is recorded."""

    confirmed = Signal()

    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vault = vault
        self._words: list[str] = []
        self.quiz_positions: list[int] = []
        self.setWindowTitle(self.tr("Your backup words"))
        self.setModal(True)
        self.setMinimumWidth(560)
        self.bar = MessageBar(self)
        self.steps = QStackedWidget(self)
        self.steps.addWidget(self._passphrase_step())
        self.steps.addWidget(self._words_step())
        self.steps.addWidget(self._quiz_step())
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addWidget(self.steps, 1)
        layout.addLayout(bottom)
        self._show_step(0)

    # ----------------------------------------------------------------- step 1: passphrase

    def _passphrase_step(self) -> QWidget:
        page = QWidget(self)
        intro = QLabel(
            self.tr(
                "Your backup words bring your wallet back on any computer. Anyone who sees "
                "them can take your money, so make sure nobody is watching. Type your "
                "passphrase to see them."
            ),
            page,
        )
        intro.setWordWrap(True)
        self.passphrase = QLineEdit(page)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(self.tr("Your passphrase"))
        self.show_button = QPushButton(self.tr("&Show the words"), page)
        self.show_button.setAccessibleName(self.tr("Show the words"))
        self.show_button.clicked.connect(self.reveal)
        self.passphrase.returnPressed.connect(self.reveal)
        form = QFormLayout()
        label = QLabel(self.tr("Your &passphrase:"), page)
        label.setBuddy(self.passphrase)
        form.addRow(label, self.passphrase)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.show_button)
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(intro)
        column.addLayout(form)
        column.addLayout(row)
        column.addStretch(1)
        return page

    def reveal(self) -> None:
        passphrase = self.passphrase.text()
        if not passphrase or not self.show_button.isEnabled():
            return
        self.show_button.setEnabled(False)
        self.bar.clear()
        vault = self._vault

        def read(_progress: ProgressCallback, _cancel: CancelToken) -> list[str]:
            from hearth.wallet import accounts  # (loads eth-account: only when used)

            return accounts.reveal_words(vault, passphrase)

        def failed(error: BaseException) -> None:
            self.show_button.setEnabled(True)
            if isinstance(error, WrongPassphrase):
                self.bar.show_error(self.tr("That is not your passphrase. Try again."))
                self.passphrase.selectAll()
                self.passphrase.setFocus()
                return
            report_error(error, self.bar)

        run_task(read, on_done=self._show_words, on_error=failed, context=self)

    # ----------------------------------------------------------------- step 2: the words

    def _words_step(self) -> QWidget:
        page = QWidget(self)
        intro = QLabel(
            self.tr(
                "Write these words on paper, in this order, and keep the paper somewhere "
                "safe. Do not photograph them or type them into anything else."
            ),
            page,
        )
        intro.setWordWrap(True)
        self.words_card = QFrame(page)
        self.words_card.setObjectName("KeyCard")
        self.words_grid = QGridLayout(self.words_card)
        self.words_grid.setContentsMargins(18, 12, 18, 12)
        self.words_grid.setHorizontalSpacing(24)
        self.written_button = QPushButton(self.tr("I &wrote them down"), page)
        self.written_button.setAccessibleName(self.tr("I wrote them down"))
        self.written_button.clicked.connect(self._start_quiz)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.written_button)
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(intro)
        column.addWidget(self.words_card)
        column.addLayout(row)
        column.addStretch(1)
        return page

    def _show_words(self, words: list[str]) -> None:
        self.passphrase.clear()
        self._words = words
        self._clear_grid()
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(font.pointSizeF() * 1.25)
        rows = (len(words) + 2) // 3  # three columns, read down each column
        for index, word in enumerate(words):
            label = QLabel(f"{index + 1:>2}. {word}", self.words_card)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setFont(font)
            label.setObjectName("BackupWord")
            self.words_grid.addWidget(label, index % rows, index // rows)
        self.words_card.setAccessibleName(self.tr("Your backup words, numbered"))
        self._show_step(1)

    def shown_words(self) -> list[str]:
        """The words as the labels show them, in order (for tests and screen readers)."""
        labels = self.words_card.findChildren(QLabel, "BackupWord")
        ordered = sorted(labels, key=lambda label: int(label.text().split(".")[0]))
        return [label.text().split(". ", 1)[1] for label in ordered]

    # ----------------------------------------------------------------- step 3: the quiz

    def _quiz_step(self) -> QWidget:
        page = QWidget(self)
        intro = QLabel(
            self.tr("To be sure the paper is right, type these three words from it."), page
        )
        intro.setWordWrap(True)
        self.quiz_form = QFormLayout()
        self.answers: list[QLineEdit] = []
        self.quiz_labels: list[QLabel] = []
        for _ in range(3):
            answer = QLineEdit(page)
            answer.returnPressed.connect(self.check_quiz)
            label = QLabel(page)
            label.setBuddy(answer)
            self.quiz_form.addRow(label, answer)
            self.answers.append(answer)
            self.quiz_labels.append(label)
        self.back_button = QPushButton(self.tr("&Back to the words"), page)
        self.back_button.setAccessibleName(self.tr("Back to the words"))
        self.back_button.setAutoDefault(False)
        self.back_button.clicked.connect(lambda: self._show_step(1))
        self.check_button = QPushButton(self.tr("C&heck"), page)
        self.check_button.setAccessibleName(self.tr("Check"))
        self.check_button.clicked.connect(self.check_quiz)
        row = QHBoxLayout()
        row.addWidget(self.back_button)
        row.addStretch(1)
        row.addWidget(self.check_button)
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(intro)
        column.addLayout(self.quiz_form)
        column.addLayout(row)
        column.addStretch(1)
        return page

    def _start_quiz(self) -> None:
        self.quiz_positions = quiz_positions(len(self._words))
        for position, label, answer in zip(
            self.quiz_positions, self.quiz_labels, self.answers, strict=True
        ):
            label.setText(fill(self.tr("Word %1:"), position))
            answer.setAccessibleName(fill(self.tr("Word number %1"), position))
            answer.clear()
        self._show_step(2)

    def check_quiz(self) -> None:
        given = {p: a.text() for p, a in zip(self.quiz_positions, self.answers, strict=True)}
        if not quiz_passed(" ".join(self._words), given):
            self.bar.show_error(
                self.tr(
                    "At least one word is not the one on your paper. Check the paper against "
                    "the words, then try again."
                )
            )
            return
        self.check_button.setEnabled(False)
        vault = self._vault

        def confirm(_progress: ProgressCallback, _cancel: CancelToken) -> None:
            from hearth.wallet import accounts

            accounts.mark_words_confirmed(vault)

        def done(_result: None) -> None:
            self.confirmed.emit()
            self.accept()

        def failed(error: BaseException) -> None:
            self.check_button.setEnabled(True)
            report_error(error, self.bar)

        run_task(confirm, on_done=done, on_error=failed, context=self)

    # ----------------------------------------------------------------- closing

    def done(self, result: int) -> None:
        self._forget()
        super().done(result)

    def _forget(self) -> None:
        """Take the words off the screen and out of this dialog."""
        self._words = []
        self._clear_grid()
        for answer in self.answers:
            answer.clear()
        self.passphrase.clear()

    def _clear_grid(self) -> None:
        while self.words_grid.count():
            item = self.words_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.setParent(None)  # now Python's alone: freed when dropped here

    def _show_step(self, index: int) -> None:
        self.steps.setCurrentIndex(index)
        self.bar.clear()
        default = (self.show_button, self.written_button, self.check_button)[index]
        default.setDefault(True)
        first = (self.passphrase, self.written_button, self.answers[0])[index]
        first.setFocus()

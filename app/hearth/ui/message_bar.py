"""The inline notice at the top of a page: errors where they happened, confirmations."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget


class MessageKind(StrEnum):
    ERROR = "error"
    INFO = "info"
    SUCCESS = "success"


class MessageBar(QFrame):
    """One sentence, coloured by kind (see hearth.qss), hidden until there is something to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MessageBar")
        self._kind = MessageKind.INFO
        self._label = QLabel(self)
        self._label.setWordWrap(True)
        # Messages come from the core and may hold names: never read them as markup.
        self._label.setTextFormat(Qt.TextFormat.PlainText)
        self._label.setObjectName("MessageText")
        self._close = QToolButton(self)
        self._close.setText("×")
        self._close.setAutoRaise(True)
        self._close.setAccessibleName(self.tr("Dismiss message"))
        self._close.setToolTip(self.tr("Dismiss message"))
        self._close.clicked.connect(self.clear)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 4, 6)
        layout.addWidget(self._label, 1)
        layout.addWidget(self._close)
        self.hide()

    def show_error(self, text: str) -> None:
        self._show(MessageKind.ERROR, text)

    def show_info(self, text: str) -> None:
        self._show(MessageKind.INFO, text)

    def show_success(self, text: str) -> None:
        self._show(MessageKind.SUCCESS, text)

    def text(self) -> str:
        return "" if self.isHidden() else self._label.text()

    @property
    def kind(self) -> MessageKind:
        return self._kind

    def clear(self) -> None:
        self._label.clear()
        self.hide()

    def _show(self, kind: MessageKind, text: str) -> None:
        self._kind = kind
        self.setProperty("kind", kind.value)
        # A dynamic property only restyles after the style re-reads the widget.
        self.style().unpolish(self)
        self.style().polish(self)
        self._label.setText(text)
        self.setAccessibleName(text)
        self.show()

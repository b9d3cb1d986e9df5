"""What every page has: a title, a message bar for what happened there, and a body."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from hearth.ui.message_bar import MessageBar


class Page(QWidget):
    """A sidebar page. `refresh` re-reads the vault each time the page is shown."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(title, self)
        self.title.setObjectName("PageTitle")
        self.bar = MessageBar(self)
        self.body = QVBoxLayout()
        self.body.setSpacing(10)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 22, 28, 22)
        layout.setSpacing(12)
        layout.addWidget(self.title)
        layout.addWidget(self.bar)
        layout.addLayout(self.body, 1)

    def refresh(self) -> None:
        """Bring the page up to date with the vault (default: nothing to read)."""

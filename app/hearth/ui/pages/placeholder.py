"""The page a later version fills in: says in one sentence what it will hold."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from hearth.ui.pages.page import Page


class ComingSoonPage(Page):
    """One class for every page not built yet; ``promise`` says what it will be for."""

    def __init__(self, title: str, promise: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        sentence = QLabel(promise, self)
        sentence.setWordWrap(True)
        sentence.setObjectName("Lead")
        later = QLabel(self.tr("This part of Hearth arrives in a later version."), self)
        later.setObjectName("Hint")
        later.setWordWrap(True)
        self.body.addWidget(sentence)
        self.body.addWidget(later)
        self.body.addStretch(1)
        sentence.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)

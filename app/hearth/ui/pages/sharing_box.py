"""What every part of the sharing form has: a titled box that shows its part of a policy,
puts the person's choices back into a policy, and says when something changed."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGroupBox, QLabel, QWidget

from hearth.consent.policy import ConsentPolicy


class FormBox(QGroupBox):
    """One part of the form. `apply` raises UsageError (one plain sentence) on bad input."""

    changed = Signal()

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self._filling = False

    def show_policy(self, policy: ConsentPolicy) -> None:
        """Set the controls from ``policy`` without announcing each change."""
        self._filling = True
        try:
            self.fill(policy)
        finally:
            self._filling = False

    def fill(self, policy: ConsentPolicy) -> None:
        raise NotImplementedError

    def apply(self, policy: ConsentPolicy) -> ConsentPolicy:
        raise NotImplementedError

    def announce(self, *_args: object) -> None:
        """Connect every control's change signal here."""
        if not self._filling:
            self.changed.emit()


def hint(text: str, parent: QWidget) -> QLabel:
    """A grey, wrapped explanation under a control."""
    label = QLabel(text, parent)
    label.setObjectName("Hint")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label

"""A new passphrase typed twice, with a strength meter and a plain hint of what is missing."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from hearth.ui.i18n import fill
from hearth.ui.strength import rate_passphrase

# The core refuses shorter ones (Vault._check_new_passphrase); say so before it has to.
MIN_LENGTH = 8


class PassphraseFields(QObject):
    """The widgets for a new passphrase; `add_to` puts them as rows in the caller's form."""

    changed = Signal()

    def __init__(
        self,
        parent: QWidget,
        *,
        known_words: Callable[[], Sequence[str]] | None = None,
    ) -> None:
        super().__init__(parent)
        self._known_words = known_words or (lambda: ())
        self.first = QLineEdit(parent)
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.first.setAccessibleName(self.tr("New passphrase"))
        self.first.setPlaceholderText(self.tr("e.g. three or four unrelated words"))
        self.second = QLineEdit(parent)
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        self.second.setAccessibleName(self.tr("New passphrase again"))
        self.meter = QProgressBar(parent)
        self.meter.setObjectName("StrengthMeter")
        # One step per zxcvbn score plus one, so even "very weak" shows a red sliver.
        self.meter.setRange(0, 5)
        self.meter.setTextVisible(False)
        self.meter.setFixedHeight(8)
        self.meter.setAccessibleName(self.tr("Passphrase strength"))
        self.words = QLabel(parent)
        self.words.setObjectName("StrengthWords")
        self.hint = QLabel(parent)
        self.hint.setObjectName("Hint")
        self.hint.setWordWrap(True)
        self.show_box = QCheckBox(self.tr("S&how passphrases"), parent)
        self.show_box.setAccessibleName(self.tr("Show passphrases"))
        self.show_box.toggled.connect(self._show_text)
        self.first.textChanged.connect(self._update)
        self.second.textChanged.connect(self._update)
        self._update()

    def add_to(self, form: QFormLayout) -> None:
        strength = QWidget(self.first.parentWidget())
        column = QVBoxLayout(strength)
        column.setContentsMargins(0, 4, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.meter)
        column.addWidget(self.words)
        form.addRow(self.tr("&Passphrase:"), self.first)
        form.addRow(self.tr("&Repeat it:"), self.second)
        form.addRow(self.tr("Strength:"), strength)
        form.addRow("", self.hint)
        form.addRow("", self.show_box)

    def passphrase(self) -> str | None:
        """The new passphrase, or None while it is too short or the two differ."""
        return self.first.text() if not self.problem() else None

    def problem(self) -> str:
        first, second = self.first.text(), self.second.text()
        if len(first) < MIN_LENGTH:
            return fill(self.tr("Use at least %1 characters; a few words are best."), MIN_LENGTH)
        if first != second:
            if not second:
                return self.tr("Type the passphrase again to be sure it is the one you meant.")
            return self.tr("The two passphrases are not the same yet.")
        return ""

    def clear(self) -> None:
        self.first.clear()
        self.second.clear()
        self.show_box.setChecked(False)

    def refresh(self) -> None:
        """Re-rate against the current known words (e.g. after the name changed)."""
        self._update()

    def _show_text(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.first.setEchoMode(mode)
        self.second.setEchoMode(mode)

    def _update(self) -> None:
        strength = rate_passphrase(self.first.text(), self._known_words())
        self.meter.setValue(strength.score + 1)
        self.meter.setProperty("score", max(-1, strength.score))
        self.meter.style().unpolish(self.meter)
        self.meter.style().polish(self.meter)
        self.words.setText(strength.words)
        self.meter.setAccessibleDescription(strength.words)
        self.hint.setText(self.problem() if self.first.text() else "")
        self.changed.emit()

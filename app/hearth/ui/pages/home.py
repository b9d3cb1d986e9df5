"""Home: who is here, what the vault holds, and the one thing to do next."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hearth.ui.i18n import fill
from hearth.ui.pages.page import Page
from hearth.ui.wording import role_name
from hearth.vault import Role, Vault


class HomePage(Page):
    """Greets the member and points a new person at their next step."""

    navigate = Signal(str)  # a page key from hearth.ui.workspace

    def __init__(self, vault: Vault, auto_lock_minutes: int, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self._vault = vault
        self._auto_lock_minutes = auto_lock_minutes
        self._datasets = _Tile(self.tr("Datasets"), self)
        self._members = _Tile(self.tr("Members"), self)
        tiles = QHBoxLayout()
        tiles.setSpacing(12)
        tiles.addWidget(self._datasets)
        tiles.addWidget(self._members)
        tiles.addStretch(1)
        self._next_heading = QLabel(self.tr("What to do next"), self)
        self._next_heading.setObjectName("SectionTitle")
        self._steps = QVBoxLayout()
        self._steps.setSpacing(10)
        self._about = QLabel(self)
        self._about.setObjectName("Hint")
        self._about.setWordWrap(True)
        self._about.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body.addLayout(tiles)
        self.body.addSpacing(8)
        self.body.addWidget(self._next_heading)
        self.body.addLayout(self._steps)
        self.body.addStretch(1)
        self.body.addWidget(self._about)
        self.refresh()

    def refresh(self) -> None:
        member = self._vault.member
        name = member.name if member else self.tr("there")
        self.title.setText(fill(self.tr("Welcome, %1"), name))
        datasets = self._vault.datasets()
        members = self._vault.members()
        self._datasets.set_number(len(datasets))
        self._members.set_number(len(members))
        _clear_layout(self._steps)
        if not datasets:
            self._add_step(
                self.tr("Import your first export"),
                self.tr(
                    "Ask your phone, watch or apps for a copy of your data (Apple Health, "
                    "Google Takeout, Fitbit, Garmin…), then bring that file into Hearth. "
                    "It stays encrypted on this computer."
                ),
                self.tr("Go to &Import"),
                "import",
            )
        else:
            self._add_step(
                self.tr("Decide who may use your data"),
                self.tr(
                    "Nothing leaves the vault until you say so. Choose, dataset by dataset, "
                    "who may use it, for what, and at what price."
                ),
                self.tr("Go to &Sharing && prices"),
                "sharing",
            )
        if member is not None and member.role is Role.OWNER and len(members) == 1:
            self._add_step(
                self.tr("Add the people you live with"),
                self.tr(
                    "Each member of the family gets their own passphrase and decides about "
                    "their own data."
                ),
                self.tr("Go to &Family"),
                "family",
            )
        role = (
            fill(self.tr("You are signed in as %1 (%2)."), name, role_name(member.role))
            if member
            else ""
        )
        self._about.setText(
            " ".join(
                part
                for part in (
                    role,
                    fill(self.tr("The vault is kept in %1."), self._vault.path),
                    fill(
                        self.tr("It locks itself after %1 minutes without use."),
                        self._auto_lock_minutes,
                    ),
                )
                if part
            )
        )

    def _add_step(self, heading: str, text: str, button_text: str, page: str) -> None:
        card = QFrame(self)
        card.setObjectName("Card")
        title = QLabel(heading, card)
        title.setObjectName("CardTitle")
        sentence = QLabel(text, card)
        sentence.setWordWrap(True)
        button = QPushButton(button_text, card)
        button.setAccessibleName(heading)
        button.clicked.connect(lambda: self.navigate.emit(page))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(button)
        layout = QVBoxLayout(card)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(title)
        layout.addWidget(sentence)
        layout.addLayout(row)
        self._steps.addWidget(card)


class _Tile(QFrame):
    """A big number with a word under it."""

    def __init__(self, label: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("Tile")
        self._number = QLabel("0", self)
        self._number.setObjectName("TileNumber")
        caption = QLabel(label, self)
        caption.setObjectName("TileLabel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 10, 18, 10)
        layout.addWidget(self._number)
        layout.addWidget(caption)
        self.setMinimumWidth(140)
        self.setAccessibleName(label)

    def set_number(self, number: int) -> None:
        self._number.setText(str(number))
        self.setAccessibleDescription(str(number))


def _clear_layout(layout: QVBoxLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.hide()  # now: deleteLater only acts once back in the event loop
            widget.deleteLater()

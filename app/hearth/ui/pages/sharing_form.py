"""The policy editor: every part of one dataset's terms, read back as a draft `ConsentPolicy`.

The draft starts from the policy on screen, so what the form does not edit (a date range set
from the command line, say) is kept as it was rather than silently dropped.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from hearth.consent.policy import ConsentPolicy
from hearth.consent.summary import DataDescription
from hearth.ui.message_bar import MessageBar
from hearth.ui.pages.sharing_box import FormBox
from hearth.ui.pages.sharing_price import PriceBox
from hearth.ui.pages.sharing_privacy import PrivacyBox
from hearth.ui.pages.sharing_terms import BuyersBox, DutiesBox, LengthBox, PurposesBox
from hearth.vault import Member, Vault
from hearth.vault.browse import TypeSummary


class PolicyForm(QWidget):
    """Purposes, buyers, length, price, promises and privacy; `changed` on every edit."""

    changed = Signal()

    def __init__(self, vault: Vault, bar: MessageBar, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.purposes = PurposesBox(self)
        self.buyers = BuyersBox(self)
        self.length = LengthBox(self)
        self.price = PriceBox(vault, self)
        self.duties = DutiesBox(self)
        self.privacy = PrivacyBox(vault, bar, self)
        self._base = ConsentPolicy(dataset_id=0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        for box in self.boxes():
            layout.addWidget(box)
            box.changed.connect(self.changed)

    def boxes(self) -> list[FormBox]:
        return [self.purposes, self.price, self.length, self.buyers, self.privacy, self.duties]

    def set_dataset(self, data: DataDescription, types: list[TypeSummary], owner: Member) -> None:
        self.privacy.set_dataset(data, types, owner)

    def show_policy(self, policy: ConsentPolicy) -> None:
        """Fill every part from ``policy`` (a stored version, or a new one with defaults)."""
        self._base = policy
        for box in self.boxes():
            box.show_policy(policy)
        self.changed.emit()

    def shown_policy(self) -> ConsentPolicy:
        return self._base

    def draft(self) -> ConsentPolicy:
        """The policy as the form now says; UsageError with one sentence if something's wrong."""
        policy = self._base
        for box in self.boxes():
            policy = box.apply(policy)
        return policy

    def local_estimate(self) -> str:
        return self.price.local_estimate()

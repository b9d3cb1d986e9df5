"""The terms part of the sharing form: purposes, who may buy, for how long, buyers' promises."""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hearth.consent.policy import Buyers, ConsentPolicy, Duty, Purpose
from hearth.errors import UsageError
from hearth.ui.pages.sharing_box import FormBox, hint
from hearth.ui.pages.sharing_words import purpose_explanation, purpose_who

CUSTOM = 0  # the length list's "custom number of days"


class PurposesBox(FormBox):
    """One switch per purpose, each with a line saying what it lets in; all off at first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Who may use it, for what"), parent)
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint(self.tr("Nothing is allowed until you switch it on."), self),
        )
        self.switches: dict[Purpose, QCheckBox] = {}
        for purpose in Purpose:
            switch = QCheckBox(purpose_who(purpose), self)
            switch.setAccessibleDescription(purpose_explanation(purpose))
            switch.toggled.connect(self.announce)
            explanation = hint(purpose_explanation(purpose), self)
            explanation.setIndent(24)  # under the switch's text, not its box
            layout.addWidget(switch)
            layout.addWidget(explanation)
            self.switches[purpose] = switch

    def fill(self, policy: ConsentPolicy) -> None:
        for purpose, switch in self.switches.items():
            switch.setChecked(purpose in policy.purposes)

    def apply(self, policy: ConsentPolicy) -> ConsentPolicy:
        chosen = frozenset(p for p, s in self.switches.items() if s.isChecked())
        return policy.with_changes(purposes=chosen)


def addresses_in(text: str) -> tuple[str, ...]:
    """The addresses in a box, however they were separated (lines, commas, spaces)."""
    return tuple(part for part in re.split(r"[\s,;]+", text) if part)


class BuyersBox(FormBox):
    """Anyone, or only listed addresses; and addresses that may never buy."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Who may buy"), parent)
        self.anyone = QRadioButton(self.tr("Anyone"), self)
        self.only = QRadioButton(self.tr("Only these wallet addresses"), self)
        group = QButtonGroup(self)
        group.addButton(self.anyone)
        group.addButton(self.only)
        self.allow = self._address_box(self.tr("Addresses that may buy"))
        self.deny = self._address_box(self.tr("Addresses that may never buy"))
        never = QLabel(self.tr("Never these addresses, whatever else you chose:"), self)
        never.setBuddy(self.deny)
        layout = QVBoxLayout(self)
        layout.addWidget(self.anyone)
        layout.addWidget(self.only)
        layout.addWidget(self.allow)
        layout.addWidget(never)
        layout.addWidget(self.deny)
        layout.addWidget(
            hint(
                self.tr("One address a line, such as 0x1f9840a85d5af5bf1d1762f925bdaddc4201f984."),
                self,
            )
        )
        self.anyone.setChecked(True)
        self.allow.setEnabled(False)
        self.only.toggled.connect(self.allow.setEnabled)
        self.only.toggled.connect(self.announce)

    def _address_box(self, name: str) -> QPlainTextEdit:
        box = QPlainTextEdit(self)
        box.setAccessibleName(name)
        box.setTabChangesFocus(True)  # Tab moves on; addresses never contain tabs
        box.setFixedHeight(box.fontMetrics().lineSpacing() * 3 + 14)
        box.setPlaceholderText("0x…")
        box.textChanged.connect(self.announce)
        return box

    def fill(self, policy: ConsentPolicy) -> None:
        buyers = policy.buyers
        self.only.setChecked(bool(buyers.allow))
        self.anyone.setChecked(not buyers.allow)
        self.allow.setPlainText("\n".join(buyers.allow))
        self.deny.setPlainText("\n".join(buyers.deny))

    def apply(self, policy: ConsentPolicy) -> ConsentPolicy:
        allow = addresses_in(self.allow.toPlainText()) if self.only.isChecked() else ()
        if self.only.isChecked() and not allow:
            raise UsageError(self.tr("Write at least one address that may buy, or choose Anyone."))
        return policy.with_changes(
            buyers=Buyers(allow=allow, deny=addresses_in(self.deny.toPlainText()))
        )


class LengthBox(FormBox):
    """How long a buyer may use the data, and until when the offer stands."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("For how long"), parent)
        self.length = QComboBox(self)
        self.length.setAccessibleName(self.tr("Licence length"))
        for text, days in (
            (self.tr("1 month"), 30),
            (self.tr("6 months"), 180),
            (self.tr("1 year"), 365),
            (self.tr("2 years"), 730),
            (self.tr("Another number of days"), CUSTOM),
        ):
            self.length.addItem(text, days)
        self.days = QSpinBox(self)
        self.days.setAccessibleName(self.tr("Licence length in days"))
        self.days.setRange(1, 36_500)
        self.days.setSuffix(self.tr(" days"))
        self.days.setValue(90)
        self.ends = QCheckBox(self.tr("The offer ends on"), self)
        self.end_date = QDateEdit(self)
        self.end_date.setAccessibleName(self.tr("Last day of the offer"))
        self.end_date.setCalendarPopup(True)
        self.end_date.setDisplayFormat("yyyy-MM-dd")
        self.end_date.setDate(QDate.currentDate().addMonths(6))
        self.end_date.setEnabled(False)
        length_label = QLabel(self.tr("Each buyer may use it for"), self)
        length_label.setBuddy(self.length)
        grid = QGridLayout(self)
        grid.addWidget(length_label, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.length)
        row.addWidget(self.days)
        row.addStretch(1)
        grid.addLayout(row, 0, 1)
        grid.addWidget(self.ends, 1, 0)
        ends_row = QHBoxLayout()
        ends_row.addWidget(self.end_date)
        ends_row.addStretch(1)
        grid.addLayout(ends_row, 1, 1)
        grid.addWidget(
            hint(
                self.tr(
                    "After that day nobody new can buy; buyers who already bought keep "
                    "their licence until it runs out."
                ),
                self,
            ),
            2,
            0,
            1,
            2,
        )
        grid.setColumnStretch(1, 1)
        self.length.setCurrentIndex(self.length.findData(365))
        self.days.setVisible(False)
        self.length.currentIndexChanged.connect(self._length_chosen)
        self.days.valueChanged.connect(self.announce)
        self.ends.toggled.connect(self.end_date.setEnabled)
        self.ends.toggled.connect(self.announce)
        self.end_date.dateChanged.connect(self.announce)

    def _length_chosen(self) -> None:
        self.days.setVisible(self.length.currentData() == CUSTOM)
        self.announce()

    def fill(self, policy: ConsentPolicy) -> None:
        preset = self.length.findData(policy.licence_days)
        self.length.setCurrentIndex(preset if preset >= 0 else self.length.findData(CUSTOM))
        self.days.setValue(policy.licence_days)
        self.days.setVisible(preset < 0)
        expires = policy.offer_expires
        self.ends.setChecked(expires is not None)
        if expires is not None:
            self.end_date.setDate(QDate(expires.year, expires.month, expires.day))

    def apply(self, policy: ConsentPolicy) -> ConsentPolicy:
        chosen = int(self.length.currentData())
        days = self.days.value() if chosen == CUSTOM else chosen
        expires: date | None = None
        if self.ends.isChecked():
            picked = self.end_date.date()
            expires = date(picked.year(), picked.month(), picked.day())
        return policy.with_changes(licence_days=days, offer_expires=expires)


class DutiesBox(FormBox):
    """What every buyer promises; all three are on until the person says otherwise."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("What buyers promise"), parent)
        self.switches = {
            Duty.NO_RESALE: QCheckBox(self.tr("Not to resell or pass on the data"), self),
            Duty.NO_REIDENTIFICATION: QCheckBox(
                self.tr("Not to try to find out who you are"), self
            ),
            Duty.DELETE_ON_REQUEST: QCheckBox(self.tr("To delete the data when you ask"), self),
        }
        layout = QVBoxLayout(self)
        for switch in self.switches.values():
            switch.toggled.connect(self.announce)
            layout.addWidget(switch)

    def fill(self, policy: ConsentPolicy) -> None:
        for duty, switch in self.switches.items():
            switch.setChecked(duty in policy.duties)

    def apply(self, policy: ConsentPolicy) -> ConsentPolicy:
        return policy.with_changes(
            duties=frozenset(d for d, s in self.switches.items() if s.isChecked())
        )

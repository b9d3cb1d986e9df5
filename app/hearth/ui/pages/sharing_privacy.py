"""The privacy part of the sharing form: what is removed or coarsened before anything leaves
the vault, each choice with a sentence saying what it takes away (no map needed).

Location choices show only for data with positions, web choices only for web visits: a choice
that cannot change anything would only make the page longer.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Generic, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hearth.consent.policy import (
    ConsentPolicy,
    Identifiers,
    LocationGrid,
    PrivacyChoices,
    TimeRounding,
    Urls,
)
from hearth.consent.summary import DataDescription
from hearth.ui.i18n import fill
from hearth.ui.message_bar import MessageBar
from hearth.ui.pages.sharing_box import FormBox, hint
from hearth.ui.pages.sharing_places import PlacesEditor
from hearth.ui.pages.sharing_words import identifier_choices, location_choices, time_choices
from hearth.vault import Member, Vault
from hearth.vault.browse import TypeSummary
from hearth.vault.type_names import type_label

E = TypeVar("E", bound=StrEnum)

DEFAULT_RADIUS_M = 500
DEFAULT_MIN_COUNT = 10


class Choice(QWidget, Generic[E]):
    """A list of options with, under it, what the chosen one removes."""

    def __init__(
        self, name: str, options: list[tuple[E, str, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._options = options
        self.combo = QComboBox(self)
        self.combo.setAccessibleName(name)
        for value, label, _ in options:
            self.combo.addItem(label, value.value)
        self.explanation = hint("", self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.combo)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.explanation)
        self.combo.currentIndexChanged.connect(self._explain)
        self._explain()

    def value(self) -> E:
        return self._options[max(0, self.combo.currentIndex())][0]

    def set_value(self, value: E) -> None:
        self.combo.setCurrentIndex(self.combo.findData(value.value))

    def _explain(self) -> None:
        text = self._options[max(0, self.combo.currentIndex())][2]
        self.explanation.setText(text)
        self.combo.setAccessibleDescription(text)


class PrivacyBox(FormBox):
    def __init__(self, vault: Vault, bar: MessageBar, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Privacy: what is taken out first"), parent)
        self.identifiers: Choice[Identifiers] = Choice(
            self.tr("Device and app names"), identifier_choices(), self
        )
        self.time: Choice[TimeRounding] = Choice(self.tr("Times"), time_choices(), self)
        self.location: Choice[LocationGrid] = Choice(self.tr("Positions"), location_choices(), self)
        self.near_places = QCheckBox(self.tr("Leave out what happened near your places"), self)
        self.radius = QSpinBox(self)
        self.radius.setAccessibleName(self.tr("Distance around your places"))
        self.radius.setRange(50, 100_000)
        self.radius.setSingleStep(50)
        self.radius.setSuffix(self.tr(" m"))
        self.radius.setValue(DEFAULT_RADIUS_M)
        self.radius.setEnabled(False)
        self.places = PlacesEditor(vault, bar, self)
        self.types = QListWidget(self)
        self.types.setAccessibleName(self.tr("Record types to leave out"))

        self.daily = QCheckBox(self.tr("Send daily totals instead of single records"), self)
        self.min_count = QSpinBox(self)
        self.min_count.setAccessibleName(self.tr("Fewest records in a daily total"))
        self.min_count.setRange(1, 1_000_000)
        self.min_count.setValue(DEFAULT_MIN_COUNT)
        self.min_count.setEnabled(False)
        self.domains = QCheckBox(self.tr("Cut web addresses to the site"), self)
        self.no_titles = QCheckBox(self.tr("Leave out page titles"), self)

        # A grid, not a QFormLayout: the form layout gave wrapped explanations a line too
        # few once the scroll bar appeared (height-for-width), cutting off their last line.
        self._grid = QGridLayout(self)
        self._grid.setColumnStretch(1, 1)
        self._add_row(
            self._label(self.tr("Device and app names:"), self.identifiers.combo), self.identifiers
        )
        self._add_row(self._label(self.tr("Times:"), self.time.combo), self.time)
        self.location_label = self._label(self.tr("Positions:"), self.location.combo)
        self._add_row(self.location_label, self.location)
        self.places_box = QWidget(self)
        places_layout = QVBoxLayout(self.places_box)
        places_layout.setContentsMargins(0, 0, 0, 0)
        near_row = QHBoxLayout()
        near_row.addWidget(self.near_places)
        near_row.addWidget(self.radius)
        near_row.addStretch(1)
        places_layout.addLayout(near_row)
        places_layout.addWidget(
            hint(
                self.tr(
                    "Every record closer than this to one of your places is left out, so "
                    "nobody can see where you live or work."
                ),
                self.places_box,
            )
        )
        places_layout.addWidget(self.places)
        self._add_row(None, self.places_box)
        self._add_row(self._label(self.tr("Record types to leave out:"), self.types), self.types)
        daily_box = QWidget(self)
        daily_layout = QVBoxLayout(daily_box)
        daily_layout.setContentsMargins(0, 0, 0, 0)
        daily_row = QHBoxLayout()
        daily_row.addWidget(self.daily)
        at_least = QLabel(self.tr("with at least"), daily_box)
        at_least.setBuddy(self.min_count)
        daily_row.addWidget(at_least)
        daily_row.addWidget(self.min_count)
        daily_row.addWidget(QLabel(self.tr("records each"), daily_box))
        daily_row.addStretch(1)
        daily_layout.addLayout(daily_row)
        daily_layout.addWidget(
            hint(
                self.tr(
                    "Buyers get one count and total per type and day, never single moments; "
                    "days with fewer records are left out, so a rare event cannot single you "
                    "out."
                ),
                daily_box,
            )
        )
        self._add_row(None, daily_box)
        self.web_box = QWidget(self)
        web_layout = QVBoxLayout(self.web_box)
        web_layout.setContentsMargins(0, 0, 0, 0)
        web_layout.addWidget(self.domains)
        web_layout.addWidget(
            hint(
                self.tr(
                    "https://example.org/account/orders?id=123 becomes example.org: the site, "
                    "not the page you read or what you searched for."
                ),
                self.web_box,
            )
        )
        web_layout.addWidget(self.no_titles)
        web_layout.addWidget(
            hint(self.tr("Titles often name what you read, bought or looked up."), self.web_box)
        )
        self._add_row(None, self.web_box)

        self.identifiers.combo.currentIndexChanged.connect(self.announce)
        self.time.combo.currentIndexChanged.connect(self.announce)
        self.location.combo.currentIndexChanged.connect(self.announce)
        self.near_places.toggled.connect(self.radius.setEnabled)
        self.near_places.toggled.connect(self.announce)
        self.radius.valueChanged.connect(self.announce)
        self.types.itemChanged.connect(self.announce)
        self.daily.toggled.connect(self.min_count.setEnabled)
        self.daily.toggled.connect(self._daily_toggled)
        self.min_count.valueChanged.connect(self.announce)
        self.domains.toggled.connect(self.announce)
        self.no_titles.toggled.connect(self.announce)
        self.places.places_changed.connect(self.announce)
        self._excluded_elsewhere: tuple[str, ...] = ()

    def _add_row(self, label: QLabel | None, field: QWidget) -> None:
        row = self._grid.rowCount()
        if label is None:
            self._grid.addWidget(field, row, 0, 1, 2)
        else:
            self._grid.addWidget(label, row, 0)
            self._grid.addWidget(field, row, 1)

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(buddy)
        label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return label

    def _daily_toggled(self, on: bool) -> None:
        # Daily totals carry no times, so rounding them means nothing.
        self.time.setEnabled(not on)
        self.announce()

    def set_dataset(self, data: DataDescription, types: list[TypeSummary], owner: Member) -> None:
        """Show only the choices that can change something in this dataset."""
        self.location_label.setVisible(data.has_locations)
        self.location.setVisible(data.has_locations)
        self.places_box.setVisible(data.has_locations)
        self.web_box.setVisible(data.has_web_pages)
        if data.has_locations:
            self.places.show_places_of(owner)
        self._filling = True
        self.types.clear()
        for summary in types:
            item = QListWidgetItem(
                fill(self.tr("%1 (%Ln records)", "", summary.count), type_label(summary.name)),
                self.types,
            )
            item.setData(Qt.ItemDataRole.UserRole, summary.name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        # Tall enough for every type up to six, so a short list has no empty box under it.
        count = self.types.count()
        row = self.types.sizeHintForRow(0) if count else self.types.fontMetrics().height() + 4
        self.types.setFixedHeight(row * max(1, min(count, 6)) + 2 * self.types.frameWidth() + 4)
        self._filling = False

    def fill(self, policy: ConsentPolicy) -> None:
        privacy = policy.privacy
        self.identifiers.set_value(privacy.identifiers)
        self.time.set_value(privacy.time)
        self.location.set_value(privacy.location)
        self.near_places.setChecked(privacy.places_radius_m > 0)
        self.radius.setValue(privacy.places_radius_m or DEFAULT_RADIUS_M)
        shown = set()
        for row in range(self.types.count()):
            item = self.types.item(row)
            name = str(item.data(Qt.ItemDataRole.UserRole))
            shown.add(name)
            excluded = name in privacy.exclude_types
            item.setCheckState(Qt.CheckState.Checked if excluded else Qt.CheckState.Unchecked)
        # Types left out that this dataset no longer has stay left out.
        self._excluded_elsewhere = tuple(t for t in privacy.exclude_types if t not in shown)
        self.daily.setChecked(privacy.daily_min_count > 0)
        self.min_count.setValue(privacy.daily_min_count or DEFAULT_MIN_COUNT)
        self.domains.setChecked(privacy.urls is Urls.DOMAIN)
        self.no_titles.setChecked(not privacy.titles)

    def apply(self, policy: ConsentPolicy) -> ConsentPolicy:
        excluded = [
            str(item.data(Qt.ItemDataRole.UserRole))
            for row in range(self.types.count())
            if (item := self.types.item(row)).checkState() == Qt.CheckState.Checked
        ]
        privacy = PrivacyChoices(
            identifiers=self.identifiers.value(),
            time=self.time.value(),
            location=self.location.value(),
            places_radius_m=self.radius.value() if self.near_places.isChecked() else 0,
            exclude_types=(*excluded, *self._excluded_elsewhere),
            exclude_dates=policy.privacy.exclude_dates,
            daily_min_count=self.min_count.value() if self.daily.isChecked() else 0,
            urls=Urls.DOMAIN if self.domains.isChecked() else Urls.FULL,
            titles=not self.no_titles.isChecked(),
        )
        return policy.with_changes(privacy=privacy)

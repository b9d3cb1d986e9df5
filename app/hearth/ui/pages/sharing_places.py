"""Your places (home, work): a name and a position, so packages can leave out what happened
near them. The positions stay in the vault; a policy only says how far around them."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hearth.consent.places import Place, forget_place, mark_place, places_of
from hearth.errors import UserFacingError
from hearth.ui.errors import report_error
from hearth.ui.i18n import fill
from hearth.ui.message_bar import MessageBar
from hearth.ui.pages.sharing_box import hint
from hearth.vault import Member, Vault


class PlacesEditor(QWidget):
    """The marked places of a dataset's owner; only the owner can change their own."""

    places_changed = Signal()

    def __init__(self, vault: Vault, bar: MessageBar, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vault = vault
        self._bar = bar
        self._owner: Member | None = None
        self._places: list[Place] = []
        self.table = QTableWidget(0, 3, self)
        self.table.setAccessibleName(self.tr("Your places"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Place"), self.tr("Latitude"), self.tr("Longitude")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.name = QLineEdit(self)
        self.name.setAccessibleName(self.tr("Name of the place"))
        self.name.setPlaceholderText(self.tr("Home"))
        self.name.setMaxLength(60)
        self.lat = self._coordinate(self.tr("Latitude of the place"), 90)
        self.lng = self._coordinate(self.tr("Longitude of the place"), 180)
        self.mark_button = QPushButton(self.tr("&Mark place"), self)
        self.mark_button.setAccessibleName(self.tr("Mark place"))
        self.mark_button.clicked.connect(self.mark)
        self.forget_button = QPushButton(self.tr("Forget the chosen place"), self)
        self.forget_button.clicked.connect(self.forget)
        self.note = hint("", self)
        new_row = QHBoxLayout()
        new_row.addWidget(self.name, 2)
        new_row.addWidget(self.lat, 1)
        new_row.addWidget(self.lng, 1)
        new_row.addWidget(self.mark_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 0, 0, 0)
        layout.addWidget(self.table)
        self.add_label = QLabel(
            self.tr("A new place (its latitude and longitude, as a map app shows them):"), self
        )
        self.add_label.setWordWrap(True)
        layout.addWidget(self.add_label)
        layout.addLayout(new_row)
        forget_row = QHBoxLayout()
        forget_row.addWidget(self.forget_button)
        forget_row.addStretch(1)
        layout.addLayout(forget_row)
        layout.addWidget(self.note)
        self.table.itemSelectionChanged.connect(self._update_buttons)

    def _coordinate(self, name: str, limit: int) -> QDoubleSpinBox:
        box = QDoubleSpinBox(self)
        box.setAccessibleName(name)
        box.setDecimals(5)
        box.setRange(-limit, limit)
        box.setSingleStep(0.001)
        return box

    def show_places_of(self, owner: Member) -> None:
        """List ``owner``'s places; editable only when the owner is the person signed in."""
        self._owner = owner
        me = self._vault.member
        mine = me is not None and me.id == owner.id
        self._places = places_of(self._vault, owner.id)
        self.table.setRowCount(len(self._places))
        locale = QLocale()
        for row, place in enumerate(self._places):
            cells = (
                place.label,
                locale.toString(place.lat, "f", 5),
                locale.toString(place.lng, "f", 5),
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        # Rows for every place up to four (and one empty row for none), no empty box below.
        shown = max(1, min(len(self._places), 4))
        row = self.table.verticalHeader().defaultSectionSize()
        header = self.table.horizontalHeader().sizeHint().height()
        self.table.setFixedHeight(header + row * shown + 2 * self.table.frameWidth())
        for widget in (self.add_label, self.name, self.lat, self.lng, self.mark_button):
            widget.setVisible(mine)
        self.forget_button.setVisible(mine)
        if mine and not self._places:
            self.note.setText(
                self.tr("You have marked no place yet: until you do, this rule removes nothing.")
            )
        elif mine:
            self.note.setText(
                self.tr("Only the rule leaves the vault, never where your places are.")
            )
        else:
            self.note.setText(
                fill(self.tr("%1 marks their own places when they sign in."), owner.name)
            )
        self._update_buttons()

    def places(self) -> list[Place]:
        return list(self._places)

    def mark(self) -> None:
        try:
            place = mark_place(self._vault, self.name.text(), self.lat.value(), self.lng.value())
        except UserFacingError as error:
            report_error(error, self._bar)
            return
        self._bar.show_success(fill(self.tr("%1 is marked."), place.label))
        self.name.clear()
        self._reload()

    def forget(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self._places):
            return
        label = self._places[rows[0].row()].label
        try:
            forget_place(self._vault, label)
        except UserFacingError as error:
            report_error(error, self._bar)
            return
        self._bar.show_success(fill(self.tr("%1 is forgotten."), label))
        self._reload()

    def _reload(self) -> None:
        if self._owner is not None:
            self.show_places_of(self._owner)
        self.places_changed.emit()

    def _update_buttons(self) -> None:
        self.forget_button.setEnabled(bool(self.table.selectionModel().selectedRows()))

"""Datasets: what the family imported, with owner, time span and size; open one to see it."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hearth.ui.i18n import fill
from hearth.ui.pages.dataset_view import DatasetView, RoomyDelegate
from hearth.ui.pages.page import Page
from hearth.ui.wording import date_span
from hearth.vault import Vault
from hearth.vault.datasets import Dataset

SOURCE, OWNER, SPAN, RECORDS = range(4)


class DatasetsModel(QAbstractTableModel):
    """One row per dataset. A dataset's title names its source ("Apple Health")."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._datasets: list[Dataset] = []
        self._me = ""

    def set_datasets(self, datasets: list[Dataset], me: str) -> None:
        self.beginResetModel()
        self._datasets = list(datasets)
        self._me = me
        self.endResetModel()

    def dataset(self, row: int) -> Dataset | None:
        return self._datasets[row] if 0 <= row < len(self._datasets) else None

    def row_of(self, dataset_id: int) -> int:
        return next((i for i, d in enumerate(self._datasets) if d.id == dataset_id), -1)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._datasets)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        dataset = self.dataset(index.row()) if index.isValid() else None
        if dataset is None:
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == RECORDS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return QCoreApplication.translate(
                "DatasetsModel", "Click to see this dataset's records and a chart of them"
            )
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        column = index.column()
        if column == SOURCE:
            return dataset.title
        if column == OWNER:
            if dataset.member == self._me:
                return fill(QCoreApplication.translate("DatasetsModel", "%1 (you)"), self._me)
            return dataset.member
        if column == SPAN:
            return date_span(dataset.first, dataset.last)
        return QLocale().toString(dataset.records)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation is not Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:  # as the column's values are
            horizontal = (
                Qt.AlignmentFlag.AlignRight if section == RECORDS else Qt.AlignmentFlag.AlignLeft
            )
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and section == RECORDS:
            return QCoreApplication.translate(
                "DatasetsModel", "How many records (readings, visits, plays...) the dataset holds"
            )
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            QCoreApplication.translate("DatasetsModel", "Source"),
            QCoreApplication.translate("DatasetsModel", "Owner"),
            QCoreApplication.translate("DatasetsModel", "Time span"),
            QCoreApplication.translate("DatasetsModel", "Records"),
        )[section]


class DatasetsPage(Page):
    """The list of datasets; choosing one shows it in a `DatasetView` on the same page."""

    navigate = Signal(str)  # a page key from hearth.ui.workspace

    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Datasets"), parent)
        self._vault = vault
        self.model = DatasetsModel(self)

        self.list_panel = QWidget(self)
        lead = QLabel(
            self.tr(
                "Every dataset imported into this vault: where it came from, whose it is, "
                "which days it covers and how many records it holds. Click one to see its "
                "records and a chart of them."
            ),
            self.list_panel,
        )
        lead.setWordWrap(True)
        self.table = QTableView(self.list_panel)
        self.table.setAccessibleName(self.tr("Datasets"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setItemDelegate(RoomyDelegate(self.table))
        # A row opens with a click: the hand says so before anyone tries.
        self.table.viewport().setCursor(Qt.CursorShape.PointingHandCursor)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(SOURCE, QHeaderView.ResizeMode.Stretch)
        for column in (OWNER, SPAN, RECORDS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        # A click or Enter opens the dataset; arrow keys only move the selection.
        self.table.clicked.connect(self._open_index)
        self.table.activated.connect(self._open_index)
        self.empty = QLabel(
            self.tr("No datasets yet. Import an export from your phone, watch or apps first."),
            self.list_panel,
        )
        self.empty.setObjectName("Hint")
        self.empty.setWordWrap(True)
        self.import_button = QPushButton(self.tr("Go to &Import"), self.list_panel)
        self.import_button.setAccessibleName(self.tr("Go to Import"))
        self.import_button.clicked.connect(lambda: self.navigate.emit("import"))
        empty_row = QHBoxLayout()
        empty_row.addWidget(self.empty, 1)
        empty_row.addWidget(self.import_button)
        panel = QVBoxLayout(self.list_panel)
        panel.setContentsMargins(0, 0, 0, 0)
        panel.setSpacing(10)
        panel.addWidget(lead)
        panel.addLayout(empty_row)
        panel.addWidget(self.table, 1)

        self.view = DatasetView(vault, self)
        self.view.back_requested.connect(self.show_list)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.list_panel)
        self.stack.addWidget(self.view)
        self.body.addWidget(self.stack, 1)
        self.refresh()

    def refresh(self) -> None:
        """Re-read the list; an open dataset is re-read too when an import changed it."""
        me = self._vault.member
        datasets = self._vault.datasets()
        self.model.set_datasets(datasets, me.name if me else "")
        has_any = bool(datasets)
        self.table.setVisible(has_any)
        self.empty.setVisible(not has_any)
        self.import_button.setVisible(not has_any)
        shown = self.view.dataset
        if shown is None or self.stack.currentWidget() is not self.view:
            return
        now = next((d for d in datasets if d.id == shown.id), None)
        if now is None:
            self.show_list()
        elif now != shown:
            self.view.show_dataset(now)

    def open_dataset(self, row: int) -> None:
        dataset = self.model.dataset(row)
        if dataset is None:
            return
        self.table.selectRow(row)
        self.view.show_dataset(dataset)
        self.stack.setCurrentWidget(self.view)
        self.view.type_choice.setFocus()

    def show_list(self) -> None:
        self.stack.setCurrentWidget(self.list_panel)
        shown = self.view.dataset
        if shown is not None and (row := self.model.row_of(shown.id)) >= 0:
            self.table.selectRow(row)
        self.table.setFocus()

    def is_showing_dataset(self) -> bool:
        return self.stack.currentWidget() is self.view

    def _open_index(self, index: QModelIndex) -> None:
        self.open_dataset(index.row())

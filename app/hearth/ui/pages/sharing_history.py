"""Every version of a dataset's terms: who set it, when, who approved it, where it stands."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from hearth.consent.store import PolicyVersion
from hearth.consent.summary import DataDescription, summarize
from hearth.ui.pages.sharing_words import state_name
from hearth.ui.wording import local_time


class HistoryTable(QTableWidget):
    """Newest first; each row's tooltip is that version's summary."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 5, parent)
        self.setAccessibleName(self.tr("Earlier versions of the terms"))
        self.setHorizontalHeaderLabels(
            [
                self.tr("Version"),
                self.tr("State"),
                self.tr("Set by"),
                self.tr("When"),
                self.tr("Approved by"),
            ]
        )
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        for column in range(5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.setMaximumHeight(160)

    def show_versions(self, versions: list[PolicyVersion], data: DataDescription) -> None:
        newest_first = list(reversed(versions))
        self.setRowCount(len(newest_first))
        for row, version in enumerate(newest_first):
            cells = (
                str(version.version),
                state_name(version.state),
                version.set_by,
                local_time(version.set_at),
                version.approved_by or "—",
            )
            words = summarize(version.policy, data)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(words)
                self.setItem(row, column, item)

"""Activity: the vault's audit log in plain words, filtered, and checked for tampering."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QWidget,
)

from hearth.progress import CancelToken, ProgressCallback
from hearth.ui.errors import report_error
from hearth.ui.i18n import fill
from hearth.ui.pages.page import Page
from hearth.ui.wording import action_words, actor_name, details_words, local_time
from hearth.ui.worker import run_task
from hearth.vault import AuditEntry, AuditReport, Vault

_EVERYONE = ""


@dataclass(frozen=True)
class ActivityRow:
    seq: int
    time: str
    who: str
    actor: str
    what: str
    details: str

    @classmethod
    def of(cls, entry: AuditEntry) -> ActivityRow:
        return cls(
            entry.seq,
            local_time(entry.at),
            actor_name(entry.actor),
            entry.actor,
            action_words(entry.action),
            details_words(entry.details),
        )

    def matches(self, actor: str, text: str) -> bool:
        if actor and self.actor != actor:
            return False
        needle = text.strip().casefold()
        return not needle or needle in f"{self.what} {self.details}".casefold()


class ActivityModel(QAbstractTableModel):
    """Newest first, because people look for what just happened."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._all: list[ActivityRow] = []
        self._shown: list[ActivityRow] = []
        self._actor = _EVERYONE
        self._text = ""

    def set_entries(self, entries: list[AuditEntry]) -> None:
        self._all = [ActivityRow.of(e) for e in reversed(entries)]
        self._apply()

    def set_filter(self, actor: str, text: str) -> None:
        self._actor, self._text = actor, text
        self._apply()

    def actors(self) -> list[str]:
        return sorted({row.actor for row in self._all}, key=str.casefold)

    def shown(self) -> list[ActivityRow]:
        return list(self._shown)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        row = self._shown[index.row()]
        return (row.time, row.who, row.what, row.details)[index.column()]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation is not Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            QCoreApplication.translate("ActivityModel", "When"),
            QCoreApplication.translate("ActivityModel", "Who"),
            QCoreApplication.translate("ActivityModel", "What happened"),
            QCoreApplication.translate("ActivityModel", "Details"),
        )[section]

    def _apply(self) -> None:
        self.beginResetModel()
        self._shown = [r for r in self._all if r.matches(self._actor, self._text)]
        self.endResetModel()


class ActivityPage(Page):
    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Activity"), parent)
        self._vault = vault
        lead = QLabel(
            self.tr(
                "Everything done to the vault is written here, and each entry is sealed to "
                "the one before it, so a change made behind Hearth's back shows up."
            ),
            self,
        )
        lead.setWordWrap(True)
        self.model = ActivityModel(self)
        self.member_filter = QComboBox(self)
        self.member_filter.setAccessibleName(self.tr("Show activity of"))
        self.text_filter = QLineEdit(self)
        self.text_filter.setAccessibleName(self.tr("Find in activity"))
        self.text_filter.setPlaceholderText(self.tr("e.g. backup, passphrase, a name"))
        self.text_filter.setClearButtonEnabled(True)
        self.verify_button = QPushButton(self.tr("&Verify log"), self)
        self.verify_button.setAccessibleName(self.tr("Verify log"))
        self.verify_button.setToolTip(
            self.tr("Check that no entry was changed, removed or added outside Hearth.")
        )
        self.verify_button.clicked.connect(self.verify)
        member_label = QLabel(self.tr("&Member:"), self)
        member_label.setBuddy(self.member_filter)
        find_label = QLabel(self.tr("&Find:"), self)
        find_label.setBuddy(self.text_filter)
        self.member_filter.setMinimumWidth(160)
        top = QHBoxLayout()
        top.addWidget(member_label)
        top.addWidget(self.member_filter)
        top.addSpacing(12)
        top.addWidget(find_label)
        top.addWidget(self.text_filter, 1)
        top.addSpacing(12)
        top.addWidget(self.verify_button)
        self.table = QTableView(self)
        self.table.setAccessibleName(self.tr("Activity log"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        for column in (0, 1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.member_filter.currentIndexChanged.connect(self._filter)
        self.text_filter.textChanged.connect(self._filter)
        self.body.addWidget(lead)
        self.body.addLayout(top)
        self.body.addWidget(self.table, 1)
        self.refresh()

    def refresh(self) -> None:
        # Read on the GUI thread: listing is one indexed query, fast even for long logs.
        self.model.set_entries(self._vault.audit_entries())
        chosen = str(self.member_filter.currentData() or _EVERYONE)
        self.member_filter.blockSignals(True)
        self.member_filter.clear()
        self.member_filter.addItem(self.tr("Everyone"), _EVERYONE)
        for actor in self.model.actors():
            self.member_filter.addItem(actor_name(actor), actor)
        self.member_filter.setCurrentIndex(max(0, self.member_filter.findData(chosen)))
        self.member_filter.blockSignals(False)
        self._filter()

    def verify(self) -> None:
        vault = self._vault
        self.verify_button.setEnabled(False)
        self.bar.show_info(self.tr("Checking every entry of the activity log…"))

        def check(_progress: ProgressCallback, _cancel: CancelToken) -> AuditReport:
            return vault.verify_audit_log()

        def done(report: AuditReport) -> None:
            self.verify_button.setEnabled(True)
            if report.ok:
                self.bar.show_success(
                    self.tr("The activity log is intact (%n entries).", "", report.entries)
                )
            else:
                self.bar.show_error(
                    fill(
                        self.tr(
                            "The activity log was changed outside Hearth (%1). Restore a "
                            "backup if you did not expect this."
                        ),
                        report.problem or "",
                    )
                )

        def failed(error: BaseException) -> None:
            self.verify_button.setEnabled(True)
            report_error(error, self.bar)

        run_task(check, on_done=done, on_error=failed, context=self)

    def _filter(self) -> None:
        self.model.set_filter(
            str(self.member_filter.currentData() or _EVERYONE), self.text_filter.text()
        )

"""Every version of a dataset's terms: who set it, when, who approved it, where it stands, and
whether the consent records of it are signed with the wallet of whoever made them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from hearth.consent import signatures
from hearth.consent.store import PolicyVersion
from hearth.consent.summary import DataDescription, summarize
from hearth.ui.i18n import fill
from hearth.ui.pages.sharing_words import event_name, state_name
from hearth.ui.wording import local_time

SIGNED_COLUMN = 5


class HistoryTable(QTableWidget):
    """Newest first; each row's tooltip is that version's summary, the Signed cell's tooltip
    each of its records and what its signature says."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 6, parent)
        self.setAccessibleName(self.tr("Earlier versions of the terms"))
        self.setHorizontalHeaderLabels(
            [
                self.tr("Version"),
                self.tr("State"),
                self.tr("Set by"),
                self.tr("When"),
                self.tr("Approved by"),
                self.tr("Signed"),
            ]
        )
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        for column in range(6):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.setMaximumHeight(160)

    def show_versions(
        self,
        versions: list[PolicyVersion],
        data: DataDescription,
        records: Sequence[Mapping[str, Any]] = (),
        names: Mapping[str, str] | None = None,
    ) -> None:
        """``records``: the dataset's consent records (as exported); ``names``: member id
        (urn) -> name, to say who made each."""
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
            mine = [r for r in records if r["policy"]["version"] == version.version]
            self.setItem(row, SIGNED_COLUMN, self._signed_item(mine, names or {}))

    def _signed_item(
        self, records: Sequence[Mapping[str, Any]], names: Mapping[str, str]
    ) -> QTableWidgetItem:
        # Checked here, not trusted from the stored status: an edited record or a signature
        # copied from another one says so.
        signers = [signatures.signer_of(r) for r in records]
        claimed = [(r.get("signature") or {}).get("status") == "signed" for r in records]
        verified = sum(1 for s in signers if s is not None)
        broken = sum(1 for s, c in zip(signers, claimed, strict=True) if c and s is None)
        if broken:
            text = self.tr("Does not verify")
        elif records and verified == len(records):
            text = self.tr("Signed")
        elif verified == 0:
            text = self.tr("Not signed")
        else:
            text = fill(self.tr("%1 of %2 signed"), verified, len(records))
        item = QTableWidgetItem(text)
        lines = [
            self._record_line(r, s, c, names)
            for r, s, c in zip(records, signers, claimed, strict=True)
        ]
        item.setToolTip("\n".join(lines))
        return item

    def _record_line(
        self,
        record: Mapping[str, Any],
        signer: str | None,
        claimed: bool,
        names: Mapping[str, str],
    ) -> str:
        event = record["event"]
        who = names.get(str(event["by"]), self.tr("a former member"))
        what = fill(
            self.tr("%1 by %2, %3"), event_name(str(event["type"])), who, local_time(event["time"])
        )
        if signer is not None:
            return fill(self.tr("%1: signed by %2, and the signature checks out."), what, signer)
        if claimed:
            return fill(self.tr("%1: carries a signature that does not match the record."), what)
        return fill(self.tr("%1: not signed."), what)

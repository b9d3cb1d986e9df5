"""What the member signed: when, what (in the words they approved), on which network, and the
transaction hash or message digest to look it up by."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from hearth.ui.wording import local_time
from hearth.vault import Vault
from hearth.wallet import journal, networks


def kind_words(kind: str) -> str:
    if kind == "transaction":
        return QCoreApplication.translate("WalletHistory", "A transaction sent")
    return QCoreApplication.translate("WalletHistory", "A message signed (no transaction)")


def short_reference(reference: str) -> str:
    """``0x12ab…9f0e``: enough to recognise a hash; the whole one is in the tooltip."""
    return reference if len(reference) <= 16 else f"{reference[:6]}…{reference[-4:]}"


class SignedActionsTable(QTableWidget):
    """The member's signed actions, newest first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 4, parent)
        self.setAccessibleName(self.tr("What you signed"))
        self.setHorizontalHeaderLabels(
            [self.tr("When"), self.tr("What"), self.tr("Network"), self.tr("Reference")]
        )
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().hide()
        self.setAlternatingRowColors(True)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)

    def load(self, vault: Vault) -> int:
        """Read the history again; returns how many actions there are."""
        member = vault.member
        actions = journal.signed_actions(vault, member.id) if member is not None else []
        titles = {n.chain_id: n.title for n in reversed(networks.networks(vault))}
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.setRowCount(len(actions))
        for row, action in enumerate(actions):
            chain = action.chain_id
            network = titles.get(chain, str(chain)) if chain is not None else ""
            reference = action.reference or ""
            when = QTableWidgetItem(local_time(action.at))
            what = QTableWidgetItem(action.description)
            what.setToolTip(kind_words(action.kind))
            where = QTableWidgetItem(network)
            ref = QTableWidgetItem(short_reference(reference))
            ref.setToolTip(reference)
            ref.setFont(mono)
            for column, item in enumerate((when, what, where, ref)):
                self.setItem(row, column, item)
        return len(actions)

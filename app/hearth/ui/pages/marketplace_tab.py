"""What the Marketplace page's tabs share: the vault, step runner and message bar they act
with, the market overview they show, and their tables, labels and file questions, set up one
way so that the tabs look and behave alike."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHeaderView,
    QLabel,
    QTableWidget,
    QWidget,
)

from hearth.ui.message_bar import MessageBar
from hearth.ui.wallet_steps import StepRunner
from hearth.vault import Vault

if TYPE_CHECKING:
    from hearth.market.overview import MarketOverview

T = TypeVar("T")


class MarketTab(QWidget):
    """One tab: shows what the page read of the market, and starts steps on the runner."""

    def __init__(
        self, vault: Vault, runner: StepRunner, bar: MessageBar, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._vault = vault
        self._runner = runner
        self._bar = bar
        self._overview: MarketOverview | None = None

    def show_overview(self, overview: MarketOverview | None) -> None:
        """Show ``overview`` (None: not read yet)."""
        raise NotImplementedError

    def set_enabled(self, free: bool) -> None:
        """Enable what can be started now; ``free`` is False while a step runs."""
        raise NotImplementedError


def market_table(parent: QWidget, name: str, headers: Sequence[str], stretch: int) -> QTableWidget:
    """A read-only table of whole rows, one chosen at a time; column ``stretch`` takes the
    room the others leave."""
    table = QTableWidget(0, len(headers), parent)
    table.setAccessibleName(name)
    table.setHorizontalHeaderLabels(list(headers))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.setAlternatingRowColors(True)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def chosen_item(table: QTableWidget, items: Sequence[T]) -> T | None:
    """The one of ``items`` in the table's chosen row (row i shows ``items[i]``), if any."""
    rows = table.selectionModel().selectedRows()
    if not rows:
        return None
    row = rows[0].row()
    return items[row] if 0 <= row < len(items) else None


def choose_item(table: QTableWidget, keys: Sequence[object], key: object) -> None:
    """Choose the row of ``key`` (row i shows ``keys[i]``); nothing when it is not there."""
    if key in keys:
        table.selectRow(list(keys).index(key))


def words_label(parent: QWidget, *, style: str = "", selectable: bool = False) -> QLabel:
    """A wrapped label for sentences. Plain text always: titles, terms and reasons can come
    from an offer file, which is anyone's text, never markup."""
    label = QLabel(parent)
    if style:
        label.setObjectName(style)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def open_file_dialog(
    parent: QWidget, title: str, name_filter: str, chosen: Callable[[Path], Any]
) -> QFileDialog:
    """Ask for an existing file; ``chosen`` gets it when the person picks one."""
    dialog = QFileDialog(parent, title)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setNameFilter(name_filter)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.fileSelected.connect(lambda path: chosen(Path(path)))
    dialog.open()
    return dialog

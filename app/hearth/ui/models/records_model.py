"""The records of one type as a table that pages through millions of rows lazily.

Qt asks only for the rows it draws. `RecordsModel` fetches them a page (`PAGE_ROWS`) at a
time from a `RecordBrowser`, which finds row N without reading the rows before it, and keeps
the last few pages (`CACHED_PAGES`) in an LRU cache: scrolling to the end of five million
rows reads one page, never the rows in between.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any, Protocol

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QDateTime,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTime,
)

from hearth.ui.wording import medium_date_format, unit_words

PAGE_ROWS = 500
CACHED_PAGES = 8
_META_TIP_CHARS = 400

# Positions in a row from RecordBrowser.rows (hearth.vault.browse.COLUMNS).
_START, _END, _VALUE, _UNIT, _SOURCE, _DEVICE, _LAT, _LNG, _META = range(9)

START, END, VALUE, SOURCE, PLACE = range(5)


class RowSource(Protocol):
    """What the model reads from: `hearth.vault.browse.RecordBrowser`."""

    @property
    def count(self) -> int: ...

    def rows(self, first: int, limit: int) -> list[tuple[Any, ...]]: ...


def record_time_format(locale: QLocale) -> str:
    """The locale's medium date ("Mar 1, 2023") and short time with seconds (records can be
    seconds apart)."""
    time = locale.timeFormat(QLocale.FormatType.ShortFormat)
    if ":ss" not in time:
        time = time.replace("mm", "mm:ss", 1)
    return f"{medium_date_format(locale)} {time}"


def local_record_time(ms: int, locale: QLocale, layout: str) -> str:
    """A record's time (milliseconds since 1970, UTC) in this computer's time zone."""
    return locale.toString(QDateTime.fromMSecsSinceEpoch(int(ms)), layout)


def value_text(value: object, unit: object, locale: QLocale) -> str:
    """ "72 beats/min", "48.5 ms", or a text value as it is."""
    if isinstance(value, bool) or value is None:
        shown = "" if value is None else str(value)
    elif isinstance(value, int):
        shown = locale.toString(value)
    elif isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            shown = locale.toString(int(value))
        else:
            shown = locale.toString(value, "g", 10)
    else:
        shown = str(value)
    return f"{shown} {unit}" if unit and shown else shown


class RecordsModel(QAbstractTableModel):
    """Rows of one record type, read a page at a time; nothing until a view asks."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source: RowSource | None = None
        self._type_name = ""
        self._count = 0
        self._pages: OrderedDict[int, list[tuple[Any, ...]]] = OrderedDict()
        self._locale = QLocale()
        self._layout = record_time_format(self._locale)

    def set_source(self, source: RowSource | None, type_name: str = "") -> None:
        """Show the rows of ``source``, records of the type ``type_name`` (for their units)."""
        self.beginResetModel()
        self._source = source
        self._type_name = type_name
        self._count = source.count if source is not None else 0
        self._pages.clear()
        self._locale = QLocale()
        self._layout = record_time_format(self._locale)
        self.endResetModel()

    def record(self, position: int) -> tuple[Any, ...] | None:
        """Row ``position`` as `hearth.vault.browse.COLUMNS`, from the cache or one page read."""
        if self._source is None or not 0 <= position < self._count:
            return None
        number, offset = divmod(position, PAGE_ROWS)
        page = self._pages.get(number)
        if page is None:
            page = self._source.rows(number * PAGE_ROWS, PAGE_ROWS)
            self._pages[number] = page
            if len(self._pages) > CACHED_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return page[offset] if offset < len(page) else None

    def has_places(self) -> bool:
        """Whether the first page has coordinates (else the Place column can stay hidden)."""
        return any(row[_LAT] is not None for row in self._first_page())

    def has_durations(self) -> bool:
        """Whether records of the first page last a while (else the End column can go)."""
        return any(row[_END] not in (None, row[_START]) for row in self._first_page())

    def widest_time(self) -> str:
        """A time as wide as any this model shows, to size the time columns by."""
        return local_record_time(
            QDateTime(QDate(2000, 12, 28), QTime(22, 58, 58)).toMSecsSinceEpoch(),
            self._locale,
            self._layout,
        )

    def _first_page(self) -> list[tuple[Any, ...]]:
        return self._pages.get(0, []) if self.record(0) is not None else []

    # ------------------------------------------------------------------ Qt's model API

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 5

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if index.column() == VALUE:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        row = self.record(index.row())
        if row is None:
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, index.column())
        return self._cell(row, index.column())

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation is not Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:  # as the column's values are
            side = Qt.AlignmentFlag.AlignRight if section == VALUE else Qt.AlignmentFlag.AlignLeft
            return int(side | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            QCoreApplication.translate("RecordsModel", "Start"),
            QCoreApplication.translate("RecordsModel", "End"),
            QCoreApplication.translate("RecordsModel", "Value"),
            QCoreApplication.translate("RecordsModel", "Source"),
            QCoreApplication.translate("RecordsModel", "Place"),
        )[section]

    def _cell(self, row: tuple[Any, ...], column: int) -> str:
        if column == START:
            return local_record_time(row[_START], self._locale, self._layout)
        if column == END:
            if row[_END] is None or row[_END] == row[_START]:
                return ""
            return local_record_time(row[_END], self._locale, self._layout)
        if column == VALUE:
            unit = unit_words(self._type_name, row[_UNIT])
            return value_text(row[_VALUE], unit, self._locale)
        if column == SOURCE:
            return str(row[_SOURCE] or "")
        if row[_LAT] is None or row[_LNG] is None:
            return ""
        return f"{row[_LAT]:.5f}, {row[_LNG]:.5f}"

    def _tooltip(self, row: tuple[Any, ...], column: int) -> str:
        if column == SOURCE and row[_DEVICE]:
            return f"{row[_SOURCE]}\n{row[_DEVICE]}"
        if column == VALUE and row[_META]:
            meta = str(row[_META])
            return meta if len(meta) <= _META_TIP_CHARS else meta[:_META_TIP_CHARS] + "…"
        return self._cell(row, column)

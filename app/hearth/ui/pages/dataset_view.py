"""One dataset: a chart per record type over time, and its records in a lazy table."""

from __future__ import annotations

from PySide6.QtCore import QLocale, QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hearth.ui.i18n import fill
from hearth.ui.models.records_model import END, PLACE, SOURCE, START, VALUE, RecordsModel
from hearth.ui.pages.dataset_chart import Bucket, Measure, Series, TypeChart
from hearth.ui.wording import date_span, unit_words
from hearth.vault import Vault
from hearth.vault.browse import RecordBrowser, TypeSummary, daily_series, summarize
from hearth.vault.datasets import Dataset
from hearth.vault.type_names import adds_up, type_label

COLUMN_GAP = 28  # pixels of room each column keeps beyond its widest value


class RoomyDelegate(QStyledItemDelegate):
    """Cells a little wider than their text, so columns sized to their contents do not touch."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return super().sizeHint(option, index) + QSize(COLUMN_GAP, 0)


class DatasetView(QWidget):
    """The chosen dataset: pick a record type, see it over time and read its records."""

    back_requested = Signal()

    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vault = vault
        self._dataset: Dataset | None = None
        self._summaries: list[TypeSummary] = []
        # the chosen type's (day, count, total) per day, read when the type is chosen
        self._series: Series = []

        self.back_button = QPushButton(self.tr("‹ &All datasets"), self)
        self.back_button.setAccessibleName(self.tr("Back to all datasets"))
        self.back_button.setToolTip(self.tr("Back to the list of datasets (Esc)"))
        self.back_button.clicked.connect(self.back_requested)
        self.heading = QLabel(self)
        self.heading.setObjectName("SectionTitle")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.facts = QLabel(self)
        self.facts.setObjectName("Hint")
        self.facts.setTextFormat(Qt.TextFormat.PlainText)

        self.type_choice = QComboBox(self)
        self.type_choice.setAccessibleName(self.tr("Record type"))
        self.type_choice.setMinimumWidth(220)
        type_label_widget = QLabel(self.tr("Record &type:"), self)
        type_label_widget.setBuddy(self.type_choice)
        self.measure_choice = QComboBox(self)
        self.measure_choice.setAccessibleName(self.tr("Chart shows"))
        self.measure_choice.addItem(self.tr("Number of records"), Measure.COUNT.value)
        self.measure_choice.addItem(self.tr("Sum of values"), Measure.TOTAL.value)
        self.measure_choice.addItem(self.tr("Average value"), Measure.AVERAGE.value)
        measure_label = QLabel(self.tr("&Chart:"), self)
        measure_label.setBuddy(self.measure_choice)
        choices = QHBoxLayout()
        choices.addWidget(type_label_widget)
        choices.addWidget(self.type_choice)
        choices.addSpacing(12)
        choices.addWidget(measure_label)
        choices.addWidget(self.measure_choice)
        choices.addStretch(1)

        self.caption = QLabel(self)
        self.caption.setObjectName("Hint")
        self.chart = TypeChart(self)
        self.model = RecordsModel(self)
        self.table = QTableView(self)
        self.table.setAccessibleName(self.tr("Records"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.setItemDelegate(RoomyDelegate(self.table))
        header = self.table.horizontalHeader()
        # Size columns from the rows on screen only: the others are not read.
        header.setResizeContentsPrecision(0)
        header.setSectionResizeMode(SOURCE, QHeaderView.ResizeMode.Stretch)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        chart_box = QWidget(splitter)
        chart_layout = QVBoxLayout(chart_box)
        chart_layout.setContentsMargins(0, 0, 0, 0)
        chart_layout.addWidget(self.caption)
        chart_layout.addWidget(self.chart, 1)
        splitter.addWidget(chart_box)
        splitter.addWidget(self.table)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)

        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addSpacing(8)
        top.addWidget(self.heading)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.facts)
        layout.addLayout(choices)
        layout.addWidget(splitter, 1)

        back = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        back.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        back.activated.connect(self.back_requested)
        self.type_choice.currentIndexChanged.connect(self._show_type)
        self.measure_choice.currentIndexChanged.connect(self._draw)
        self.setTabOrder(self.back_button, self.type_choice)
        self.setTabOrder(self.type_choice, self.measure_choice)
        self.setTabOrder(self.measure_choice, self.table)

    def records_text(self, count: int) -> str:
        return self.tr("%Ln records", "", count)

    def caption_for(self, measure: Measure, bucket: Bucket) -> str:
        """What the chart shows, e.g. "Records per day, averaged over each week"."""
        captions = {
            (Measure.COUNT, Bucket.DAY): self.tr("Records per day"),
            (Measure.COUNT, Bucket.WEEK): self.tr("Records per day, averaged over each week"),
            (Measure.COUNT, Bucket.MONTH): self.tr("Records per day, averaged over each month"),
            (Measure.TOTAL, Bucket.DAY): self.tr("Sum of values per day"),
            (Measure.TOTAL, Bucket.WEEK): self.tr("Sum of values per day, averaged over each week"),
            (Measure.TOTAL, Bucket.MONTH): self.tr(
                "Sum of values per day, averaged over each month"
            ),
            (Measure.AVERAGE, Bucket.DAY): self.tr("Average value per day"),
            (Measure.AVERAGE, Bucket.WEEK): self.tr("Average value per week"),
            (Measure.AVERAGE, Bucket.MONTH): self.tr("Average value per month"),
        }
        return captions[(measure, bucket)]

    @property
    def dataset(self) -> Dataset | None:
        return self._dataset

    def show_dataset(self, dataset: Dataset) -> None:
        """Read the dataset's summary (from the daily rollups) and show its biggest type."""
        self._dataset = dataset
        self.heading.setText(dataset.title)
        self.facts.setText(
            fill(
                self.tr("Owner: %1 · %2 · %3"),
                dataset.member,
                date_span(dataset.first, dataset.last),
                self.records_text(dataset.records),
            )
        )
        self._summaries = summarize(self._vault.browsing, dataset.id)
        self.type_choice.blockSignals(True)
        self.type_choice.clear()
        locale = QLocale()
        for summary in self._summaries:
            self.type_choice.addItem(
                fill(self.tr("%1 (%2)"), type_label(summary.name), locale.toString(summary.count)),
                summary.type_id,
            )
            self.type_choice.setItemData(
                self.type_choice.count() - 1, summary.name, Qt.ItemDataRole.ToolTipRole
            )
        self.type_choice.blockSignals(False)
        self.type_choice.setCurrentIndex(0)
        self._show_type()

    def summary(self) -> TypeSummary | None:
        """The record type chosen in the selector."""
        index = self.type_choice.currentIndex()
        return self._summaries[index] if 0 <= index < len(self._summaries) else None

    def choose_type(self, name: str) -> None:
        """Show the record type called ``name`` (as the vault names it)."""
        found = next((i for i, s in enumerate(self._summaries) if s.name == name), -1)
        if found >= 0:
            self.type_choice.setCurrentIndex(found)

    def choose_measure(self, measure: Measure) -> None:
        self.measure_choice.setCurrentIndex(self.measure_choice.findData(measure.value))

    def _show_type(self) -> None:
        summary = self.summary()
        if self._dataset is None or summary is None:
            self.model.set_source(None)
            self._series = []
            self.chart.show_series([], Measure.COUNT)
            self.caption.clear()
            return
        self._series = daily_series(self._vault.browsing, self._dataset.id, summary.type_id)
        browser = RecordBrowser(self._vault.browsing, self._dataset.id, summary.type_id)
        self.model.set_source(browser, summary.name)
        self.table.setColumnHidden(END, not self.model.has_durations())
        self.table.setColumnHidden(PLACE, not self.model.has_places())
        time_width = self.table.fontMetrics().horizontalAdvance(self.model.widest_time()) + 24
        for column in (START, END):
            self.table.setColumnWidth(column, time_width)
        self.table.resizeColumnToContents(VALUE)
        self.table.resizeColumnToContents(PLACE)
        numeric = summary.has_numbers
        measures = self.measure_choice.model()
        assert isinstance(measures, QStandardItemModel)  # a QComboBox's own model
        for row in range(self.measure_choice.count()):
            item = measures.item(row)
            wanted = Measure(str(self.measure_choice.itemData(row)))
            item.setEnabled(numeric or wanted is Measure.COUNT)
        # Steps and the like are summed by default, heart rate and the like averaged, and
        # records without numbers counted.
        if not numeric:
            measure = Measure.COUNT
        else:
            measure = Measure.TOTAL if adds_up(summary.name) else Measure.AVERAGE
        self.measure_choice.blockSignals(True)
        self.choose_measure(measure)
        self.measure_choice.blockSignals(False)
        self._draw()

    def _draw(self) -> None:
        summary = self.summary()
        if summary is None:
            return
        measure = Measure(str(self.measure_choice.currentData()))
        bucket = self.chart.show_series(self._series, measure)
        text = self.caption_for(measure, bucket)
        first = self.model.record(0)
        unit = unit_words(summary.name, first[3]) if first and measure is not Measure.COUNT else ""
        self.caption.setText(fill(self.tr("%1 (%2)"), text, unit) if unit else text)
        self.chart.setAccessibleName(fill(self.tr("Chart: %1"), self.caption.text()))
        self.chart.setAccessibleDescription(type_label(summary.name))

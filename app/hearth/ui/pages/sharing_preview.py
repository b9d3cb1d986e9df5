"""What a buyer gets: the package the draft terms would produce, as counts, sample rows and
what the privacy choices removed, built by the same code as the real package.

Building reads the vault, so it runs on the worker thread, a moment after the person stops
changing things (typing a price must not rebuild on every key). A result for terms that
changed meanwhile is dropped.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hearth.consent.policy import ConsentPolicy
from hearth.packages.preview import Preview
from hearth.progress import CancelToken, Progress, ProgressCallback
from hearth.ui.errors import message_for
from hearth.ui.i18n import fill
from hearth.ui.pages.sharing_box import hint
from hearth.ui.worker import Task, run_task

DEBOUNCE_MS = 400


# Given the draft policy: the preview of the package it would give.
Builder = Callable[[ConsentPolicy, ProgressCallback, CancelToken], Preview]


class BuyerPreview(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("What a buyer gets"), parent)
        self._builder: Builder | None = None
        self._policy: ConsentPolicy | None = None
        self._task: Task[Preview] | None = None
        self._generation = 0
        self._shown: Preview | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.build_now)

        self.status = hint("", self)
        self.counts = QLabel(self)
        self.counts.setWordWrap(True)
        self.counts.setTextFormat(Qt.TextFormat.PlainText)
        self.removed = QLabel(self)
        self.removed.setWordWrap(True)
        self.removed.setTextFormat(Qt.TextFormat.PlainText)
        self.table_choice = QComboBox(self)
        self.table_choice.setAccessibleName(self.tr("File in the package"))
        self.table_label = QLabel(self.tr("File:"), self)
        self.table_label.setBuddy(self.table_choice)
        self.sample = QTableWidget(0, 0, self)
        self.sample.setAccessibleName(self.tr("Sample rows a buyer would get"))
        self.sample.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.sample.setAlternatingRowColors(True)
        self.sample.setWordWrap(False)
        self.sample.verticalHeader().hide()
        rows = self.sample.verticalHeader()
        rows.setDefaultSectionSize(self.sample.fontMetrics().height() + 8)
        # Every sample row in view at once: the page scrolls, the table need not.
        self.sample.setMinimumHeight(rows.defaultSectionSize() * 11 + 8)
        self.fingerprint = hint("", self)
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        choice_row = QHBoxLayout()
        choice_row.addWidget(self.table_label)
        choice_row.addWidget(self.table_choice)
        choice_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.counts)
        layout.addWidget(self.removed)
        layout.addLayout(choice_row)
        layout.addWidget(self.sample)
        layout.addWidget(self.fingerprint)
        self.table_choice.currentIndexChanged.connect(self._show_table)
        self._show(None)

    def set_builder(self, builder: Builder | None) -> None:
        self._builder = builder
        self._show(None)

    def schedule(self, policy: ConsentPolicy | None) -> None:
        """Rebuild for ``policy`` once the person pauses; None clears the preview."""
        self._policy = policy
        self._generation += 1
        if self._task is not None:
            self._task.cancel()
            self._task = None
        if policy is None or self._builder is None:
            self._timer.stop()
            self._show(None)
            return
        self.status.setText(self.tr("Updating the preview…"))
        self._timer.start()

    def build_now(self) -> None:
        self._timer.stop()
        builder, policy = self._builder, self._policy
        if builder is None or policy is None:
            return
        generation = self._generation

        def work(progress: ProgressCallback, cancel: CancelToken) -> Preview:
            return builder(policy, progress, cancel)

        def progressed(update: Progress) -> None:
            if generation == self._generation and update.total:
                percent = min(100, 100 * update.done // update.total)
                self.status.setText(fill(self.tr("Updating the preview… %1%"), percent))

        def done(result: Preview) -> None:
            if generation == self._generation:
                self._task = None
                self._show(result)

        def failed(error: BaseException) -> None:
            if generation == self._generation:
                self._task = None
                self._show(None)
                self.status.setText(message_for(error) or "")

        self._task = run_task(
            work, on_done=done, on_error=failed, on_progress=progressed, context=self
        )

    def stop(self) -> None:
        """Stop building (the page was left): the worker is shared with imports."""
        self._timer.stop()
        self._generation += 1
        if self._task is not None:
            self._task.cancel()
            self._task = None

    def shown(self) -> Preview | None:
        return self._shown

    def _show(self, preview: Preview | None) -> None:
        self._shown = preview
        has = preview is not None
        for widget in (self.counts, self.removed, self.sample, self.fingerprint):
            widget.setVisible(has)
        self.table_label.setVisible(has and len(preview.tables) > 1 if preview else False)
        self.table_choice.setVisible(self.table_label.isVisibleTo(self))
        if preview is None:
            self.status.setText(
                self.tr("The preview appears here once this version of Hearth can build packages.")
                if self._builder is None
                else ""
            )
            return
        self.status.setText(
            self.tr("This is what a buyer would receive under the terms above, right now.")
        )
        self.counts.setText(
            fill(
                self.tr("%1 in %2."),
                self.tr("%Ln rows", "", preview.rows),
                self.tr("%Ln files", "", len(preview.tables)),
            )
        )
        sentences = list(preview.removed_sentences)
        self.removed.setText(
            "\n".join(f"• {s}" for s in sentences)
            if sentences
            else self.tr("Your privacy choices removed nothing from this dataset.")
        )
        self.removed.setAccessibleName(self.removed.text())
        self.fingerprint.setText(
            fill(self.tr("Package fingerprint (Merkle root): %1"), preview.merkle_root)
        )
        self.table_choice.blockSignals(True)
        self.table_choice.clear()
        for table in preview.tables:
            self.table_choice.addItem(fill(self.tr("%1 (%Ln rows)", "", table.rows), table.name))
        self.table_choice.blockSignals(False)
        self._show_table()

    def _show_table(self) -> None:
        preview = self._shown
        index = self.table_choice.currentIndex()
        if preview is None or not 0 <= index < len(preview.tables):
            self.sample.clear()
            self.sample.setRowCount(0)
            self.sample.setColumnCount(0)
            return
        table = preview.tables[index]
        self.sample.clear()
        self.sample.setColumnCount(len(table.columns))
        self.sample.setHorizontalHeaderLabels(list(table.columns))
        self.sample.setRowCount(len(table.sample))
        for row, values in enumerate(table.sample):
            for column, value in enumerate(values):
                self.sample.setItem(row, column, QTableWidgetItem(value))
        self.sample.resizeColumnsToContents()

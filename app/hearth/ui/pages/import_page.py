"""Import: drop exports anywhere on the page, pick files or folders, or take the browser
history found on this computer; each import is a row with its progress and result.

Imports run one at a time through the worker, the rest wait in order. The import writes
through a database connection of its own (and parses big files in another process), so
the GUI thread only ever receives progress reports and the result.
"""

from __future__ import annotations

import itertools
from pathlib import Path

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from hearth.importers.browser_history import NAME as BROWSER_HISTORY
from hearth.importers.browser_profiles import BrowserProfile, discover_browser_profiles
from hearth.importers.pipeline import ImportOutcome, import_path
from hearth.progress import CancelToken, ProgressCallback
from hearth.ui.errors import message_for
from hearth.ui.i18n import fill
from hearth.ui.pages.import_row import ImportRow, PlaceLabel
from hearth.ui.pages.page import Page
from hearth.ui.worker import run_task
from hearth.vault import Vault


def local_paths(mime: QMimeData) -> list[Path]:
    """The files and folders on this computer among dragged URLs (web links are not)."""
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


class DropZone(QFrame):
    """The visible target for drops (the whole page takes them) and the two pickers."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("DropZone")
        self.setProperty("active", False)
        heading = QLabel(self.tr("Drop export files or folders here"), self)
        heading.setObjectName("CardTitle")
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        kinds = QLabel(
            self.tr(
                "Apple Health, Google Takeout, Fitbit, Garmin FIT, GPX and TCX, Strava, "
                "Spotify, Netflix and browser history. Hearth recognises them by their content."
            ),
            self,
        )
        kinds.setObjectName("Hint")
        kinds.setWordWrap(True)
        kinds.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.files_button = QPushButton(self.tr("Add &files…"), self)
        self.files_button.setAccessibleName(self.tr("Add files"))
        self.folder_button = QPushButton(self.tr("Add f&older…"), self)
        self.folder_button.setAccessibleName(self.tr("Add folder"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.files_button)
        buttons.addWidget(self.folder_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(6)
        layout.addWidget(heading)
        layout.addWidget(kinds)
        layout.addLayout(buttons)

    def set_active(self, active: bool) -> None:
        """Highlight while something droppable is over the page."""
        self.setProperty("active", active)
        self.style().unpolish(self)
        self.style().polish(self)


class ImportPage(Page):
    """Drop, pick or choose a detected source; watch each import; see what it added."""

    imported = Signal()  # an import finished: datasets may have changed
    started = Signal(object)  # the ImportRow whose import begins now

    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Import"), parent)
        self._vault = vault
        self._waiting: list[ImportRow] = []
        self._running: ImportRow | None = None
        self._starting = False
        self._profiles: list[BrowserProfile] = []
        self.setAcceptDrops(True)

        lead = QLabel(
            self.tr(
                "Bring in the files your phone, watch and apps export. They are read on this "
                "computer and kept encrypted in the vault; importing the same file again adds "
                "nothing twice."
            ),
            self,
        )
        lead.setWordWrap(True)
        self.drop_zone = DropZone(self)
        self.drop_zone.files_button.clicked.connect(self.choose_files)
        self.drop_zone.folder_button.clicked.connect(self.choose_folder)

        found_title = QLabel(self.tr("Found on this computer"), self)
        found_title.setObjectName("SectionTitle")
        self.found_box = QVBoxLayout()
        self.found_box.setSpacing(4)
        self.nothing_found = QLabel(self.tr("No browser history was found on this computer."), self)
        self.nothing_found.setObjectName("Hint")
        self.profile_buttons: list[QPushButton] = []

        imports_title = QLabel(self.tr("Imports"), self)
        imports_title.setObjectName("SectionTitle")
        self.clear_button = QPushButton(self.tr("C&lear finished"), self)
        self.clear_button.setAccessibleName(self.tr("Clear finished imports"))
        self.clear_button.clicked.connect(self.clear_finished)
        imports_head = QHBoxLayout()
        imports_head.addWidget(imports_title)
        imports_head.addStretch(1)
        imports_head.addWidget(self.clear_button)
        self.no_imports = QLabel(
            self.tr("Nothing imported yet. Imports you start appear here, the newest first."),
            self,
        )
        self.no_imports.setObjectName("Hint")
        self.no_imports.setWordWrap(True)
        self.rows_widget = QWidget()
        self.rows_widget.setAccessibleName(self.tr("Imports"))
        self.rows_layout = QVBoxLayout(self.rows_widget)
        self.rows_layout.setContentsMargins(0, 0, 0, 0)
        self.rows_layout.setSpacing(8)

        # One scroll area for the whole page, not one for the list: every import shows whole
        # and as wide as the page, and a long list scrolls the way any page does.
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 10, 0)  # room before the scroll bar, when it shows
        column.setSpacing(10)
        column.addWidget(lead)
        column.addWidget(self.drop_zone)
        column.addSpacing(4)
        column.addWidget(found_title)
        column.addLayout(self.found_box)
        column.addSpacing(4)
        column.addLayout(imports_head)
        column.addWidget(self.no_imports)
        column.addWidget(self.rows_widget)
        column.addStretch(1)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setAccessibleName(self.tr("Import"))
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(content)
        self.body.addWidget(self.scroll_area, 1)
        self._update_list_state()
        self.refresh()

    # ------------------------------------------------------------------ what people do

    def refresh(self) -> None:
        """Look again for browser profiles (a browser may have been installed meanwhile)."""
        profiles = discover_browser_profiles()
        if profiles == self._profiles and self.found_box.count():
            return
        self._profiles = profiles
        while self.found_box.count():
            item = self.found_box.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None and widget is not self.nothing_found:
                widget.hide()
                widget.deleteLater()
        self.profile_buttons = []
        if not profiles:
            self.found_box.addWidget(self.nothing_found)
            self.nothing_found.show()
            return
        self.nothing_found.hide()
        for profile in profiles:
            self.found_box.addWidget(self._profile_line(profile))
        # Reading order: the pickers, each profile's Import, then the list of imports.
        chain = [self.drop_zone.folder_button, *self.profile_buttons, self.clear_button]
        for before, after in itertools.pairwise(chain):
            self.setTabOrder(before, after)

    def profiles(self) -> list[BrowserProfile]:
        return list(self._profiles)

    def add_paths(self, paths: list[Path]) -> list[ImportRow]:
        """Queue one import per file or folder, in the order given."""
        return [self._enqueue(ImportRow(path, path.name or str(path))) for path in paths]

    def import_profile(self, profile: BrowserProfile) -> ImportRow:
        """Queue the history of one detected browser profile ("Import my browser history")."""
        title = fill(self.tr("%1 history (%2)"), profile.browser, profile.profile)
        return self._enqueue(ImportRow(profile.history_path, title, expected=BROWSER_HISTORY))

    def choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, self.tr("Choose export files"))
        self.add_paths([Path(name) for name in names])

    def choose_folder(self) -> None:
        name = QFileDialog.getExistingDirectory(self, self.tr("Choose an export folder"))
        if name:
            self.add_paths([Path(name)])

    def rows(self) -> list[ImportRow]:
        found = (self.rows_layout.itemAt(i) for i in range(self.rows_layout.count()))
        return [w for item in found if item and isinstance(w := item.widget(), ImportRow)]

    def clear_finished(self) -> None:
        for row in self.rows():
            if row.is_finished():
                self._remove(row)

    # ------------------------------------------------------------------ drops

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if local_paths(event.mimeData()):
            event.acceptProposedAction()
            self.drop_zone.set_active(True)
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if local_paths(event.mimeData()):
            event.acceptProposedAction()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self.drop_zone.set_active(False)
        super().dragLeaveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        self.drop_zone.set_active(False)
        paths = local_paths(event.mimeData())
        if not paths:
            self.bar.show_info(self.tr("Only files and folders on this computer can be imported."))
            event.ignore()
            return
        event.acceptProposedAction()
        self.add_paths(paths)

    # ------------------------------------------------------------------ the queue

    def _enqueue(self, row: ImportRow) -> ImportRow:
        row.setParent(self.rows_widget)
        row.withdrawn.connect(lambda: self._withdraw(row))
        row.remove_requested.connect(lambda: self._remove(row))
        self.rows_layout.insertWidget(0, row)  # newest first, as people look for it
        self._waiting.append(row)
        self._update_list_state()
        self._start_next()
        return row

    def _start_next(self) -> None:
        # A loop, not recursion: with the synchronous worker (tests) an import finishes
        # inside run_task, and its callback asks for the next one while we are still here.
        if self._starting:
            return
        self._starting = True
        try:
            while self._running is None and self._waiting:
                self._run(self._waiting.pop(0))
        finally:
            self._starting = False

    def _run(self, row: ImportRow) -> None:
        self._running = row
        row.start()
        self.started.emit(row)
        vault, path, expected = self._vault, row.path, row.expected

        def work(progress: ProgressCallback, cancel: CancelToken) -> list[ImportOutcome]:
            return import_path(vault, path, expected=expected, progress=progress, cancel=cancel)

        def done(outcomes: list[ImportOutcome]) -> None:
            row.finish(outcomes)
            self._after(row)
            self.imported.emit()

        def failed(error: BaseException) -> None:
            sentence = message_for(error)  # None when the person cancelled
            if sentence is None:
                row.cancelled()
            else:
                row.fail(sentence)
            self._after(row)

        run_task(
            work,
            on_done=done,
            on_error=failed,
            on_progress=row.show_progress,
            context=self,
            cancel=row.token,
        )

    def _after(self, row: ImportRow) -> None:
        if self._running is row:
            self._running = None
        self._update_list_state()
        self._start_next()

    def _withdraw(self, row: ImportRow) -> None:
        if row in self._waiting:
            self._waiting.remove(row)
        self._update_list_state()

    def _remove(self, row: ImportRow) -> None:
        if not row.is_finished():
            return
        self.rows_layout.removeWidget(row)
        row.hide()
        row.deleteLater()
        self._update_list_state()

    def _update_list_state(self) -> None:
        rows = self.rows()
        self.no_imports.setVisible(not rows)
        self.rows_widget.setVisible(bool(rows))
        self.clear_button.setEnabled(any(row.is_finished() for row in rows))

    def _profile_line(self, profile: BrowserProfile) -> QWidget:
        line = QFrame(self)
        line.setObjectName("SourceLine")
        name = QLabel(fill(self.tr("%1 · %2"), profile.browser, profile.profile), line)
        name.setTextFormat(Qt.TextFormat.PlainText)
        where = PlaceLabel(profile.history_path.parent, line)
        button = QPushButton(self.tr("Import"), line)
        button.setAccessibleName(
            fill(self.tr("Import the history of %1, profile %2"), profile.browser, profile.profile)
        )
        button.setToolTip(self.tr("Import this browser history (the browser may stay open)"))
        button.clicked.connect(lambda: self.import_profile(profile))
        self.profile_buttons.append(button)
        row = QHBoxLayout(line)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(name)
        row.addSpacing(8)
        row.addWidget(where, 1)
        row.addWidget(button)
        return line

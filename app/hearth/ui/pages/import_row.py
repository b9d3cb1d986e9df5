"""One import on the Import page: what is read, how far, how fast, and what it came to."""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from hearth.importers.pipeline import ImportOutcome
from hearth.progress import CancelToken, Progress
from hearth.ui.i18n import fill
from hearth.ui.wording import data_size, home_path

_BAR_STEPS = 1000  # the bar counts per mille: byte counts overflow a QProgressBar's int
_SPEED_WINDOW_S = 10.0


class ImportState(StrEnum):
    WAITING = "waiting"
    RUNNING = "running"
    CANCELLING = "cancelling"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"


class ImportSpeed:
    """Records per second and time left, from the progress reports of one import.

    Both come from the last ten seconds of reports, so a slow start (opening the file,
    starting the parser) stops counting once the import is under way.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._samples: deque[tuple[float, int, int]] = deque()
        self._total: int | None = None

    def start(self) -> None:
        self._samples.clear()
        self._samples.append((self._clock(), 0, 0))

    def update(self, update: Progress) -> None:
        now = self._clock()
        self._total = update.total
        self._samples.append((now, update.done, update.records or 0))
        while len(self._samples) > 2 and now - self._samples[1][0] >= _SPEED_WINDOW_S:
            self._samples.popleft()

    def records_per_second(self) -> float | None:
        if len(self._samples) < 2:
            return None
        (t0, _, r0), (t1, _, r1) = self._samples[0], self._samples[-1]
        return (r1 - r0) / (t1 - t0) if t1 > t0 else None

    def seconds_left(self) -> float | None:
        """Time to read the remaining bytes at the recent pace, counted from now."""
        if len(self._samples) < 2 or not self._total:
            return None
        (t0, b0, _), (t1, b1, _) = self._samples[0], self._samples[-1]
        if t1 <= t0 or b1 <= b0:
            return None
        left = (self._total - b1) / ((b1 - b0) / (t1 - t0))
        return max(0.0, left - (self._clock() - t1))


class PlaceLabel(QLabel):
    """A folder as `home_path` writes it ("~/Downloads"), shortened in the middle when the
    line has no room for all of it; the whole path in its tooltip."""

    def __init__(self, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Hint")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setToolTip(str(folder))
        # Takes the room the line has left, and no more: a long path is elided, not widening.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.full_text = home_path(folder)
        self.setText(self.full_text)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        metrics = self.fontMetrics()
        self.setText(metrics.elidedText(self.full_text, Qt.TextElideMode.ElideMiddle, self.width()))


class ImportRow(QFrame):
    """A card for one file: progress while it runs, then its result line in place.

    Cancel (or Delete) stops it; once finished the same button removes the card.
    """

    withdrawn = Signal()  # cancelled before it started: the queue drops it
    remove_requested = Signal()
    progressed = Signal(object)  # the Progress just shown

    def __init__(
        self,
        path: Path,
        title: str,
        *,
        expected: str | None = None,
        clock: Callable[[], float] = time.monotonic,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("Card")
        self.path = path
        self.expected = expected
        self.token = CancelToken()
        self.state = ImportState.WAITING
        self.outcomes: list[ImportOutcome] = []
        self._title = title
        self._speed = ImportSpeed(clock)
        self._last: Progress | None = None

        self.name = QLabel(title, self)
        self.name.setObjectName("ImportName")
        self.name.setTextFormat(Qt.TextFormat.PlainText)
        self.name.setToolTip(str(path))
        # Where the file is: two exports are often both called "export.zip".
        self.place = PlaceLabel(path.parent, self)
        self.button = QPushButton(self.tr("Cancel"), self)
        self.button.setAccessibleName(fill(self.tr("Cancel importing %1"), title))
        self.button.clicked.connect(self._button_clicked)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, _BAR_STEPS)
        self.bar.setValue(0)
        self.bar.setAccessibleName(fill(self.tr("Progress of %1"), title))
        self.status = QLabel(self.tr("Waiting for the imports before it…"), self)
        self.status.setObjectName("Hint")
        self.result = QLabel(self)
        self.result.setObjectName("ImportResult")
        self.result.setWordWrap(True)
        self.result.setTextFormat(Qt.TextFormat.PlainText)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result.hide()

        top = QHBoxLayout()
        top.addWidget(self.name)
        top.addSpacing(8)
        top.addWidget(self.place, 1)
        top.addWidget(self.button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.bar)
        layout.addWidget(self.status)
        layout.addWidget(self.result)
        # Between reports (one per 20,000 records) the time left still counts down.
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self._show_status)

    @property
    def title(self) -> str:
        return self._title

    def is_finished(self) -> bool:
        return self.state in (ImportState.DONE, ImportState.FAILED, ImportState.CANCELLED)

    def fraction(self) -> float:
        """How much of the file was read, as the bar shows it (0 to 1)."""
        if self.state is ImportState.DONE:
            return 1.0
        return self.bar.value() / _BAR_STEPS if self.bar.maximum() else 0.0

    # ------------------------------------------------------------------ driven by the page

    def start(self) -> None:
        self.state = ImportState.RUNNING
        self._speed.start()
        self.bar.setRange(0, 0)  # busy until the first report says how far
        self.status.setText(self.tr("Reading…"))
        self._ticker.start()

    def show_progress(self, update: Progress) -> None:
        if self.is_finished():
            return
        self._last = update
        self._speed.update(update)
        if update.total:
            self.bar.setRange(0, _BAR_STEPS)
            self.bar.setValue(round((update.fraction or 0.0) * _BAR_STEPS))
        self._show_status()
        self.progressed.emit(update)

    def finish(self, outcomes: list[ImportOutcome]) -> None:
        self.outcomes = outcomes
        reasons: dict[str, int] = {}
        for outcome in outcomes:
            for reason, count in outcome.skip_reasons.items():
                reasons[reason] = reasons.get(reason, 0) + count
        tip = "\n".join(f"{reason}: {count}" for reason, count in sorted(reasons.items()))
        self._end(ImportState.DONE, self.result_text(outcomes), "success", tip)

    def fail(self, sentence: str) -> None:
        self._end(ImportState.FAILED, sentence, "error")

    def cancelled(self) -> None:
        self._end(ImportState.CANCELLED, self.tr("Cancelled; nothing was added."), "info")

    def cancel(self) -> None:
        """Stop the import (or never start it, when it is still waiting)."""
        if self.state is ImportState.WAITING:
            self.cancelled()
            self.withdrawn.emit()
        elif self.state is ImportState.RUNNING:
            self.state = ImportState.CANCELLING
            self.token.cancel()
            self.button.setEnabled(False)
            self.status.setText(self.tr("Cancelling…"))

    # ------------------------------------------------------------------ wording

    def time_left_text(self, seconds: float) -> str:
        if seconds < 60:
            return self.tr("%n seconds left", "", max(1, math.ceil(seconds)))
        if seconds < 90 * 60:
            return self.tr("about %n minutes left", "", round(seconds / 60))
        return self.tr("about %n hours left", "", round(seconds / 3600))

    def outcome_sentence(self, outcome: ImportOutcome) -> str:
        """ "Added 1,234 records, 56 already there, 2 skipped." or "Already imported; ..." """
        result = outcome.result
        if result.already_imported:
            return self.tr("Already imported; nothing added.")
        parts = [self.tr("Added %Ln records", "", result.added)]
        if result.duplicates:
            parts.append(self.tr("%Ln already there", "", result.duplicates))
        if result.skipped:
            parts.append(self.tr("%Ln skipped", "", result.skipped))
        return ", ".join(parts) + "."

    def result_text(self, outcomes: list[ImportOutcome]) -> str:
        """One sentence per dataset the file went into, named when there are several."""
        if not outcomes:
            return self.tr("Nothing to import was found.")
        if len(outcomes) == 1:
            return self.outcome_sentence(outcomes[0])
        return "\n".join(
            fill(self.tr("%1: %2"), o.title, self.outcome_sentence(o)) for o in outcomes
        )

    # ------------------------------------------------------------------ Qt

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Delete and self.button.isEnabled():
            self.button.click()
            return
        super().keyPressEvent(event)

    # ------------------------------------------------------------------ helpers

    def _button_clicked(self) -> None:
        if self.is_finished():
            self.remove_requested.emit()
        else:
            self.cancel()

    def _show_status(self) -> None:
        if self.state is not ImportState.RUNNING or self._last is None:
            return
        update = self._last
        parts = []
        if update.total:
            parts.append(fill(self.tr("%1 of %2"), data_size(update.done), data_size(update.total)))
        rate = self._speed.records_per_second()
        if rate is not None:
            parts.append(fill(self.tr("%1 records/s"), QLocale().toString(round(rate))))
        left = self._speed.seconds_left()
        if left is not None and update.total and update.done < update.total:
            parts.append(self.time_left_text(left))
        self.status.setText(" · ".join(parts))

    def _end(self, state: ImportState, text: str, kind: str, tip: str = "") -> None:
        self.state = state
        self._ticker.stop()
        self.bar.hide()
        self.status.hide()
        self.result.setText(text)
        self.result.setToolTip(tip)
        self.result.setAccessibleName(text)
        self.result.setProperty("kind", kind)
        # A dynamic property only restyles after the style re-reads the widget.
        self.result.style().unpolish(self.result)
        self.result.style().polish(self.result)
        self.result.show()
        self.button.setEnabled(True)
        self.button.setText(self.tr("Remove"))
        self.button.setAccessibleName(fill(self.tr("Remove %1 from the list"), self._title))
        self.button.setToolTip(self.tr("Remove from this list (the data stays in the vault)"))

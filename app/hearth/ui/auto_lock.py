"""Auto-lock: an application-wide event filter restarts a timer on every key or mouse input.

When the timer runs out, `timed_out` fires and the main window locks the vault. The filter
only looks at the event type, so it costs little on the stream of events Qt delivers.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal

_INPUT = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.InputMethod,
    }
)


class AutoLock(QObject):
    timed_out = Signal()

    def __init__(self, interval_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._expire)
        self._watching = False

    @property
    def interval_ms(self) -> int:
        return self._timer.interval()

    @property
    def active(self) -> bool:
        return self._watching

    def set_interval(self, interval_ms: int) -> None:
        self._timer.setInterval(interval_ms)
        if self._watching:
            self._timer.start()

    def start(self) -> None:
        """Watch for input and count down from now."""
        app = QCoreApplication.instance()
        if app is not None and not self._watching:
            app.installEventFilter(self)
            self._watching = True
        self._timer.start()

    def stop(self) -> None:
        app = QCoreApplication.instance()
        if app is not None and self._watching:
            app.removeEventFilter(self)
        self._watching = False
        self._timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT:
            self._timer.start()
        return False

    def _expire(self) -> None:
        self.stop()
        self.timed_out.emit()

"""Run a core call off the GUI thread and hear back on it (after Picard).

`run_task` hands ``work(progress, cancel)`` to a one-thread pool (the vault serves one
caller at a time), and delivers its result, error and progress reports through Qt signals
to the GUI thread, where the callbacks run. The worker never touches a widget. A callback
whose ``context`` widget was deleted meanwhile (the vault locked, a dialog closed) is
dropped. Tests call `set_synchronous(True)` to run work inline instead.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QRunnable,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtWidgets import QProgressDialog, QWidget
from shiboken6 import Shiboken

from hearth.progress import CancelToken, Progress, ProgressCallback

T = TypeVar("T")
Work = Callable[[ProgressCallback, CancelToken], T]

_synchronous = False
_pool: QThreadPool | None = None
_running: set[Task[Any]] = set()


def set_synchronous(enabled: bool) -> None:
    """Run every task inline on the calling thread (for tests)."""
    global _synchronous
    _synchronous = enabled


def pool() -> QThreadPool:
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        # One at a time: the vault is not meant for concurrent callers.
        _pool.setMaxThreadCount(1)
    return _pool


def cancel_all() -> None:
    """Ask every running task to stop (before the vault is closed under them)."""
    for task in list(_running):
        task.cancel()


def wait_for_all(msecs: int = -1) -> bool:
    """Block until the pool is idle; used when closing the app and by tests."""
    return pool().waitForDone(msecs)


class Task(QObject, Generic[T]):
    """One piece of work in flight. Its signals are how the worker reaches the GUI thread."""

    _succeeded = Signal(object)
    _failed = Signal(object)
    _progressed = Signal(object)

    def __init__(
        self,
        on_done: Callable[[T], None],
        on_error: Callable[[BaseException], None],
        on_progress: Callable[[Progress], None] | None,
        context: QObject | None,
        cancel: CancelToken,
    ) -> None:
        super().__init__()
        self.token = cancel
        self.finished = False
        self._on_done = on_done
        self._on_error = on_error
        self._on_progress = on_progress
        self._context = context
        # The receiver (this object) lives on the GUI thread, so emits from the worker
        # are queued to it; the explicit type documents that.
        queued = Qt.ConnectionType.QueuedConnection
        self._succeeded.connect(self._deliver_result, queued)
        self._failed.connect(self._deliver_error, queued)
        self._progressed.connect(self._deliver_progress, queued)

    def cancel(self) -> None:
        self.token.cancel()

    def _context_alive(self) -> bool:
        return self._context is None or Shiboken.isValid(self._context)

    @Slot(object)
    def _deliver_result(self, result: T) -> None:
        self._finish()
        if self._context_alive():
            self._on_done(result)

    @Slot(object)
    def _deliver_error(self, error: BaseException) -> None:
        self._finish()
        if self._context_alive():
            self._on_error(error)

    @Slot(object)
    def _deliver_progress(self, update: Progress) -> None:
        if not self.finished and self._on_progress is not None and self._context_alive():
            self._on_progress(update)

    def _finish(self) -> None:
        self.finished = True
        if self in _running:
            # Let go of this object from the event loop, not while Qt is delivering to it.
            QTimer.singleShot(0, self._forget)

    def _forget(self) -> None:
        _running.discard(self)


class _Job(QRunnable):
    def __init__(self, work: Work[Any], task: Task[Any]) -> None:
        super().__init__()
        self._work = work
        self._task = task

    def run(self) -> None:
        task = self._task
        try:
            result = self._work(task._progressed.emit, task.token)
        except BaseException as error:  # every failure goes back to the GUI's handler
            task._failed.emit(error)
        else:
            task._succeeded.emit(result)


def run_task(
    work: Work[T],
    *,
    on_done: Callable[[T], None],
    on_error: Callable[[BaseException], None],
    on_progress: Callable[[Progress], None] | None = None,
    context: QObject | None = None,
    cancel: CancelToken | None = None,
) -> Task[T]:
    """Run ``work(progress, cancel)`` off the GUI thread; callbacks run on the GUI thread."""
    task: Task[T] = Task(on_done, on_error, on_progress, context, cancel or CancelToken())
    if _synchronous:
        _run_inline(work, task)
        return task
    _running.add(task)
    pool().start(_Job(work, task))
    return task


def _run_inline(work: Work[T], task: Task[T]) -> None:
    def progressed(update: Progress) -> None:
        task._deliver_progress(update)

    try:
        result = work(progressed, task.token)
    except BaseException as error:
        task._deliver_error(error)
    else:
        task._deliver_result(result)


def run_with_progress(
    parent: QWidget,
    label: str,
    work: Work[T],
    *,
    on_done: Callable[[T], None],
    on_error: Callable[[BaseException], None],
) -> Task[T]:
    """`run_task` behind a progress dialog whose Cancel button sets the task's CancelToken."""
    dialog = QProgressDialog(label, QCoreApplication.translate("Worker", "Cancel"), 0, 0, parent)
    dialog.setWindowTitle(label)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setMinimumDuration(300)
    dialog.setAccessibleName(label)
    token = CancelToken()
    dialog.canceled.connect(token.cancel)
    # Esc, closing the window and locking all reject the dialog: each means stop.
    dialog.rejected.connect(token.cancel)

    def progressed(update: Progress) -> None:
        if not Shiboken.isValid(dialog):
            return
        if update.total:
            dialog.setMaximum(update.total)
            dialog.setValue(min(update.done, update.total))

    def close_dialog() -> None:
        if Shiboken.isValid(dialog):
            dialog.canceled.disconnect(token.cancel)
            dialog.rejected.disconnect(token.cancel)
            dialog.close()
            dialog.deleteLater()

    def done(result: T) -> None:
        close_dialog()
        on_done(result)

    def failed(error: BaseException) -> None:
        close_dialog()
        on_error(error)

    return run_task(
        work,
        on_done=done,
        on_error=failed,
        on_progress=progressed,
        context=parent,
        cancel=token,
    )

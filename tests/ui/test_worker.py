"""The worker runs core calls off the GUI thread and reports back on it, with cancel."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from hearth.errors import UserCancelled
from hearth.progress import CancelToken, Progress, ProgressCallback
from hearth.ui import worker


@pytest.fixture
def parent(qtbot: QtBot) -> Iterator[QWidget]:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    yield widget


def test_work_runs_off_the_gui_thread_and_callbacks_run_on_it(
    qtbot: QtBot, threaded_worker: None
) -> None:
    gui = threading.get_ident()
    seen: dict[str, object] = {}

    def work(progress: ProgressCallback, _cancel: CancelToken) -> int:
        seen["work"] = threading.get_ident()
        progress(Progress(1, 2))
        return 42

    def done(result: int) -> None:
        seen["done"] = threading.get_ident()
        seen["result"] = result

    def progressed(update: Progress) -> None:
        seen["progress"] = threading.get_ident()

    worker.run_task(work, on_done=done, on_error=pytest.fail, on_progress=progressed)
    qtbot.waitUntil(lambda: "result" in seen, timeout=10_000)

    assert seen["work"] != gui
    assert seen["done"] == gui
    assert seen["progress"] == gui
    assert seen["result"] == 42


def test_errors_come_back_to_the_gui_thread(qtbot: QtBot, threaded_worker: None) -> None:
    failures: list[BaseException] = []

    def work(_progress: ProgressCallback, _cancel: CancelToken) -> None:
        raise ValueError("broken")

    worker.run_task(work, on_done=pytest.fail, on_error=failures.append)
    qtbot.waitUntil(lambda: bool(failures), timeout=10_000)
    assert isinstance(failures[0], ValueError)


def test_cancel_button_of_progress_dialog_stops_the_work(
    qtbot: QtBot, parent: QWidget, threaded_worker: None
) -> None:
    started = threading.Event()
    outcome: list[BaseException | str] = []

    def work(progress: ProgressCallback, cancel: CancelToken) -> str:
        started.set()
        for step in range(10_000):
            cancel.raise_if_cancelled()
            progress(Progress(step, 10_000))
            threading.Event().wait(0.001)
        return "finished"

    worker.run_with_progress(
        parent, "Working", work, on_done=outcome.append, on_error=outcome.append
    )
    assert started.wait(10)
    dialog = parent.findChild(QProgressDialog)
    assert dialog is not None
    [cancel_button] = dialog.findChildren(QPushButton)
    assert cancel_button.text() == "Cancel"
    cancel_button.click()
    qtbot.waitUntil(lambda: bool(outcome), timeout=10_000)

    assert isinstance(outcome[0], UserCancelled)


def test_result_for_a_deleted_page_is_dropped(qtbot: QtBot, threaded_worker: None) -> None:
    page = QWidget()
    release = threading.Event()
    delivered: list[object] = []

    def work(_progress: ProgressCallback, _cancel: CancelToken) -> str:
        release.wait(10)
        return "late"

    task = worker.run_task(work, on_done=delivered.append, on_error=delivered.append, context=page)
    page.deleteLater()
    qtbot.waitUntil(lambda: not _alive(page), timeout=10_000)
    release.set()
    qtbot.waitUntil(lambda: task.finished, timeout=10_000)
    assert delivered == []


def test_synchronous_mode_runs_inline_for_tests() -> None:
    worker.set_synchronous(True)
    results: list[int] = []
    worker.run_task(lambda _p, _c: 7, on_done=results.append, on_error=pytest.fail)
    assert results == [7]


def _alive(widget: QWidget) -> bool:
    from shiboken6 import Shiboken

    return Shiboken.isValid(widget)

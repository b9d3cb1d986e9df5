"""The one error handler of the GUI (CONVENTIONS.md, after Electrum).

Silent when the person cancelled; the message itself for an error written for a person,
shown in the message bar of the page where it happened; for anything else a traceback in
the log and a generic sentence. The same handler catches what escapes Qt's slots through
sys.excepthook while the GUI runs.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from shiboken6 import Shiboken

from hearth.errors import UserCancelled, UserFacingError
from hearth.ui.message_bar import MessageBar

log = logging.getLogger("hearth.ui")

BarFinder = Callable[[], MessageBar | None]
_fallback_bar: BarFinder | None = None


def generic_sentence() -> str:
    return QCoreApplication.translate(
        "Errors", "Something went wrong. Details were written to the log."
    )


def message_for(error: BaseException) -> str | None:
    """What to tell the person about ``error``, or None to say nothing. Logs unexpected ones."""
    if isinstance(error, UserCancelled):
        return None
    if isinstance(error, UserFacingError):
        return str(error)
    log.error("Unexpected error in the app", exc_info=(type(error), error, error.__traceback__))
    return generic_sentence()


def report_error(error: BaseException, bar: MessageBar | None = None) -> None:
    """Tell the person about ``error`` in ``bar`` (or the current page's bar)."""
    text = message_for(error)
    if text is None:
        return
    target = bar if bar is not None and Shiboken.isValid(bar) else None
    if target is None and _fallback_bar is not None:
        target = _fallback_bar()
    if target is not None:
        target.show_error(text)
        return
    # No page to show it in (e.g. before any window exists): a box is the only way left.
    app = QApplication.instance()
    if isinstance(app, QApplication):
        box = QMessageBox(QMessageBox.Icon.Warning, "Hearth", text, QMessageBox.StandardButton.Ok)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()


def set_fallback_bar(finder: BarFinder | None) -> None:
    """Where errors without a page of their own go (the main window's visible page)."""
    global _fallback_bar
    _fallback_bar = finder


def _excepthook(
    kind: type[BaseException], error: BaseException, traceback: TracebackType | None
) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, traceback)
        return
    if error.__traceback__ is None and traceback is not None:
        error = error.with_traceback(traceback)
    report_error(error)


def install_excepthook() -> Callable[[], None]:
    """Route uncaught exceptions to `report_error`; returns a function that undoes it."""
    previous = sys.excepthook
    sys.excepthook = _excepthook

    def restore() -> None:
        sys.excepthook = previous

    return restore

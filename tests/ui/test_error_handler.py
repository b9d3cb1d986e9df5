"""One error handler: silent on cancel, the sentence for people, a logged traceback otherwise."""

from __future__ import annotations

import logging
import sys

import pytest
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from hearth.errors import UsageError, UserCancelled, VaultInUse
from hearth.logs import redact_handler
from hearth.ui import errors
from hearth.ui.main_window import MainWindow
from hearth.ui.message_bar import MessageBar, MessageKind


@pytest.fixture
def bar(qtbot: QtBot) -> MessageBar:
    widget = MessageBar()
    qtbot.addWidget(widget)
    return widget


def raised(error: BaseException) -> BaseException:
    """``error`` with a real traceback, as it arrives from a failed call."""
    try:
        raise error
    except BaseException as caught:
        return caught


def test_user_facing_error_is_shown_as_its_own_sentence(
    bar: MessageBar, caplog: pytest.LogCaptureFixture
) -> None:
    errors.report_error(raised(VaultInUse("This vault is open elsewhere.")), bar)
    assert bar.text() == "This vault is open elsewhere."
    assert bar.kind is MessageKind.ERROR
    assert not bar.isHidden()
    assert caplog.records == []


def test_unexpected_error_is_logged_with_traceback_and_said_generically(
    bar: MessageBar, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.ERROR, logger="hearth.ui")
    # Every handler Hearth writes to redacts (hearth.logs); so does the one this test reads.
    redact_handler(caplog.handler)
    errors.report_error(raised(RuntimeError("index out of whack")), bar)

    assert bar.text() == "Something went wrong. Details were written to the log."
    [record] = caplog.records
    assert record.name == "hearth.ui"
    # The traceback is logged with its frames and the exception's type; the message of an
    # exception that is not Hearth's own sentence may quote data, so it is left out.
    assert "Traceback" in caplog.text and "builtins.RuntimeError" in caplog.text
    assert "in raised" in caplog.text
    assert "index out of whack" not in caplog.text
    assert "index out of whack" not in bar.text()


def test_cancelled_action_is_silent(bar: MessageBar, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    errors.report_error(raised(UserCancelled("Cancelled.")), bar)
    assert bar.isHidden()
    assert bar.text() == ""
    assert caplog.records == []


def test_error_without_a_page_goes_to_the_visible_page(unlocked: MainWindow) -> None:
    errors.set_fallback_bar(unlocked.current_bar)
    assert unlocked.workspace is not None
    unlocked.workspace.show_page("family")
    errors.report_error(raised(UsageError("There is no member called 'Zoe' in this vault.")))
    assert unlocked.workspace.family.bar.text() == (
        "There is no member called 'Zoe' in this vault."
    )


@pytest.mark.qt_no_exception_capture
def test_exception_escaping_a_slot_reaches_the_handler_through_excepthook(
    qtbot: QtBot, bar: MessageBar, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.ERROR, logger="hearth.ui")
    redact_handler(caplog.handler)
    errors.set_fallback_bar(lambda: bar)
    restore = errors.install_excepthook()
    try:
        assert sys.excepthook is not sys.__excepthook__
        button = QPushButton("Break")
        qtbot.addWidget(button)

        def broken() -> None:
            raise KeyError("missing piece")

        button.clicked.connect(broken)
        button.click()
    finally:
        restore()

    assert bar.text() == "Something went wrong. Details were written to the log."
    assert "builtins.KeyError" in caplog.text and "in broken" in caplog.text
    # (The frame's source line quotes this test's literal; the message itself is left out.)
    assert "KeyError: (message left out: it may quote data)" in caplog.text

"""The guard against PySide6 6.12.0 freeing None and True on Python 3.11 keeps the app alive.

Each case runs in its own interpreter, because the failure it guards against aborts the
process rather than raising.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from hearth.ui import qt_binding_fix

HAMMER = """
    from PySide6.QtCore import QObject, Signal
    from PySide6.QtWidgets import QApplication, QLabel

    class Ping(QObject):
        ping = Signal()

    app = QApplication([])
    label, ping = QLabel(), Ping()
    for _ in range(100_000):
        label.setText("x")      # returns None
        label.setEnabled(True)  # returns None
    for _ in range(20_000):
        ping.ping.emit()        # returns True
    print("alive")
"""


def run_python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
        check=False,
    )


def test_many_qt_calls_survive_once_hearth_ui_is_imported() -> None:
    done = run_python("import hearth.ui\n" + textwrap.dedent(HAMMER))
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "alive"


def test_the_guard_is_still_needed_for_this_pyside6() -> None:
    """Documents the bug: when it fails, PySide6 is fixed and qt_binding_fix can go."""
    if sys.version_info >= (3, 12):
        pytest.skip("None and True are immortal from Python 3.12 on")
    if not any(qt_binding_fix.leaks_per_call().values()):
        pytest.skip("this PySide6 does not leak: hearth.ui.qt_binding_fix is no longer needed")
    done = run_python(HAMMER)
    assert done.returncode != 0
    assert "deallocating" in done.stderr

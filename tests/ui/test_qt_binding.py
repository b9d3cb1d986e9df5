"""The installed PySide6 does not lose references to None and True.

PySide6 6.12.0 on Python 3.11 drops one reference to None on every Qt call that returns
nothing (and to True on every Signal.emit), so the app aborts after a few thousand mouse
moves ("none_dealloc: deallocating None"). pyproject.toml excludes that release; this test
fails if such a PySide6 is installed again. It runs in its own interpreter because the
failure aborts the process rather than raising.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

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


def test_a_hundred_thousand_qt_calls_do_not_abort_the_interpreter() -> None:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(HAMMER)],
        capture_output=True,
        text=True,
        timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "alive"

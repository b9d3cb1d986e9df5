"""The main window shown on an unlocked vault offscreen, then locked and closed: the
self-test's last step and the frozen app's start-up figure (`hearth.selftest`). Imported
only by them, when that step comes: loading Qt is part of what it times."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from hearth.errors import HearthError
from hearth.ui import app as ui_app
from hearth.ui import worker
from hearth.ui.main_window import MainWindow
from hearth.ui.preferences import Preferences
from hearth.vault import Vault


def show_unlocked_window(vault: Vault, settings_folder: Path) -> float:
    """Show the main window on ``vault`` offscreen, then lock and close it; returns the
    seconds from here to the window being shown."""
    started = time.perf_counter()
    application = ui_app._application()
    # Settings in the temporary folder: the person's own choices are neither read nor changed.
    settings = QSettings(str(settings_folder / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(vault.path, Preferences(settings))
    try:
        window.open_vault(vault)
        window.show()
        application.processEvents()
        if not window.isVisible() or window.workspace is None:
            raise HearthError("The main window did not show the unlocked vault.")
        shown = time.perf_counter() - started
    finally:
        window.lock()
        worker.wait_for_all()
        window.close()
        window.deleteLater()
        QApplication.processEvents()
    return shown

"""Start the desktop app: `run(vault_path)` is what `hearth` without arguments calls."""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from hearth.paths import log_dir
from hearth.ui import clipboard, errors, worker
from hearth.ui.first_run import FirstRunWizard
from hearth.ui.i18n import install_language
from hearth.ui.icons import app_icon
from hearth.ui.main_window import MainWindow
from hearth.ui.preferences import Preferences
from hearth.ui.theme import ThemeKeeper
from hearth.vault import Vault
from hearth.vault.database import DB_FILE

log = logging.getLogger("hearth.ui")


def run(vault_path: Path) -> int:
    """Open the GUI on ``vault_path``: the first-run wizard if no vault is there yet."""
    _log_to_file()
    app = _application()
    preferences = Preferences()
    install_language(app, preferences.language)
    theme = ThemeKeeper(app, preferences.theme)
    window = MainWindow(vault_path, preferences, theme=theme)
    errors.set_fallback_bar(window.current_bar)
    restore_hook = errors.install_excepthook()
    try:
        start(window)
        return app.exec()
    finally:
        restore_hook()
        errors.set_fallback_bar(None)
        worker.wait_for_all()
        clipboard.clear_if_ours()


def start(window: MainWindow) -> FirstRunWizard | None:
    """Show the first-run wizard when there is no vault yet, else the unlock screen."""
    path = window.vault_path
    # A vault.db without its key slots is a damaged vault, not a new one: the unlock screen
    # says so, where the wizard would only fail to create over it.
    if Vault.exists(path) or (path / DB_FILE).exists():
        window.show()
        return None
    wizard = FirstRunWizard(window.vault_path)

    def finished() -> None:
        vault = wizard.take_vault()
        if vault is None:
            QCoreApplication.quit()
            return
        window.open_vault(vault)
        window.show()

    wizard.finished.connect(finished)
    wizard.show()
    return wizard


def _application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QApplication.setApplicationName("Hearth")
    QApplication.setOrganizationName("Hearth")
    QApplication.setApplicationDisplayName("Hearth")
    QApplication.setDesktopFileName("hearth")
    app = QApplication(sys.argv)
    app.setWindowIcon(app_icon())
    return app


def _log_to_file() -> None:
    """Send the GUI's log to a rotating file, unless the launcher set up logging already."""
    root = logging.getLogger("hearth")
    if root.handlers or logging.getLogger().handlers:
        return
    folder = log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(
        folder / "hearth.log", maxBytes=1_000_000, backupCount=3, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO)

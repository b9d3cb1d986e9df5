"""The main window's sidebar, Home's next step, the pages still to come, and Settings."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from hearth.errors import WrongPassphrase
from hearth.ui.main_window import MainWindow
from hearth.ui.pages.marketplace import MarketplacePage
from hearth.ui.preferences import Preferences, ThemeChoice
from hearth.ui.recovery_kit_dialog import RecoveryKitDialog
from hearth.ui.theme import ThemeKeeper
from hearth.vault import Vault, newest_backup
from tests.conftest import OWNER, PASSPHRASE
from tests.ui.conftest import OTHER_PASSPHRASE, unlock


def test_sidebar_lists_every_page_in_order(unlocked: MainWindow) -> None:
    workspace = unlocked.workspace
    assert workspace is not None
    labels = [workspace.sidebar.item(i).text() for i in range(workspace.sidebar.count())]
    assert labels == [
        "Home",
        "Import",
        "Datasets",
        "Sharing & prices",
        "Marketplace",
        "Wallet",
        "Family",
        "Activity",
        "Settings",
    ]
    workspace.sidebar.setCurrentRow(labels.index("Family"))
    assert workspace.stack.currentWidget() is workspace.family


def test_no_page_is_a_placeholder_any_more(unlocked: MainWindow) -> None:
    workspace = unlocked.workspace
    assert workspace is not None
    assert isinstance(workspace.page("marketplace"), MarketplacePage)
    texts = [label.text() for label in workspace.findChildren(QLabel)]
    assert "This part of Hearth arrives in a later version." not in texts


def test_home_points_a_new_owner_at_importing_and_at_the_family(
    qtbot: QtBot, tmp_path: Path, preferences: Preferences
) -> None:
    path = tmp_path / "new"
    Vault.create(path, "Ana", PASSPHRASE)[0].close()
    window = MainWindow(path, preferences)
    qtbot.addWidget(window)
    unlock(window)
    workspace = window.workspace
    assert workspace is not None
    home = workspace.home
    texts = [label.text() for label in home.findChildren(QLabel) if label.isVisibleTo(window)]
    assert home.title.text() == "Welcome, Ana"
    assert "Import your first export" in texts
    assert "Add the people you live with" in texts
    assert [t for t in texts if t.isdigit()] == ["0", "1"], "no datasets, one member"

    go_import = next(
        b for b in home.findChildren(type(workspace.lock_button)) if "Import" in b.text()
    )
    qtbot.mouseClick(go_import, Qt.MouseButton.LeftButton)
    assert workspace.current_key() == "import"


def test_adult_is_not_asked_to_add_family(window: MainWindow) -> None:
    unlock(window, "Bo", OTHER_PASSPHRASE)
    assert window.workspace is not None
    home = window.workspace.home
    texts = [label.text() for label in home.findChildren(QLabel) if label.isVisibleTo(window)]
    assert "Import your first export" in texts
    assert "Add the people you live with" not in texts


def test_back_up_now_writes_a_backup_and_says_where(
    qtbot: QtBot, unlocked: MainWindow, closed_vault: Path
) -> None:
    workspace = unlocked.workspace
    assert workspace is not None
    workspace.show_page("settings")
    settings = workspace.settings
    assert settings.last_backup.text() == "There is no backup yet."
    qtbot.mouseClick(settings.backup_button, Qt.MouseButton.LeftButton)

    made = newest_backup(closed_vault)
    assert made is not None
    assert settings.bar.text() == f"Backup saved in {made}."
    assert settings.last_backup.text() == f"Newest backup: {made.name}"


def test_lock_now_in_settings_locks(unlocked: MainWindow, closed_vault: Path) -> None:
    workspace = unlocked.workspace
    assert workspace is not None
    workspace.show_page("settings")
    workspace.settings.lock_button.click()
    assert unlocked.vault is None
    with Vault.unlock(closed_vault, OWNER, PASSPHRASE):
        pass


def test_theme_override_is_applied_and_remembered(
    qtbot: QtBot, closed_vault: Path, preferences: Preferences
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    theme = ThemeKeeper(app, preferences.theme)
    window = MainWindow(closed_vault, preferences, theme=theme)
    qtbot.addWidget(window)
    unlock(window)
    workspace = window.workspace
    assert workspace is not None
    combo = workspace.settings.theme
    try:
        combo.setCurrentIndex(combo.findData(ThemeChoice.DARK.value))
        assert preferences.theme is ThemeChoice.DARK
        assert app.palette().color(QPalette.ColorRole.Window).lightness() < 80
        combo.setCurrentIndex(combo.findData(ThemeChoice.LIGHT.value))
        assert app.palette().color(QPalette.ColorRole.Window).lightness() > 180
    finally:
        theme.apply(ThemeChoice.SYSTEM)
        theme.deleteLater()


def test_owner_makes_a_new_recovery_key_and_the_old_one_stops_working(
    qtbot: QtBot, unlocked: MainWindow, closed_vault: Path, recovery_key: str
) -> None:
    workspace = unlocked.workspace
    assert workspace is not None
    box = workspace.settings.confirm_new_recovery_key()
    make = next(b for b in box.buttons() if b.text() == "Make a new key")
    make.click()
    [dialog] = workspace.settings.findChildren(RecoveryKitDialog)
    assert dialog is not None and dialog.isVisible()
    new_key = dialog.panel.key_label.text().replace("\n", "")
    assert new_key != recovery_key

    dialog.reject()  # Esc before confirming keeps it open
    assert dialog.isVisible()
    dialog.panel.confirm_box.setChecked(True)
    dialog.close_button.click()
    assert not dialog.isVisible()
    unlocked.lock()
    with Vault.unlock(closed_vault, OWNER, PASSPHRASE) as vault:
        replaced = [e for e in vault.audit_entries() if e.action == "vault.recovery_key_replaced"]
        assert len(replaced) == 1
    with pytest.raises(WrongPassphrase):
        Vault.unlock_with_recovery_key(closed_vault, recovery_key)
    Vault.unlock_with_recovery_key(closed_vault, new_key).close()


def test_screenshots_module_draws_every_screen(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "hearth.ui.screenshots", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=240,  # a whole sandbox sale is drawn too; a busy machine takes its time
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    pngs = sorted(p.name for p in tmp_path.glob("*.png"))
    assert len(pngs) == 35
    assert all((tmp_path / p).stat().st_size > 5_000 for p in pngs)


def test_run_starts_the_app_and_returns_its_exit_code(tmp_path: Path) -> None:
    script = f"""
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from hearth.ui import app as gui

qt = QApplication(sys.argv)
seen = []
QTimer.singleShot(300, lambda: (seen.extend(w.windowTitle() for w in qt.topLevelWidgets()
                                            if w.isVisible()), qt.exit(7)))
code = gui.run(Path({str(tmp_path / "vault")!r}))
print(code, seen)
"""
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        env={
            "QT_QPA_PLATFORM": "offscreen",
            "PATH": "/usr/bin:/bin",
            "HOME": str(tmp_path),
            "XDG_CONFIG_HOME": str(tmp_path / "config"),
            "XDG_STATE_HOME": str(tmp_path / "state"),
            "LANG": "en_US.UTF-8",
        },
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "7 ['Welcome to Hearth']"

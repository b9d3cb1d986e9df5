"""The main window: the unlock screen while locked, the workspace while a vault is open.

Locking (by hand, by Ctrl+L or by the auto-lock timer) stops running work, closes the
vault's dialogs, empties the clipboard if it holds a secret Hearth put there, closes the
vault (freeing its LOCK) and throws the workspace away with everything it showed.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QStackedWidget, QWidget

from hearth.ui import clipboard, worker
from hearth.ui.auto_lock import AutoLock
from hearth.ui.i18n import fill, install_language
from hearth.ui.icons import app_icon
from hearth.ui.message_bar import MessageBar
from hearth.ui.preferences import Preferences, ThemeChoice
from hearth.ui.recovery_kit_dialog import RecoveryKitDialog
from hearth.ui.theme import ThemeKeeper
from hearth.ui.unlock import UnlockScreen
from hearth.ui.workspace import Workspace
from hearth.vault import Vault

log = logging.getLogger("hearth.ui")


class MainWindow(QMainWindow):
    def __init__(
        self,
        vault_path: Path,
        preferences: Preferences,
        *,
        theme: ThemeKeeper | None = None,
        auto_lock_ms: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.vault_path = vault_path
        self.preferences = preferences
        self._theme = theme
        self._vault: Vault | None = None
        self._rebuild_pending = False
        # Tests (and nobody else) pass a short interval; people set minutes in Settings.
        self._fixed_auto_lock_ms = auto_lock_ms
        self.auto_lock = AutoLock(self._auto_lock_interval(), self)
        self.auto_lock.timed_out.connect(self._lock_after_inactivity)
        self.setWindowIcon(app_icon())
        self.setMinimumSize(860, 560)
        self.resize(1040, 680)
        self.stack = QStackedWidget(self)
        self.setCentralWidget(self.stack)
        self.unlock_screen = self._new_unlock_screen()
        self.workspace: Workspace | None = None
        lock = QShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_L), self)
        lock.activated.connect(self._lock_if_open)
        self._retitle()

    # ----------------------------------------------------------------- the vault

    @property
    def vault(self) -> Vault | None:
        return self._vault

    def open_vault(self, vault: Vault, page: str = "home") -> None:
        """Show the workspace for ``vault`` (just unlocked or just created)."""
        self._vault = vault
        self._show_workspace(page)
        self.auto_lock.set_interval(self._auto_lock_interval())
        self.auto_lock.start()
        log.info("Vault opened by a member")

    def lock(self, message: str = "") -> None:
        """Close the vault and everything that showed it; back to the unlock screen."""
        self.auto_lock.stop()
        worker.cancel_all()
        if self.workspace is not None:
            for dialog in self.workspace.findChildren(QDialog):
                if not dialog.isVisible():
                    continue  # already closed, waiting to be deleted
                if isinstance(dialog, RecoveryKitDialog):
                    dialog.discard()
                else:
                    dialog.reject()
        clipboard.clear_if_ours()
        if self._vault is not None:
            # Waits for the worker's current call to finish with the vault (it was asked
            # to cancel above): closing under a running statement is not allowed.
            self._vault.close()
            self._vault = None
            log.info("Vault locked")
        self._drop_workspace()
        self.stack.setCurrentWidget(self.unlock_screen)
        self.unlock_screen.reset(message or self.tr("The vault is locked."))
        self._retitle()

    def current_bar(self) -> MessageBar | None:
        """The message bar of what is on screen, for errors that belong to no page."""
        if self.workspace is not None and self.stack.currentWidget() is self.workspace:
            return self.workspace.current_bar()
        return self.unlock_screen.bar

    # ----------------------------------------------------------------- settings

    def set_auto_lock_minutes(self, minutes: int) -> None:
        self.preferences.auto_lock_minutes = minutes
        self.auto_lock.set_interval(self._auto_lock_interval())

    def set_language(self, language: str) -> None:
        self.preferences.language = language
        app = QApplication.instance()
        if app is not None:
            install_language(app, language)
        # Qt sends LanguageChange to every widget; changeEvent below rebuilds once.

    def set_theme(self, choice: str) -> None:
        self.preferences.theme = ThemeChoice(choice)
        if self._theme is not None:
            self._theme.apply(ThemeChoice(choice))

    # ----------------------------------------------------------------- Qt events

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange and not self._rebuild_pending:
            self._rebuild_pending = True
            # After the event storm, and never inside a page's own signal handler.
            QTimer.singleShot(0, self, self._rebuild_in_new_language)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._vault is not None:
            self.lock()
        worker.wait_for_all()
        clipboard.clear_if_ours()
        super().closeEvent(event)

    # ----------------------------------------------------------------- helpers

    def _auto_lock_interval(self) -> int:
        if self._fixed_auto_lock_ms is not None:
            return self._fixed_auto_lock_ms
        return self.preferences.auto_lock_minutes * 60_000

    def _lock_if_open(self) -> None:
        if self._vault is not None:
            self.lock()

    def _lock_after_inactivity(self) -> None:
        minutes = self.preferences.auto_lock_minutes
        self.lock(
            fill(
                self.tr("Hearth locked the vault after %1 minutes without use."),
                minutes,
            )
        )

    def _new_unlock_screen(self) -> UnlockScreen:
        screen = UnlockScreen(self.vault_path, self)
        screen.unlocked.connect(self.open_vault)
        self.stack.insertWidget(0, screen)
        return screen

    def _show_workspace(self, page: str) -> None:
        self._drop_workspace()
        assert self._vault is not None
        workspace = Workspace(self._vault, self.preferences, self)
        # A bound method, not a lambda: a lambda would hold the window, and freeing the
        # workspace could then free a window nobody else holds in the middle of deleting.
        workspace.lock_requested.connect(self.lock)
        workspace.auto_lock_changed.connect(self.set_auto_lock_minutes)
        workspace.language_changed.connect(self.set_language)
        workspace.theme_changed.connect(self.set_theme)
        self.stack.addWidget(workspace)
        self.stack.setCurrentWidget(workspace)
        workspace.show_page(page)
        workspace.sidebar.setFocus()
        self.workspace = workspace
        self._retitle()

    def _drop_workspace(self) -> None:
        if self.workspace is not None:
            self.stack.removeWidget(self.workspace)
            self.workspace.hide()
            self.workspace.deleteLater()
            self.workspace = None

    def _rebuild_in_new_language(self) -> None:
        self._rebuild_pending = False
        old = self.unlock_screen
        self.unlock_screen = self._new_unlock_screen()
        self.stack.removeWidget(old)
        old.deleteLater()
        if self._vault is not None and self.workspace is not None:
            self._show_workspace(self.workspace.current_key())
        else:
            self.stack.setCurrentWidget(self.unlock_screen)
        self._retitle()

    def _retitle(self) -> None:
        member = self._vault.member if self._vault is not None else None
        if member is not None:
            self.setWindowTitle(fill(self.tr("Hearth — %1"), member.name))
        else:
            self.setWindowTitle(self.tr("Hearth"))

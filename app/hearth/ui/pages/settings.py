"""Settings: auto-lock, language, theme, backups, and (for the owner) a new recovery key."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hearth.progress import CancelToken, ProgressCallback
from hearth.ui.errors import report_error
from hearth.ui.i18n import fill
from hearth.ui.pages.page import Page
from hearth.ui.preferences import (
    MAX_AUTO_LOCK_MINUTES,
    MIN_AUTO_LOCK_MINUTES,
    Preferences,
    ThemeChoice,
)
from hearth.ui.recovery_kit_dialog import RecoveryKitDialog
from hearth.ui.worker import run_task, run_with_progress
from hearth.vault import Role, Vault, newest_backup

# Language names are written in their own language, so anyone can find theirs.
LANGUAGE_NAMES = {"en": "English", "es": "Español"}


class SettingsPage(Page):
    lock_requested = Signal()
    auto_lock_changed = Signal(int)
    language_changed = Signal(str)
    theme_changed = Signal(str)

    def __init__(
        self, vault: Vault, preferences: Preferences, parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("Settings"), parent)
        self._vault = vault

        self.auto_lock = QSpinBox(self)
        self.auto_lock.setRange(MIN_AUTO_LOCK_MINUTES, MAX_AUTO_LOCK_MINUTES)
        self.auto_lock.setValue(preferences.auto_lock_minutes)
        self.auto_lock.setSuffix(self.tr(" min"))
        self.auto_lock.setAccessibleName(self.tr("Lock after this many minutes without use"))
        self.auto_lock.valueChanged.connect(self.auto_lock_changed)
        self.lock_button = QPushButton(self.tr("&Lock now"), self)
        self.lock_button.setAccessibleName(self.tr("Lock now"))
        self.lock_button.clicked.connect(self.lock_requested)
        locking_box, locking = self._group(self.tr("Locking"))
        locking_form = QFormLayout()
        locking_form.addRow(self.tr("Lock &after:"), self.auto_lock)
        locking.addLayout(locking_form)
        locking.addWidget(
            self._hint(
                self.tr(
                    "Hearth locks the vault when nobody has used it for this long; "
                    "unlocking needs a passphrase again."
                )
            )
        )
        locking.addLayout(_row(self.lock_button))

        self.language = QComboBox(self)
        self.language.setAccessibleName(self.tr("Language"))
        for code, name in LANGUAGE_NAMES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(preferences.language)))
        self.language.currentIndexChanged.connect(
            lambda _i: self.language_changed.emit(str(self.language.currentData()))
        )
        self.theme = QComboBox(self)
        self.theme.setAccessibleName(self.tr("Theme"))
        self.theme.addItem(self.tr("Same as the system"), ThemeChoice.SYSTEM.value)
        self.theme.addItem(self.tr("Light"), ThemeChoice.LIGHT.value)
        self.theme.addItem(self.tr("Dark"), ThemeChoice.DARK.value)
        self.theme.setCurrentIndex(max(0, self.theme.findData(preferences.theme.value)))
        self.theme.currentIndexChanged.connect(
            lambda _i: self.theme_changed.emit(str(self.theme.currentData()))
        )
        looks_box, looks = self._group(self.tr("Appearance"))
        looks_form = QFormLayout()
        looks_form.addRow(self.tr("La&nguage:"), self.language)
        looks_form.addRow(self.tr("&Theme:"), self.theme)
        looks.addLayout(looks_form)
        looks.addWidget(self._hint(self.tr("A new language applies at once to every page.")))

        self.backup_button = QPushButton(self.tr("&Back up now"), self)
        self.backup_button.setAccessibleName(self.tr("Back up now"))
        self.backup_button.clicked.connect(self.back_up)
        self.last_backup = self._hint("")
        backups_box, backups = self._group(self.tr("Backups"))
        backups.addWidget(
            self._hint(
                fill(
                    self.tr(
                        "A backup is an encrypted copy of the whole vault, kept in %1. "
                        "Copy that folder to a USB drive now and then."
                    ),
                    vault.path / "backups",
                )
            )
        )
        backups.addWidget(self.last_backup)
        backups.addLayout(_row(self.backup_button))

        self.recovery_button = QPushButton(self.tr("Make a new &recovery key…"), self)
        self.recovery_button.setAccessibleName(self.tr("Make a new recovery key"))
        self.recovery_button.clicked.connect(self.confirm_new_recovery_key)
        is_owner = vault.member is not None and vault.member.role is Role.OWNER
        self.recovery_button.setEnabled(is_owner)
        if not is_owner:
            self.recovery_button.setToolTip(self.tr("Only the vault's owner can do this."))
        recovery_box, recovery = self._group(self.tr("Recovery key"))
        recovery.addWidget(
            self._hint(
                self.tr(
                    "Lost the printed recovery key? Make a new one; the old one stops "
                    "working at once."
                )
            )
        )
        recovery.addLayout(_row(self.recovery_button))

        columns = QHBoxLayout()
        left, right = QVBoxLayout(), QVBoxLayout()
        for column, groups in (
            (left, (locking_box, looks_box)),
            (right, (backups_box, recovery_box)),
        ):
            for group in groups:
                column.addWidget(group)
            column.addStretch(1)
            columns.addLayout(column, 1)
        self.body.addLayout(columns, 1)
        self.refresh()

    def refresh(self) -> None:
        newest = newest_backup(self._vault.path)
        self.last_backup.setText(
            fill(self.tr("Newest backup: %1"), newest.name)
            if newest
            else self.tr("There is no backup yet.")
        )

    def back_up(self) -> None:
        vault = self._vault
        self.backup_button.setEnabled(False)

        def backup(progress: ProgressCallback, cancel: CancelToken) -> Path:
            return vault.backup(progress=progress, cancel=cancel)

        def done(made: Path) -> None:
            self.backup_button.setEnabled(True)
            self.refresh()
            self.bar.show_success(fill(self.tr("Backup saved in %1."), made))

        def failed(error: BaseException) -> None:
            self.backup_button.setEnabled(True)
            report_error(error, self.bar)

        run_with_progress(
            self, self.tr("Backing up the vault…"), backup, on_done=done, on_error=failed
        )

    def confirm_new_recovery_key(self) -> QMessageBox:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Make a new recovery key"),
            self.tr(
                "Make a new recovery key? The one you printed before stops working at once, "
                "so keep the new one safe."
            ),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        make = box.addButton(self.tr("Make a new key"), QMessageBox.ButtonRole.AcceptRole)
        keep = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # A click, not `finished`: locking rejects open boxes, which must never count as yes.
        box.buttonClicked.connect(
            lambda button: self._new_recovery_key() if button is make else None
        )
        box.open()
        return box

    def _new_recovery_key(self) -> None:
        vault = self._vault

        def replace(_progress: ProgressCallback, _cancel: CancelToken) -> str:
            return vault.replace_recovery_key()

        def done(key: str) -> None:
            name = vault.member.name if vault.member else ""
            dialog = RecoveryKitDialog(vault.path, name, key, self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.open()

        run_task(replace, on_done=done, on_error=lambda e: report_error(e, self.bar), context=self)

    def _group(self, title: str) -> tuple[QGroupBox, QVBoxLayout]:
        group = QGroupBox(title, self)
        return group, QVBoxLayout(group)

    def _hint(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setObjectName("Hint")
        label.setWordWrap(True)
        return label


def _row(button: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addWidget(button)
    row.addStretch(1)
    return row

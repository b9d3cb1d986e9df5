"""Shows a newly made recovery key (Settings) until the person confirms they kept it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from hearth.ui.recovery_kit import RecoveryKitPanel


class RecoveryKitDialog(QDialog):
    def __init__(
        self, vault_folder: Path, member_name: str, key: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Your new recovery key"))
        self.panel = RecoveryKitPanel(vault_folder, member_name, self)
        self.panel.set_key(key)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.close_button = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setAccessibleName(self.tr("Close"))
        self.close_button.setEnabled(False)
        self.buttons.rejected.connect(self.reject)
        self.panel.confirmed_changed.connect(self.close_button.setEnabled)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel)
        layout.addWidget(self.buttons)
        self.setMinimumSize(620, 380)

    def reject(self) -> None:
        # The old key already stopped working: leaving without keeping the new one would
        # leave the vault with no way back in. Esc asks for the confirmation instead.
        if not self.panel.is_confirmed():
            self.panel.bar.show_error(
                self.tr("Save or write down the new key first, then tick the box below.")
            )
            return
        self.panel.clear()
        super().reject()

    def discard(self) -> None:
        """Close without asking (the vault is locking); the key leaves the screen."""
        self.panel.clear()
        super().reject()

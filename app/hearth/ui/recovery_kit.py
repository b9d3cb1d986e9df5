"""The recovery kit panel: shows a new recovery key and saves the printable kit.

The key is shown once (the vault keeps no copy), so the panel makes saving it easy and
asks the person to confirm they did.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QFontDatabase, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from hearth.ui import clipboard
from hearth.ui.i18n import fill
from hearth.ui.message_bar import MessageBar
from hearth.ui.recovery_kit_pdf import draw_qr, key_lines, write_recovery_kit


class QrCodeView(QWidget):
    """A QR code of the recovery key on screen, for scanning straight into a phone's notes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self.setFixedSize(QSize(132, 132))
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def set_text(self, text: str) -> None:
        self._text = text
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._text:
            return
        painter = QPainter(self)
        draw_qr(painter, QRectF(self.rect()), self._text)
        painter.end()


class RecoveryKitPanel(QWidget):
    """Shows a new recovery key, saves the kit as PDF, and asks for the person's confirmation."""

    confirmed_changed = Signal(bool)

    def __init__(self, vault_folder: Path, member_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vault_folder = vault_folder
        self._member_name = member_name
        self._key = ""
        self.bar = MessageBar(self)
        intro = QLabel(
            self.tr(
                "This is your recovery key. If every passphrase is forgotten, it is the only "
                "way into the vault: Hearth keeps no copy and cannot show it again. Save the "
                "recovery kit and print it, or write the key on paper."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.key_label = QLabel(self)
        self.key_label.setObjectName("RecoveryKey")
        key_font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        key_font.setPointSizeF(max(16.0, key_font.pointSizeF() * 1.6))
        key_font.setBold(True)
        self.key_label.setFont(key_font)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_label.setAccessibleName(self.tr("Recovery key"))
        self.qr = QrCodeView(self)
        self.qr.setAccessibleName(self.tr("Recovery key as a QR code"))
        self.save_button = QPushButton(self.tr("&Save recovery kit as PDF…"), self)
        self.save_button.setAccessibleName(self.tr("Save recovery kit as PDF"))
        self.save_button.clicked.connect(self.choose_pdf_path)
        self.copy_button = QPushButton(self.tr("&Copy key"), self)
        self.copy_button.setAccessibleName(self.tr("Copy recovery key"))
        self.copy_button.setToolTip(self.tr("Hearth empties the clipboard again when it locks."))
        self.copy_button.clicked.connect(self._copy)
        self.confirm_box = QCheckBox(self.tr("I have saved or &printed my recovery key"), self)
        self.confirm_box.setAccessibleName(self.tr("I have saved or printed my recovery key"))
        self.confirm_box.toggled.connect(self.confirmed_changed)

        key_card = QFrame(self)
        key_card.setObjectName("KeyCard")
        key_row = QHBoxLayout(key_card)
        key_row.setContentsMargins(18, 12, 12, 12)
        key_row.addWidget(self.key_label, 1)
        key_row.addWidget(self.qr)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.copy_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar)
        layout.addWidget(intro)
        layout.addSpacing(8)
        layout.addWidget(key_card)
        layout.addSpacing(8)
        layout.addLayout(buttons)
        layout.addStretch(1)
        layout.addWidget(self.confirm_box)

    def set_key(self, key: str, member_name: str | None = None) -> None:
        self._key = key
        if member_name is not None:
            self._member_name = member_name
        self.key_label.setText(key_lines(key))
        self.qr.set_text(key)
        self.confirm_box.setChecked(False)

    def is_confirmed(self) -> bool:
        return self.confirm_box.isChecked()

    def clear(self) -> None:
        """Forget the key (when the kit is done with, or the vault locks)."""
        self._key = ""
        self.key_label.clear()
        self.qr.set_text("")

    def choose_pdf_path(self) -> None:
        # Non-blocking and Qt's own dialog: no nested event loop for auto-lock to trip
        # over, and the same dialog on every OS (and in tests).
        dialog = QFileDialog(self, self.tr("Save recovery kit"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setNameFilter(self.tr("PDF documents (*.pdf)"))
        dialog.setDefaultSuffix("pdf")
        dialog.setDirectory(str(Path.home()))
        dialog.selectFile(self.tr("Hearth recovery kit.pdf"))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda chosen: self.save_pdf(Path(chosen)))
        dialog.open()

    def save_pdf(self, path: Path) -> bool:
        """Write the kit to ``path`` and say so; an unwritable place gets a plain sentence."""
        try:
            write_recovery_kit(
                path, vault_folder=self._vault_folder, member_name=self._member_name, key=self._key
            )
        except OSError as error:
            self.bar.show_error(
                fill(
                    self.tr("Could not save the recovery kit as %1 (%2). Choose another folder."),
                    path,
                    error.strerror or error,
                )
            )
            return False
        self.bar.show_success(
            fill(
                self.tr("Recovery kit saved as %1. Print it, then keep the paper somewhere safe."),
                path,
            )
        )
        return True

    def _copy(self) -> None:
        clipboard.copy_secret(self._key)
        self.bar.show_info(
            self.tr(
                "Key copied. Paste it where you keep it safe; the clipboard is emptied on lock."
            )
        )

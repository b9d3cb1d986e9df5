"""The recovery kit: the printable page with the recovery key, and the panel that shows it.

The key is shown once (the vault keeps no copy), so the panel makes saving it easy and
asks the person to confirm they did. The PDF is drawn with QPdfWriter, the QR code from
segno's module matrix, and written atomically with owner-only permissions.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import segno
from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QMarginsF,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QPageLayout,
    QPageSize,
    QPainter,
    QPaintEvent,
    QPdfWriter,
)
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

from hearth import __version__
from hearth.atomic import write_atomically
from hearth.ui import clipboard
from hearth.ui.i18n import fill
from hearth.ui.message_bar import MessageBar

QUIET_ZONE = 4  # modules of white around a QR code, as scanners expect


def qr_matrix(text: str) -> list[list[bool]]:
    """The dark (True) and light modules of a regular QR code for ``text``."""
    # micro=False: Micro QR would be smaller, but many phone scanners cannot read it.
    code = segno.make(text, error="m", micro=False)
    return [[bool(module) for module in row] for row in code.matrix]


def draw_qr(painter: QPainter, area: QRectF, text: str) -> None:
    """Draw ``text`` as a QR code, with its quiet zone, filling the square ``area``."""
    matrix = qr_matrix(text)
    modules = len(matrix) + 2 * QUIET_ZONE
    side = min(area.width(), area.height())
    step = side / modules
    painter.save()
    painter.fillRect(QRectF(area.left(), area.top(), side, side), QColor("white"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("black"))
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                # A hair of overlap keeps anti-aliasing from drawing seams between modules.
                painter.drawRect(
                    QRectF(
                        area.left() + (x + QUIET_ZONE) * step,
                        area.top() + (y + QUIET_ZONE) * step,
                        step + 0.5,
                        step + 0.5,
                    )
                )
    painter.restore()


def key_lines(key: str) -> str:
    """The key's eight groups on two lines of four, as printed and shown."""
    groups = key.split("-")
    half = (len(groups) + 1) // 2
    return "-".join(groups[:half]) + "-\n" + "-".join(groups[half:])


def recovery_kit_pdf(*, vault_folder: Path, member_name: str, key: str) -> bytes:
    """The recovery kit as the bytes of a one-page A4 PDF."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(QCoreApplication.translate("RecoveryKit", "Hearth recovery kit"))
    writer.setCreator(f"Hearth {__version__}")
    writer.setResolution(300)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(20, 20, 20, 20),
            QPageLayout.Unit.Millimeter,
        )
    )
    painter = QPainter(writer)
    try:
        _draw_kit(painter, writer.width(), writer.height(), vault_folder, member_name, key)
    finally:
        painter.end()
    buffer.close()
    return bytes(data.data())


def write_recovery_kit(path: Path, *, vault_folder: Path, member_name: str, key: str) -> None:
    """Save the recovery kit PDF at ``path``, readable only by this user."""
    pdf = recovery_kit_pdf(vault_folder=vault_folder, member_name=member_name, key=key)
    write_atomically(path, pdf, mode=0o600)


def _draw_kit(
    painter: QPainter, width: int, height: int, vault_folder: Path, member_name: str, key: str
) -> None:
    mm = 300 / 25.4  # device pixels per millimetre at 300 dpi
    y = 0.0

    def text_block(text: str, font: QFont, *, gap_mm: float = 3, color: str = "#1b1b1b") -> None:
        nonlocal y
        painter.setFont(font)
        painter.setPen(QColor(color))
        flags = int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignLeft)
        bounds = painter.boundingRect(QRectF(0, y, width, 10_000), flags, text)
        painter.drawText(QRectF(0, y, width, bounds.height()), flags, text)
        y += bounds.height() + gap_mm * mm

    sans = QFont("DejaVu Sans")
    sans.setStyleHint(QFont.StyleHint.SansSerif)

    def font(points: float, *, bold: bool = False, mono: bool = False) -> QFont:
        chosen = (
            QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont) if mono else QFont(sans)
        )
        chosen.setPointSizeF(points)
        chosen.setBold(bold)
        return chosen

    text_block(
        QCoreApplication.translate("RecoveryKit", "Hearth recovery kit"),
        font(24, bold=True),
        gap_mm=2,
    )
    text_block(
        QCoreApplication.translate(
            "RecoveryKit",
            "This page can open your family's vault if every passphrase is forgotten. "
            "Keep it as safe as a passport.",
        ),
        font(11),
        gap_mm=6,
        color="#444444",
    )
    details = (
        (QCoreApplication.translate("RecoveryKit", "Vault folder"), str(vault_folder)),
        (QCoreApplication.translate("RecoveryKit", "Made by"), member_name),
        (QCoreApplication.translate("RecoveryKit", "Made on"), date.today().isoformat()),
    )
    for label, value in details:
        text_block(label, font(9, bold=True), gap_mm=0.5, color="#666666")
        text_block(value, font(11), gap_mm=3)
    y += 3 * mm
    painter.setPen(QColor("#c0581b"))
    painter.drawLine(0, round(y), width, round(y))
    y += 6 * mm
    text_block(
        QCoreApplication.translate("RecoveryKit", "Your recovery key"),
        font(13, bold=True),
        gap_mm=3,
    )
    key_top = y
    qr_side = 45 * mm
    text_block(key_lines(key), font(22, bold=True, mono=True), gap_mm=3)
    draw_qr(painter, QRectF(width - qr_side, key_top - 4 * mm, qr_side, qr_side), key)
    y = max(y, key_top + qr_side) + 4 * mm
    painter.setPen(QColor("#c0581b"))
    painter.drawLine(0, round(y), width, round(y))
    y += 6 * mm
    text_block(
        QCoreApplication.translate("RecoveryKit", "What to do with this page"),
        font(13, bold=True),
        gap_mm=3,
    )
    steps = (
        QCoreApplication.translate(
            "RecoveryKit",
            "Print this page and keep it somewhere safe, such as with your passports.",
        ),
        QCoreApplication.translate(
            "RecoveryKit",
            "Do not share the key or keep it on this computer: anyone who has it can open "
            "your vault. If you saved this PDF here, delete the file once it is printed.",
        ),
        QCoreApplication.translate(
            "RecoveryKit",
            "If you ever forget your passphrase, open Hearth, choose \u201cForgot your "
            "passphrase?\u201d and type this key (letters and digits, the dashes are optional).",
        ),
        QCoreApplication.translate(
            "RecoveryKit",
            "If this page is lost, the vault's owner can make a new recovery key in "
            "Settings; the old one then stops working.",
        ),
    )
    for number, step in enumerate(steps, start=1):
        text_block(f"{number}.  {step}", font(11), gap_mm=2.5)
    y = height - 6 * mm
    text_block(f"Hearth {__version__}", font(8), gap_mm=0, color="#888888")


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

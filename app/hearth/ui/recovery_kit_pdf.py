"""The recovery kit as a printable page: a one-page PDF with the key and its QR code.

Drawn with QPdfWriter into memory and written atomically with owner-only permissions;
the QR code is segno's module matrix painted as rectangles, so it stays sharp at any size.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import segno
from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QMarginsF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QPageLayout, QPageSize, QPainter, QPdfWriter

from hearth import __version__
from hearth.atomic import write_atomically

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

"""Receiving: the address as text and as a QR code, and the age recipient buyers encrypt to."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QFontDatabase, QGuiApplication, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from hearth.ui.i18n import fill
from hearth.ui.message_bar import MessageBar
from hearth.ui.recovery_kit_pdf import draw_qr
from hearth.wallet.info import WalletInfo


class QrView(QWidget):
    """A square QR code of some public text (an address), as large as ``side``."""

    def __init__(self, side: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self.setFixedSize(QSize(side, side))
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def text(self) -> str:
        return self._text

    def set_text(self, text: str) -> None:
        self._text = text
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._text:
            return
        painter = QPainter(self)
        draw_qr(painter, QRectF(self.rect()), self._text)
        painter.end()


def mono_label(text: str, parent: QWidget) -> QLabel:
    """An address or key, in a fixed-width font a person can select and compare."""
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSizeF(font.pointSizeF() * 1.15)
    label.setFont(font)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


def copy_public(text: str) -> None:
    """Put public text (an address) on the clipboard; not a secret, so locking leaves it."""
    QGuiApplication.clipboard().setText(text)


class ReceiveDialog(QDialog):
    """What to give someone who pays you: the address, large enough to scan from a phone."""

    def __init__(self, info: WalletInfo, network_title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Receive"))
        self.bar = MessageBar(self)
        intro = QLabel(
            fill(
                self.tr(
                    "To be paid on %1, give the payer this address, or let them scan the "
                    "code. Only coins of this network belong at it."
                ),
                network_title,
            ),
            self,
        )
        intro.setWordWrap(True)
        self.qr = QrView(260, self)
        self.qr.set_text(info.address)
        self.qr.setAccessibleName(self.tr("Your address as a QR code"))
        self.address = mono_label(info.address, self)
        self.address.setAccessibleName(self.tr("Your address"))
        self.copy_address = QPushButton(self.tr("&Copy address"), self)
        self.copy_address.setAccessibleName(self.tr("Copy address"))
        self.copy_address.clicked.connect(lambda: self._copy(info.address))
        age_intro = QLabel(
            self.tr(
                "Buyers' apps encrypt the data packages they deliver to you with this "
                "public key (an age recipient). It is not a secret."
            ),
            self,
        )
        age_intro.setObjectName("Hint")
        age_intro.setWordWrap(True)
        self.recipient = mono_label(info.age_recipient, self)
        self.recipient.setAccessibleName(self.tr("Your age recipient"))
        self.copy_recipient = QPushButton(self.tr("Copy &age recipient"), self)
        self.copy_recipient.setAccessibleName(self.tr("Copy age recipient"))
        self.copy_recipient.clicked.connect(lambda: self._copy(info.age_recipient))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName(self.tr("Close"))
        buttons.rejected.connect(self.reject)

        qr_row = QHBoxLayout()
        qr_row.addStretch(1)
        qr_row.addWidget(self.qr)
        qr_row.addStretch(1)
        address_row = QHBoxLayout()
        address_row.addWidget(self.address, 1)
        address_row.addWidget(self.copy_address)
        recipient_row = QHBoxLayout()
        recipient_row.addWidget(self.recipient, 1)
        recipient_row.addWidget(self.copy_recipient)
        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addWidget(intro)
        layout.addLayout(qr_row)
        layout.addLayout(address_row)
        layout.addSpacing(8)
        layout.addWidget(age_intro)
        layout.addLayout(recipient_row)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)

    def _copy(self, text: str) -> None:
        copy_public(text)
        self.bar.show_info(self.tr("Copied."))

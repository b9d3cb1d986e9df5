"""The unlock screen: pick who you are, type your passphrase, open the vault on the worker."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hearth.errors import HearthError, WrongPassphrase
from hearth.progress import CancelToken, ProgressCallback
from hearth.ui.errors import report_error
from hearth.ui.forgot_passphrase import ForgotPassphraseDialog
from hearth.ui.i18n import fill
from hearth.ui.icons import app_icon
from hearth.ui.message_bar import MessageBar
from hearth.ui.wording import role_name
from hearth.ui.worker import run_task
from hearth.vault import Vault

_ROW_HEIGHT = 28


class UnlockScreen(QWidget):
    unlocked = Signal(object)  # the open Vault

    def __init__(self, vault_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._path = vault_path
        self._busy = False

        logo = QLabel(self)
        logo.setPixmap(app_icon().pixmap(QSize(64, 64)))
        logo.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        title = QLabel(self.tr("Unlock your family's vault"), self)
        title.setObjectName("PageTitle")
        title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        folder = QLabel(str(vault_path), self)
        folder.setObjectName("Hint")
        folder.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        folder.setWordWrap(True)
        self.bar = MessageBar(self)
        who = QLabel(self.tr("&Who are you?"), self)
        self.members = QListWidget(self)
        self.members.setAccessibleName(self.tr("Who are you?"))
        who.setBuddy(self.members)
        passphrase_label = QLabel(self.tr("&Passphrase:"), self)
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        passphrase_label.setBuddy(self.passphrase)
        self.passphrase.returnPressed.connect(self.unlock)
        self.members.itemActivated.connect(lambda _item: self.passphrase.setFocus())
        self.unlock_button = QPushButton(self.tr("&Unlock"), self)
        self.unlock_button.setAccessibleName(self.tr("Unlock"))
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.unlock)
        self.forgot_button = QPushButton(self.tr("&Forgot your passphrase?"), self)
        self.forgot_button.setObjectName("LinkButton")
        self.forgot_button.setFlat(True)
        self.forgot_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.forgot_button.setAccessibleName(self.tr("Forgot your passphrase?"))
        self.forgot_button.clicked.connect(self.open_forgot_dialog)
        self.status = QLabel(self)
        self.status.setObjectName("Hint")

        card = QFrame(self)
        card.setObjectName("UnlockCard")
        card.setMaximumWidth(480)
        column = QVBoxLayout(card)
        column.setSpacing(8)
        column.addWidget(logo)
        column.addWidget(title)
        column.addWidget(folder)
        column.addSpacing(6)
        column.addWidget(self.bar)
        column.addWidget(who)
        column.addWidget(self.members)
        column.addWidget(passphrase_label)
        column.addWidget(self.passphrase)
        buttons = QHBoxLayout()
        buttons.addWidget(self.forgot_button)
        buttons.addStretch(1)
        buttons.addWidget(self.status)
        buttons.addWidget(self.unlock_button)
        column.addLayout(buttons)
        # Centre the card: stretches around it, a little more below than above.
        wrapper = QVBoxLayout()
        wrapper.addStretch(1)
        wrapper.addWidget(card)
        wrapper.addStretch(2)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(wrapper, 3)
        outer.addStretch(1)
        self.setTabOrder(self.members, self.passphrase)
        self.setTabOrder(self.passphrase, self.unlock_button)
        self.setTabOrder(self.unlock_button, self.forgot_button)
        self.reload()

    def reload(self, select: str | None = None) -> None:
        """Read the member list from keyslots.json (no passphrase needed)."""
        current = select or self.selected_member()
        self.members.clear()
        try:
            labels = Vault.members_of(self._path)
        except HearthError as error:
            report_error(error, self.bar)
            labels = []
        for label in labels:
            item = QListWidgetItem(fill(self.tr("%1 · %2"), label.name, role_name(label.role)))
            item.setData(Qt.ItemDataRole.UserRole, label.name)
            item.setSizeHint(QSize(0, _ROW_HEIGHT))
            self.members.addItem(item)
            if label.name == current:
                self.members.setCurrentItem(item)
        if self.members.currentItem() is None and self.members.count():
            self.members.setCurrentRow(0)
        # As tall as the household, up to six rows; the list scrolls beyond that.
        rows = max(1, min(6, self.members.count()))
        self.members.setFixedHeight(rows * _ROW_HEIGHT + 2 * self.members.frameWidth() + 2)

    def selected_member(self) -> str | None:
        item = self.members.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def reset(self, message: str = "") -> None:
        """Back to a fresh screen (after locking): empty field, optional notice."""
        self.passphrase.clear()
        self.bar.clear()
        self._set_busy(False)
        self.reload()
        if message:
            self.bar.show_info(message)
        self.passphrase.setFocus()

    def unlock(self) -> None:
        member = self.selected_member()
        passphrase = self.passphrase.text()
        if self._busy:
            return
        if member is None:
            self.bar.show_error(self.tr("Choose who you are in the list first."))
            self.members.setFocus()
            return
        if not passphrase:
            self.bar.show_error(self.tr("Type your passphrase, then press Unlock."))
            self.passphrase.setFocus()
            return
        path = self._path
        self._set_busy(True)

        def open_vault(_progress: ProgressCallback, _cancel: CancelToken) -> Vault:
            return Vault.unlock(path, member, passphrase)

        run_task(open_vault, on_done=self._opened, on_error=self._failed, context=self)

    def open_forgot_dialog(self) -> ForgotPassphraseDialog:
        dialog = ForgotPassphraseDialog(self._path, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.passphrase_reset.connect(self._after_reset)
        dialog.open()
        return dialog

    def _after_reset(self, name: str) -> None:
        self.reset()
        self.reload(select=name)
        self.bar.show_success(
            fill(self.tr("%1's passphrase was changed. Unlock with the new one."), name)
        )
        self.passphrase.setFocus()

    def _opened(self, vault: Vault) -> None:
        self.passphrase.clear()
        self.bar.clear()
        self._set_busy(False)
        self.unlocked.emit(vault)

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        report_error(error, self.bar)
        if isinstance(error, WrongPassphrase):
            self.passphrase.clear()
            self.passphrase.setFocus()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for widget in (self.members, self.passphrase, self.unlock_button, self.forgot_button):
            widget.setEnabled(not busy)
        self.status.setText(self.tr("Unlocking…") if busy else "")

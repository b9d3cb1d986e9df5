"""Family: who shares the vault, in which role; the owner adds and removes members."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from hearth.progress import CancelToken, ProgressCallback
from hearth.ui.errors import report_error
from hearth.ui.i18n import fill
from hearth.ui.pages.family_dialogs import AddMemberDialog, ChangePassphraseDialog
from hearth.ui.pages.page import Page
from hearth.ui.wording import local_time, role_name
from hearth.ui.worker import run_task
from hearth.vault import Member, Role, Vault


class FamilyPage(Page):
    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Family"), parent)
        self._vault = vault
        self._members: list[Member] = []
        me = vault.member
        self._is_owner = me is not None and me.role is Role.OWNER
        lead = QLabel(
            self.tr(
                "Everyone in the household has their own passphrase and decides about "
                "their own data. The owner adds and removes members."
            ),
            self,
        )
        lead.setWordWrap(True)
        self.table = QTableWidget(0, 3, self)
        self.table.setAccessibleName(self.tr("Family members"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Role"), self.tr("Member since")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._update_buttons)

        self.add_button = QPushButton(self.tr("&Add member…"), self)
        self.add_button.setAccessibleName(self.tr("Add member"))
        self.add_button.clicked.connect(self.open_add_dialog)
        self.remove_button = QPushButton(self.tr("&Remove member…"), self)
        self.remove_button.setAccessibleName(self.tr("Remove member"))
        self.remove_button.clicked.connect(self.confirm_remove)
        self.passphrase_button = QPushButton(self.tr("&Change passphrase…"), self)
        self.passphrase_button.setAccessibleName(self.tr("Change passphrase"))
        self.passphrase_button.clicked.connect(self.open_passphrase_dialog)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.passphrase_button)
        buttons.addStretch(1)
        self.owner_hint = QLabel(self)
        self.owner_hint.setObjectName("Hint")
        self.owner_hint.setWordWrap(True)

        self.body.addWidget(lead)
        self.body.addLayout(buttons)
        self.body.addWidget(self.table, 1)
        self.body.addWidget(self.owner_hint)
        self.setTabOrder(self.add_button, self.remove_button)
        self.setTabOrder(self.remove_button, self.passphrase_button)
        self.setTabOrder(self.passphrase_button, self.table)
        self.refresh()

    def refresh(self) -> None:
        selected = self.selected_member()
        self._members = self._vault.members()
        me = self._vault.member
        self.table.setRowCount(len(self._members))
        for row, member in enumerate(self._members):
            name = member.name
            if me is not None and me.id == member.id:
                name = fill(self.tr("%1 (you)"), member.name)
            cells = (name, role_name(member.role), local_time(member.created_at).split(" ")[0])
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        keep = next((i for i, m in enumerate(self._members) if selected and m.id == selected.id), 0)
        self.table.selectRow(keep)
        owner = next((m.name for m in self._members if m.role is Role.OWNER), "")
        self.owner_hint.setText(
            ""
            if self._is_owner
            else fill(self.tr("Only %1, the vault's owner, can add or remove members."), owner)
        )
        self._update_buttons()

    def selected_member(self) -> Member | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or rows[0].row() >= len(self._members):
            return None
        return self._members[rows[0].row()]

    def open_add_dialog(self) -> AddMemberDialog:
        dialog = AddMemberDialog(self._vault, self)
        self._open(dialog)
        return dialog

    def open_passphrase_dialog(self) -> ChangePassphraseDialog | None:
        member = self.selected_member()
        me = self._vault.member
        if member is None or me is None:
            return None
        names = [m.name for m in self._members] if self._is_owner else [me.name]
        chosen = member.name if self._is_owner else me.name
        dialog = ChangePassphraseDialog(self._vault, names, chosen, self)
        self._open(dialog)
        return dialog

    def confirm_remove(self) -> QMessageBox | None:
        """Ask before removing: this is a decision, so a modal box is right here."""
        member = self.selected_member()
        if member is None:
            return None
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Remove member"),
            fill(
                self.tr(
                    "Remove %1 from the vault? %1 will no longer be able to unlock it with "
                    "their passphrase."
                ),
                member.name,
            ),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        remove = box.addButton(
            fill(self.tr("Remove %1"), member.name), QMessageBox.ButtonRole.DestructiveRole
        )
        keep = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def decided(button: QAbstractButton) -> None:
            if button is remove:
                self._remove(member)

        # A click, not `finished`: locking rejects open boxes, which must never count as yes.
        box.buttonClicked.connect(decided)
        box.open()
        return box

    def _remove(self, member: Member) -> None:
        vault = self._vault

        def remove(_progress: ProgressCallback, _cancel: CancelToken) -> None:
            vault.remove_member(member.name)

        def done(_result: None) -> None:
            self.refresh()
            self.bar.show_success(fill(self.tr("%1 was removed from the vault."), member.name))

        run_task(remove, on_done=done, on_error=lambda e: report_error(e, self.bar), context=self)

    def _open(self, dialog: AddMemberDialog | ChangePassphraseDialog) -> None:
        dialog.succeeded.connect(self._after_change)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _after_change(self, sentence: str) -> None:
        self.refresh()
        self.bar.show_success(sentence)

    def _update_buttons(self) -> None:
        member = self.selected_member()
        me = self._vault.member
        only_owner = self.tr("Only the vault's owner can do this.")
        self.add_button.setEnabled(self._is_owner)
        self.add_button.setToolTip("" if self._is_owner else only_owner)
        can_remove = self._is_owner and member is not None and member.role is not Role.OWNER
        self.remove_button.setEnabled(can_remove)
        if not self._is_owner:
            self.remove_button.setToolTip(only_owner)
        elif member is not None and member.role is Role.OWNER:
            self.remove_button.setToolTip(self.tr("The owner cannot be removed."))
        else:
            self.remove_button.setToolTip("")
        is_me = member is not None and me is not None and member.id == me.id
        self.passphrase_button.setEnabled(member is not None and (self._is_owner or is_me))
        self.passphrase_button.setToolTip(
            "" if self._is_owner or is_me else self.tr("You can change only your own passphrase.")
        )

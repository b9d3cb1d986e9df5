"""The Family page's dialogs: add a member, change a passphrase."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from hearth.progress import CancelToken, ProgressCallback
from hearth.ui.action_dialog import ActionDialog
from hearth.ui.i18n import fill
from hearth.ui.passphrase_fields import PassphraseFields
from hearth.ui.wording import role_name
from hearth.vault import Role, Vault


class AddMemberDialog(ActionDialog):
    """The owner adds someone: their name, adult or child, and their first passphrase."""

    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Add a family member"), self.tr("&Add member"), parent)
        self._vault = vault
        self.set_intro(
            self.tr(
                "Type the new member's name and let them choose their passphrase here, "
                "or choose one together and tell them. They can change it later."
            )
        )
        self.name = QLineEdit(self)
        self.name.setAccessibleName(self.tr("Name"))
        self.role = QComboBox(self)
        self.role.setAccessibleName(self.tr("Role"))
        self.role.addItem(role_name(Role.ADULT), Role.ADULT.value)
        self.role.addItem(role_name(Role.CHILD), Role.CHILD.value)
        self.role.setToolTip(self.tr("A child's data can be offered only after an adult approves."))
        self.passphrase = PassphraseFields(self, known_words=lambda: [self.name.text()])
        self.form.addRow(self.tr("&Name:"), self.name)
        self.form.addRow(self.tr("R&ole:"), self.role)
        self.passphrase.add_to(self.form)
        # The name is a word a guesser would try first: re-rate when it changes.
        self.name.textChanged.connect(self.passphrase.refresh)
        self.passphrase.changed.connect(self._update)
        self._update()

    def work(self) -> tuple[Callable[[ProgressCallback, CancelToken], Any], str] | None:
        name = self.name.text().strip()
        passphrase = self.passphrase.passphrase()
        if not name or passphrase is None:
            return None
        role = Role(str(self.role.currentData()))
        vault = self._vault

        def add(_progress: ProgressCallback, _cancel: CancelToken) -> object:
            return vault.add_member(name, role, passphrase)

        return add, fill(self.tr("%1 can now unlock the vault with their passphrase."), name)

    def _update(self) -> None:
        self.set_ready(bool(self.name.text().strip()) and self.passphrase.passphrase() is not None)


class ChangePassphraseDialog(ActionDialog):
    """Set a new passphrase for oneself, or (the owner) for any member."""

    def __init__(
        self, vault: Vault, names: list[str], chosen: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("Change passphrase"), self.tr("&Change passphrase"), parent)
        self._vault = vault
        self.set_intro(
            self.tr(
                "The new passphrase works from now on; the old one stops working. Other "
                "members' passphrases do not change."
            )
        )
        self.member = QComboBox(self)
        self.member.setAccessibleName(self.tr("Member"))
        self.member.addItems(names)
        self.member.setCurrentText(chosen)
        self.member.setEnabled(len(names) > 1)
        self.passphrase = PassphraseFields(self, known_words=lambda: [self.member.currentText()])
        self.form.addRow(self.tr("&Member:"), self.member)
        self.passphrase.add_to(self.form)
        self.passphrase.changed.connect(self._update)
        self._update()

    def work(self) -> tuple[Callable[[ProgressCallback, CancelToken], Any], str] | None:
        passphrase = self.passphrase.passphrase()
        if passphrase is None:
            return None
        name = self.member.currentText()
        vault = self._vault

        def change(_progress: ProgressCallback, _cancel: CancelToken) -> None:
            vault.change_passphrase(name, passphrase)

        return change, fill(self.tr("%1's passphrase was changed."), name)

    def _update(self) -> None:
        self.set_ready(self.passphrase.passphrase() is not None)

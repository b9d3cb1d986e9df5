"""Sharing & prices: for one dataset at a time, who may use it, for what, for how long, at
what price and with what taken out first; the summary in plain words as the person edits;
what a buyer would get; offering, a guardian's approval, and withdrawing.

Each change is saved at once on the GUI thread (a quick write); signing its consent record
with the member's wallet, and after a withdrawal cancelling the dataset's open offers on chain,
follow on the worker through the signing dialog (`sharing_signing`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from hearth.consent import store
from hearth.consent.policy import ConsentPolicy
from hearth.consent.store import ConsentStatus, PolicyVersion
from hearth.consent.summary import summarize
from hearth.errors import UserFacingError
from hearth.packages.preview import Preview, preview
from hearth.progress import CancelToken, ProgressCallback
from hearth.ui.errors import report_error
from hearth.ui.i18n import fill
from hearth.ui.message_bar import MessageKind
from hearth.ui.pages.page import Page
from hearth.ui.pages.sharing_box import hint
from hearth.ui.pages.sharing_form import PolicyForm
from hearth.ui.pages.sharing_history import HistoryTable
from hearth.ui.pages.sharing_preview import BuyerPreview
from hearth.ui.pages.sharing_signing import ConsentSigning
from hearth.ui.pages.sharing_words import core_words
from hearth.ui.wallet_steps import StepRunner
from hearth.ui.wording import role_name
from hearth.vault import Member, Role, Vault
from hearth.vault.browse import summarize as summarize_types
from hearth.vault.datasets import Dataset

SAMPLE_ROWS = 10


class SharingPage(Page):
    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Sharing & prices"), parent)
        self._vault = vault
        self._datasets: list[Dataset] = []
        self._status: ConsentStatus | None = None
        self._owner: Member | None = None

        lead = QLabel(
            self.tr(
                "Nothing leaves the vault until you say so. Choose, dataset by dataset, who "
                "may use it, for what, for how long and at what price."
            ),
            self,
        )
        lead.setWordWrap(True)
        self.dataset_choice = QComboBox(self)
        self.dataset_choice.setAccessibleName(self.tr("Dataset"))
        self.dataset_choice.setMinimumContentsLength(24)
        self.dataset_choice.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        dataset_label = QLabel(self.tr("&Dataset:"), self)
        dataset_label.setBuddy(self.dataset_choice)
        self.state = QLabel(self)
        self.state.setObjectName("SectionTitle")
        self.state.setTextFormat(Qt.TextFormat.PlainText)
        self.state.setWordWrap(True)
        self.approve_button = QPushButton(self.tr("&Approve"), self)
        self.approve_button.setAccessibleName(self.tr("Approve these terms"))
        self.approve_button.clicked.connect(self.approve)
        self.withdraw_button = QPushButton(self.tr("&Withdraw consent…"), self)
        self.withdraw_button.setAccessibleName(self.tr("Withdraw consent"))
        self.withdraw_button.clicked.connect(self.confirm_withdraw)
        self.note = hint("", self)
        self.empty = hint("", self)
        self.runner = StepRunner(vault, self, self.bar)
        self.signing = ConsentSigning(vault, self.runner, self.bar, self)

        choose_row = QHBoxLayout()
        choose_row.addWidget(dataset_label)
        choose_row.addWidget(self.dataset_choice, 1)
        state_row = QHBoxLayout()
        state_row.addWidget(self.state, 1)
        state_row.addWidget(self.approve_button)
        state_row.addWidget(self.withdraw_button)

        self.form = PolicyForm(vault, self.bar, self)
        self.preview = BuyerPreview(self)
        self.preview.set_builder(self._build_preview)
        self.history = HistoryTable(self)
        self.history_box = QGroupBox(self.tr("Earlier versions"), self)
        history_layout = QVBoxLayout(self.history_box)
        history_layout.addWidget(self.history)
        history_layout.addWidget(
            hint(self.tr("Point at a version to read its terms in plain words."), self.history_box)
        )
        content = QWidget(self)
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 12, 0)
        content_layout.setSpacing(12)
        content_layout.addWidget(self.form)
        content_layout.addWidget(self.preview)
        content_layout.addWidget(self.history_box)
        content_layout.addStretch(1)
        self.terms_area = QScrollArea(self)
        self.terms_area.setAccessibleName(self.tr("Terms for this dataset"))
        self.terms_area.setWidgetResizable(True)
        self.terms_area.setFrameShape(QFrame.Shape.NoFrame)
        self.terms_area.setWidget(content)

        # The summary stays in view under the form, so every change shows its words at once.
        self.summary_card = QFrame(self)
        self.summary_card.setObjectName("Card")
        summary_title = QLabel(self.tr("In plain words"), self.summary_card)
        summary_title.setObjectName("CardTitle")
        self.summary = QLabel(self.summary_card)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reason = hint("", self.summary_card)
        self.undo_button = QPushButton(self.tr("Undo my changes"), self.summary_card)
        self.undo_button.clicked.connect(self.undo_changes)
        self.save_button = QPushButton(self.tr("&Offer under these terms"), self.summary_card)
        self.save_button.setAccessibleName(self.tr("Offer under these terms"))
        self.save_button.clicked.connect(self.save)
        card_layout = QVBoxLayout(self.summary_card)
        card_layout.setContentsMargins(14, 10, 14, 10)
        card_layout.addWidget(summary_title)
        card_layout.addWidget(self.summary)
        buttons = QHBoxLayout()
        buttons.addWidget(self.reason, 1)
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.save_button)
        card_layout.addLayout(buttons)

        self.editor = QWidget(self)
        editor_layout = QVBoxLayout(self.editor)
        editor_layout.setContentsMargins(0, 0, 0, 0)
        editor_layout.setSpacing(8)
        editor_layout.addLayout(state_row)
        editor_layout.addWidget(self.note)
        editor_layout.addWidget(self.signing)
        editor_layout.addWidget(self.terms_area, 1)
        editor_layout.addWidget(self.summary_card)

        self.body.addWidget(lead)
        self.body.addLayout(choose_row)
        self.body.addWidget(self.empty)
        self.body.addWidget(self.editor, 1)

        self.dataset_choice.currentIndexChanged.connect(self._dataset_chosen)
        self.form.changed.connect(self._draft_changed)
        # While the wallet signs on the worker, the terms on screen stay as they were saved.
        self.runner.busy.connect(lambda running: self.editor.setEnabled(not running))
        self.runner.busy.connect(lambda running: self.dataset_choice.setEnabled(not running))
        self.signing.finished.connect(self._reload)
        self.refresh()

    # ----------------------------------------------------------------- reading

    def refresh(self) -> None:
        """Re-read which datasets the person decides about; keep the chosen one if still there."""
        shown = self.dataset()
        me = self._vault.member
        members = {m.name: m for m in self._vault.members()}
        self._datasets = [d for d in self._vault.datasets() if _decides(me, members.get(d.member))]
        self.dataset_choice.blockSignals(True)
        self.dataset_choice.clear()
        for dataset in self._datasets:
            self.dataset_choice.addItem(self._dataset_words(dataset, me, members), dataset.id)
        keep = self.dataset_choice.findData(shown.id) if shown is not None else -1
        self.dataset_choice.setCurrentIndex(max(keep, 0) if self._datasets else -1)
        self.dataset_choice.blockSignals(False)
        has_any = bool(self._datasets)
        self.editor.setVisible(has_any)
        self.empty.setVisible(not has_any)
        if me is None:
            self.empty.setText(self.tr("Unlock with your own passphrase to decide about sharing."))
        else:
            self.empty.setText(
                self.tr(
                    "You have no datasets to decide about yet. Import an export from your "
                    "phone, watch or apps first."
                )
            )
        self._dataset_chosen()

    def dataset(self) -> Dataset | None:
        index = self.dataset_choice.currentIndex()
        return self._datasets[index] if 0 <= index < len(self._datasets) else None

    def choose_dataset(self, dataset_id: int) -> None:
        self.dataset_choice.setCurrentIndex(self.dataset_choice.findData(dataset_id))

    def status(self) -> ConsentStatus | None:
        return self._status

    def _dataset_words(
        self, dataset: Dataset, me: Member | None, members: dict[str, Member]
    ) -> str:
        if me is not None and dataset.member == me.name:
            return fill(self.tr("%1 — yours"), dataset.title)
        owner = members.get(dataset.member)
        role = role_name(owner.role) if owner is not None else ""
        return fill(self.tr("%1 — %2 (%3)"), dataset.title, dataset.member, role.lower())

    def _dataset_chosen(self) -> None:
        dataset = self.dataset()
        if dataset is None:
            self._status = None
            self.preview.schedule(None)
            return
        if self._status is not None and self._status.dataset_id != dataset.id:
            self.bar.clear()  # what it said was about the other dataset
        self._load(dataset.id)

    def _load(self, dataset_id: int) -> None:
        """Show the dataset's terms: those waiting for approval, else those on offer, else the
        last ones it had (so offering again after a withdrawal starts from them)."""
        status = store.status(self._vault, dataset_id)
        versions = store.history(self._vault, dataset_id)
        with self._vault.reading() as conn:
            types = summarize_types(conn, dataset_id)
        self._status = status
        self._owner = next((m for m in self._vault.members() if m.name == status.member), None)
        shown = status.waiting or status.active or (versions[-1] if versions else None)
        if self._owner is not None:
            self.form.set_dataset(status.data, types, self._owner)
        self.form.show_policy(
            shown.policy if shown is not None else ConsentPolicy(dataset_id=dataset_id)
        )
        names = {store.member_urn(self._vault, m.id): m.name for m in self._vault.members()}
        records = store.consent_records(self._vault, dataset_id)
        self.history.show_versions(versions, status.data, records, names)
        self.history_box.setVisible(bool(versions))
        self.signing.show_dataset(dataset_id)
        self._show_state()

    def _reload(self) -> None:
        """Show the chosen dataset again (its records were signed, its offers cancelled)."""
        if self._status is not None:
            self._load(self._status.dataset_id)

    def _build_preview(
        self, policy: ConsentPolicy, progress: ProgressCallback, cancel: CancelToken
    ) -> Preview:
        """Runs on the worker thread: the same code path as the package a buyer gets."""
        return preview(
            self._vault,
            policy.dataset_id,
            policy=policy,
            sample_rows=SAMPLE_ROWS,
            progress=progress,
            cancel=cancel,
        )

    def hideEvent(self, event: QHideEvent) -> None:
        self.preview.stop()
        super().hideEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._draft_changed()  # a preview stopped when the page was left starts again

    # ----------------------------------------------------------------- live state

    def live_version(self) -> PolicyVersion | None:
        status = self._status
        return None if status is None else status.waiting or status.active

    def draft(self) -> ConsentPolicy | None:
        """The terms on screen, or None while something in the form is not valid."""
        try:
            return self.form.draft()
        except UserFacingError:
            return None

    def is_changed(self) -> bool:
        live = self.live_version()
        draft = self.draft()
        return draft is None or live is None or draft != live.policy

    def _draft_changed(self) -> None:
        status = self._status
        if status is None:
            return
        try:
            draft = self.form.draft()
        except UserFacingError as error:
            self.summary.setText(str(error))
            self.reason.setText(self.tr("Fix this first, then the terms can be offered."))
            self.save_button.setEnabled(False)
            self.undo_button.setEnabled(True)
            self.preview.schedule(None)
            self._show_state()
            return
        self.summary.setText(summarize(draft, status.data, self.form.local_estimate()))
        self.summary.setAccessibleName(self.summary.text())
        refusal = draft.refusal()
        live = self.live_version()
        unchanged = live is not None and live.policy == draft
        if refusal is not None:
            self.reason.setText(core_words(refusal))
        elif unchanged and live is status.waiting:
            self.reason.setText(self.tr("These terms are waiting for a guardian's approval."))
        elif unchanged:
            self.reason.setText(self.tr("These are the terms on offer now."))
        else:
            self.reason.setText("")
        self.save_button.setEnabled(refusal is None and not unchanged)
        self.undo_button.setEnabled(not unchanged and self.form.shown_policy() != draft)
        self.preview.schedule(draft)
        self._show_state()

    def _show_state(self) -> None:
        status = self._status
        if status is None:
            return
        me = self._vault.member
        self.state.setText(core_words(status.sentence()))
        live = self.live_version()
        self.withdraw_button.setVisible(live is not None)
        is_child = status.member_role is Role.CHILD
        i_am_owner = me is not None and me.name == status.member
        guardian = me is not None and me.role.is_guardian and is_child and not i_am_owner
        waiting = status.waiting is not None
        self.approve_button.setVisible(guardian and waiting)
        changed = waiting and self.draft() != status.waiting.policy if status.waiting else False
        self.approve_button.setEnabled(not changed)
        self.approve_button.setToolTip(
            self.tr("You changed the terms: offer your version, or undo your changes to approve.")
            if changed
            else ""
        )
        if is_child and i_am_owner:
            self.note.setText(
                self.tr(
                    "A guardian (the owner or an adult of the family) must approve your terms "
                    "before anyone can buy this data."
                )
            )
        elif guardian and waiting:
            self.note.setText(
                fill(
                    self.tr(
                        "%1 asked to offer this data under the terms below. Read them, then "
                        "approve them, or change them and offer your version instead."
                    ),
                    status.member,
                )
            )
        elif guardian:
            self.note.setText(
                fill(self.tr("Terms you set for %1 take effect at once."), status.member)
            )
        else:
            self.note.setText("")
        self.note.setVisible(bool(self.note.text()))

    # ----------------------------------------------------------------- actions

    def save(self) -> None:
        status = self._status
        if status is None:
            return
        try:
            version = store.set_policy(self._vault, self.form.draft())
        except UserFacingError as error:
            report_error(error, self.bar)
            return
        self._load(status.dataset_id)
        if version.state is store.PolicyState.AWAITING_APPROVAL:
            said = self.tr("Saved. A guardian must approve these terms before anyone can buy.")
        else:
            said = self.tr("Saved. The data is on offer under these terms.")
        self.signing.after_change(status.dataset_id, said, MessageKind.SUCCESS)

    def approve(self) -> None:
        status = self._status
        if status is None:
            return
        try:
            store.approve(self._vault, status.dataset_id)
        except UserFacingError as error:
            report_error(error, self.bar)
            return
        self._load(status.dataset_id)
        said = fill(self.tr("Approved. %1's data is on offer under these terms."), status.member)
        self.signing.after_change(status.dataset_id, said, MessageKind.SUCCESS)

    def undo_changes(self) -> None:
        self.form.show_policy(self.form.shown_policy())

    def confirm_withdraw(self) -> QMessageBox | None:
        """Ask before withdrawing, and say plainly what it cannot undo."""
        status = self._status
        if status is None or self.live_version() is None:
            return None
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Withdraw consent"),
            fill(self.tr("Stop offering “%1” to buyers?"), status.title),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        box.setInformativeText(core_words(store.WITHDRAWN_NOTE))
        withdraw = box.addButton(
            self.tr("Withdraw consent"), QMessageBox.ButtonRole.DestructiveRole
        )
        keep = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def decided(button: QAbstractButton) -> None:
            if button is withdraw:
                self._withdraw(status.dataset_id)

        # A click, not `finished`: locking rejects open boxes, which must never count as yes.
        box.buttonClicked.connect(decided)
        box.open()
        return box

    def _withdraw(self, dataset_id: int) -> None:
        try:
            store.withdraw(self._vault, dataset_id)
        except UserFacingError as error:
            report_error(error, self.bar)
            return
        self._load(dataset_id)
        self.signing.after_change(
            dataset_id, core_words(store.WITHDRAWN_NOTE), MessageKind.INFO, withdrawn=True
        )


def _decides(me: Member | None, owner: Member | None) -> bool:
    """Whether ``me`` decides how ``owner``'s datasets are shared: their own, and a guardian
    for a child."""
    if me is None or owner is None:
        return False
    return me.id == owner.id or (owner.role is Role.CHILD and me.role.is_guardian)

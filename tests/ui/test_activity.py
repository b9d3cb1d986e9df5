"""The Activity page: the audit log in plain words, filters, and the tamper check."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hearth.ui.main_window import MainWindow
from hearth.ui.pages.activity import ActivityPage
from hearth.ui.preferences import Preferences
from hearth.vault import Vault
from tests.conftest import PASSPHRASE


def activity_page(window: MainWindow) -> ActivityPage:
    assert window.workspace is not None
    window.workspace.show_page("activity")
    return window.workspace.activity


def shown(page: ActivityPage) -> list[tuple[str, str, str]]:
    return [(row.who, row.what, row.details) for row in page.model.shown()]


def test_activity_lists_newest_first_in_plain_words(unlocked: MainWindow) -> None:
    page = activity_page(unlocked)
    assert shown(page) == [
        ("Ana", "Added a member", "Member: Bo, Role: Adult"),
        ("Ana", "Created the vault", "Owner: Ana"),
    ]
    model = page.model
    assert model.headerData(2, Qt.Orientation.Horizontal) == "What happened"
    assert model.data(model.index(0, 2)) == "Added a member"


def test_activity_filters_by_member_and_by_words(unlocked: MainWindow) -> None:
    vault = unlocked.vault
    assert vault is not None
    vault.backup()
    page = activity_page(unlocked)  # showing the page re-reads the log
    assert len(shown(page)) == 3

    page.text_filter.setText("BACKUP")
    assert [what for _, what, _ in shown(page)] == ["Made a backup"]
    page.text_filter.setText("bo")
    assert [what for _, what, _ in shown(page)] == ["Added a member"]
    page.text_filter.clear()

    options = [page.member_filter.itemText(i) for i in range(page.member_filter.count())]
    assert options == ["Everyone", "Ana"]
    page.member_filter.setCurrentIndex(1)
    assert len(shown(page)) == 3


def test_verify_log_says_it_is_intact_with_entry_count(qtbot: QtBot, unlocked: MainWindow) -> None:
    page = activity_page(unlocked)
    qtbot.mouseClick(page.verify_button, Qt.MouseButton.LeftButton)
    assert page.bar.text() == "The activity log is intact (2 entries)."


def test_verify_log_counts_one_entry_in_the_singular(
    qtbot: QtBot, tmp_path: Path, preferences: Preferences
) -> None:
    path = tmp_path / "single"
    Vault.create(path, "Ana", PASSPHRASE)[0].close()
    window = MainWindow(path, preferences)
    qtbot.addWidget(window)
    window.unlock_screen.passphrase.setText(PASSPHRASE)
    window.unlock_screen.unlock()
    page = activity_page(window)
    page.verify()
    assert page.bar.text() == "The activity log is intact (1 entry)."


def test_verify_log_reports_an_edited_entry(unlocked: MainWindow) -> None:
    vault = unlocked.vault
    assert vault is not None
    # Someone with the key edits the log behind Hearth's back (the triggers forbid it).
    vault.db.execute("DROP TRIGGER audit_log_no_update")
    vault.db.execute('UPDATE audit_log SET details = \'{"member": "Eve"}\' WHERE seq = 2')

    page = activity_page(unlocked)
    page.verify()
    assert page.bar.kind.value == "error"
    assert page.bar.text() == (
        "The activity log was changed outside Hearth (entry 2 was edited). "
        "Restore a backup if you did not expect this."
    )

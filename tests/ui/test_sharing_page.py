"""The Sharing & prices page, driven end to end on real vaults with real imports."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from hearth.consent import store
from hearth.consent.odrl import dataset_uid, terms_hash
from hearth.consent.places import places_of
from hearth.consent.policy import (
    PURPOSE_WORDS,
    ConsentPolicy,
    Duty,
    LocationGrid,
    Purpose,
    TimeRounding,
)
from hearth.consent.rates import rate_of
from hearth.importers.pipeline import import_path
from hearth.ui.main_window import MainWindow
from hearth.ui.pages.sharing import SharingPage
from hearth.ui.pages.sharing_words import CONTEXT, CORE_TEXTS
from hearth.vault import Role, Vault
from tests.conftest import OWNER, PASSPHRASE
from tests.ui.conftest import unlock
from tests.ui.test_accessibility import shortcut_clashes, unnamed
from tests.unit.importers.apple_samples import write_heart_rates

CHILD_PASSPHRASE = "otter lantern meadow drum"
BO_PASSPHRASE = "maple kettle harbour wind"
BUYER = "0x1f9840a85d5af5bf1d1762f925bdaddc4201f984"


@pytest.fixture
def page(qtbot: QtBot, vault: Vault, tmp_path: Path) -> SharingPage:
    """Ana's own page on a vault where she imported 200 heart rates."""
    import_path(vault, write_heart_rates(tmp_path / "export.xml", 200))
    shown = SharingPage(vault)
    qtbot.addWidget(shown)
    shown.resize(900, 700)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


@pytest.fixture
def family_path(vault_path: Path, tmp_path: Path) -> Path:
    """Ana (owner), Bo (adult) and Lía (child), who imported her own heart rates."""
    vault, _ = Vault.create(vault_path, OWNER, PASSPHRASE)
    with vault:
        vault.add_member("Bo", Role.ADULT, BO_PASSPHRASE)
        vault.add_member("Lía", Role.CHILD, CHILD_PASSPHRASE)
    with Vault.unlock(vault_path, "Lía", CHILD_PASSPHRASE) as child:
        import_path(child, write_heart_rates(tmp_path / "lia.xml", 120, seed=5))
    return vault_path


def only_dataset(vault: Vault) -> int:
    (dataset,) = vault.datasets()
    return dataset.id


def test_everything_is_off_until_chosen_and_the_summary_says_so(page: SharingPage) -> None:
    form = page.form
    assert not any(s.isChecked() for s in form.purposes.switches.values())
    assert page.summary.text() == "Nobody may use this data: no purpose is allowed yet."
    assert not page.save_button.isEnabled()
    assert page.reason.text() == "The policy allows no purpose yet: choose at least one."
    assert page.state.text() == "Not on offer: no terms set yet."
    assert not page.withdraw_button.isVisible()


def test_ticking_a_purpose_and_setting_a_price_changes_the_summary_live(
    qtbot: QtBot, page: SharingPage
) -> None:
    form = page.form
    switch = form.purposes.switches[Purpose.ACADEMIC_RESEARCH]
    switch.setFocus()
    qtbot.keyClick(switch, Qt.Key.Key_Space)
    assert page.summary.text().startswith(
        "Researchers at universities may use your Apple Health data from 2021, "
        "without device names, for 1 year, at a price you have not set yet."
    )
    assert page.reason.text() == "The policy has no price yet."
    assert not page.save_button.isEnabled()

    form.price.amount.setFocus()
    qtbot.keyClicks(form.price.amount, "0.01")
    assert "for 1 year, for 0.01 ETH." in page.summary.text()
    assert page.save_button.isEnabled()
    form.privacy.time.set_value(TimeRounding.HOUR)
    assert "hours rounded" in page.summary.text()


def test_saving_puts_the_data_on_offer_under_exactly_those_terms(
    qtbot: QtBot, page: SharingPage, vault: Vault
) -> None:
    form = page.form
    form.purposes.switches[Purpose.PUBLIC_HEALTH].setChecked(True)
    form.purposes.switches[Purpose.ACADEMIC_RESEARCH].setChecked(True)
    form.price.amount.setText("2.5")
    form.price.currency.setCurrentIndex(form.price.currency.findText("USDC"))
    form.length.length.setCurrentIndex(form.length.length.findData(180))
    form.buyers.only.setChecked(True)
    form.buyers.allow.setPlainText(BUYER.upper().replace("0X", "0x"))
    form.duties.switches[Duty.DELETE_ON_REQUEST].setChecked(False)
    summary = page.summary.text()

    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)

    status = store.status(vault, only_dataset(vault))
    assert status.active is not None and status.waiting is None
    policy = status.active.policy
    assert policy.purposes == {Purpose.PUBLIC_HEALTH, Purpose.ACADEMIC_RESEARCH}
    assert policy.price is not None and str(policy.price) == "2.5 USDC"
    assert policy.price.units == 2_500_000
    assert policy.licence_days == 180
    assert policy.buyers.allow == (BUYER,) and policy.buyers.admits(BUYER)
    assert policy.duties == {Duty.NO_RESALE, Duty.NO_REIDENTIFICATION}
    assert store.summary_of(vault, policy) == summary
    assert page.state.text() == "On offer under these terms."
    assert page.bar.text() == "Saved. The data is on offer under these terms."
    assert not page.save_button.isEnabled(), "nothing changed since saving"
    assert page.reason.text() == "These are the terms on offer now."
    assert page.history.rowCount() == 1 and page.history.item(0, 1).text() == "On offer"


def test_a_bad_address_is_one_sentence_and_nothing_is_saved(
    page: SharingPage, vault: Vault
) -> None:
    form = page.form
    form.purposes.switches[Purpose.AI_TRAINING].setChecked(True)
    form.price.amount.setText("1")
    form.buyers.deny.setPlainText("0x1234")
    assert page.summary.text() == (
        "'0x1234' is not an Ethereum address (0x and 40 hexadecimal digits)."
    )
    assert not page.save_button.isEnabled()
    page.save()
    assert page.bar.kind.value == "error"
    assert store.history(vault, only_dataset(vault)) == []


def test_an_entered_rate_gives_a_marked_estimate_and_is_kept_for_next_time(
    qtbot: QtBot, page: SharingPage, vault: Vault
) -> None:
    price = page.form.price
    page.form.purposes.switches[Purpose.PRODUCT_RESEARCH].setChecked(True)
    price.amount.setText("0.01")
    price.local.setCurrentText("EUR")
    price.rate.setFocus()
    qtbot.keyClicks(price.rate, "2500")
    qtbot.keyClick(price.rate, Qt.Key.Key_Tab)  # leaving the field keeps the rate

    assert price.estimate.text() == "≈ 25.00 EUR, by your estimate (not a quote)."
    assert "for 0.01 ETH (about 25.00 EUR at the rate you entered)" in page.summary.text()
    kept = rate_of(vault, "ETH")
    assert kept is not None and (kept.rate, kept.local) == (Decimal(2500), "EUR")
    page.save()
    status = store.status(vault, only_dataset(vault))
    assert status.active is not None
    assert "EUR" not in str(status.active.policy.to_json()), "the estimate is not in the terms"

    again = SharingPage(vault)
    qtbot.addWidget(again)
    assert again.form.price.rate.text() == "2500"
    assert again.form.price.estimate.text() == "≈ 25.00 EUR, by your estimate (not a quote)."


def test_location_and_web_choices_show_only_for_data_that_has_them(page: SharingPage) -> None:
    privacy = page.form.privacy
    assert page.status() is not None
    data = page.status().data  # type: ignore[union-attr]
    assert not data.has_locations and not data.has_web_pages
    assert not privacy.location.isVisibleTo(page)
    assert not privacy.places_box.isVisibleTo(page)
    assert not privacy.web_box.isVisibleTo(page)
    assert privacy.identifiers.isVisibleTo(page) and privacy.time.isVisibleTo(page)


def write_ride(path: Path, points: int = 40) -> Path:
    """A GPX track through Paris: a dataset with positions."""
    track = "".join(
        f'<trkpt lat="{48.8566 + i / 10_000:.6f}" lon="2.352200">'
        f"<time>2023-05-01T06:{i // 60:02d}:{i % 60:02d}Z</time></trkpt>"
        for i in range(points)
    )
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<gpx version="1.1" creator="Test" xmlns="http://www.topografix.com/GPX/1/1">'
        f"<trk><name>Ride</name><trkseg>{track}</trkseg></trk></gpx>\n",
        encoding="utf-8",
    )
    return path


def test_data_with_positions_offers_a_grid_and_your_places(
    qtbot: QtBot, vault: Vault, tmp_path: Path
) -> None:
    import_path(vault, write_ride(tmp_path / "ride.gpx"))
    page = SharingPage(vault)
    qtbot.addWidget(page)
    page.show()
    privacy = page.form.privacy
    assert privacy.location.isVisibleTo(page) and privacy.places_box.isVisibleTo(page)
    assert privacy.places.table.rowCount() == 0
    assert privacy.places.note.text() == (
        "You have marked no place yet: until you do, this rule removes nothing."
    )
    assert vault.member is not None
    ana = vault.member.id

    places = privacy.places
    places.name.setText("Home")
    places.lat.setValue(48.8570)
    places.lng.setValue(2.3522)
    places.mark_button.click()
    assert page.bar.text() == "Home is marked."
    assert [(p.label, p.lat, p.lng) for p in places_of(vault, ana)] == [("Home", 48.857, 2.3522)]
    assert places.table.item(0, 0).text() == "Home"  # type: ignore[union-attr]

    page.form.purposes.switches[Purpose.PUBLIC_HEALTH].setChecked(True)
    privacy.location.set_value(LocationGrid.KM1)
    privacy.near_places.setChecked(True)
    privacy.radius.setValue(250)
    summary = page.summary.text()
    assert "places blurred to about 1 km" in summary
    assert "nothing within 250 m of your places" in summary

    places.table.selectRow(0)
    places.forget_button.click()
    assert places_of(vault, ana) == [] and places.table.rowCount() == 0


def test_each_privacy_choice_says_what_it_removes(page: SharingPage) -> None:
    time = page.form.privacy.time
    explanations = set()
    for value in TimeRounding:
        time.set_value(value)
        explanations.add(time.explanation.text())
    assert len(explanations) == len(TimeRounding)
    time.set_value(TimeRounding.HOUR)
    assert "08:14 becomes 08:00" in time.explanation.text()


def test_withdrawing_asks_first_and_says_delivered_copies_stay(
    qtbot: QtBot, page: SharingPage, vault: Vault
) -> None:
    page.form.purposes.switches[Purpose.ACADEMIC_RESEARCH].setChecked(True)
    page.form.price.amount.setText("0.01")
    page.save()
    assert page.withdraw_button.isVisible()

    box = page.confirm_withdraw()
    assert box is not None
    assert "cannot be called back" in box.informativeText()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert store.status(vault, only_dataset(vault)).active is not None, "cancel keeps it"

    box = page.confirm_withdraw()
    assert box is not None
    (withdraw,) = [
        b for b in box.buttons() if box.buttonRole(b) is QMessageBox.ButtonRole.DestructiveRole
    ]
    withdraw.click()

    status = store.status(vault, only_dataset(vault))
    assert status.withdrawn and status.active is None
    assert page.state.text() == "Consent withdrawn: not on offer."
    assert page.bar.text() == store.WITHDRAWN_NOTE
    assert not page.withdraw_button.isVisible()
    assert page.form.purposes.switches[Purpose.ACADEMIC_RESEARCH].isChecked(), (
        "the last terms stay on screen, ready to offer again"
    )
    assert [page.history.item(0, 1).text()] == ["Withdrawn"]


def test_a_childs_terms_wait_for_a_guardian_who_approves_them(
    qtbot: QtBot, family_path: Path, preferences: object
) -> None:
    child = Vault.unlock(family_path, "Lía", CHILD_PASSPHRASE)
    try:
        page = SharingPage(child)
        qtbot.addWidget(page)
        page.show()
        assert "must approve" in page.note.text()
        page.form.purposes.switches[Purpose.PUBLIC_HEALTH].setChecked(True)
        page.form.price.amount.setText("0.5")
        page.save()
        dataset_id = only_dataset(child)
        status = store.status(child, dataset_id)
        assert status.waiting is not None and status.active is None
        assert page.state.text() == "Waiting for a guardian to approve the new terms."
        assert page.bar.text() == (
            "Saved. A guardian must approve these terms before anyone can buy."
        )
        assert not page.approve_button.isVisible(), "a child cannot approve their own terms"
        page.close()
    finally:
        child.close()

    guardian = Vault.unlock(family_path, "Bo", BO_PASSPHRASE)
    try:
        page = SharingPage(guardian)
        qtbot.addWidget(page)
        page.show()
        assert page.dataset_choice.currentText() == "Apple Health — Lía (child)"
        assert page.approve_button.isVisible() and page.approve_button.isEnabled()
        assert "Lía asked to offer this data" in page.note.text()
        assert page.form.purposes.switches[Purpose.PUBLIC_HEALTH].isChecked()

        page.form.price.amount.setText("0.6")
        assert not page.approve_button.isEnabled(), "approve what Lía asked, not an edit"
        page.undo_changes()
        assert page.approve_button.isEnabled()
        qtbot.mouseClick(page.approve_button, Qt.MouseButton.LeftButton)

        status = store.status(guardian, dataset_id)
        assert status.active is not None and status.waiting is None
        assert status.active.approved_by == "Bo"
        assert page.state.text() == "On offer under these terms."
        assert not page.approve_button.isVisible()
        assert page.bar.text() == "Approved. Lía's data is on offer under these terms."
    finally:
        guardian.close()


def test_the_page_lists_own_and_childrens_datasets_only(
    qtbot: QtBot, family_path: Path, tmp_path: Path
) -> None:
    with Vault.unlock(family_path, "Bo", BO_PASSPHRASE) as bo:
        import_path(bo, write_heart_rates(tmp_path / "bo.xml", 50, seed=9))
    with Vault.unlock(family_path, "Ana", PASSPHRASE) as ana:
        page = SharingPage(ana)
        qtbot.addWidget(page)
        listed = [page.dataset_choice.itemText(i) for i in range(page.dataset_choice.count())]
        assert listed == ["Apple Health — Lía (child)"], "Bo's data is Bo's to decide"
        page.close()
    with Vault.unlock(family_path, "Lía", CHILD_PASSPHRASE) as lia:
        page = SharingPage(lia)
        qtbot.addWidget(page)
        listed = [page.dataset_choice.itemText(i) for i in range(page.dataset_choice.count())]
        assert listed == ["Apple Health — yours"]
        page.close()


def test_an_empty_vault_says_to_import_first(qtbot: QtBot, vault: Vault) -> None:
    page = SharingPage(vault)
    qtbot.addWidget(page)
    page.show()
    assert page.empty.isVisible() and not page.editor.isVisible()
    assert "Import an export" in page.empty.text()


def test_every_core_sentence_the_page_shows_is_up_for_translation() -> None:
    listed = set(CORE_TEXTS)
    core = {text for words in PURPOSE_WORDS.values() for text in words}
    core.add(store.WITHDRAWN_NOTE)
    core.update(ConsentPolicy(dataset_id=1).refusal() or "" for _ in [0])
    assert core <= listed
    assert QCoreApplication.translate(CONTEXT, store.WITHDRAWN_NOTE) == store.WITHDRAWN_NOTE


@pytest.mark.parametrize("language", ["en", "es"])
def test_sharing_controls_have_names_and_distinct_shortcuts(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, language: str
) -> None:
    unlock(window)
    assert window.vault is not None
    import_path(window.vault, write_ride(tmp_path / "ride.gpx"))  # positions: places editor
    if language == "es":
        old = window.workspace
        window.set_language("es")
        qtbot.waitUntil(lambda: window.workspace is not old)
    workspace = window.workspace
    assert workspace is not None
    workspace.show_page("sharing")
    page = workspace.sharing
    page.form.buyers.only.setChecked(True)
    page.form.length.length.setCurrentIndex(page.form.length.length.findData(0))
    assert page.editor.isVisible() and page.form.privacy.places.isVisibleTo(window)
    problems = unnamed(window) + shortcut_clashes(window)
    assert problems == []


def test_the_page_works_in_a_small_window(
    qtbot: QtBot, unlocked: MainWindow, tmp_path: Path
) -> None:
    assert unlocked.vault is not None
    import_path(unlocked.vault, write_heart_rates(tmp_path / "export.xml", 100))
    unlocked.resize(unlocked.minimumSize())
    workspace = unlocked.workspace
    assert workspace is not None
    workspace.show_page("sharing")
    page = workspace.sharing
    qtbot.wait(10)
    assert page.summary_card.isVisible() and page.save_button.isVisible()
    assert page.save_button.geometry().bottom() <= page.summary_card.height()
    area = page.terms_area
    assert area.verticalScrollBar().maximum() > 0, "the form scrolls instead of squeezing"
    assert page.form.width() <= area.viewport().width(), "no sideways scrolling"


def test_the_preview_shows_what_a_buyer_gets_under_the_draft_terms(
    qtbot: QtBot, page: SharingPage, vault: Vault
) -> None:
    shown = page.preview
    page.form.purposes.switches[Purpose.ACADEMIC_RESEARCH].setChecked(True)
    page.form.price.amount.setText("0.01")
    qtbot.waitUntil(lambda: shown.shown() is not None)
    first = shown.shown()
    assert first is not None and first.rows == 200
    assert len(first.tables) == 1, "heart rates only"
    assert shown.counts.text() == "200 rows in 1 file."
    assert shown.sample.rowCount() == 10
    headers = [
        shown.sample.horizontalHeaderItem(c).text() for c in range(shown.sample.columnCount())
    ]  # type: ignore[union-attr]
    assert headers == list(first.tables[0].columns)
    assert first.merkle_root in shown.fingerprint.text()

    heart_rate = page.form.privacy.types.item(0)
    assert heart_rate is not None
    heart_rate.setCheckState(Qt.CheckState.Checked)
    qtbot.waitUntil(lambda: shown.shown() is not first and shown.shown() is not None)
    after = shown.shown()
    assert after is not None and after.rows == 0
    assert after.removed_sentences and shown.removed.text().startswith("• ")


@pytest.mark.usefixtures("threaded_worker")
def test_on_the_worker_thread_the_preview_follows_the_latest_terms(
    qtbot: QtBot, page: SharingPage, vault: Vault
) -> None:
    shown = page.preview
    form = page.form
    form.purposes.switches[Purpose.ACADEMIC_RESEARCH].setChecked(True)
    form.price.amount.setText("0.01")
    heart_rate = form.privacy.types.item(0)
    assert heart_rate is not None
    for state in (Qt.CheckState.Checked, Qt.CheckState.Unchecked, Qt.CheckState.Checked):
        heart_rate.setCheckState(state)  # quicker than the pause the preview waits for
        shown.build_now()
    form.privacy.time.set_value(TimeRounding.DAY)
    draft = page.draft()
    assert draft is not None
    wanted = terms_hash(draft, dataset_uid(vault.vault_id, draft.dataset_id))
    qtbot.waitUntil(lambda: (p := shown.shown()) is not None and p.terms_hash == wanted)
    final = shown.shown()
    assert final is not None and final.rows == 0, "heart rates left out in the latest terms"

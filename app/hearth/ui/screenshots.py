"""Draw the app's main screens into PNG files: `python -m hearth.ui.screenshots OUTDIR`.

Runs on a throw-away demo vault with sample members (and the unsafe fast key derivation:
nothing here is kept). Meant for `xvfb-run`, with real windows, so what is captured is what
a person would see. Writes numbered PNGs, plus the recovery kit PDF rendered as an image.
"""

from __future__ import annotations

import json
import math
import os
import random
import subprocess
import sys
import tempfile
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

# Demo vaults only: set before the vault code reads it.
os.environ["HEARTH_UNSAFE_FAST_KDF"] = "1"

from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from hearth.consent import store
from hearth.consent.places import mark_place
from hearth.consent.policy import (
    ConsentPolicy,
    LocationGrid,
    Price,
    PrivacyChoices,
    Purpose,
    TimeRounding,
    parse_currency,
)
from hearth.importers.pipeline import import_path
from hearth.ui import worker
from hearth.ui.first_run import FirstRunWizard
from hearth.ui.i18n import install_language
from hearth.ui.main_window import MainWindow
from hearth.ui.pages.dataset_chart import Measure
from hearth.ui.pages.marketplace import MarketplacePage
from hearth.ui.preferences import Preferences, ThemeChoice
from hearth.ui.signing_dialog import SigningDialog
from hearth.ui.theme import ThemeKeeper
from hearth.vault import Role, Vault
from hearth.wallet import journal
from hearth.wallet.accounts import create_wallet
from hearth.wallet.signing import Detail, SigningRequest

DEMO_PASSPHRASE = "lantern orchard pebble violin"  # noqa: S105 (a throw-away demo vault)


def settle(widget: QWidget) -> None:
    """Show ``widget`` and let Qt finish laying out and painting it."""
    widget.show()
    widget.raise_()
    widget.activateWindow()
    QTest.qWaitForWindowExposed(widget)
    for _ in range(5):
        QApplication.processEvents()
        QTest.qWait(30)


def grab(widget: QWidget, path: Path) -> None:
    settle(widget)
    if not widget.grab().save(str(path)):
        raise OSError(f"could not write {path}")
    print(path)


def render_pdf(pdf: Path, png: Path, width: int = 900) -> None:
    """The kit's first page as a picture, with poppler's pdftoppm (the PySide6 Hearth pins
    has no QtPdf)."""
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-singlefile",
            "-scale-to-x",
            str(width),
            "-scale-to-y",
            "-1",
            str(pdf),
            str(png.with_suffix("")),
        ],
        check=True,
    )
    print(png)


def first_run(out: Path, vault_path: Path) -> Vault:
    wizard = FirstRunWizard(vault_path)
    settle(wizard)
    wizard.name_page.name.setText("Ana")
    wizard.next()
    fields = wizard.passphrase_page.passphrase
    fields.first.setText("sunflower window")
    fields.second.setText("sunflower window")
    grab(wizard, out / "01-first-run-passphrase.png")
    fields.first.setText(DEMO_PASSPHRASE)
    fields.second.setText(DEMO_PASSPHRASE)
    wizard.next()  # creates the vault, then shows the recovery kit
    grab(wizard, out / "02-recovery-kit.png")
    vault = wizard.vault
    assert vault is not None
    panel = wizard.kit_page.panel
    with tempfile.TemporaryDirectory() as scratch:
        pdf = Path(scratch) / "kit.pdf"
        assert panel.save_pdf(pdf)
        render_pdf(pdf, out / "03-recovery-kit-pdf.png")
    panel.confirm_box.setChecked(True)
    wizard.accept()
    opened = wizard.take_vault()
    assert opened is not None
    return opened


def add_family(vault: Vault) -> None:
    vault.add_member("Bo", Role.ADULT, DEMO_PASSPHRASE)
    vault.add_member("Lía", Role.CHILD, DEMO_PASSPHRASE)
    vault.change_passphrase("Bo", DEMO_PASSPHRASE + " again")
    vault.backup()


_RECORD = (
    '<Record type="HKQuantityTypeIdentifier{kind}" sourceName="{source}" unit="{unit}" '
    'creationDate="{at}" startDate="{at}" endDate="{at}" value="{value}"/>\n'
)


def write_demo_health_export(path: Path, days: int, *, heart_rates_a_day: int = 6) -> Path:
    """An Apple Health export.xml of ``days`` days: steps, heart rate, weekly weight."""
    rng = random.Random(days)  # noqa: S311 (demo data, not secrets)
    first = date(2023, 3, 1)
    with path.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE HealthData>\n')
        out.write('<HealthData locale="en_US">\n')
        for number in range(days):
            day = first + timedelta(days=number)
            season = 1.0 + 0.35 * ((day.month - 1) % 12 in (4, 5, 6, 7))
            for hour in sorted(rng.sample(range(7, 22), 5)):
                at = f"{day} {hour:02d}:{rng.randrange(60):02d}:00 +0100"
                steps = int(rng.gauss(1500, 500) * season)
                out.write(
                    _RECORD.format(
                        kind="StepCount",
                        source="Ana’s iPhone",
                        unit="count",
                        at=at,
                        value=max(20, steps),
                    )
                )
            for beat in range(heart_rates_a_day):
                moment = datetime(day.year, day.month, day.day) + timedelta(
                    seconds=rng.randrange(86_400) if heart_rates_a_day < 100 else beat * 7
                )
                at = moment.strftime("%Y-%m-%d %H:%M:%S +0100")
                out.write(
                    _RECORD.format(
                        kind="HeartRate",
                        source="Ana’s Apple Watch",
                        unit="count/min",
                        at=at,
                        value=rng.randint(55, 120),
                    )
                )
            if number % 7 == 0:
                at = f"{day} 07:30:00 +0100"
                weight = round(68 - number / 250 + rng.uniform(-0.6, 0.6), 1)
                out.write(
                    _RECORD.format(kind="BodyMass", source="Scale", unit="kg", at=at, value=weight)
                )
        out.write("</HealthData>\n")
    return path


def write_demo_ride(path: Path, points: int = 240) -> Path:
    """A GPX bike ride that starts and ends at home: a dataset with positions."""
    home_lat, home_lng = 40.4168, -3.7038
    with path.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        out.write('<gpx version="1.1" creator="Demo" xmlns="http://www.topografix.com/GPX/1/1">\n')
        out.write("<trk><name>Sunday ride</name><type>cycling</type><trkseg>\n")
        for number in range(points):
            turn = 2 * math.pi * number / (points - 1)
            lat = home_lat + 0.02 * (1 - math.cos(turn))
            lng = home_lng + 0.03 * math.sin(turn)
            at = datetime(2024, 5, 5, 8, 0) + timedelta(seconds=10 * number)
            out.write(
                f'<trkpt lat="{lat:.6f}" lon="{lng:.6f}"><time>{at.isoformat()}Z</time></trkpt>\n'
            )
        out.write("</trkseg></trk></gpx>\n")
    return path


def demo_browser_home(home: Path) -> None:
    """Browser profiles for "Found on this computer" in a throw-away home folder."""
    chrome = home / ".config" / "google-chrome"
    (chrome / "Default").mkdir(parents=True)
    (chrome / "Default" / "History").write_bytes(b"")
    state = {"profile": {"info_cache": {"Default": {"name": "Personal"}}}}
    (chrome / "Local State").write_text(json.dumps(state), encoding="utf-8")
    firefox = home / ".mozilla" / "firefox" / "k3x9.default-release"
    firefox.mkdir(parents=True)
    (firefox / "places.sqlite").write_bytes(b"")
    os.environ["HOME"] = str(home)
    os.environ["XDG_CONFIG_HOME"] = str(home / ".config")


def import_for(vault_path: Path, member: str, passphrase: str, export: Path) -> None:
    """Import ``export`` as ``member`` before the window opens (another family member)."""
    with Vault.unlock(vault_path, member, passphrase) as vault:
        import_path(vault, export)


def main_window_shots(out: Path, window: MainWindow, theme: ThemeKeeper) -> None:
    screen = window.unlock_screen
    screen.reload(select="Ana")
    screen.passphrase.setText("lantern orchard")
    screen.unlock()
    grab(window, out / "04-unlock-wrong-passphrase.png")
    screen.passphrase.setText(DEMO_PASSPHRASE)
    screen.unlock()
    workspace = window.workspace
    assert workspace is not None
    activity = workspace.activity
    shots: list[tuple[str, str, Callable[[], None] | None]] = [
        ("home", "05-home.png", None),
        ("family", "06-family.png", None),
        ("activity", "07-activity.png", activity.verify),
        ("settings", "08-settings.png", None),
    ]
    for page, name, action in shots:
        workspace.show_page(page)
        if action is not None:
            action()
        grab(window, out / name)
    window.set_language("es")
    settle(window)
    workspace = window.workspace
    assert workspace is not None
    workspace.show_page("family")
    grab(window, out / "09-family-spanish.png")
    window.set_language("en")
    settle(window)
    theme.apply(ThemeChoice.DARK)
    workspace = window.workspace
    assert workspace is not None
    workspace.show_page("home")
    grab(window, out / "10-home-dark.png")


def wait(ms: int) -> None:
    """Run the event loop for ``ms``. Not QTest.qWait: it keeps the GIL while it sleeps,
    which slows the import thread to a crawl."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_until(condition: Callable[[], bool], timeout_ms: int = 120_000) -> None:
    waited = 0
    while not condition():
        if waited > timeout_ms:
            raise TimeoutError("the demo import took too long")
        wait(20)
        waited += 20


def data_shots(
    out: Path, window: MainWindow, theme: ThemeKeeper, scratch: Path, vault_path: Path
) -> None:
    """The Import page with finished and running imports, the Datasets page, a chart."""
    theme.apply(ThemeChoice.LIGHT)
    window.lock()  # Bo brings a dataset of his own, so the list shows whose is whose
    bo_export = write_demo_health_export(scratch / "bo-export.xml", 90)
    import_for(vault_path, "Bo", DEMO_PASSPHRASE + " again", bo_export)
    screen = window.unlock_screen
    screen.reload(select="Ana")
    screen.passphrase.setText(DEMO_PASSPHRASE)
    screen.unlock()
    workspace = window.workspace
    assert workspace is not None
    workspace.show_page("import")
    page = workspace.import_page
    downloads = Path.home() / "Downloads"  # the demo home (demo_browser_home): "~/Downloads"
    downloads.mkdir(exist_ok=True)
    export = write_demo_health_export(downloads / "export.xml", 730)
    damaged = downloads / "export (1).xml"  # cut short, as an interrupted copy leaves it
    damaged.write_bytes(export.read_bytes()[: export.stat().st_size // 2])
    page.add_paths([export, export, damaged])
    big = write_demo_health_export(downloads / "exportar.xml", 30, heart_rates_a_day=9000)
    worker.set_synchronous(False)  # a real import in flight, caught half-way
    (running,) = page.add_paths([big])
    wait_until(lambda: running.fraction() >= 0.3 or running.is_finished())
    grab(window, out / "11-import.png")
    running.cancel()
    wait_until(running.is_finished)
    worker.wait_for_all()
    worker.set_synchronous(True)
    workspace.show_page("datasets")
    grab(window, out / "12-datasets.png")
    datasets = workspace.datasets
    model = datasets.model
    anas = next(r for r in range(model.rowCount()) if (d := model.dataset(r)) and d.member == "Ana")
    datasets.open_dataset(anas)
    view = datasets.view
    view.choose_type("HKQuantityTypeIdentifierStepCount")
    grab(window, out / "13-dataset-steps.png")
    view.choose_type("HKQuantityTypeIdentifierHeartRate")
    view.choose_measure(Measure.AVERAGE)
    view.table.scrollToBottom()
    theme.apply(ThemeChoice.DARK)
    grab(window, out / "14-dataset-heart-rate-dark.png")


def childs_offer(vault_path: Path, scratch: Path) -> None:
    """Lía, a child, imports her watch's data and asks to offer it: it waits for a guardian."""
    export = write_demo_health_export(scratch / "lia-export.xml", 60)
    with Vault.unlock(vault_path, "Lía", DEMO_PASSPHRASE) as lia:
        import_path(lia, export)
        dataset = next(d for d in lia.datasets() if d.member == "Lía")
        policy = ConsentPolicy(
            dataset_id=dataset.id,
            purposes=frozenset({Purpose.ACADEMIC_RESEARCH, Purpose.PUBLIC_HEALTH}),
            price=Price.parse("0.005", parse_currency("ETH")),
            privacy=PrivacyChoices(time=TimeRounding.DAY),
        )
        store.set_policy(lia, policy)


def clipped_labels(root: QWidget) -> list[str]:
    """Wrapped labels given less height than their text needs at their width."""
    return [
        label.text()
        for label in root.findChildren(QLabel)
        if label.isVisibleTo(root)
        and label.wordWrap()
        and label.text()
        and label.height() < label.heightForWidth(label.width())
    ]


def grab_uncut(window: MainWindow, path: Path) -> None:
    """`grab`, refusing a picture where an explanation lost its last line (this showed
    under Xvfb's fonts, not under the tests' offscreen platform)."""
    settle(window)
    cut = clipped_labels(window)
    if cut:
        raise AssertionError(f"{path.name}: text cut off: {cut}")
    grab(window, path)


def sharing_shots(
    out: Path, window: MainWindow, theme: ThemeKeeper, scratch: Path, vault_path: Path
) -> None:
    """Sharing & prices: Ana's terms as she edits them, the privacy choices, and Lía's terms
    waiting for a guardian's approval."""
    theme.apply(ThemeChoice.LIGHT)
    window.lock()
    childs_offer(vault_path, scratch)
    with Vault.unlock(vault_path, "Ana", DEMO_PASSPHRASE) as ana:
        import_path(ana, write_demo_ride(scratch / "sunday-ride.gpx"))
        mark_place(ana, "Home", 40.4170, -3.7040)
    screen = window.unlock_screen
    screen.reload(select="Ana")
    screen.passphrase.setText(DEMO_PASSPHRASE)
    screen.unlock()
    workspace = window.workspace
    assert workspace is not None
    workspace.show_page("sharing")
    page = workspace.sharing
    vault = window.vault
    assert vault is not None
    # The first dataset of each member: Ana's health export, Lía's.
    datasets: dict[str, int] = {}
    for dataset in vault.datasets():
        datasets.setdefault(dataset.member, dataset.id)
    page.choose_dataset(datasets["Ana"])
    form = page.form
    form.purposes.switches[Purpose.ACADEMIC_RESEARCH].setChecked(True)
    form.purposes.switches[Purpose.PUBLIC_HEALTH].setChecked(True)
    form.price.amount.setText("0.01")
    form.price.local.setCurrentText("EUR")
    form.price.rate.setText("2500")
    form.privacy.time.set_value(TimeRounding.HOUR)
    grab_uncut(window, out / "15-sharing.png")
    page.terms_area.ensureWidgetVisible(form.price, 0, 0)
    grab_uncut(window, out / "16-sharing-price.png")
    page.terms_area.ensureWidgetVisible(form.privacy, 0, 0)
    page.terms_area.verticalScrollBar().setValue(form.privacy.y())
    grab_uncut(window, out / "17-sharing-privacy.png")
    page.preview.build_now()  # without waiting for the pause after the last change
    page.terms_area.verticalScrollBar().setValue(page.preview.y() - 12)
    grab_uncut(window, out / "18-sharing-preview.png")
    page.save()
    page.terms_area.verticalScrollBar().setValue(0)
    grab_uncut(window, out / "19-sharing-saved.png")
    page.choose_dataset(datasets["Lía"])
    page.terms_area.verticalScrollBar().setValue(0)
    grab_uncut(window, out / "20-sharing-child-approval.png")
    ride = next(d.id for d in vault.datasets() if d.member == "Ana" and d.id != datasets["Ana"])
    page.choose_dataset(ride)
    privacy = page.form.privacy
    privacy.location.set_value(LocationGrid.KM1)
    privacy.near_places.setChecked(True)
    page.terms_area.verticalScrollBar().setValue(privacy.y() + privacy.location.y() - 12)
    grab_uncut(window, out / "21-sharing-places.png")


# Demo requests for the signing dialog, as the Signer would build them on a real network.
_DEMO_ACCOUNT = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"
_DEMO_MARKET = "0x5FbDB2315678afecb367f032d93F642f64180aa3"


def demo_purchase() -> SigningRequest:
    return SigningRequest(
        kind="transaction",
        action="Buy a licence to 'Heart rate 2019–2024' from 0x3C…BC for 0.01 ETH",
        network="Base",
        chain_id=8453,
        real_money=True,
        account=_DEMO_ACCOUNT,
        contract="DataMarket",
        contract_address=_DEMO_MARKET,
        function="purchase",
        arguments=(
            Detail("offerId", "7"),
            Detail("recipient", "'age1x7wq3e0xgq5v3k6z9w0l5l5m2yq0n2v9c3m6x3y8y8l7c2s9wqsq9vz2'"),
        ),
        to=_DEMO_MARKET,
        value="0.01 ETH",
        value_wei=10**16,
        max_fee="0.000063 ETH",
        max_fee_local="about 0.16 EUR",
        max_fee_wei=63 * 10**12,
    )


def demo_offer() -> SigningRequest:
    return SigningRequest(
        kind="typed-data",
        action="Offer 'Steps 2023' for 0.01 ETH, up to 5 sales, until 2026-12-31",
        network="Sandbox (built in, play money)",
        chain_id=1337,
        real_money=False,
        account=_DEMO_ACCOUNT,
        contract="DataMarket",
        contract_address=_DEMO_MARKET,
        primary_type="Offer",
        domain=(
            Detail("name", "'Hearth DataMarket'"),
            Detail("version", "'1'"),
            Detail("chainId", "1337"),
            Detail("verifyingContract", _DEMO_MARKET),
        ),
        message=(
            Detail("seller", _DEMO_ACCOUNT),
            Detail("commitment", "0x9c1f" + "3a" * 30),
            Detail("termsHash", "0x51be" + "07" * 30),
            Detail("price", "10000000000000000"),
            Detail("token", "0x0000000000000000000000000000000000000000"),
            Detail("expiry", "1798675200"),
            Detail("maxSales", "5"),
            Detail("nonce", "1"),
        ),
    )


def wallet_shots(out: Path, window: MainWindow, theme: ThemeKeeper) -> None:
    """The Wallet page before and after making a wallet (on a computer without a keyring, as
    this headless one is), the backup words and their quiz, Receive, and the signing dialog."""
    theme.apply(ThemeChoice.LIGHT)
    workspace = window.workspace
    vault = window.vault
    assert workspace is not None and vault is not None and vault.member is not None
    workspace.show_page("wallet")
    page = workspace.wallet
    grab(window, out / "30-wallet-no-keyring.png")
    page.start.use_file.setChecked(True)
    page.start.passphrase.setText(DEMO_PASSPHRASE)
    page.start.make_wallet()
    with vault.writing() as conn:
        for kind, description, chain, reference in (
            ("typed-data", "Offer 'Steps 2023' for 0.01 ETH, up to 5 sales", 1337, "0x9c1f3a"),
            ("transaction", "Send 0.2 ETH to 0x3C…BC", 1337, "0x51be07"),
        ):
            journal.add_signed_action(
                conn,
                member_id=vault.member.id,
                kind=kind,
                description=description,
                chain_id=chain,
                reference=reference + "4d" * 29,
            )
    page.refresh()
    grab(window, out / "31-wallet.png")
    words = page.overview.open_words_dialog()
    words.passphrase.setText(DEMO_PASSPHRASE)
    words.reveal()
    grab(words, out / "32-wallet-backup-words.png")
    words.written_button.click()
    grab(words, out / "33-wallet-words-quiz.png")
    words.reject()
    receive = page.overview.open_receive_dialog()
    assert receive is not None
    grab(receive, out / "34-wallet-receive.png")
    receive.reject()
    for request, name in ((demo_purchase(), "35-signing-payment.png"), (demo_offer(), None)):
        dialog = SigningDialog(request, window)
        dialog.open()
        wait(SigningDialog.APPROVE_DELAY_MS + 100)
        if name is None:
            theme.apply(ThemeChoice.DARK)
            name = "36-signing-offer-dark.png"
        grab(dialog, out / name)
        dialog.reject()
    theme.apply(ThemeChoice.LIGHT)


class AutoApprove:
    """Clicks Approve in every signing dialog once it allows it (the demo person agrees)."""

    def __init__(self) -> None:
        self._timer = QTimer()
        self._timer.setInterval(50)
        self._timer.timeout.connect(self._look)
        self._timer.start()

    def _look(self) -> None:
        for widget in QApplication.topLevelWidgets():
            if not isinstance(widget, SigningDialog) or not widget.isVisible():
                continue
            if widget.approve_button.isEnabled():
                widget.approve_button.click()

    def stop(self) -> None:
        self._timer.stop()


def unlock_as(window: MainWindow, member: str, passphrase: str) -> MarketplacePage:
    window.lock()
    screen = window.unlock_screen
    screen.reload(select=member)
    screen.passphrase.setText(passphrase)
    screen.unlock()
    workspace = window.workspace
    assert workspace is not None
    workspace.show_page("marketplace")
    page = workspace.marketplace
    # Both wallets are keystore files here (no keyring under Xvfb): the demo types the
    # passphrase where a person would.
    page.runner.ask_passphrase = lambda _parent, _why: passphrase
    return page


def marketplace_shots(out: Path, window: MainWindow, theme: ThemeKeeper, scratch: Path) -> None:
    """A whole sale on the sandbox between Ana and Bo, through the Marketplace page."""
    theme.apply(ThemeChoice.LIGHT)
    approving = AutoApprove()
    ana_pass, bo_pass = DEMO_PASSPHRASE, DEMO_PASSPHRASE + " again"
    page = unlock_as(window, "Ana", ana_pass)
    offer_file = scratch / "Offer of Ana's health data.json"
    page.offers.make_offer(offer_file)
    grab_uncut(window, out / "40-marketplace-offers.png")
    page = unlock_as(window, "Bo", bo_pass)
    assert window.vault is not None
    create_wallet(window.vault, storage="keystore-file", passphrase=bo_pass)
    page.refresh()
    page.tabs.setCurrentWidget(page.buying)
    page.buying.open_offer(offer_file)
    grab_uncut(window, out / "41-marketplace-buy.png")
    page.buying.buy()
    page = unlock_as(window, "Ana", ana_pass)
    page.tabs.setCurrentWidget(page.sales)
    page.sales.deliver()
    grab_uncut(window, out / "42-marketplace-sales.png")
    page = unlock_as(window, "Bo", bo_pass)
    page.tabs.setCurrentWidget(page.purchases)
    folder = scratch / "Bo's data"
    folder.mkdir()
    page.purchases.receive_into(folder)
    grab_uncut(window, out / "43-marketplace-purchases.png")
    window.set_language("es")
    page = unlock_as(window, "Ana", ana_pass)
    grab_uncut(window, out / "44-marketplace-earnings-spanish.png")
    window.set_language("en")
    withdrawal_shots(out, window, ana_pass)
    approving.stop()


def withdrawal_shots(out: Path, window: MainWindow, passphrase: str) -> None:
    """Ana withdraws consent for the dataset she sold: she signs the consent records with her
    wallet and cancels the offer on chain (the signing dialogs approved by `AutoApprove`)."""
    settle(window)  # a language just changed: the window rebuilds now, not under a dialog
    page = unlock_as(window, "Ana", passphrase)
    overview = page.overview()
    assert overview is not None and overview.offers
    workspace = window.workspace
    assert workspace is not None
    workspace.show_page("sharing")
    sharing = workspace.sharing
    sharing.runner.ask_passphrase = lambda _parent, _why: passphrase
    sharing.choose_dataset(overview.offers[0].dataset_id)
    box = sharing.confirm_withdraw()
    assert box is not None
    [withdraw] = [b for b in box.buttons() if box.buttonRole(b) is box.ButtonRole.DestructiveRole]
    withdraw.click()
    sharing.terms_area.verticalScrollBar().setValue(sharing.history_box.y())
    grab_uncut(window, out / "45-sharing-withdrawn-signed.png")
    workspace.show_page("marketplace")
    page.refresh()
    grab_uncut(window, out / "46-marketplace-offer-cancelled.png")


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m hearth.ui.screenshots OUTDIR", file=sys.stderr)
        return 2
    out = Path(argv[1])
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(argv)
    worker.set_synchronous(True)  # the pictures, not the waiting
    with tempfile.TemporaryDirectory() as scratch:
        settings = QSettings(str(Path(scratch) / "settings.ini"), QSettings.Format.IniFormat)
        preferences = Preferences(settings)
        preferences.language = "en"
        install_language(app, "en")
        theme = ThemeKeeper(app, ThemeChoice.LIGHT)
        vault_path = Path(scratch) / "Hearth" / "vault"
        vault = first_run(out, vault_path)
        add_family(vault)
        vault.close()
        demo_browser_home(Path(scratch) / "home")
        window = MainWindow(vault_path, preferences, theme=theme)
        settle(window)
        main_window_shots(out, window, theme)
        data_shots(out, window, theme, Path(scratch), vault_path)
        sharing_shots(out, window, theme, Path(scratch), vault_path)
        wallet_shots(out, window, theme)
        marketplace_shots(out, window, theme, Path(scratch))
        window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))

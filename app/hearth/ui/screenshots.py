"""Draw the app's main screens into PNG files: `python -m hearth.ui.screenshots OUTDIR`.

Runs on a throw-away demo vault with sample members (and the unsafe fast key derivation:
nothing here is kept). Meant for `xvfb-run`, with real windows, so what is captured is what
a person would see. Writes numbered PNGs, plus the recovery kit PDF rendered as an image.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

# Demo vaults only: set before the vault code reads it.
os.environ["HEARTH_UNSAFE_FAST_KDF"] = "1"

from PySide6.QtCore import QSettings
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from hearth.ui import worker
from hearth.ui.first_run import FirstRunWizard
from hearth.ui.i18n import install_language
from hearth.ui.main_window import MainWindow
from hearth.ui.preferences import Preferences, ThemeChoice
from hearth.ui.theme import ThemeKeeper
from hearth.vault import Role, Vault

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
        window = MainWindow(vault_path, preferences, theme=theme)
        settle(window)
        main_window_shots(out, window, theme)
        window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))

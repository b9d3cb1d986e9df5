"""Light and dark looks: Fusion with our palettes, following the system unless told otherwise.

Fusion draws the same on every OS, so one palette per scheme and one small style sheet
(resources/styles/hearth.qss) give the whole look; the sidebar icons re-tint themselves
when the palette changes.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from hearth.paths import resources_dir
from hearth.ui.preferences import ThemeChoice

EMBER = QColor("#c0581b")  # Hearth's accent: a warm ember orange, readable on white
EMBER_ON_DARK = QColor("#f08a4b")

_Role = QPalette.ColorRole
_Group = QPalette.ColorGroup


def is_dark(choice: ThemeChoice) -> bool:
    """Whether ``choice`` means dark right now (SYSTEM asks Qt what the OS uses)."""
    if choice is ThemeChoice.SYSTEM:
        return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark
    return choice is ThemeChoice.DARK


def light_palette() -> QPalette:
    style = QStyleFactory.create("Fusion")
    palette = QPalette(style.standardPalette()) if style is not None else QPalette()
    palette.setColor(_Role.Highlight, EMBER)
    palette.setColor(_Role.HighlightedText, QColor("#ffffff"))
    palette.setColor(_Role.Link, QColor("#a9490f"))
    palette.setColor(_Role.LinkVisited, QColor("#8a3a0c"))
    palette.setColor(_Role.AlternateBase, QColor("#f4f1ee"))
    palette.setColor(_Role.PlaceholderText, QColor("#6f6a66"))
    return palette


def dark_palette() -> QPalette:
    palette = QPalette()
    colors = {
        _Role.Window: "#1f2125",
        _Role.WindowText: "#e9e6e2",
        _Role.Base: "#16181b",
        _Role.AlternateBase: "#26292e",
        _Role.ToolTipBase: "#2c2f35",
        _Role.ToolTipText: "#e9e6e2",
        _Role.PlaceholderText: "#8d9199",
        _Role.Text: "#e9e6e2",
        _Role.Button: "#2b2e34",
        _Role.ButtonText: "#e9e6e2",
        _Role.BrightText: "#ff7a70",
        _Role.Light: "#3a3e45",
        _Role.Midlight: "#32353b",
        _Role.Mid: "#45494f",
        _Role.Dark: "#121316",
        _Role.Shadow: "#000000",
        _Role.Highlight: EMBER_ON_DARK.name(),
        _Role.HighlightedText: "#1a1a1a",
        _Role.Link: "#f5a56f",
        _Role.LinkVisited: "#d98c5a",
    }
    for role, color in colors.items():
        palette.setColor(role, QColor(color))
    for role in (_Role.Text, _Role.WindowText, _Role.ButtonText):
        palette.setColor(_Group.Disabled, role, QColor("#6d7178"))
    palette.setColor(_Group.Disabled, _Role.Highlight, QColor("#4a4d52"))
    return palette


def style_sheet() -> str:
    path = resources_dir() / "styles" / "hearth.qss"
    return path.read_text(encoding="utf-8") if path.exists() else ""


class ThemeKeeper(QObject):
    """Applies the chosen theme and re-applies it when the OS switches while on SYSTEM."""

    def __init__(self, app: QApplication, choice: ThemeChoice) -> None:
        super().__init__(app)
        self._app = app
        self._choice = choice
        app.setStyle("Fusion")
        app.styleHints().colorSchemeChanged.connect(self._on_system_scheme_changed)
        self.apply(choice)

    @property
    def choice(self) -> ThemeChoice:
        return self._choice

    def apply(self, choice: ThemeChoice) -> None:
        self._choice = choice
        hints = self._app.styleHints()
        # Tell Qt too, so dialogs Qt draws itself (file pickers) agree with our palette.
        if choice is ThemeChoice.SYSTEM:
            hints.unsetColorScheme()
        else:
            hints.setColorScheme(
                Qt.ColorScheme.Dark if choice is ThemeChoice.DARK else Qt.ColorScheme.Light
            )
        self._app.setPalette(dark_palette() if is_dark(choice) else light_palette())
        # Style sheets resolve palette(...) when set: set it again after each palette change.
        self._app.setStyleSheet(style_sheet())

    def _on_system_scheme_changed(self, _scheme: Qt.ColorScheme) -> None:
        if self._choice is ThemeChoice.SYSTEM:
            self.apply(ThemeChoice.SYSTEM)

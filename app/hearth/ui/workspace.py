"""The unlocked vault: a sidebar of pages on the left, the chosen page on the right.

A workspace lives exactly as long as the vault is open: locking deletes it with every page
and dialog in it, so nothing read from the vault stays in a widget.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from hearth.ui.i18n import fill
from hearth.ui.icons import tinted_icon
from hearth.ui.message_bar import MessageBar
from hearth.ui.pages.activity import ActivityPage
from hearth.ui.pages.datasets import DatasetsPage
from hearth.ui.pages.family import FamilyPage
from hearth.ui.pages.home import HomePage
from hearth.ui.pages.import_page import ImportPage
from hearth.ui.pages.marketplace import MarketplacePage
from hearth.ui.pages.page import Page
from hearth.ui.pages.settings import SettingsPage
from hearth.ui.pages.sharing import SharingPage
from hearth.ui.pages.wallet import WalletPage
from hearth.ui.preferences import Preferences
from hearth.ui.wording import role_name
from hearth.vault import Vault


class Sidebar(QListWidget):
    """The page list; its icons follow the palette's text colour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Sidebar")
        self.setIconSize(QSize(20, 20))
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAccessibleName(self.tr("Pages"))
        self._icons: list[str] = []

    def add_page(self, icon: str, label: str) -> None:
        item = QListWidgetItem(label, self)
        item.setSizeHint(QSize(0, 38))
        self._icons.append(icon)
        self._tint(item, icon)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            for row, icon in enumerate(self._icons):
                item = self.item(row)
                if item is not None:
                    self._tint(item, icon)

    def _tint(self, item: QListWidgetItem, icon: str) -> None:
        item.setIcon(tinted_icon(icon, self.palette().color(self.foregroundRole())))


class Workspace(QWidget):
    """Sidebar and pages for one open vault; forwards the Settings page's requests."""

    lock_requested = Signal()
    auto_lock_changed = Signal(int)
    language_changed = Signal(str)
    theme_changed = Signal(str)

    def __init__(
        self, vault: Vault, preferences: Preferences, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.vault = vault
        self.sidebar = Sidebar(self)
        self.stack = QStackedWidget(self)
        self._keys: list[str] = []

        self.home = HomePage(vault, preferences.auto_lock_minutes, self)
        self.import_page = ImportPage(vault, self)
        self.datasets = DatasetsPage(vault, self)
        self.sharing = SharingPage(vault, self)
        self.marketplace = MarketplacePage(vault, self)
        self.wallet = WalletPage(vault, self)
        self.family = FamilyPage(vault, self)
        self.activity = ActivityPage(vault, self)
        self.settings = SettingsPage(vault, preferences, self)
        pages: list[tuple[str, str, Page]] = [
            ("home", self.tr("Home"), self.home),
            ("import", self.tr("Import"), self.import_page),
            ("datasets", self.tr("Datasets"), self.datasets),
            ("sharing", self.tr("Sharing & prices"), self.sharing),
            ("marketplace", self.tr("Marketplace"), self.marketplace),
            ("wallet", self.tr("Wallet"), self.wallet),
            ("family", self.tr("Family"), self.family),
            ("activity", self.tr("Activity"), self.activity),
            ("settings", self.tr("Settings"), self.settings),
        ]
        for key, label, page in pages:
            self._keys.append(key)
            self.sidebar.add_page(key, label)
            self.stack.addWidget(page)

        self.home.navigate.connect(self.show_page)
        self.datasets.navigate.connect(self.show_page)
        self.import_page.imported.connect(self.datasets.refresh)
        self.import_page.imported.connect(self.home.refresh)
        self.settings.lock_requested.connect(self.lock_requested)
        self.settings.auto_lock_changed.connect(self.auto_lock_changed)
        self.settings.language_changed.connect(self.language_changed)
        self.settings.theme_changed.connect(self.theme_changed)
        self.sidebar.currentRowChanged.connect(self._show_row)

        member = vault.member
        self.signed_in = QLabel(
            fill(self.tr("%1 · %2"), member.name, role_name(member.role)) if member else "",
            self,
        )
        self.signed_in.setObjectName("SignedIn")
        self.lock_button = QPushButton(self.tr("Loc&k"), self)
        self.lock_button.setObjectName("SidebarLock")
        self.lock_button.setAccessibleName(self.tr("Lock the vault"))
        self.lock_button.setToolTip(self.tr("Lock the vault now (Ctrl+L)"))
        self.lock_button.clicked.connect(self.lock_requested)
        footer = QFrame(self)
        footer.setObjectName("SidebarFooter")
        footer_row = QHBoxLayout(footer)
        footer_row.setContentsMargins(16, 8, 10, 10)
        footer_row.addWidget(self.signed_in, 1)
        footer_row.addWidget(self.lock_button)
        side = QFrame(self)
        side.setObjectName("SidebarColumn")
        side.setFixedWidth(220)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.setSpacing(0)
        side_layout.addWidget(self.sidebar, 1)
        side_layout.addWidget(footer)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(side)
        layout.addWidget(self.stack, 1)
        self.setTabOrder(self.sidebar, self.lock_button)
        self.sidebar.setCurrentRow(0)

    def page_keys(self) -> list[str]:
        return list(self._keys)

    def page(self, key: str) -> Page:
        widget = self.stack.widget(self._keys.index(key))
        assert isinstance(widget, Page)
        return widget

    def current_key(self) -> str:
        return self._keys[max(0, self.stack.currentIndex())]

    def show_page(self, key: str) -> None:
        self.sidebar.setCurrentRow(self._keys.index(key))

    def current_bar(self) -> MessageBar | None:
        page = self.stack.currentWidget()
        return page.bar if isinstance(page, Page) else None

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        page = self.stack.widget(row)
        if isinstance(page, Page):
            page.bar.clear()
            page.refresh()
        self.stack.setCurrentIndex(row)

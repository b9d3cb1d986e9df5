"""SVG icons from resources/icons, tinted to the palette so they read in light and dark."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from hearth.paths import resources_dir

_SIZES = (16, 24, 32, 48, 64)


@cache
def _svg_text(name: str) -> str:
    return (resources_dir() / "icons" / f"{name}.svg").read_text(encoding="utf-8")


def _render(svg: str, size: int) -> QPixmap:
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return pixmap


def tinted_icon(name: str, color: QColor) -> QIcon:
    """The icon ``name`` drawn in ``color`` (the SVGs use currentColor for their strokes)."""
    svg = _svg_text(name).replace("currentColor", color.name())
    icon = QIcon()
    for size in _SIZES:
        icon.addPixmap(_render(svg, size))
    return icon


def app_icon() -> QIcon:
    """Hearth's own icon, in its own colours."""
    icon = QIcon()
    for size in (*_SIZES, 128, 256):
        icon.addPixmap(_render(_svg_text("hearth"), size))
    return icon

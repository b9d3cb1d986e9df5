"""Make the Windows and macOS icons from resources/icons/hearth.svg (the one drawing of the
icon; Linux uses the SVG itself). Run with the build's Python, which has PySide6:

    python packaging/make_icons.py windows   # packaging/windows/hearth.ico
    python packaging/make_icons.py macos     # packaging/macos/hearth.icns

Both files are containers of PNG images, one per size, which Windows Vista and later and
macOS 10.7 and later read; Qt draws the PNGs from the SVG. The files are made at build time
and not committed (.gitignore), so the SVG stays the only source.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SVG = ROOT / "resources" / "icons" / "hearth.svg"
ICO = ROOT / "packaging" / "windows" / "hearth.ico"
ICNS = ROOT / "packaging" / "macos" / "hearth.icns"
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)
# ICNS element types that hold a PNG, by the pixel size they hold (Apple's "icns" format).
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic09", 512),
    (b"ic10", 1024),
    (b"ic11", 32),  # 16 pt at 2x
    (b"ic12", 64),  # 32 pt at 2x
    (b"ic13", 256),  # 128 pt at 2x
    (b"ic14", 512),  # 256 pt at 2x
)


def png_of_size(size: int) -> bytes:
    """The icon drawn at ``size`` x ``size`` pixels, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        png_of_size.app = QGuiApplication([])  # type: ignore[attr-defined]  # kept alive
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"{SVG} is not an SVG Qt can draw.")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def ico(pngs: dict[int, bytes]) -> bytes:
    """An ICO file: a directory of entries, each a PNG (size 256 is written as 0)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, images = b"", b""
    for size, png in sorted(pngs.items()):
        side = 0 if size >= 256 else size
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        images += png
        offset += len(png)
    return header + entries + images


def icns(pngs: dict[int, bytes]) -> bytes:
    """An ICNS file: 'icns', the total length, then (type, length, PNG) elements."""
    body = b"".join(
        kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size] for kind, size in ICNS_TYPES
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main(argv: list[str]) -> int:
    if argv not in (["windows"], ["macos"]):
        print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
        return 2
    if argv == ["windows"]:
        out, data = ICO, ico({size: png_of_size(size) for size in ICO_SIZES})
    else:
        sizes = {size for _, size in ICNS_TYPES}
        out, data = ICNS, icns({size: png_of_size(size) for size in sizes})
    out.write_bytes(data)
    print(f"{out.relative_to(ROOT)}: {len(data)} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Render the SVG master icon to PNG sizes (and a Windows .ico) with Qt's SVG renderer.

    python packaging/make_icons.py OUT_DIR [SVG]

Writes OUT_DIR/<n>x<n>/in.khabar.KhabarEditor.png for the hicolor sizes and
OUT_DIR/khabar-editor.ico. Runs offscreen; needs PySide6 with QtSvg (the venv's).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

SIZES = (16, 24, 32, 48, 64, 128, 256)
ICON_NAME = "in.khabar.KhabarEditor"


def render(svg: Path, out: Path) -> list[Path]:
    """Render ``svg`` at every size under ``out``; the files written."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"not a valid SVG: {svg}")
    written = []
    images = []
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        target = out / f"{size}x{size}" / f"{ICON_NAME}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(target), "PNG"):
            raise SystemExit(f"cannot write {target}")
        written.append(target)
        images.append(image)
    ico = out / "khabar-editor.ico"
    if images[-1].save(str(ico), "ICO"):  # needs Qt's ico image plugin
        written.append(ico)
    return written


if __name__ == "__main__":
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    default = Path(__file__).resolve().parent.parent / "resources" / "icons" / "khabar-editor.svg"
    svg = Path(sys.argv[2]) if len(sys.argv) > 2 else default
    for path in render(svg, Path(sys.argv[1])):
        print(path)

"""The bundled Devanagari font, registered with Qt at start.

Many laptops have no font with Devanagari shaping, so conjuncts fall apart and
vowel signs show dotted circles. Noto Sans Devanagari (OFL) ships in
``khabar_editor/data/fonts`` and is loaded before any window is built.
"""

from __future__ import annotations

import logging
from importlib import resources

from PySide6.QtGui import QFont, QFontDatabase

log = logging.getLogger(__name__)

BUNDLED_FAMILY = "Noto Sans Devanagari"
_loaded: list[str] = []


def load_bundled_fonts() -> list[str]:
    """Register every bundled TTF once; returns the family names Qt now knows."""
    if _loaded:
        return list(_loaded)
    folder = resources.files("khabar_editor") / "data" / "fonts"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.lower().endswith((".ttf", ".otf")):
            continue
        font_id = QFontDatabase.addApplicationFontFromData(entry.read_bytes())
        if font_id < 0:
            log.warning("Could not load bundled font %s", entry.name)
            continue
        for family in QFontDatabase.applicationFontFamilies(font_id):
            if family not in _loaded:
                _loaded.append(family)
    return list(_loaded)


def editor_font(family: str, size: int) -> QFont:
    """The writing font: ``family`` with the bundled Devanagari font as fallback."""
    font = QFont(family or BUNDLED_FAMILY, size)
    font.setFamilies([family or BUNDLED_FAMILY, BUNDLED_FAMILY])
    return font

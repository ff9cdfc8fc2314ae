"""The bundled Devanagari font, registered with Qt at start.

Many laptops have no font with Devanagari shaping, so conjuncts fall apart and
vowel signs show dotted circles. Noto Sans Devanagari (OFL) ships in
``khabar_editor/data/fonts`` and is loaded before any window is built.
"""

from __future__ import annotations

import logging
import os

from PySide6.QtGui import QFont, QFontDatabase

log = logging.getLogger(__name__)

BUNDLED_FAMILY = "Noto Sans Devanagari"
FONT_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data",
                        "fonts")
_loaded: list[str] = []


def load_bundled_fonts() -> list[str]:
    """Register every bundled TTF once; returns the family names Qt now knows."""
    if _loaded:
        return list(_loaded)
    try:
        names = sorted(os.listdir(FONT_DIR))
    except OSError as exc:
        log.warning("No bundled fonts: %s", exc)
        names = []
    for name in names:
        if not name.lower().endswith((".ttf", ".otf")):
            continue
        # By path: Qt maps the file itself (faster than passing its bytes).
        font_id = QFontDatabase.addApplicationFont(os.path.join(FONT_DIR, name))
        if font_id < 0:
            log.warning("Could not load bundled font %s", name)
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

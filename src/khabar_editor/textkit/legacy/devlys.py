"""DevLys 010 glyph table.

DevLys 010 uses the Krutidev 010 keyboard layout for letters, signs and the common
ligatures; the table is Krutidev's with DevLys's own extra glyphs on top.
"""

from __future__ import annotations

from khabar_editor.textkit.legacy import krutidev
from khabar_editor.textkit.legacy.engine import Table

MAPPING: dict[str, str] = {
    **krutidev.MAPPING,
    "Ì": "द्द", "Í": "ट्ट", "Î": "ट्ठ", "Ï": "ड्ड", "Ô": "ड्ढ", "Ó": "्य", "Ú": "फ्र",
}

TABLE = Table(MAPPING)


def decode(text: str) -> str:
    """DevLys 010 text as Unicode (NFC)."""
    return TABLE.decode(text)

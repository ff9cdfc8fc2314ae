"""Walkman Chanakya 905 glyph table.

Chanakya shares most of Krutidev's layout; it differs in the full ध on ``/``,
its own digits (``å`` ``ƒ``…``‹`` for ०-९), ``Ä`` for घ, ``”`` for ज्, the
ligatures on Latin-1 letters and ``Q`` as the nukta-bearing stroke of फ़.
"""

from __future__ import annotations

from khabar_editor.textkit.legacy import krutidev
from khabar_editor.textkit.legacy.engine import Table

_OVERRIDES: dict[str, str] = {
    "/": "ध", "è": "ध्", "Ä": "घ", "”": "ज्", "÷": "झ्", "¥": "ञ",
    "å": "०", "ƒ": "१", "„": "२", "…": "३", "†": "४", "‡": "५", "ˆ": "६", "‰": "७",
    "Š": "८", "‹": "९", "¢": "े", "¨": "ो", "©": "ौ", "Ó": "्य", "È": "ीं",
    "Ã": "ई", "½": "ऋ", "¼": "द्ध", "mQ": "ऊ", "iQ": "फ", "oQ": "क", "Q": "फ़",
    "Ü": "श्", "ç": "प्र", "Á": "प्र", "æ": "द्र", "|": "द्य", "ñ": "॰",
    "Ì": "द्द", "Í": "ट्ट", "Î": "ट्ठ", "Ï": "ड्ड", "Ô": "ड्ढ", "Ú": "फ्र", "Ò": "भ",
    "ˇ": "ँ", "·": "ऽ",
}

MAPPING: dict[str, str] = {**krutidev.MAPPING, **_OVERRIDES}

TABLE = Table(MAPPING)


def decode(text: str) -> str:
    """Walkman Chanakya 905 text as Unicode (NFC)."""
    return TABLE.decode(text)

"""Canonical text form used everywhere: NFC, ``\\n`` line ends, no BOM.

NFC keeps the nukta letters decomposed (क़ is क + ़ after NFC because U+0958-
U+095F are composition exclusions), so every dictionary entry, text and search
key must go through the same function or nukta words go missing.
"""

from __future__ import annotations

import unicodedata

ZWJ = "\u200d"
ZWNJ = "\u200c"
BOM = "\ufeff"


def nfc(text: str) -> str:
    """Unicode NFC of ``text``."""
    return unicodedata.normalize("NFC", text)


def normalize_newlines(text: str) -> str:
    """Turn ``\\r\\n`` and lone ``\\r`` into ``\\n``."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def normalize_text(text: str) -> str:
    """The stored form of a text field: NFC, ``\\n`` newlines, no leading BOM."""
    if text.startswith(BOM):
        text = text[1:]
    return nfc(normalize_newlines(text))


def strip_joiners(text: str) -> str:
    """``text`` without ZWJ/ZWNJ (for dictionary lookups and search keys)."""
    return text.replace(ZWJ, "").replace(ZWNJ, "")


NUKTA = "\u093c"


def strip_nukta(text: str) -> str:
    """``text`` with every nukta removed (NFC first, so precomposed forms go too)."""
    return nfc(text).replace(NUKTA, "")

"""Preeti glyph table (Nepal's most common legacy font).

Preeti keeps letters on the number row (``1`` ज्ञ … ``0`` ण्) and numerals on the
shifted number row (``!`` १ … ``)`` ०); ``l`` is the short-i sign typed before its
cluster and ``{`` the reph typed after its syllable; ``f`` is the stroke ा that
also completes half forms.
"""

from __future__ import annotations

from khabar_editor.textkit.legacy.engine import PRE_I, REPH, Table

MAPPING: dict[str, str] = {
    # lower case
    "a": "ब", "b": "द", "c": "अ", "d": "म", "e": "भ", "f": "ा", "g": "न", "h": "ज",
    "i": "ष्", "j": "व", "k": "प", "l": PRE_I, "m": "ु", "n": "ल", "o": "य", "p": "उ",
    "q": "त्र", "r": "च", "s": "क", "t": "त", "u": "ग", "v": "ख", "w": "ध", "x": "ह",
    "y": "थ", "z": "श",
    # upper case
    "A": "ब्", "B": "द्य", "C": "ऋ", "D": "म्", "E": "भ्", "F": "ँ", "G": "न्", "H": "ज्",
    "I": "क्ष्", "J": "व्", "K": "प्", "L": "ी", "M": "ः", "N": "ल्", "O": "इ", "P": "ए",
    "Q": "त्त", "R": "च्", "S": "क्", "T": "त्", "U": "ग्", "V": "ख्", "W": "ध्", "X": "ह्",
    "Y": "थ्", "Z": "श्",
    # number row: letters; shifted: numerals
    "1": "ज्ञ", "2": "द्द", "3": "घ", "4": "द्ध", "5": "छ", "6": "ट", "7": "ठ", "8": "ड",
    "9": "ढ", "0": "ण्",
    "!": "१", "@": "२", "#": "३", "$": "४", "%": "५", "^": "६", "&": "७", "*": "८",
    "(": "९", ")": "०",
    # combinations written as two glyphs
    "km": "फ", "qm": "क्र", "cf]": "ओ", "cf}": "औ", "cf": "आ", "O{": "ई", "pm": "ऊ",
    "P]": "ऐ", "0f": "ण", "If": "क्ष", "if": "ष",
    # signs and punctuation
    "-": "(", "_": ")", "+": "ं", "[": "ृ", "{": REPH, "]": "े", "}": "ै", "\\": "्",
    "|": "्र", ";": "स", ":": "स्", "'": "ु", '"': "ू", ",": ",", "<": "?", ".": "।",
    ">": "श्र", "/": "र", "?": "रु", "=": ".", "`": "ञ", "~": "ञ्", "Ø": "्य",
    "«": "्र", "»": "्र", "°": "ङ्क", "¿": "रू", "Í": "ङ्क", "Î": "ङ्ख", "å": "द्व",
    "÷": "/", "Ë": "ङ्ग", "Ì": "न्न", "Ò": "ू", "Ù": ";", "Ú": "’", "Û": "!", "Ý": "ट्ट",
    "ˆ": "फ्", "ç": "ॐ", "¥": "र्‍", "ª": "ङ", "Å": "हृ", "Æ": "“", "Ü": "%",
    "§": "ट्ट", "¶": "ठ्ठ", "±": "+",
}

TABLE = Table(MAPPING)


def decode(text: str) -> str:
    """Preeti text as Unicode (NFC)."""
    return TABLE.decode(text)

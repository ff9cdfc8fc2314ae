"""Krutidev 010 glyph table (Hindi offices' most common legacy font).

Mapping facts (which Latin code point draws which Devanagari glyph) follow the
font's published keyboard chart; half forms end in virama and become full letters
when the vertical stroke ``k`` (ा) follows. ``f`` is the short-i sign typed before
its cluster, ``Z`` the reph typed after its syllable.
"""

from __future__ import annotations

from khabar_editor.textkit.legacy.engine import PRE_I, REPH, Table

MAPPING: dict[str, str] = {
    # independent vowels
    "v‚": "ऑ", "vks": "ओ", "vkS": "औ", "vk": "आ", "v": "अ",
    "b±": "ईं", "bZ": "ई", "b": "इ", "m": "उ", "Å": "ऊ",
    ",s": "ऐ", ",": "ए", "_": "ऋ",
    # consonants: full forms and half forms (half + k = full)
    "d": "क", "D": "क्", "[": "ख्", "x": "ग", "X": "ग्", "?": "घ्", "³": "ङ",
    "p": "च", "P": "च्", "N": "छ", "t": "ज", "T": "ज्", ">": "झ", "¥": "झ्", "´": "ञ",
    "V": "ट", "B": "ठ", "M": "ड", "<": "ढ", ".": "ण्",
    "r": "त", "R": "त्", "F": "थ्", "n": "द", "/": "ध्", "u": "न", "U": "न्",
    "i": "प", "I": "प्", "Q": "फ", "¶": "फ्", "c": "ब", "C": "ब्", "H": "भ्",
    "e": "म", "E": "म्", ";": "य", "¸": "य्", "j": "र", "y": "ल", "Y": "ल्",
    "G": "ळ", "o": "व", "O": "व्", "'": "श्", '"': "ष्", "l": "स", "L": "स्", "g": "ह",
    # conjuncts and ligatures drawn as one glyph
    "{": "क्ष्", "=": "त्र", "«": "त्र्", "J": "श्र", "K": "ज्ञ", "Ø": "क्र",
    "Ù": "त्त्", "Ý": "फ्र", "}": "द्व", "|": "द्य", "í": "द्द", "ñ": "द्ध",
    "ê": "ट्ट", "ë": "ट्ठ", "ì": "ड्ड", "ï": "ड्ढ", "æ": "द्र", "ç": "प्र",
    "Ñ": "कृ", "–": "दृ", "—": "कृ", "ä": "क्त", "é": "न्न", "™": "न्न्",
    "à": "ह्न", "á": "ह्य", "â": "हृ", "ã": "ह्म", "º": "ह्", "ô": "क्क",
    "#": "रु", ":": "रू", "Ê": "ीं",
    # vowel signs and marks
    "k": "ा", "h": "ी", "q": "ु", "w": "ू", "`": "ृ", "s": "े", "S": "ै",
    "a": "ं", "¡": "ँ", "%": "ः", "W": "ॅ", "‚": "ॉ", "~": "्", "+": "़",
    "z": "्र", "ª": "्र", "f": PRE_I, "Z": REPH, "±": REPH + "ं",
    # punctuation the font moves
    "A": "।", "-": ".", "]": ",", "&": "-", "\\": "?", "@": "/", "¼": "(", "½": ")",
    "^": "‘", "*": "’", "Þ": "“", "ß": "”", "¾": "=", "Œ": "॰", "•": "ऽ",
}

TABLE = Table(MAPPING)


def decode(text: str) -> str:
    """Krutidev 010 text as Unicode (NFC)."""
    return TABLE.decode(text)

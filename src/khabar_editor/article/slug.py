"""Readable Latin URL slugs from Devanagari headlines.

Transliteration is done by indic-transliteration (to IAST, which keeps short
and long vowels apart); this module only turns IAST into the plain ASCII that
Hindi news sites use in URLs (``बाढ़ से 12 गाँव प्रभावित`` ->
``baadh-se-12-gaanv-prabhavit``): diacritics folded, the word-final inherent
vowel dropped (Hindi schwa deletion), everything else lowercase ASCII.
"""

from __future__ import annotations

import re
import unicodedata

from indic_transliteration import sanscript

from khabar_editor.textkit.digits import to_latin_digits
from khabar_editor.textkit.normalize import nfc

MAX_SLUG_LENGTH = 80

# IAST (after NFC) -> ASCII. Longest keys first matter only for "ch"/"c".
_IAST_TO_ASCII = (
    ("r̤h", "dh"), ("r̤", "d"), ("ḍh", "dh"), ("ṭh", "th"), ("ch", "chh"), ("c", "ch"),
    ("ś", "sh"), ("ṣ", "sh"), ("ṛ", "ri"), ("ṝ", "ri"), ("ḷ", "li"),
    ("ā", "a"), ("ī", "i"), ("ū", "u"),
    ("ṭ", "t"), ("ḍ", "d"), ("ṇ", "n"), ("ñ", "n"), ("ṅ", "n"), ("ḥ", "h"),
    ("ṃ", "n"), ("m̐", "n"), ("~", "n"), ("ê", "e"), ("ô", "o"), ("ĕ", "e"), ("ŏ", "o"),
)
_VOWELS = set("aeiouāīūṛ")
_SCRIPT_DEVANAGARI = re.compile(r"[\u0900-\u097f]")


def _word_to_ascii(word: str) -> str:
    word = nfc(word)
    # Schwa deletion: a final short "a" after a consonant in a word of several syllables.
    syllables = sum(1 for ch in word if ch in _VOWELS)
    # (Not after a consonant cluster: क्षेत्र stays "kshetra", मित्र "mitra".)
    if (syllables > 1 and len(word) > 2 and word.endswith("a") and word[-2] not in _VOWELS
            and word[-3] in _VOWELS | {"ṃ", "~"}):
        word = word[:-1]
    for src, dst in _IAST_TO_ASCII:
        word = word.replace(src, dst)
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if ch.isascii())


def make_slug(text: str, max_length: int = MAX_SLUG_LENGTH) -> str:
    """A lowercase ASCII slug for ``text`` (Devanagari transliterated, others folded)."""
    text = to_latin_digits(nfc(text))
    words: list[str] = []
    for raw in re.split(r"[\s\u0964\u0965,.;:!?'\"()\[\]{}<>/\\|—–-]+", text):
        if not raw:
            continue
        if _SCRIPT_DEVANAGARI.search(raw):
            raw = sanscript.transliterate(raw, sanscript.DEVANAGARI, sanscript.IAST)
            raw = "".join(_word_to_ascii(part) for part in re.split(r"(\d+)", raw))
        else:
            raw = "".join(ch for ch in unicodedata.normalize("NFKD", raw) if ch.isascii())
        cleaned = re.sub(r"[^a-z0-9]+", "-", raw.lower()).strip("-")
        if cleaned:
            words.append(cleaned)
    slug = "-".join(words)
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] if "-" in slug[:max_length] else slug[:max_length]
    return slug.strip("-")

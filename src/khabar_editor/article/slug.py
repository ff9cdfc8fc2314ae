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


_VIRAMA = "\u094d"
_INDEPENDENT_VOWELS = "अआइईउऊऋएऐओऔ"
_HIGH_VOWEL_SIGNS = "िीुू"  # प्रिय "priya", केंद्रीय "kendriya": final य/व after them stays
_UNIT = re.compile(
    "([\u0915-\u0939\u0958-\u095f\u0978-\u097f]\u093c?)"  # consonant (+ nukta)
    "([\u093e-\u094c\u0962\u0963]|\u094d)?"                    # vowel sign or virama
    "([\u0901-\u0903]*)"                                          # nasal / visarga
    "|([\u0904-\u0914\u0960\u0961\u0972-\u0977][\u0901-\u0903]*)"  # independent vowel
    "|(.)", re.S)


def _delete_schwas(word: str) -> str:
    """Hindi schwa deletion on a Devanagari word: add a virama where the inherent
    vowel is not pronounced (पटना -> पट्ना "patna", ख़तरे -> "khatre", निशान -> "nishan").

    Rules: the word-final schwa goes in words of two or more syllables unless it
    follows a conjunct (मित्र "mitra"); then, right to left, a schwa between a
    vowel-bearing syllable and a consonant with a vowel goes (V C _ C V).
    """
    # Each unit: [text, kind] with kind "schwa", "vowel" (consonant+sign, or
    # independent vowel), "dead" (consonant+virama) or "other".
    units: list[list[str]] = []
    for m in _UNIT.finditer(word):
        if m.group(1):
            sign, mods = m.group(2) or "", m.group(3)
            kind = "dead" if sign == _VIRAMA else ("vowel" if sign or mods else "schwa")
            units.append([m.group(0), kind])
        elif m.group(4):
            units.append([m.group(0), "vowel"])
        else:
            units.append([m.group(0), "other"])
    if any(kind == "other" for _, kind in units):
        return word
    syllables = sum(1 for _, kind in units if kind in {"schwa", "vowel"})
    glide_after_high = units and units[-1][0] in "यव" and len(units) >= 2 and (
        units[-2][0][-1] in _HIGH_VOWEL_SIGNS)
    if (len(units) >= 2 and syllables >= 2 and units[-1][1] == "schwa"
            and units[-2][1] != "dead" and not glide_after_high):
        units[-1] = [units[-1][0] + _VIRAMA, "dead"]
    for i in range(len(units) - 2, 0, -1):
        if (units[i][1] == "schwa" and units[i - 1][1] in {"schwa", "vowel"}
                and units[i + 1][1] in {"schwa", "vowel"}
                and units[i + 1][0][0] not in _INDEPENDENT_VOWELS):
            units[i] = [units[i][0] + _VIRAMA, "dead"]
    return "".join(text for text, _ in units)


def _word_to_ascii(word: str) -> str:
    word = nfc(word)
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
            raw = "".join(_delete_schwas(part) if _SCRIPT_DEVANAGARI.search(part) else part
                          for part in re.split(r"(\d+)", raw))
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

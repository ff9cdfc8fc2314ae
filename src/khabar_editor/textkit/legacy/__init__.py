"""Legacy 8-bit Devanagari fonts → Unicode: detection and conversion (Qt-free).

``detect(text)`` tells whether Latin-looking text is really Krutidev 010, Walkman
Chanakya 905, DevLys 010 (Hindi) or Preeti (Nepali), by decoding it with every
table and counting how many of the resulting words are known words (the shipped
lexicons), against how many of the original tokens are common English words.
``convert(text, font)`` decodes with one table; the result is NFC and free of the
"do not use" sequences of the proofing rules.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

import regex

from khabar_editor.errors import ConversionError
from khabar_editor.i18n import N_
from khabar_editor.textkit.legacy import chanakya, devlys, krutidev, preeti

FONTS: tuple[str, ...] = ("krutidev", "chanakya", "devlys", "preeti")
FONT_NAMES: dict[str, str] = {
    "krutidev": "Krutidev 010", "chanakya": "Walkman Chanakya 905",
    "devlys": "DevLys 010", "preeti": "Preeti",
}
FONT_LANGUAGE: dict[str, str] = {
    "krutidev": "hi", "chanakya": "hi", "devlys": "hi", "preeti": "ne",
}
_DECODERS: dict[str, Callable[[str], str]] = {
    "krutidev": krutidev.decode, "chanakya": chanakya.decode,
    "devlys": devlys.decode, "preeti": preeti.decode,
}

_TABLES = {
    "krutidev": krutidev.TABLE, "chanakya": chanakya.TABLE,
    "devlys": devlys.TABLE, "preeti": preeti.TABLE,
}

# Shortest token worth judging; the share of known words needed to call text legacy.
MIN_TOKEN = 2
THRESHOLD = 0.45
MAX_DETECT_TOKENS = 400

_TOKEN = regex.compile(r"\S+")
_DEVANAGARI = regex.compile(r"\p{Devanagari}")
_LATIN_LETTER = regex.compile(r"[A-Za-z]")
_URLISH = regex.compile(r"(?i)^(?:https?://|www\.)|@.*\.|\.(?:com|org|net|in|np)$")
_EDGE_PUNCT = "\"'“”‘’()[]{}<>.,;:!?।-"
_DEV_WORD = regex.compile(r"[\p{Devanagari}\p{M}\u200c\u200d--\p{Nd}--[\u0964\u0965\u0970]]+",
                          regex.V1)

_ENGLISH = frozenset("""
a about after all also an and any are as at be been but by can could did do does
for from had has have he her his how i if in into is it its just may more most my
new no not now of on one or our out over said she so some than that the their them
then there these they this to up us was we were what when which who will with would
you your year years people government minister police city state said says
""".split())


@dataclass(frozen=True)
class Detection:
    """Which legacy font ``text`` most likely is (``None``: not legacy text)."""

    font: str | None
    score: float
    english: float
    scores: dict[str, float] = field(default_factory=dict)

    @property
    def is_legacy(self) -> bool:
        """Whether the text should be offered for conversion."""
        return self.font is not None


def convert(text: str, font: str) -> str:
    """``text`` in legacy ``font`` (one of :data:`FONTS`) as NFC Unicode."""
    try:
        decoder = _DECODERS[font]
    except KeyError:
        raise ConversionError(
            N_("Unknown legacy font '{font}'; known: {known}"),
            code="conversion.font", font=font, known=", ".join(FONTS)) from None
    return decoder(text)


@lru_cache(maxsize=2)
def _known_words(language: str) -> frozenset[str]:
    from khabar_editor.proofing.lexicon import hunspell_words, load_lexicon

    words = set(load_lexicon("hi"))
    if language == "ne":
        words |= hunspell_words("ne")
    return frozenset(words)


def _tokens(text: str) -> list[str]:
    out = []
    for raw in _TOKEN.findall(text):
        if _URLISH.search(raw):
            continue
        if len(raw.strip(_EDGE_PUNCT)) >= MIN_TOKEN and _LATIN_LETTER.search(raw):
            out.append(raw)
        if len(out) >= MAX_DETECT_TOKENS:
            break
    return out


def _known_share(tokens: list[str], font: str) -> float:
    from khabar_editor.proofing.lexicon import lookup_key

    known = _known_words(FONT_LANGUAGE[font])
    decode = _DECODERS[font]
    glyphs = _TABLES[font].codepoints
    hits = total = 0
    for token in tokens:
        if any(ch not in glyphs and not ch.isascii() for ch in token):
            total += 1  # a glyph this font does not have
            continue
        words = _DEV_WORD.findall(decode(token))
        if not words:
            total += 1
            continue
        for word in words:
            total += 1
            hits += lookup_key(word) in known
    return hits / total if total else 0.0


def english_share(text: str) -> float:
    """Share of the Latin tokens of ``text`` that are common English words."""
    tokens = _tokens(text)
    if not tokens:
        return 0.0
    return sum(t.strip(_EDGE_PUNCT).lower() in _ENGLISH for t in tokens) / len(tokens)


def detect(text: str) -> Detection:
    """Score ``text`` for every legacy font and for English; pick the best font.

    Text that already holds Devanagari, or whose tokens are mostly English words, or
    where no font makes at least :data:`THRESHOLD` of the words known, is not legacy.
    """
    tokens = _tokens(text)
    if not tokens or len(_DEVANAGARI.findall(text)) > len(text) // 4:
        return Detection(None, 0.0, 0.0, {})
    english = sum(t.strip(_EDGE_PUNCT).lower() in _ENGLISH for t in tokens) / len(tokens)
    scores = {font: _known_share(tokens, font) for font in FONTS}
    best = max(FONTS, key=lambda f: (scores[f], -FONTS.index(f)))
    score = scores[best]
    if score < THRESHOLD or english >= score:
        return Detection(None, score, english, scores)
    return Detection(best, score, english, scores)


def looks_legacy(text: str) -> bool:
    """Cheap test: mostly Latin letters and legacy glyph punctuation, no Devanagari."""
    if not text or _DEVANAGARI.search(text):
        return False
    return bool(_LATIN_LETTER.search(text))

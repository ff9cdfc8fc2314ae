"""Devanagari sequences that look right on screen but are wrong text.

The Unicode Standard (core specification, chapter 12 "South and Central Asia-I",
Table 12-1 "Devanagari Vowel Letters" and the DoNotEmit.txt data file) lists
sequences that must not be used for the independent vowels: अ + ा renders like
आ but is not आ, so search, sorting and spell check all miss the word. Typing
slips add more of the same kind: two vowel signs where one is meant (ा + े for
ो), and nukta or virama in the wrong order. Each entry maps the wrong sequence
to the canonical text. The Devanagari rows of the table were cross-checked against
the invalid-cluster list that text shapers (HarfBuzz, from Microsoft's Universal
Shaping Engine data) mark with a dotted circle.

Also the one test for characters that must never be in a one-line value (option
values, destination names, export settings): :func:`has_control_chars`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# C0 controls (tab and newline too: these values are one line), DEL, C1 controls, the
# bidi embeddings, overrides and isolates (they reorder what is shown: "exe.jpg"),
# lone surrogates (bytes that were not UTF-8) and the two non-characters XML 1.0
# forbids. Used by the CLI options, the destinations file and the export settings.
CONTROL_CHARS = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
                           "\ud800-\udfff\ufffe\uffff]")


def has_control_chars(text: str) -> bool:
    """Whether ``text`` holds a character no one-line value may hold (see
    :data:`CONTROL_CHARS`): a control (tab and newline included), a bidi control, a
    lone surrogate or an XML-forbidden non-character."""
    return CONTROL_CHARS.search(text) is not None


def remove_control_chars(text: str) -> str:
    """``text`` without the characters :func:`has_control_chars` looks for."""
    return CONTROL_CHARS.sub("", text)

# Table 12-1 of the Unicode Standard (independent vowels written as letter + sign).
UNICODE_DO_NOT_USE: dict[str, str] = {
    "\u0905\u0946": "\u0904",  # अ + ॆ -> ऄ
    "\u0905\u093e": "\u0906",  # अ + ा -> आ
    "\u0930\u094d\u0907": "\u0908",  # र + ् + इ -> ई
    "\u0909\u0941": "\u090a",  # उ + ु -> ऊ
    "\u090f\u0945": "\u090d",  # ए + ॅ -> ऍ
    "\u090f\u0946": "\u090e",  # ए + ॆ -> ऎ
    "\u090f\u0947": "\u0910",  # ए + े -> ऐ
    "\u0905\u0949": "\u0911",  # अ + ॉ -> ऑ
    "\u0906\u0945": "\u0911",  # आ + ॅ -> ऑ
    "\u0905\u094a": "\u0912",  # अ + ॊ -> ऒ
    "\u0906\u0946": "\u0912",  # आ + ॆ -> ऒ
    "\u0905\u094b": "\u0913",  # अ + ो -> ओ
    "\u0906\u0947": "\u0913",  # आ + े -> ओ
    "\u0905\u094c": "\u0914",  # अ + ौ -> औ
    "\u0906\u0948": "\u0914",  # आ + ै -> औ
    "\u0905\u0945": "\u0972",  # अ + ॅ -> ॲ
    "\u0905\u093a": "\u0973",  # अ + ऺ -> ॳ
    "\u0905\u093b": "\u0974",  # अ + ऻ -> ॴ
    "\u0906\u093a": "\u0974",  # आ + ऺ -> ॴ
    "\u0905\u094f": "\u0975",  # अ + ॏ -> ॵ
    "\u0905\u0956": "\u0976",  # अ + ॖ -> ॶ
    "\u0905\u0957": "\u0977",  # अ + ॗ -> ॷ
}

# Two dependent vowel signs typed where one composite sign is meant.
DOUBLE_SIGNS: dict[str, str] = {
    "\u093e\u0947": "\u094b",  # ा + े -> ो
    "\u093e\u0948": "\u094c",  # ा + ै -> ौ
    "\u093e\u0945": "\u0949",  # ा + ॅ -> ॉ
    "\u093e\u0946": "\u094a",  # ा + ॆ -> ॊ
    "\u0947\u093e": "\u094b",  # े + ा -> ो
    "\u0948\u093e": "\u094c",  # ै + ा -> ौ
    "\u0947\u0947": "\u0947",  # े + े -> े
    "\u093f\u093f": "\u093f",  # ि + ि -> ि
    "\u0940\u0940": "\u0940",  # ी + ी -> ी
    "\u093e\u093e": "\u093e",  # ा + ा -> ा
    "\u0941\u0941": "\u0941",  # ु + ु -> ु
    "\u0942\u0942": "\u0942",  # ू + ू -> ू
    "\u0902\u0902": "\u0902",  # ं + ं -> ं
    "\u094d\u094d": "\u094d",  # ् + ् -> ्
}

# Marks in the wrong order: nukta belongs right after its consonant.
REORDERED: dict[str, str] = {
    "\u094d\u093c": "\u093c\u094d",  # virama + nukta -> nukta + virama
    "\u093f\u093c": "\u093c\u093f",  # ि + nukta -> nukta + ि
    "\u0940\u093c": "\u093c\u0940",
    "\u093e\u093c": "\u093c\u093e",
    "\u0947\u093c": "\u093c\u0947",
    "\u0902\u093c": "\u093c\u0902",
}

DO_NOT_USE: dict[str, str] = {**UNICODE_DO_NOT_USE, **DOUBLE_SIGNS, **REORDERED}

# A plain alternation of literal strings: the standard library's ``re`` does it (and
# importing this module for :func:`has_control_chars` stays cheap).
_PATTERN = re.compile(
    "|".join(re.escape(seq) for seq in sorted(DO_NOT_USE, key=len, reverse=True))
)


@dataclass(frozen=True, slots=True)
class BadSequence:
    """One wrong sequence at code points ``[start, end)`` and its canonical form."""

    start: int
    end: int
    text: str
    replacement: str
    in_unicode_table: bool


def find_do_not_use(text: str) -> Iterator[BadSequence]:
    """Every "do not use" sequence in ``text``, left to right, non-overlapping."""
    for m in _PATTERN.finditer(text):
        seq = m.group()
        yield BadSequence(m.start(), m.end(), seq, DO_NOT_USE[seq], seq in UNICODE_DO_NOT_USE)


def fix_do_not_use(text: str) -> str:
    """``text`` with every "do not use" sequence replaced by its canonical form."""
    return _PATTERN.sub(lambda m: DO_NOT_USE[m.group()], text)

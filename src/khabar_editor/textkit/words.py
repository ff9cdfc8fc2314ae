"""Word and grapheme segmentation that keeps Devanagari words whole.

Never ``\\w+``: Python's ``\\w`` excludes combining marks, so it splits Hindi
words at every vowel sign and virama. Here a word is a run of letters and
marks (vowel signs, virama, nukta, anusvara, candrabindu) with ZWJ/ZWNJ
allowed inside; danda, punctuation and digits end it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

# A word: starts with a letter; continues with letters, marks or joiners.
_WORD = regex.compile(r"\p{L}[\p{L}\p{M}\u200c\u200d]*")
# Something a reader counts as a word: a word, or a number (any digit system).
_COUNTABLE = regex.compile(r"\p{L}[\p{L}\p{M}\u200c\u200d]*|\p{Nd}+(?:[.,:]\p{Nd}+)*")
_DEVANAGARI_WORD = regex.compile(r"[\p{Devanagari}--\p{Nd}--[\u0964\u0965\u0970]][\p{M}\p{Devanagari}\u200c\u200d--\p{Nd}--[\u0964\u0965\u0970]]*", regex.V1)
_GRAPHEME = regex.compile(r"\X")

DANDA = "\u0964"
DOUBLE_DANDA = "\u0965"


@dataclass(frozen=True, slots=True)
class Token:
    """A word with its code-point span ``[start, end)`` in the source text."""

    text: str
    start: int
    end: int


def iter_words(text: str) -> Iterator[Token]:
    """Every word (any script) in ``text`` with its span."""
    for m in _WORD.finditer(text):
        yield Token(m.group(), m.start(), m.end())


def iter_devanagari_words(text: str) -> Iterator[Token]:
    """Every Devanagari word in ``text`` (danda, digits and Latin excluded)."""
    for m in _DEVANAGARI_WORD.finditer(text):
        yield Token(m.group(), m.start(), m.end())


def count_words(text: str) -> int:
    """Words as a reader counts them (numbers included, punctuation not)."""
    return sum(1 for _ in _COUNTABLE.finditer(text))


def graphemes(text: str) -> list[str]:
    """Extended grapheme clusters of ``text`` (क्षि is one)."""
    return _GRAPHEME.findall(text)


def count_graphemes(text: str) -> int:
    """Number of user-perceived characters."""
    return len(_GRAPHEME.findall(text))


def reading_minutes(words: int, words_per_minute: int = 180) -> int:
    """Reading time in whole minutes (at least 1 for non-empty text)."""
    if words <= 0:
        return 0
    return max(1, round(words / words_per_minute))

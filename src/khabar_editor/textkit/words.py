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
# What the word count counts (house style): a URL, an e-mail address, or a run of
# letters, marks and digits whose parts may be joined by a hyphen or an apostrophe
# (भारत-पाक, don't), or by . , : / between two digits (1,25,000  3.5  29/11).
_PART = r"[\p{L}\p{Nd}][\p{L}\p{M}\p{Nd}\u200c\u200d]*"
_COUNTED = regex.compile(
    r"(?:https?|ftp)://[^\s<>\[\]()]+"
    r"|www\.[^\s<>\[\]()]+"
    # an e-mail address; the local part is bounded (64, as in RFC 5321) so that a
    # long run of letters and dots costs linear time, not quadratic
    r"|[\p{L}\p{Nd}][\p{L}\p{Nd}._%+-]{0,63}@[\p{L}\p{Nd}-]+(?:\.[\p{L}\p{Nd}-]+)+"
    r"|(?:[A-Za-z]\.){2,}"  # U.S., e.g.
    r"|" + _PART + r"(?:(?:[-\u2010\u2011'\u2019]|(?<=\p{Nd})[.,:/](?=\p{Nd}))" + _PART + r")*")
# Markdown that is syntax, not text (one line at a time). No pattern scans past the
# next opening bracket, so hostile lines ("[[[[...") cost linear time.
_REFERENCE_DEF = regex.compile(r" {0,3}\[[^\[\]]+\]:\s*\S")
_IMAGE = regex.compile(r"!\[[^\[\]\n]*\](?:\([^()\n]*\)|\[[^\[\]\n]*\])?")
_FOOTNOTE_REF = regex.compile(r"\[\^[^\[\]\n]*\]")
_LINK = regex.compile(r"\[([^\[\]\n]*)\](?:\([^()\n]*\)|\[[^\[\]\n]*\])")
_AUTOLINK = regex.compile(r"<((?:https?|ftp)://[^<>\s]+|[^<>\s@]+@[^<>\s]+)>")
_HTML_TAG = regex.compile(r"</?[A-Za-z][^<>\n]*>|<!--[^<>]*-->")
_ORDERED_MARKER = regex.compile(r"^[ \t]*(?:>[ \t]*)*\p{Nd}{1,9}[.)](?=\s|$)")
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


def count_line_words(line: str) -> int:
    """Words in one line of Markdown, counted by the house rules (see :func:`count_words`)."""
    if not line or line.isspace():
        return 0
    if _REFERENCE_DEF.match(line):
        return 0  # [label]: https://... is a link target, not text
    if "[" in line or "<" in line:
        line = _IMAGE.sub(" ", line)
        line = _FOOTNOTE_REF.sub(" ", line)
        line = _LINK.sub(lambda m: " " + m.group(1) + " ", line)
        line = _AUTOLINK.sub(lambda m: " " + m.group(1) + " ", line)
        line = _HTML_TAG.sub(" ", line)
    line = _ORDERED_MARKER.sub(" ", line, count=1)
    return sum(1 for _ in _COUNTED.finditer(line))


def count_words(text: str) -> int:
    """Words as a reader (and the house style) counts them in a Markdown body.

    A URL, an e-mail address, a hyphenated compound (भारत-पाक, COVID-19), a
    number with separators (1,25,000 or 3.5) and a word with an apostrophe are
    one word each. Markdown syntax (heading, quote and list markers, emphasis,
    link targets, images, reference definitions, HTML tags) and punctuation,
    danda included, are not words. Counted line by line, so the sum of
    :func:`count_line_words` over the lines is always the same number (the
    editor keeps per-line counts and updates only the lines that changed).
    """
    return sum(count_line_words(line) for line in text.split("\n"))


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

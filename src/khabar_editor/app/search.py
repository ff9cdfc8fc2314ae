"""Find and replace over the article body, optionally ignoring the nukta.

Both ज़ and ज are in everyday use, so "ignore nukta" matches either spelling:
the nukta is stripped from the text and the search key alike, and an offset map
turns a match in the stripped text back into a span of the original text.
All offsets are Python code points (the UI converts to UTF-16).
"""

from __future__ import annotations

from dataclasses import dataclass

from khabar_editor.textkit.normalize import NUKTA, nfc, strip_nukta


@dataclass(frozen=True)
class SearchOptions:
    """How to match."""

    ignore_nukta: bool = False
    match_case: bool = False


def _folded(text: str, options: SearchOptions) -> tuple[str, list[int]]:
    """``text`` in comparison form plus, for each of its code points, the original index.

    The map has one extra entry at the end (the length of ``text``) so that an
    exclusive end offset maps too.
    """
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        for piece in nfc(ch) if ch != NUKTA else ch:
            if options.ignore_nukta and piece == NUKTA:
                continue
            out.append(piece if options.match_case else piece.lower())
            index.append(i)
    index.append(len(text))
    return "".join(out), index


def _key(needle: str, options: SearchOptions) -> str:
    key = strip_nukta(needle) if options.ignore_nukta else nfc(needle)
    return key if options.match_case else key.lower()


def find_all(text: str, needle: str, options: SearchOptions = SearchOptions()) -> list[tuple[int, int]]:
    """Every non-overlapping match of ``needle`` in ``text`` as ``(start, end)``."""
    key = _key(needle, options)
    if not key:
        return []
    folded, index = _folded(text, options)
    spans: list[tuple[int, int]] = []
    pos = folded.find(key)
    while pos >= 0:
        end = pos + len(key)
        start_orig = index[pos]
        # Extend the end past a trailing nukta so ज़ is replaced whole.
        end_orig = index[end] if end < len(index) - 1 else len(text)
        if end_orig > start_orig and options.ignore_nukta:
            while end_orig < len(text) and text[end_orig] == NUKTA:
                end_orig += 1
        spans.append((start_orig, end_orig))
        pos = folded.find(key, end)
    return spans


def find_next(text: str, needle: str, after: int, options: SearchOptions = SearchOptions(),
              backwards: bool = False) -> tuple[int, int] | None:
    """The first match starting at/after ``after`` (or the last before it), wrapping round."""
    spans = find_all(text, needle, options)
    if not spans:
        return None
    if backwards:
        before = [s for s in spans if s[0] < after]
        return before[-1] if before else spans[-1]
    later = [s for s in spans if s[0] >= after]
    return later[0] if later else spans[0]


def replace_all(text: str, needle: str, replacement: str,
                options: SearchOptions = SearchOptions()) -> tuple[str, int]:
    """``text`` with every match replaced, and the number of replacements."""
    spans = find_all(text, needle, options)
    parts: list[str] = []
    last = 0
    for start, end in spans:
        parts.append(text[last:start])
        parts.append(replacement)
        last = end
    parts.append(text[last:])
    return "".join(parts), len(spans)

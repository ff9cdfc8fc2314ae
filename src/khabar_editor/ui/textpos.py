"""Python code-point offsets <-> Qt UTF-16 positions, and grapheme boundaries.

The core counts code points; QString counts UTF-16 units. For Devanagari they
agree, but a single emoji or rare character outside the BMP shifts every
offset after it, so conversions always go through these helpers.
"""

from __future__ import annotations

from typing import Any

_grapheme: Any = None  # the regex pattern ``\X``, compiled on first use (regex loads late)


def utf16_len(text: str) -> int:
    """Length of ``text`` in UTF-16 code units."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def cp_to_utf16(text: str, index: int) -> int:
    """UTF-16 position of code-point ``index`` in ``text``."""
    return utf16_len(text[:index])


def utf16_positions(text: str) -> list[int]:
    """``result[i]`` is the UTF-16 position of code point ``i`` (``len(text) + 1`` entries)."""
    positions = [0]
    for ch in text:
        positions.append(positions[-1] + (2 if ord(ch) > 0xFFFF else 1))
    return positions


def utf16_to_cp(text: str, position: int) -> int:
    """Code-point index of UTF-16 ``position`` in ``text``."""
    units = 0
    for i, ch in enumerate(text):
        if units >= position:
            return i
        units += 2 if ord(ch) > 0xFFFF else 1
    return len(text)


def grapheme_bounds(text: str) -> list[int]:
    """Code-point offsets where grapheme clusters start, plus ``len(text)``."""
    global _grapheme
    if _grapheme is None:
        import regex

        _grapheme = regex.compile(r"\X")
    bounds = [m.start() for m in _grapheme.finditer(text)]
    bounds.append(len(text))
    return bounds


def snap_to_graphemes(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen ``[start, end)`` so it begins and ends on grapheme-cluster boundaries."""
    bounds = grapheme_bounds(text)
    new_start = max((b for b in bounds if b <= start), default=0)
    new_end = min((b for b in bounds if b >= end), default=len(text))
    return new_start, new_end

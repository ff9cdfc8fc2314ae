"""Devanagari (०-९) and Latin (0-9) digits."""

from __future__ import annotations

from enum import Enum

_TO_DEVANAGARI = str.maketrans("0123456789", "०१२३४५६७८९")
_TO_LATIN = str.maketrans("०१२३४५६७८९", "0123456789")


class DigitStyle(str, Enum):
    """House style for numbers in print."""

    LATIN = "latin"
    DEVANAGARI = "devanagari"


def to_devanagari_digits(text: str) -> str:
    """Latin digits in ``text`` replaced by Devanagari digits."""
    return text.translate(_TO_DEVANAGARI)


def to_latin_digits(text: str) -> str:
    """Devanagari digits in ``text`` replaced by Latin digits."""
    return text.translate(_TO_LATIN)


def apply_digit_style(text: str, style: DigitStyle | str) -> str:
    """``text`` with all digits in ``style``."""
    if DigitStyle(style) is DigitStyle.DEVANAGARI:
        return to_devanagari_digits(text)
    return to_latin_digits(text)

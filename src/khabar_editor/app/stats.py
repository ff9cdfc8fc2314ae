"""Counts for the status bar: words, characters (graphemes), reading time."""

from __future__ import annotations

from dataclasses import dataclass

from khabar_editor.textkit.words import count_graphemes, count_words, reading_minutes


@dataclass(frozen=True)
class TextStats:
    """What the status bar shows about the body text."""

    words: int
    characters: int
    minutes: int


def text_stats(text: str) -> TextStats:
    """Devanagari-aware counts of ``text`` (a grapheme such as क्षि counts once)."""
    words = count_words(text)
    return TextStats(words, count_graphemes(text), reading_minutes(words))

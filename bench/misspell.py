"""Misspelling generators shared by ``bench_spell.py`` and ``bench_proofing_real.py``.

Each generator takes a word and a seeded ``random.Random`` and returns the word with
one slip, or ``None`` when the word offers no place for that slip. The benchmarks keep
their own constants (consonant sets, pairs) and pass them in, so each one's numbers
stay as they were.
"""

from __future__ import annotations

import random
from collections.abc import Callable

VIRAMA = "\u094d"

Corrupt = Callable[[str, random.Random], "str | None"]


def swap(pairs: dict[str, str]) -> Corrupt:
    """One letter of ``pairs`` (chosen at random) replaced by its partner."""
    def corrupt(word: str, rng: random.Random) -> str | None:
        spots = [i for i, ch in enumerate(word) if ch in pairs]
        if not spots:
            return None
        i = rng.choice(spots)
        return word[:i] + pairs[word[i]] + word[i + 1:]
    return corrupt


def virama(consonants: str) -> Corrupt:
    """A halant dropped (60 % when there is one) or added between two ``consonants``."""
    def corrupt(word: str, rng: random.Random) -> str | None:
        drop = [i for i, ch in enumerate(word) if ch == VIRAMA]
        if drop and rng.random() < 0.6:
            i = rng.choice(drop)
            return word[:i] + word[i + 1:]
        add = [i for i in range(len(word) - 1)
               if word[i] in consonants and word[i + 1] in consonants]
        if not add:
            return None
        i = rng.choice(add)
        return word[:i + 1] + VIRAMA + word[i + 1:]
    return corrupt

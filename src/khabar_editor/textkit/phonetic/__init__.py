"""Phonetic input: romanized Hindi/Nepali → Devanagari candidates (Qt-free).

``candidates("bharat")`` gives Devanagari words best first, from the shipped model
(:mod:`.model`) ranked by the lexicon, with the user's earlier choices first.
"""

from __future__ import annotations

from khabar_editor.textkit.phonetic.learned import UserChoices, is_literal_token
from khabar_editor.textkit.phonetic.model import PhoneticModel, load_model

MAX_CANDIDATES = 10
LANGUAGES = ("hi", "ne")


def candidates(roman: str, lang: str = "hi", k: int = MAX_CANDIDATES,
               choices: UserChoices | None = None) -> list[str]:
    """Up to ``k`` Devanagari words for ``roman``, best first (learned choices on top)."""
    k = max(1, min(k, MAX_CANDIDATES))
    model = load_model(lang if lang in LANGUAGES else "hi")
    found = model.candidates(roman, k)
    if choices is not None:
        learned = choices.learned(roman, lang)
        found = learned + [w for w in found if w not in learned]
    return found[:k]


__all__ = ["LANGUAGES", "MAX_CANDIDATES", "PhoneticModel", "UserChoices", "candidates",
           "is_literal_token", "load_model"]

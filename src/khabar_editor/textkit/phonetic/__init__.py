"""Phonetic input: romanized Hindi/Nepali → Devanagari candidates (Qt-free).

``candidates("bharat")`` gives Devanagari words best first, from the shipped model
(:mod:`.model`) ranked by the lexicon, with the user's earlier choices first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from khabar_editor.textkit.phonetic.learned import UserChoices
    from khabar_editor.textkit.phonetic.model import PhoneticModel

MAX_CANDIDATES = 10
LANGUAGES = ("hi", "ne")
MAX_INPUT = 40
"""Longest Roman word the model takes (letters)."""

# The model's code (and regex) is imported on first use, so that `khabar --help` and
# the CLI's argument parsing do not pay for it.
_LAZY = {"UserChoices": "learned", "is_literal_token": "learned",
         "PhoneticModel": "model", "load_model": "model"}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def candidates(roman: str, lang: str = "hi", k: int = MAX_CANDIDATES,
               choices: UserChoices | None = None) -> list[str]:
    """Up to ``k`` Devanagari words for ``roman``, best first (learned choices on top)."""
    from khabar_editor.textkit.phonetic.model import load_model

    k = max(1, min(k, MAX_CANDIDATES))
    model = load_model(lang if lang in LANGUAGES else "hi")
    found = model.candidates(roman, k)
    if choices is not None:
        learned = choices.learned(roman, lang)
        found = learned + [w for w in found if w not in learned]
    return found[:k]


__all__ = ["LANGUAGES", "MAX_CANDIDATES", "PhoneticModel", "UserChoices", "candidates",
           "is_literal_token", "load_model"]

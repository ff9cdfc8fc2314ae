"""What a user chose while typing phonetically, and which Roman words stay Roman.

Stored in ``<data dir>/phonetic_choices.json`` as
``{"format": 1, "choices": {lang: {roman: {word: count}}}, "literal": [roman...]}``,
written atomically. A damaged or foreign file is ignored (and replaced on the next
choice), never an error. The file is bounded: at most :data:`MAX_ENTRIES` Roman
keys per language, the least used dropped first.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import regex

from khabar_editor.fsutil import atomic_write_text

log = logging.getLogger(__name__)

MAX_ENTRIES = 20000
MAX_FILE_BYTES = 4 * 1024 * 1024
MAX_WORD = 64

_URLISH = regex.compile(
    r"(?i)^(?:[a-z][a-z0-9+.-]*://|www\.)|^[^@\s]+@[^@\s]+$|\.(?:com|org|net|in|np|gov|edu|io)\b")
_CODEISH = regex.compile(r"[0-9_/\\<>{}=#$%^&*|~`]|[a-z][A-Z]")
_ROMAN = regex.compile(r"[a-z]+")


def default_path() -> Path:
    """Where the choices of this user live."""
    from khabar_editor.settings import data_dir

    return data_dir() / "phonetic_choices.json"


def is_literal_token(token: str) -> bool:
    """URLs, e-mail addresses and code-like tokens are typed as they are."""
    return bool(_URLISH.search(token) or _CODEISH.search(token))


class UserChoices:
    """Counts of the words a user picked for each romanization (per language)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self.choices: dict[str, dict[str, dict[str, int]]] = {}
        self.literal: set[str] = set()
        if path is not None:
            self._load(path)

    def _load(self, path: Path) -> None:
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                raise ValueError("too large")
            data = json.loads(path.read_text(encoding="utf-8"))
            choices = data["choices"]
            literal = data.get("literal", [])
            if not isinstance(choices, dict) or not isinstance(literal, list):
                raise ValueError("bad shape")
            for lang, table in choices.items():
                clean = {}
                for roman, words in dict(table).items():
                    if not isinstance(words, dict) or not _ROMAN.fullmatch(str(roman)):
                        continue
                    kept = {str(w)[:MAX_WORD]: int(n) for w, n in words.items()
                            if isinstance(n, int) and n > 0}
                    if kept:
                        clean[str(roman)[:MAX_WORD]] = kept
                self.choices[str(lang)] = clean
            self.literal = {str(w).lower() for w in literal if isinstance(w, str)}
        except FileNotFoundError:
            return
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            log.warning("Phonetic choices file %s ignored: %s", path, exc)
            self.choices, self.literal = {}, set()

    def learned(self, roman: str, lang: str = "hi") -> list[str]:
        """Words chosen before for ``roman``, most often chosen first."""
        words = self.choices.get(lang, {}).get(roman.lower(), {})
        return [w for w, _n in sorted(words.items(), key=lambda kv: -kv[1])]

    def record(self, roman: str, word: str, lang: str = "hi") -> None:
        """Remember that ``word`` was chosen for ``roman`` (and save)."""
        roman = roman.lower()
        if not _ROMAN.fullmatch(roman) or not word or len(roman) > MAX_WORD:
            return
        table = self.choices.setdefault(lang, {})
        words = table.setdefault(roman, {})
        words[word[:MAX_WORD]] = words.get(word[:MAX_WORD], 0) + 1
        if len(table) > MAX_ENTRIES:
            for key, _v in sorted(table.items(), key=lambda kv: sum(kv[1].values()))[
                    : len(table) - MAX_ENTRIES]:
                del table[key]
        self.save()

    def mark_literal(self, roman: str, literal: bool = True) -> None:
        """Keep ``roman`` as Roman letters from now on (or not)."""
        (self.literal.add if literal else self.literal.discard)(roman.lower())
        self.save()

    def is_literal(self, token: str) -> bool:
        """Whether ``token`` stays Roman (marked by the user, URL, e-mail, code)."""
        return token.lower() in self.literal or is_literal_token(token)

    def save(self) -> None:
        """Write the file atomically; a failure is logged, typing goes on."""
        if self.path is None:
            return
        data = {"format": 1, "choices": self.choices, "literal": sorted(self.literal)}
        try:
            os.makedirs(self.path.parent, exist_ok=True)
            atomic_write_text(self.path, json.dumps(data, ensure_ascii=False))
        except OSError as exc:
            log.warning("Phonetic choices not saved: %s", exc)

"""The shipped word lists and the user's own: loading, keys, plain-text word files.

Every word is compared by its *lookup key*: NFC without ZWJ/ZWNJ, so a word
typed with a joiner or with a precomposed nukta letter finds its entry.

Word files (personal dictionary, newsroom list) are plain UTF-8 text, one word
per line; ``#`` starts a comment. They are what users import and export.
"""

from __future__ import annotations

import gzip
import logging
import os
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path

import regex

from khabar_editor.errors import ProofingError
from khabar_editor.fsutil import atomic_write_text
from khabar_editor.i18n import N_
from khabar_editor.textkit.normalize import nfc, strip_joiners

log = logging.getLogger(__name__)

_LEXICON_WORD = regex.compile(r"[\p{Devanagari}\p{M}--\p{Nd}--[\u0964\u0965\u0970]]+", regex.V1)
MAX_WORD_FILE_BYTES = 5 * 1024 * 1024
LEXICON_FILES = {"hi": "hi_words.tsv.gz"}


def lookup_key(word: str) -> str:
    """The form used for every dictionary comparison: NFC, joiners removed."""
    word = strip_joiners(word)
    # Nearly every word is already NFC: the quick check (C, no copy) spares nfc()'s memo,
    # which the ~16,000 hi_IN.dic stems would otherwise fill at start-up.
    return word if unicodedata.is_normalized("NFC", word) else nfc(word)


def is_lexicon_word(word: str) -> bool:
    """Whether ``word`` is a Devanagari-only word that may go into a lexicon."""
    return bool(word) and _LEXICON_WORD.fullmatch(word) is not None


def dicts_dir() -> Path:
    """Folder of the shipped dictionaries (real files, usable by Enchant)."""
    return Path(str(resources.files("khabar_editor") / "data" / "dicts"))


@lru_cache(maxsize=4)
def load_lexicon(language: str) -> dict[str, int]:
    """The shipped lexicon of ``language`` as ``{word: frequency score}``.

    Hindi has the generated list; other languages fall back to the base forms
    of their Hunspell ``.dic`` (score 0). Missing files give an empty lexicon.
    """
    name = LEXICON_FILES.get(language)
    if name is not None:
        path = dicts_dir() / name
        try:
            return parse_lexicon(gzip.decompress(path.read_bytes()).decode("utf-8"))
        except (OSError, ValueError, EOFError):  # EOFError: a truncated gzip file
            log.warning("Lexicon %s unreadable", path)
            return {}
    words = _hunspell_stems(language)
    try:  # closed-class words, numerals, months … the Hunspell list lacks (ne_extra.txt)
        extra = (dicts_dir() / f"{language}_extra.txt").read_text(encoding="utf-8")
    except OSError:
        return words
    for word in _word_keys(extra):
        words.setdefault(word, 0)
    return words


def _word_keys(text: str) -> Iterable[str]:
    """The lookup keys of a word-list text. A text that is NFC and holds no joiner as a
    whole is so line by line too: its words are their own keys, with no per-word NFC
    (ne_extra.txt, 79,000 words: ~0.15 s less at start-up)."""
    if "\u200c" in text or "\u200d" in text or not unicodedata.is_normalized("NFC", text):
        return (lookup_key(word) for word in parse_word_list(text))
    return (word for word in (line.split("#", 1)[0].strip().lstrip("\ufeff")
                              for line in text.splitlines()) if word)


def parse_lexicon(text: str) -> dict[str, int]:
    """``{word: score}`` from the text of a lexicon file (``word<TAB>score`` lines).

    Words hold no white space, so one ``split()`` of the whole text gives word, score,
    word, score … — about twice as fast as splitting line by line, which matters at
    start-up with ~180,000 words.

    Raises:
        ValueError: a score is not a number or a line lacks one.
    """
    parts = text.split()
    if len(parts) % 2:
        raise ValueError("lexicon: a word without a score")
    return dict(zip(parts[::2], map(int, parts[1::2])))


@lru_cache(maxsize=4)
def nukta_words(language: str) -> frozenset[str]:
    """Words whose nukta spelling is standard (``data/dicts/<lang>_nukta.txt``, built by
    ``scripts/build_nukta_list.py``); empty when the language has none."""
    try:
        text = (dicts_dir() / f"{language}_nukta.txt").read_text(encoding="utf-8")
    except OSError:
        return frozenset()
    return frozenset(lookup_key(w) for w in parse_word_list(text))


@lru_cache(maxsize=4)
def hunspell_words(language: str) -> frozenset[str]:
    """Base forms listed in the shipped Hunspell ``.dic`` of ``language`` (curated words)."""
    return frozenset(_hunspell_stems(language))


def _hunspell_stems(language: str) -> dict[str, int]:
    locale = {"ne": "ne_NP", "hi": "hi_IN"}.get(language, language)
    path = dicts_dir() / "hunspell" / f"{locale}.dic"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()[1:]
    except OSError:
        return {}
    words = (lookup_key(line.split("/")[0].strip()) for line in lines)
    return {w: 0 for w in words if is_lexicon_word(w)}


def parse_word_list(text: str) -> list[str]:
    """Words of a word-list text: one per line, ``#`` comments, blanks skipped, NFC."""
    words: list[str] = []
    seen: set[str] = set()
    for line in text.splitlines():
        word = nfc(line.split("#", 1)[0].strip().lstrip("\ufeff"))
        if word and word not in seen:
            seen.add(word)
            words.append(word)
    return words


def format_word_list(words: Iterable[str], header: str = "") -> str:
    """The text of a word file: optional ``#`` header, then one word per line."""
    lines = [f"# {h}" for h in header.splitlines()] if header else []
    lines.extend(sorted(set(words)))
    return "\n".join(lines) + "\n"


def read_word_file(path: str | os.PathLike[str]) -> list[str]:
    """Words in a UTF-8 word file; a missing file is empty.

    Raises:
        ProofingError: the file is too large, unreadable or not UTF-8 text.
    """
    path = Path(path)
    try:
        if path.stat().st_size > MAX_WORD_FILE_BYTES:
            raise ProofingError(N_("Word list {path} is too large"), code="proofing.wordlist",
                                path=str(path))
        data = path.read_bytes()
    except FileNotFoundError:
        return []
    except OSError as exc:  # a folder, no permission, a path through a file
        raise ProofingError(N_("Word list {path} cannot be read: {reason}"),
                            code="proofing.wordlist", path=str(path),
                            reason=exc.strerror or str(exc)) from None
    try:
        return parse_word_list(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise ProofingError(N_("Word list {path} is not UTF-8 text"), code="proofing.wordlist",
                            path=str(path)) from None


def write_word_file(path: str | os.PathLike[str], words: Iterable[str], header: str = "") -> None:
    """Write a word file atomically (see :mod:`khabar_editor.fsutil`); ``OSError`` if the
    disk refuses, the old file is then unchanged."""
    atomic_write_text(path, format_word_list(words, header))


def default_personal_path() -> Path:
    """The personal dictionary in the user data folder (``KHABAR_DATA_DIR`` overrides)."""
    from khabar_editor.settings import data_dir

    return data_dir() / "personal-words.txt"

"""Hunspell through pyenchant, using only the dictionaries shipped with the app.

Enchant 2 looks for Hunspell dictionaries in ``$ENCHANT_CONFIG_DIR/hunspell``
before the system folders (``enchant_broker_set_param`` no longer exists in
Enchant 2). Enchant also *writes* its own personal-word files (``hi_IN.dic``,
``hi_IN.exc``) into that folder, so it must not be the installed package: we
point it at ``<user cache>/khabar-editor/enchant`` (or ``$KHABAR_ENCHANT_DIR``)
whose ``hunspell/`` holds links to (or copies of) the shipped dictionaries.
That makes ``hi_IN`` and ``ne_NP`` available on a laptop with no system
dictionaries. Only libenchant itself comes from the system; without it,
:func:`open_hunspell` returns ``None`` and the caller uses the lexicon alone.
"""

from __future__ import annotations

import gzip
import logging
import os
import re
import shutil
import tempfile
from pathlib import Path
from dataclasses import dataclass
from typing import Any, Callable

from khabar_editor.i18n import N_
from khabar_editor.proofing.lexicon import dicts_dir

log = logging.getLogger(__name__)

LOCALES = {"hi": "hi_IN", "ne": "ne_NP"}
FORM_LISTS = {"ne": "ne_forms.txt.gz"}
"""Every word form the language's Hunspell dictionary accepts, expanded at build time
(``resources/wordlists/ne/build_ne_forms.py``): a set lookup instead of a Hunspell call."""
_DEVANAGARI_ONLY = re.compile(r"[\u0900-\u097f]+")
NO_ENCHANT = N_("The spelling library (Enchant) is not available; checking with the "
                "built-in word list only.")
NO_DICTIONARY = N_("No {language} Hunspell dictionary was found; checking with the "
                   "built-in word list only.")


@dataclass
class HunspellStatus:
    """What :func:`open_hunspell` managed to load, for the UI and the CLI."""

    available: bool
    msgid: str = ""
    language: str = ""


CHECK_CACHE_SIZE = 200_000
"""Answers remembered per dictionary (without the form list the Nepali suggestion path
asks ~100,000 words per article, a fifth of them twice); the cache is emptied when full."""


FORM_LIST_AFTER = 20_000
"""Words asked before the form list is loaded (~0.3 s CPU, worth ~40,000 Hunspell calls):
checking a 11,700-word Nepali article asks ~10,800 words, its suggestions ~90,000 more.
The answers are the same either way; only the cost differs."""


class HunspellChecker:
    """A thin wrapper over one ``enchant.Dict`` with safe calls.

    With ``forms`` (every form the dictionary accepts, expanded at build time; given, or
    loaded by ``load_forms`` once ``FORM_LIST_AFTER`` words were asked) a word of
    Devanagari letters only is answered by set membership; anything else (digits,
    hyphens, Latin letters: Hunspell's number and BREAK rules) goes to Hunspell.
    :meth:`raw_check` asks Hunspell and remembers its answers. (Enchant's private C
    entry point is no longer called: with the form list Nepali asks Hunspell only for
    the rare non-Devanagari word, and Hindi checks with its lexicon, not Hunspell.)
    """

    def __init__(self, dictionary: Any, forms: frozenset[str] | None = None,
                 load_forms: Callable[[], frozenset[str] | None] | None = None) -> None:
        self._dict = dictionary
        self._forms = forms
        self._load_forms = load_forms
        self._asked = 0
        self._seen: dict[str, bool] = {}

    def use_forms(self) -> None:
        """Load the form list now (if there is one still to load)."""
        loader, self._load_forms = self._load_forms, None
        if loader is not None and self._forms is None:
            self._forms = loader()

    def check(self, word: str) -> bool:
        """Whether Hunspell accepts ``word`` (errors count as not accepted)."""
        forms = self._forms
        if forms is not None:
            if word in forms:
                return True
            if _DEVANAGARI_ONLY.fullmatch(word):
                return False
        elif self._load_forms is not None:
            self._asked += 1
            if self._asked > FORM_LIST_AFTER:
                self.use_forms()  # many words to come (suggestions): the list pays off
                return self.check(word)
        return self.raw_check(word)

    def raw_check(self, word: str) -> bool:
        """Hunspell's own answer for ``word`` (never the expanded form list)."""
        seen = self._seen.get(word)
        if seen is not None:
            return seen
        try:
            ok = bool(word) and bool(self._dict.check(word))
        except Exception:  # noqa: BLE001 - a bad word must never crash proofing
            ok = False
        if len(self._seen) >= CHECK_CACHE_SIZE:
            self._seen.clear()
        self._seen[word] = ok
        return ok

    def suggest(self, word: str) -> list[str]:
        """Hunspell's suggestions for ``word`` (empty on error)."""
        try:
            return list(self._dict.suggest(word))
        except Exception:  # noqa: BLE001
            return []


def enchant_config_dir() -> Path:
    """Enchant's private configuration folder (created on demand)."""
    override = os.environ.get("KHABAR_ENCHANT_DIR")
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("khabar-editor", appauthor=False)) / "enchant"


def _mirror_dictionaries(target: Path) -> None:
    """Make ``target/hunspell`` hold the shipped .dic/.aff files (symlinks, else copies)."""
    source = dicts_dir() / "hunspell"
    folder = target / "hunspell"
    folder.mkdir(parents=True, exist_ok=True)
    for item in source.iterdir():
        if item.suffix not in (".dic", ".aff"):
            continue
        link = folder / item.name
        if link.exists() and link.stat().st_size == item.stat().st_size:
            continue
        link.unlink(missing_ok=True)
        try:
            link.symlink_to(item.resolve())
        except OSError:
            shutil.copyfile(item, link)


def configure_enchant() -> Path:
    """Point Enchant at a private folder mirroring the shipped dictionaries.

    Call before creating a broker. Falls back to a temporary folder when the
    cache folder is not writable.
    """
    target = enchant_config_dir()
    try:
        _mirror_dictionaries(target)
    except OSError:
        target = Path(tempfile.mkdtemp(prefix="khabar-enchant-"))
        _mirror_dictionaries(target)
    os.environ["ENCHANT_CONFIG_DIR"] = str(target)
    return target


def open_hunspell(language: str, form_list: bool = True
                  ) -> tuple[HunspellChecker | None, HunspellStatus]:
    """The shipped Hunspell dictionary of ``language`` via Enchant, or ``None`` and why.

    ``form_list``: load the language's expanded form list once many words were asked.
    It pays only in a batch (``khabar check``: ~0.3 s CPU saves ~0.5 s of Hunspell calls)
    and costs ~150 MiB while loaded, so the editor leaves it off."""
    locale = LOCALES.get(language, language)
    try:
        configure_enchant()
    except OSError:
        log.exception("Cannot prepare Enchant's dictionary folder")
        return None, HunspellStatus(False, NO_DICTIONARY, language)
    try:
        import enchant
    except (ImportError, OSError):
        log.warning("Enchant is not available; lexicon-only spell check")
        return None, HunspellStatus(False, NO_ENCHANT, language)
    try:
        broker = enchant.Broker()
        if not broker.dict_exists(locale):
            return None, HunspellStatus(False, NO_DICTIONARY, language)
        loader = ((lambda: load_forms(language)) if form_list and language in FORM_LISTS
                  else None)
        return (HunspellChecker(broker.request_dict(locale), load_forms=loader),
                HunspellStatus(True, "", language))
    except Exception:  # noqa: BLE001 - any Enchant failure degrades, never crashes
        log.exception("Enchant failed to load %s", locale)
        return None, HunspellStatus(False, NO_DICTIONARY, language)


def load_forms(language: str) -> frozenset[str] | None:
    """The expanded form list of ``language`` (``None`` without one, or if unreadable;
    the checker then asks Hunspell for every word). Set ``KHABAR_NO_FORM_LIST=1`` to
    compare with Hunspell alone."""
    name = FORM_LISTS.get(language)
    if name is None or os.environ.get("KHABAR_NO_FORM_LIST"):
        return None
    try:
        data = gzip.decompress((dicts_dir() / name).read_bytes())
        return frozenset(data.decode("utf-8").split())
    except (OSError, ValueError, EOFError):
        log.warning("Cannot read the %s form list; asking Hunspell", language)
        return None

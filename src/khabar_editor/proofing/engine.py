"""Hunspell through pyenchant, using only the dictionaries shipped with the app.

Enchant 2 looks for Hunspell dictionaries in ``$ENCHANT_CONFIG_DIR/hunspell``
before the system folders (``enchant_broker_set_param`` no longer exists in
Enchant 2). The shipped ``data/dicts/`` has that layout, so pointing
``ENCHANT_CONFIG_DIR`` there before a broker is created makes ``hi_IN`` and
``ne_NP`` available on a laptop that has no system dictionaries. Only
libenchant itself comes from the system; without it, :func:`open_hunspell`
returns ``None`` and the caller uses the lexicon alone.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from typing import Any

from khabar_editor.i18n import N_
from khabar_editor.proofing.lexicon import dicts_dir

log = logging.getLogger(__name__)

LOCALES = {"hi": "hi_IN", "ne": "ne_NP"}
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


class HunspellChecker:
    """A thin wrapper over one ``enchant.Dict`` with safe calls."""

    def __init__(self, dictionary: Any) -> None:
        self._dict = dictionary

    def check(self, word: str) -> bool:
        """Whether Hunspell accepts ``word`` (errors count as not accepted)."""
        try:
            return bool(self._dict.check(word))
        except Exception:  # noqa: BLE001 - a bad word must never crash proofing
            return False

    def suggest(self, word: str) -> list[str]:
        """Hunspell's suggestions for ``word`` (empty on error)."""
        try:
            return list(self._dict.suggest(word))
        except Exception:  # noqa: BLE001
            return []


def configure_enchant() -> None:
    """Point Enchant at the shipped dictionaries (call before creating a broker)."""
    os.environ["ENCHANT_CONFIG_DIR"] = str(dicts_dir())


def open_hunspell(language: str) -> tuple[HunspellChecker | None, HunspellStatus]:
    """The shipped Hunspell dictionary of ``language`` via Enchant, or ``None`` and why."""
    locale = LOCALES.get(language, language)
    configure_enchant()
    try:
        import enchant
    except (ImportError, OSError):
        log.warning("Enchant is not available; lexicon-only spell check")
        return None, HunspellStatus(False, NO_ENCHANT, language)
    try:
        broker = enchant.Broker()
        if not broker.dict_exists(locale):
            return None, HunspellStatus(False, NO_DICTIONARY, language)
        return HunspellChecker(broker.request_dict(locale)), HunspellStatus(True, "", language)
    except Exception:  # noqa: BLE001 - any Enchant failure degrades, never crashes
        log.exception("Enchant failed to load %s", locale)
        return None, HunspellStatus(False, NO_DICTIONARY, language)

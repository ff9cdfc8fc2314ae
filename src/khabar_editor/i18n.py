"""Translations for the core, the CLI and the GUI (gettext, no Qt).

Catalogues are ``resources/po/<lang>/<area>.po`` in the source tree, one file
per area so that people working on different parts do not collide. At build
time ``setup.py`` compiles them into ``khabar_editor/data/locale/<lang>/
LC_MESSAGES/<area>.mo``. In a development checkout where nothing was built the
``.po`` files are compiled in memory with Babel (a test/build dependency).

Use ``N_()`` to mark a string for extraction where it is defined and
``_()`` (current language) or ``translate(msgid, lang)`` where it is shown.
Nothing is installed into builtins and nothing happens at import time: the
application calls :func:`set_language` in its ``main()``.
"""

from __future__ import annotations

import logging
import os
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # gettext, io and importlib.resources load with the first catalogue
    import gettext

log = logging.getLogger(__name__)

LANGUAGES = ("en", "hi")
DEFAULT_LANGUAGE = "en"
_current = DEFAULT_LANGUAGE

_SOURCE_PO_DIR = Path(__file__).resolve().parent.parent.parent / "resources" / "po"


def N_(message: str) -> str:  # noqa: N802 - gettext convention
    """Mark ``message`` for translation without translating it now."""
    return message


def set_language(lang: str | None) -> str:
    """Set the interface language; ``None`` picks it from ``KHABAR_LANG`` or the locale."""
    global _current
    if not lang:
        lang = os.environ.get("KHABAR_LANG") or _locale_language()
    lang = lang.split("_")[0].split(".")[0].lower()
    _current = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    return _current


def get_language() -> str:
    """The current interface language code."""
    return _current


def _locale_language() -> str:
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return value
    return DEFAULT_LANGUAGE


def translate(msgid: str, lang: str | None = None) -> str:
    """``msgid`` translated into ``lang`` (default: the current language)."""
    lang = lang or _current
    if lang == "en":
        return msgid
    return _catalog(lang).gettext(msgid)


def _(msgid: str) -> str:
    """``msgid`` in the current interface language."""
    return translate(msgid)


def ngettext(singular: str, plural: str, n: int, lang: str | None = None) -> str:
    """Plural-aware translation."""
    lang = lang or _current
    if lang == "en":
        return singular if n == 1 else plural
    return _catalog(lang).ngettext(singular, plural, n)


def both(msgid: str, **fields: object) -> dict[str, str]:
    """The message in every language, formatted: ``{"en": ..., "hi": ...}``."""
    return {lang: translate(msgid, lang).format(**fields) for lang in LANGUAGES}


@lru_cache(maxsize=None)
def _catalog(lang: str) -> gettext.NullTranslations:
    """All catalogues of ``lang`` chained into one translations object."""
    import gettext
    import io

    chain: gettext.NullTranslations = gettext.NullTranslations()
    for mo in _compiled_catalogues(lang):
        try:
            translations = gettext.GNUTranslations(io.BytesIO(mo))
        except OSError:
            log.warning("Unreadable translation catalogue for %s", lang)
            continue
        translations.add_fallback(chain)
        chain = translations
    return chain


def _compiled_catalogues(lang: str) -> list[bytes]:
    from importlib import resources

    built = resources.files("khabar_editor") / "data" / "locale" / lang / "LC_MESSAGES"
    found: list[bytes] = []
    if built.is_dir():
        for entry in sorted(built.iterdir(), key=lambda e: e.name):
            if entry.name.endswith(".mo"):
                found.append(entry.read_bytes())
    if found:
        return found
    source = _SOURCE_PO_DIR / lang
    if source.is_dir():
        for po in sorted(source.glob("*.po")):
            compiled = compile_po(po.read_bytes())
            if compiled is not None:
                found.append(compiled)
    return found


def compile_po(po_bytes: bytes) -> bytes | None:
    """Compile the bytes of a ``.po`` file to ``.mo`` bytes with Babel, or ``None``."""
    import io

    try:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po
    except ImportError:  # pragma: no cover - Babel is a build/test dependency
        log.warning("Babel is not installed; showing English")
        return None
    catalog = read_po(io.BytesIO(po_bytes))
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def reset_cache() -> None:
    """Forget loaded catalogues (tests, or after the catalogues changed)."""
    _catalog.cache_clear()

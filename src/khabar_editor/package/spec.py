"""The ``.khabar`` format in constants: entry names, limits and path rules.

Everything a reader must enforce is here, in one place, so that the reader,
the writer (which refuses to produce what the reader would refuse) and
``docs/package-format.md`` agree.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, NoReturn

from khabar_editor.errors import PackageError
from khabar_editor.i18n import N_

MIMETYPE = "application/vnd.khabar.article+zip"
FORMAT_NAME = "khabar"
FORMAT_VERSION = 1
FORMAT_MINOR = 1
"""Additive features within a format version (1: author, status note, signatures).

Old readers ignore the keys a minor version adds, so it never blocks opening."""

MIMETYPE_NAME = "mimetype"
MANIFEST_NAME = "manifest.json"
ARTICLE_NAME = "article.md"
PREVIEW_NAME = "preview.html"
WORDLIST_NAME = "wordlist.txt"
ORIGINAL_NAME = "original/article.md"
MEDIA_PREFIX = "media/"

FIXED_NAMES = frozenset({MIMETYPE_NAME, MANIFEST_NAME, ARTICLE_NAME, PREVIEW_NAME,
                         WORDLIST_NAME, ORIGINAL_NAME})
REQUIRED_NAMES = (MIMETYPE_NAME, MANIFEST_NAME, ARTICLE_NAME)
# Directory entries some zip tools add; they carry no data and are ignored.
DIRECTORY_NAMES = frozenset({"media/", "original/"})
TEXT_NAMES = frozenset({ARTICLE_NAME, PREVIEW_NAME, WORDLIST_NAME, ORIGINAL_NAME, MANIFEST_NAME})

# Limits every reader should enforce (bytes unless noted).
MAX_ENTRIES = 1000
MAX_TOTAL_BYTES = 512 * 1024 * 1024
MAX_MEDIA_BYTES = 128 * 1024 * 1024
MAX_TEXT_BYTES = {
    MIMETYPE_NAME: 1024,
    MANIFEST_NAME: 4 * 1024 * 1024,
    ARTICLE_NAME: 16 * 1024 * 1024,
    ORIGINAL_NAME: 16 * 1024 * 1024,
    WORDLIST_NAME: 4 * 1024 * 1024,
    PREVIEW_NAME: 64 * 1024 * 1024,
}
MAX_RATIO = 100
"""Largest allowed uncompressed/compressed ratio for an entry bigger than RATIO_FLOOR."""
RATIO_FLOOR = 1024 * 1024
MAX_NAME_BYTES = 255
MAX_DIRECTORY_BYTES = 1024 * 1024
"""Largest central directory (the zip's table of contents) a reader parses."""
MAX_SHOWN_CHARS = 200
"""Longest text from a package quoted in an error message."""

# Already-compressed media are stored; everything else is deflated.
STORED_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif", ".heic", ".mp4", ".mp3",
                   ".m4a", ".ogg", ".webm", ".zip", ".gz")

_DRIVE = re.compile(r"^[A-Za-z]:")
# Characters Windows cannot store in a file name, plus controls.
_BAD_CHARS = re.compile(r'[\x00-\x1f\x7f<>:"|?*\\]')
# Names Windows maps to devices in every folder, with any extension ("media/con.jpg").
# Windows takes the name up to its first dot and drops trailing spaces before
# comparing, so "con .jpg", "AUX  .png" and "nul. .txt" are devices too.
_DEVICE = re.compile(r"^(con|prn|aux|nul|com[0-9\u00b9\u00b2\u00b3]|lpt[0-9\u00b9\u00b2\u00b3]"
                     r"|conin\$|conout\$) *(\..*)?$", re.IGNORECASE)
# Unicode categories never allowed in a name: controls, surrogates, line/paragraph
# separators, and format characters (bidi overrides that disguise "exe.jpg" etc.).
_BAD_CATEGORIES = frozenset({"Cc", "Cs", "Zl", "Zp", "Cf"})
_JOINERS = frozenset({"\u200c", "\u200d"})  # ZWNJ/ZWJ are part of Devanagari spelling
# Characters that print as (or that "best fit" code pages turn into) path separators.
_SLASH_LIKE = frozenset("\u2215\u2044\u29f8\u29f5\u29f9\uff0f\uff3c\ufe68\u2216\u27cb\u27cd")
_DISPLAY_ESCAPE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
                             r"\u200e\u200f\u061c\ufeff\ud800-\udfff]")


def shown(text: str, limit: int | None = MAX_SHOWN_CHARS) -> str:
    """``text`` made safe to print: controls, bidi marks and surrogates escaped, length capped.

    Names and values quoted in messages come from hostile files; printed raw
    they could move the terminal cursor, retitle the window or reorder the text.
    """
    if limit is not None and len(text) > limit:
        text = text[: limit // 2] + "\u2026" + text[-(limit // 2):]  # keep the file name
    return _DISPLAY_ESCAPE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def fail(code: str, msgid: str, **fields: Any) -> NoReturn:
    """Raise a :class:`PackageError` with a stable ``package.*`` code (text fields made safe)."""
    safe = {k: shown(v) if isinstance(v, str) else v for k, v in fields.items()}
    raise PackageError(msgid, code=f"package.{code}", **safe)


def entry_limit(name: str) -> int:
    """The largest uncompressed size allowed for entry ``name``."""
    return MAX_TEXT_BYTES.get(name, MAX_MEDIA_BYTES)


def check_entry_name(name: str) -> None:
    """Refuse names that could escape the package or clash on some file system.

    Raises:
        PackageError: ``package.unsafe_path`` for absolute paths, drive letters,
            backslashes, ``..``/``.`` parts, control or reserved characters.
    """
    if name.isascii():  # NFKC changes no ASCII; its only bad category is Cc (_BAD_CHARS)
        if not name or len(name) > MAX_NAME_BYTES or not _plain_path(name):
            fail("unsafe_path", N_("Unsafe file name inside the package: '{name}'; refused."),
                 name=name)
        return
    if (
        not name
        or len(name.encode("utf-8", "surrogatepass")) > MAX_NAME_BYTES
        or any(c in _SLASH_LIKE or (unicodedata.category(c) in _BAD_CATEGORIES
                                    and c not in _JOINERS) for c in name)
        or not _plain_path(name)
        # What a tool or file system folding compatibility characters would see
        # ("\u2024\u2024" is "..", "\uff0f" is "/"):
        or not _plain_path(unicodedata.normalize("NFKC", name))
    ):
        fail("unsafe_path", N_("Unsafe file name inside the package: '{name}'; refused."),
             name=name)


def _plain_path(name: str) -> bool:
    parts = name.split("/")
    return not (
        name.startswith("/")
        or _DRIVE.match(name)
        or "\\" in name
        or any(p in ("", ".", "..") for p in parts)
        or any(_BAD_CHARS.search(p) or p.endswith((" ", ".")) or _DEVICE.match(p)
               for p in parts)
    )


def is_media_name(name: str) -> bool:
    """Whether ``name`` is a file directly inside ``media/``."""
    rest = name[len(MEDIA_PREFIX):]
    return name.startswith(MEDIA_PREFIX) and bool(rest) and "/" not in rest


def check_allowed(name: str) -> None:
    """Refuse entries outside the format (after :func:`check_entry_name`)."""
    if name not in FIXED_NAMES and not is_media_name(name):
        fail("unexpected_file", N_("Unexpected file in the package: '{name}'."), name=name)


def name_key(name: str) -> str:
    """Key under which two names count as the same file on some file system.

    Folds Unicode normalization (macOS), compatibility forms and case, both
    full case folding and the upper-casing Windows uses ("\u0131" and "i" are one
    name on NTFS), so names that one disk would store as one file are duplicates.
    """
    if name.isascii():  # the same result, without two normalizations
        return name.upper().casefold()
    folded = unicodedata.normalize("NFKC", name)
    return unicodedata.normalize("NFKC", folded.upper().casefold())


def is_stored(name: str) -> bool:
    """Whether ``name`` is written uncompressed (mimetype and compressed media)."""
    return name == MIMETYPE_NAME or name.lower().endswith(STORED_SUFFIXES)

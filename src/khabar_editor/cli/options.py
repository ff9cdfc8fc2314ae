"""Validation of ``khabar`` option values (argparse ``type=`` callables).

Every value a command accepts must be usable as it is: it ends up in XML, JSON,
file names and messages. A bad value is refused while the command line is read,
with one translated line naming the option and the reason; argparse then exits
with code 2 (wrong usage) and nothing has been read or written.

Option values come from ``sys.argv``, which Python decodes with
``surrogateescape``: bytes that are not UTF-8 arrive as lone surrogates and are
refused wherever the value is text (not a file name).
"""

from __future__ import annotations

import argparse
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from khabar_editor.i18n import N_, _
from khabar_editor.textkit.unicode_checks import CONTROL_CHARS, has_control_chars

MAX_TEXT_CHARS = 200
MAX_URL_CHARS = 2048
MAX_JOBS = 32

# C0/C1 controls (tab and newline too: option values are one line), bidi embeddings,
# overrides and isolates, lone surrogates (non-UTF-8 bytes) and the two non-characters
# XML 1.0 forbids: the project's one definition (textkit.unicode_checks).
_BAD_TEXT = CONTROL_CHARS
# What a site address may hold: printable ASCII without space and the characters that
# are not allowed in URLs or that XML and HTML would have to escape.
_URL_CHARS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$()*+,;=%]*")
_UNSAFE_URL_CHARS = re.compile(r"[<>\"'`{}|\\^&\s]")

MSG_CONTROL = N_("it contains a control character, a bidi control or bytes that are not "
                 "UTF-8: {value}")
MSG_EMPTY = N_("it is empty")
MSG_TOO_LONG = N_("it is longer than {limit} characters")
MSG_URL_FORM = N_("'{value}' is not an http:// or https:// address with a host name")
MSG_URL_CHARS = N_("'{value}' may only hold the characters of a web address (ASCII letters, "
                   "digits and - . _ ~ : / @ ! $ ( ) * + , ; = %; no spaces, quotes, < > or &)")
MSG_URL_PARTS = N_("'{value}' is a site address: it cannot have a ?query or a #fragment")
MSG_NUMBER = N_("'{value}' is not a whole number from {low} to {high}")
MSG_PATH = N_("it is not a usable file or folder name: {value}")


def shown(value: str, limit: int = 60) -> str:
    """``value`` safe to print in a message: controls, bidi controls and undecodable bytes
    written as escapes, long values shortened."""
    out = _BAD_TEXT.sub(lambda m: m.group().encode("unicode_escape", "backslashreplace")
                        .decode("ascii"), value)
    return out if len(out) <= limit else out[:limit] + "…"


def _fail(msgid: str, **fields: object) -> argparse.ArgumentTypeError:
    return argparse.ArgumentTypeError(_(msgid).format(**fields))


def text_value(value: str, limit: int = MAX_TEXT_CHARS) -> str:
    """A one-line text such as a provider name: NFC, not empty, no controls or bidi
    controls, valid UTF-8, at most ``limit`` characters."""
    if has_control_chars(value):
        raise _fail(MSG_CONTROL, value=shown(value))
    value = unicodedata.normalize("NFC", value).strip()
    if not value:
        raise _fail(MSG_EMPTY)
    if len(value) > limit:
        raise _fail(MSG_TOO_LONG, limit=limit)
    return value


def _url(value: str, allow_empty: bool) -> str:
    if not value and allow_empty:
        return ""
    if has_control_chars(value):
        raise _fail(MSG_CONTROL, value=shown(value))
    if len(value) > MAX_URL_CHARS:
        raise _fail(MSG_TOO_LONG, limit=MAX_URL_CHARS)
    if _UNSAFE_URL_CHARS.search(value) or not _URL_CHARS.fullmatch(value):
        raise _fail(MSG_URL_CHARS, value=shown(value))
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError:
        raise _fail(MSG_URL_FORM, value=shown(value)) from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise _fail(MSG_URL_FORM, value=shown(value))
    if parts.query or parts.fragment or "?" in value or "#" in value:
        raise _fail(MSG_URL_PARTS, value=shown(value))
    return value


def site_url(value: str) -> str:
    """An absolute ``http(s)://host[:port][/path]`` address (``--site-url``)."""
    return _url(value, allow_empty=False)


def optional_url(value: str) -> str:
    """Like :func:`site_url`, or empty (``--media-base-url``: empty means the default)."""
    return _url(value, allow_empty=True)


def whole_number(low: int, high: int) -> Callable[[str], int]:
    """A ``type=`` for an integer from ``low`` to ``high`` (``--jobs``)."""

    def parse(value: str) -> int:
        text = value.strip()
        if not re.fullmatch(r"[+]?[0-9]{1,6}", text) or not low <= int(text) <= high:
            raise _fail(MSG_NUMBER, value=shown(value), low=low, high=high)
        return int(text)

    parse.__name__ = "whole number"
    return parse


def path_value(value: str) -> str:
    """A file or folder name: not empty, no NUL, no newline or other C0 control (such
    names break every line-based report). Bytes that are not UTF-8 are allowed: they
    are a legal name on the disk and come back as the same bytes."""
    if not value.strip():
        raise _fail(MSG_EMPTY)
    if re.search("[\x00-\x1f\x7f]", value):
        raise _fail(MSG_PATH, value=shown(value))
    return value


def path_option(value: str) -> Path:
    """:func:`path_value` as a :class:`~pathlib.Path` (argparse ``type=``)."""
    return Path(path_value(value))

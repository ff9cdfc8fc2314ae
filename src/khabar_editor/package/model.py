"""The in-memory package: an article, its photos, revisions, original and word list.

Also the text policy of the format: every text stored in a package is NFC with
``\\n`` line ends, no leading BOM and no control characters other than tab and
newline (see :func:`clean_text`).
"""

from __future__ import annotations

import copy
import dataclasses
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from khabar_editor.article.model import Article
from khabar_editor.package.spec import FORMAT_VERSION
from khabar_editor.problems import Problem
from khabar_editor.textkit.normalize import (
    BOM, nfc, normalize_newlines, stream_safe,
)

# C0 controls except tab and newline, DEL, and C1 controls (NEL U+0085 included:
# YAML would fold it into a space, so it could never round trip).
# Lone surrogates (from "\\ud800" escapes in YAML or JSON) cannot be stored as UTF-8.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
# Whitespace and BOMs at either end of a word-list entry.
_EDGES = re.compile(r"^[\s\ufeff]+|[\s\ufeff]+$")


@dataclass
class Revision:
    """One entry of the revision log: who saved, when, how long the story was, why.

    A status change (``action == "status"``) also carries ``from_status``,
    ``to_status`` and the ``note`` sent with it; ``who_id`` is the saver's
    per-installation id (``Settings.user_id``), "" when unknown.
    """

    who: str
    when: datetime
    words: int
    action: str
    app_version: str
    who_id: str = ""
    from_status: str = ""
    to_status: str = ""
    note: str = ""


UNKNOWN_USER = "unknown"
"""Recorded as the saver when the user has not given a name (never the byline)."""


@dataclass(frozen=True)
class Author:
    """Who created the package: the name and installation id of its first saver."""

    name: str
    id: str = ""


@dataclass(frozen=True)
class StatusNote:
    """The note sent with the latest status change (e.g. why a story was returned)."""

    status: str
    note: str
    by: str
    when: datetime


@dataclass
class Package:
    """A ``.khabar`` package in memory.

    ``media`` keys are exactly the ``Article.media[i].file`` values
    (``media/<name>``). ``problems`` holds warnings found while reading (never
    saved). ``loaded_markdown`` is the ``article.md`` text as last read or
    written. ``arrived`` holds the ``article.md`` bytes exactly as read from (or
    last written to) disk, ``original_bytes`` the ``original/article.md`` bytes;
    the writer stores ``arrived`` as the original the first time someone other
    than the author saves (see :func:`khabar_editor.package.writer.write_package`).
    ``signatures`` are the manifest's signature records verbatim and
    ``manifest_digest`` the digest they are checked against
    (:mod:`khabar_editor.package.signing`).
    """

    article: Article = field(default_factory=Article)
    media: dict[str, bytes] = field(default_factory=dict)
    revisions: list[Revision] = field(default_factory=list)
    original: str | None = None
    revisions_dropped: int = 0  # older revisions removed from the log by earlier saves
    wordlist: list[str] = field(default_factory=list)
    format_version: int = FORMAT_VERSION
    problems: list[Problem] = field(default_factory=list, compare=False)
    loaded_markdown: str | None = field(default=None, repr=False, compare=False)
    arrived: bytes | None = field(default=None, repr=False, compare=False)
    original_bytes: bytes | None = field(default=None, repr=False, compare=False)
    author: Author | None = None
    status_note: StatusNote | None = None
    signatures: list[dict[str, Any]] = field(default_factory=list, compare=False)
    manifest_digest: str | None = field(default=None, repr=False, compare=False)


def new_package(article: Article | None = None) -> Package:
    """A fresh, never-saved package holding ``article`` (or an empty article)."""
    return Package(article=article if article is not None else Article())


def is_other_than_author(author: Author | None, who: str, who_id: str = "") -> bool | None:
    """Whether the saver ``who``/``who_id`` is someone else than ``author``; ``None`` if unknown.

    Installation ids decide when both are known; else names (an unset name,
    ``""`` or :data:`UNKNOWN_USER`, proves nothing).
    """
    if author is None:
        return None
    if author.id and who_id:
        return author.id != who_id
    named = {n for n in (author.name, who) if n and n != UNKNOWN_USER}
    if len(named) == 2 or (named and author.name == who):
        return author.name != who
    return None


def original_article(package: Package) -> Article | None:
    """The correspondent's original as an article, or ``None`` when there is none.

    Raises:
        PackageError: ``package.article`` if the stored original cannot be parsed.
    """
    if package.original is None:
        return None
    from khabar_editor.package.reader import parse_front_matter

    return parse_front_matter(package.original, require=False)


def clean_text(text: str) -> str:
    """The stored form of any text: newlines unified, controls and leading BOMs removed, NFC."""
    if text.isascii() and _CONTROLS.search(text) is None:  # most field values: as they are
        return text  # (ASCII is NFC and stream-safe; \r is one of the controls)
    text = _CONTROLS.sub("", normalize_newlines(text))
    text = stream_safe(text)  # quick: a word of 31 characters first, then the mark scan
    return nfc(text.lstrip(BOM))


def _clean_value(value: Any) -> Any:
    """``value`` with every text cleaned; the very object when nothing changes."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        cleaned = [_clean_value(v) for v in value]
        return value if all(a is b for a, b in zip(cleaned, value)) else cleaned
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for f in dataclasses.fields(value):
            item = getattr(value, f.name)
            if isinstance(item, (str, list)) or dataclasses.is_dataclass(item):
                done = _clean_value(item)
                if done is not item:
                    changes[f.name] = done
        return dataclasses.replace(value, **changes) if changes else value
    return value


def clean_article(article: Article, *, body_is_clean: bool = False) -> Article:
    """A copy of ``article`` with :func:`clean_text` applied to every text field.

    Enum fields (language, status) are left alone: they are ``str`` subclasses
    but their values are fixed. ``body_is_clean``: the caller knows that
    ``clean_text(article.body) == article.body`` (the reader: the body is the end of
    an ``article.md`` text it cleaned as a whole), so the long body is not
    normalized a second time.
    """
    copied = copy.copy(article)
    for f in dataclasses.fields(copied):
        if body_is_clean and f.name == "body":
            continue
        value = getattr(copied, f.name)
        if isinstance(value, (str, list)) and not hasattr(value, "value") or (
            dataclasses.is_dataclass(value)
        ):
            setattr(copied, f.name, _clean_value(value))
    return copied


def clean_wordlist(words: list[str]) -> list[str]:
    """Word list as stored: one clean word per line, blanks and repeats dropped, order kept."""
    seen: set[str] = set()
    out: list[str] = []
    for word in clean_text("\n".join(words)).split("\n"):  # one pass: millions of blank lines
        word = _EDGES.sub("", word) if word else word
        if word and word not in seen:
            seen.add(word)
            out.append(word)
    return out

"""``read_package``: open a ``.khabar`` zip or an unpacked package folder, trusting nothing.

Reading writes nothing anywhere. Every failure is a :class:`PackageError` with
a stable ``package.*`` code and a message in English and Hindi. Text that is
readable but not in the stored form (not NFC, stray control characters) is
normalized and reported as a warning in ``Package.problems``.
"""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta, timezone

import yaml

from khabar_editor.article.frontmatter import from_markdown
from khabar_editor.article.model import Article
from khabar_editor.errors import ArticleError, PackageError
from khabar_editor.i18n import N_
from khabar_editor.package import spec
from khabar_editor.package.entries import load_entries
from khabar_editor.package.model import Package, clean_article, clean_text, clean_wordlist
from khabar_editor.package.spec import fail
from khabar_editor.problems import Problem, Severity, problem
from khabar_editor.textkit.normalize import BOM


MAX_PRIORITY_MAGNITUDE = 10**6
"""Priorities outside 1-9 open (validation reports them) unless absurdly large."""


def decode_text(data: bytes, name: str) -> str:
    """``data`` as UTF-8 text; anything else is refused with ``package.encoding``."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        fail("encoding", N_("'{name}' is not valid UTF-8 text."), name=name)


def parse_article_text(text: str, name: str = spec.ARTICLE_NAME) -> tuple[Article, list[Problem]]:
    """Parse ``article.md`` text; front-matter errors become ``package.article`` errors."""
    article, problems, _cleaned = _parse_article_text(text, name)
    return article, problems


def _parse_article_text(text: str, name: str) -> tuple[Article, list[Problem], str]:
    """:func:`parse_article_text` plus the cleaned text (computed once, used thrice)."""
    problems: list[Problem] = []
    cleaned = clean_text(text)
    # clean_text's result is NFC, so an unchanged text was NFC already.
    if cleaned != text.lstrip("\ufeff"):
        problems.append(problem(
            "package.not_nfc", name, Severity.WARNING,
            N_("'{name}' was not stored in the standard text form (Unicode NFC, no control "
               "characters); it was normalized and will be saved normalized."), name=name))
    return _parse_clean(cleaned, require=True), problems, cleaned


def parse_front_matter(text: str, *, require: bool) -> Article:
    """An article from ``article.md`` text, parsed in its stored (clean) form.

    Control characters are removed before YAML sees them (they are a warning,
    not an error); whatever the YAML library or the field readers raise, and
    dates that cannot be expressed in UTC, become ``package.article``.
    """
    return _parse_clean(clean_text(text), require=require)


def _is_tail_line(tail: str, text: str) -> bool:
    """Whether ``tail`` is ``text`` from the start of one of its lines to the end.

    Such a piece of a clean text is clean as it is unless it starts with a BOM
    (NFC, the stream-safe cuts and the control removal never reach across a
    newline), so it need not be normalized again.
    """
    if not tail:
        return True
    if tail.startswith(BOM) or len(tail) > len(text) or not text.endswith(tail):
        return False
    return len(tail) == len(text) or text[len(text) - len(tail) - 1] == "\n"


def _parse_clean(cleaned: str, *, require: bool) -> Article:
    try:
        article = from_markdown(cleaned, require_front_matter=require)
    except ArticleError as exc:
        raise PackageError(exc.msgid, code="package.article", article_code=exc.code,
                           **{k: spec.shown(v) if isinstance(v, str) else v
                              for k, v in exc.fields.items()}) from None
    except (yaml.YAMLError, ValueError, OverflowError, TypeError, RecursionError) as exc:
        raise PackageError(N_("The front matter cannot be read: {problem}"),
                           code="package.article", article_code="article.yaml",
                           problem=spec.shown(str(exc))) from None
    if abs(article.priority) > MAX_PRIORITY_MAGNITUDE:  # 0xfff...: str() of it would fail
        raise PackageError(N_("Field '{field}' has the wrong type or value (expected "
                              "{expected})."), code="package.article",
                           article_code="article.field", field="priority",
                           expected="a whole number from 1 to 9")
    for field, value in (("created", article.created), ("modified", article.modified),
                         ("embargo", article.embargo), ("dateline.date", article.dateline.date)):
        _check_date_range(field, value)
    return clean_article(article, body_is_clean=_is_tail_line(article.body, cleaned))


def _check_date_range(field: str, value: date | datetime | None) -> None:
    """Dates must survive conversion to UTC and a day either way (what exporters do)."""
    try:
        if isinstance(value, datetime):
            value = value.astimezone(timezone.utc)
        if value is not None:
            (value + timedelta(days=1), value - timedelta(days=1))
    except OverflowError:
        raise PackageError(N_("Field '{field}' holds a date outside the range Khabar Editor "
                              "can handle."), code="package.article",
                           article_code="article.date_range", field=field) from None


def read_package(path: str | os.PathLike[str]) -> Package:
    """Open and fully verify the package at ``path`` (a ``.khabar`` file or a folder).

    Raises:
        PackageError: unreadable, corrupt, tampered, unsafe or newer-version packages;
            ``.code`` says which (see ``docs/package-format.md``).
    """
    entries, manifest = load_entries(path)
    text = decode_text(entries[spec.ARTICLE_NAME], spec.ARTICLE_NAME)
    article, problems, cleaned = _parse_article_text(text, spec.ARTICLE_NAME)
    media: dict[str, bytes] = {}
    for index, item in enumerate(article.media):
        if item.file not in entries or not spec.is_media_name(item.file):
            fail("media_missing", N_("Photo {number} ('{file}') is not in the package."),
                 number=index + 1, file=item.file)
        media[item.file] = entries[item.file]
    for name in sorted(n for n in entries if spec.is_media_name(n) and n not in media):
        problems.append(problem(
            "package.media_unreferenced", name, Severity.WARNING,
            N_("'{name}' is in the package but the article does not use it; it will be "
               "dropped on the next save."), name=name))
    for name in (spec.PREVIEW_NAME, spec.WORDLIST_NAME, spec.ORIGINAL_NAME):
        if name in entries:
            decode_text(entries[name], name)
    original = entries.get(spec.ORIGINAL_NAME)
    words = entries.get(spec.WORDLIST_NAME, b"")
    return Package(
        article=article,
        media=media,
        revisions=manifest.revisions,
        revisions_dropped=manifest.revisions_dropped,
        original=clean_text(original.decode("utf-8")) if original is not None else None,
        wordlist=clean_wordlist(words.decode("utf-8").split("\n")),
        format_version=manifest.source_version,
        problems=problems,
        loaded_markdown=cleaned,
        arrived=entries[spec.ARTICLE_NAME],
        original_bytes=original,
        author=manifest.author,
        status_note=manifest.status_note,
        signatures=list(manifest.signatures),
        manifest_digest=manifest.digest,
    )

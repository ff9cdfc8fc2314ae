"""``read_package``: open a ``.khabar`` zip or an unpacked package folder, trusting nothing.

Reading writes nothing anywhere. Every failure is a :class:`PackageError` with
a stable ``package.*`` code and a message in English and Hindi. Text that is
readable but not in the stored form (not NFC, stray control characters) is
normalized and reported as a warning in ``Package.problems``.
"""

from __future__ import annotations

import os
import unicodedata

from khabar_editor.article.frontmatter import from_markdown
from khabar_editor.article.model import Article
from khabar_editor.errors import ArticleError, PackageError
from khabar_editor.i18n import N_
from khabar_editor.package import spec
from khabar_editor.package.entries import load_entries
from khabar_editor.package.model import Package, clean_article, clean_text, clean_wordlist
from khabar_editor.package.spec import fail
from khabar_editor.problems import Problem, Severity, problem


def decode_text(data: bytes, name: str) -> str:
    """``data`` as UTF-8 text; anything else is refused with ``package.encoding``."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        fail("encoding", N_("'{name}' is not valid UTF-8 text."), name=name)


def parse_article_text(text: str, name: str = spec.ARTICLE_NAME) -> tuple[Article, list[Problem]]:
    """Parse ``article.md`` text; front-matter errors become ``package.article`` errors."""
    problems: list[Problem] = []
    if clean_text(text) != text.lstrip("\ufeff") or not unicodedata.is_normalized("NFC", text):
        problems.append(problem(
            "package.not_nfc", name, Severity.WARNING,
            N_("'{name}' was not stored in the standard text form (Unicode NFC, no control "
               "characters); it was normalized and will be saved normalized."), name=name))
    try:
        article = from_markdown(text, require_front_matter=True)
    except ArticleError as exc:
        raise PackageError(exc.msgid, code="package.article", article_code=exc.code,
                           **exc.fields) from None
    return clean_article(article), problems


def read_package(path: str | os.PathLike[str]) -> Package:
    """Open and fully verify the package at ``path`` (a ``.khabar`` file or a folder).

    Raises:
        PackageError: unreadable, corrupt, tampered, unsafe or newer-version packages;
            ``.code`` says which (see ``docs/package-format.md``).
    """
    entries, manifest = load_entries(path)
    text = decode_text(entries[spec.ARTICLE_NAME], spec.ARTICLE_NAME)
    article, problems = parse_article_text(text)
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
        original=clean_text(original.decode("utf-8")) if original is not None else None,
        wordlist=clean_wordlist(words.decode("utf-8").split("\n")),
        format_version=manifest.source_version,
        problems=problems,
        loaded_markdown=clean_text(text),
    )

"""Loose files next to packages: plain article files in, unpacked folders out."""

from __future__ import annotations

import os
from pathlib import Path

from khabar_editor.article.model import Article
from khabar_editor.i18n import N_
from khabar_editor.package import spec
from khabar_editor.package.entries import open_regular
from khabar_editor.package.model import clean_article
from khabar_editor.package.reader import parse_front_matter
from khabar_editor.package.spec import fail

MAX_ARTICLE_FILE_BYTES = spec.MAX_TEXT_BYTES[spec.ARTICLE_NAME]
ARTICLE_SUFFIXES = (".md", ".markdown", ".txt")


def read_limited(path: Path, limit: int, *, follow: bool = True) -> bytes:
    """The bytes of ``path``, refusing files over ``limit`` bytes or that cannot be read.

    Only regular files are read (a pipe or device would hang or never end);
    with ``follow=False`` a symbolic link is refused too.
    """
    try:
        with open_regular(path, follow=follow) as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        fail("unreadable", N_("Cannot read '{file}': {reason}"), file=str(path),
             reason=exc.strerror or str(exc))
    if len(data) > limit:
        fail("too_large", N_("'{name}' is larger than allowed ({limit} bytes)."),
             name=path.name, limit=limit)
    return data


def load_article_file(path: str | os.PathLike[str]) -> Article:
    """An :class:`Article` from a ``.md`` file (front matter optional) or a ``.txt`` file.

    A ``.txt`` file is taken as the body only. A UTF-8 BOM is accepted.

    Raises:
        PackageError: the file cannot be read, is too large, is not UTF-8, or its
            front matter is invalid (``package.article``, with the front-matter message).
    """
    source = Path(path)
    data = read_limited(source, MAX_ARTICLE_FILE_BYTES)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        fail("encoding", N_("'{name}' is not valid UTF-8 text."), name=source.name)
    if source.suffix.lower() == ".txt":
        return clean_article(Article(body=text))
    return parse_front_matter(text, require=False)


def unpack_package(path: str | os.PathLike[str], target: str | os.PathLike[str], *,
                   force: bool = False) -> list[Path]:
    """Verify the package at ``path`` and write its files into the folder ``target``.

    Atomic: see :func:`khabar_editor.package.writer.unpack_to_folder`.
    """
    from khabar_editor.package.writer import unpack_to_folder

    return unpack_to_folder(path, target, force=force)

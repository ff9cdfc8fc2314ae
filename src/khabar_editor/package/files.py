"""Loose files next to packages: plain article files in, unpacked folders out."""

from __future__ import annotations

import os
from pathlib import Path

from khabar_editor.article.frontmatter import from_markdown
from khabar_editor.article.model import Article
from khabar_editor.errors import ArticleError, PackageError
from khabar_editor.i18n import N_
from khabar_editor.package import spec
from khabar_editor.package.entries import load_entries
from khabar_editor.package.model import clean_article
from khabar_editor.package.spec import fail

MAX_ARTICLE_FILE_BYTES = spec.MAX_TEXT_BYTES[spec.ARTICLE_NAME]
ARTICLE_SUFFIXES = (".md", ".markdown", ".txt")


def read_limited(path: Path, limit: int) -> bytes:
    """The bytes of ``path``, refusing files over ``limit`` bytes or that cannot be read."""
    try:
        with path.open("rb") as fh:
            data = fh.read(limit + 1)
    except FileNotFoundError:
        fail("not_found", N_("File not found: '{file}'."), file=str(path))
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
    try:
        return clean_article(from_markdown(text))
    except ArticleError as exc:
        raise PackageError(exc.msgid, code="package.article", article_code=exc.code,
                           **exc.fields) from None


def unpack_package(path: str | os.PathLike[str], target: str | os.PathLike[str], *,
                   force: bool = False) -> list[Path]:
    """Verify the package at ``path`` and write its files into the folder ``target``.

    ``target`` must not exist or be an empty folder, unless ``force`` is set (then
    files of the same name are overwritten; nothing else is touched). Files are
    only ever created inside ``target``; links in the way are refused.

    Returns:
        The files written.

    Raises:
        PackageError: the package is unreadable or unsafe (nothing is written).
        PackageWriteError: ``target`` is not usable.
    """
    from khabar_editor.package.writer import PackageWriteError

    entries, _ = load_entries(path, include_meta=True)
    root = Path(target)
    try:
        if root.exists() and not root.is_dir() or root.is_symlink():
            raise FileExistsError(0, "not a folder", str(root))
        if root.is_dir() and any(root.iterdir()) and not force:
            raise PackageWriteError(N_("The folder '{folder}' is not empty; choose an empty "
                                       "folder or use --force."), folder=str(root))
        root.mkdir(parents=True, exist_ok=True)
        return [_write_inside(root, name, data, force)
                for name, data in sorted(entries.items())]
    except OSError as exc:
        raise PackageWriteError(N_("Could not save '{file}': {reason}"), file=str(root),
                                reason=exc.strerror or str(exc)) from None


def _write_inside(root: Path, name: str, data: bytes, force: bool) -> Path:
    folder = root
    for part in name.split("/")[:-1]:
        folder = folder / part
        if folder.is_symlink() or folder.exists() and not folder.is_dir():
            raise FileExistsError(0, "a link or file is in the way", str(folder))
        folder.mkdir(exist_ok=True)
    dest = folder / name.split("/")[-1]
    flags = os.O_WRONLY | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    flags |= os.O_TRUNC if force else os.O_EXCL
    fd = os.open(dest, flags, 0o644)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    return dest

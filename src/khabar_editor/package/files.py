"""Loose files next to packages: plain article files in, unpacked folders out."""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
import tempfile
from pathlib import Path

from khabar_editor.article.model import Article
from khabar_editor.i18n import N_
from khabar_editor.package import spec
from khabar_editor.package.entries import load_entries, open_regular
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
                                       "folder or use --force."), folder=spec.shown(str(root)))
        root.mkdir(parents=True, exist_ok=True)
        if _AT_CALLS:
            return _write_at_all(root, entries, force)
        return [_write_inside(root, name, data, force)
                for name, data in sorted(entries.items())]
    except OSError as exc:
        raise PackageWriteError(N_("Could not save '{file}': {reason}"),
                                file=spec.shown(str(root)),
                                reason=exc.strerror or str(exc)) from None


# POSIX: every step is relative to an open folder descriptor opened without
# following links, so swapping a folder for a link mid-unpack cannot redirect writes.
_AT_CALLS = all(f in os.supports_dir_fd for f in (os.open, os.mkdir, os.stat, os.rename,
                                                  os.unlink)) and hasattr(os, "O_DIRECTORY")


def _write_at_all(root: Path, entries: dict[str, bytes], force: bool) -> list[Path]:
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0)
    fds = {"": os.open(root, flags)}
    written: list[Path] = []
    try:
        for name, data in sorted(entries.items()):
            folder, _, base = name.rpartition("/")  # folder is "", "media" or "original"
            if folder not in fds:
                with contextlib.suppress(FileExistsError):
                    os.mkdir(folder, 0o755, dir_fd=fds[""])
                fds[folder] = os.open(folder, flags, dir_fd=fds[""])  # ELOOP/ENOTDIR if not
            _write_at(fds[folder], base, data, force)
            written.append(root / name)
    finally:
        for fd in fds.values():
            os.close(fd)
    return written


def _write_at(folder_fd: int, base: str, data: bytes, force: bool) -> None:
    try:
        old = os.stat(base, dir_fd=folder_fd, follow_symlinks=False)
    except FileNotFoundError:
        old = None
    if old is not None and (not force or not stat.S_ISREG(old.st_mode)):
        raise FileExistsError(0, "a link, folder or special file is in the way", base)
    tmp = f".unpack-{os.getpid()}-{secrets.token_hex(6)}"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(tmp, flags, 0o644, dir_fd=folder_fd)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.rename(tmp, base, src_dir_fd=folder_fd, dst_dir_fd=folder_fd)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp, dir_fd=folder_fd)
        raise


def _write_inside(root: Path, name: str, data: bytes, force: bool) -> Path:
    """Path-based fallback (Windows), with the same checks as :func:`_write_at`."""
    folder = root
    for part in name.split("/")[:-1]:
        folder = folder / part
        if folder.is_symlink() or folder.exists() and not folder.is_dir():
            raise FileExistsError(0, "a link or file is in the way", str(folder))
        folder.mkdir(exist_ok=True)
    dest = folder / name.split("/")[-1]
    try:
        old = dest.lstat()
    except FileNotFoundError:
        old = None
    if old is not None and (not force or not stat.S_ISREG(old.st_mode)):
        # Never open what is in the way: a pipe would block, a link or a hard
        # link would carry the write outside the folder.
        raise FileExistsError(0, "a link, folder or special file is in the way", str(dest))
    fd, tmp = tempfile.mkstemp(prefix=".unpack-", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, dest)  # replaces the name only, never writes into the old file
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return dest

"""``write_package``: deterministic, atomic saving of a ``.khabar`` package.

The package is written to a temporary file next to the target
(``.<name>.tmp-<pid>-<random>``), flushed and fsynced, then moved over the
target with ``os.replace`` and the folder is fsynced; the old file is never
truncated, so a crash or a kill at any moment leaves either the old or the new
package. Temporaries left by a killed process are removed by the next save of
the same file.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import sys
import tempfile
import time
import zipfile
import zlib
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import BinaryIO

from khabar_editor import __version__
from khabar_editor.article.frontmatter import from_markdown, to_markdown
from khabar_editor.article.model import Article, Status, now_utc
from khabar_editor.errors import KhabarError, PackageError
from khabar_editor.i18n import N_
from khabar_editor.package import spec
from khabar_editor.package.manifest import FileEntry, build_manifest
from khabar_editor.package.model import (
    Package, Revision, clean_article, clean_text, clean_wordlist,
)
from khabar_editor.package.preview import preview_html
from khabar_editor.package.spec import fail
from khabar_editor.textkit.words import count_words

CORRESPONDENT_STATUSES = (Status.DRAFT, Status.SUBMITTED)
STALE_TEMP_SECONDS = 3600
_FILE_MODE = 0o100644 << 16


class PackageWriteError(PackageError):
    """The package could not be written (disk full, no permission...); nothing was changed."""

    code = "package.write_failed"


def write_package(path: str | os.PathLike[str], pkg: Package, *, who: str = "",
                  action: str = "save") -> None:
    """Save ``pkg`` to ``path`` atomically and append a :class:`Revision` to it.

    The correspondent's original ``article.md`` is kept as ``original/article.md``
    the first time a package read with status draft or submitted is saved with a
    desk status (in-edit, approved, returned); once kept it never changes.

    Raises:
        PackageError: the package would break a format limit, or a photo is missing.
        PackageWriteError: the file could not be written; the target is unchanged.
    """
    article = clean_article(pkg.article)
    markdown = to_markdown(article)
    original = _original_for(pkg, article)
    revision = Revision(who=clean_text(who), when=now_utc(), words=count_words(article.body),
                        action=clean_text(action) or "save", app_version=__version__)
    entries = {
        spec.ARTICLE_NAME: markdown.encode("utf-8"),
        spec.PREVIEW_NAME: preview_html(article).encode("utf-8"),
        spec.WORDLIST_NAME: _wordlist_bytes(pkg.wordlist),
        **_media_entries(article, pkg.media),
    }
    if original is not None:
        entries[spec.ORIGINAL_NAME] = original.encode("utf-8")
    _check_limits(entries)
    files = [FileEntry(name, len(data), hashlib.sha256(data).hexdigest())
             for name, data in entries.items()]
    revisions = [*pkg.revisions, revision]
    entries[spec.MANIFEST_NAME] = build_manifest(files, revisions, article.created.isoformat())
    stamp = _zip_time(article.modified)
    atomic_write(Path(path), lambda fh: _write_zip(fh, entries, stamp))
    pkg.revisions.append(revision)
    pkg.original = original
    pkg.loaded_markdown = markdown


def _original_for(pkg: Package, article: Article) -> str | None:
    if pkg.original is not None or pkg.loaded_markdown is None:
        return pkg.original
    if article.status in CORRESPONDENT_STATUSES:
        return None
    try:
        before = from_markdown(pkg.loaded_markdown).status
    except KhabarError:
        return None
    return pkg.loaded_markdown if before in CORRESPONDENT_STATUSES else None


def _wordlist_bytes(words: list[str]) -> bytes:
    cleaned = clean_wordlist(words)
    return ("\n".join(cleaned) + "\n").encode("utf-8") if cleaned else b""


def _media_entries(article: Article, media: dict[str, bytes]) -> dict[str, bytes]:
    available = {clean_text(name): data for name, data in media.items()}
    out: dict[str, bytes] = {}
    for index, item in enumerate(article.media):
        spec.check_entry_name(item.file)
        if not spec.is_media_name(item.file) or item.file not in available:
            fail("media_missing", N_("Photo {number} ('{file}') is not in the package."),
                 number=index + 1, file=item.file)
        out[item.file] = available[item.file]
    return out


def _check_limits(entries: dict[str, bytes]) -> None:
    seen: set[str] = set()
    for name, data in entries.items():
        key = spec.name_key(name)
        if key in seen:
            fail("duplicate", N_("The package contains '{name}' twice."), name=name)
        seen.add(key)
        if len(data) > spec.entry_limit(name):
            fail("too_large", N_("'{name}' is larger than allowed ({limit} bytes)."),
                 name=name, limit=spec.entry_limit(name))
    if len(entries) + 2 > spec.MAX_ENTRIES:
        fail("too_many_entries", N_("The package has too many files ({count}; the limit is "
                                    "{limit})."), count=len(entries) + 2, limit=spec.MAX_ENTRIES)
    if sum(len(d) for d in entries.values()) > spec.MAX_TOTAL_BYTES:
        fail("too_large_total", N_("The package unpacks to more than {limit} bytes; refused."),
             limit=spec.MAX_TOTAL_BYTES)


def _zip_time(moment: datetime) -> tuple[int, int, int, int, int, int]:
    try:
        utc = moment.astimezone(timezone.utc) if moment.tzinfo else moment
    except OverflowError:  # year 1 or 9999 with an offset: clamped below anyway
        utc = moment.replace(tzinfo=None)
    year = min(max(utc.year, 1980), 2107)
    return (year, utc.month, utc.day, utc.hour, utc.minute, utc.second)


def _compression(name: str, data: bytes) -> int:
    if spec.is_stored(name):
        return zipfile.ZIP_STORED
    # Never write what a reader would refuse as a zip bomb (e.g. a blank bitmap).
    if len(data) > spec.RATIO_FLOOR and len(zlib.compress(data, 1)) * spec.MAX_RATIO < len(data):
        return zipfile.ZIP_STORED
    return zipfile.ZIP_DEFLATED


def _write_zip(fh: BinaryIO, entries: dict[str, bytes], stamp: tuple[int, ...]) -> None:
    names = [spec.MIMETYPE_NAME, *sorted(entries)]
    entries = {spec.MIMETYPE_NAME: spec.MIMETYPE.encode("ascii"), **entries}
    with zipfile.ZipFile(fh, "w") as zf:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=stamp)  # type: ignore[arg-type]
            info.compress_type = _compression(name, entries[name])
            info.create_system = 3
            info.external_attr = _FILE_MODE
            zf.writestr(info, entries[name], compresslevel=6)


def atomic_write(target: Path, write: Callable[[BinaryIO], None]) -> None:
    """Write ``target`` through ``write(fileobj)`` via temp file + fsync + ``os.replace``.

    Raises:
        PackageWriteError: on any OS error; the temporary file is removed and
            ``target`` is untouched.
    """
    directory = target.parent if str(target.parent) else Path(".")
    try:
        old = target.stat()
    except OSError:
        old = None
    if old is not None and not stat.S_ISREG(old.st_mode):
        raise PackageWriteError(N_("'{file}' is a folder or a special file; it was not "
                                   "replaced."), file=spec.shown(str(target)))
    mode = stat.S_IMODE(old.st_mode) if old is not None else 0o644
    remove_stale_temps(target)
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=_temp_prefix(target), dir=directory)
        with os.fdopen(fd, "w+b") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
        tmp = None
        _fsync_dir(directory)
    except OSError as exc:
        raise PackageWriteError(N_("Could not save '{file}': {reason}"),
                                file=spec.shown(str(target)),
                                reason=exc.strerror or str(exc)) from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _temp_prefix(target: Path) -> str:
    return f".{target.name}.tmp-{os.getpid()}-"


def _fsync_dir(directory: Path) -> None:
    if sys.platform.startswith("win"):
        return  # Windows cannot open a folder for fsync; NTFS journals the rename.
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def remove_stale_temps(target: Path) -> list[Path]:
    """Delete temporaries of ``target`` left by killed saves; returns what was removed.

    A temporary is stale when the process named in it no longer runs (POSIX) or
    it is older than an hour (Windows, where probing a process is unsafe).
    """
    prefix = f".{target.name}.tmp-"
    removed: list[Path] = []
    with contextlib.suppress(OSError):
        for entry in os.scandir(target.parent if str(target.parent) else "."):
            if not entry.name.startswith(prefix) or not entry.is_file(follow_symlinks=False):
                continue
            pid_text = entry.name[len(prefix):].split("-", 1)[0]
            if not pid_text.isdigit() or int(pid_text) == os.getpid():
                continue
            if sys.platform.startswith("win"):
                stale = time.time() - entry.stat().st_mtime > STALE_TEMP_SECONDS
            else:
                stale = not _alive(int(pid_text))
            if stale:
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
    return removed

"""``write_package``: deterministic, atomic saving of a ``.khabar`` package.

The package is written to a temporary file next to the target
(``.khabar-tmp-<pid>-<random>``, see :mod:`khabar_editor.fsutil`), flushed,
fsynced and read back with the reader's checks, then moved over the target
with ``os.replace`` and the folder is fsynced; the old file is never
truncated, so a crash, a kill or a full disk at any moment leaves either the
old or the new package. Temporaries left by a killed process are removed by
the next write into the same folder.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import stat
import sys
import time
import zipfile
import zlib
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, NoReturn

from khabar_editor import __version__, fsutil
from khabar_editor.article.frontmatter import from_markdown, to_markdown
from khabar_editor.article.model import Article, Status, now_utc
from khabar_editor.errors import KhabarError, PackageError
from khabar_editor.i18n import N_
from khabar_editor.package import spec
from khabar_editor.package.manifest import FileEntry, ManifestExtras, canonical_digest, fit_manifest
from khabar_editor.package.model import (
    Author, Package, Revision, clean_article, clean_text, clean_wordlist, is_other_than_author,
)
from khabar_editor.package.preview import preview_html
from khabar_editor.package.reader import parse_front_matter
from khabar_editor.package.spec import fail
from khabar_editor.textkit.words import count_words

if TYPE_CHECKING:
    from khabar_editor.package.signing import SigningKey

CORRESPONDENT_STATUSES = (Status.DRAFT, Status.SUBMITTED)
STALE_TEMP_SECONDS = 3600
_FILE_MODE = 0o100644 << 16


class PackageWriteError(PackageError):
    """The package could not be written (disk full, no permission...); nothing was changed."""

    code = "package.write_failed"


def write_package(path: str | os.PathLike[str], pkg: Package, *, who: str = "",
                  action: str = "save", who_id: str = "", keep_original: bool | None = None,
                  signer: SigningKey | None = None) -> None:
    """Save ``pkg`` to ``path`` atomically and append a :class:`Revision` to it.

    The ``article.md`` bytes that arrived (``pkg.arrived``) are kept as
    ``original/article.md`` the first time someone other than the author saves
    a package read from disk: ``keep_original=True`` (the caller knows the user
    is not the author), or with ``None`` when ``who``/``who_id`` differ from
    ``pkg.author`` (for packages without a known author: when a package read
    with status draft or submitted is saved with a desk status). Once kept, the
    original never changes. The first save of a new package records ``who`` as
    its author. With ``signer`` the save is signed (see
    :mod:`khabar_editor.package.signing`); earlier signatures are kept while
    they still cover the original.

    Every member is built and checked against the reader's limits before
    anything is written (the revision log is compacted so the manifest always
    fits, see :func:`~khabar_editor.package.manifest.fit_manifest`), and the
    written temporary file is read back with the reader's checks before it
    replaces ``path``: a save never produces a package that would not open.

    Raises:
        PackageError: the package would break a format limit, or a photo is missing.
        PackageWriteError: the file could not be written; the target is unchanged.
    """
    article = clean_article(pkg.article)
    markdown = to_markdown(article)
    who, who_id = clean_text(who), clean_text(who_id)
    original = _original_for(pkg, article, who, who_id, keep_original)
    author = pkg.author
    if author is None and not pkg.revisions and (who or who_id):
        author = Author(who, who_id)
    revision = Revision(who=who, when=now_utc(), words=count_words(article.body),
                        action=clean_text(action) or "save", app_version=__version__,
                        who_id=who_id)
    entries = {
        spec.ARTICLE_NAME: markdown.encode("utf-8"),
        spec.PREVIEW_NAME: _preview_bytes(article),
        spec.WORDLIST_NAME: _wordlist_bytes(pkg.wordlist),
        **_media_entries(article, pkg.media),
    }
    if original is not None:
        entries[spec.ORIGINAL_NAME] = original
    _check_limits(entries)
    _check_reads_back(markdown)
    files = [FileEntry(name, len(data), hashlib.sha256(data).hexdigest())
             for name, data in entries.items()]
    desk = original is not None and is_other_than_author(author, who, who_id) is not False
    role = "desk" if desk else "author"
    extras = ManifestExtras(author=author, status_note=pkg.status_note)
    if signer is not None or pkg.signatures:  # cryptography is imported only when needed
        from khabar_editor.package import signing

        extras = dataclasses.replace(
            extras, signatures=tuple(signing.signatures_kept(pkg.signatures, original)),
            sign=signing.record_signer(signer, role, article.id) if signer is not None else None)
    manifest, revisions, dropped = fit_manifest(
        files, [*pkg.revisions, revision], article.created.isoformat(),
        getattr(pkg, "revisions_dropped", 0), extras)
    entries[spec.MANIFEST_NAME] = manifest
    _check_limits(entries)
    stamp = _zip_time(article.modified)
    atomic_write(Path(path), lambda fh: _write_zip(fh, entries, stamp), verify=_verify)
    written = json.loads(manifest)
    pkg.revisions[:] = revisions
    pkg.revisions_dropped = dropped
    pkg.original_bytes = original
    pkg.original = clean_text(original.decode("utf-8")) if original is not None else None
    pkg.loaded_markdown = markdown
    pkg.arrived = entries[spec.ARTICLE_NAME]
    pkg.author = author
    pkg.signatures = list(written.get("signatures", []))
    pkg.manifest_digest = canonical_digest(written)


def write_entries(path: Path, entries: dict[str, bytes], modified: datetime) -> None:
    """Rewrite a package from its member bytes (``manifest.json`` included), atomically.

    For changes that touch only the manifest (adding a signature): every member
    is written back unchanged, checked against the limits and read back first.
    """
    _check_limits(entries)
    stamp = _zip_time(modified)
    atomic_write(Path(path), lambda fh: _write_zip(fh, entries, stamp), verify=_verify)


def _preview_bytes(article: Article) -> bytes:
    """``preview.html``; a short notice page if the full preview would exceed its limit."""
    page = preview_html(article).encode("utf-8")
    if len(page) <= spec.entry_limit(spec.PREVIEW_NAME):
        return page
    notice = dataclasses.replace(article, body=_PREVIEW_TOO_LARGE)
    return preview_html(notice).encode("utf-8")


_PREVIEW_TOO_LARGE = ("यह लेख पूर्वावलोकन के लिए बहुत बड़ा है; इसे Khabar Editor में खोलें।\n\n"
                      "This article is too large for a preview; open it in Khabar Editor.")


def _would_not_open(exc: PackageError) -> PackageError:
    """The save error for a package the reader would refuse, with the reader's reason."""
    return PackageError(N_("The article could not be saved because it would not open "
                           "again: {reason} Nothing was saved."), code="package.would_not_open",
                        reason=spec.shown(exc.message("en")))


def _check_reads_back(markdown: str) -> None:
    """Refuse (with the reader's message) an ``article.md`` the reader would not accept."""
    try:
        parse_front_matter(markdown, require=True)
    except PackageError as exc:
        raise _would_not_open(exc) from None


def _verify(tmp: Path) -> None:
    """Read the written temporary package back with every reader check."""
    from khabar_editor.package.reader import read_package

    try:
        read_package(tmp)
    except PackageError as exc:
        raise _would_not_open(exc) from None


def _original_for(pkg: Package, article: Article, who: str, who_id: str,
                  keep: bool | None) -> bytes | None:
    """The ``original/article.md`` bytes to write: the kept one, the arrived one, or none."""
    if pkg.original_bytes is not None:
        return pkg.original_bytes
    if pkg.original is not None:
        return pkg.original.encode("utf-8")
    arrived = pkg.arrived
    if arrived is None and pkg.loaded_markdown is not None:
        arrived = pkg.loaded_markdown.encode("utf-8")
    if arrived is None or keep is False:
        return None
    if keep is None:
        other = is_other_than_author(pkg.author, who, who_id)
        if other is None:
            other = _legacy_desk_save(pkg, article)
        if not other:
            return None
    return arrived


def _legacy_desk_save(pkg: Package, article: Article) -> bool:
    """No known author: a story read as draft/submitted now saved with a desk status."""
    if article.status in CORRESPONDENT_STATUSES or pkg.loaded_markdown is None:
        return False
    try:
        before = from_markdown(pkg.loaded_markdown).status
    except KhabarError:
        return False
    return before in CORRESPONDENT_STATUSES


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
            fail("too_large", N_("'{name}' would be {size} bytes when saved, more than the "
                                 "{limit} bytes a package may hold; nothing was saved."),
                 name=name, size=len(data), limit=spec.entry_limit(name))
    count = len(entries) + 1 + (spec.MANIFEST_NAME not in entries)  # + mimetype, manifest
    if count > spec.MAX_ENTRIES:
        fail("too_many_entries", N_("The package has too many files ({count}; the limit is "
                                    "{limit})."), count=count, limit=spec.MAX_ENTRIES)
    if sum(len(d) for d in entries.values()) + len(spec.MIMETYPE) > spec.MAX_TOTAL_BYTES:
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


def atomic_write(target: Path, write: Callable[[BinaryIO], None],
                 verify: Callable[[Path], None] | None = None) -> None:
    """Write ``target`` through ``write(fileobj)`` via :func:`khabar_editor.fsutil.atomic_write`.

    ``verify(temp_path)`` runs on the complete temporary file before it
    replaces ``target``; whatever it raises is passed on and nothing is replaced.

    Raises:
        PackageWriteError: on any OS error; the temporary file is removed and
            ``target`` is untouched.
    """
    try:
        st = target.stat()
    except OSError:
        st = None
    if st is not None and not stat.S_ISREG(st.st_mode):
        raise PackageWriteError(N_("'{file}' is a folder or a special file; it was not "
                                   "replaced."), file=spec.shown(str(target)))
    _remove_legacy_temps(target)  # fsutil.atomic_write cleans its own stale temporaries
    try:
        fsutil.atomic_write(target, write, check=verify)
    except OSError as exc:
        raise PackageWriteError(N_("Could not save '{file}': {reason}"),
                                file=spec.shown(str(target)),
                                reason=exc.strerror or str(exc)) from None


def remove_stale_temps(target: Path) -> list[Path]:
    """Delete what killed saves left next to ``target``; returns what was removed.

    Covers this version's ``.khabar-tmp-*`` names (see :func:`khabar_editor.fsutil.clean_stale`)
    and the ``.<name>.tmp-<pid>-*`` names of earlier versions (stale when that
    process no longer runs; on Windows when older than an hour).
    """
    folder = target.parent if str(target.parent) else Path(".")
    removed = [folder / name for name in fsutil.clean_stale(folder)]
    return removed + _remove_legacy_temps(target)


def _remove_legacy_temps(target: Path) -> list[Path]:
    """Delete the ``.<name>.tmp-<pid>-*`` temporaries of earlier versions' killed saves."""
    folder = target.parent if str(target.parent) else Path(".")
    removed: list[Path] = []
    prefix = f".{target.name}.tmp-"
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if not entry.name.startswith(prefix) or not entry.is_file(follow_symlinks=False):
                continue
            pid_text = entry.name[len(prefix):].split("-", 1)[0]
            if not pid_text.isdigit() or int(pid_text) == os.getpid():
                continue
            if sys.platform.startswith("win"):
                stale = time.time() - entry.stat().st_mtime > STALE_TEMP_SECONDS
            else:
                stale = not fsutil.process_alive(int(pid_text))
            if stale:
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
    return removed



def unpack_to_folder(path: str | os.PathLike[str], target: str | os.PathLike[str], *,
                     force: bool = False) -> list[Path]:
    """Verify the package at ``path`` and put its files into the folder ``target`` atomically.

    The files are written into a private temporary sibling folder, which then
    takes the place of ``target`` in one step (see
    :func:`khabar_editor.fsutil.atomic_folder`): ``target`` is always either
    absent/old or the complete new copy, also after a kill or on a full disk.
    ``target`` must not exist or be an empty folder; with ``force`` it may be an
    earlier unpacked copy (only package files and folders, no links or special
    files), which is replaced whole. Anything else is refused unchanged.

    Returns:
        The files written.

    Raises:
        PackageError: the package is unreadable or unsafe (nothing is written).
        PackageWriteError: ``target`` is not usable or the disk refused; nothing changed.
    """
    from khabar_editor.package.entries import load_entries

    entries, _ = load_entries(path, include_meta=True)
    root = Path(target)
    created: list[Path] = []
    try:
        try:
            st = root.lstat()
        except FileNotFoundError:
            st = None
        if st is not None and not stat.S_ISDIR(st.st_mode):
            raise FileExistsError(0, "a link or file is in the way", str(root))
        if st is not None and any(root.iterdir()):
            if not force:
                raise PackageWriteError(N_("The folder '{folder}' is not empty; choose an empty "
                                           "folder or use --force."),
                                        folder=spec.shown(str(root)))
            _check_replaceable(root)
        created = _make_parents(root.parent if str(root.parent) else Path("."))
        fsutil.atomic_folder(root, lambda tmp: _fill_folder(tmp, entries), replace=force)
    except OSError as exc:
        _remove_empty(created)
        raise PackageWriteError(N_("Could not save '{file}': {reason}"),
                                file=spec.shown(str(root)),
                                reason=exc.strerror or str(exc)) from None
    except BaseException:
        _remove_empty(created)
        raise
    return [root / name for name in sorted(entries)]


_SUBFOLDERS = {"media": None, "original": frozenset({"article.md"})}
_TOP_FILES = frozenset(n for n in spec.FIXED_NAMES if "/" not in n)


def _check_replaceable(root: Path) -> None:
    """Refuse to replace a folder holding anything but an unpacked package's files."""
    def bad(name: str) -> NoReturn:
        raise PackageWriteError(N_("The folder '{folder}' holds '{name}', which is not part of "
                                   "an unpacked package; it was not replaced."),
                                folder=spec.shown(str(root)), name=spec.shown(name))

    with os.scandir(root) as top:
        for entry in top:
            if entry.is_symlink():
                bad(entry.name)
            if entry.is_dir(follow_symlinks=False) and entry.name in _SUBFOLDERS:
                allowed = _SUBFOLDERS[entry.name]
                with os.scandir(entry.path) as inner:
                    for item in inner:
                        if not item.is_file(follow_symlinks=False) or (
                                allowed is not None and item.name not in allowed):
                            bad(f"{entry.name}/{item.name}")
            elif not (entry.is_file(follow_symlinks=False) and entry.name in _TOP_FILES):
                bad(entry.name)


def _make_parents(folder: Path) -> list[Path]:
    """Create the missing folders down to ``folder``; returns them, deepest first."""
    missing: list[Path] = []
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for item in reversed(missing):
        item.mkdir()
    return missing


def _remove_empty(folders: list[Path]) -> None:
    for item in folders:
        with contextlib.suppress(OSError):
            item.rmdir()


def _fill_folder(root: Path, entries: dict[str, bytes]) -> None:
    for name, data in sorted(entries.items()):
        folder, _, _base = name.rpartition("/")  # folder is "", "media" or "original"
        if folder:
            (root / folder).mkdir(mode=0o755, exist_ok=True)
        fsutil.write_new_file(root / name, data, 0o644)

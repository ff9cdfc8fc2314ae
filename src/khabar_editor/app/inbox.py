"""The desk's inbox: the packages in a folder, one row each (Qt-free).

Every entry is computed on its own and never raises: a corrupt, unsafe or
hostile package becomes a row with its reason. A row reads only the manifest,
``article.md`` and ``original/article.md`` (every layout check of the reader
still runs; photos are checked by size, not read) unless ``verify_media`` asks
for the full check. Search is nukta-insensitive: ज़िला finds जिला and back.
"""

from __future__ import annotations

import logging
import os
import stat
import threading
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from khabar_editor.errors import PackageError
from khabar_editor.i18n import N_, _, get_language
from khabar_editor.package import spec
from khabar_editor.package.signing import (
    Integrity, KeyStore, SignatureState, Verification, classify, verify_loaded,
)
from khabar_editor.textkit.normalize import normalize_text, strip_joiners, strip_nukta
from khabar_editor.textkit.words import count_words

log = logging.getLogger(__name__)

PACKAGE_SUFFIX = ".khabar"
_LIGHT_NAMES = frozenset({spec.ARTICLE_NAME, spec.ORIGINAL_NAME})


@dataclass(frozen=True)
class InboxEntry:
    """One package in the inbox folder, or the reason it cannot be shown."""

    path: Path
    headline: str
    byline: str
    place: str
    category: str
    words: int
    received: datetime
    status: str
    integrity: Integrity
    signature: SignatureState
    signer: str | None
    problem: str
    revoked: bool = False  # "broken" because the signing key was revoked (not forged)

    @property
    def ok(self) -> bool:
        return self.integrity is Integrity.INTACT and not self.problem


def _received(path: Path) -> datetime:
    """When the package arrived: the file's time, or a package folder's manifest's."""
    try:
        return datetime.fromtimestamp(_package_stat(path).st_mtime, timezone.utc)
    except (OSError, OverflowError, ValueError):
        return datetime.fromtimestamp(0, timezone.utc)


def _light_package(path: Path):  # -> Package
    """The package with its article, original and signatures, photos not read."""
    from khabar_editor.package.entries import load_selected
    from khabar_editor.package.model import Package, clean_text
    from khabar_editor.package.reader import decode_text, parse_article_text

    entries, manifest = load_selected(path, _LIGHT_NAMES)
    text = decode_text(entries[spec.ARTICLE_NAME], spec.ARTICLE_NAME)
    article, problems = parse_article_text(text)
    for index, item in enumerate(article.media):
        if item.file not in manifest.files or not spec.is_media_name(item.file):
            spec.fail("media_missing", N_("Photo {number} ('{file}') is not in the package."),
                      number=index + 1, file=item.file)
    original = entries.get(spec.ORIGINAL_NAME)
    if original is not None:
        decode_text(original, spec.ORIGINAL_NAME)
    return Package(article=article, revisions=manifest.revisions, problems=problems,
                   original=clean_text(original.decode("utf-8")) if original is not None else None,
                   original_bytes=original, arrived=entries[spec.ARTICLE_NAME],
                   author=manifest.author, status_note=manifest.status_note,
                   signatures=list(manifest.signatures), manifest_digest=manifest.digest)


def _failed(path: Path, received: datetime, integrity: Integrity, reason: str,
            signature: SignatureState = SignatureState.UNSIGNED) -> InboxEntry:
    return InboxEntry(path, path.name, "", "", "", 0, received, "", integrity, signature,
                      None, reason)


# Rows of unchanged package files, so that a re-scan (the inbox reopened, another
# folder and back) costs a stat per package. The key is the file's identity and
# change stamps plus the trusted keys; package folders are not cached (a member can
# change without the folder's own stamps changing).
CACHE_SIZE = 5000
REVOKED_CODE = "signature.revoked"  # package.signing's problem code for a revoked key
_cache: OrderedDict[tuple[Any, ...], InboxEntry] = OrderedDict()
_cache_lock = threading.Lock()


def _cache_key(path: Path, keys: KeyStore, verify_media: bool) -> tuple[Any, ...] | None:
    try:
        st = path.lstat()
    except (OSError, ValueError):
        return None
    if not stat.S_ISREG(st.st_mode):  # links and folders are always read afresh
        return None
    trusted = tuple((k.key.raw, k.revoked) for k in keys.keys())
    return (str(path), st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns,
            verify_media, trusted, get_language())


def clear_cache() -> None:
    """Forget every remembered row."""
    with _cache_lock:
        _cache.clear()


def inbox_entry(path: str | os.PathLike[str], *, keys: KeyStore | None = None,
                verify_media: bool = False) -> InboxEntry:
    """The inbox row for the package at ``path``; never raises for a bad package.

    ``keys``: the trusted keys (default: the desk's store under the data folder).
    An unchanged package file is answered from memory.
    """
    path = Path(path)
    store = keys if keys is not None else KeyStore()
    key = _cache_key(path, store, verify_media)
    if key is not None:
        with _cache_lock:
            cached = _cache.get(key)
            if cached is not None:
                _cache.move_to_end(key)
                return cached
    entry = _compute_entry(path, store, verify_media)
    if key is not None:
        with _cache_lock:
            _cache[key] = entry
            while len(_cache) > CACHE_SIZE:
                _cache.popitem(last=False)
    return entry


def _compute_entry(path: Path, keys: KeyStore, verify_media: bool) -> InboxEntry:
    received = _received(path)
    try:
        if verify_media:
            from khabar_editor.package.reader import read_package

            package = read_package(path)
        else:
            package = _light_package(path)
        check: Verification = verify_loaded(package, keys, str(path))
    except PackageError as exc:
        integrity = classify(exc.code)
        signature = SignatureState.UNSIGNED
        if integrity is Integrity.CHANGED:
            signature = SignatureState.BROKEN if _signed(path) else SignatureState.UNSIGNED
        return _failed(path, received, integrity, str(exc), signature)
    except (MemoryError, RecursionError, OSError, ValueError) as exc:
        log.warning("Inbox could not read %s: %r", path, exc)
        return _failed(path, received, Integrity.CORRUPT,
                       _("The package could not be read: {reason}").format(
                           reason=spec.shown(type(exc).__name__)))
    article = package.article
    place = article.dateline.place or article.place.city or article.place.district
    problem = check.problems[0].message if check.problems else ""
    return InboxEntry(path, article.headline, article.byline.name, place, article.category,
                      count_words(article.body), received, article.status.value,
                      check.integrity, check.signature, check.signer, problem,
                      revoked=signed_with_revoked_key(check))


def signed_with_revoked_key(check: Verification) -> bool:
    """Whether the signature verdict is "broken" because its key was revoked (the
    signature itself checks out; the desk no longer trusts the key)."""
    return check.signature is SignatureState.BROKEN and any(
        p.code == REVOKED_CODE for p in check.problems)


def _signed(path: Path) -> bool:
    from khabar_editor.package.signing import has_signatures

    return has_signatures(path)


def is_package_folder(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is an unpacked package: a real folder (not a link) that holds
    ``mimetype`` and ``manifest.json`` as regular files. Nothing else is read."""
    try:
        if not stat.S_ISDIR(os.lstat(path).st_mode):
            return False
        return all(stat.S_ISREG(os.lstat(os.path.join(path, name)).st_mode)
                   for name in (spec.MIMETYPE_NAME, spec.MANIFEST_NAME))
    except (OSError, ValueError):
        return False


def package_files(folder: str | os.PathLike[str]) -> list[Path]:
    """The packages directly in ``folder``, by name: ``*.khabar`` files and unpacked
    package folders (see :func:`is_package_folder`); hidden entries are skipped and
    links to folders are not followed."""
    names = []
    try:
        with os.scandir(folder) as it:
            for e in it:
                if e.name.startswith("."):
                    continue
                if e.name.lower().endswith(PACKAGE_SUFFIX) and not _is_real_dir(e):
                    names.append(e.name)
                elif _is_real_dir(e) and is_package_folder(e.path):
                    names.append(e.name)
    except OSError:
        return []
    return [Path(folder) / name for name in sorted(names)]


def change_stamp(path: str | os.PathLike[str]) -> tuple[int, int]:
    """(size, mtime in ns) that changes when the package at ``path`` is rewritten: the
    file's own, or for a package folder its ``manifest.json``'s (every save rewrites it).
    Raises :class:`OSError` when the package is gone."""
    st = _package_stat(path)
    return st.st_size, st.st_mtime_ns


def _package_stat(path: str | os.PathLike[str]) -> os.stat_result:
    """The package file's own ``lstat``, or for a package folder its ``manifest.json``'s."""
    st = os.lstat(path)
    if stat.S_ISDIR(st.st_mode):
        st = os.lstat(os.path.join(path, spec.MANIFEST_NAME))
    return st


def _is_real_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def scan_folder(path: str | os.PathLike[str], *, keys: KeyStore | None = None,
                verify_media: bool = False) -> Iterator[InboxEntry]:
    """One :class:`InboxEntry` per package in ``path``, lazily, in name order.

    The key store is read once (default: the desk's store under the data folder).
    """
    store = keys if keys is not None else KeyStore()
    for item in package_files(path):
        yield inbox_entry(item, keys=store, verify_media=verify_media)


def search_key(text: str) -> str:
    """``text`` as compared by inbox search: NFC, no nukta, no ZWJ/ZWNJ, case-folded."""
    return strip_joiners(strip_nukta(normalize_text(text))).casefold()


def matches(entry: InboxEntry, query: str) -> bool:
    """Whether every word of ``query`` occurs in the entry's headline, byline, place,
    category, signer or file name (nukta-insensitive)."""
    haystack = search_key(" ".join([entry.headline, entry.byline, entry.place, entry.category,
                                    entry.signer or "", entry.path.name]))
    return all(word in haystack for word in search_key(query).split())

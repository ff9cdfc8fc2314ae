"""Atomic writes of files and folders, shared by every write path.

Whatever is written (a package, an export, settings, a recovery entry, the
personal dictionary, an unpacked folder) goes first to a temporary sibling of
the destination with a short fixed-length name, ``.khabar-tmp-<pid>-<random>``
(29 bytes, so a destination name of any legal length still has a legal temp
name), is flushed and fsynced, and only then renamed over the destination; the
folder is fsynced after the rename. A crash, a kill or a full disk at any
moment therefore leaves the destination in its old or its new complete state.

Folders are swapped whole: on Linux with one ``renameat2(RENAME_EXCHANGE)``;
elsewhere with two renames guarded by a small journal
(``.khabar-swp-<pid>-<random>`` holding the destination's name) so that the
next run restores the old folder if a kill fell between the two renames.

Leftovers of killed writers (every name starting ``.khabar-tmp-``,
``.khabar-old-`` or ``.khabar-swp-`` whose process no longer runs, or older
than an hour on Windows) are removed by :func:`clean_stale`, which each write
runs on its destination's folder first.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import shutil
import stat
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO, TypeVar

T = TypeVar("T")

TEMP_KIND, OLD_KIND, SWAP_KIND = "tmp", "old", "swp"
STALE_SECONDS = 3600
"""Age after which a leftover is stale even if its process id is in use again."""
_OWN = re.compile(r"^\.khabar-(tmp|old|swp)-([0-9a-f]{8})-([0-9a-f]{8})$")
_WINDOWS = sys.platform.startswith("win")
USE_EXCHANGE = True
"""Use Linux's atomic folder exchange when available (tests turn it off for the fallback)."""


def temp_name(kind: str = TEMP_KIND, ident: str | None = None) -> str:
    """A fresh sibling name ``.khabar-<kind>-<pid, 8 hex>-<8 hex>`` (29 bytes)."""
    return f".khabar-{kind}-{os.getpid() & 0xFFFFFFFF:08x}-{ident or secrets.token_hex(4)}"


def is_own_temp(name: str) -> bool:
    """Whether ``name`` is a temporary, trash or journal name made by this module."""
    return _OWN.match(name) is not None


def process_alive(pid: int) -> bool:
    """Whether process ``pid`` runs (a zombie counts as dead; unknown means alive)."""
    if pid == os.getpid() & 0xFFFFFFFF:
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    try:  # a killed process its parent has not reaped yet is dead too
        raw = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return True
    fields = raw.rpartition(")")[2].split()
    return not fields or fields[0] != "Z"


def _stale(entry: os.DirEntry[str], pid: int) -> bool:
    try:
        age = time.time() - entry.stat(follow_symlinks=False).st_mtime
    except OSError:
        return False
    if _WINDOWS:  # probing a Windows process id is unreliable
        return age > STALE_SECONDS
    return not process_alive(pid) or age > STALE_SECONDS


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path, ignore_errors=True)
        else:
            os.unlink(path)


def clean_stale(folder: str | os.PathLike[str]) -> list[str]:
    """Finish or undo what killed writers left in ``folder``; returns the names removed.

    A journal of an interrupted folder swap whose destination is missing puts
    the old folder back first; then stale temporaries and trash are deleted.
    Only names made by this module are ever touched.
    """
    removed: list[str] = []
    try:
        with os.scandir(folder) as it:
            entries = [(e, m) for e in it if (m := _OWN.match(e.name))]
    except OSError:
        return removed
    stale = [(e, m) for e, m in entries if _stale(e, int(m.group(2), 16))]
    for entry, match in stale:
        if match.group(1) == SWAP_KIND:
            _undo_swap(Path(folder), entry.path, match.group(2) + "-" + match.group(3))
    for entry, _match in sorted(stale, key=lambda em: em[1].group(1) == SWAP_KIND):
        if os.path.lexists(entry.path):
            _remove(entry.path)
            if not os.path.lexists(entry.path):
                removed.append(entry.name)
    return removed


def _undo_swap(folder: Path, journal: str, ident: str) -> None:
    old = folder / f".khabar-{OLD_KIND}-{ident}"
    try:
        with open(journal, "rb") as fh:
            name = os.fsdecode(fh.read(4096))
    except OSError:
        return
    if not name or "/" in name or os.sep in name or name in (".", ".."):
        return
    dest = folder / name
    if old.exists() and not os.path.lexists(dest):
        with contextlib.suppress(OSError):
            os.rename(old, dest)
            fsync_dir(folder)


def fsync_dir(directory: str | os.PathLike[str]) -> None:
    """Make a rename in ``directory`` durable (a no-op on Windows)."""
    if _WINDOWS:
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _parent(path: Path) -> Path:
    return path.parent if str(path.parent) else Path(".")


def _create(path: Path, mode: int) -> int:
    flags = (os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
             | getattr(os, "O_BINARY", 0))
    return os.open(path, flags, mode)


def write_new_file(path: Path, data: bytes, mode: int = 0o666) -> None:
    """Create ``path`` (must not exist; links are not followed), write, fsync, close."""
    fd = _create(path, mode)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def atomic_write(path: str | os.PathLike[str], data: bytes | Callable[[BinaryIO], None], *,
                 mode: int | None = None, private: bool = False, exclusive: bool = False,
                 make_parents: bool = False, check: Callable[[Path], None] | None = None) -> None:
    """Replace the file ``path`` with ``data`` (bytes, or a function writing to a file object).

    ``mode`` sets the permission bits (default: the old file's, else 0666 minus
    the umask, or 0600 with ``private``). With ``exclusive`` an existing
    destination is never replaced (:class:`FileExistsError`). ``check(temp)``
    runs on the complete, fsynced temporary file before it is put in place;
    whatever it raises is passed on. On any error the temporary file is
    removed and the destination is untouched.
    """
    target = Path(path)
    directory = _parent(target)
    if make_parents:
        directory.mkdir(parents=True, exist_ok=True)
    try:
        old = target.stat()  # a link to a file is replaced by the file, as editors do
    except FileNotFoundError:
        old = None
    if old is not None and not stat.S_ISREG(old.st_mode) and not exclusive:
        raise IsADirectoryError(errno.EISDIR, "not a regular file", str(target))
    if mode is None and old is not None and not exclusive:
        mode = stat.S_IMODE(old.st_mode)
    clean_stale(directory)
    tmp = directory / temp_name()
    fd = _create(tmp, 0o600 if private else 0o666)
    try:
        with os.fdopen(fd, "wb") as fh:
            if callable(data):
                data(fh)
            else:
                fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        if check is not None:
            check(tmp)
        if exclusive:
            _publish_new(tmp, target)
        else:
            os.replace(tmp, target)
        fsync_dir(directory)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def _publish_new(tmp: Path, target: Path) -> None:
    """Give ``tmp`` the name ``target`` only if that name is free (a hard link is atomic)."""
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise
    except OSError:  # file systems without hard links
        if os.path.lexists(target):
            raise FileExistsError(errno.EEXIST, "exists", str(target)) from None
        os.rename(tmp, target)


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes, *, private: bool = True) -> None:
    """Replace ``path`` with ``data`` atomically, creating parent folders as needed."""
    atomic_write(path, data, private=private, make_parents=True)


def atomic_write_text(path: str | os.PathLike[str], text: str, *, private: bool = True) -> None:
    """Replace ``path`` with UTF-8 ``text`` (``\\n`` line ends kept as given) atomically."""
    atomic_write_bytes(path, text.encode("utf-8"), private=private)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def atomic_folder(dest: str | os.PathLike[str], build: Callable[[Path], T], *,
                  replace: bool = False) -> T:
    """Create the folder ``dest`` through ``build(tmp)`` and put it in place atomically.

    ``build`` fills a fresh private temporary sibling folder (it should fsync
    the files it writes). With ``replace`` an existing ``dest`` (folder or
    file) is swapped out whole and deleted; otherwise an existing non-empty
    ``dest`` raises :class:`FileExistsError` (an empty folder is replaced).
    On any error the temporary folder is removed and ``dest`` is unchanged.
    """
    target = Path(dest)
    parent = _parent(target)
    clean_stale(parent)
    tmp = parent / temp_name()
    os.mkdir(tmp, 0o700)
    try:
        result = build(tmp)
        try:
            old = target.lstat()
        except FileNotFoundError:
            old = None
        mode = stat.S_IMODE(old.st_mode) if old is not None and stat.S_ISDIR(old.st_mode) \
            else 0o777 & ~_umask()
        _fsync_folders(tmp)
        os.chmod(tmp, mode)
        if old is None or (stat.S_ISDIR(old.st_mode) and not replace):
            os.rename(tmp, target)  # fails if a non-empty folder is in the way
        elif not replace:
            raise FileExistsError(errno.EEXIST, "exists", str(target))
        else:
            _swap(tmp, target)  # tmp now holds the old content
        fsync_dir(parent)
    except BaseException:
        _remove(str(tmp))
        raise
    _remove(str(tmp))
    return result


def _fsync_folders(root: Path) -> None:
    if _WINDOWS:
        return
    for folder, _dirs, _files in os.walk(root):
        fsync_dir(folder)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two names (Linux ``renameat2``); ``False`` where unsupported."""
    if not USE_EXCHANGE or not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def _swap(new: Path, dest: Path) -> None:
    """Put ``new`` in place of ``dest``; afterwards ``new`` names the old content."""
    if _exchange(new, dest):
        return
    folder = _parent(dest)
    ident = new.name.split("-", 2)[2]
    journal = folder / temp_name(SWAP_KIND, ident.split("-", 1)[1])
    old = folder / temp_name(OLD_KIND, ident.split("-", 1)[1])
    write_new_file(journal, os.fsencode(dest.name), 0o600)
    fsync_dir(folder)
    try:
        os.rename(dest, old)
        try:
            os.rename(new, dest)
        except BaseException:
            os.rename(old, dest)
            raise
        fsync_dir(folder)
        os.rename(old, new)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(journal)

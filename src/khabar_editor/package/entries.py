"""Hardened access to the raw entries of a package: a zip file or an unpacked folder.

Nothing in a package is trusted: names, declared sizes, compression ratios,
link flags and checksums are all checked, sizes are enforced again while
streaming, and nothing is ever written to disk. The result is a mapping
``name -> bytes`` whose every entry matched the manifest.
"""

from __future__ import annotations

import errno
import hashlib
import io
import itertools
import os
import stat
import struct
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, NoReturn

from khabar_editor.i18n import N_
from khabar_editor.package import spec
from khabar_editor.package.manifest import Manifest, parse_manifest
from khabar_editor.package.spec import fail

CHUNK = 1024 * 1024
_ZIP_MAGIC = b"PK\x03\x04"
_MIME_OFFSET = 38
_EOCD_SEARCH = 22 + 65535  # end-of-central-directory record plus the longest comment
_EOCD, _ZIP64_LOCATOR, _ZIP64_EOCD = b"PK\x05\x06", b"PK\x06\x07", b"PK\x06\x06"
_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature ... name length, extra length
_NOT_KHABAR = N_("This is not a Khabar package (its 'mimetype' entry is missing or wrong).")
IN_MEMORY_MAX = 4 * 1024 * 1024
"""A zip up to this size is read with one system call and parsed in memory: the end
records, the central directory, the local headers and the entries are then read from
that copy instead of by a seek and a read each."""


class _Source:
    """Entries of one package: ``sizes`` maps each name to its declared size."""

    sizes: dict[str, int]

    def open(self, name: str) -> BinaryIO:  # pragma: no cover - interface
        raise NotImplementedError

    def close(self) -> None:
        """Release the underlying file."""

    def check_layout(self) -> None:
        """Check how entries are laid out in the container (after the size limits)."""


class _ZipSource(_Source):
    def __init__(self, path: Path) -> None:
        self._fh: BinaryIO = open_regular(path)
        try:
            if os.fstat(self._fh.fileno()).st_size <= IN_MEMORY_MAX:
                whole = self._fh.read(IN_MEMORY_MAX + 1)
                self._fh.close()
                self._fh = io.BytesIO(whole)
            head = self._fh.read(_MIME_OFFSET + len(spec.MIMETYPE))
            if not head.startswith(_ZIP_MAGIC):
                fail("not_zip", N_("'{file}' is not a Khabar package (not a zip file)."),
                     file=path.name)
            _check_end_record(self._fh)
            try:
                self._zip = zipfile.ZipFile(self._fh)
            except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError):
                fail("truncated", N_("'{file}' is incomplete or damaged (truncated zip); ask "
                                     "the sender to send it again."), file=path.name)
            self._check_infos(head)
        except BaseException:
            self._fh.close()
            raise

    def _check_infos(self, head: bytes) -> None:
        infos = self._zip.infolist()
        if len(infos) > spec.MAX_ENTRIES:
            fail("too_many_entries", N_("The package has too many files ({count}; the limit is "
                                        "{limit})."), count=len(infos), limit=spec.MAX_ENTRIES)
        self.sizes = {}
        self._infos: dict[str, zipfile.ZipInfo] = {}
        keys: set[str] = set()
        for info in infos:
            name = info.filename
            if name != info.orig_filename:  # zipfile cuts names at NUL: "a.jpg\0../../x"
                fail("unsafe_path", N_("Unsafe file name inside the package: '{name}'; refused."),
                     name=info.orig_filename)
            if name in spec.DIRECTORY_NAMES and info.file_size == 0:
                continue
            check_name(name, keys)
            _check_zip_info(info)
            self._infos[name] = info
            self.sizes[name] = info.file_size
        _check_mimetype_first(infos, head)

    def check_layout(self) -> None:
        _check_no_overlap(self._fh, self._zip.infolist(), getattr(self._zip, "start_dir", None))

    def open(self, name: str) -> BinaryIO:
        return self._zip.open(self._infos[name])  # type: ignore[return-value]

    def close(self) -> None:
        self._zip.close()
        self._fh.close()


def _check_end_record(fh: BinaryIO) -> None:
    """Refuse huge archives from the end records, before zipfile parses the whole directory.

    zipfile reads the central directory by its declared byte size, whatever the
    entry count says, so both the count and the size are bounded here, taken
    from the zip64 end record when there is one (as zipfile does).
    """
    fh.seek(0, os.SEEK_END)
    size = fh.tell()
    start = max(0, size - _EOCD_SEARCH)
    fh.seek(start)
    tail = fh.read()
    at = tail.rfind(_EOCD)
    if at == -1 or len(tail) - at < 22:
        fh.seek(0)
        return  # zipfile reports the damage
    count, directory = struct.unpack_from("<HI", tail, at + 10)
    locator = start + at - 20
    if locator >= 0:
        fh.seek(locator)
        loc = fh.read(20)
        # zipfile reads the zip64 record just before the locator; other tools
        # follow the locator's offset: take the larger claim of either.
        places = (locator - 56, struct.unpack_from("<Q", loc, 8)[0]) if (
            loc[:4] == _ZIP64_LOCATOR) else ()
        for place in places:
            fh.seek(max(0, place))
            record = fh.read(56)
            if len(record) == 56 and record[:4] == _ZIP64_EOCD:
                count64, directory64 = struct.unpack_from("<QQ", record, 32)
                count, directory = max(count, count64), max(directory, directory64)
    fh.seek(0)
    if count > spec.MAX_ENTRIES:  # 0xFFFF (zip64) counts as too many as well
        fail("too_many_entries", N_("The package has too many files ({count}; the limit is "
                                    "{limit})."), count=count, limit=spec.MAX_ENTRIES)
    if directory > spec.MAX_DIRECTORY_BYTES:
        fail("too_many_entries", N_("The package's table of contents is too large ({size} "
                                    "bytes; the limit is {limit})."),
             size=directory, limit=spec.MAX_DIRECTORY_BYTES)


def _check_no_overlap(fh: BinaryIO, infos: list[zipfile.ZipInfo], end: int | None) -> None:
    """Refuse entries whose data overlap (the non-recursive "overlapping files" zip bomb).

    Each entry must end (local header + compressed data) before the next one
    starts, and the last before the central directory.
    """
    ordered = sorted(infos, key=lambda i: i.header_offset)
    for info, following in zip(ordered, [*ordered[1:], None]):
        fh.seek(info.header_offset)
        header = fh.read(_LOCAL_HEADER.size)
        if len(header) < _LOCAL_HEADER.size or header[:4] != _ZIP_MAGIC:
            fail("corrupt", N_("The package is corrupt or has been tampered with: file "
                               "'{name}' ({reason})."), name=info.filename,
                 reason="bad local header")
        _sig, name_len, extra_len = _LOCAL_HEADER.unpack(header)
        stop = info.header_offset + _LOCAL_HEADER.size + name_len + extra_len + info.compress_size
        limit = following.header_offset if following is not None else end
        if limit is not None and stop > limit:
            fail("zip_bomb", N_("Files inside the package overlap ('{name}'); refused as a "
                                "possible zip bomb."), name=info.filename)
    fh.seek(0)


def _check_zip_info(info: zipfile.ZipInfo) -> None:
    name = info.filename
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode) or (mode and stat.S_IFMT(mode) not in (0, stat.S_IFREG)):
        fail("symlink", N_("The package contains a link or special file '{name}'; refused."),
             name=name)
    if info.flag_bits & 0x1:
        fail("encrypted", N_("'{name}' in the package is encrypted; Khabar packages are never "
                             "encrypted."), name=name)
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        fail("compression", N_("'{name}' uses an unsupported compression method."), name=name)
    if info.file_size > spec.RATIO_FLOOR and (
        info.file_size > spec.MAX_RATIO * max(info.compress_size, 1)
    ):
        fail("zip_bomb", N_("'{name}' expands far more than any real file ({ratio}:1); refused "
                            "as a possible zip bomb."),
             name=name, ratio=info.file_size // max(info.compress_size, 1))


def _check_mimetype_first(infos: list[zipfile.ZipInfo], head: bytes) -> None:
    first = infos[0] if infos else None
    expected = spec.MIMETYPE.encode("ascii")
    if (
        first is None
        or first.filename != spec.MIMETYPE_NAME
        or first.header_offset != 0
        or first.compress_type != zipfile.ZIP_STORED
        or head[26:30] != b"\x08\x00\x00\x00"  # name length 8, extra length 0
        or head[30:_MIME_OFFSET] != b"mimetype"
        or head[_MIME_OFFSET:] != expected
        or first.file_size != len(expected)
    ):
        fail("mimetype", _NOT_KHABAR)


def check_name(name: str, keys: set[str]) -> None:
    """Check one entry name: safe, allowed, not a duplicate of an earlier one (in ``keys``)."""
    spec.check_entry_name(name)
    key = spec.name_key(name)
    if key in keys:
        fail("duplicate", N_("The package contains '{name}' twice."), name=name)
    keys.add(key)
    spec.check_allowed(name)


class _DirSource(_Source):
    """An unpacked package folder; links and special files are refused, never followed."""

    def __init__(self, root: Path) -> None:
        self._root = root
        self.sizes = {}
        keys: set[str] = set()
        try:
            found = list(itertools.islice(self._walk(root, ""), spec.MAX_ENTRIES + 1))
        except OSError as exc:
            fail("unreadable", N_("Cannot read '{file}': {reason}"), file=str(root),
                 reason=exc.strerror or str(exc))
        for name, st in found:
            if len(self.sizes) >= spec.MAX_ENTRIES:
                fail("too_many_entries", N_("The package has too many files ({count}; the limit "
                                            "is {limit})."), count=len(self.sizes) + 1,
                     limit=spec.MAX_ENTRIES)
            check_name(name, keys)
            self.sizes[name] = st.st_size
        mimetype = root / spec.MIMETYPE_NAME
        if spec.MIMETYPE_NAME in self.sizes and _head(mimetype) != spec.MIMETYPE.encode():
            fail("mimetype", _NOT_KHABAR)

    def _walk(self, folder: Path, prefix: str) -> Iterator[tuple[str, os.stat_result]]:
        with os.scandir(folder) as it:
            listed = list(itertools.islice(it, spec.MAX_ENTRIES + 1))
            for entry in sorted(listed, key=lambda e: e.name):
                name = prefix + entry.name
                st = entry.stat(follow_symlinks=False)
                if entry.is_symlink() or not (stat.S_ISREG(st.st_mode) or stat.S_ISDIR(st.st_mode)):
                    fail("symlink", N_("The package contains a link or special file '{name}'; "
                                       "refused."), name=name)
                if stat.S_ISDIR(st.st_mode):
                    if prefix or name + "/" not in spec.DIRECTORY_NAMES:
                        fail("unexpected_file", N_("Unexpected file in the package: '{name}'."),
                             name=name + "/")
                    yield from self._walk(Path(entry.path), name + "/")
                else:
                    yield name, st

    def open(self, name: str) -> BinaryIO:
        return open_regular(self._root / name, follow=False)


def _head(path: Path) -> bytes:
    with open_regular(path, follow=False) as fh:
        return fh.read(1024)


def open_regular(path: Path, *, follow: bool = True) -> BinaryIO:
    """``path`` opened for reading, refusing anything but a regular file.

    Opening never blocks (a named pipe would wait forever for a writer) and,
    with ``follow=False``, a symbolic link is refused instead of followed.

    Raises:
        PackageError: ``package.not_found``, ``package.unreadable`` (no permission,
            folder, pipe, device) or ``package.symlink``.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    if not follow:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        fail("not_found", N_("File not found: '{file}'."), file=str(path))
    except OSError as exc:
        if exc.errno == errno.ELOOP and not follow:
            fail("symlink", N_("The package contains a link or special file '{name}'; "
                               "refused."), name=str(path))
        fail("unreadable", N_("Cannot read '{file}': {reason}"), file=str(path),
             reason=exc.strerror or str(exc))
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        fail("unreadable", N_("'{file}' is not a regular file (it is a folder, device or "
                              "pipe); refused."), file=str(path))
    if flags & getattr(os, "O_NONBLOCK", 0):
        os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def open_source(path: Path) -> _Source:
    """A zip package or an unpacked package folder at ``path``."""
    try:
        st = path.stat()
    except FileNotFoundError:
        fail("not_found", N_("File not found: '{file}'."), file=str(path))
    except OSError as exc:
        fail("unreadable", N_("Cannot read '{file}': {reason}"), file=str(path),
             reason=exc.strerror or str(exc))
    if stat.S_ISDIR(st.st_mode):
        return _DirSource(path)
    return _ZipSource(path)


def read_entry(source: _Source, name: str, limit: int, *, exact: bool = False
                ) -> tuple[bytes, str]:
    """The bytes and SHA-256 of ``name``, never reading more than ``limit`` bytes."""
    digest = hashlib.sha256()
    chunks: list[bytes] = []
    total = 0
    try:
        with source.open(name) as fh:
            while chunk := fh.read(CHUNK):
                total += len(chunk)
                if total > limit and exact:
                    _wrong_size(name)
                if total > limit:
                    fail("too_large", N_("'{name}' is larger than allowed ({limit} bytes)."),
                         name=name, limit=limit)
                digest.update(chunk)
                chunks.append(chunk)
    except PermissionError as exc:
        fail("unreadable", N_("Cannot read '{file}': {reason}"), file=name,
             reason=exc.strerror or str(exc))
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
        fail("corrupt", N_("The package is corrupt or has been tampered with: file '{name}' "
                           "({reason})."), name=name, reason=str(exc) or type(exc).__name__)
    return b"".join(chunks), digest.hexdigest()


def load_entries(path: str | os.PathLike[str], *, include_meta: bool = False
                 ) -> tuple[dict[str, bytes], Manifest]:
    """Every data entry of the package at ``path`` (zip or folder), checked against the manifest.

    The result holds all entries except ``mimetype`` and ``manifest.json``
    (those too with ``include_meta``).

    Raises:
        PackageError: with a ``package.*`` code for anything wrong.
    """
    source = open_source(Path(path))
    try:
        entries, manifest, raw = _load(source)
    finally:
        source.close()
    if include_meta:
        entries[spec.MANIFEST_NAME] = raw
        entries[spec.MIMETYPE_NAME] = spec.MIMETYPE.encode("ascii")
    return entries, manifest


def load_selected(path: str | os.PathLike[str], names: frozenset[str]
                  ) -> tuple[dict[str, bytes], Manifest]:
    """Like :func:`load_entries` with every layout and manifest check, but reading and
    checksumming only the entries in ``names`` (the others are checked by size only).

    For quick listings (the desk's inbox) that must not read every photo.
    """
    source = open_source(Path(path))
    try:
        entries, manifest, _ = _load(source, names)
    finally:
        source.close()
    return entries, manifest


def _load(source: _Source, only: frozenset[str] | None = None
          ) -> tuple[dict[str, bytes], Manifest, bytes]:
    for name in spec.REQUIRED_NAMES:
        if name not in source.sizes:
            fail("missing_required", N_("The package lacks the required file '{name}'."),
                 name=name)
    total = 0
    for name, size in source.sizes.items():
        limit = spec.entry_limit(name)
        total += size
        if size > limit:
            fail("too_large", N_("'{name}' is larger than allowed ({limit} bytes)."),
                 name=name, limit=limit)
        if total > spec.MAX_TOTAL_BYTES:
            fail("too_large_total", N_("The package unpacks to more than {limit} bytes; refused."),
                 limit=spec.MAX_TOTAL_BYTES)
    source.check_layout()
    raw, _ = read_entry(source, spec.MANIFEST_NAME, spec.entry_limit(spec.MANIFEST_NAME))
    manifest = parse_manifest(raw)
    data_names = set(source.sizes) - {spec.MIMETYPE_NAME, spec.MANIFEST_NAME}
    for name in sorted(data_names - set(manifest.files)):
        fail("unlisted_file", N_("'{name}' is in the package but not in its manifest; the "
                                 "package was changed by hand or tampered with."), name=name)
    for name in sorted(set(manifest.files) - data_names):
        fail("missing_file", N_("'{name}' is listed in the manifest but missing from the "
                                "package."), name=name)
    if only is not None:
        for name in sorted(data_names - only):
            if source.sizes[name] != manifest.files[name].size:
                _wrong_size(name)
        data_names &= only
    return _read_all(source, manifest, sorted(data_names)), manifest, raw


def _read_all(source: _Source, manifest: Manifest, names: list[str]) -> dict[str, bytes]:
    entries: dict[str, bytes] = {}
    for name in names:
        expected = manifest.files[name]
        if source.sizes[name] != expected.size:
            _wrong_size(name)
        data, digest = read_entry(source, name, expected.size, exact=True)
        if len(data) != expected.size:
            _wrong_size(name)
        if digest != expected.sha256:
            fail("checksum", N_("The package is corrupt or has been tampered with: file "
                                "'{name}'."), name=name)
        entries[name] = data
    return entries


def _wrong_size(name: str) -> NoReturn:
    fail("size_mismatch", N_("The package is corrupt or has been tampered with: file "
                             "'{name}' has the wrong size."), name=name)

"""``manifest.json``: versioned parse, migrations, and the writer's serialization.

A manifest from an older format version is migrated step by step (v0 -> v1 ->
...) by functions registered with :func:`migration` before it is checked; a
manifest from a newer version is refused with a clear "update" message.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, NoReturn

from khabar_editor import __version__
from khabar_editor.i18n import N_
from khabar_editor.package.model import Revision, clean_text
from khabar_editor.package.spec import (
    FORMAT_NAME, FORMAT_VERSION, MANIFEST_NAME, MAX_TEXT_BYTES, fail,
)

_HEX64 = re.compile(r"^[0-9a-fA-F]{64}$")
Migration = Callable[[dict[str, Any]], dict[str, Any]]
MIGRATIONS: dict[int, Migration] = {}
"""``from_version -> function`` turning a manifest of that version into the next one."""


def migration(from_version: int) -> Callable[[Migration], Migration]:
    """Register the decorated function as the migration ``from_version -> from_version + 1``."""

    def register(func: Migration) -> Migration:
        MIGRATIONS[from_version] = func
        return func

    return register


@dataclass(frozen=True)
class FileEntry:
    """One ``files`` item: a package path with its size and SHA-256 (hex, lowercase)."""

    path: str
    size: int
    sha256: str


@dataclass
class Manifest:
    """A parsed, current-version manifest."""

    format_version: int
    source_version: int
    app_version: str
    created: str
    files: dict[str, FileEntry]
    revisions: list[Revision]
    revisions_dropped: int = 0
    """How many revisions older saves removed from the log (see :func:`compact_revisions`)."""


def _bad(what: str) -> NoReturn:
    fail("manifest", N_("manifest.json is invalid: {what}."), what=what)


def parse_manifest(raw: bytes) -> Manifest:
    """Parse and check ``manifest.json`` bytes, migrating older versions.

    Raises:
        PackageError: ``package.manifest`` (malformed), ``package.too_new``,
            ``package.no_migration``.
    """
    try:
        data = json.loads(raw.decode("utf-8"), object_pairs_hook=_unique_keys)
    except UnicodeDecodeError:
        fail("encoding", N_("'{name}' is not valid UTF-8 text."), name="manifest.json")
    except _DuplicateKey as exc:
        _bad(f"the key '{exc.args[0]}' appears twice in one object")
    except (ValueError, RecursionError):
        _bad("not JSON")
    if not isinstance(data, dict):
        _bad("not a JSON object")
    if data.get("format") != FORMAT_NAME:
        _bad("'format' is not \"khabar\"")
    version = data.get("format_version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 0:
        _bad("'format_version' is not a whole number")
    source_version = version
    if version > FORMAT_VERSION:
        fail("too_new", N_("This package was made by a newer Khabar Editor (format version "
                           "{version}); please update Khabar Editor to open it."), version=version)
    data = migrate(data)
    return Manifest(
        format_version=FORMAT_VERSION,
        source_version=source_version,
        app_version=_str(data, "app_version"),
        created=_str(data, "created"),
        files=_files(data.get("files")),
        revisions=[_revision(r) for r in _list(data, "revisions")],
        revisions_dropped=_count(data, "revisions_dropped"),
    )


class _DuplicateKey(Exception):
    """A JSON object repeats a key (readers disagree on which value wins)."""


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key, value in pairs:
        if key in data:
            raise _DuplicateKey(key)
        data[key] = value
    return data


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` brought up to :data:`FORMAT_VERSION` through the registered migrations."""
    version = data["format_version"]
    while version < FORMAT_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            fail("no_migration", N_("Packages of format version {version} can no longer be "
                                    "opened by this Khabar Editor."), version=version)
        data = step(dict(data))
        version += 1
        data["format_version"] = version
    return data


def _str(data: dict[str, Any], key: str) -> str:
    value = data.get(key, "")
    if not isinstance(value, str):
        _bad(f"'{key}' is not text")
    return clean_text(value)  # no terminal escapes, no lone surrogates


def _count(data: dict[str, Any], key: str) -> int:
    value = data.get(key, 0)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        _bad(f"'{key}' is not a whole number")
    return value


def _list(data: dict[str, Any], key: str) -> list[Any]:
    value = data.get(key, [])
    if not isinstance(value, list):
        _bad(f"'{key}' is not a list")
    return value


def _files(value: Any) -> dict[str, FileEntry]:
    if not isinstance(value, list):
        _bad("'files' is not a list")
    out: dict[str, FileEntry] = {}
    for item in value:
        if not isinstance(item, dict):
            _bad("a 'files' item is not an object")
        path, size, digest = item.get("path"), item.get("size"), item.get("sha256")
        if (not isinstance(path, str) or isinstance(size, bool) or not isinstance(size, int)
                or size < 0 or not isinstance(digest, str) or not _HEX64.match(digest)):
            _bad("a 'files' item lacks a valid path, size or sha256")
        if path in out:
            _bad(f"'{path}' is listed twice")
        out[path] = FileEntry(path, size, digest.lower())
    return out


def _revision(item: Any) -> Revision:
    if not isinstance(item, dict):
        _bad("a revision is not an object")
    when_text, words = item.get("when"), item.get("words", 0)
    try:
        when = datetime.fromisoformat(when_text)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        _bad("a revision has no valid 'when' time")
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    if isinstance(words, bool) or not isinstance(words, int) or words < 0:
        _bad("a revision's 'words' is not a number")
    return Revision(who=_str(item, "who"), when=when, words=words,
                    action=_str(item, "action"), app_version=_str(item, "app_version"))


def revision_json(rev: Revision) -> dict[str, Any]:
    """The manifest form of one revision."""
    return {"who": rev.who, "when": rev.when.isoformat(), "words": rev.words,
            "action": rev.action, "app_version": rev.app_version}


MAX_REVISIONS = 1000
"""Revisions kept in the log: the first one and the last 999 (older ones are counted)."""
REVISION_TEXT_LIMITS = {"who": 200, "action": 64, "app_version": 64}
"""Longest text (characters) a revision field keeps when the log is written."""


def _clamped(rev: Revision) -> Revision:
    changes = {key: clean_text(getattr(rev, key))[:limit]
               for key, limit in REVISION_TEXT_LIMITS.items()
               if len(getattr(rev, key)) > limit}
    return dataclasses.replace(rev, **changes) if changes else rev


def compact_revisions(revisions: list[Revision], dropped: int = 0,
                      keep: int = MAX_REVISIONS) -> tuple[list[Revision], int]:
    """The revision log as written: the first entry and the last ``keep - 1`` entries.

    Returns the kept revisions (text fields capped by :data:`REVISION_TEXT_LIMITS`)
    and the new count of dropped revisions (``dropped`` plus those removed now).
    """
    kept = [_clamped(r) for r in revisions]
    keep = max(keep, 2)
    if len(kept) > keep:
        removed = len(kept) - keep
        kept = [kept[0], *kept[1 + removed:]]
        dropped += removed
    return kept, dropped


def _manifest_data(files: list[FileEntry], revisions: list[Revision], created: str,
                   dropped: int) -> dict[str, Any]:
    data: dict[str, Any] = {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "app_version": __version__,
        "created": created,
        "files": [{"path": f.path, "size": f.size, "sha256": f.sha256}
                  for f in sorted(files, key=lambda f: f.path)],
        "revisions": [revision_json(r) for r in revisions],
    }
    if dropped:
        data["revisions_dropped"] = dropped
    return data


def build_manifest(files: list[FileEntry], revisions: list[Revision], created: str,
                   dropped: int = 0, *, compact: bool = False) -> bytes:
    """``manifest.json`` bytes (UTF-8, keys in documented order, entries sorted by path).

    Written with 2-space indentation, or without any whitespace with ``compact``.
    """
    data = _manifest_data(files, revisions, created, dropped)
    if compact:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def fit_manifest(files: list[FileEntry], revisions: list[Revision], created: str,
                 dropped: int = 0) -> tuple[bytes, list[Revision], int]:
    """The manifest a save writes, always within the manifest size limit.

    The log is compacted (:func:`compact_revisions`); the manifest is indented
    if that fits, else written compactly; if even that is too large, more of
    the oldest revisions (never the first) are dropped until it fits.

    Returns:
        (manifest bytes, revisions written, revisions dropped in total).

    Raises:
        PackageError: ``package.too_large`` if the file list alone is too large.
    """
    limit = MAX_TEXT_BYTES[MANIFEST_NAME]
    kept, dropped = compact_revisions(revisions, dropped)
    while True:
        for compact in (False, True):
            raw = build_manifest(files, kept, created, dropped, compact=compact)
            if len(raw) <= limit:
                return raw, kept, dropped
        if len(kept) <= 2:
            fail("too_large", N_("'{name}' would be {size} bytes when saved, more than the "
                                 "{limit} bytes a package may hold; nothing was saved."),
                 name=MANIFEST_NAME, size=len(raw), limit=limit)
        kept, dropped = compact_revisions(kept, dropped, keep=len(kept) // 2)

"""``manifest.json``: versioned parse, migrations, and the writer's serialization.

A manifest from an older format version is migrated step by step (v0 -> v1 ->
...) by functions registered with :func:`migration` before it is checked; a
manifest from a newer version is refused with a clear "update" message.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, NoReturn

from khabar_editor import __version__
from khabar_editor.i18n import N_
from khabar_editor.package.model import Author, Revision, StatusNote, clean_text
from khabar_editor.package.spec import (
    FORMAT_MINOR, FORMAT_NAME, FORMAT_VERSION, MANIFEST_NAME, MAX_TEXT_BYTES, fail,
)

_HEX64 = re.compile(r"^[0-9a-fA-F]{64}$")
Migration = Callable[[dict[str, Any]], dict[str, Any]]
MIGRATIONS: dict[int, Migration] = {}
"""``from_version -> function`` turning a manifest of that version into the next one."""
MINOR_MIGRATIONS: dict[int, Migration] = {}
"""``from_minor -> function`` adding what minor version ``from_minor + 1`` introduced."""
SIGNATURES_KEY = "signatures"
MAX_SIGNATURES = 16
"""Signature records a manifest may hold (an author's and a few desk ones)."""


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
    format_minor: int = 0
    """The minor version as stored (0 when absent); the fields below are migrated."""
    author: Author | None = None
    status_note: StatusNote | None = None
    signatures: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    """The ``signatures`` records verbatim (checked by :mod:`.signing`, not here)."""
    digest: str = ""
    """:func:`canonical_digest` of the manifest as stored (what signatures cover)."""


def canonical_digest(data: dict[str, Any]) -> str:
    """SHA-256 (hex) of ``data`` without its ``signatures``, as canonical JSON.

    Canonical: keys sorted, no whitespace, ASCII escapes (so lone surrogates and
    formatting never change the digest). Signatures sign this digest, so adding a
    signature never invalidates another one.
    """
    body = {k: v for k, v in data.items() if k != SIGNATURES_KEY}
    text = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(text.encode("ascii")).hexdigest()


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
    digest = canonical_digest(data)
    minor = _count(data, "format_minor")
    data = migrate_minor(migrate(data))
    signatures = _list(data, SIGNATURES_KEY)
    if len(signatures) > MAX_SIGNATURES or not all(isinstance(s, dict) for s in signatures):
        _bad("'signatures' is not a short list of objects")
    return Manifest(
        format_version=FORMAT_VERSION,
        source_version=source_version,
        app_version=_str(data, "app_version"),
        created=_str(data, "created"),
        files=_files(data.get("files")),
        revisions=[_revision(r) for r in _list(data, "revisions")],
        revisions_dropped=_count(data, "revisions_dropped"),
        format_minor=minor,
        author=_author(data.get("author")),
        status_note=_status_note(data.get("status_note")),
        signatures=signatures,
        digest=digest,
    )


def migrate_minor(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` given the keys of every minor version up to :data:`FORMAT_MINOR`."""
    minor = data.get("format_minor", 0)
    if isinstance(minor, bool) or not isinstance(minor, int) or minor < 0:
        minor = 0
    while minor < FORMAT_MINOR:
        step = MINOR_MIGRATIONS.get(minor)
        if step is not None:
            data = step(dict(data))
        minor += 1
    data["format_minor"] = max(minor, FORMAT_MINOR)
    return data


def minor_migration(from_minor: int) -> Callable[[Migration], Migration]:
    """Register the decorated function as the minor migration ``from_minor -> from_minor + 1``."""

    def register(func: Migration) -> Migration:
        MINOR_MIGRATIONS[from_minor] = func
        return func

    return register


@minor_migration(0)
def _author_from_first_revision(data: dict[str, Any]) -> dict[str, Any]:
    """Before 1.1 there was no ``author``: the first revision's saver created the package."""
    revisions = data.get("revisions")
    if "author" not in data and isinstance(revisions, list) and revisions:
        first = revisions[0]
        who = first.get("who") if isinstance(first, dict) else None
        if isinstance(who, str) and who.strip():
            data["author"] = {"name": who, "id": ""}
    return data


def _author(value: Any) -> Author | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        _bad("'author' is not an object")
    return Author(name=_str(value, "name")[:200], id=_str(value, "id")[:64])


def _status_note(value: Any) -> StatusNote | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        _bad("'status_note' is not an object")
    return StatusNote(status=_str(value, "status")[:32], note=_str(value, "note")[:NOTE_LIMIT],
                      by=_str(value, "by")[:200], when=_when(value.get("when")))


def _when(when_text: Any) -> datetime:
    try:
        when = datetime.fromisoformat(when_text)
    except (TypeError, ValueError):
        _bad("a revision has no valid 'when' time")
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return when


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
    when, words = _when(item.get("when")), item.get("words", 0)
    if isinstance(words, bool) or not isinstance(words, int) or words < 0:
        _bad("a revision's 'words' is not a number")
    return Revision(who=_str(item, "who"), when=when, words=words,
                    action=_str(item, "action"), app_version=_str(item, "app_version"),
                    who_id=_str(item, "who_id"), from_status=_str(item, "from"),
                    to_status=_str(item, "to"), note=_str(item, "note"))


_OPTIONAL_REVISION_KEYS = (("who_id", "who_id"), ("from", "from_status"),
                           ("to", "to_status"), ("note", "note"))


def revision_json(rev: Revision) -> dict[str, Any]:
    """The manifest form of one revision (optional keys only when set)."""
    data: dict[str, Any] = {"who": rev.who, "when": rev.when.isoformat(), "words": rev.words,
                            "action": rev.action, "app_version": rev.app_version}
    for key, attr in _OPTIONAL_REVISION_KEYS:
        if getattr(rev, attr):
            data[key] = getattr(rev, attr)
    return data


def author_json(author: Author) -> dict[str, Any]:
    """The manifest form of the package author."""
    return {"name": author.name, "id": author.id}


def status_note_json(note: StatusNote) -> dict[str, Any]:
    """The manifest form of the latest status note."""
    return {"status": note.status, "note": note.note, "by": note.by,
            "when": note.when.isoformat()}


MAX_REVISIONS = 1000
"""Revisions kept in the log: the first one and the last 999 (older ones are counted)."""
NOTE_LIMIT = 4000
"""Longest status note (characters) kept in the manifest."""
REVISION_TEXT_LIMITS = {"who": 200, "action": 64, "app_version": 64, "who_id": 64,
                        "from_status": 32, "to_status": 32, "note": NOTE_LIMIT}
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


@dataclass(frozen=True)
class ManifestExtras:
    """The optional manifest keys of minor version 1 and how to sign.

    ``sign(data)`` gets the complete manifest mapping (without ``signatures``)
    and returns one more signature record; ``signatures`` are the records kept.
    """

    author: Author | None = None
    status_note: StatusNote | None = None
    signatures: tuple[dict[str, Any], ...] = ()
    sign: Callable[[dict[str, Any]], dict[str, Any]] | None = None


def _manifest_data(files: list[FileEntry], revisions: list[Revision], created: str,
                   dropped: int, extras: ManifestExtras | None = None) -> dict[str, Any]:
    extras = extras or ManifestExtras()
    data: dict[str, Any] = {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "format_minor": FORMAT_MINOR,
        "app_version": __version__,
        "created": created,
    }
    if extras.author is not None:
        data["author"] = author_json(extras.author)
    data["files"] = [{"path": f.path, "size": f.size, "sha256": f.sha256}
                     for f in sorted(files, key=lambda f: f.path)]
    data["revisions"] = [revision_json(r) for r in revisions]
    if dropped:
        data["revisions_dropped"] = dropped
    if extras.status_note is not None:
        data["status_note"] = status_note_json(extras.status_note)
    signatures = list(extras.signatures)
    if extras.sign is not None:
        signatures.append(extras.sign(data))
    if signatures:
        data[SIGNATURES_KEY] = signatures[-MAX_SIGNATURES:]
    return data


def dump_manifest(data: dict[str, Any], *, compact: bool = False) -> bytes:
    """``manifest.json`` bytes of ``data``: 2-space indented, or without whitespace."""
    if compact:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def build_manifest(files: list[FileEntry], revisions: list[Revision], created: str,
                   dropped: int = 0, *, compact: bool = False,
                   extras: ManifestExtras | None = None) -> bytes:
    """``manifest.json`` bytes (UTF-8, keys in documented order, entries sorted by path).

    Written with 2-space indentation, or without any whitespace with ``compact``.
    """
    return dump_manifest(_manifest_data(files, revisions, created, dropped, extras),
                         compact=compact)


def fit_manifest(files: list[FileEntry], revisions: list[Revision], created: str,
                 dropped: int = 0, extras: ManifestExtras | None = None
                 ) -> tuple[bytes, list[Revision], int]:
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
        data = _manifest_data(files, kept, created, dropped, extras)
        for compact in (False, True):
            raw = dump_manifest(data, compact=compact)
            if len(raw) <= limit:
                return raw, kept, dropped
        if len(kept) <= 2:
            fail("too_large", N_("'{name}' would be {size} bytes when saved, more than the "
                                 "{limit} bytes a package may hold; nothing was saved."),
                 name=MANIFEST_NAME, size=len(raw), limit=limit)
        kept, dropped = compact_revisions(kept, dropped, keep=len(kept) // 2)

"""Signed packages: Ed25519 signatures over the manifest, key files and the desk key store.

A signature record lives in the manifest's ``signatures`` list. It names the
signer and key, and holds the manifest's file list (path, size, SHA-256 of
every member) and :func:`~khabar_editor.package.manifest.canonical_digest` of
the manifest without its signatures; the Ed25519 signature covers the record.
A record *covers the current package* when its digest equals the manifest's,
and *covers the original* when its ``article.md`` hash equals the package's
``original/article.md`` (the desk kept the correspondent's bytes): that is how
the correspondent's signature stays verifiable after desk edits. See
``docs/package-format.md`` §12.

Private keys are kept in the OS keyring (``keyring``) where a usable backend
exists, else in a passphrase-protected PEM file; the ``.key`` file then only
says where the key is. Public keys are one-line ``.pub`` files.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any, NoReturn

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from khabar_editor.article.model import now_utc
from khabar_editor.errors import KhabarError, PackageError
from khabar_editor.fsutil import atomic_write_text
from khabar_editor.i18n import N_
from khabar_editor.package import spec
from khabar_editor.package.model import Package, clean_text
from khabar_editor.problems import Problem, Severity, problem

SIGNATURE_CONTEXT = b"khabar-signature-v1\n"
"""Prefix of every signed message, so a signature cannot be reused for anything else."""
PUB_PREFIX = "khabar-ed25519"
KEY_HEADER = "khabar-private-key v1"
KEYRING_SERVICE = "khabar-editor-signing"
MAX_KEY_FILE_BYTES = 64 * 1024
MAX_NAME_CHARS = 100

_B64 = re.compile(r"^[A-Za-z0-9+/]+={0,2}$")
_UNSAFE_FILE_CHARS = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')


class SigningError(KhabarError):
    """A key could not be made, read, unlocked or stored, or a package not signed."""

    code = "signing"


class Integrity(str, Enum):
    """Whether the package is what its manifest and newest signature say."""

    INTACT = "intact"
    CHANGED = "changed"
    CORRUPT = "corrupt"
    UNSAFE = "unsafe"


class SignatureState(str, Enum):
    """The package's signatures taken together."""

    VALID = "valid"
    BROKEN = "broken"
    UNKNOWN_KEY = "unknown-key"
    UNSIGNED = "unsigned"


# -- keys ---------------------------------------------------------------------------------
def _clean_name(name: str) -> str:
    text = " ".join(clean_text(name).split())[:MAX_NAME_CHARS]
    if not text:
        raise SigningError(N_("A key needs a name."), code="signing.name")
    return text


def key_id_of(raw: bytes) -> str:
    """The short id of a public key: 16 hex digits of its SHA-256."""
    return hashlib.sha256(raw).hexdigest()[:16]


@dataclass(frozen=True)
class PublicKey:
    """An Ed25519 public key with the name of its owner."""

    name: str
    raw: bytes

    @property
    def key_id(self) -> str:
        return key_id_of(self.raw)

    def to_text(self) -> str:
        """The ``.pub`` file: ``khabar-ed25519 <base64 key> <name>`` and a newline."""
        return f"{PUB_PREFIX} {base64.b64encode(self.raw).decode('ascii')} {self.name}\n"

    @classmethod
    def from_text(cls, text: str) -> PublicKey:
        """Parse a ``.pub`` file's text.

        Raises:
            SigningError: ``signing.bad_public_key`` for anything else.
        """
        parts = clean_text(text).strip().split(" ", 2)
        if len(parts) != 3 or parts[0] != PUB_PREFIX:
            _bad_public()
        raw = _b64(parts[1])
        if raw is None or len(raw) != 32:
            _bad_public()
        return cls(_clean_name(parts[2]), raw)

    def verifier(self) -> Ed25519PublicKey:
        return Ed25519PublicKey.from_public_bytes(self.raw)


def _bad_public() -> NoReturn:
    raise SigningError(N_("This is not a Khabar Editor public key (.pub) file."),
                       code="signing.bad_public_key")


def _b64(text: Any) -> bytes | None:
    if not isinstance(text, str) or len(text) > 200 or not _B64.match(text):
        return None
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None


@dataclass(frozen=True)
class SigningKey:
    """A private signing key and the name it signs as."""

    name: str
    private: Ed25519PrivateKey = field(repr=False)

    @property
    def public(self) -> PublicKey:
        raw = self.private.public_key().public_bytes(serialization.Encoding.Raw,
                                                     serialization.PublicFormat.Raw)
        return PublicKey(self.name, raw)

    def sign(self, message: bytes) -> bytes:
        return self.private.sign(message)


def generate_key(name: str) -> SigningKey:
    """A new Ed25519 key pair for ``name``."""
    return SigningKey(_clean_name(name), Ed25519PrivateKey.generate())


def keyring_available() -> bool:
    """Whether an OS keyring backend that can store secrets is usable."""
    try:
        import keyring
        from keyring.backends import fail

        backend = keyring.get_keyring()
    except Exception:  # noqa: BLE001 - a broken keyring install means "no keyring"
        return False
    if isinstance(backend, fail.Keyring):
        return False
    try:
        from keyring.backends import null

        if isinstance(backend, null.Keyring):
            return False
    except ImportError:  # pragma: no cover
        pass
    return getattr(backend, "priority", 0) > 0


def key_file_name(name: str) -> str:
    """A safe file name stem for a key named ``name``."""
    stem = _UNSAFE_FILE_CHARS.sub("_", _clean_name(name)).strip(" .") or "key"
    return stem[:80]


def save_key(key: SigningKey, folder: Path, *, passphrase: str | None = None,
             use_keyring: bool = False) -> tuple[Path, Path]:
    """Write ``NAME.key`` and ``NAME.pub`` into ``folder`` (created if needed).

    With ``use_keyring`` the private key goes into the OS keyring and the
    ``.key`` file only names it; else the ``.key`` file holds the PEM key,
    encrypted with ``passphrase`` when one is given. Files are private (0600).

    Raises:
        SigningError: no usable keyring, or the files could not be written.
    """
    folder = Path(folder)
    stem = key_file_name(key.name)
    key_path, pub_path = folder / f"{stem}.key", folder / f"{stem}.pub"
    public = key.public
    header = [KEY_HEADER, f"name: {key.name}", f"key-id: {public.key_id}"]
    if use_keyring:
        if not keyring_available():
            raise SigningError(N_("No usable keyring is available; protect the key with a "
                                  "passphrase instead."), code="signing.no_keyring")
        import keyring

        pem = key.private.private_bytes(serialization.Encoding.PEM,
                                        serialization.PrivateFormat.PKCS8,
                                        serialization.NoEncryption()).decode("ascii")
        try:
            keyring.set_password(KEYRING_SERVICE, public.key_id, pem)
        except Exception as exc:  # noqa: BLE001 - keyring backends raise anything
            raise SigningError(N_("The keyring refused to store the key: {reason}"),
                               code="signing.no_keyring", reason=str(exc)[:200]) from None
        text = "\n".join([*header, "storage: keyring", ""])
    else:
        encryption: serialization.KeySerializationEncryption = (
            serialization.BestAvailableEncryption(passphrase.encode("utf-8"))
            if passphrase else serialization.NoEncryption())
        pem = key.private.private_bytes(serialization.Encoding.PEM,
                                        serialization.PrivateFormat.PKCS8,
                                        encryption).decode("ascii")
        text = "\n".join([*header, "storage: file", ""]) + pem
    _write_key_text(key_path, text)
    _write_key_text(pub_path, public.to_text())
    return key_path, pub_path


def _write_key_text(target: Path, text: str) -> None:
    """Write a key file atomically (its folder created if needed); a
    :class:`SigningError` naming the folder when that fails."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(target, text)
    except OSError as exc:
        raise SigningError(N_("Could not write the key files into '{folder}': {reason}"),
                           code="signing.write_failed", folder=spec.shown(str(target.parent)),
                           reason=exc.strerror or str(exc)) from None


def _read_small(path: Path, what_code: str) -> str:
    """A key file's text. Only a regular file is opened, without blocking: a named pipe,
    device or folder given as a key file is refused at once instead of hanging."""
    from khabar_editor.package.entries import open_regular

    try:
        with open_regular(path) as fh:
            data = fh.read(MAX_KEY_FILE_BYTES + 1)
    except PackageError as exc:  # not found, no permission, not a regular file
        raise SigningError(exc.msgid, code=what_code, **exc.fields) from None
    except OSError as exc:
        raise SigningError(N_("Cannot read '{file}': {reason}"), code=what_code,
                           file=spec.shown(str(path)), reason=exc.strerror or str(exc)) from None
    if len(data) > MAX_KEY_FILE_BYTES:
        raise SigningError(N_("'{file}' is too large to be a key file."), code=what_code,
                           file=spec.shown(str(path)))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise SigningError(N_("'{file}' is not a Khabar Editor key file."), code=what_code,
                           file=spec.shown(str(path))) from None


def _parse_key_file(path: Path) -> tuple[dict[str, str], str]:
    text = _read_small(path, "signing.bad_key")
    head, sep, pem = text.partition("-----BEGIN")
    lines = [line.strip() for line in head.strip().split("\n")]
    if not lines or lines[0] != KEY_HEADER:
        raise SigningError(N_("'{file}' is not a Khabar Editor key file."),
                           code="signing.bad_key", file=spec.shown(str(path)))
    fields = {}
    for line in lines[1:]:
        key, _, value = line.partition(":")
        fields[key.strip()] = value.strip()
    return fields, (sep + pem) if sep else ""


def key_needs_passphrase(path: Path) -> bool:
    """Whether the key file at ``path`` is protected by a passphrase."""
    fields, pem = _parse_key_file(Path(path))
    return fields.get("storage") != "keyring" and "ENCRYPTED" in pem.split("\n", 1)[0]


def load_signing_key(path: Path, passphrase: str | None = None) -> SigningKey:
    """The private key named by the ``.key`` file at ``path``.

    Raises:
        SigningError: ``signing.bad_key`` (not a key file), ``signing.passphrase``
            (missing or wrong passphrase), ``signing.no_keyring`` (the keyring
            does not hold it).
    """
    path = Path(path)
    fields, pem = _parse_key_file(path)
    name = _clean_name(fields.get("name", "")) if fields.get("name") else path.stem
    if fields.get("storage") == "keyring":
        pem = _keyring_pem(fields.get("key-id", ""))
    try:
        private = serialization.load_pem_private_key(
            pem.encode("ascii", "replace"), password=passphrase.encode("utf-8") if passphrase else None)
    except TypeError:
        raise SigningError(N_("The key '{file}' needs its passphrase."), code="signing.passphrase",
                           file=spec.shown(str(path))) from None
    except ValueError:
        if "ENCRYPTED" in pem.split("\n", 1)[0]:
            raise SigningError(N_("Wrong passphrase for the key '{file}'."),
                               code="signing.passphrase", file=spec.shown(str(path))) from None
        raise SigningError(N_("'{file}' is not a Khabar Editor key file."),
                           code="signing.bad_key", file=spec.shown(str(path))) from None
    if not isinstance(private, Ed25519PrivateKey):
        raise SigningError(N_("'{file}' is not a Khabar Editor key file."),
                           code="signing.bad_key", file=spec.shown(str(path)))
    return SigningKey(name, private)


def _keyring_pem(key_id: str) -> str:
    pem = None
    if keyring_available():
        import keyring

        try:
            pem = keyring.get_password(KEYRING_SERVICE, key_id)
        except Exception:  # noqa: BLE001 - keyring backends raise anything
            pem = None
    if not pem:
        raise SigningError(N_("The keyring does not hold the private key {key_id}."),
                           code="signing.no_keyring", key_id=spec.shown(key_id))
    return pem


# -- the desk's key store -------------------------------------------------------------------
@dataclass(frozen=True)
class StoredKey:
    """A public key in a :class:`KeyStore`, and whether it was revoked."""

    key: PublicKey
    revoked: bool
    path: Path


class KeyStore:
    """A folder of trusted public keys (``*.pub``); revoked ones move to ``revoked/``.

    Any folder of ``.pub`` files works (``khabar verify --keys DIR``). The
    default is ``keys/`` under the data folder (``KHABAR_DATA_DIR`` honoured).
    """

    def __init__(self, folder: Path | None = None) -> None:
        if folder is None:
            from khabar_editor.settings import data_dir

            folder = data_dir() / "keys"
        self.folder = Path(folder)
        self._cache: list[StoredKey] | None = None
        self._skipped: list[tuple[Path, str]] = []

    def refresh(self) -> None:
        """Forget the keys read so far (the folder changed behind our back)."""
        self._cache = None

    def skipped(self) -> list[tuple[Path, str]]:
        """The ``.pub`` files of the store that are not usable keys, each with the
        (translated) reason; they are ignored, so their packages show "unknown key"."""
        self.keys()
        return list(self._skipped)

    def _scan(self, folder: Path, revoked: bool) -> list[StoredKey]:
        out: list[StoredKey] = []
        try:
            names = sorted(os.listdir(folder))
        except OSError:
            return out
        for name in names:
            path = folder / name
            if not name.endswith(".pub") or not path.is_file() or path.is_symlink():
                continue
            try:
                out.append(StoredKey(PublicKey.from_text(_read_small(path, "signing.bad_key")),
                                     revoked, path))
            except SigningError as exc:
                self._skipped.append((path, str(exc)))
        return out

    def keys(self) -> list[StoredKey]:
        """Every key, trusted ones first; a revoked key hides a trusted copy of itself."""
        if self._cache is None:
            self._skipped = []
            revoked = self._scan(self.folder / "revoked", True)
            gone = {k.key.raw for k in revoked}
            trusted = [k for k in self._scan(self.folder, False) if k.key.raw not in gone]
            self._cache = trusted + revoked
        return list(self._cache)

    def lookup(self, raw: bytes) -> StoredKey | None:
        """The stored key with these raw bytes (revoked ones included)."""
        for item in self.keys():
            if item.key.raw == raw:
                return item
        return None

    def import_key(self, source: Path) -> StoredKey:
        """Trust the public key in the file ``source``; returns it as stored.

        Raises:
            SigningError: not a public key file, a revoked key, or not writable.
        """
        key = PublicKey.from_text(_read_small(Path(source), "signing.bad_public_key"))
        known = self.lookup(key.raw)
        if known is not None and known.revoked:
            raise SigningError(N_("The key {key_id} ({name}) was revoked; it cannot be "
                                  "imported again."), code="signing.revoked",
                               key_id=key.key_id, name=known.key.name)
        if known is not None:
            return known
        target = self.folder / f"{key_file_name(key.name)}-{key.key_id}.pub"
        self._write(target, key.to_text())
        return StoredKey(key, False, target)

    def revoke(self, name_or_id: str) -> StoredKey:
        """Stop trusting the key with this id (or unique name); it is kept as revoked.

        Raises:
            SigningError: ``signing.no_such_key`` when nothing or several keys match.
        """
        wanted = clean_text(name_or_id).strip()
        matches = [k for k in self.keys() if not k.revoked
                   and (k.key.key_id == wanted.lower() or k.key.name == wanted)]
        if len(matches) != 1:
            raise SigningError(N_("No single trusted key matches '{key}'."),
                               code="signing.no_such_key", key=spec.shown(wanted))
        item = matches[0]
        target = self.folder / "revoked" / f"{item.key.key_id}.pub"
        self._write(target, item.key.to_text())
        for other in self._scan(self.folder, False):
            if other.key.raw == item.key.raw:
                try:
                    other.path.unlink()
                except OSError:
                    pass
        self._cache = None
        return StoredKey(item.key, True, target)

    def _write(self, target: Path, text: str) -> None:
        self._cache = None
        _write_key_text(target, text)


# -- signature records ----------------------------------------------------------------------
def _canonical(record: dict[str, Any]) -> bytes:
    body = {k: v for k, v in record.items() if k != "signature"}
    return SIGNATURE_CONTEXT + json.dumps(body, sort_keys=True, separators=(",", ":"),
                                          ensure_ascii=True).encode("ascii")


def record_signer(key: SigningKey, role: str, article_id: str
                  ) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """A function making the signature record for a manifest mapping (see the writer)."""
    from khabar_editor.package.manifest import canonical_digest

    public = key.public

    def sign(data: dict[str, Any]) -> dict[str, Any]:
        record: dict[str, Any] = {
            "v": 1,
            "signer": key.name,
            "role": role,
            "key_id": public.key_id,
            "public_key": base64.b64encode(public.raw).decode("ascii"),
            "when": now_utc().isoformat(),
            "article_id": article_id,
            "manifest_sha256": canonical_digest(data),
            "files": [dict(f) for f in data.get("files", [])],
        }
        record["signature"] = base64.b64encode(key.sign(_canonical(record))).decode("ascii")
        return record

    return sign


def _signed_file(record: dict[str, Any], path: str) -> tuple[int, str] | None:
    files = record.get("files")
    if not isinstance(files, list):
        return None
    for item in files:
        if isinstance(item, dict) and item.get("path") == path:
            size, digest = item.get("size"), item.get("sha256")
            if isinstance(size, int) and isinstance(digest, str):
                return size, digest.lower()
    return None


def covers_original(record: dict[str, Any], original: bytes | None) -> bool:
    """Whether ``record`` signed an ``article.md`` equal to ``original`` byte for byte."""
    if original is None:
        return False
    signed = _signed_file(record, spec.ARTICLE_NAME)
    return signed == (len(original), hashlib.sha256(original).hexdigest())


def signatures_kept(records: list[dict[str, Any]], original: bytes | None) -> list[dict[str, Any]]:
    """The records a save keeps: those covering the original (the rest are superseded)."""
    return [r for r in records if covers_original(r, original)]


@dataclass(frozen=True)
class SignatureCheck:
    """One signature record as checked."""

    signer: str
    key_id: str
    role: str
    when: str
    state: SignatureState
    covers: str  # "current" | "original" | "none"
    problem: str = ""


def _text(value: Any, limit: int = 200) -> str:
    return clean_text(value)[:limit] if isinstance(value, str) else ""


def check_record(record: dict[str, Any], digest: str | None, original: bytes | None,
                 keys: KeyStore | None) -> tuple[SignatureCheck, Problem | None]:
    """Check one record: its Ed25519 signature, what it covers, and its key's trust."""
    claimed = _text(record.get("signer"))
    raw = _b64(record.get("public_key"))
    sig = _b64(record.get("signature"))
    key_id = key_id_of(raw) if raw else (_text(record.get("key_id"), 16) or "?")
    stored = keys.lookup(raw) if (keys is not None and raw) else None
    signer = stored.key.name if stored is not None else claimed

    def result(state: SignatureState, covers: str, code: str, msgid: str, **params: Any
               ) -> tuple[SignatureCheck, Problem | None]:
        issue = problem(code, "signature", Severity.ERROR if state is SignatureState.BROKEN
                        else Severity.WARNING, msgid, signer=signer or "?", key_id=key_id,
                        **params) if code else None
        return SignatureCheck(signer, key_id, _text(record.get("role"), 16),
                              _text(record.get("when"), 40), state, covers,
                              issue.message if issue else ""), issue

    # A malformed record (wrong types, lengths or base64) says what is wrong with it.
    if raw is None or len(raw) != 32:
        return result(SignatureState.BROKEN, "none", "signature.malformed",
                      N_("The signature record of {signer} is damaged: its public key is not "
                         "an Ed25519 key; the signature cannot be checked."))
    if sig is None or len(sig) != 64:
        return result(SignatureState.BROKEN, "none", "signature.malformed",
                      N_("The signature record of {signer} (key {key_id}) is damaged: the "
                         "signature is not 64 bytes of base64; it cannot be checked."))
    if record.get("key_id") != key_id:
        return result(SignatureState.BROKEN, "none", "signature.malformed",
                      N_("The signature record of {signer} names a key id that does not belong "
                         "to its public key {key_id}; it was tampered with."))
    try:
        Ed25519PublicKey.from_public_bytes(raw).verify(sig, _canonical(record))
        ok = True
    except (InvalidSignature, ValueError, UnicodeError, TypeError, RecursionError):
        ok = False
    if not ok:
        return result(SignatureState.BROKEN, "none", "signature.broken",
                      N_("The signature of {signer} (key {key_id}) does not match; the package "
                         "was changed after signing or the signature was forged."))
    if digest is not None and record.get("manifest_sha256") == digest:
        covers = "current"
    elif covers_original(record, original):
        covers = "original"
    else:
        return result(SignatureState.BROKEN, "none", "signature.stale",
                      N_("{signer} signed a different version of this story (key {key_id}); "
                         "the package was changed after signing."))
    if stored is not None and stored.revoked:
        return result(SignatureState.BROKEN, covers, "signature.revoked",
                      N_("Signed by {signer} with the revoked key {key_id}; do not trust it."))
    if stored is None:
        return result(SignatureState.UNKNOWN_KEY, covers, "signature.unknown_key",
                      N_("Signed by '{signer}' with the key {key_id}, which is not in your key "
                         "store; import their .pub file to trust it."))
    return result(SignatureState.VALID, covers, "", "")


# -- verification ---------------------------------------------------------------------------
_CHANGED_CODES = frozenset({"package.checksum", "package.size_mismatch", "package.unlisted_file",
                            "package.missing_file", "package.media_missing"})
_UNSAFE_CODES = frozenset({"package.unsafe_path", "package.unexpected_file", "package.duplicate",
                           "package.symlink", "package.too_many_entries", "package.too_large",
                           "package.too_large_total", "package.zip_bomb", "package.encrypted",
                           "package.compression"})
_UNREADABLE_CODES = frozenset({"package.not_found", "package.unreadable", "package.too_new",
                               "package.no_migration"})


def classify(code: str) -> Integrity:
    """The integrity verdict for a reader error code."""
    if code in _CHANGED_CODES:
        return Integrity.CHANGED
    if code in _UNSAFE_CODES:
        return Integrity.UNSAFE
    return Integrity.CORRUPT


@dataclass
class Verification:
    """Integrity and signatures of one package (see ``docs/package-format.md`` §12)."""

    file: str
    integrity: Integrity
    signature: SignatureState
    signer: str | None
    problems: list[Problem] = field(default_factory=list)
    readable: bool = True
    signatures: list[SignatureCheck] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.integrity is Integrity.INTACT and self.signature is SignatureState.VALID

    def to_json(self) -> dict[str, Any]:
        return {"file": self.file, "integrity": self.integrity.value,
                "signature": self.signature.value, "signer": self.signer,
                "problems": [p.to_json() for p in self.problems]}


def error_problem(exc: KhabarError) -> Problem:
    """A reader error as a :class:`Problem`."""
    return Problem(exc.code, "", Severity.ERROR, exc.msgid, tuple(sorted(exc.fields.items())))


def verify_loaded(package: Package, keys: KeyStore | None = None, file: str = "") -> Verification:
    """Verify the signatures of a package already read (it passed the reader's checks)."""
    checks: list[SignatureCheck] = []
    problems: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    copies: set[tuple[str, str]] = set()
    for record in package.signatures:
        same = (_text(record.get("public_key")), _text(record.get("signature")))
        if same in seen and all(same):  # an exact copy of a record already checked
            if same in copies:
                continue
            copies.add(same)
            problems.append(problem("signature.duplicate", "signature", Severity.WARNING,
                                    N_("A signature of {signer} appears more than once; the "
                                       "copies were ignored."),
                                    signer=_text(record.get("signer"), 100) or "?"))
            continue
        seen.add(same)
        check, issue = check_record(record, package.manifest_digest, package.original_bytes, keys)
        checks.append(check)
        if issue is not None:
            problems.append(issue)
    if not checks:
        state = SignatureState.UNSIGNED
    elif any(c.state is SignatureState.BROKEN for c in checks):
        state = SignatureState.BROKEN
    elif any(c.state is SignatureState.UNKNOWN_KEY for c in checks):
        state = SignatureState.UNKNOWN_KEY
    else:
        state = SignatureState.VALID
    integrity = Integrity.INTACT
    if checks and not any(c.covers == "current" for c in checks):
        integrity = Integrity.CHANGED
        problems.append(problem("signature.not_current", "signature", Severity.WARNING,
                                N_("The package was changed after it was last signed.")))
    author = next((c for c in checks if c.role == "author"), checks[0] if checks else None)
    return Verification(file, integrity, state, author.signer if author else None,
                        problems, True, checks)


def verify_package(path: str | os.PathLike[str], keys: KeyStore | None = None) -> Verification:
    """Read the package at ``path`` with every reader check and verify its signatures.

    Never raises for a bad package: the result says ``corrupt``, ``unsafe`` or
    ``changed`` with the reader's reason; ``readable`` is ``False`` when the
    file could not be judged at all (missing, no permission, newer format).
    """
    from khabar_editor.package.reader import read_package

    try:
        package = read_package(path)
    except PackageError as exc:
        integrity = classify(exc.code)
        signature = SignatureState.UNSIGNED
        if integrity is Integrity.CHANGED and has_signatures(Path(path)):
            signature = SignatureState.BROKEN
        return Verification(str(path), integrity, signature, None, [error_problem(exc)],
                            exc.code not in _UNREADABLE_CODES, [])
    return verify_loaded(package, keys, str(path))


def has_signatures(path: Path) -> bool:
    """Whether the (already layout-checked) package's manifest carries signatures."""
    from khabar_editor.package.entries import open_source, read_entry
    from khabar_editor.package.manifest import parse_manifest

    try:
        source = open_source(path)
        try:
            raw, _ = read_entry(source, spec.MANIFEST_NAME, spec.entry_limit(spec.MANIFEST_NAME))
        finally:
            source.close()
        return bool(parse_manifest(raw).signatures)
    except PackageError:
        return False


def sign_package(path: str | os.PathLike[str], key: SigningKey) -> None:
    """Add ``key``'s signature to the package at ``path``; its content stays byte for byte.

    Only ``manifest.json`` gains a record (no revision is added, so signatures
    already there keep covering the package). Written atomically.

    Raises:
        PackageError: the package does not open (nothing is written).
        PackageWriteError: the file could not be replaced.
    """
    from khabar_editor.package.entries import load_entries
    from khabar_editor.package.manifest import (
        MAX_SIGNATURES, SIGNATURES_KEY, dump_manifest,
    )
    from khabar_editor.package.reader import read_package
    from khabar_editor.package.writer import write_entries

    package = read_package(path)
    entries, _ = load_entries(path, include_meta=True)
    data = json.loads(entries.pop(spec.MANIFEST_NAME).decode("utf-8"))
    entries.pop(spec.MIMETYPE_NAME, None)
    author = package.author
    role = "author" if author is None or author.name == key.name else "desk"
    record = record_signer(key, role, package.article.id)(data)
    kept = [r for r in data.get(SIGNATURES_KEY, [])
            if r.get("key_id") != record["key_id"] or r.get("manifest_sha256")
            != record["manifest_sha256"]]
    data[SIGNATURES_KEY] = [*kept, record][-MAX_SIGNATURES:]
    raw = dump_manifest(data)
    if len(raw) > spec.entry_limit(spec.MANIFEST_NAME):
        raw = dump_manifest(data, compact=True)
    entries[spec.MANIFEST_NAME] = raw
    write_entries(Path(path), entries, package.article.modified)


__all__ = [
    "Integrity", "KeyStore", "PublicKey", "SignatureCheck", "SignatureState", "SigningError",
    "SigningKey", "StoredKey", "Verification", "generate_key", "key_needs_passphrase",
    "keyring_available", "load_signing_key", "save_key", "sign_package",
    "verify_loaded", "verify_package",
]

"""Signed packages: valid, tampered, truncated, re-signed, revoked and unknown keys; desk re-save."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from khabar_editor.article.model import Article, Byline, Status
from khabar_editor.package import new_package, read_package, write_package
from khabar_editor.package.signing import (
    Integrity, KeyStore, SignatureState, SigningError, generate_key, load_signing_key,
    save_key, sign_package, verify_package,
)


@pytest.fixture
def keys(tmp_path: Path):
    """A correspondent's key saved with a passphrase, and a desk store trusting it."""
    ramesh = generate_key("रमेश कुमार")
    key_file, pub = save_key(ramesh, tmp_path / "mine", passphrase="गुप्त")
    store = KeyStore(tmp_path / "store")
    store.import_key(pub)
    return ramesh, key_file, store


def _signed(tmp_path: Path, key, name="a.khabar") -> Path:
    path = tmp_path / name
    pkg = new_package(Article(headline="कोसी", byline=Byline("रमेश कुमार"),
                              status=Status.SUBMITTED, body="कोसी नदी का जलस्तर बढ़ा।\n"))
    write_package(path, pkg, who="रमेश कुमार", who_id="a" * 32, signer=key)
    return path


def _rewrite(path: Path, change) -> None:
    with zipfile.ZipFile(path) as zf:
        items = [(i, zf.read(i)) for i in zf.infolist()]
    with zipfile.ZipFile(path, "w") as zf:
        for info, data in items:
            zf.writestr(info, change(info.filename, data))


def test_signed_package_verifies_and_key_file_needs_passphrase(tmp_path, keys):
    """A signed save is intact and valid; the key file opens only with its passphrase."""
    ramesh, key_file, store = keys
    result = verify_package(_signed(tmp_path, ramesh), store)
    assert (result.integrity, result.signature, result.signer) == (
        Integrity.INTACT, SignatureState.VALID, "रमेश कुमार")
    with pytest.raises(SigningError) as exc:
        load_signing_key(key_file)
    assert exc.value.code == "signing.passphrase"
    with pytest.raises(SigningError):
        load_signing_key(key_file, "ग़लत")
    assert load_signing_key(key_file, "गुप्त").public == ramesh.public


def test_tampered_member_is_changed_and_signature_broken(tmp_path, keys):
    """Editing article.md inside the zip: the checksum fails, the signature cannot hold."""
    path = _signed(tmp_path, keys[0])
    _rewrite(path, lambda n, d: d.replace("बढ़ा".encode(), "घटा".encode()) if n == "article.md" else d)
    result = verify_package(path, keys[2])
    assert (result.integrity, result.signature) == (Integrity.CHANGED, SignatureState.BROKEN)
    assert result.problems[0].code in ("package.checksum", "package.size_mismatch")


def test_tampered_with_recomputed_checksums_breaks_the_signature(tmp_path, keys):
    """A forger who fixes the manifest hashes still cannot match the signed digest."""
    import hashlib

    path = _signed(tmp_path, keys[0])
    with zipfile.ZipFile(path) as zf:
        article = zf.read("article.md").replace("बढ़ा".encode(), "घटा".encode())
        manifest = json.loads(zf.read("manifest.json"))
    for f in manifest["files"]:
        if f["path"] == "article.md":
            f["size"], f["sha256"] = len(article), hashlib.sha256(article).hexdigest()
    _rewrite(path, lambda n, d: article if n == "article.md" else
             json.dumps(manifest, ensure_ascii=False).encode() if n == "manifest.json" else d)
    result = verify_package(path, keys[2])
    assert result.signature is SignatureState.BROKEN and result.integrity is Integrity.CHANGED


def test_truncated_package_is_corrupt(tmp_path, keys):
    """Half a package is corrupt, never a crash."""
    path = _signed(tmp_path, keys[0])
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    result = verify_package(path, keys[2])
    assert result.integrity is Integrity.CORRUPT and result.readable


def test_resigned_by_someone_else_is_unknown_key(tmp_path, keys):
    """Someone replaces the signature with their own: the desk does not know that key."""
    path = _signed(tmp_path, keys[0])
    mallory = generate_key("रमेश कुमार")  # same name, different key
    data = json.loads(zipfile.ZipFile(path).read("manifest.json"))
    data.pop("signatures")
    _rewrite(path, lambda n, d: json.dumps(data, ensure_ascii=False).encode()
             if n == "manifest.json" else d)
    sign_package(path, mallory)
    result = verify_package(path, keys[2])
    assert result.signature is SignatureState.UNKNOWN_KEY and result.integrity is Integrity.INTACT


def test_revoked_key_is_broken_and_unsigned_still_opens(tmp_path, keys):
    """After revoking, the same package reports a broken signature; unsigned is just unsigned."""
    ramesh, _, store = keys
    path = _signed(tmp_path, ramesh)
    store.revoke(ramesh.public.key_id)
    result = verify_package(path, store)
    assert result.signature is SignatureState.BROKEN
    assert any(p.code == "signature.revoked" for p in result.problems)
    with pytest.raises(SigningError):
        store.import_key(next((tmp_path / "mine").glob("*.pub")))
    plain = _signed(tmp_path, None, "plain.khabar")
    assert verify_package(plain, store).signature is SignatureState.UNSIGNED
    assert read_package(plain).article.headline == "कोसी"


def test_desk_resave_keeps_correspondent_signature_and_adds_its_own(tmp_path, keys):
    """The desk edits and signs: the correspondent's signature still covers the original."""
    ramesh, _, store = keys
    path = _signed(tmp_path, ramesh)
    desk_key = generate_key("अमित")
    save_key(desk_key, store.folder)  # the desk trusts itself
    store.refresh()
    pkg = read_package(path)
    pkg.article.body = "डेस्क ने बदला।\n"
    write_package(path, pkg, who="अमित", who_id="b" * 32, signer=desk_key)
    result = verify_package(path, store)
    assert (result.integrity, result.signature, result.signer) == (
        Integrity.INTACT, SignatureState.VALID, "रमेश कुमार")
    assert sorted(c.covers for c in result.signatures) == ["current", "original"]
    pkg = read_package(path)
    pkg.article.headline = "बिना कुंजी"
    write_package(path, pkg, who="अमित", who_id="b" * 32)  # saved without a key
    result = verify_package(path, store)
    assert result.signature is SignatureState.VALID and result.integrity is Integrity.CHANGED

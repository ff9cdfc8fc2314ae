"""Generate the hostile-signature fixtures in this folder (run from the repository root):

    .venv/bin/python tests/data/hostile/signatures/make_signatures.py

Every case is a real, correctly checksummed package whose ``manifest.json``
``signatures`` list was then rewritten (the manifest's own digest excludes the
signatures, so only the signatures are hostile), plus ``keys/``: a desk key
store with one trusted key, one revoked key and key files that are not keys.
Keys come from fixed seeds, so the same keys are made every time.
``cases.json`` lists each package with the verdict ``khabar verify`` must give.
"""

from __future__ import annotations

import base64
import copy
import json
import random
import shutil
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[3] / "src"))

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey  # noqa: E402

from khabar_editor.article.model import Article, Byline, Status  # noqa: E402
from khabar_editor.package import new_package, write_package  # noqa: E402
from khabar_editor.package.signing import SigningKey, _canonical  # noqa: E402


def _key(name: str, seed: int) -> SigningKey:
    return SigningKey(name, Ed25519PrivateKey.from_private_bytes(bytes([seed]) * 32))


TRUSTED = _key("रमेश कुमार", 1)
REVOKED = _key("पुराना संवाददाता", 2)
STRANGER = _key("अनजान", 3)


def _signed(path: Path, key: SigningKey) -> None:
    article = Article(headline="कोसी में बाढ़", byline=Byline(key.name),
                      status=Status.SUBMITTED, body="सहरसा ज़िले के बारह गाँवों में पानी घुसा।")
    article.id = "5d1e2c3b-4a59-4867-8c7d-9e0f1a2b3c4d"
    write_package(path, new_package(article), who=key.name, signer=key)


def _rewrite(path: Path, change) -> None:
    """Replace the ``signatures`` of the package at ``path`` by ``change(records)``."""
    with zipfile.ZipFile(path) as zf:
        items = [(info, zf.read(info)) for info in zf.infolist()]
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w") as out:
        for info, data in items:
            if info.filename == "manifest.json":
                manifest = json.loads(data)
                manifest["signatures"] = change(manifest.get("signatures", []))
                text = json.dumps(manifest, ensure_ascii=False)
                # Nesting too deep for json.dumps is spliced in as text.
                text = text.replace(f'"{DEEP}"', "[" * 100_000 + '"x"' + "]" * 100_000)
                data = text.encode("utf-8")
            out.writestr(info, data)
    tmp.replace(path)


def _resign(record: dict, key: SigningKey) -> dict:
    record = dict(record)
    record["signature"] = base64.b64encode(key.sign(_canonical(record))).decode("ascii")
    return record


DEEP = "<deeply nested list>"


def _noise(count: int) -> str:
    """``count`` Devanagari letters that do not compress well (fixed seed)."""
    rng = random.Random(count)
    return "".join(chr(0x0915 + rng.randrange(37)) for _ in range(count))


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


# name -> (signing key, change to the records, expected integrity, expected signature)
CASES = {
    "valid": (TRUSTED, lambda r: r, "intact", "valid"),
    "not_a_list": (TRUSTED, lambda r: "signed", "corrupt", "unsigned"),
    "entries_not_objects": (TRUSTED, lambda r: [1, "x", None], "corrupt", "unsigned"),
    "wrong_types": (TRUSTED, lambda r: [{**r[0], "public_key": 5, "signature": [],
                                         "signer": {"a": 1}, "key_id": None, "files": "x",
                                         "when": 7, "role": False}], "changed", "broken"),
    "short_key": (TRUSTED, lambda r: [{**r[0], "public_key": _b64(b"k" * 31)}],
                  "changed", "broken"),
    "long_signature": (TRUSTED, lambda r: [{**r[0], "signature": _b64(b"s" * 65)}],
                       "changed", "broken"),
    "base64_garbage": (TRUSTED, lambda r: [{**r[0], "public_key": "!!not*base64$$",
                                            "signature": "====%%%%"}], "changed", "broken"),
    "base64_bad_padding": (TRUSTED, lambda r: [{**r[0], "signature": r[0]["signature"][:-3]}],
                           "changed", "broken"),
    "key_id_mismatch": (TRUSTED, lambda r: [{**r[0], "key_id": "0" * 16}], "changed", "broken"),
    "too_many": (TRUSTED, lambda r: [{"n": i} for i in range(5000)], "corrupt", "unsigned"),
    "too_many_repetitive": (TRUSTED, lambda r: r * 5000, "unsafe", "unsigned"),
    "huge_strings": (TRUSTED, lambda r: [{**r[0], "signer": _noise(60_000),
                                          "note": _noise(60_000)}], "changed", "broken"),
    "huge_repetitive": (TRUSTED, lambda r: [{**r[0], "signer": "क" * 1_000_000}],
                        "unsafe", "unsigned"),
    "huge_files_list": (TRUSTED, lambda r: [{**r[0], "files": [
        {"path": f"media/{i}.jpg", "size": i, "sha256": f"{i:064x}"} for i in range(20_000)]}],
                        "changed", "broken"),
    "deep_nesting": (TRUSTED, lambda r: [{**r[0], "role": DEEP}],
                     "corrupt", "unsigned"),
    "duplicate_same": (TRUSTED, lambda r: r + copy.deepcopy(r) * 3, "intact", "valid"),
    "duplicate_conflicting": (TRUSTED, lambda r: r + [_resign({**r[0], "signer": "नकली नाम"},
                                                              STRANGER)], "intact", "broken"),
    "revoked_key": (REVOKED, lambda r: r, "intact", "broken"),
    "unknown_key": (STRANGER, lambda r: r, "intact", "unknown-key"),
    "claims_trusted_name": (STRANGER, lambda r: [_resign({**r[0], "signer": TRUSTED.name},
                                                         STRANGER)], "intact", "unknown-key"),
}


def _keys(folder: Path) -> None:
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "revoked").mkdir(parents=True)
    (folder / "ramesh.pub").write_text(TRUSTED.public.to_text(), encoding="utf-8")
    (folder / "revoked" / "old.pub").write_text(REVOKED.public.to_text(), encoding="utf-8")
    # Key files that are not keys: the desk store must skip them and say so.
    (folder / "not-a-key.pub").write_text("hello, I am not a key\n", encoding="utf-8")
    (folder / "binary.pub").write_bytes(bytes(range(256)))
    (folder / "short-key.pub").write_text(f"khabar-ed25519 {_b64(b'k' * 31)} छोटी\n",
                                          encoding="utf-8")
    (folder / "huge.pub").write_text("khabar-ed25519 " + "A" * 100_000 + " बड़ी\n",
                                     encoding="utf-8")
    (folder / "private.pub").write_text("-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEI\n"
                                        "-----END PRIVATE KEY-----\n", encoding="utf-8")


def main() -> None:
    _keys(HERE / "keys")
    expected = {}
    for name, (key, change, integrity, signature) in CASES.items():
        path = HERE / f"{name}.khabar"
        _signed(path, key)
        _rewrite(path, change)
        expected[path.name] = {"integrity": integrity, "signature": signature}
    (HERE / "cases.json").write_text(json.dumps(expected, indent=1, ensure_ascii=False) + "\n",
                                     encoding="utf-8")


if __name__ == "__main__":
    main()

"""Manifest parsing and the migration machinery (a fake v0 -> v1 migration)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from khabar_editor.errors import PackageError
from khabar_editor.package import read_package, write_package
from khabar_editor.package import manifest as manifest_mod
from khabar_editor.package.manifest import parse_manifest


def _v1(**override) -> dict:
    data = {"format": "khabar", "format_version": 1, "app_version": "0.1.0",
            "created": "2026-08-14T09:30:00+05:30", "files": [], "revisions": []}
    data.update(override)
    return data


def _raw(data: dict) -> bytes:
    return json.dumps(data).encode("utf-8")


@pytest.fixture
def fake_v0_migration(monkeypatch):
    """Register a v0 -> v1 migration: v0 kept 'history' and a 'checksums' mapping."""
    monkeypatch.setattr(manifest_mod, "MIGRATIONS", dict(manifest_mod.MIGRATIONS))

    @manifest_mod.migration(0)
    def _from_v0(data: dict) -> dict:
        data["revisions"] = data.pop("history", [])
        data["files"] = [{"path": p, "size": s, "sha256": h}
                         for p, (s, h) in sorted(data.pop("checksums", {}).items())]
        return data

    return _from_v0


def test_v0_manifest_is_migrated(fake_v0_migration):
    """A registered migration turns a v0 manifest into a current one."""
    v0 = {"format": "khabar", "format_version": 0, "history": [
        {"who": "रमेश", "when": "2026-08-14T11:05:00", "words": 3, "action": "save",
         "app_version": "0.0.1"}], "checksums": {"article.md": [3, "a" * 64]}}
    parsed = parse_manifest(_raw(v0))
    assert parsed.source_version == 0 and parsed.format_version == 1
    assert parsed.files["article.md"].size == 3
    assert parsed.revisions[0].who == "रमेश" and parsed.revisions[0].when.tzinfo is not None


def test_v0_package_opens_through_migration(tmp_path: Path, sample, fake_v0_migration):
    """A whole v0 package opens, reports its old version, and saves as the current one."""
    path = tmp_path / "s.khabar"
    write_package(path, sample)
    with zipfile.ZipFile(path) as zf:
        items = {n: zf.read(n) for n in zf.namelist()}
    current = json.loads(items["manifest.json"])
    v0 = {"format": "khabar", "format_version": 0, "history": current["revisions"],
          "checksums": {f["path"]: [f["size"], f["sha256"]] for f in current["files"]}}
    items["manifest.json"] = _raw(v0)
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in items.items():
            zf.writestr(name, data)
    old = read_package(path)
    assert old.format_version == 0 and old.article == read_package(path).article
    write_package(path, old)
    assert read_package(path).format_version == 1


def test_version_without_migration_is_refused():
    """Without a registered step, an old version is refused with package.no_migration."""
    with pytest.raises(PackageError) as caught:
        parse_manifest(_raw(_v1(format_version=0)))
    assert caught.value.code == "package.no_migration"


def test_newer_version_asks_for_update():
    """A newer format version names the version and asks to update."""
    with pytest.raises(PackageError) as caught:
        parse_manifest(_raw(_v1(format_version=7)))
    assert caught.value.code == "package.too_new"
    assert "7" in caught.value.message("en") and "update" in caught.value.message("en")


@pytest.mark.parametrize("data", [
    b"[]", b"\xff\xfe", b'{"format": "epub", "format_version": 1}',
    _raw(_v1(format_version="1")), _raw(_v1(files={})), _raw(_v1(files=[{"path": "a"}])),
    _raw(_v1(files=[{"path": "a", "size": 1, "sha256": "zz" * 32}])),
    _raw(_v1(revisions=[{"when": "yesterday"}])), _raw(_v1(revisions="none")),
    b"[" * 100000,
])
def test_malformed_manifests_are_refused(data: bytes):
    """Wrong types, bad JSON, bad checksums or deep nesting give a PackageError."""
    with pytest.raises(PackageError) as caught:
        parse_manifest(data)
    assert caught.value.code in ("package.manifest", "package.encoding")

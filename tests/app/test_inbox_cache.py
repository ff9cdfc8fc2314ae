"""Re-scans answer unchanged package files from memory, and never serve a stale row."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from khabar_editor import i18n
from khabar_editor.app import inbox
from khabar_editor.article.model import Article, Byline, Status
from khabar_editor.package import new_package, write_package
from khabar_editor.package.signing import KeyStore, generate_key, save_key
from khabar_editor.package.writer import unpack_to_folder


@pytest.fixture
def counted(monkeypatch):
    """Counts how many packages are really read."""
    inbox.clear_cache()
    calls = []
    real = inbox._compute_entry

    def spy(path, keys, verify_media):
        calls.append(Path(path).name)
        return real(path, keys, verify_media)

    monkeypatch.setattr(inbox, "_compute_entry", spy)
    yield calls
    inbox.clear_cache()


def _write(path: Path, headline: str, key=None) -> None:
    art = Article(headline=headline, byline=Byline("रमेश"), status=Status.SUBMITTED,
                  body="दो शब्द")
    write_package(path, new_package(art), who="रमेश", signer=key)


def test_rescan_reads_nothing_unchanged(tmp_path, counted):
    """A second scan of an unchanged folder reads no package and gives the same rows."""
    for i in range(5):
        _write(tmp_path / f"{i}.khabar", f"ख़बर {i}")
    store = KeyStore(tmp_path / "keys")
    first = list(inbox.scan_folder(tmp_path, keys=store))
    assert len(counted) == 5
    second = list(inbox.scan_folder(tmp_path, keys=store))
    assert len(counted) == 5 and second == first


def test_changed_package_is_read_again(tmp_path, counted):
    """A rewritten package shows its new headline, even when size and mtime are kept."""
    path = tmp_path / "a.khabar"
    _write(path, "पहली")
    store = KeyStore(tmp_path / "keys")
    assert next(inbox.scan_folder(tmp_path, keys=store)).headline == "पहली"
    st = path.stat()
    _write(path, "दूजी")  # same length in bytes
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert next(inbox.scan_folder(tmp_path, keys=store)).headline == "दूजी"
    assert counted == ["a.khabar", "a.khabar"]


def test_key_changes_are_seen(tmp_path, counted):
    """Trusting and then revoking the signer's key changes the row's signature verdict."""
    key = generate_key("रमेश")
    _write(tmp_path / "a.khabar", "ख़बर", key)
    store = KeyStore(tmp_path / "keys")
    assert next(inbox.scan_folder(tmp_path, keys=store)).signature.value == "unknown-key"
    save_key(key, tmp_path / "mine")
    store.import_key(next((tmp_path / "mine").glob("*.pub")))
    assert next(inbox.scan_folder(tmp_path, keys=store)).signature.value == "valid"
    store.revoke(key.public.key_id)
    assert next(inbox.scan_folder(tmp_path, keys=store)).signature.value == "broken"


def test_language_is_part_of_the_row(tmp_path, counted):
    """A reason shown in English is not served again after switching to Hindi."""
    path = tmp_path / "bad.khabar"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("hello.txt", "not a package")
    store = KeyStore(tmp_path / "keys")
    english = next(inbox.scan_folder(tmp_path, keys=store)).problem
    i18n.set_language("hi")
    hindi = next(inbox.scan_folder(tmp_path, keys=store)).problem
    assert english != hindi and any("\u0900" <= c <= "\u097f" for c in hindi)


def test_package_folders_are_always_read(tmp_path, counted):
    """An unpacked package folder is read on every scan (its members may change alone)."""
    _write(tmp_path / "a.khabar", "ख़बर")
    folder = tmp_path / "inbox"
    folder.mkdir()
    unpack_to_folder(tmp_path / "a.khabar", folder / "a")
    store = KeyStore(tmp_path / "keys")
    list(inbox.scan_folder(folder, keys=store))
    list(inbox.scan_folder(folder, keys=store))
    assert counted == ["a", "a"]


def test_cache_is_bounded(tmp_path, counted, monkeypatch):
    """The cache keeps at most CACHE_SIZE rows; the oldest are dropped first."""
    monkeypatch.setattr(inbox, "CACHE_SIZE", 2)
    for i in range(3):
        _write(tmp_path / f"{i}.khabar", f"ख़बर {i}")
    store = KeyStore(tmp_path / "keys")
    list(inbox.scan_folder(tmp_path, keys=store))
    assert len(inbox._cache) == 2
    list(inbox.scan_folder(tmp_path, keys=store))
    assert len(counted) == 6  # 0 was dropped by 2, then 1 by 0, and so on

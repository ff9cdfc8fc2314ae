"""Save refuses nothing it opened: limits are checked on what will be written.

Inputs come from ``tests/data/hostile/writes/make_writes.py``; the large ones are
generated here. "Every limit" is tested with the format's limits scaled down
(the reader and the writer share them), so the test stays fast.
"""

from __future__ import annotations

import json
import os
import sys
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import pytest

from khabar_editor import fsutil
from khabar_editor.article.model import Article, Media, Status
from khabar_editor.errors import PackageError
from khabar_editor.package import Revision, new_package, read_package, write_package
from khabar_editor.package import manifest as manifest_mod
from khabar_editor.package import spec
from khabar_editor.package import writer as writer_mod

WRITES = Path(__file__).resolve().parents[1] / "data" / "hostile" / "writes"
sys.path.insert(0, str(WRITES))
import make_writes  # noqa: E402


def _manifest(path: Path) -> bytes:
    with zipfile.ZipFile(path) as zf:
        return zf.read("manifest.json")


def _no_temps(folder: Path) -> bool:
    return not [p for p in folder.iterdir() if fsutil.is_own_temp(p.name)]


def test_near_limit_manifest_opens_saves_and_reopens(tmp_path: Path):
    """A revision log just under 4 MiB is compacted on save; the saved file reopens."""
    source = make_writes.manifest_near_limit(tmp_path)
    pkg = read_package(source)
    total = len(pkg.revisions)
    assert total > manifest_mod.MAX_REVISIONS
    first = pkg.revisions[0]
    write_package(source, pkg, who="डेस्क")
    again = read_package(source)
    assert len(again.revisions) == manifest_mod.MAX_REVISIONS
    assert again.revisions[0] == first and again.revisions[-1].who == "डेस्क"
    assert again.revisions_dropped == total + 1 - manifest_mod.MAX_REVISIONS
    raw = _manifest(source)
    assert len(raw) <= spec.MAX_TEXT_BYTES[spec.MANIFEST_NAME]
    assert json.loads(raw)["revisions_dropped"] == again.revisions_dropped
    dropped = again.revisions_dropped
    write_package(source, again, who="दूसरा")
    third = read_package(source)
    assert third.revisions[0] == first and third.revisions_dropped == dropped + 1


def test_long_revision_fields_are_capped(tmp_path: Path):
    """A 300 000-character 'who' opens and is stored capped, so the log stays bounded."""
    path = tmp_path / "long.khabar"
    path.write_bytes((WRITES / "revision_fields_long.khabar").read_bytes())
    pkg = read_package(path)
    write_package(path, pkg)
    saved = read_package(path).revisions[0]
    assert saved.who == "क" * manifest_mod.REVISION_TEXT_LIMITS["who"]
    assert len(saved.action) == manifest_mod.REVISION_TEXT_LIMITS["action"]


def test_compaction_keeps_first_and_last_and_counts_the_rest():
    """compact_revisions keeps entry 0 and the newest ones, adding the rest to the count."""
    when = datetime(2026, 1, 1, tzinfo=timezone.utc)
    revs = [Revision(str(i), when, i, "save", "1") for i in range(1500)]
    kept, dropped = manifest_mod.compact_revisions(revs, 7)
    assert len(kept) == manifest_mod.MAX_REVISIONS and dropped == 7 + 500
    assert kept[0].who == "0" and kept[1].who == "501" and kept[-1].who == "1499"
    assert manifest_mod.compact_revisions(revs[:10], 0) == (revs[:10], 0)


@pytest.fixture
def small_limits(monkeypatch):
    """The format's limits scaled down 64-fold (reader and writer both follow them)."""
    for name, limit in list(spec.MAX_TEXT_BYTES.items()):
        if name != spec.MIMETYPE_NAME:
            monkeypatch.setitem(spec.MAX_TEXT_BYTES, name, limit // 64)
    monkeypatch.setattr(spec, "MAX_MEDIA_BYTES", spec.MAX_MEDIA_BYTES // 64)
    monkeypatch.setattr(spec, "MAX_TOTAL_BYTES", spec.MAX_TOTAL_BYTES // 64)
    return spec.MAX_TEXT_BYTES


def test_package_near_every_limit_opens_saves_and_reopens(tmp_path: Path, small_limits):
    """Article, original, word list, photo and manifest all within 2 KiB of their limits;
    a preview that would exceed its limit becomes a short notice instead of blocking."""
    article_limit = small_limits[spec.ARTICLE_NAME]
    body = "शब्द " * ((article_limit - 3000) // len("शब्द ".encode()))
    art = Article(headline="सीमा", body=body, status=Status.SUBMITTED,
                  media=[Media("media/p.jpg", "कैप्शन")])
    pkg = new_package(art)
    pkg.media = {"media/p.jpg": os.urandom(spec.MAX_MEDIA_BYTES - 100)}
    pkg.wordlist = [f"शब्द{i:06d}" for i in
                    range((small_limits[spec.WORDLIST_NAME] - 1024) // len("शब्द000000\n".encode()))]
    when = datetime(2026, 1, 1, tzinfo=timezone.utc)
    pkg.revisions = [Revision(f"डेस्क {i}", when, i, "save", "0.1.0") for i in range(900)]
    small_limits[spec.PREVIEW_NAME] = len(body.encode()) // 2
    first = tmp_path / "near.khabar"
    write_package(first, pkg)
    opened = read_package(first)
    with zipfile.ZipFile(first) as zf:
        sizes = {i.filename: i.file_size for i in zf.infolist()}
    assert article_limit - 3000 <= sizes[spec.ARTICLE_NAME] <= article_limit
    assert sizes[spec.WORDLIST_NAME] >= small_limits[spec.WORDLIST_NAME] - 2048
    assert sizes["media/p.jpg"] >= spec.MAX_MEDIA_BYTES - 100
    assert sizes[spec.PREVIEW_NAME] < small_limits[spec.PREVIEW_NAME]  # the notice page
    opened.article.status = Status.IN_EDIT  # keeps the original too: another near-limit member
    write_package(first, opened)
    reopened = read_package(first)
    assert reopened.original is not None and reopened.article.body == opened.article.body
    assert len(_manifest(first)) <= small_limits[spec.MANIFEST_NAME]
    assert reopened.revisions_dropped > 0 and reopened.revisions[0].who == "डेस्क 0"
    assert b"too large for a preview" in zipfile.ZipFile(first).read(spec.PREVIEW_NAME)


def test_article_that_grows_on_save_is_refused_before_anything_is_replaced(
        tmp_path: Path, monkeypatch):
    """Text that NFC makes larger than the limit: a clear Hindi+English error, file kept."""
    monkeypatch.setitem(spec.MAX_TEXT_BYTES, spec.ARTICLE_NAME, 400_000)
    path = tmp_path / "grows.khabar"
    path.write_bytes((WRITES / "article_grows_on_save.khabar").read_bytes())
    before = path.read_bytes()
    pkg = read_package(path)  # opens, with a not-NFC warning
    assert any(p.code == "package.not_nfc" for p in pkg.problems)
    with pytest.raises(PackageError) as caught:
        write_package(path, pkg)
    assert caught.value.code == "package.too_large"
    assert "article.md" in str(caught.value) and "nothing was saved" in str(caught.value)
    assert "सहेजा नहीं गया" in caught.value.message("hi")
    assert path.read_bytes() == before and _no_temps(tmp_path)


def test_front_matter_the_reader_would_refuse_is_not_saved(tmp_path: Path):
    """Front matter over the reader's size limit is refused by save, never written."""
    path = tmp_path / "tags.khabar"
    write_package(path, new_package(Article(headline="पहले")))
    before = path.read_bytes()
    pkg = read_package(path)
    pkg.article.tags = ["टैग" * 100 + str(i) for i in range(1000)]
    with pytest.raises(PackageError) as caught:
        write_package(path, pkg)
    assert caught.value.code == "package.would_not_open"
    assert caught.value.message("hi") != caught.value.message("en")
    assert path.read_bytes() == before and _no_temps(tmp_path)


def test_written_file_is_read_back_before_it_replaces_the_old_one(tmp_path: Path, monkeypatch,
                                                                 sample):
    """If the written zip would not open, the old package stays and the temp is removed."""
    path = tmp_path / "s.khabar"
    write_package(path, sample)
    before = path.read_bytes()

    def broken(fh, entries, stamp):
        fh.write(b"PK\x03\x04 not really a package")

    monkeypatch.setattr(writer_mod, "_write_zip", broken)
    with pytest.raises(PackageError) as caught:
        write_package(path, sample)
    assert caught.value.code == "package.would_not_open"
    assert path.read_bytes() == before and _no_temps(tmp_path)


def test_write_corpus_is_up_to_date(tmp_path: Path):
    """The committed files in hostile/writes/ are exactly what make_writes.py generates."""
    for make in make_writes.SMALL:
        made = make(tmp_path)
        assert made.read_bytes() == (WRITES / made.name).read_bytes(), made.name
    assert sorted(p.name for p in WRITES.glob("*.khabar")) == sorted(
        p.name for p in tmp_path.iterdir())

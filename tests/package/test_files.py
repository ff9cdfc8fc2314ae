"""Article files in (``load_article_file``) and unpacked folders out (``unpack_package``)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from khabar_editor.errors import PackageError
from khabar_editor.package import load_article_file, unpack_package, write_package
from khabar_editor.package import files as files_mod
from khabar_editor.package.writer import PackageWriteError


def test_markdown_with_front_matter_and_bom(tmp_path: Path):
    """A .md with a BOM, CRLF and precomposed nukta loads as clean NFC text."""
    path = tmp_path / "a.md"
    path.write_bytes("\ufeff---\r\nheadline: \u095eसल\r\n---\r\nपाठ\x00।\r\n".encode("utf-8"))
    article = load_article_file(path)
    assert article.headline == "फ\u093cसल" and article.body == "पाठ।\n"


def test_txt_is_body_only(tmp_path: Path):
    """A .txt file becomes the body even if it starts with '---'."""
    path = tmp_path / "a.txt"
    path.write_text("---\nheadline: x\n---\nपाठ\n", encoding="utf-8")
    article = load_article_file(path)
    assert article.headline == "" and article.body.startswith("---\nheadline")


@pytest.mark.parametrize("content, code", [
    (b"\xff\xfe\x00x", "package.encoding"),
    ("---\nheadline: [x\n---\n".encode("utf-8"), "package.article"),
    ("---\npriority: high\n---\n".encode("utf-8"), "package.article"),
])
def test_bad_article_files(tmp_path: Path, content: bytes, code: str):
    """Bad encodings and front matter give a PackageError with a clear code."""
    path = tmp_path / "a.md"
    path.write_bytes(content)
    with pytest.raises(PackageError) as caught:
        load_article_file(path)
    assert caught.value.code == code


def test_article_file_size_limit(tmp_path: Path, monkeypatch):
    """Oversized article files are refused without reading them whole."""
    monkeypatch.setattr(files_mod, "MAX_ARTICLE_FILE_BYTES", 10)
    path = tmp_path / "a.md"
    path.write_text("पाठ" * 10, encoding="utf-8")
    with pytest.raises(PackageError) as caught:
        load_article_file(path)
    assert caught.value.code == "package.too_large"
    with pytest.raises(PackageError) as caught:
        load_article_file(tmp_path / "missing.md")
    assert caught.value.code == "package.not_found"


def test_unpack_never_follows_a_link_out_of_the_target(tmp_path: Path, sample):
    """With --force, a symlinked media folder in the target is refused, not written through."""
    write_package(tmp_path / "s.khabar", sample)
    target, outside = tmp_path / "out", tmp_path / "outside"
    target.mkdir()
    outside.mkdir()
    os.symlink(outside, target / "media")
    with pytest.raises(PackageWriteError):
        unpack_package(tmp_path / "s.khabar", target, force=True)
    assert list(outside.iterdir()) == []


def test_unpack_refuses_file_as_target(tmp_path: Path, sample):
    """A file where the folder should be is a write error, not a crash."""
    write_package(tmp_path / "s.khabar", sample)
    (tmp_path / "out").write_text("x")
    with pytest.raises(PackageWriteError):
        unpack_package(tmp_path / "s.khabar", tmp_path / "out")

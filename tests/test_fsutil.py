"""Atomic writes leave the old file or the new one, never a fragment."""

from __future__ import annotations

import os

import pytest

from khabar_editor import fsutil


def test_write_creates_folders_and_replaces(tmp_path):
    """A new file appears with the content; a second write replaces it whole."""
    target = tmp_path / "a" / "b" / "words.txt"
    fsutil.atomic_write_text(target, "पहला\n")
    fsutil.atomic_write_text(target, "दूसरा\n")
    assert target.read_text(encoding="utf-8") == "दूसरा\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["words.txt"]


def test_failed_rename_keeps_old_file_and_removes_temp(tmp_path, monkeypatch):
    """If the final rename fails, the old content stays and no temp file is left."""
    target = tmp_path / "settings.json"
    target.write_bytes(b"old")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        fsutil.atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]

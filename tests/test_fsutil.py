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


def _dead_pid() -> int:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    return int(done.stdout)


def test_temp_names_are_short_and_recognised():
    """Temporary names are 29 bytes whatever the target, and only ours are recognised."""
    name = fsutil.temp_name()
    assert len(name.encode()) == 29 and fsutil.is_own_temp(name)
    assert not fsutil.is_own_temp(".khabar-tmp-notes") and not fsutil.is_own_temp("a.khabar")


def test_interrupted_folder_swap_is_undone_by_the_next_run(tmp_path):
    """Killed between the two renames of a swap: the next clean-up puts the old folder back."""
    pid = f"{_dead_pid():08x}"
    old = tmp_path / f".khabar-old-{pid}-0000abcd"
    new = tmp_path / f".khabar-tmp-{pid}-0000abcd"
    old.mkdir()
    (old / "article.md").write_text("old", encoding="utf-8")
    new.mkdir()
    (tmp_path / f".khabar-swp-{pid}-0000abcd").write_bytes("प्रति".encode())
    fsutil.clean_stale(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["प्रति"]
    assert (tmp_path / "प्रति" / "article.md").read_text(encoding="utf-8") == "old"


def test_atomic_folder_replaces_whole_and_refuses_without_replace(tmp_path):
    """A folder is swapped whole with replace=True; without it an existing one is kept."""
    dest = tmp_path / "out"

    def build(files):
        def fill(root):
            for name in files:
                (root / name).write_text(name, encoding="utf-8")
        return fill

    fsutil.atomic_folder(dest, build(["a", "b"]))
    with pytest.raises(OSError):
        fsutil.atomic_folder(dest, build(["c"]))
    fsutil.atomic_folder(dest, build(["c"]), replace=True)
    assert sorted(p.name for p in dest.iterdir()) == ["c"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]

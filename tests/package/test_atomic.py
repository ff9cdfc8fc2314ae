"""Atomic saving: kills at random moments never leave a broken package behind."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

from khabar_editor import fsutil
from khabar_editor.article.model import Article, Media
from khabar_editor.errors import PackageError
from khabar_editor.package import PackageWriteError, new_package, read_package, write_package
from khabar_editor.package import writer as writer_mod

KILLS = 36
PHOTO_BYTES = 3 * 1024 * 1024

SAVER = textwrap.dedent("""
    import os, sys
    from khabar_editor.article.model import Article, Media
    from khabar_editor.package import new_package, write_package
    target = sys.argv[1]
    rng = os.urandom
    photos = [Media(f"media/p{i}.jpg", "कैप्शन") for i in range(3)]
    pkg = new_package(Article(headline="A", body="शब्द " * 20000, media=photos))
    pkg.media = {m.file: rng(%d) for m in photos}
    print("ready", flush=True)
    n = 0
    while True:
        n += 1
        pkg.article.headline = "A" if n %% 2 else "B"
        write_package(target, pkg, who="saver")
""" % PHOTO_BYTES)


def _temps(folder: Path, target: Path) -> list[Path]:
    return [p for p in folder.iterdir() if fsutil.is_own_temp(p.name)]


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX-only")
def test_kill_during_save_leaves_old_or_new_package(tmp_path: Path):
    """SIGKILL at random points of repeated large saves: the file always opens cleanly."""
    target = tmp_path / "big.khabar"
    write_package(target, new_package(Article(headline="initial", body="पहला")))
    rng = random.Random(20260814)
    seen: set[str] = set()
    mid_save = 0
    # At least KILLS kills; on a slow or busy machine more rounds (up to 4, waiting
    # longer) until a kill landed mid-save and some save completed.
    for i in range(4 * KILLS):
        if i >= KILLS and mid_save and seen & {"A", "B"}:
            break
        child = subprocess.Popen([sys.executable, "-c", SAVER, str(target)],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
        try:
            child.wait(timeout=rng.uniform(0.0, 0.35 * (1 + i // KILLS)))
        except subprocess.TimeoutExpired:
            pass
        assert child.poll() is None, child.stderr.read() if child.stderr else ""
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
        child.stderr.close()
        pkg = read_package(target)  # never raises: old or new, never broken
        assert pkg.article.headline in {"initial", "A", "B"}
        seen.add(pkg.article.headline)
        mid_save += bool(_temps(tmp_path, target))
    assert seen & {"A", "B"}, "no save ever completed; the test did not exercise anything"
    assert mid_save, "no kill landed during a save; the test did not exercise anything"
    write_package(target, read_package(target))
    assert _temps(tmp_path, target) == []
    print(f"{mid_save} kills landed during a save; saw {sorted(seen)}")


def test_failed_save_keeps_old_file_and_removes_temp(tmp_path: Path, monkeypatch, sample):
    """A write error midway leaves the old bytes untouched and no temporary file."""
    target = tmp_path / "s.khabar"
    write_package(target, sample)
    before = target.read_bytes()

    def broken(fh, entries, stamp):
        fh.write(b"PK\x03\x04 half a package")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(writer_mod, "_write_zip", broken)
    with pytest.raises(PackageWriteError) as caught:
        write_package(target, sample)
    assert "No space left" in str(caught.value)
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.khabar"]


def test_save_into_missing_folder_is_a_clear_error(tmp_path: Path, sample):
    """Saving where no folder exists raises PackageWriteError (exit code 4 in the CLI)."""
    with pytest.raises(PackageWriteError) as caught:
        write_package(tmp_path / "nope" / "s.khabar", sample)
    assert caught.value.code == "package.write_failed"


def test_stale_temps_of_dead_processes_are_removed(tmp_path: Path, sample):
    """Temporaries named after a dead process are cleaned on the next save; live ones stay."""
    target = tmp_path / "s.khabar"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    pid = int(dead.stdout.strip())
    stale = tmp_path / f".s.khabar.tmp-{pid}-abc"  # the naming of earlier versions
    live = tmp_path / f".s.khabar.tmp-{os.getppid()}-abc"
    other = tmp_path / f".other.khabar.tmp-{pid}-abc"
    stale_new = tmp_path / f".khabar-tmp-{pid:08x}-0123abcd"
    live_new = tmp_path / f".khabar-tmp-{os.getppid():08x}-0123abcd"
    user_file = tmp_path / ".khabar-tmp-notes"
    for path in (stale, live, other, stale_new, live_new, user_file):
        path.write_bytes(b"half")
    write_package(target, sample)
    assert not stale.exists() and live.exists() and other.exists()
    assert not stale_new.exists() and live_new.exists() and user_file.exists()


def test_save_keeps_file_mode(tmp_path: Path, sample):
    """Replacing a package keeps its permission bits."""
    target = tmp_path / "s.khabar"
    write_package(target, sample)
    os.chmod(target, 0o640)
    write_package(target, sample)
    assert target.stat().st_mode & 0o777 == 0o640


def test_writer_refuses_missing_photo_and_bad_names(tmp_path: Path):
    """A photo named in the article but absent, or an unsafe name, is refused before writing."""
    pkg = new_package(Article(headline="x", media=[Media("media/a.jpg")]))
    with pytest.raises(PackageError) as caught:
        write_package(tmp_path / "a.khabar", pkg)
    assert caught.value.code == "package.media_missing"
    pkg = new_package(Article(headline="x", media=[Media("media/../../a.jpg")]))
    pkg.media = {"media/../../a.jpg": b"x"}
    with pytest.raises(PackageError) as caught:
        write_package(tmp_path / "a.khabar", pkg)
    assert caught.value.code == "package.unsafe_path"
    assert list(tmp_path.iterdir()) == []


def test_blank_bitmap_is_stored_not_a_zip_bomb(tmp_path: Path):
    """Highly compressible media are stored so the package never looks like a zip bomb."""
    pkg = new_package(Article(headline="x", media=[Media("media/blank.bmp")]))
    pkg.media = {"media/blank.bmp": bytes(4 * 1024 * 1024)}
    write_package(tmp_path / "b.khabar", pkg)
    with zipfile.ZipFile(tmp_path / "b.khabar") as zf:
        assert zf.getinfo("media/blank.bmp").compress_type == zipfile.ZIP_STORED
    assert read_package(tmp_path / "b.khabar").media == pkg.media

"""Every write path survives SIGKILL at random moments: the destination is old or new.

A warm helper process (``write_zygote.py``) forks a writer that repeats one write
path forever, alternating state "A" and "B"; the test kills it at a random moment,
checks that the destination is a complete old or new state, and finally checks that
the next ordinary write removes every temporary left by the killed writers.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from khabar_editor import fsutil
from khabar_editor.app.recovery import RecoveryStore
from khabar_editor.article.model import Article
from khabar_editor.package import read_package, unpack_package, write_package
from khabar_editor.proofing.lexicon import read_word_file, write_word_file
from khabar_editor.settings import Settings, save_settings

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL") or sys.platform == "win32",
                                reason="SIGKILL and fork are POSIX-only")

ZYGOTE = Path(__file__).with_name("write_zygote.py")
KILLS = 10
MAX_WAIT = 0.25


class Zygote:
    """Talks to the helper process."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen([sys.executable, str(ZYGOTE)], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True)

    def ask(self, request: dict) -> dict:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(json.dumps(request) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        assert line, "the helper process died"
        return json.loads(line)

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


@pytest.fixture(scope="module")
def zygote():
    helper = Zygote()
    yield helper
    helper.close()


def _own(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if fsutil.is_own_temp(p.name)) \
        if folder.is_dir() else []


def _kill_loop(zygote: Zygote, kind: str, folder: Path, check, *, exchange: bool = True,
               seed: int = 1, until=lambda mid: mid > 0) -> int:
    """Kill the writer ``KILLS`` times; ``check()`` after each; returns kills mid-write.

    On a slow or busy machine a round of kills may all land before or after the
    writes; then it goes on (up to 4 rounds, with longer waits) until ``until(mid)``
    says the kills exercised what the test is about.
    """
    rng = random.Random(seed)
    out = folder / "out"
    mid = 0
    for i in range(4 * KILLS):
        if i >= KILLS and until(mid):
            break
        pid = zygote.ask({"kind": kind, "dir": str(folder), "exchange": exchange})["pid"]
        time.sleep(rng.uniform(0.02, MAX_WAIT * (1 + i // KILLS)))
        os.kill(pid, signal.SIGKILL)
        zygote.ask({"reap": pid})
        mid += bool(_own(out))
        check()
    return mid


def _headline_of(path: Path) -> str:
    return read_package(path).article.headline


def test_kill_during_save(zygote, tmp_path: Path):
    """Package saves killed at random: the file always opens as the old or a new save."""
    from tests.package.write_zygote import package

    out = tmp_path / "out"
    out.mkdir()
    target = out / "target.khabar"
    write_package(target, package("initial"))
    seen: set[str] = set()

    def check():
        seen.add(_headline_of(target))
        assert seen <= {"initial", "A", "B"}

    mid = _kill_loop(zygote, "save", tmp_path, check, seed=7,
                     until=lambda mid: mid > 0 and bool(seen & {"A", "B"}))
    assert mid, "no kill landed during a save; the test exercised nothing"
    assert seen & {"A", "B"}, "no save ever completed; the test exercised nothing"
    write_package(target, read_package(target))
    assert _own(out) == []


def test_kill_during_pack(zygote, tmp_path: Path):
    """`khabar pack --force` killed at random: the output is old or new, never broken."""
    out = tmp_path / "out"
    out.mkdir()
    target = out / "target.khabar"

    def check():
        if target.exists():
            assert _headline_of(target) in {"A", "B"}

    # Go on (longer waits) until a kill landed mid-write and one pack got through.
    _kill_loop(zygote, "pack", tmp_path, check, seed=2,
               until=lambda mid: mid > 0 and target.exists())
    assert target.exists(), "no pack ever completed; the test exercised nothing"
    write_package(target, read_package(target))
    assert _own(out) == []


@pytest.mark.parametrize("exchange", [True, False], ids=["exchange", "two-renames"])
def test_kill_during_unpack_force(zygote, tmp_path: Path, exchange: bool):
    """`unpack --force` over an unpacked copy, killed at random: the copy opens, old or new.

    Without the atomic exchange, a kill between the two renames leaves the old copy
    under a journal-named trash folder; the next write in the folder puts it back.
    """
    from tests.package.write_zygote import package

    out = tmp_path / "out"
    out.mkdir()
    write_package(tmp_path / "initial.khabar", package("initial"))
    unpack_package(tmp_path / "initial.khabar", out / "dest")
    fsutil.USE_EXCHANGE = exchange

    def check():
        if not exchange:
            fsutil.clean_stale(out)  # what the next run does first
        assert _headline_of(out / "dest") in {"initial", "A", "B"}

    try:
        mid = _kill_loop(zygote, "unpack_force", tmp_path, check, exchange=exchange, seed=3)
        assert mid, "no kill landed during an unpack"
        unpack_package(tmp_path / "A.khabar", out / "dest", force=True)
    finally:
        fsutil.USE_EXCHANGE = True
    assert _own(out) == [] and sorted(p.name for p in out.iterdir()) == ["dest"]


def test_kill_during_unpack_into_new_folder(zygote, tmp_path: Path):
    """Unpacks into new folders killed at random: a folder exists only if it is complete."""
    out = tmp_path / "out"
    out.mkdir()

    def check():
        for folder in out.iterdir():
            if not fsutil.is_own_temp(folder.name):
                assert _headline_of(folder) in {"A", "B"}

    _kill_loop(zygote, "unpack_new", tmp_path, check, seed=4)
    unpack_package(tmp_path / "A.khabar", out / "last")
    assert _own(out) == []


def _bundle_ok(files: dict[str, bytes]) -> str:
    manifest = json.loads(files["manifest.json"])
    for item in manifest["files"]:
        assert hashlib.sha256(files[item["path"]]).hexdigest() == item["sha256"]
    return manifest["article"]["headline"]


def test_kill_during_zip_export(zygote, tmp_path: Path):
    """Zip bundle exports killed at random: the zip is complete and its checksums match."""
    out = tmp_path / "out"
    out.mkdir()
    target = out / "b.zip"

    def check():
        if target.exists():
            with zipfile.ZipFile(target) as zf:
                files = {n: zf.read(n) for n in zf.namelist()}
            assert _bundle_ok(files)[0] in "AB"

    mid = _kill_loop(zygote, "export_zip", tmp_path, check, seed=5)
    assert mid, "no kill landed during an export"
    save_settings(Settings(), out)  # any later write into the folder cleans up
    assert _own(out) == []


def test_kill_during_folder_export(zygote, tmp_path: Path):
    """Folder bundle exports (--no-zip --overwrite) killed at random: old or new bundle."""
    out = tmp_path / "out"
    out.mkdir()
    target = out / "b"

    def check():
        if target.exists():
            files = {str(p.relative_to(target)): p.read_bytes()
                     for p in target.rglob("*") if p.is_file()}
            assert _bundle_ok(files)[0] in "AB"
            assert set(files) == {i["path"] for i in json.loads(files["manifest.json"])
                                  ["files"]} | {"manifest.json"}

    mid = _kill_loop(zygote, "export_folder", tmp_path, check, seed=6)
    assert mid, "no kill landed during an export"
    save_settings(Settings(), out)
    assert _own(out) == []


def test_kill_during_settings_recovery_and_dictionary(zygote, tmp_path: Path):
    """Settings, autosave (recovery) and personal dictionary writes killed at random."""
    out = tmp_path / "out"
    out.mkdir()
    lists = [[f"शब्द{i}{tag}" for i in range(40000)] for tag in "AB"]

    def check_settings():
        path = out / "settings.json"
        if path.exists():
            # Settings cap the name's length; whole JSON, one writer's value, never a mix.
            name = json.loads(path.read_text(encoding="utf-8"))["user_name"]
            assert name and name in ("A" * len(name), "B" * len(name))

    def check_recovery():
        path = out / "s.json"
        if path.exists():
            assert json.loads(path.read_text(encoding="utf-8"))["headline"] in ("A", "B")

    def check_words():
        path = out / "personal-words.txt"
        if path.exists():
            assert set(read_word_file(path)) in [set(words) for words in lists]

    for kind, check, seed in (("settings", check_settings, 8), ("recovery", check_recovery, 9),
                              ("dictionary", check_words, 10)):
        _kill_loop(zygote, kind, tmp_path, check, seed=seed)
    save_settings(Settings(), out)
    RecoveryStore(out).write("s", Article(headline="C"), "", {"media/a.jpg": b"x"})
    write_word_file(out / "personal-words.txt", ["क"])
    assert _own(out) == [] and _own(out / "s.media") == []

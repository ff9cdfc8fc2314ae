"""A full disk during every write path: a clear error (exit 4), the old state intact.

Each test mounts a 2 MiB tmpfs (needs root or CAP_SYS_ADMIN, as in CI), puts the
old destination on it, fills the rest and writes again. Where mounting is not
permitted the tests are skipped with the reason.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from khabar_editor import fsutil
from khabar_editor.app.recovery import RecoveryStore
from khabar_editor.article.frontmatter import from_markdown, to_markdown
from khabar_editor.article.model import Article
from khabar_editor.cli import main as cli_main
from khabar_editor.errors import ProofingError
from khabar_editor.package import (
    PackageWriteError, new_package, read_package, unpack_package, write_package,
)
from khabar_editor.proofing.lexicon import read_word_file, write_word_file
from khabar_editor.settings import Settings, load_settings, save_settings

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "golden"


class Disk:
    """A small mounted tmpfs that can be filled to the last byte."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def fill(self) -> None:
        """Write a filler file until the disk refuses (ENOSPC)."""
        chunk = b"\0" * 65536
        with open(self.root / "filler", "wb", buffering=0) as fh:
            while True:
                try:
                    fh.write(chunk)
                except OSError as exc:
                    assert exc.errno == errno.ENOSPC
                    break
            while True:  # the last partial page
                try:
                    fh.write(b"\0" * 512)
                except OSError:
                    break

    def leftovers(self) -> list[str]:
        """Temporary names of ours anywhere on the disk."""
        return sorted(str(p.relative_to(self.root)) for p in self.root.rglob("*")
                      if fsutil.is_own_temp(p.name))


@pytest.fixture
def disk(tmp_path: Path):
    if sys.platform != "linux":
        pytest.skip("tmpfs full-disk tests need Linux")
    root = tmp_path / "disk"
    root.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(root)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip("cannot mount a 2 MiB tmpfs (needs root or CAP_SYS_ADMIN): "
                    + (mounted.stderr.strip() or f"exit {mounted.returncode}"))
    try:
        yield Disk(root)
    finally:
        subprocess.run(["umount", "-l", str(root)], check=False)


def golden():
    article = from_markdown((GOLDEN / "article.md").read_text(encoding="utf-8"))
    pkg = new_package(article)
    pkg.media = {m.file: (GOLDEN / m.file).read_bytes() for m in article.media}
    return pkg


def khabar(capsys, *argv: object) -> tuple[int, str, str]:
    code = cli_main.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_save_on_full_disk(disk: Disk):
    """write_package on a full disk: package.write_failed, old file byte-identical, no temp."""
    target = disk.root / "s.khabar"
    pkg = golden()
    write_package(target, pkg)
    before = target.read_bytes()
    disk.fill()
    pkg.article.headline = "नया शीर्षक"
    with pytest.raises(PackageWriteError) as caught:
        write_package(target, pkg)
    assert caught.value.code == "package.write_failed"
    assert "No space left" in str(caught.value)
    assert caught.value.message("hi") != caught.value.message("en")  # Hindi too
    assert target.read_bytes() == before and disk.leftovers() == []


def test_pack_on_full_disk(disk: Disk, tmp_path: Path, capsys):
    """khabar pack --force on a full disk: exit 4 with a message; the old package opens."""
    pkg = golden()
    (tmp_path / "a.md").write_text(to_markdown(pkg.article), encoding="utf-8")
    for name, data in pkg.media.items():
        (tmp_path / name.split("/")[1]).write_bytes(data)
    target = disk.root / "p.khabar"
    assert khabar(capsys, "pack", tmp_path / "a.md", "-o", target)[0] == 0
    before = target.read_bytes()
    disk.fill()
    code, _, err = khabar(capsys, "pack", tmp_path / "a.md", "-o", target, "--force")
    assert code == 4 and "No space left" in err and "Traceback" not in err
    assert target.read_bytes() == before and disk.leftovers() == []


def test_unpack_on_full_disk(disk: Disk, tmp_path: Path, capsys):
    """unpack into a new folder and unpack --force over a copy on a full disk: exit 4,
    no partial folder, no created parents, the old copy intact."""
    write_package(tmp_path / "g.khabar", golden())
    old = golden()
    old.article.headline = "पुराना"
    write_package(tmp_path / "old.khabar", old)
    unpack_package(tmp_path / "old.khabar", disk.root / "copy")
    disk.fill()
    code, _, err = khabar(capsys, "unpack", tmp_path / "g.khabar", "-o", disk.root / "new")
    assert code == 4 and "No space left" in err
    code, _, _ = khabar(capsys, "unpack", tmp_path / "g.khabar", "-o",
                        disk.root / "a" / "b" / "new")
    assert code == 4 and not (disk.root / "new").exists() and not (disk.root / "a").exists()
    code, _, err = khabar(capsys, "unpack", tmp_path / "g.khabar", "-o", disk.root / "copy",
                          "--force")
    assert code == 4 and "No space left" in err
    assert read_package(disk.root / "copy").article.headline == "पुराना"
    assert disk.leftovers() == []


@pytest.mark.parametrize("as_zip", [True, False], ids=["zip", "folder"])
def test_export_on_full_disk(disk: Disk, tmp_path: Path, capsys, as_zip: bool):
    """khabar export --overwrite on a full disk: exit 4 ("the disk is full"), old bundle kept."""
    write_package(tmp_path / "g.khabar", golden())
    args = ["export", tmp_path / "g.khabar", "-o", disk.root, "-f", "html,text", "--overwrite",
            "--no-spelling", *([] if as_zip else ["--no-zip"])]
    code, out, err = khabar(capsys, *args)
    assert code == 0, out + err
    written = [p for p in disk.root.iterdir() if p.name != "lost+found"]
    assert len(written) == 1
    snapshot = {str(p): p.read_bytes() for p in [written[0], *written[0].rglob("*")]
                if p.is_file()}
    disk.fill()
    code, out, err = khabar(capsys, *args, "--web-renditions")
    assert code == 4, out + err
    assert "disk is full" in out + err and "Traceback" not in out + err
    assert {str(p): p.read_bytes() for p in [written[0], *written[0].rglob("*")]
            if p.is_file()} == snapshot
    assert disk.leftovers() == []


def test_settings_recovery_and_dictionary_on_full_disk(disk: Disk):
    """Settings keep their old file (failure logged); autosave and the personal
    dictionary raise a clear error; nothing partial is left."""
    from khabar_editor.proofing.proofreader import Proofreader

    save_settings(Settings(user_name="पुराना"), disk.root)
    store = RecoveryStore(disk.root / "recovery")
    store.write("s", Article(headline="पुराना"), "", {"media/a.jpg": b"old"})
    words = disk.root / "personal-words.txt"
    write_word_file(words, ["पुराना"])
    proofreader = Proofreader(personal=words, use_hunspell=False)
    disk.fill()

    save_settings(Settings(user_name="नया" * 5000), disk.root)
    assert load_settings(disk.root).user_name == "पुराना"
    with pytest.raises(OSError):
        store.write("s", Article(headline="नया", body="ख" * 100000), "",
                    {"media/a.jpg": b"old", "media/b.jpg": os.urandom(300000)})
    record = json.loads(store.entry_path("s").read_text(encoding="utf-8"))
    assert record["headline"] == "पुराना"
    with pytest.raises(ProofingError) as caught:
        proofreader.add_word("नयाशब्द" * 2000)
    assert caught.value.code == "proofing.personal_write"
    assert "निजी शब्दकोश" in caught.value.message("hi")
    assert read_word_file(words) == ["पुराना"] and proofreader.personal_words == ["पुराना"]
    assert disk.leftovers() == []
    shutil.rmtree(disk.root / "recovery", ignore_errors=True)

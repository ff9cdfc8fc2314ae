"""Write paths through the CLI: long output names, replacing only what is ours,
unique web renditions (issue 13)."""

from __future__ import annotations

import io
import json
from datetime import datetime, timezone
from pathlib import Path

from PIL import Image

from khabar_editor import fsutil
from khabar_editor.app.recovery import RecoveryInfo, RecoveryStore
from khabar_editor.article.model import Article
from khabar_editor.cli import main as cli_main
from khabar_editor.exporters.bundle import web_rendition_name
from khabar_editor.package import read_package, unpack_package, write_package

WRITES = Path(__file__).resolve().parents[1] / "data" / "hostile" / "writes"
CLASH = WRITES / "web_rendition_clash.khabar"


def khabar(capsys, *argv: object) -> tuple[int, str, str]:
    """Run ``khabar ARGV`` in-process; returns (exit code, stdout, stderr)."""
    code = cli_main.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def _name(length: int, suffix: str = "") -> str:
    return "क" * ((length - len(suffix)) // 3) + "x" * ((length - len(suffix)) % 3) + suffix


def test_outputs_with_245_byte_names(tmp_path: Path, capsys):
    """pack -o, unpack -o and export bundles with legal 245-byte names succeed."""
    out = tmp_path / _name(245, ".khabar")
    assert len(out.name.encode()) == 245
    code, _, err = khabar(capsys, "unpack", CLASH, "-o", tmp_path / "src")
    assert code == 0, err
    code, _, err = khabar(capsys, "pack", tmp_path / "src" / "article.md", "--media",
                          tmp_path / "src" / "media", "-o", out)
    assert code == 0, err
    assert read_package(out).article.headline == "दो फ़ोटो"
    code, _, err = khabar(capsys, "pack", tmp_path / "src" / "article.md", "--media",
                          tmp_path / "src" / "media", "-o", out, "--force")
    assert code == 0, err
    folder = tmp_path / _name(245)
    code, _, err = khabar(capsys, "unpack", out, "-o", folder)
    assert code == 0, err
    code, _, err = khabar(capsys, "unpack", out, "-o", folder, "--force")
    assert code == 0, err
    assert read_package(folder).article.headline == "दो फ़ोटो"
    assert not [p for p in tmp_path.iterdir() if fsutil.is_own_temp(p.name)]


def test_unpack_force_replaces_only_an_unpacked_package(tmp_path: Path, capsys):
    """--force on a folder holding other files is refused (exit 4), every file kept."""
    target = tmp_path / "docs"
    target.mkdir()
    (target / "article.md").write_text("mine", encoding="utf-8")
    (target / "notes.txt").write_text("keep me", encoding="utf-8")
    code, _, err = khabar(capsys, "unpack", CLASH, "-o", target, "--force")
    assert code == 4 and "notes.txt" in err and "Traceback" not in err
    assert sorted(p.name for p in target.iterdir()) == ["article.md", "notes.txt"]
    assert (target / "article.md").read_text(encoding="utf-8") == "mine"


def test_unpack_force_result_is_exactly_the_new_package(tmp_path: Path):
    """Replacing an unpacked copy leaves no file of the old one (a mix would not open)."""
    from tests.package.conftest import sample_package

    sample_pkg = tmp_path / "s.khabar"
    write_package(sample_pkg, sample_package())
    target = tmp_path / "copy"
    unpack_package(CLASH, target)
    unpack_package(sample_pkg, target, force=True)
    assert not (target / "media" / "a.png").exists()
    assert read_package(target).article.headline == read_package(sample_pkg).article.headline


def test_web_renditions_get_unique_names(tmp_path: Path, capsys):
    """a.png and a.jpg get different web copies, each showing its own picture."""
    code, out, err = khabar(capsys, "export", CLASH, "-o", tmp_path, "--no-zip",
                            "--web-renditions", "-f", "ninjs,html", "--no-spelling")
    assert code == 0, out + err
    bundle = next(p for p in tmp_path.iterdir() if p.is_dir())
    web = sorted(p.name for p in (bundle / "media" / "web").iterdir())
    assert web == ["a.jpg", "a.png.jpg"]

    def colour(path: Path) -> tuple[int, ...]:
        return Image.open(io.BytesIO(path.read_bytes())).convert("RGB").getpixel((10, 10))

    assert colour(bundle / "media" / "web" / "a.png.jpg")[0] > 150  # red
    assert colour(bundle / "media" / "web" / "a.jpg")[2] > 150  # blue
    listed = {f["path"] for f in json.loads((bundle / "manifest.json").read_text())["files"]}
    assert {"media/web/a.jpg", "media/web/a.png.jpg"} <= listed
    ninjs = (bundle / f"{bundle.name}.ninjs.json").read_text(encoding="utf-8")
    assert "media/web/a.png.jpg" in ninjs and "media/web/a.jpg" in ninjs


def test_web_rendition_names_never_collide():
    """Clashing, case-folded and over-long photo names all get distinct, legal names."""
    taken: set[str] = set()
    names = [web_rendition_name(n, taken) for n in
             ("a.png", "a.jpg", "A.JPG", "a.png.jpg", "x" * 250 + ".png", "x" * 250 + ".gif")]
    assert names[:2] == ["media/web/a.png.jpg", "media/web/a.jpg"]
    assert len({n.casefold() for n in names}) == len(names)
    assert all(len(n.rsplit("/", 1)[1].encode()) <= 255 for n in names)


def test_folder_export_overwrite_replaces_only_a_bundle(tmp_path: Path, capsys):
    """--no-zip --overwrite never deletes a folder that is not an earlier bundle."""
    args = ["export", CLASH, "-o", tmp_path, "--no-zip", "-f", "html", "--no-spelling"]
    code, out, err = khabar(capsys, *args)
    assert code == 0, out + err
    bundle = next(p for p in tmp_path.iterdir() if p.is_dir())
    assert khabar(capsys, *args, "--overwrite")[0] == 0
    for item in bundle.iterdir():
        if item.is_file():
            item.unlink()
    (bundle / "private.txt").write_text("keep", encoding="utf-8")
    code, out, err = khabar(capsys, *args, "--overwrite")
    assert code == 4 and "not an export bundle" in out + err
    assert (bundle / "private.txt").read_text(encoding="utf-8") == "keep"


def test_recovery_never_offers_a_temporary_file_as_a_photo(tmp_path: Path):
    """A temporary left in the recovery media folder by a kill is not restored as a photo."""
    store = RecoveryStore(tmp_path)
    store.write("s", Article(headline="x"), "", {"media/a.jpg": b"photo"})
    (store.media_dir("s") / fsutil.temp_name()).write_bytes(b"half")
    info = RecoveryInfo(store.entry_path("s"), "", datetime.now(timezone.utc), "x", "",
                        store.media_dir("s"))
    assert info.media() == {"media/a.jpg": b"photo"}

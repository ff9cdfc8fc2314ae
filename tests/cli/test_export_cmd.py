"""``khabar export``: batch bundles, per-file report, exit codes, no writes on refusal."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from khabar_editor.cli import export_cmd
from khabar_editor.cli.main import main
from khabar_editor.package import write_package
from tests.exporters.helpers import GOLDEN, golden_package


@pytest.fixture
def packages(tmp_path) -> list[Path]:
    """Three .khabar files: two good (one shares the golden slug), one without a byline."""
    paths = []
    for name, change in (("a", None), ("b", "slug"), ("bad", "byline")):
        pkg = golden_package()
        if change == "slug":
            pkg.article.id = "0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d"
        if change == "byline":
            pkg.article.byline.name = ""
        path = tmp_path / f"{name}.khabar"
        write_package(path, pkg, who="test")
        paths.append(path)
    return paths


def test_batch_exports_refuses_and_reports(packages, tmp_path, capsys):
    """Good files become zips (same slug twice gets the id suffix); the bad one is refused."""
    out = tmp_path / "out"
    code = main(["export", *map(str, packages), "-o", str(out), "--format", "ninjs,text",
                 "--no-spelling"])
    assert code == 1
    stdout = capsys.readouterr().out
    assert stdout.count("OK ") == 2 and "REFUSED" in stdout and "byline" in stdout
    zips = sorted(p.name for p in out.iterdir())
    assert len(zips) == 2  # the second of the same slug (whichever worker came second)
    assert any(z.endswith(("-0b1c2d3e.zip", "-3f6c2a9e.zip")) for z in zips)
    names = zipfile.ZipFile(out / zips[0]).namelist()
    assert any(n.endswith(".ninjs.json") for n in names)
    assert any(n.endswith(".txt") for n in names) and not any(n.endswith(".html") for n in names)


def test_json_report_and_unreadable_exit_code(packages, tmp_path, capsys):
    """--json gives one record per file; a missing file makes the exit code 3."""
    out = tmp_path / "out"
    code = main(["export", str(packages[0]), str(tmp_path / "missing.khabar"), "-o", str(out),
                 "--json", "--no-spelling", "-j", "1"])
    assert code == 3
    report = json.loads(capsys.readouterr().out)
    assert [r["code"] for r in report] == [0, 3]
    assert report[0]["output"].endswith(".zip") and report[1]["message"]


def test_corrupt_package_is_unreadable(tmp_path, capsys):
    """A file that is not a package is reported, nothing is written."""
    bad = tmp_path / "bad.khabar"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    out = tmp_path / "out"
    assert main(["export", str(bad), "-o", str(out)]) == 3
    assert "bad.khabar" in capsys.readouterr().out
    assert not out.exists() or not any(out.iterdir())


def test_unknown_format_is_usage_error(tmp_path, capsys):
    """A wrong --format name lists the known ones and exits 2."""
    assert main(["export", "x.khabar", "-o", str(tmp_path), "--format", "html,pdf"]) == 2
    assert "newsml-g2" in capsys.readouterr().err


def test_markdown_article_with_photos_beside_it(tmp_path):
    """A loose article.md takes its photos from media/ next to it; --no-zip writes a folder."""
    out = tmp_path / "out"
    assert main(["export", str(GOLDEN / "article.md"), "-o", str(out), "--no-zip",
                 "--format", "html", "--no-spelling"]) == 0
    (folder,) = list(out.iterdir())
    assert (folder / "media" / "digha-ghat.jpg").read_bytes() == (
        GOLDEN / "media" / "digha-ghat.jpg").read_bytes()
    assert (folder / "manifest.json").exists()


def test_existing_bundle_needs_overwrite(packages, tmp_path):
    """Without --overwrite nothing is replaced; with it the bundle is rewritten."""
    out = tmp_path / "out"
    args = ["export", str(packages[0]), "-o", str(out), "--format", "text", "--no-spelling"]
    assert main(args) == 0
    (first,) = list(out.iterdir())
    assert main(args) == 0  # second run: id-suffixed name, the first bundle untouched
    assert len(list(out.iterdir())) == 2
    assert main(args) == 4  # both names taken now
    first.write_bytes(b"old")
    assert main([*args, "--overwrite"]) == 0
    assert len(list(out.iterdir())) == 2 and zipfile.is_zipfile(first)


def test_hindi_messages(packages, tmp_path, capsys):
    """With --ui-lang hi the per-file report is in Hindi."""
    main(["--ui-lang", "hi", "export", str(packages[2]), "-o", str(tmp_path / "o"),
          "--no-spelling"])
    out = capsys.readouterr().out
    assert "अस्वीकार" in out and "बायलाइन" in out


def test_worst_code_order():
    """Internal beats unreadable beats write errors beats refusals."""
    R = export_cmd.FileResult
    assert export_cmd.worst_code([R("a", 1), R("b", 3)]) == 3
    assert export_cmd.worst_code([R("a", 1), R("b", 4)]) == 4
    assert export_cmd.worst_code([R("a", 0)]) == 0

"""``khabar pack | unpack | info | validate`` through the real ``khabar`` entry point."""

from __future__ import annotations

import json
import pkgutil
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from khabar_editor.cli import main as cli_main
from khabar_editor.package import read_package

DATA = Path(__file__).resolve().parents[1] / "data"
SAMPLE, HOSTILE = DATA / "sample", DATA / "hostile"


@pytest.fixture(autouse=True)
def _only_package_commands(monkeypatch):
    """Run with the package commands only, so these tests do not depend on other modules."""
    monkeypatch.setattr(cli_main, "COMMAND_MODULES", ("khabar_editor.cli.package_cmds",))


def khabar(capsys, *argv: str) -> tuple[int, str, str]:
    """Run ``khabar ARGV`` in-process; returns (exit code, stdout, stderr)."""
    code = cli_main.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def packed(tmp_path: Path, capsys) -> Path:
    """The sample article packed with its photos."""
    out = tmp_path / "sample.khabar"
    code, _, err = khabar(capsys, "pack", SAMPLE / "article.md", "-o", out)
    assert code == 0, err
    return out


def test_pack_takes_photos_from_the_article_folder(packed: Path):
    """pack finds media/<name> files next to the article and records a 'pack' revision."""
    pkg = read_package(packed)
    assert set(pkg.media) == {"media/rahat-shivir.jpg", "media/nav.jpg"}
    assert pkg.media["media/nav.jpg"] == (SAMPLE / "nav.jpg").read_bytes()
    assert pkg.revisions[-1].action == "pack" and pkg.revisions[-1].who == "रमेश कुमार"


def test_pack_missing_photo_is_unreadable_input(tmp_path: Path, capsys):
    """A photo named in the front matter but absent: exit 3, one clear line, no output."""
    shutil.copy(SAMPLE / "article.md", tmp_path / "article.md")
    out = tmp_path / "x.khabar"
    code, _, err = khabar(capsys, "pack", tmp_path / "article.md", "-o", out)
    assert code == 3 and "rahat-shivir.jpg" in err and "Traceback" not in err
    assert not out.exists()


def test_pack_refuses_to_overwrite_without_force(packed: Path, capsys):
    """An existing output needs --force (exit 4 otherwise)."""
    code, _, err = khabar(capsys, "pack", SAMPLE / "article.md", "-o", packed)
    assert code == 4 and "--force" in err
    code, _, _ = khabar(capsys, "pack", SAMPLE / "article.md", "--media", SAMPLE, "-o", packed,
                        "--force")
    assert code == 0


def test_info_json_reports_metadata_and_integrity(packed: Path, capsys):
    """info --json has the story's metadata, counts, size, revisions and integrity."""
    code, out, _ = khabar(capsys, "info", packed, "--json")
    info = json.loads(out)
    assert code == 0
    assert info["headline"].startswith("कोसी का जलस्तर")
    assert info["byline"] == {"name": "रमेश कुमार", "role": "ज़िला संवाददाता"}
    assert info["dateline"]["text"] == "सहरसा, 14 अगस्त 2026"
    assert info["category"] == {"id": "rajya", "label": "राज्य"}
    assert (info["language"], info["status"], info["photos"]) == ("hi", "submitted", 2)
    assert info["words"] > 100 and info["size"] == packed.stat().st_size
    assert info["integrity"] == "ok" and len(info["revisions"]) == 1


def test_info_text_in_hindi(packed: Path, capsys):
    """info prints labelled lines in the interface language."""
    code, out, _ = khabar(capsys, "--ui-lang", "hi", "info", packed)
    assert code == 0 and "शीर्षक" in out and "सहरसा, 14 अगस्त 2026" in out


def test_info_on_corrupt_package_exits_3(capsys):
    """A tampered package: exit 3 and the checksum message, no traceback."""
    code, out, err = khabar(capsys, "info", HOSTILE / "checksum.khabar")
    assert code == 3 and out == "" and "tampered" in err and "Traceback" not in err


def _bad_article(tmp_path: Path) -> Path:
    path = tmp_path / "bad.md"
    path.write_text("---\nheadline: ''\n---\nपाठ\n", encoding="utf-8")
    return path


def test_validate_json_contract_and_exit_codes(packed: Path, tmp_path: Path, capsys):
    """One object per file with file/ok/problems; 0 ok, 1 article errors, 3 unreadable wins."""
    code, out, _ = khabar(capsys, "validate", "--json", packed, SAMPLE / "article.md")
    results = json.loads(out)
    assert code == 0 and [r["ok"] for r in results] == [True, True]
    for result in results:
        assert {"file", "ok", "problems"} <= set(result)
        for item in result["problems"]:
            assert {"code", "severity", "message"} <= set(item)
    bad = _bad_article(tmp_path)
    code, out, _ = khabar(capsys, "validate", "--json", packed, bad)
    results = json.loads(out)
    assert code == 1 and results[1]["ok"] is False
    assert "headline.missing" in {p["code"] for p in results[1]["problems"]}
    code, out, _ = khabar(capsys, "validate", "--json", bad, HOSTILE / "zip_slip_dotdot.khabar")
    results = json.loads(out)
    assert code == 3
    assert results[1]["ok"] is False
    assert results[1]["problems"][0]["code"] == "package.unsafe_path"
    assert results[1]["problems"][0]["severity"] == "error"


def test_validate_reports_package_warnings(capsys):
    """Package-level warnings (non-NFC text) appear among the problems."""
    code, out, _ = khabar(capsys, "validate", "--json", HOSTILE / "non_nfc.khabar")
    codes = {p["code"] for p in json.loads(out)[0]["problems"]}
    assert "package.not_nfc" in codes and code in (0, 1)


def test_validate_text_output(packed: Path, tmp_path: Path, capsys):
    """Without --json, every file gets a line and errors are listed with their codes."""
    code, out, _ = khabar(capsys, "validate", packed, _bad_article(tmp_path))
    assert code == 1
    assert f"{packed}: OK" in out and "[headline.missing]" in out


def test_unpack_refuses_non_empty_folder(packed: Path, tmp_path: Path, capsys):
    """unpack writes into an empty folder; a non-empty one needs --force (exit 4)."""
    target = tmp_path / "out"
    code, _, _ = khabar(capsys, "unpack", packed, "-o", target)
    assert code == 0 and (target / "media" / "nav.jpg").exists()
    code, _, err = khabar(capsys, "unpack", packed, "-o", target)
    assert code == 4 and "--force" in err
    code, _, _ = khabar(capsys, "unpack", packed, "-o", target, "--force")
    assert code == 0
    code, out, _ = khabar(capsys, "validate", "--json", target)
    assert code == 0 and json.loads(out)[0]["ok"] is True


def test_cli_runs_without_qt(packed: Path):
    """The CLI and every core module import and run with PySide6 never loaded."""
    # Listed here, not in the child: walk_packages imports packages (ui too) to recurse.
    import khabar_editor

    modules = [info.name for info in pkgutil.walk_packages(khabar_editor.__path__,
                                                           "khabar_editor.")
               if not info.name.startswith(("khabar_editor.ui", "khabar_editor.__main__"))]
    assert "khabar_editor.package.reader" in modules
    script = (
        "import importlib, sys\n"
        "from khabar_editor.cli import main\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "main.COMMAND_MODULES = ('khabar_editor.cli.package_cmds',)\n"
        f"code = main.main(['validate', '--json', {str(packed)!r}])\n"
        "assert code == 0, code\n"
        "print('QT' if any(m.startswith('PySide6') for m in sys.modules) else 'NO-QT')\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("NO-QT")

"""One version: __init__.__version__ is what About, ``khabar --version``, every saved
package's manifest and the AppStream release list say."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

from khabar_editor import __version__
from khabar_editor.app.sample import sample_package
from khabar_editor.package import write_package

ROOT = Path(__file__).resolve().parents[2]


def test_version_is_a_release_number():
    """The single version source is a plain X.Y.Z string."""
    assert re.fullmatch(r"\d+\.\d+\.\d+", __version__)


def test_cli_prints_the_version():
    """``khabar --version`` prints the package version."""
    out = subprocess.run([sys.executable, "-m", "khabar_editor.cli.main", "--version"],
                         capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == f"khabar {__version__}"


def test_saved_manifest_records_app_version(tmp_path):
    """A saved package's manifest and its newest revision carry the app version."""
    target = tmp_path / "v.khabar"
    write_package(target, sample_package(), who="test")
    with zipfile.ZipFile(target) as zf:
        manifest = json.loads(zf.read("manifest.json"))
    assert manifest["app_version"] == __version__
    assert manifest["revisions"][-1]["app_version"] == __version__


def test_metainfo_and_changelog_name_this_version():
    """The AppStream newest release and the changelog's newest entry are this version."""
    meta = (ROOT / "packaging" / "linux" / "in.khabar.KhabarEditor.metainfo.xml").read_text()
    assert re.search(r'<release version="([^"]+)"', meta).group(1) == __version__
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(r"^## \[?(\d+\.\d+\.\d+)", changelog, re.M).group(1) == __version__


def test_about_shows_the_version(window, monkeypatch):
    """Help → About names the version."""
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: shown.append(text))
    window.on_about()
    assert __version__ in shown[0]


from tests.ui.conftest import answered, khabar_dirs, make_window, window  # noqa: E402,F401

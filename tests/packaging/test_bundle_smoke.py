"""The built bundle works on its own: scripts/smoke-bundle.sh opens a story in the GUI
with no virtual environment and a clean environment, spell-checks its Hindi with the
bundled Enchant/Hunspell, exports it and validates it with the bundle's ``khabar``."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "dist" / "khabar-editor"


@pytest.fixture
def bundle() -> Path:
    """The built one-folder bundle, or a skip naming the command that builds it."""
    if not (BUNDLE / "khabar-editor").is_file() or not (BUNDLE / "khabar").is_file():
        pytest.skip("no built bundle in dist/khabar-editor: build it with "
                    "scripts/build-bundle.sh (then scripts/smoke-bundle.sh runs this alone)")
    return BUNDLE


def test_bundle_smoke(bundle):
    """Open, spell-check with the bundled dictionary, export and validate: all exit 0."""
    done = subprocess.run(["bash", str(ROOT / "scripts" / "smoke-bundle.sh"), str(bundle)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    report = json.loads(next(line[5:] for line in done.stdout.splitlines()
                             if line.startswith("GUI: ")))
    assert report["hunspell"] is True
    assert report["misspelt"] == ["प्रसाशन"]
    assert "SMOKE OK" in done.stdout


def test_bundle_cli_version_matches_source(bundle):
    """The bundle's ``khabar --version`` is this checkout's version (not a stale build)."""
    from khabar_editor import __version__

    done = subprocess.run(["env", "-i", "PATH=/usr/bin:/bin", f"HOME={bundle.parent}",
                           str(bundle / "khabar"), "--version"],
                          capture_output=True, text=True, timeout=120)
    assert done.stdout.strip() == f"khabar {__version__}"


def test_bundle_is_lean(bundle):
    """Qt modules the editor never uses, and their plugins, are not in the bundle."""
    internal = bundle / "_internal"
    names = {p.name for p in internal.rglob("*")}
    for unused in ("libQt6Qml.so.6", "libQt6Quick.so.6", "libQt6Pdf.so.6",
                   "libQt6WebEngineCore.so.6", "QtQml.abi3.so", "libqsqlite.so", "libqgtk3.so"):
        assert unused not in names
    translations = [p.name for p in internal.rglob("*.qm")]
    assert all(name.rsplit("_", 1)[-1] in ("en.qm", "hi.qm") for name in translations)
    assert (internal / "enchant-2" / "enchant_hunspell.so").is_file()
    assert list(internal.glob("khabar_editor/data/locale/hi/LC_MESSAGES/*.mo"))


def test_bundle_installer_registers_copied_bundle(bundle, tmp_path):
    """The bundle's install.sh copies it under XDG_DATA_HOME, links both programs into
    ~/.local/bin and points the menu entry at the copy; --uninstall removes it all."""
    home, data = tmp_path / "home", tmp_path / "data"
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "XDG_DATA_HOME": str(data),
           "XDG_CONFIG_HOME": str(tmp_path / "config")}
    done = subprocess.run(["bash", str(bundle / "install.sh")], env=env, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    app = data / "khabar-editor" / "app"
    desktop = (data / "applications" / "in.khabar.KhabarEditor.desktop").read_text()
    assert f"Exec={app / 'khabar-editor'} %f" in desktop.splitlines()
    version = subprocess.run([str(home / ".local" / "bin" / "khabar"), "--version"], env=env,
                             capture_output=True, text=True, timeout=120)
    assert version.returncode == 0 and version.stdout.startswith("khabar ")
    assert (data / "icons" / "hicolor" / "48x48" / "apps" / "in.khabar.KhabarEditor.png").is_file()
    gone = subprocess.run(["bash", str(bundle / "install.sh"), "--uninstall"], env=env,
                          capture_output=True, text=True, timeout=120)
    assert gone.returncode == 0, gone.stderr
    assert not app.exists() and not (home / ".local" / "bin" / "khabar").exists()

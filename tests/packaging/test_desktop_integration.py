"""Desktop integration: the .desktop file, AppStream metainfo and MIME type validate,
and scripts/install-desktop.sh registers them (and their icons) in an XDG prefix."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from khabar_editor.app.sample import sample_package
from khabar_editor.package import write_package

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
APP_ID = "in.khabar.KhabarEditor"
MIME = "application/vnd.khabar.article+zip"
DEPS = "run scripts/test-packaging-deps.sh (or scripts/setup.sh test) to install it"


def _tool(name: str) -> str:
    path = shutil.which(name)
    if not path:
        pytest.skip(f"{name} is not installed: {DEPS}")
    return path


def _install(tmp_path: Path, *args: str) -> tuple[subprocess.CompletedProcess, dict]:
    env = {**os.environ, "HOME": str(tmp_path / "home"),
           "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "XDG_DATA_DIRS": f"{tmp_path / 'data'}:/usr/share"}
    done = subprocess.run(["bash", str(ROOT / "scripts" / "install-desktop.sh"), *args],
                          env=env, capture_output=True, text=True, timeout=120)
    return done, env


def test_desktop_file_validates():
    """desktop-file-validate accepts the shipped .desktop file."""
    tool = _tool("desktop-file-validate")
    done = subprocess.run([tool, str(LINUX / f"{APP_ID}.desktop")], capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert MIME in (LINUX / f"{APP_ID}.desktop").read_text()


def test_metainfo_validates():
    """appstreamcli validate --no-net accepts the shipped metainfo."""
    tool = _tool("appstreamcli")
    done = subprocess.run([tool, "validate", "--no-net", str(LINUX / f"{APP_ID}.metainfo.xml")],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_install_into_prefix_registers_everything(tmp_path):
    """install-desktop.sh writes the entry (absolute Exec), metainfo, MIME type, SVG and PNG
    icons into XDG_DATA_HOME, compiles the MIME database and makes us the default."""
    _tool("update-mime-database")
    done, _env = _install(tmp_path)
    assert done.returncode == 0, done.stderr
    data = tmp_path / "data"
    desktop = data / "applications" / f"{APP_ID}.desktop"
    exec_line = next(line for line in desktop.read_text().splitlines()
                     if line.startswith("Exec="))
    assert exec_line == f"Exec={ROOT / '.venv' / 'bin' / 'khabar-editor'} %f"
    assert (data / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()
    assert (data / "mime" / "packages" / f"{APP_ID}.xml").is_file()
    assert MIME in (data / "mime" / "types").read_text()  # database compiled
    assert (data / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    for size in (16, 48, 256):
        png = data / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(desktop)], capture_output=True,
                               text=True)
        assert check.returncode == 0, check.stdout
    if shutil.which("xdg-mime"):
        assert f"{MIME}={APP_ID}.desktop" in (tmp_path / "config" / "mimeapps.list").read_text()


def test_saved_package_recognised_by_its_magic(tmp_path):
    """A saved story with no .khabar extension is still our type (magic at byte 38)."""
    xdg_mime = _tool("xdg-mime")
    _tool("mimetype")  # xdg-mime reads the shared MIME database through it
    done, env = _install(tmp_path)
    assert done.returncode == 0, done.stderr
    story = tmp_path / "story-without-extension"
    write_package(story, sample_package(), who="test")
    out = subprocess.run([xdg_mime, "query", "filetype", str(story)], env=env,
                         capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == MIME


def test_uninstall_removes_what_install_added(tmp_path):
    """--uninstall leaves no entry, metainfo, MIME package or icon behind."""
    _install(tmp_path)
    done, _env = _install(tmp_path, "--uninstall")
    assert done.returncode == 0, done.stderr
    data = tmp_path / "data"
    left = [p for p in data.rglob(f"{APP_ID}*") if p.is_file()]
    assert left == []


def test_unknown_option_is_refused_in_both_languages(tmp_path):
    """A wrong option exits 2 with an English and a Hindi message and installs nothing."""
    done, _env = _install(tmp_path, "--frobnicate")
    assert done.returncode == 2
    assert "Unknown option" in done.stderr and "अज्ञात विकल्प" in done.stderr
    assert not (tmp_path / "data").exists()

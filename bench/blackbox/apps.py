"""The editors measured side by side, each started as a user would start it.

Every app runs with its own empty home, config, data and cache folders, so no earlier
run or developer setting leaks in, and with one fontconfig file that adds the
Devanagari font Khabar Editor bundles, so every app draws the same glyphs (a machine
without a system Devanagari font would otherwise show boxes in the peers).

Regions are fractions (left, top, right, bottom) of the window: ``text`` is where the
article's text is painted, ``editor`` the part of the editing area that holds the lead
paragraph where the benchmarks type (its full width: typed letters must stay inside),
``preview`` the part of the preview that shows it. They follow each app's layout at
1400x900; when a layout changes, check them with ``BLACKBOX_SHOTS`` screenshots.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
VENV = ROOT / ".venv" / "bin"
FONTS = ROOT / "src" / "khabar_editor" / "data" / "fonts"

Region = tuple[float, float, float, float]
WIDTH, HEIGHT = 1400, 900
# Qt's own option (Qt 5 and 6): every app's first window at the same place and size
GEOMETRY = ["-qwindowgeometry", f"{WIDTH}x{HEIGHT}+0+0"]


@dataclass
class App:
    """How to start one editor and where to look at it."""
    name: str
    command: list[str]
    text: Region
    editor: Region
    preview: Region | None
    installed: bool = True
    missing: str = ""
    configure: object = None  # callable(home: Path, env: dict) -> None
    # keys that put the caret at the end of the lead paragraph (line 3)
    to_lead: list[str] = field(default_factory=lambda: ["ctrl+Home", "Down", "Down", "End"])

    def argv(self, file: Path) -> list[str]:
        return [part.replace("{file}", str(file)) for part in self.command]


def khabar_snapshot(rev: str, folder: Path) -> Path | None:
    """``src/`` of git revision ``rev`` extracted under ``folder`` (``None``: use the work tree).

    Other developers edit the work tree while benchmarks run; a committed revision
    is a stable thing to measure. ``rev`` "worktree" (or empty) measures the files as
    they are.
    """
    if not rev or rev == "worktree":
        return None
    folder.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "src"],
                             capture_output=True, check=True, timeout=120).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True, timeout=120)
    return folder / "src"


def compile_sources(src: Path) -> None:
    """Byte-compile the measured sources, as ``pip install`` does for a user.

    The apps run with ``PYTHONDONTWRITEBYTECODE``: without this a snapshot (and any
    work-tree file edited since it last ran) would be compiled from source at every
    start, a cost no installed editor pays.
    """
    subprocess.run([str(VENV / "python"), "-m", "compileall", "-q", "-j", "0", str(src)],
                   check=False, timeout=300, capture_output=True)


KHABAR_SRC: list[Path] = []  # set by the runner: the snapshot to put first on PYTHONPATH


def _khabar(home: Path, env: dict[str, str]) -> None:
    if KHABAR_SRC:
        env["PYTHONPATH"] = str(KHABAR_SRC[0])
    # The user's own folders (platformdirs under the run's XDG folders), as for a user:
    # no KHABAR_*_DIR overrides, which would skip finding them at start-up.
    env["XDG_STATE_HOME"] = str(home / "state")
    config = Path(env["XDG_CONFIG_HOME"]) / "khabar-editor"
    data = Path(env["XDG_DATA_HOME"]) / "khabar-editor"
    logs = home / "state" / "khabar-editor"
    for folder in (config, data, logs):  # fresh for every run: no recovery offer, no history
        shutil.rmtree(folder, ignore_errors=True)
    env["KHABAR_LANG"] = "en"
    template = home.parent / "khabar-config-template"
    if not template.is_dir():
        subprocess.run([str(VENV / "python"), str(HERE / "khabar_profile.py"), str(template)],
                       env=env, check=True, timeout=60, capture_output=True)
    shutil.copytree(template, config)


def _retext(home: Path, env: dict[str, str]) -> None:
    folder = Path(env["XDG_CONFIG_HOME"]) / "ReText project"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "ReText.conf").write_text(
        "[General]\ndefaultPreviewState=live-preview\nopenFilesInExistingWindow=false\n",
        encoding="utf-8")


def _ghostwriter(home: Path, env: dict[str, str]) -> None:
    folder = Path(env["XDG_CONFIG_HOME"]) / "ghostwriter"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "ghostwriter.conf").write_text(
        "[Preview]\nhtmlPreviewOpen=true\n\n[Session]\nrestoreSession=false\n",
        encoding="utf-8")


def all_apps() -> list[App]:
    """The bare baseline, Khabar Editor, ReText and Ghostwriter (the last two if installed)."""
    apps = [
        App("bare PySide6", [str(VENV / "python"), str(HERE / "bare_window.py"), *GEOMETRY, "{file}"],
            text=(0.02, 0.1, 0.98, 0.9), editor=(0.0, 0.0, 1.0, 0.25), preview=None),
        # metadata panel | editor | preview
        App("Khabar Editor", [str(VENV / "khabar-editor"), *GEOMETRY, "{file}"],
            text=(0.29, 0.2, 0.6, 0.9), editor=(0.27, 0.06, 0.635, 0.35),
            preview=(0.645, 0.06, 0.99, 0.45), configure=_khabar),
        # toolbar and tabs on top; editor | live preview
        App("ReText", ["retext", *GEOMETRY, "{file}"],
            text=(0.02, 0.2, 0.48, 0.9), editor=(0.0, 0.1, 0.49, 0.35),
            preview=(0.51, 0.1, 0.98, 0.35), configure=_retext),
        # outline sidebar | editor | HTML preview (dark theme)
        App("Ghostwriter", ["ghostwriter", *GEOMETRY, "{file}"],
            text=(0.13, 0.2, 0.53, 0.9), editor=(0.12, 0.04, 0.54, 0.3),
            preview=(0.56, 0.04, 0.98, 0.3), configure=_ghostwriter),
    ]
    for app in apps:
        exe = app.command[0]
        if not (Path(exe).is_file() if os.sep in exe else shutil.which(exe)):
            app.installed = False
            app.missing = f"{exe} not installed (run bench/blackbox/setup.sh)"
    return apps


def make_env(app: App, home: Path, display: str, fontconfig: Path) -> dict[str, str]:
    """The environment for one run of ``app`` with its own home folder ``home``.

    The home is kept between runs of the same app (caches stay warm, as for a user who
    has used the app before); the app's settings are written anew before every run.
    """
    runtime = home / "run"
    for sub in ("config", "data", "cache", "run"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    runtime.chmod(0o700)
    keep = {k: v for k, v in os.environ.items()
            if k in ("PATH", "LANG", "LC_ALL", "TZ", "USER", "LOGNAME", "SHELL")}
    env = {**keep, "DISPLAY": display, "HOME": str(home), "XDG_CONFIG_HOME": str(home / "config"),
           "XDG_DATA_HOME": str(home / "data"), "XDG_CACHE_HOME": str(home / "cache"),
           "XDG_RUNTIME_DIR": str(runtime), "FONTCONFIG_FILE": str(fontconfig),
           "LANG": "C.UTF-8", "QTWEBENGINE_DISABLE_SANDBOX": "1", "NO_AT_BRIDGE": "1",
           "PYTHONDONTWRITEBYTECODE": "1"}
    if app.configure is not None:
        app.configure(home, env)  # type: ignore[operator]
    return env


def write_fontconfig(folder: Path) -> Path:
    """A fontconfig file: the system's fonts plus the bundled Devanagari font; cache built."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "fonts.conf"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        f"  <dir>{FONTS}</dir>\n  <cachedir>{folder / 'cache'}</cachedir>\n</fontconfig>\n",
        encoding="utf-8")
    if shutil.which("fc-cache"):
        subprocess.run(["fc-cache"], env={**os.environ, "FONTCONFIG_FILE": str(path)},
                       capture_output=True, timeout=120, check=False)
    return path

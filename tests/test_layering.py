"""The core and the CLI never import Qt; the Qt layer depends on the core only."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import khabar_editor

SRC = Path(khabar_editor.__file__).resolve().parent


def _core_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages([str(SRC)], prefix="khabar_editor."):
        if info.name.startswith("khabar_editor.ui") or info.name == "khabar_editor.__main__":
            continue
        names.append(info.name)
    return names


def test_core_modules_do_not_import_pyside6():
    """Importing every non-UI module (CLI included) leaves PySide6 unloaded."""
    modules = _core_modules()
    assert "khabar_editor.cli.main" in modules and "khabar_editor.article.model" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.startswith('PySide6'))\n"
        "print(','.join(bad))\n"
        "sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_core_sources_have_no_qt_imports():
    """No file outside ui/ even mentions a PySide6 import (lazy imports included)."""
    offenders = []
    for path in SRC.rglob("*.py"):
        rel = path.relative_to(SRC)
        if rel.parts[0] == "ui" or rel.name == "__main__.py":
            continue
        text = path.read_text(encoding="utf-8")
        if "import PySide6" in text or "from PySide6" in text:
            offenders.append(str(rel))
    assert offenders == []

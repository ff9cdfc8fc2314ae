"""Smoke run of an installed editor (``KHABAR_SMOKE=<out dir> khabar-editor FILE``).

Used by ``scripts/smoke-bundle.sh`` on the built bundle: once the window is up with
FILE open, wait for the GUI's own proofreader (built in its worker thread), check the
article's Hindi with it, export the open package as HTML into ``<out dir>``, print one
JSON line describing what happened and exit: 0 when the file was open, Hunspell (the
bundled Enchant and dictionary) was in use and the export was written, 3 otherwise.
Never used in normal runs.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any

WAIT_SECONDS = 120.0  # dictionaries on a slow disk; the smoke run is never interactive


def run_smoke(window: Any, out_dir: str) -> None:
    """Poll until proofing is ready, then check, export, report and exit."""
    from PySide6.QtCore import QTimer

    if window.proofing.proofreader is None:
        window.proofing.start()
    started = time.monotonic()

    def poll() -> None:
        ready = window.proofing.proofreader is not None
        if not ready and time.monotonic() - started < WAIT_SECONDS:
            QTimer.singleShot(50, poll)
            return
        _finish(window, Path(out_dir), ready)

    QTimer.singleShot(0, poll)


def _finish(window: Any, out_dir: Path, ready: bool) -> None:
    report: dict[str, Any] = {"opened": str(window.session.path or ""), "proofing": ready}
    try:
        if ready:
            proofreader = window.proofing.proofreader
            report["hunspell"] = bool(proofreader.status.available)
            findings = proofreader.check_text(window.session.article.body)
            report["misspelt"] = [f.text for f in findings if f.kind == "spelling"]
            report["suggestions"] = {f.text: list(f.suggestions)[:3] for f in findings
                                     if f.kind == "spelling"}
        from khabar_editor.exporters.bundle import export_package

        out_dir.mkdir(parents=True, exist_ok=True)
        written, _bundle = export_package(window.session.package, ["html"], out_dir,
                                          as_zip=False, overwrite=True)
        report["exported"] = str(written)
    except Exception as exc:  # noqa: BLE001 - reported as the smoke result
        report["error"] = f"{type(exc).__name__}: {exc}"
    ok = bool(report["opened"] and report.get("hunspell") and report.get("exported"))
    sys.stdout.write(json.dumps(report, ensure_ascii=True) + "\n")
    sys.stdout.flush()
    os._exit(0 if ok else 3)

"""The inbox window on a folder of 1,000 Hindi packages (offscreen, in a subprocess).

Rows: time from choosing the folder to the first rows on screen, time to the whole
list, and the longest stall of the GUI event loop while the scan runs (a 10 ms
timer measures how late it fires: that is how long a click or a keystroke would wait).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"
PACKAGES = 1000

CHILD = r"""
import json, sys, time
from pathlib import Path
from PySide6.QtCore import QElapsedTimer, QTimer
from khabar_editor.ui.app import create_application
from khabar_editor.ui.inbox_window import InboxWindow

app = create_application(["bench"], "en")
folder = Path(sys.argv[1])
window = InboxWindow(None)
window.resize(1200, 700)
window.show()
app.processEvents()
result = {"first_rows_s": None, "all_rows_s": None, "max_stall_ms": 0.0}
clock = QElapsedTimer()
tick = QElapsedTimer()

def first_rows(*_args):
    if result["first_rows_s"] is None and window.proxy.rowCount() > 0:
        app.processEvents()  # painted
        result["first_rows_s"] = clock.elapsed() / 1000

def on_tick():
    late = tick.elapsed() - 10
    result["max_stall_ms"] = max(result["max_stall_ms"], float(late))
    tick.restart()

def finished():
    result["all_rows_s"] = clock.elapsed() / 1000
    result["rows"] = window.model.rowCount()
    print(json.dumps(result), flush=True)
    app.quit()

timer = QTimer()
timer.setInterval(10)
timer.timeout.connect(on_tick)
window.model.rowsInserted.connect(first_rows)
window.scan_finished.connect(finished)
clock.start()
tick.start()
timer.start()
window.set_folder(folder)
app.exec()
"""


def make_folder(folder: Path, count: int = PACKAGES) -> None:
    """``count`` packages: the sample story under different headlines."""
    sys.path.insert(0, str(SRC))
    from khabar_editor.app.sample import sample_package
    from khabar_editor.package import write_package

    pkg = sample_package()
    first = folder / "p0000.khabar"
    write_package(first, pkg, who="bench")
    for i in range(1, count):
        shutil.copyfile(first, folder / f"p{i:04}.khabar")


def run() -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        folder = tmp_path / "inbox"
        folder.mkdir()
        make_folder(folder)
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(SRC),
               "KHABAR_CONFIG_DIR": str(tmp_path / "c"), "KHABAR_DATA_DIR": str(tmp_path / "d"),
               "KHABAR_LOG_DIR": str(tmp_path / "l"), "KHABAR_LANG": "en"}
        out = subprocess.run([sys.executable, "-c", CHILD, str(folder)], env=env,
                             capture_output=True, text=True, timeout=600, check=True)
        result = json.loads(out.stdout.strip().splitlines()[-1])
    return [
        {"name": f"inbox: first rows shown ({PACKAGES} packages)",
         "value": result["first_rows_s"] * 1000, "unit": "ms", "target": "<= 1000 ms"},
        {"name": f"inbox: all {result['rows']} rows listed", "value": result["all_rows_s"],
         "unit": "s"},
        {"name": "inbox: longest GUI stall while scanning", "value": result["max_stall_ms"],
         "unit": "ms", "target": "<= 100 ms"},
    ]


if __name__ == "__main__":
    for row in run():
        print(row)

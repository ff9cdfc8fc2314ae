"""GUI speed with a 10,000-word Hindi article open (offscreen, each part in a subprocess).

Rows: cold start to an interactive window (and a bare PySide6 window measured in the
same run as the baseline), keystroke handling p95 including highlighting and
proofing underlines, preview refresh after typing pauses, keystrokes while a
preview render is running, and resident memory.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"
TARGET_WORDS = 10_000
STARTS = 5

BARE_WINDOW = (
    "from PySide6.QtWidgets import QApplication, QMainWindow\n"
    "app = QApplication([])\n"
    "w = QMainWindow(); w.resize(1366, 740); w.show()\n"
    "app.processEvents()\n"
    "print('READY', flush=True)\n"
)


def _env(tmp: Path) -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KHABAR_CONFIG_DIR": str(tmp / "c"),
            "KHABAR_DATA_DIR": str(tmp / "d"), "KHABAR_LOG_DIR": str(tmp / "l"),
            "PYTHONPATH": str(SRC), "KHABAR_LANG": "en"}


def make_article(path: Path) -> int:
    """Write a .khabar with the sample story repeated to 10,000+ words; returns the count."""
    sys.path.insert(0, str(SRC))
    from khabar_editor.app.sample import sample_package
    from khabar_editor.package import write_package
    from khabar_editor.textkit.words import count_words

    pkg = sample_package()
    body = pkg.article.body
    parts = []
    while count_words("\n\n".join(parts)) < TARGET_WORDS:
        parts.append(body)
    pkg.article.body = "\n\n".join(parts)
    write_package(path, pkg, who="bench")
    return count_words(pkg.article.body)


def _time_to_ready(cmd: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            text=True)
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.strip() == "READY":
            break
    elapsed = time.perf_counter() - started
    proc.kill()
    proc.wait()
    return elapsed


def cold_start(article: Path, tmp: Path) -> tuple[float, float]:
    """Median seconds to READY: (editor with the article, bare PySide6 window)."""
    env = _env(tmp)
    sys.path.insert(0, str(SRC))
    from khabar_editor.settings import State, save_state

    save_state(State(sample_shown=True), tmp / "c")
    editor_env = {**env, "KHABAR_BENCH_READY": "1", "KHABAR_BENCH_EXIT": "1"}
    editor, bare = [], []
    for _ in range(STARTS):
        bare.append(_time_to_ready([sys.executable, "-c", BARE_WINDOW], env))
        editor.append(_time_to_ready([sys.executable, "-m", "khabar_editor", str(article)],
                                     editor_env))
    return statistics.median(editor), statistics.median(bare)


def _open_window(article: str) -> tuple[object, object, bool]:
    """The application and a main window with ``article`` open and proofing attached."""
    from khabar_editor.settings import Settings, State
    from khabar_editor.ui.app import create_application
    from khabar_editor.ui.main_window import MainWindow

    app = create_application(["bench"], "en")
    window = MainWindow(Settings(spell_check=False), State(sample_shown=True))
    window.resize(1366, 740)
    window.show()
    window.session.open(article)
    try:
        from khabar_editor.proofing import Proofreader

        window.proofing.enabled = True
        window.proofing.set_proofreader(Proofreader("hi"))
        proofing = True
    except ImportError:
        proofing = False
    app.processEvents()  # type: ignore[attr-defined]
    return app, window, proofing


def _preview_rounds(app: object, window: object, editor: object) -> tuple[list[float], list[float]]:
    """Preview refresh times, and key times while a render runs in the worker."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    refresh: list[float] = []
    window.preview.rendered.connect(lambda _rev, ms: refresh.append(ms))  # type: ignore[attr-defined]
    during: list[float] = []
    for _ in range(8):
        QTest.keyClick(editor, Qt.Key.Key_B)
        window.preview.render_now()  # type: ignore[attr-defined]  # worker renders now
        for _k in range(5):
            start = time.perf_counter()
            QTest.keyClick(editor, Qt.Key.Key_C)
            during.append((time.perf_counter() - start) * 1000)
        want = len(refresh) + 1
        deadline = time.perf_counter() + 10
        while len(refresh) < want and time.perf_counter() < deadline:
            app.processEvents()  # type: ignore[attr-defined]
            window.preview.wait_idle(10)  # type: ignore[attr-defined]
    return refresh, during


def child(article: str) -> None:
    """In a subprocess: keystrokes, preview refresh and memory with the article open."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTextCursor
    from PySide6.QtTest import QTest

    app, window, proofing = _open_window(article)
    editor = window.editor  # type: ignore[attr-defined]
    cursor = editor.textCursor()
    cursor.setPosition(editor.document().characterCount() // 2)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfWord)
    editor.setTextCursor(cursor)
    editor.setFocus()
    keys = []
    before = editor.document().characterCount()
    for i in range(200):
        key = Qt.Key.Key_Backspace if i % 7 == 6 else Qt.Key.Key_A
        start = time.perf_counter()
        QTest.keyClick(editor, key)
        keys.append((time.perf_counter() - start) * 1000)
    typed = editor.document().characterCount() - before  # 200 keys, every 7th a backspace
    refresh, during = _preview_rounds(app, window, editor)
    rss = 0.0
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            rss = int(line.split()[1]) / 1024
    keys.sort()
    print(json.dumps({"p95": keys[int(len(keys) * 0.95) - 1], "median": statistics.median(keys),
                      "refresh": refresh, "during_max": max(during), "rss": rss,
                      "proofing": proofing, "typed": typed}))
    os._exit(0)


def run() -> list[dict]:
    """Rows for bench/run.py."""
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        article = tmp / "long.khabar"
        words = make_article(article)
        editor_s, bare_s = cold_start(article, tmp)
        out = subprocess.run([sys.executable, __file__, "--child", str(article)], env=_env(tmp),
                             capture_output=True, text=True, timeout=600)
        data = json.loads(out.stdout.strip().splitlines()[-1])
    note = f"{words} words; offscreen; proofing {'on' if data['proofing'] else 'absent'}"
    refresh = sorted(data["refresh"])
    return [
        {"name": "cold start to interactive window", "value": editor_s * 1000, "unit": "ms",
         "target": "<= 1200 ms", "baseline": round(bare_s * 1000),
         "note": f"bare PySide6 window = baseline; ratio {editor_s / bare_s:.2f}x; {note}"},
        {"name": "keystroke p95 (highlighting incl.)", "value": data["p95"], "unit": "ms",
         "target": "<= 16 ms", "note": f"median {data['median']:.2f} ms; 200 keys mid-document "
                 f"(net +{data['typed']} chars)"},
        {"name": "preview refresh after pause", "value": statistics.median(refresh), "unit": "ms",
         "target": "<= 150 ms", "note": f"max {refresh[-1]:.0f} ms; debounce fire -> HTML applied"},
        {"name": "keystroke while preview renders", "value": data["during_max"], "unit": "ms",
         "target": "<= 16 ms", "note": "max of 40 keys during a worker render"},
        {"name": "resident memory after loading", "value": data["rss"], "unit": "MB",
         "target": "<= 250 MB", "note": "VmRSS"},
    ]


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        child(sys.argv[2])
    else:
        for row in run():
            print(row)

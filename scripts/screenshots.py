"""Take the documentation screenshots of the editor with the sample Hindi article.

Runs each shot in its own process (the interface language is fixed at start),
offscreen, at 1366x768, and saves ``docs/screenshots/main-light.png``,
``main-dark.png`` and ``main-hindi-ui.png``::

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHOTS = {
    "main-light.png": {"theme": "light", "lang": "en"},
    "main-dark.png": {"theme": "dark", "lang": "en"},
    "main-hindi-ui.png": {"theme": "light", "lang": "hi"},
}
WIDTH, HEIGHT = 1366, 768


def take(target: Path, theme: str, lang: str) -> None:
    """In this process: open the sample article and grab the window into ``target``."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from khabar_editor import i18n
    from khabar_editor.app.sample import sample_package
    from khabar_editor.settings import Settings, State
    from khabar_editor.ui.app import create_application
    from khabar_editor.ui.main_window import MainWindow

    i18n.set_language(lang)
    app = create_application([sys.argv[0]], lang)
    window = MainWindow(Settings(theme=theme, ui_language=lang), State(sample_shown=True))
    window.resize(WIDTH, HEIGHT)
    window.show()
    window.session.load_package(sample_package(), None, dirty=False)
    window.proofing.set_enabled(True)

    def grab() -> None:
        window.preview.wait_idle()
        QApplication.processEvents()
        window.grab().save(str(target))
        app.quit()  # type: ignore[attr-defined]

    QTimer.singleShot(1500, grab)
    app.exec()  # type: ignore[attr-defined]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--one", nargs=3, metavar=("FILE", "THEME", "LANG"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        take(Path(args.one[0]), args.one[1], args.one[2])
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "KHABAR_CONFIG_DIR": tmp, "KHABAR_DATA_DIR": tmp,
               "KHABAR_LOG_DIR": tmp, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM",
                                                                          "offscreen")}
        for name, opts in SHOTS.items():
            subprocess.run([sys.executable, __file__, "--one", str(args.out / name),
                            opts["theme"], opts["lang"]], env=env, check=True, timeout=120)
            print(args.out / name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

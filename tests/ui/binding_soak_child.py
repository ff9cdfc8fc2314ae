"""Child process for tests/ui/test_binding_refcount.py (run as a script, not collected).

Runs in its own interpreter so that a binding which corrupts reference counts
kills only this child (``Fatal Python error: none_dealloc``, exit 134) and the
test reports a clean failure instead of the whole suite dying.

``refcount N``: N slot calls of every kind the editor uses (timer timeout to a
bound method, a lambda and a decorated slot; a custom signal with arguments),
then prints the change of ``sys.getrefcount`` for None, True and False as JSON.

``soak CHARS WORDS FOLDER``: the real main window with spell check on; types
CHARS characters of Hindi into the editor as key events, then opens a WORDS-word
article (written to FOLDER) and lets preview and proofing finish. Prints JSON
with what it saw.
"""

from __future__ import annotations

import json
import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _counts() -> dict[str, int]:
    return {"None": sys.getrefcount(None), "True": sys.getrefcount(True),
            "False": sys.getrefcount(False)}


def refcount(n: int) -> None:
    from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal, Slot

    app = QCoreApplication.instance() or QCoreApplication([])

    class Target(QObject):
        fired = Signal(int, str)

        def __init__(self) -> None:
            super().__init__()
            self.calls = 0

        def method(self) -> None:
            self.calls += 1

        @Slot()
        def decorated(self) -> None:
            self.calls += 1

        def with_args(self, _number: int, _text: str) -> None:
            self.calls += 1

    target = Target()
    target.fired.connect(target.with_args)
    timer = QTimer()
    timer.setInterval(0)
    timer.timeout.connect(target.method)
    timer.timeout.connect(target.decorated)
    ticks = {"n": 0}

    def lam() -> None:
        ticks["n"] += 1
        target.fired.emit(ticks["n"], "खबर")
        if ticks["n"] >= n:
            timer.stop()
            app.quit()

    timer.timeout.connect(lam)
    before = _counts()
    timer.start()
    app.exec()
    after = _counts()
    print(json.dumps({"calls": target.calls,
                      "delta": {k: after[k] - before[k] for k in before}}))


def _wait(app: object, condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.processEvents()  # type: ignore[attr-defined]
        if condition():
            return True
        time.sleep(0.01)
    return condition()


def soak(chars: int, words: int, folder: str) -> None:
    from pathlib import Path

    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    from khabar_editor.app.recovery import RecoveryStore
    from khabar_editor.app.session import SaveChoice
    from khabar_editor.settings import Settings, State
    from khabar_editor.ui.app import create_application
    from khabar_editor.ui.main_window import MainWindow

    from khabar_editor.ui import dialogs

    errors: list[str] = []
    dialogs.ask_save_changes = lambda *_a: SaveChoice.DISCARD  # never block on a modal
    dialogs.show_error = lambda _parent, message: errors.append(message)
    app = create_application(["soak"], "en")
    window = MainWindow(Settings(spell_check=True, theme="light"), State(sample_shown=True),
                        RecoveryStore(Path(folder) / "recovery"))
    window.resize(1366, 740)
    window.show()
    window.proofing.start()
    ready = _wait(app, lambda: window.proofing.proofreader is not None, 120)
    editor = window.editor
    editor.setFocus()
    before = _counts()
    # Paragraphs of about 300 characters, as a correspondent types them.
    text = "गंगा नदी का जलस्तर बढ़ा, प्रशासन ने राहत शिविर खोले। " * 5 + "\n"
    typed = 0
    while typed < chars:
        for ch in text[: chars - typed]:
            # What a Hindi keyboard layout delivers: a key event carrying the text.
            key = {" ": Qt.Key.Key_Space, "\n": Qt.Key.Key_Return}.get(ch, Qt.Key.Key_unknown)
            ch = "\r" if ch == "\n" else ch
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(editor, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, ch))
            typed += 1
        app.processEvents()
    after_typing = _counts()
    body_len = len(editor.toPlainText())

    sentence = "गंगा नदी का जलस्तर बढ़ने से पटना के निचले इलाक़ों में पानी भर गया है।"
    per = len(sentence.split())
    paragraphs = "\n\n".join(" ".join([sentence] * 10) for _ in range(words // (per * 10) + 1))
    big = Path(folder) / "long.md"
    big.write_text("---\nheadline: लंबी ख़बर\nlanguage: hi\n---\n\n" + paragraphs + "\n",
                   encoding="utf-8")
    window.session.open(str(big))
    _wait(app, lambda: False, 5)  # let preview, counts and proofing run on the big text
    print(json.dumps({
        "dictionaries": ready,
        "errors": errors,
        "typed": typed,
        "body_length_after_typing": body_len,
        "opened_words": len(window.editor.toPlainText().split()),
        "delta_typing": {k: after_typing[k] - before[k] for k in before},
        "delta_total": {k: v - before[k] for k, v in _counts().items()},
    }))
    sys.stdout.flush()
    os._exit(0)  # skip teardown: the verdict is already printed


if __name__ == "__main__":
    if sys.argv[1] == "refcount":
        refcount(int(sys.argv[2]))
    else:
        soak(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4])

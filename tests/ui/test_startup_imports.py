"""Start-up: the first paint imports only the editor; the rest is built after it (#15 item 2)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from khabar_editor.app.recovery import RecoveryStore
from khabar_editor.settings import Settings, State
from khabar_editor.ui.app import create_application, early_text, startup

# Loaded after the first paint (MainWindow.finish_startup), never by importing the window.
AFTER_FIRST_PAINT = ("markdown", "lxml", "yaml", "httpx", "khabar_editor.exporters",
                     "khabar_editor.proofing", "khabar_editor.delivery", "khabar_editor.render",
                     "khabar_editor.package", "khabar_editor.app.session",
                     "khabar_editor.app.preview", "khabar_editor.ui.preview_pane",
                     "khabar_editor.ui.metadata_panel", "khabar_editor.ui.outbox")

ARTICLE = "# कोसी नदी का जलस्तर घटा\n\nपिछले दो दिनों में लगभग चालीस सेंटीमीटर।\n"


def test_importing_the_window_does_not_import_what_the_first_paint_does_not_need():
    """A fresh interpreter importing ui.main_window loads none of the heavy modules."""
    code = ("import json, sys; import khabar_editor.ui.main_window; "
            f"print(json.dumps([m for m in {list(AFTER_FIRST_PAINT)!r} if m in sys.modules]))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env={**__import__("os").environ,
                                          "QT_QPA_PLATFORM": "offscreen"})
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []


def test_early_text_reads_plain_markdown_and_leaves_the_rest_to_the_open(tmp_path):
    """.md/.txt bodies are read at once (BOM, CRLF, front matter); packages, bad UTF-8 are not."""
    md = tmp_path / "a.md"
    md.write_bytes(b"\xef\xbb\xbf" + ARTICLE.replace("\n", "\r\n").encode())
    assert early_text(str(md)) == ARTICLE
    front = tmp_path / "b.md"
    front.write_text("---\nheadline: x\n---\n" + ARTICLE, encoding="utf-8")
    assert early_text(str(front)) == ARTICLE  # the body only
    unclosed = tmp_path / "b2.md"
    unclosed.write_text("---\nheadline: x\n" + ARTICLE, encoding="utf-8")
    bad = tmp_path / "c.txt"
    bad.write_bytes(b"\xff\xfe not utf-8")
    package = tmp_path / "d.khabar"
    package.write_bytes(b"PK")
    for path in (unclosed, bad, package, tmp_path / "missing.md"):
        assert early_text(str(path)) is None
    assert early_text(None) is None


def _deferred(qtbot, khabar_dirs):
    from khabar_editor.ui.main_window import MainWindow

    create_application(["test"], "en")
    window = MainWindow(Settings(spell_check=False, theme="light"), State(sample_shown=True),
                        RecoveryStore(khabar_dirs / "recovery"), defer=True)
    qtbot.addWidget(window)
    return window


@pytest.mark.parametrize("front", ["", "---\nheadline: कोसी\n---\n"])
def test_deferred_window_paints_the_text_then_opens_the_file_without_losing_it(
        qtbot, khabar_dirs, answered, tmp_path, front):
    """The early text is shown before the session exists; after start-up it is the article."""
    path = tmp_path / "article.md"
    path.write_text(front + ARTICLE, encoding="utf-8")
    window = _deferred(qtbot, khabar_dirs)
    assert not hasattr(window, "session") and not hasattr(window, "preview")
    window.show_text_early(early_text(str(path)))
    window.show()
    done = []
    window.finish_after_first_paint(then=lambda: (startup(window, str(path)), done.append(1)))
    qtbot.waitUntil(lambda: bool(done), timeout=5000)
    assert window.editor.toPlainText() == ARTICLE
    assert window.session.article.body == ARTICLE
    assert window.preview.isVisible() and window.metadata is not None
    assert answered["errors"] == []


def test_early_text_is_dropped_when_the_file_cannot_be_opened(qtbot, khabar_dirs, answered,
                                                              tmp_path):
    """If the full open fails, the editor shows the session's (empty) article, not stale text."""
    window = _deferred(qtbot, khabar_dirs)
    window.show_text_early("text of a file that is gone")
    window.show()
    window.finish_startup()
    startup(window, str(tmp_path / "gone.md"))
    assert window.editor.toPlainText() == window.session.article.body == ""
    assert len(answered["errors"]) == 1

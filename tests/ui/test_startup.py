"""Start-up: first run shows the sample, a file argument opens, recovery comes first."""

from __future__ import annotations

import json

from khabar_editor.app.session import RestoreChoice
from khabar_editor.ui.app import _parse, startup


def test_first_start_opens_the_sample(make_window):
    """On the very first start the sample Hindi article opens, unmodified."""
    window = make_window()
    window.state.sample_shown = False
    startup(window, None)
    assert window.session.article.headline.startswith("कोसी")
    assert window.state.sample_shown and not window.session.dirty
    assert window.session.package.wordlist  # the sample's names travel with it


def test_text_area_has_the_focus_after_start(make_window, qtbot):
    """A correspondent can start typing right away, without clicking into the text."""
    window = make_window()
    window.metadata.w["headline"].setFocus()
    startup(window, None)
    qtbot.waitUntil(window.editor.hasFocus, timeout=2000)


def test_file_argument_is_opened(make_window, tmp_path):
    """A .md given on the command line is imported into the window."""
    md = tmp_path / "a.md"
    md.write_text("पहली पंक्ति\n", encoding="utf-8")
    window = make_window()
    startup(window, str(md))
    assert window.editor.toPlainText().strip() == "पहली पंक्ति"


def test_recovery_is_offered_before_the_file(make_window, answered, tmp_path):
    """A crashed session's text is restored instead of opening the sample."""
    first = make_window()
    first.editor.insertPlainText("बचाया गया पाठ")
    assert first.session.autosave()
    entry = first.session.recovery.entry_path(first.session.session_id)
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["pid"] = 2 ** 22 + 777  # as if that process had died
    entry.write_text(json.dumps(data), encoding="utf-8")
    answered["restore"] = RestoreChoice.RESTORE
    second = make_window()
    second.state.sample_shown = False
    startup(second, None)
    assert second.editor.toPlainText().strip() == "बचाया गया पाठ" and second.session.dirty


def test_command_line_ignores_qt_options():
    """Qt's own options pass through; the file and --lang are understood."""
    args = _parse(["-platform", "offscreen", "story.khabar", "--lang", "hi"])
    assert args.file == "story.khabar" and args.lang == "hi"

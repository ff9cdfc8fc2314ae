"""The writing area: Devanagari typing, grapheme-cluster cursor, highlighting, find bar."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.ui.conftest import type_text
from khabar_editor.ui.fonts import BUNDLED_FAMILY, load_bundled_fonts
from khabar_editor.ui.textpos import cp_to_utf16, snap_to_graphemes, utf16_to_cp


def test_bundled_font_is_registered(qapp):
    """Noto Sans Devanagari is available to Qt after start-up."""
    assert BUNDLED_FAMILY in load_bundled_fonts()


def test_typing_devanagari_reaches_the_article(window, qtbot):
    """Hindi typed with key events ends up in the article body and the word count."""
    window.editor.setFocus()
    type_text(window.editor, "क्षेत्र में बाढ़ आई।")
    assert window.editor.toPlainText() == "क्षेत्र में बाढ़ आई।"
    assert window.session.dirty
    window.flush_edits()
    assert window.session.article.body == "क्षेत्र में बाढ़ आई।"
    qtbot.waitUntil(lambda: window.status_counts.text().startswith("4 words"), timeout=3000)


def test_right_arrow_moves_over_a_whole_cluster(window):
    """One Right press moves past all four code points of क्षि; Shift+Right selects it."""
    window.editor.setPlainText("क्षि क")
    cursor = window.editor.textCursor()
    cursor.setPosition(0)
    window.editor.setTextCursor(cursor)
    QTest.keyClick(window.editor, Qt.Key.Key_Right)
    assert window.editor.textCursor().position() == 4
    cursor.setPosition(0)
    window.editor.setTextCursor(cursor)
    QTest.keyClick(window.editor, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert window.editor.textCursor().selectedText() == "क्षि"


def test_utf16_conversions_with_emoji():
    """Code points and UTF-16 positions convert both ways around an emoji."""
    text = "🙏 क्षि"
    assert cp_to_utf16(text, 2) == 3 and utf16_to_cp(text, 3) == 2
    assert snap_to_graphemes("अक्षिता", 2, 3) == (1, 5)


def _underlined(window, block_number=0):
    block = window.editor.document().findBlockByNumber(block_number)
    return [(r.start, r.start + r.length) for r in block.layout().formats()
            if r.format.underlineStyle() != r.format.UnderlineStyle.NoUnderline]


def test_findings_are_underlined_on_whole_clusters(window, qtbot):
    """A finding that starts/ends inside a cluster is widened to whole clusters."""
    window.editor.setPlainText("अक्षिता आई")
    window.highlighter.set_findings_provider(lambda text: [(2, 3, "spelling")])
    spans = _underlined(window)
    assert spans and min(s for s, _e in spans) == 1 and max(e for _s, e in spans) == 5
    window.highlighter.set_findings_provider(None)
    assert _underlined(window) == []


def test_findings_provider_errors_do_not_break_typing(window):
    """A provider that raises is logged; the text stays editable and unformatted."""
    def broken(text):
        raise RuntimeError("boom")

    window.highlighter.set_findings_provider(broken)
    type_text(window.editor, "नमस्ते")
    assert window.editor.toPlainText() == "नमस्ते" and _underlined(window) == []


def test_markdown_heading_is_bold(window):
    """A '## ' line is highlighted bold."""
    window.editor.setPlainText("## उपशीर्षक\nसादा पाठ")
    formats = window.editor.document().firstBlock().layout().formats()
    assert any(r.format.fontWeight() >= 700 for r in formats)
    second = window.editor.document().findBlockByNumber(1).layout().formats()
    assert not any(r.format.fontWeight() >= 700 for r in second)


def test_find_bar_ignore_nukta_and_replace_all(window):
    """The find bar finds ज़मीन for जमीन with 'ignore nukta', and replace all is one undo."""
    window.editor.setPlainText("ज़मीन और जमीन")
    window.on_find()
    bar = window.find_bar
    assert bar.isVisible()
    bar.find_edit.setText("जमीन")
    cursor = window.editor.textCursor()
    cursor.setPosition(0)
    window.editor.setTextCursor(cursor)
    assert bar.find_next() and window.editor.textCursor().selectedText() == "जमीन"
    bar.ignore_nukta.setChecked(True)
    cursor.setPosition(0)
    window.editor.setTextCursor(cursor)
    assert bar.find_next() and window.editor.textCursor().selectedText() == "ज़मीन"
    bar.replace_edit.setText("भूमि")
    assert bar.replace_all() == 2
    assert window.editor.toPlainText() == "भूमि और भूमि"
    window.editor.undo()
    assert window.editor.toPlainText() == "ज़मीन और जमीन"


def test_line_numbers_toggle(window):
    """Line numbers are off by default and the action turns them on."""
    assert not window.editor.line_numbers_visible()
    window.actions_by_name["line_numbers"].setChecked(True)
    assert window.editor.line_numbers_visible() and window.editor.viewportMargins().left() > 0


def test_zoom_in_and_reset(window):
    """Zoom in enlarges the editor font; reset restores the preference size."""
    size = window.editor.font().pointSize()
    window.actions_by_name["zoom_in"].trigger()
    assert window.editor.font().pointSize() > size
    window.actions_by_name["zoom_reset"].trigger()
    assert window.editor.font().pointSize() == size


def test_undo_redo_actions(window):
    """Undo and redo actions act on the editor."""
    type_text(window.editor, "राम")
    window.actions_by_name["undo"].trigger()
    assert window.editor.toPlainText() == ""
    window.actions_by_name["redo"].trigger()
    assert window.editor.toPlainText() == "राम"


def test_every_action_has_a_shortcut_except_about(window):
    """Keyboard shortcuts exist for every action (About and the sample story need none)."""
    missing = [n for n, a in window.actions_by_name.items() if a.shortcut().isEmpty()]
    assert sorted(missing) == ["about", "sample"]
    shortcuts = [a.shortcut().toString() for a in window.actions_by_name.values()
                 if not a.shortcut().isEmpty()]
    assert len(shortcuts) == len(set(shortcuts))  # no key does two things


def test_zoom_keys_work_with_and_without_shift(window):
    """Ctrl+= (no Shift needed), Ctrl+Shift++ and the keypad's Ctrl++ all zoom in; Ctrl+- out."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    ctrl = Qt.KeyboardModifier.ControlModifier
    window.editor.setFocus()
    size = window.editor.font().pointSizeF()
    for key, mods in ((Qt.Key.Key_Equal, ctrl), (Qt.Key.Key_Plus, ctrl),
                      (Qt.Key.Key_Plus, ctrl | Qt.KeyboardModifier.ShiftModifier),
                      (Qt.Key.Key_Plus, ctrl | Qt.KeyboardModifier.KeypadModifier)):
        QTest.keyClick(window.editor, key, mods)
        assert window.editor.font().pointSizeF() == size + 1
        size += 1
    QTest.keyClick(window.editor, Qt.Key.Key_Minus, ctrl)
    assert window.editor.font().pointSizeF() == size - 1
    assert window.settings.zoom == 3

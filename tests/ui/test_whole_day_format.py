"""Issue 12, item 2: Format menu commands edit the Markdown, toggle, and undo in one step."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest

from khabar_editor.ui.format_actions import link_markdown, link_problem


def _select(editor, start: int, end: int) -> None:
    cursor = editor.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)


def test_ctrl_b_and_ctrl_i_wrap_and_unwrap_one_undo_step(window, qtbot):
    """Ctrl+B makes the selected word **bold**, again removes it; each is one Undo."""
    editor = window.editor
    editor.setPlainText("बाढ़ से राहत")
    editor.setFocus()
    _select(editor, 0, 4)
    QTest.keyClick(editor, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == "**बाढ़** से राहत"
    assert editor.textCursor().selectedText() == "बाढ़"
    QTest.keyClick(editor, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == "बाढ़ से राहत"
    editor.undo()
    assert editor.toPlainText() == "**बाढ़** से राहत"
    editor.undo()
    assert editor.toPlainText() == "बाढ़ से राहत"
    _select(editor, 8, 12)
    QTest.keyClick(editor, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == "बाढ़ से _राहत_"


def test_ctrl_i_no_longer_opens_import(window, qtbot, monkeypatch):
    """Import moved to Ctrl+Shift+I; Ctrl+I is Italic."""
    assert window.actions_by_name["import"].shortcut().toString() == "Ctrl+Shift+I"
    assert window.actions_by_name["italic"].shortcut().toString() == "Ctrl+I"


@pytest.mark.parametrize("action, expected", [
    ("heading2", "## पहली पंक्ति\n## दूसरी पंक्ति"),
    ("heading3", "### पहली पंक्ति\n### दूसरी पंक्ति"),
    ("bullets", "- पहली पंक्ति\n- दूसरी पंक्ति"),
    ("numbers", "1. पहली पंक्ति\n2. दूसरी पंक्ति"),
    ("quote", "> पहली पंक्ति\n> दूसरी पंक्ति"),
])
def test_line_commands_prefix_every_selected_line_and_toggle(window, action, expected):
    """Headings, lists and quotes prefix each selected line; the same command removes them."""
    editor = window.editor
    editor.setPlainText("पहली पंक्ति\nदूसरी पंक्ति")
    editor.setFocus()
    editor.selectAll()
    window.actions_by_name[action].trigger()
    assert editor.toPlainText() == expected
    editor.selectAll()
    window.actions_by_name[action].trigger()
    assert editor.toPlainText() == "पहली पंक्ति\nदूसरी पंक्ति"
    editor.undo()
    assert editor.toPlainText() == expected


def test_heading_replaces_another_heading_and_list_kinds_switch(window):
    """Ctrl+3 on a "## " line makes it "### "; numbering a bulleted list replaces the bullets."""
    editor = window.editor
    editor.setPlainText("## शीर्षक")
    editor.setFocus()
    window.actions_by_name["heading3"].trigger()
    assert editor.toPlainText() == "### शीर्षक"
    editor.setPlainText("- एक\n- दो")
    editor.selectAll()
    window.actions_by_name["numbers"].trigger()
    assert editor.toPlainText() == "1. एक\n2. दो"


def test_link_dialog_values_become_markdown(window):
    """Ctrl+K asks for the address and writes [text](url); a bad address changes nothing."""
    editor = window.editor
    editor.setPlainText("ज़िला प्रशासन ने कहा")
    editor.setFocus()
    _select(editor, 0, 13)
    window.formatter.ask_link = lambda parent, text: (text, "https://example.org/a b")
    QTest.keyClick(editor, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == "[ज़िला प्रशासन](https://example.org/a%20b) ने कहा"
    window.formatter.ask_link = lambda parent, text: (text, "javascript:alert(1)")
    editor.selectAll()
    window.actions_by_name["link"].trigger()
    assert editor.toPlainText() == "[ज़िला प्रशासन](https://example.org/a%20b) ने कहा"
    assert link_problem("javascript:alert(1)") and link_problem("") and not link_problem(
        "mailto:desk@example.org")
    assert link_markdown("a]b", "https://x.org/(1)") == "[a\\]b](https://x.org/%281%29)"


def test_format_commands_leave_the_details_fields_alone(window):
    """Ctrl+B with the focus in the headline puts no asterisks anywhere."""
    window.editor.setPlainText("पाठ")
    headline = window.metadata.w["headline"]
    headline.setFocus()
    window.actions_by_name["bold"].trigger()
    assert window.editor.toPlainText() == "पाठ" and "*" not in headline.text()


def test_format_menu_and_toolbar_exist(window):
    """The menu bar has a Format menu and the window a format toolbar with the commands."""
    titles = [a.text() for a in window.menuBar().actions()]
    assert "F&ormat" in titles
    toolbar = window.findChild(type(window.findChild(object, "mainToolbar")), "formatToolbar")
    assert toolbar is not None
    assert window.actions_by_name["bold"] in toolbar.actions()

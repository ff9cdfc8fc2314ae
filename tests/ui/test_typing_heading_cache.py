"""Typing Enter or pasting lines keeps the editor's subhead list without reading the text."""

from __future__ import annotations

import random

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

from khabar_editor.app.scrollmap import heading_lines
from khabar_editor.ui import scroll_sync


def _editor(qtbot, paragraphs: int, fence: bool = False) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    qtbot.addWidget(edit)
    lines = [f"## खंड {i}" if i % 7 == 0 else f"अनुच्छेद {i} का पाठ।" for i in range(paragraphs)]
    if fence:
        lines[3:3] = ["```", "# कोड में, शीर्षक नहीं", "```"]
    edit.setPlainText("\n\n".join(lines))
    return edit


def _kept(edit) -> list[int]:
    return scroll_sync._cache(edit, scroll_sync._editor_heading_blocks,
                              line_edits_keep=True).blocks()


def _enter_work(qtbot, paragraphs: int) -> int:
    edit = _editor(qtbot, paragraphs)
    _kept(edit)
    before = scroll_sync.blocks_walked
    cursor = QTextCursor(edit.document().findBlockByNumber(edit.document().blockCount() // 2))
    for step in range(5):
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
        cursor.insertText(f"\nनई पंक्ति {step}")
        _kept(edit)
    return scroll_sync.blocks_walked - before


def test_new_lines_look_only_at_the_lines_they_touch_at_n_and_4n(qtbot):
    """Five Enter presses look at the same few blocks at n and 4n paragraphs (they re-read
    the whole text before)."""
    assert _enter_work(qtbot, 4000) == _enter_work(qtbot, 1000) <= 15


def test_the_kept_list_equals_the_headings_of_the_text_after_random_edits(qtbot):
    """New lines, new subheads, joined lines and deleted stretches: the kept list is what
    reading the text finds; with a code fence in the text it is read again and still right."""
    rng = random.Random(15)
    for fence in (False, True):
        edit = _editor(qtbot, 200, fence)
        _kept(edit)
        for step in range(60):
            doc = edit.document()
            cursor = QTextCursor(doc)
            cursor.setPosition(rng.randrange(doc.characterCount() - 1))
            kind = step % 4
            if kind == 0:
                cursor.insertText(f"\n## नया {step}\n")
            elif kind == 1:
                cursor.insertText("\n")
            elif kind == 2:
                cursor.movePosition(QTextCursor.MoveOperation.NextCharacter,
                                    QTextCursor.MoveMode.KeepAnchor, rng.randrange(1, 80))
                cursor.removeSelectedText()
            else:
                cursor.insertText(f"शब्द{step}")
            assert _kept(edit) == heading_lines(edit.toPlainText()), (fence, step)

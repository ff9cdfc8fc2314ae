"""Typing in a long document does work for the edited block only; the spell pass is sliced."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextCursor

from khabar_editor.app.sample import sample_package
from khabar_editor.proofing import Proofreader
from khabar_editor.textkit.words import count_graphemes, count_words
from tests.ui.conftest import type_text


def _long_body(words: int) -> str:
    body = sample_package().article.body
    parts = [body]
    per_copy = count_words(body)
    parts *= words // per_copy + 1
    return "\n\n".join(parts)


@pytest.fixture(scope="module")
def body_100k() -> str:
    """A Markdown body of a little over 100,000 words."""
    return _long_body(100_000)


def _put_cursor_in_middle(editor) -> None:
    block = editor.document().findBlockByNumber(editor.document().blockCount() // 2)
    cursor = QTextCursor(block)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    editor.setTextCursor(cursor)


def test_a_keystroke_in_a_100k_word_document_rehighlights_only_its_block(
        window, qtbot, tmp_path, body_100k):
    """One key press re-highlights a block or two, not the document, and the count stays exact."""
    window.proofing.set_proofreader(Proofreader("hi", personal=tmp_path / "w.txt"))
    window.actions_by_name["spell_check"].setChecked(True)
    window.editor.setPlainText(body_100k)
    window.highlighter.finish_pending()
    _put_cursor_in_middle(window.editor)
    before = window.highlighter.blocks_highlighted
    type_text(window.editor, "क")
    assert window.highlighter.blocks_highlighted - before <= 2
    assert window.highlighter.pending_blocks() == 0
    text = window.editor.toPlainText()
    assert window.status_counts.text().startswith(f"{count_words(text)} words")
    counts = window.editor.counts
    assert counts.total_words == count_words(text) > 100_000
    assert counts.characters == count_graphemes(text)


def test_the_spell_pass_on_a_long_document_runs_in_slices(window, qtbot, tmp_path, body_100k):
    """When the dictionaries arrive, only a slice is proofed at once; the rest follows."""
    window.editor.setPlainText(body_100k)
    window.actions_by_name["spell_check"].setChecked(True)
    window.proofing.set_proofreader(Proofreader("hi", personal=tmp_path / "w.txt"))
    blocks = window.editor.document().blockCount()
    assert 0 < window.highlighter.pending_blocks() < blocks
    qtbot.waitUntil(lambda: window.highlighter.pending_blocks() == 0, timeout=60_000)
    last = window.editor.document().lastBlock()
    while not last.text().strip():
        last = last.previous()
    assert any(r.format.underlineStyle() != r.format.UnderlineStyle.NoUnderline
               for r in last.layout().formats()) or not window.proofing.proofreader.check_paragraph(
        last.text())


def test_typing_a_line_break_keeps_counts_and_queue_in_step(window, qtbot):
    """Enter, Backspace and typed words keep the live count equal to a full recount."""
    window.editor.setPlainText("पहला अनुच्छेद भारत-पाक https://a.example/x-y\n\nदूसरा")
    cursor = window.editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    window.editor.setTextCursor(cursor)
    type_text(window.editor, "\r नया शब्द 1,25,000")
    window.editor.textCursor().deletePreviousChar()
    text = window.editor.toPlainText()
    assert window.editor.counts.total_words == count_words(text)
    assert window.status_counts.text().startswith(f"{count_words(text)} words")


def test_typing_in_one_long_paragraph_checks_as_many_words_at_four_times_the_length(
        window, tmp_path):
    """Growth: keystrokes in a 4n-character paragraph proof no more words than at n."""
    from tests.proofing.test_long_paragraphs import paragraph

    proofreader = Proofreader("hi", personal=tmp_path / "w.txt")
    window.proofing.set_proofreader(proofreader)
    window.actions_by_name["spell_check"].setChecked(True)
    work = []
    for sentences in (60, 240):
        window.editor.setPlainText(paragraph(sentences))
        window.highlighter.finish_pending()
        cursor = window.editor.textCursor()
        cursor.setPosition(window.editor.document().characterCount() // 2)
        window.editor.setTextCursor(cursor)
        before = proofreader.words_checked
        type_text(window.editor, "कखगघ")
        work.append(proofreader.words_checked - before)
        assert window.highlighter.pending_blocks() == 0
    assert work[0] > 0 and work[1] <= 1.5 * work[0]


def test_kept_text_is_qts_text_after_any_edit(window):
    """The editor's kept text equals Qt's own toPlainText after typing, pastes, undo and loads."""
    import random

    from PySide6.QtWidgets import QPlainTextEdit

    editor = window.editor
    rng = random.Random(4)
    editor.setPlainText("पहला अनुच्छेद\n\n## शीर्षक\nदूसरा\u00a0शब्द")
    inserts = ["क", " ", "\n", "\u00a0", "भारत-पाक\nनई पंक्ति", "\u2028", ""]
    for step in range(300):
        cursor = editor.textCursor()
        a = rng.randrange(editor.document().characterCount())
        cursor.setPosition(a)
        cursor.setPosition(min(editor.document().characterCount() - 1, a + rng.randrange(6)),
                           QTextCursor.MoveMode.KeepAnchor)
        if step % 37 == 36:
            editor.undo()
        else:
            cursor.insertText(rng.choice(inserts))
        assert editor.toPlainText() == QPlainTextEdit.toPlainText(editor)
        assert editor.counts.total_words == count_words(QPlainTextEdit.toPlainText(editor))
    assert editor.rereads <= 1  # kept up to date edit by edit, not read again
    editor.setPlainText("नया लेख")
    assert editor.toPlainText() == "नया लेख"
    editor.document().blockSignals(True)
    QTextCursor(editor.document()).insertText("चुपचाप ")
    editor.document().blockSignals(False)
    assert editor.toPlainText() == "चुपचाप नया लेख"

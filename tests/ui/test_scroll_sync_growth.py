"""The scroll sync does not walk every block on each call: its work is independent of length."""

from __future__ import annotations

import time

from khabar_editor.app.sample import sample_package
from khabar_editor.ui import scroll_sync

HEADINGS = 8


def _load(window, qtbot, paragraphs: int) -> None:
    package = sample_package()
    per_section = paragraphs // HEADINGS
    package.article.body = "\n\n".join(
        f"## खंड {i}\n\n" + "\n\n".join(f"अनुच्छेद {i}.{j} का छोटा पाठ।" for j in range(per_section))
        for i in range(HEADINGS))
    window.session.load_package(package, None, dirty=False)
    qtbot.waitUntil(lambda: window.preview.applied_revision == window.session.revision,
                    timeout=20000)
    qtbot.waitUntil(lambda: window.preview.verticalScrollBar().maximum() > 0, timeout=5000)


def _calls(window, rounds: int = 30) -> tuple[int, float]:
    """Blocks walked and best CPU time per sync over ``rounds`` scrolls (caches warm)."""
    bar = window.editor.verticalScrollBar()
    scroll_sync.sync_preview(window.editor, window.preview)  # warm
    walked = scroll_sync.blocks_walked
    best = float("inf")
    for k in range(rounds):
        bar.blockSignals(True)
        bar.setValue(bar.maximum() * k // rounds)
        bar.blockSignals(False)
        start = time.thread_time()
        scroll_sync.sync_preview(window.editor, window.preview)
        best = min(best, time.thread_time() - start)
    return scroll_sync.blocks_walked - walked, best


def test_sync_work_does_not_grow_with_blocks(make_window, qtbot):
    """Repeated syncs at n and 4n blocks walk no block; per-call time at 4n is within 2x of n."""
    window = make_window()
    window.resize(1100, 600)
    _load(window, qtbot, 400)
    walked_n, time_n = _calls(window)
    _load(window, qtbot, 1600)
    walked_4n, time_4n = _calls(window)
    assert walked_n == 0 and walked_4n == 0
    assert time_4n <= 2 * time_n + 0.0005, (time_n, time_4n)


def test_edits_invalidate_the_cached_headings(make_window, qtbot):
    """A subhead typed into the text and rendered is found by both sides' next sync."""
    window = make_window()
    _load(window, qtbot, 80)
    assert len(scroll_sync.editor_heading_positions(window.editor)) == HEADINGS
    assert len(scroll_sync.preview_heading_positions(window.preview)) == HEADINGS
    cursor = window.editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    cursor.insertText("\n\n## नया खंड\n\nनया पाठ।")
    assert len(scroll_sync.editor_heading_positions(window.editor)) == HEADINGS + 1
    window.preview.render_now()
    qtbot.waitUntil(lambda: len(scroll_sync.preview_heading_positions(window.preview))
                    == HEADINGS + 1, timeout=10000)
    positions = scroll_sync.preview_heading_positions(window.preview)
    assert positions == sorted(positions)


def test_typing_in_a_paragraph_keeps_the_list_but_headings_and_fences_refresh_it(make_window,
                                                                                  qtbot):
    """A letter typed in a paragraph walks no block; a new '#' line or a code fence is seen."""
    window = make_window()
    _load(window, qtbot, 80)
    editor = window.editor
    assert len(scroll_sync.editor_heading_positions(editor)) == HEADINGS
    paragraph = editor.document().findBlockByNumber(2)
    assert paragraph.text().startswith("अनुच्छेद")
    cursor = editor.textCursor()
    cursor.setPosition(paragraph.position() + 3)
    walked = scroll_sync.blocks_walked
    cursor.insertText("क")
    assert len(scroll_sync.editor_heading_positions(editor)) == HEADINGS
    assert scroll_sync.blocks_walked == walked
    cursor.setPosition(paragraph.position())
    cursor.insertText("## ")  # the paragraph becomes a subhead
    assert len(scroll_sync.editor_heading_positions(editor)) == HEADINGS + 1
    cursor.setPosition(paragraph.position())
    cursor.insertText("```")  # now a code fence opens: every later '#' line is code
    assert len(scroll_sync.editor_heading_positions(editor)) == 1
    cursor.setPosition(paragraph.position())
    cursor.deleteChar()  # "``## ..." : no fence, no heading
    assert len(scroll_sync.editor_heading_positions(editor)) == HEADINGS


"""The preview's work per refresh does not grow with the length of the article.

Work is counted, not timed: layout passes (``contentsChange`` of the preview's
document), blocks looked at to keep the subhead list, subhead positions asked per
scroll sync, renders started while the pane is hidden, parts per build slice.
"""

from __future__ import annotations

import random

from PySide6.QtWidgets import QMainWindow

from khabar_editor.app.sample import sample_package
from khabar_editor.ui import preview_pane, scroll_sync
from tests.ui.test_incremental_preview import _blocks, _pane, _refresh


def _article(paragraphs: int):
    pkg = sample_package()
    body = []
    for i in range(paragraphs):
        body.append(f"## खंड {i}" if i % 9 == 0 else f"अनुच्छेद {i} में कुछ शब्द हैं और एक वाक्य।")
    pkg.article.body = "\n\n".join(body)
    return pkg, body


def _typing_work(qtbot, paragraphs: int) -> tuple[list[int], list[int]]:
    """Layout passes and heading blocks looked at for each of 6 one-paragraph edits."""
    pkg, body = _article(paragraphs)
    pane = _pane(qtbot, pkg.article, pkg.media)
    _refresh(pane, qtbot)
    scroll_sync.preview_heading_positions(pane)  # the heading list is known
    changes = []
    pane.document().contentsChange.connect(lambda *_a: changes.append(1))
    passes, walked = [], []
    for step in range(6):
        i = 1 + (paragraphs // 2) + step  # never a heading line (i % 9 != 0 here)
        if i % 9 == 0:
            i += 1
        body[i] += f" शब्द{step}"
        pkg.article.body = "\n\n".join(body)
        changes.clear()
        before = scroll_sync.blocks_walked
        _refresh(pane, qtbot)
        scroll_sync.preview_heading_positions(pane)
        passes.append(len(changes))
        walked.append(scroll_sync.blocks_walked - before)
    return passes, walked


def test_one_paragraph_edit_is_one_layout_pass_and_a_few_blocks_at_n_and_4n(qtbot):
    """At n and 4n paragraphs, a refresh is one change of the page and looks at the same blocks."""
    passes_n, walked_n = _typing_work(qtbot, 150)
    passes_4n, walked_4n = _typing_work(qtbot, 600)
    assert passes_n == passes_4n == [1] * 6
    assert max(walked_4n) <= 4 and walked_4n == walked_n


def test_the_folded_heading_list_equals_a_fresh_walk(qtbot):
    """After random inserts, deletes and edits, the kept subhead list is what a walk finds."""
    pkg, body = _article(120)
    pane = _pane(qtbot, pkg.article, pkg.media)
    _refresh(pane, qtbot)
    scroll_sync.preview_heading_positions(pane)
    rng = random.Random(4)
    for step in range(20):
        i = rng.randrange(1, len(body))
        kind = step % 4
        if kind == 0:
            body.insert(i, f"## नया खंड {step}")
        elif kind == 1 and len(body) > 10:
            body.pop(i)
        elif kind == 2:
            body[i] = f"### बदला {step}"
        else:
            body[i] = f"सादा अनुच्छेद {step}"
        pkg.article.body = "\n\n".join(body)
        _refresh(pane, qtbot)
        kept = scroll_sync._cache(pane, scroll_sync._preview_heading_blocks).blocks()
        fresh, _special = scroll_sync._preview_heading_blocks(pane.document())
        assert kept == fresh


def _positions_asked(window, qtbot, paragraphs: int, monkeypatch) -> list[int]:
    pkg, _body = _article(paragraphs)
    window.session.load_package(pkg, None, dirty=False)
    qtbot.waitUntil(lambda: window.preview.applied_revision == window.session.revision,
                    timeout=30_000)
    qtbot.waitUntil(lambda: window.preview.verticalScrollBar().maximum() > 0, timeout=5000)
    asked = []
    for name in ("_editor_position", "_preview_position"):
        original = getattr(scroll_sync, name)

        def counted(doc, number, original=original):
            asked.append(1)
            return original(doc, number)

        monkeypatch.setattr(scroll_sync, name, counted)
    bar = window.editor.verticalScrollBar()
    per_sync = []
    for k in range(8):
        bar.setValue(bar.maximum() * k // 8)
        asked.clear()
        scroll_sync.sync_preview(window.editor, window.preview)
        per_sync.append(len(asked))
    monkeypatch.undo()
    return per_sync


def test_a_scroll_sync_asks_for_a_few_subhead_positions_at_n_and_4n(make_window, qtbot,
                                                                     monkeypatch):
    """The sync maps through the subheads around the editor's position, not all of them."""
    window = make_window()
    n = _positions_asked(window, qtbot, 200, monkeypatch)
    four_n = _positions_asked(window, qtbot, 800, monkeypatch)
    assert max(four_n) <= 2 * 2 * scroll_sync.NEIGHBOURS
    assert max(four_n) <= max(n)


def test_a_hidden_preview_renders_nothing_and_renders_once_when_shown(qtbot):
    """Edits while the pane is hidden start no render; showing it renders the latest once."""
    pkg, body = _article(30)
    host = QMainWindow()
    qtbot.addWidget(host)
    pane = _pane(qtbot, pkg.article, pkg.media, parent=host)
    host.setCentralWidget(pane)
    host.resize(700, 600)
    host.show()
    _refresh(pane, qtbot)
    pane.hide()
    started = pane.renders_started
    for step in range(5):
        body[3] += f" छुपा{step}"
        pkg.article.body = "\n\n".join(body)
        pane.schedule()
        pane.render_now()
    qtbot.wait(300)
    assert pane.renders_started == started
    with qtbot.waitSignal(pane.rendered, timeout=10_000):
        pane.show()
    assert pane.renders_started == started + 1
    assert "छुपा4" in pane.toPlainText()


def test_a_long_page_is_built_in_slices_top_first_and_ends_like_one_build(qtbot, monkeypatch):
    """Opening a long article shows its top after the first slice; the finished page is the
    same as one built in a single go."""
    pkg, _body = _article(900)
    monkeypatch.setattr(preview_pane, "BUILD_SLICE_MS", 1.0)
    sliced = _pane(qtbot, pkg.article, pkg.media)
    shown_while_building = []
    sliced.document()  # the first document; the build sets another
    sliced._build_timer.timeout.connect(
        lambda: shown_while_building.append(sliced.building and "खंड 0" in sliced.toPlainText()))
    _refresh(sliced, qtbot)
    assert len(sliced.build_slices) > 3
    assert any(shown_while_building)
    monkeypatch.setattr(preview_pane, "BUILD_SLICE_MS", 1e9)
    whole = _pane(qtbot, pkg.article, pkg.media)
    _refresh(whole, qtbot)
    assert len(whole.build_slices) == 1
    assert _blocks(sliced) == _blocks(whole)


def test_typing_during_a_sliced_build_lands_in_the_finished_page(qtbot, monkeypatch):
    """Edits that arrive while the page is still being built, before or after the built
    part, are all in the page once it is complete."""
    monkeypatch.setattr(preview_pane, "BUILD_SLICE_MS", 1.0)
    pkg, body = _article(600)
    pane = _pane(qtbot, pkg.article, pkg.media)
    pane.render_now()
    qtbot.waitUntil(lambda: pane.building and len(pane._parts) > 3, timeout=20_000)
    body[1] += " ऊपरबदला"  # a part already built
    pkg.article.body = "\n\n".join(body)
    pane.render_now()
    qtbot.waitUntil(lambda: pane.applied_revision == pane._wanted or
                    pane._pending_revision == pane._wanted, timeout=20_000)
    body[590] += " नीचेबदला"  # a part still to come
    pkg.article.body = "\n\n".join(body)
    pane.render_now()
    latest = pane._wanted
    qtbot.waitUntil(lambda: pane.applied_revision == latest and not pane.building,
                    timeout=20_000)
    text = pane.toPlainText()
    assert "ऊपरबदला" in text and "नीचेबदला" in text
    fresh = _pane(qtbot, pkg.article, pkg.media)
    monkeypatch.setattr(preview_pane, "BUILD_SLICE_MS", 1e9)
    _refresh(fresh, qtbot)
    assert _blocks(pane) == _blocks(fresh)


def test_a_rebuild_of_a_shown_page_looks_like_a_fresh_page(qtbot, monkeypatch):
    """Rebuilding in place (colours switched and back, text changed meanwhile) gives the
    page a new pane would show: no format of the old page's first block is left behind."""
    monkeypatch.setattr(preview_pane, "BUILD_SLICE_MS", 1.0)
    pkg, body = _article(120)
    pane = _pane(qtbot, pkg.article, pkg.media)
    _refresh(pane, qtbot)
    pane.set_dark(True)
    pane.set_dark(False)
    body[0] = "सादा पहला अनुच्छेद"  # the page now starts with a paragraph, not a subhead
    pkg.article.body = "\n\n".join(body)
    rebuilt = pane.parts_rebuilt
    _refresh(pane, qtbot)
    assert pane.parts_rebuilt == rebuilt + 1
    fresh = _pane(qtbot, pkg.article, pkg.media)
    _refresh(fresh, qtbot)
    assert _blocks(pane) == _blocks(fresh)


def test_a_result_overtaken_by_typing_is_not_laid_out_unless_the_page_lags(qtbot):
    """A render that arrives while a newer edit waits for its own is dropped (no layout
    between two keystrokes), but not when the page has not changed for DEBOUNCE_MS."""
    pkg, body = _article(40)
    pane = _pane(qtbot, pkg.article, pkg.media)
    _refresh(pane, qtbot)
    body[5] += " पहला"
    pkg.article.body = "\n\n".join(body)
    pane.render_now()
    first = pane._wanted
    pane._timer.setInterval(60_000)
    pane._timer.start()  # the writer typed on: a newer render is scheduled
    qtbot.waitUntil(lambda: pane.results_dropped == 1, timeout=10_000)
    assert pane.applied_revision < first
    qtbot.wait(preview_pane.DEBOUNCE_MS + 50)  # now the page lags: the next result is shown
    pane.render_now()
    with qtbot.waitSignal(pane.rendered, timeout=10_000):
        pass
    assert pane.applied_revision == pane._wanted and "पहला" in pane.toPlainText()
    pane._timer.stop()

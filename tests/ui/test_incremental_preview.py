"""The live preview replaces only the parts of the page that changed, and waits adaptively."""

from __future__ import annotations

import random

from khabar_editor.app.preview import make_job
from khabar_editor.app.sample import sample_package
from khabar_editor.ui import preview_pane
from khabar_editor.ui.preview_pane import PreviewPane


def _blocks(pane: PreviewPane) -> list[tuple]:
    """Every block of the preview with its text and the formats that decide its look."""
    out = []
    block = pane.document().begin()
    while block.isValid():
        f = block.blockFormat()
        out.append((block.text(), f.headingLevel(), f.topMargin(), f.bottomMargin(),
                    f.lineHeight(), f.leftMargin(), bool(block.textList()),
                    block.charFormat().fontPointSize()))
        block = block.next()
    return out


def _pane(qtbot, article, media, parent=None):
    """A preview of ``article``; shown on its own unless it is put in ``parent``."""
    revision = [0]

    def job():
        revision[0] += 1
        return make_job(revision[0], article, "latin", None)

    pane = PreviewPane(job, lambda: media, parent)
    if parent is None:
        qtbot.addWidget(pane)
        pane.resize(600, 800)
        pane.show()
    return pane


def _refresh(pane: PreviewPane, qtbot) -> None:
    with qtbot.waitSignal(pane.rendered, timeout=20_000):
        pane.render_now()


def test_edits_replace_one_part_and_look_like_a_fresh_page(qtbot):
    """After random edits, the incrementally updated page equals a page built from scratch."""
    pkg = sample_package()
    article = pkg.article
    paragraphs = article.body.split("\n\n") * 3
    article.body = "\n\n".join(paragraphs)
    live = _pane(qtbot, article, pkg.media)
    _refresh(live, qtbot)
    rebuilt = live.parts_rebuilt
    rng = random.Random(15)
    for step in range(25):
        i = rng.randrange(len(paragraphs))
        kind = step % 5
        if kind == 0:
            paragraphs.insert(i, f"## उपशीर्षक {step}")
        elif kind == 1:
            paragraphs.insert(i, f"- पहला बिंदु\n- दूसरा {step}")
        elif kind == 2 and len(paragraphs) > 4:
            paragraphs.pop(i)
        else:
            paragraphs[i] += f" नया शब्द {step}"
        article.body = "\n\n".join(paragraphs)
        _refresh(live, qtbot)
        assert live.parts_replaced <= 3
        fresh = _pane(qtbot, article, pkg.media)
        _refresh(fresh, qtbot)
        assert _blocks(live) == _blocks(fresh)
    assert live.parts_rebuilt == rebuilt  # never the whole page again


def test_the_wait_after_typing_follows_the_refresh_time(qtbot):
    """After a quick refresh the debounce is shorter than the old fixed 250 ms, never longer."""
    pkg = sample_package()
    pane = _pane(qtbot, pkg.article, pkg.media)
    assert pane._timer.interval() <= preview_pane.DEBOUNCE_MS
    _refresh(pane, qtbot)
    pane.last_refresh_ms = 12.0
    pane.schedule()
    assert pane._timer.interval() == preview_pane.MIN_DEBOUNCE_MS
    pane.last_refresh_ms = 900.0
    pane.schedule()
    assert pane._timer.interval() == preview_pane.DEBOUNCE_MS
    pane._timer.stop()

"""The time-sliced spell pass yields on every kind of block, and the GC stays out of it."""

from __future__ import annotations

import gc

from PySide6.QtWidgets import QPlainTextEdit

from khabar_editor.ui import proofing_bridge
from khabar_editor.ui.highlighter import MarkdownHighlighter


def _first_slice_blocks(qtbot, blocks: int) -> tuple[int, int]:
    """Blocks handled by the first (synchronous) slice of a pass, and how many remained."""
    edit = QPlainTextEdit()
    qtbot.addWidget(edit)
    edit.setPlainText("\n".join(f"अनुच्छेद {i} में कुछ शब्द।" for i in range(blocks)))
    highlighter = MarkdownHighlighter(edit.document())
    # No underline anywhere and none to come: every block is left as it is.
    highlighter.set_findings_provider(None)
    remaining = highlighter.pending_blocks()
    qtbot.waitUntil(lambda: highlighter.pending_blocks() == 0, timeout=30_000)
    return blocks - remaining, remaining


def test_a_pass_that_changes_nothing_still_yields_at_n_and_4n(qtbot):
    """Blocks left unchanged count against the slice too: at 4n blocks the first slice does
    not walk the whole document (it did: 10,000 blocks in one 30-60 ms go)."""
    _done_n, _left_n = _first_slice_blocks(qtbot, 4000)
    done_4n, left_4n = _first_slice_blocks(qtbot, 16000)
    assert left_4n > 0
    assert done_4n < 16000 // 2


def test_every_timed_slice_is_logged(qtbot):
    """Each slice's GUI-thread CPU time is kept, so benchmarks can report max and p99."""
    edit = QPlainTextEdit()
    qtbot.addWidget(edit)
    edit.setPlainText("\n".join(f"पंक्ति {i}" for i in range(3000)))
    highlighter = MarkdownHighlighter(edit.document())
    highlighter.set_findings_provider(lambda text: [(0, 5, "spelling")] if "7" in text else [])
    qtbot.waitUntil(lambda: highlighter.pending_blocks() == 0, timeout=30_000)
    assert len(highlighter.slice_cpu_ms) >= 2
    assert max(highlighter.slice_cpu_ms) == highlighter.longest_slice_cpu_ms


class _FakeProofreader:
    language = "hi"
    newsroom_words: list[str] = []
    enabled_rules: set[str] = set()

    def add_newsroom_words(self, words):
        pass

    def check_paragraph(self, text):
        return []


def test_the_long_lived_objects_are_frozen_once_when_the_dictionaries_arrive(
        make_window, monkeypatch):
    """The first proofreader freezes what is alive (cheap gen-2 collections from then on);
    a second one does not freeze again."""
    calls = []
    monkeypatch.setattr(proofing_bridge, "_frozen", False)
    monkeypatch.setattr(gc, "freeze", lambda: calls.append(1))
    window = make_window()
    window.proofing.set_proofreader(_FakeProofreader())
    assert calls == [1]
    window.proofing.set_proofreader(_FakeProofreader())
    assert calls == [1]


def test_the_findings_list_is_rebuilt_once_per_refresh(make_window, qtbot, tmp_path):
    """With the proofing panel shown, one refresh lists the body's and the fields' findings
    in a single rebuild of the list (it was rebuilt twice per pause)."""
    from khabar_editor.proofing import Proofreader

    window = make_window()
    window.proofing.set_proofreader(Proofreader("hi", personal=tmp_path / "words.txt"))
    window.actions_by_name["spell_check"].setChecked(True)
    window.proofing.set_visible(True)
    window.metadata.w["deck"].setText("सरकारि बैठक")
    window.editor.setPlainText("सरकारि योजना।")
    panel = window.proofing.panel
    refills = []
    real = panel._refill
    panel._refill = lambda: (refills.append(1), real())[1]
    window.proofing.text_changed()
    assert refills == [1]
    assert panel.findings and panel.field_findings

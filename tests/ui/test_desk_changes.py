"""The changes view: insertions and deletions marked on whole grapheme clusters."""

from __future__ import annotations

import pytest

from khabar_editor.ui.changes_view import (ChangesView, format_boundaries, inline_segments,
                                           marked_spans)
from khabar_editor.ui.textpos import grapheme_bounds, utf16_positions


def _op(op, before="", after=""):
    return {"op": op, "before": before, "after": after}


def _cluster_starts(text: str) -> set[int]:
    positions = utf16_positions(text)
    return {positions[i] for i in grapheme_bounds(text)}


def _formats_of(pane):
    """(text, [(start, end, underline, strike)]) of every formatted fragment."""
    doc = pane.document()
    out = []
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            frag = it.fragment()
            fmt = frag.charFormat()
            if fmt.fontUnderline() or fmt.fontStrikeOut():
                out.append((frag.text(), fmt.fontUnderline(), fmt.fontStrikeOut()))
            it += 1
        block = block.next()
    return out


def test_inserted_word_is_underlined_in_both_modes(qtbot):
    """An inserted word shows underlined (inserted) in inline and side-by-side mode."""
    view = ChangesView()
    qtbot.addWidget(view)
    body = [_op("equal", "बाढ़ से ", "बाढ़ से "), _op("insert", "", "भारी "),
            _op("equal", "नुकसान हुआ।", "नुकसान हुआ।")]
    view.set_changes([], body)
    assert view.right_pane.toPlainText() == "बाढ़ से भारी नुकसान हुआ।"
    assert ("भारी ", True, False) in _formats_of(view.right_pane)
    assert _formats_of(view.left_pane) == []
    view.set_mode("inline")
    assert view.inline_pane.isVisibleTo(view) and not view.side.isVisibleTo(view)
    assert ("भारी ", True, False) in _formats_of(view.inline_pane)
    assert view.summary.text() == "0 fields changed · 1 insertion · 0 deletions"


def test_format_boundaries_never_fall_inside_a_cluster(qtbot):
    """Matras, nukta and conjuncts around every change stay in one format run."""
    view = ChangesView()
    qtbot.addWidget(view)
    # A deletion ending in a virama followed by an insertion starting with a consonant
    # would join into a conjunct (क् + ष = क्ष) if they touched.
    body = [_op("equal", "ज़िले में ", "ज़िले में "), _op("replace", "क्", "षि"),
            _op("equal", " ", " "), _op("delete", "प्रशासन", ""),
            _op("insert", "", "कृषि"), _op("equal", " ने राहत दी।", " ने राहत दी।")]
    view.set_changes([], body)
    for pane in (view.inline_pane, view.left_pane, view.right_pane):
        text = pane.toPlainText()
        starts = _cluster_starts(text)
        boundaries = format_boundaries(pane.document())
        assert boundaries, "the changes are formatted"
        assert all(b in starts for b in boundaries), (text, boundaries)
    assert "क् षि" in view.inline_pane.toPlainText()


def test_spans_widen_to_whole_clusters():
    """A change that starts on a vowel sign is widened back to its consonant."""
    from khabar_editor.ui.changes_view import Segment

    text, spans = marked_spans([Segment("क", "equal"), Segment("ि", "insert")])
    assert text == "कि" and spans == [(0, 2, "insert")]
    segments = inline_segments([_op("replace", "राम", "श्याम")])
    assert [s.kind for s in segments] == ["delete", "equal", "insert"]


def test_metadata_changes_are_listed_field_by_field(qtbot):
    """Each changed field is a row: label, before, after."""
    view = ChangesView()
    qtbot.addWidget(view)
    view.set_changes([{"field": "headline", "before": "बाढ़", "after": "भीषण बाढ़"},
                      {"field": "media[1].caption", "before": "", "after": "राहत शिविर"}], [])
    rows = [[view.fields.item(r, c).text() for c in range(3)]
            for r in range(view.fields.rowCount())]
    assert rows == [["Headline", "बाढ़", "भीषण बाढ़"], ["Photo 1: caption", "", "राहत शिविर"]]
    assert view.summary.text() == "2 fields changed · 0 insertions · 0 deletions"


def test_every_metadata_field_the_core_reports_has_a_label():
    """Each field name the diff can report (media aside) is shown with a translated label."""
    import re

    from khabar_editor.article.diff import IGNORED_FIELDS, _flatten
    from khabar_editor.article.model import Article
    from khabar_editor.ui.changes_view import FIELD_LABELS

    names = {n for n in _flatten(Article())
             if not n.startswith("media[") and n not in IGNORED_FIELDS}
    assert names, "the core reports no fields"
    unlabelled = sorted(n for n in names if n not in FIELD_LABELS)
    assert unlabelled == []
    assert all(re.fullmatch(r"[a-z_.]+", n) for n in names)


def test_change_summary_has_singular_and_plural_in_both_languages():
    """One of a kind is singular ("1 field changed", "1 deletion"), others plural, in
    English and in Hindi (was "1 fields changed · 1 insertions")."""
    from khabar_editor import i18n
    from khabar_editor.ui.changes_view import change_summary

    assert change_summary(1, 2, 1) == "1 field changed · 2 insertions · 1 deletion"
    old = i18n.get_language()
    try:
        i18n.set_language("hi")
        assert change_summary(1, 2, 1) == "1 फ़ील्ड बदला · 2 जोड़ · 1 हटाव"
        assert change_summary(3, 1, 0) == "3 फ़ील्ड बदले · 1 जोड़ · 0 हटाव"
    finally:
        i18n.set_language(old)


@pytest.mark.parametrize("where", ["start", "end"])
def test_panes_open_on_the_first_change(qtbot, where):
    """Each pane opens with its first change in view: at the top when the story's first
    paragraph changed (the panes used to open scrolled to the very end), further down
    when only the last one did."""
    view = ChangesView()
    qtbot.addWidget(view)
    view.resize(900, 500)
    paragraph = "कोसी नदी का जलस्तर घटा, लेकिन गाँव अब भी पानी से घिरे हैं।\n\n"
    change = [_op("replace", "लगभग", "क़रीब")]
    body = [_op("equal", paragraph * 60, paragraph * 60)]
    body = change + body if where == "start" else body + change
    view.set_changes([], body)
    view.show()
    qtbot.waitExposed(view)
    for pane in (view.left_pane, view.right_pane):
        bar = pane.verticalScrollBar()
        assert bar.maximum() > 0
        if where == "start":
            assert bar.value() == 0, pane.objectName()
        else:
            assert bar.value() > 0, pane.objectName()
            rect = pane.cursorRect()
            assert pane.viewport().rect().contains(rect.center()), pane.objectName()

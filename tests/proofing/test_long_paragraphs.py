"""A very long paragraph is proofed piece by piece: same findings, work per keystroke bounded."""

from __future__ import annotations

import time

from khabar_editor.proofing import proofreader as proofreader_mod

SENTENCES = [
    "कल सरकारि बैठक में {n} सदस्य आए ।",
    "मंत्री ने कहा कि सडक का काम {n} दिन में पूरा होगा।",
    "\"हम तैयार हैं। काम जल्द होगा\" उन्होंने कहा,फिर चले गए.",
    "बैठक  में के के बाद चर्चा हुई और {n} प्रस्ताव पारित हुए।",
    "(विपक्ष ने विरोध किया। अध्यक्ष ने {n} मिनट का समय दिया।",
]


def paragraph(sentences: int) -> str:
    """One paragraph of distinct sentences (numbers make every sentence different)."""
    return " ".join(SENTENCES[i % len(SENTENCES)].format(n=i) for i in range(sentences))


def _spans(findings):
    return [(f.start, f.end, f.kind, f.text) for f in findings]


def test_pieces_give_the_same_findings_as_one_whole_check(proofreader, monkeypatch):
    """Checking a long paragraph in pieces finds exactly what one whole check finds."""
    text = paragraph(120)
    assert len(text) > proofreader_mod.LONG_PARAGRAPH
    proofreader.set_rule_enabled("typo.ascii_full_stop", True)  # off by default
    pieced = proofreader.check_paragraph(text)
    monkeypatch.setattr(proofreader_mod, "LONG_PARAGRAPH", 10**9)
    fresh = proofreader_mod.Proofreader("hi", personal=proofreader.personal_path)
    fresh.set_rule_enabled("typo.ascii_full_stop", True)
    whole = fresh.check_paragraph(text)
    assert len(whole) > 100
    assert _spans(pieced) == _spans(whole)
    kinds = {f.kind for f in whole}
    assert {"spelling", "typo.unbalanced", "typo.double_space", "typo.repeated_word",
            "typo.space_before_danda", "typo.ascii_full_stop"} <= kinds


def test_a_keystroke_checks_as_many_words_at_four_times_the_length(proofreader):
    """Growth: one keystroke in a 4n-character paragraph spell-checks no more words than at n."""
    work = []
    for sentences in (60, 240):
        text = paragraph(sentences)
        proofreader.check_paragraph(text)
        before = proofreader.words_checked
        for i in range(10):
            middle = len(text) // 2 + i
            text = text[:middle] + "क" + text[middle:]
            proofreader.check_paragraph(text)
        work.append(proofreader.words_checked - before)
    assert work[0] > 0 and work[1] <= 1.5 * work[0]


def test_first_check_of_a_long_paragraph_can_be_spread_over_steps(proofreader):
    """prepare_paragraph stops at the deadline and finishes over several calls."""
    text = paragraph(200)
    assert proofreader.prepare_paragraph(text, time.perf_counter() - 1) is False
    steps = 1
    while not proofreader.prepare_paragraph(text, time.perf_counter() + 0.002):
        steps += 1
    assert steps > 1
    before = proofreader.words_checked
    assert proofreader.check_paragraph(text)  # now from the caches
    assert proofreader.words_checked == before

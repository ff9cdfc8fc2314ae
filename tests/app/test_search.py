"""Find and replace with the ignore-nukta option."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from khabar_editor.app.search import SearchOptions, find_all, find_next, replace_all

TEXT = "उसने ज़मीन और जमीन की बात की। फिर ज़मीन"
NUKTA = SearchOptions(ignore_nukta=True)


def test_plain_search_tells_nukta_apart():
    """Without the option ज़मीन and जमीन are different words."""
    assert [TEXT[a:b] for a, b in find_all(TEXT, "जमीन")] == ["जमीन"]


def test_ignore_nukta_finds_both_spellings_with_original_spans():
    """With the option both spellings match, spans cover the nukta too."""
    spans = find_all(TEXT, "जमीन", NUKTA)
    assert [TEXT[a:b] for a, b in spans] == ["ज़मीन", "जमीन", "ज़मीन"]
    assert [TEXT[a:b] for a, b in find_all(TEXT, "ज़मीन", NUKTA)] == ["ज़मीन", "जमीन", "ज़मीन"]


def test_precomposed_nukta_letter_matches():
    """U+095B (precomposed ज़) is found by the decomposed key and vice versa."""
    text = "\u095bमीन"
    assert find_all(text, "ज\u093cमीन") == [(0, 4)]
    assert find_all(text, "जमीन", NUKTA) == [(0, 4)]


def test_replace_all_counts_and_replaces_whole_words():
    """Replace all swaps each match and nothing else."""
    new, count = replace_all(TEXT, "ज़मीन", "भूमि", NUKTA)
    assert count == 3 and "ज़" not in new and new.count("भूमि") == 3


def test_find_next_wraps_round():
    """After the last match, the next search starts again at the top."""
    last = find_all(TEXT, "जमीन", NUKTA)[-1]
    assert find_next(TEXT, "जमीन", last[0] + 1, NUKTA) == find_all(TEXT, "जमीन", NUKTA)[0]


@given(st.text(alphabet="जमीनक़ख़ \u093c", max_size=30), st.text(alphabet="जमीन\u093c", min_size=1, max_size=3))
def test_spans_are_in_bounds_and_match_after_stripping(text, needle):
    """Every reported span is inside the text and equals the key once nukta are stripped."""
    for a, b in find_all(text, needle, NUKTA):
        assert 0 <= a < b <= len(text)
        assert text[a:b].replace("\u093c", "") == needle.replace("\u093c", "")

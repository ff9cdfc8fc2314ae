"""Word segmentation keeps Devanagari words whole."""

from __future__ import annotations

from khabar_editor.textkit.normalize import normalize_text, strip_nukta
from khabar_editor.textkit.words import count_words, graphemes, iter_devanagari_words, iter_words


def test_words_are_not_split_at_vowel_signs():
    """Unlike \\w+, matras and virama stay inside the word; danda ends it."""
    words = [t.text for t in iter_words("हिन्दी समाचार। क़ानून, ज़रूरी॥")]
    assert words == ["हिन्दी", "समाचार", "क़ानून", "ज़रूरी"]


def test_devanagari_words_exclude_latin_and_digits():
    """Latin words and both digit systems are not Devanagari words; ZWJ stays inside."""
    text = "Delhi में २०२६ और 2026 क्ष\u200dति"
    assert [t.text for t in iter_devanagari_words(text)] == ["में", "और", "क्ष\u200dति"]


def test_spans_point_back_into_the_text():
    """Token spans are code-point offsets into the source."""
    text = "नमस्ते दुनिया"
    for tok in iter_words(text):
        assert text[tok.start:tok.end] == tok.text


def test_counts():
    """Numbers count as words, punctuation does not; क्षि is one grapheme."""
    assert count_words("पटना, 28 नवंबर। मौसम ठीक।") == 5
    assert graphemes("क्षि") == ["क्षि"]


def test_normalization():
    """NFC decomposes nukta letters; newlines and BOM are normalized."""
    assert normalize_text("\ufeffक़\r\n") == "\u0915\u093c\n"
    assert strip_nukta("ज़रूरी") == "जरूरी"

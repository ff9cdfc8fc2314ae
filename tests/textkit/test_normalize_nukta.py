"""nfc's shortcut for Devanagari with nuktas gives exactly unicodedata's NFC."""

from __future__ import annotations

import random
import unicodedata

import pytest

from khabar_editor.textkit import normalize
from khabar_editor.textkit.normalize import NUKTA, nfc

# Letters that compose with a nukta or are composites/exclusions, marks of many classes
# (1 overlay, 7 nukta, 9 virama, 220 below, 230 above), Latin that composes, Hangul.
ALPHABET = ["क", "ज", "फ", "ड", "न", "र", "ळ", "ऩ", "ऱ", "ऴ", "क़", "ज़", "ड़", "\u0958",
            "\u095c", NUKTA, "\u094d", "ि", "ा", "ं", "ँ", "\u0951", "\u0952", "\u0334",
            "\u0301", "\u0316", "\u09bc", "e", "u", "\u0308", "é", " ", "\n", "\u1100",
            "\u1161", "\u11a8", "\u200d", "\u093c\u093c", "ो", "\u0b47", "\u0b3e"]


def test_random_mixtures_match_unicodedata() -> None:
    rng = random.Random(15)
    shortcut_taken = 0
    for _ in range(20000):
        text = "".join(rng.choices(ALPHABET, k=rng.randrange(1, 12)))
        if NUKTA not in text:
            text += NUKTA
        expected = unicodedata.normalize("NFC", text)
        assert normalize._nfc_of(text) == expected, [hex(ord(c)) for c in text]
        if normalize._nfc_with_inert_nuktas(text):
            assert text == expected
            shortcut_taken += 1
    assert shortcut_taken > 500  # the shortcut is exercised, not always refused


@pytest.mark.parametrize("text, inert", [
    ("ज़िले क़रीब", True), ("ऩ", False), ("ऱ", False), ("ऴ", False),
    ("क\u094d\u093c", False),  # virama then nukta: the nukta moves
    ("क\u093c\u0334", False),  # an overlay after the nukta moves before it
    ("\u093cक", False), ("क\u093c\u093c", True), ("क\u0334\u093c", False),
])
def test_cases(text: str, inert: bool) -> None:
    assert normalize._nfc_with_inert_nuktas(text) is inert
    assert nfc(text) == unicodedata.normalize("NFC", text)


def test_consonants_before_an_inert_nukta_compose_with_nothing() -> None:
    for char in normalize._INERT_BEFORE_NUKTA - {NUKTA}:
        assert unicodedata.combining(char) == 0 and not unicodedata.decomposition(char)
        assert unicodedata.normalize("NFC", char + NUKTA) == char + NUKTA


def test_a_real_article_takes_the_shortcut(tmp_path) -> None:
    from khabar_editor.app.sample import sample_package
    from khabar_editor.article.frontmatter import to_markdown

    text = unicodedata.normalize("NFC", to_markdown(sample_package().article))
    assert NUKTA in text
    assert normalize._nfc_with_inert_nuktas(text)
    assert nfc(text) == text

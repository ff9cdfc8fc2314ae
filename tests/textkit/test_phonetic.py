"""Phonetic candidates (shipped model), learned choices and the choices file."""

from __future__ import annotations

import json
import unicodedata

import pytest

from khabar_editor.textkit import phonetic
from khabar_editor.textkit.phonetic.evaluate import evaluate, read_pairs
from khabar_editor.textkit.phonetic.learned import UserChoices, is_literal_token
from khabar_editor.textkit.phonetic.model import load_model


@pytest.mark.parametrize(("roman", "words"), [
    ("bharat", {"भारत"}), ("sarkar", {"सरकार"}), ("kshetra", {"क्षेत्र"}),
    ("pradhanmantri", {"प्रधानमंत्री", "प्रधानमन्त्री"}), ("zaroorat", {"ज़रूरत", "जरूरत"}),
])
def test_common_romanizations_are_in_the_top_three(roman, words):
    """Everyday spellings find the intended word (either accepted spelling) in the top three."""
    assert words & set(phonetic.candidates(roman)[:3])


def test_candidates_are_nfc_devanagari_at_most_ten_and_distinct():
    """Every candidate is NFC Devanagari; no duplicates; k is capped at 10."""
    found = phonetic.candidates("samachar", k=50)
    assert 1 <= len(found) <= 10 and len(set(found)) == len(found)
    for word in found:
        assert unicodedata.is_normalized("NFC", word)
        assert all("\u0900" <= ch <= "\u097f" for ch in word)


def test_non_letters_and_empty_input_give_nothing():
    """Input without Roman letters yields no candidates instead of an error."""
    assert phonetic.candidates("") == []
    assert phonetic.candidates("1234 !!") == []


def test_typing_letter_by_letter_gives_the_same_result_as_whole_word():
    """The prefix cache does not change the answer."""
    model = load_model("hi")
    model._beams.clear()
    for i in range(1, 8):
        model.candidates("samachar"[:i])
    typed = model.candidates("samachar")
    model._beams.clear()
    assert model.candidates("samachar") == typed


def test_learned_choices_come_first_and_survive_reload(tmp_path):
    """A recorded choice tops the list and is read back from the file."""
    path = tmp_path / "choices.json"
    choices = UserChoices(path)
    choices.record("bharat", "भरत")
    assert phonetic.candidates("bharat", choices=choices)[0] == "भरत"
    again = UserChoices(path)
    assert again.learned("BHARAT") == ["भरत"]
    again.mark_literal("khabar")
    assert UserChoices(path).is_literal("Khabar")


@pytest.mark.parametrize("content", ["{not json", json.dumps({"choices": [1, 2]}),
                                     json.dumps({"choices": {"hi": {"a b": {"x": 1}}}})])
def test_damaged_choices_file_is_ignored(tmp_path, content):
    """A broken or foreign file gives no learned words and no exception."""
    path = tmp_path / "choices.json"
    path.write_text(content, encoding="utf-8")
    choices = UserChoices(path)
    assert choices.learned("a b") == [] and choices.learned("bharat") == []


@pytest.mark.parametrize(("token", "literal"), [
    ("https://example.com", True), ("desk@example.org", True), ("www.khabar.in", True),
    ("snake_case", True), ("camelCase", True), ("bharat", False), ("sarkar", False),
])
def test_literal_tokens(token, literal):
    """URLs, e-mail and code stay Roman; plain words do not."""
    assert is_literal_token(token) is literal


def test_evaluate_counts_top_k(tmp_path):
    """The measurement reads a lexicon TSV and counts top-1/top-5 hits."""
    tsv = tmp_path / "mini.tsv"
    tsv.write_text("समाचार\tsamachar\t3\nक़्ज़्क़्ज़\tqqqq\t1\n", encoding="utf-8")
    score = evaluate(load_model("hi"), read_pairs(tsv))
    assert score.rows == 2 and score.top1 == 0.5 and score.top5 == 0.5


@pytest.mark.parametrize(("roman", "word"), [
    ("bharat", "भारत"), ("upabhoktaon", "उपभोक्ताओं"), ("kshetra", "क्षेत्र"),
    ("chhatra", "छात्र"), ("zila", "ज़िला"),
])
def test_roman_and_devanagari_skeletons_agree(roman, word):
    """Known words are found by the consonant skeleton shared with their romanization."""
    from khabar_editor.textkit.phonetic.model import dev_skeleton, roman_skeleton

    assert roman_skeleton(roman) == dev_skeleton(word)

"""Spelling: the lexicon, Hunspell through Enchant, tokens, word lists."""

from __future__ import annotations

import unicodedata

import pytest

from khabar_editor.proofing import Proofreader
from khabar_editor.proofing.engine import open_hunspell
from khabar_editor.proofing.lexicon import (load_lexicon, parse_word_list, read_word_file,
                                            write_word_file)

CORRECT = ("सरकार सरकारों मुख्यमंत्री पुलिस अस्पतालों लड़कियाँ लड़कियां चलेगा खाएगा पहुँचे "
           "पहुंचे ज़िला जिला फ़ैसला फैसला इंटरनेट कंपनियों मोबाइल")


def test_correct_news_words_are_accepted(proofreader):
    """Inflected forms, nukta and anusvara variants and loanwords are not misspellings; with
    the house style "nukta standard" (the default) a dropped nukta gets a style finding."""
    findings = proofreader.check_paragraph(CORRECT)
    assert [f.text for f in findings if f.kind == "spelling"] == []
    assert [(f.text, f.fix) for f in findings if f.kind == "spelling.nukta"] == [
        ("जिला", "ज़िला"), ("फैसला", "फ़ैसला")]
    proofreader.set_rule_enabled("spelling.nukta", False)  # house style: nukta optional
    assert proofreader.check_paragraph(CORRECT) == []


@pytest.mark.parametrize("wrong, intended", [
    ("सरकारि", "सरकारी"), ("पुलीस", "पुलिस"), ("अधिकारीयों", "अधिकारियों"),
    ("प्रधानमंतरी", "प्रधानमंत्री"), ("हमेंशा", "हमेशा"), ("विधानसबा", "विधानसभा"),
])
def test_misspellings_are_flagged_with_the_intended_word_first(proofreader, wrong, intended):
    """The error model puts the intended word at the top of the suggestions."""
    assert not proofreader.is_correct(wrong)
    assert proofreader.suggest(wrong)[0] == intended


def test_optional_nukta_only_in_one_direction(proofreader):
    """ज़िला may lose its nukta, but ड़ keeps it and a nukta cannot be added anywhere."""
    assert proofreader.is_correct("जिला")
    assert not proofreader.is_correct("ज़ल")
    assert not proofreader.is_correct("सडक")
    assert not proofreader.is_correct("पढाई")


def test_tokens_skip_danda_digits_and_latin(proofreader):
    """Findings never include danda, digits or Latin; Latin words are not checked."""
    text = "सरकरि। 25 BJP २५ ने"
    findings = proofreader.check_paragraph(text)
    assert [(f.text, f.start, f.end) for f in findings if f.kind == "spelling"] == [
        ("सरकरि", 0, 5)]


def test_joiners_and_precomposed_nukta_are_ignored_for_lookup(proofreader):
    """A ZWJ/ZWNJ inside a word or a precomposed nukta letter does not make it wrong."""
    assert proofreader.is_correct("सर\u200dकार")
    assert proofreader.is_correct("\u095bिला")  # precomposed ज़
    assert unicodedata.normalize("NFC", "\u095b") == "\u091c\u093c"


def test_hunspell_uses_the_shipped_dictionaries():
    """Enchant finds hi_IN and ne_NP in the shipped folder although none is installed."""
    for language, word in (("hi", "सरकार"), ("ne", "सरकारले")):
        checker, status = open_hunspell(language)
        assert status.available and checker is not None
        assert checker.check(word)


def test_enchant_never_writes_into_the_package(tmp_path, monkeypatch):
    """Enchant's own word files go to the private folder, not to data/dicts."""
    from khabar_editor.proofing.lexicon import dicts_dir

    before = sorted(p.name for p in dicts_dir().rglob("*"))
    monkeypatch.setenv("KHABAR_ENCHANT_DIR", str(tmp_path / "enchant"))
    checker, status = open_hunspell("hi")
    assert status.available and checker.check("सरकार")
    assert (tmp_path / "enchant" / "hunspell" / "hi_IN.dic").exists()
    assert sorted(p.name for p in dicts_dir().rglob("*")) == before


def test_without_enchant_the_lexicon_still_checks(tmp_path, monkeypatch):
    """If libenchant is missing, proofing degrades to the lexicon with a message."""
    import builtins

    real_import = builtins.__import__

    def no_enchant(name, *args, **kwargs):
        if name == "enchant":
            raise ImportError("no libenchant")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_enchant)
    p = Proofreader("hi", personal=tmp_path / "p.txt")
    assert not p.status.available and "Enchant" in p.status.msgid
    assert p.is_correct("सरकार") and not p.is_correct("सरकारि")
    assert p.suggest("सरकारि")[0] == "सरकारी"


def test_personal_dictionary_is_saved_and_reloaded(tmp_path):
    """add_word writes the personal file; a new proofreader accepts the word."""
    path = tmp_path / "personal.txt"
    p = Proofreader("hi", personal=path)
    assert not p.is_correct("खबरीलाल")
    p.add_word("खबरीलाल")
    assert p.is_correct("खबरीलाल")
    assert "खबरीलाल" in read_word_file(path)
    assert Proofreader("hi", personal=path).is_correct("खबरीलाल")


def test_newsroom_words_and_ignore_all(proofreader, tmp_path):
    """Newsroom words travel as a list; ignore_all lasts for the session only."""
    assert not proofreader.is_correct("झुमरीतलैया")
    proofreader.add_word("झुमरीतलैया", to="newsroom")
    assert proofreader.newsroom_words == ["झुमरीतलैया"]
    proofreader.export_newsroom(tmp_path / "newsroom.txt")
    other = Proofreader("hi", personal=tmp_path / "x.txt")
    assert other.import_newsroom(tmp_path / "newsroom.txt") == 1
    assert other.is_correct("झुमरीतलैया")
    other.ignore_all("बकलोल")
    assert other.is_correct("बकलोल")
    assert not Proofreader("hi", personal=tmp_path / "x.txt").is_correct("बकलोल")


def test_adding_a_word_invalidates_the_paragraph_cache(proofreader):
    """A paragraph checked before add_word is re-checked afterwards."""
    text = "रामखिलावन आए"
    assert [f.text for f in proofreader.check_paragraph(text)] == ["रामखिलावन"]
    proofreader.add_word("रामखिलावन")
    assert proofreader.check_paragraph(text) == []


def test_word_files_have_comments_and_reject_bad_input(tmp_path):
    """Word files: one per line, # comments, NFC; non-UTF-8 gives a clear ProofingError."""
    assert parse_word_list("# newsroom\nपटना\n\n  गया # city\nपटना\n") == ["पटना", "गया"]
    path = tmp_path / "w.txt"
    write_word_file(path, ["ख", "क"], "header")
    assert path.read_text(encoding="utf-8") == "# header\nक\nख\n"
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00bad")
    from khabar_editor.errors import ProofingError

    with pytest.raises(ProofingError) as info:
        read_word_file(bad)
    assert "UTF-8" in str(info.value) and info.value.message("hi") != ""


def test_shipped_lexicon_is_large_and_nfc():
    """The generated lexicon is much larger than hi_IN.dic and stored in NFC."""
    lexicon = load_lexicon("hi")
    assert len(lexicon) > 100_000
    sample = list(lexicon)[::5000]
    assert all(unicodedata.normalize("NFC", w) == w for w in sample)

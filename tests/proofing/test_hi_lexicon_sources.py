"""The Hindi lexicon built with the licensed word sources (issue #10, item 2).

Words known only from the sources (Dakshina Wikipedia text and section titles, HiNER,
Unilex, CLDR) are accepted; words of those sources that are slips of a much more
frequent word are not, and the right word is still offered for them.
"""

from __future__ import annotations

import gzip
import importlib.util
import logging
from pathlib import Path

import pytest

from khabar_editor.proofing import lexicon as lexicon_module
from khabar_editor.proofing.lexicon import dicts_dir, load_lexicon, parse_lexicon

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def builder():
    """``resources/wordlists/build_lexicon.py`` as a module (its helpers are pure)."""
    path = ROOT / "resources" / "wordlists" / "build_lexicon.py"
    spec = importlib.util.spec_from_file_location("build_lexicon_under_test", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("word", [
    "स्पार्टा",      # a Wikipedia section title only (Sparta)
    "किलिमंजारो",    # a Wikipedia section title only (Kilimanjaro)
    "सैल्मन",        # a Wikipedia section title only (salmon)
    "अंटार्कटिका",   # CLDR territory name
    "प्योंगयांग",     # CLDR time-zone city / Unilex
])
def test_source_words_are_accepted(proofreader, word):
    """Names and loanwords that only the new sources know are no longer flagged."""
    assert proofreader.is_correct(word)
    assert proofreader.check_paragraph(f"{word} के बारे में समाचार") == []


@pytest.mark.parametrize("slip, right", [
    ("श्रीमति", "श्रीमती"),    # Unilex has the slip; the standard form is far more frequent
    ("सूदूर", "सुदूर"),        # a Wikipedia section-title slip
    ("इमानदारी", "ईमानदारी"),
    ("गुड", "गुड़"),           # lost nukta of ड़ (never optional)
])
def test_source_slips_stay_flagged_with_the_right_fix(proofreader, slip, right):
    """A source word one realistic error from a much more frequent word is not taken in;
    the frequent word is suggested among the first five."""
    assert not proofreader.is_correct(slip)
    assert right in proofreader.suggest(slip)[:5]


def test_new_word_slip_screen(builder):
    """The screen rejects a rare form one confusable edit from a frequent known word,
    keeps one whose neighbour is not more frequent, and ignores ब/व pairs."""
    known = {"अप्रैल": 510, "बाउचर": 402, "मेलिसा": 315}
    assert builder._new_word_slip("अप्रेल", 331, known)          # e/ai slip of अप्रैल
    assert not builder._new_word_slip("अप्रेल", 500, known)      # as frequent: a spelling
    assert not builder._new_word_slip("वाउचर", 258, known)       # ब/व: two spellings
    assert not builder._new_word_slip("कोलम्बस", 212, known)     # no neighbour at all
    # A vowel sign left out of a much more frequent word (रास्त for रास्ते) is a slip;
    # one of a word only a little more frequent is not (two real words: कल/काल).
    assert builder._new_word_slip("रास्त", 300, {"रास्ते": 520})
    assert not builder._new_word_slip("रास्त", 300, {"रास्ते": 350})
    # A vowel-length slip of a curated (hi_IN.dic) word needs only a small gap.
    assert not builder._new_word_slip("सूदूर", 360, {"सुदूर": 395})
    assert builder._new_word_slip("सूदूर", 360, {"सुदूर": 395}, trusted={"सुदूर"})


def test_attestation_rules(builder):
    """A word needs a curated list, Wikipedia or HiNER use, Unilex, or section titles of
    enough pages; a title word of a few pages alone is not enough."""
    assert builder._attested((0, 0, 0, 0, 0, "c"))                # CLDR
    assert builder._attested((0, 0, 1, 1, 0, ""))                 # HiNER
    assert builder._attested((1, 0, 0, 0, 0, ""))                 # Wikipedia sentence
    assert builder._attested((0, 0, 0, 0, 403, ""))               # Unilex
    assert builder._attested((0, builder.TITLES_MIN, 0, 0, 0, ""))
    assert not builder._attested((0, 3, 0, 0, 0, ""))             # a rare title only


def test_source_scores_follow_the_counts(builder):
    """The Zipf estimate grows with the count and a curated-only word gets the floor."""
    offsets = (3.0, 2.0, 3.5, 0.1)
    once = builder._source_score((1, 0, 0, 0, 0, ""), offsets)
    often = builder._source_score((100, 0, 0, 0, 0, ""), offsets)
    assert once == 300 and often == 500
    assert builder._source_score((0, 0, 0, 0, 0, "t"), offsets) == round(
        builder.LISTED_ZIPF * 100)


def test_parse_lexicon_matches_line_by_line_reading():
    """The one-split parser gives exactly what reading line by line gives, on the
    shipped file."""
    raw = gzip.decompress((dicts_dir() / "hi_words.tsv.gz").read_bytes()).decode("utf-8")
    by_line = {w: int(s) for w, s in (ln.split("\t") for ln in raw.splitlines())}
    assert parse_lexicon(raw) == by_line == load_lexicon("hi")


@pytest.mark.parametrize("text", ["शब्द\t12\nअधूरा\n", "शब्द\tबारह\n"])
def test_parse_lexicon_rejects_malformed_text(text):
    """A word without a score or a score that is no number is an error, not a guess."""
    with pytest.raises(ValueError):
        parse_lexicon(text)


def test_truncated_lexicon_file_gives_empty_lexicon(tmp_path, monkeypatch, caplog):
    """A damaged (truncated) lexicon file is logged and gives an empty lexicon instead
    of crashing the checker."""
    good = (dicts_dir() / "hi_words.tsv.gz").read_bytes()
    (tmp_path / "hi_words.tsv.gz").write_bytes(good[: len(good) // 2])
    monkeypatch.setattr(lexicon_module, "dicts_dir", lambda: tmp_path)
    load_lexicon.cache_clear()
    try:
        with caplog.at_level(logging.WARNING):
            assert load_lexicon("hi") == {}
        assert "unreadable" in caplog.text
    finally:
        load_lexicon.cache_clear()


def test_lexicon_size_is_sane():
    """The shipped lexicon grew with the sources but stays small to download (< 1.5 MB)."""
    path = dicts_dir() / "hi_words.tsv.gz"
    assert len(load_lexicon("hi")) > 150_000
    assert path.stat().st_size < 1_500_000


def test_malformed_strings_are_not_words(builder, proofreader):
    """Web-text junk (a sign at the start, two signs in a row, "do not use" sequences) is
    kept out of the lexicon, so it is flagged like any other slip."""
    for junk in ("ुर", "अपनेे", "अाज", "उदे्श्य"):
        assert builder._malformed(junk)
        assert junk not in load_lexicon("hi")
        assert not proofreader.is_correct(junk)
    for word in ("आज", "क़ानून", "पहुँचे", "उद्देश्य", "कई", "अंदर"):
        assert not builder._malformed(word)


def test_plain_edits_keep_every_word_reachable():
    """The structure-aware plain edits reach every well-formed lexicon word one edit away
    (checked against a brute-force edit generator on a sample of words)."""
    from khabar_editor.proofing.errormodel import ALPHABET, plain_edits

    def brute(word):
        out = set()
        for i in range(len(word) + 1):
            left, right = word[:i], word[i:]
            if right:
                out.add(left + right[1:])
                if len(right) > 1:
                    out.add(left + right[1] + right[0] + right[2:])
            for ch in ALPHABET:
                out.add(left + ch + right)
                if right:
                    out.add(left + ch + right[1:])
        out.discard(word)
        return out

    lexicon = load_lexicon("hi")
    keys = lexicon.keys()
    sample = sorted(lexicon)[::1500]
    for word in sample:
        assert keys & brute(word) == keys & plain_edits(word), word


@pytest.fixture(scope="module")
def extractor():
    """``resources/wordlists/extract_sources.py`` as a module."""
    path = ROOT / "resources" / "wordlists" / "extract_sources.py"
    spec = importlib.util.spec_from_file_location("extract_sources_under_test", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_extractor_counts_lookup_keys(extractor):
    """Source text is cut into Devanagari words by lookup key (NFC, no joiners); Latin
    words and numbers are not counted."""
    assert extractor._words("क\u093cानून और law २०२० में क्\u200dष") == ["क़ानून", "और", "में", "क्ष"]


def test_extractor_refuses_a_changed_source(extractor, tmp_path):
    """A source file whose sha256 is not the recorded one stops the extraction."""
    (tmp_path / "hi.txt").write_text("अंक\t120388\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="sha256"):
        extractor._checked(tmp_path, "hi.txt")


def test_cldr_names_are_read(extractor):
    """The CLDR Hindi names (through Babel) give country and city words."""
    words = extractor._cldr_words()
    assert {"भारत", "नेपाल", "अंटार्कटिका"} <= words

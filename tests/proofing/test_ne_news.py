"""Nepali on real news text (issue #10, item 3): passive and -आउनु paradigms, joined
auxiliaries, the screened dictionary list and its build script."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from khabar_editor.proofing import Proofreader, nepali

ROOT = Path(__file__).resolve().parents[2]


def _load(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def ne(tmp_path_factory):
    return Proofreader("ne", personal=tmp_path_factory.mktemp("ne") / "personal.txt")


@pytest.mark.parametrize("word", ["गरिन्छ", "गरिएको", "गरिने", "भनियो", "लगाइएको", "गरिँदै",
                                  "मारिने"])
def test_passive_forms_accepted(ne, word):
    """The passive -इन्छ/-इएको/-इने/-इयो of a known verb is a word of news prose."""
    assert ne.is_correct(word)


@pytest.mark.parametrize("word", ["बनाउँछ", "बनाउँछन्", "भड्काएको", "सिलाएको", "पुर्याउँछ"])
def test_aunu_verbs_accepted(ne, word):
    """-आउनु verbs keep उ before a consonant ending (बनाउँछ) and drop it before a vowel (बनाएको)."""
    assert ne.is_correct(word)


@pytest.mark.parametrize("word", ["हुनसक्छ", "गर्नसक्ने", "हुनाले", "हुनाबाट", "गरिरहँदा",
                                  "रोकिरहँदा", "गरिराख्नुभएको", "गरिसक्नुभएको", "पर्खिरहेका",
                                  "जाँदै", "हुँदैन", "गर्दैछन्", "गर्नेछिन्", "भएतापनि", "नभएतापनि",
                                  "वर्षौं", "दशकौं", "गरिरहनु"])
def test_joined_auxiliaries_and_verbal_nouns_accepted(ne, word):
    """Infinitive + सक्छ, -ना + postposition, -इरहँदा and compound + honorific verbs."""
    assert ne.is_correct(word)


@pytest.mark.parametrize("word", ["जादै", "हुदैन", "बनाउछ", "हून्", "गरिएकको", "गरीएको",
                                  "हुनसक्क", "गरैको", "गर्दैछन", "गर्नेछन",
                                  "गरेकिछिन"])
def test_slips_in_the_new_paradigms_still_flagged(ne, word):
    """A dropped candrabindu (जादै), a wrong vowel length or a doubled letter stays flagged."""
    assert not ne.is_correct(word)


def test_missing_final_halant_flagged_with_the_fix_first(ne):
    """छन, गर्छन (final halant dropped) are flagged and the halant form is offered first."""
    assert not ne.is_correct("गर्छन")
    assert ne.suggest("गर्छन")[0] == "गर्छन्"
    assert ne.suggest("छन")[0] == "छन्"


def test_dictionary_words_accepted_short_neighbours_of_common_words_not(ne):
    """Headwords of the Nepal Academy dictionary that ne_NP lacks are accepted
    (पथप्रदर्शक, समानाक्षर); a short headword one slip from a common word (पणि ~ पनि,
    खाण ~ खान) is left out so the slip is still caught."""
    assert ne.is_correct("पथप्रदर्शक") and ne.is_correct("समानाक्षर")
    assert not ne.is_correct("पणि") and not ne.is_correct("खाण")
    assert not ne.is_correct("दुध")
    assert "दूध" in ne.suggest("दुध")[:2]


def test_ending_lookup_matches_endswith():
    """The by-length ending lookup finds exactly the endings ``str.endswith`` finds."""
    for word in ("सडकखण्डमा", "खेलाडीहरूको", "नेपालले", "शनिबारसम्म", "को", "गर्नुभयोभन्दा"):
        slow = [e for e in nepali.POSTPOSITIONS
                if word.endswith(e) and len(word) - len(e) >= nepali.MIN_STEM]
        fast = list(nepali._ending_matches(word, nepali._POSTPOSITIONS, nepali.MIN_STEM))
        assert sorted(fast) == sorted(slow)


def test_build_script_screens_the_dictionary(tmp_path):
    """build_ne_words keeps dictionary words, drops multi-word entries, legacy-font
    artefacts and words one confusable edit from a word ne_NP accepts."""
    build = _load(ROOT / "resources" / "wordlists" / "ne" / "build_ne_words.py", "build_ne_words")
    source = tmp_path / "words.txt"
    source.write_text("पथप्रदर्शक\nरजत जयन्ती\nअआनार्इ\nविद्युत्ऊर्जा\nदुध\nपणि\nसमानाक्षर\n",
                      encoding="utf-8")
    words = set(build.build(source))
    assert {"पथप्रदर्शक", "समानाक्षर"} <= words
    assert not words & {"रजत जयन्ती", "अआनार्इ", "विद्युत्ऊर्जा", "दुध", "पणि"}
    assert "र" in words  # the closed-class list is always in


def test_a_name_with_different_postpositions_counts_as_repeated(ne):
    """An unknown name used with different joined postpositions in one article
    (काभानाभ, काभानाभलाई, काभानाभको) is taken as a name; a slip of a known word with
    postpositions (सरकरले, सरकरको for सरकार) stays flagged."""
    text = "काभानाभलाई समितिले बोलायो। काभानाभको भनाइ सुनियो।"
    flagged = {f.text for f in ne.check_text(text) if f.kind == "spelling"}
    assert not flagged & {"काभानाभलाई", "काभानाभको"}
    alone = {f.text for f in ne.check_text("काभानाभलाई समितिले बोलायो।") if f.kind == "spelling"}
    assert "काभानाभलाई" in alone
    slips = {f.text for f in ne.check_text("सरकरले भन्यो। सरकरको निर्णय।") if f.kind == "spelling"}
    assert {"सरकरले", "सरकरको"} <= slips


def test_kri_for_ri_slip_gets_the_right_word(ne):
    """ृ written for ्रि and back (प्रतिकृया, क्रिषि) is flagged with the intended word first."""
    assert not ne.is_correct("प्रतिकृया")
    assert ne.suggest("प्रतिकृया")[0] == "प्रतिक्रिया"
    assert ne.suggest("प्रतिकृयाको")[0] == "प्रतिक्रियाको"
    assert ne.suggest("क्रिषि")[0] == "कृषि"

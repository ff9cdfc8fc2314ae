"""Nepali verb paradigms, emphatic -ै and closed-class interjections (issue #10, item 3)."""

from __future__ import annotations

import pytest

from khabar_editor.proofing import Proofreader, nepali


@pytest.fixture(scope="module")
def ne(tmp_path_factory):
    return Proofreader("ne", personal=tmp_path_factory.mktemp("ne") / "personal.txt")


@pytest.mark.parametrize("word", ["गर्छ", "गर्दछ", "गरेँ", "गरें", "खायो", "खाए", "खायौँ", "पर्ला",
                                  "जाला", "रहन्छ"])
def test_finite_verb_forms_of_known_infinitives_accepted(ne, word):
    """A finite form is accepted when its infinitive (गर्नु, खानु, पर्नु) is known."""
    assert ne.is_correct(word)


@pytest.mark.parametrize("word", ["गरिरहेको", "गरिरहेका", "भइरहेको", "लागिरहेको", "खाइसकेको",
                                  "पुगिसके", "लगाइदिने", "गर्नुभयो", "गर्नुहुन्छ", "गरिरहेकोमा"])
def test_compound_and_honorific_verbs_accepted(ne, word):
    """-इरहेको, -इसकेको, -इदिने and the honorific -नुभयो/-नुहुन्छ, also with a postposition."""
    assert ne.is_correct(word)


@pytest.mark.parametrize("word", ["गरीरहेको", "गरछ", "गरै", "गर्नूभयो", "गरिरहैको", "खाईसकेको"])
def test_misspelled_verb_forms_still_flagged(ne, word):
    """A wrong vowel length, a dropped halant or an e/ai slip in a verb form is still flagged."""
    assert not ne.is_correct(word)


def test_emphatic_ai_accepted_unless_it_is_an_e_slip(ne):
    """राम्रै (राम्रो) and पत्तै (पत्ता) are accepted; गरै, whose -े form गरे is a word, is not."""
    assert ne.is_correct("राम्रै") and ne.is_correct("पत्तै")
    assert ne.is_correct("गरे") and not ne.is_correct("गरै")


def test_interjections_and_address_accepted(ne):
    """Closed-class words ne_NP lacks: खोइ, हजुर (also joined: हजुरलाई)."""
    assert ne.is_correct("खोइ") and ne.is_correct("हजुर") and ne.is_correct("हजुरलाई")


def test_infinitives_rule_shapes():
    """Consonant stems keep the halant before a consonant ending, vowel stems take vowels."""
    assert "गर्नु" in set(nepali.infinitives("गर्छ"))
    assert "गर्नु" in set(nepali.infinitives("गरेको"))
    assert "खानु" in set(nepali.infinitives("खायौं"))
    assert "गरनु" not in set(nepali.infinitives("गरछ")) and "गर्नु" not in set(nepali.infinitives("गरछ"))


def test_hindi_is_unaffected(tmp_path):
    """The Nepali verb rules never run for Hindi: गर्छ is not a Hindi word."""
    assert not Proofreader("hi", personal=tmp_path / "p.txt").is_correct("गर्छ")


def test_classifier_and_derivational_endings_joined(ne):
    """-जना (सबैजना), -जसो (सधैँजसो) and -पन (अल्छीपन) join a known word like -वटा."""
    assert ne.is_correct("सबैजना") and ne.is_correct("सधैँजसो") and ne.is_correct("अल्छीपन")
    assert not ne.is_correct("सबीजना")


def test_verb_forms_are_suggested(ne):
    """A slip in a verb form gets the form itself as a suggestion (गरीरहेको → गरिरहेको)."""
    assert "गरिरहेको" in ne.suggest("गरीरहेको")[:5]


def test_common_loanwords_accepted_and_slips_flagged(ne):
    """फोन, लकडाउन and फोनमा are accepted; फोन with a wrong vowel (फौन) is not."""
    assert ne.is_correct("फोन") and ne.is_correct("लकडाउन") and ne.is_correct("फोनमा")
    assert not ne.is_correct("फौन")


def test_class_nasal_or_anusvara_both_accepted(ne):
    """सम्भव and संभव, मङ्सिर and मंसिर are both in use; a vowel slip (सम्भाव) is still flagged."""
    assert all(ne.is_correct(w) for w in ("सम्भव", "संभव", "मङ्सिर", "मंसिर"))
    assert not ne.is_correct("सम्भाव")


def test_shared_sanskrit_word_accepted_only_without_nepali_neighbour(ne):
    """स्पष्ट (hi_IN, no Nepali word one slip away) is accepted; a slip of a Nepali word that
    happens to be a Hindi word is not accepted this way."""
    assert ne.is_correct("स्पष्ट")
    assert ne._shared_with_hindi("स्पष्ट")
    assert not ne._shared_with_hindi("उन्नति")  # ne_NP has उन्नती one vowel length away


def test_postposition_on_its_own_accepted(ne):
    """A postposition of the closed list written as its own word (वरिपरि) is a word."""
    assert ne.is_correct("वरिपरि") and not ne.is_correct("वरीपरि")

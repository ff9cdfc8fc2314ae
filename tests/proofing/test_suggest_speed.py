"""The speed-ups of the Nepali suggestion path give the same answers as the plain code.

``_ending_matches`` looks endings up by last letter, ``verb_analyses`` analyses an
auxiliary's tail only after a participle, Hunspell answers are remembered and asked
through Enchant's C function, and a word list that is NFC as a whole skips per-word
normalization. Each test compares against the straightforward computation.
"""

from __future__ import annotations

import unicodedata

import pytest

from khabar_editor.proofing import lexicon, nepali
from khabar_editor.proofing.engine import HunspellChecker, open_hunspell
from khabar_editor.proofing.errormodel import cheap_edits

WORDS = ("सडकखण्डमा", "खेलाडीहरूको", "नेपालले", "शनिबारसम्म", "को", "गर्नुभयोभन्दा",
         "गरिरहेको", "खाइसकेको", "लगाइदिने", "भैरहेको", "गइसकेको", "लिइराखेको", "गर्नुभयो",
         "हुनसक्छ", "गर्नसक्ने", "गरिन्छ", "बनाउँछ", "खायौं", "गरेँ", "जाँदै", "राख्नुभएको",
         "गरिरहँदा", "हेर्नुहुन्छ", "पर्खिरहेको", "गर्दैनन्", "क", "")
TABLES = {"postpositions": nepali._POSTPOSITIONS, "consonant": nepali._CONSONANT_TABLE,
          "sign": nepali._SIGN_TABLE, "vowel": nepali._VOWEL_TABLE, "au": nepali._AU_TABLE,
          "honorific": nepali._HONORIFIC_TABLE, "passive": nepali._PASSIVE_TABLE}
ENDINGS = {"postpositions": nepali.POSTPOSITIONS, "consonant": nepali._CONSONANT_ENDINGS,
           "sign": nepali._SIGN_ENDINGS, "vowel": nepali._VOWEL_ENDINGS,
           "au": nepali._AU_ENDINGS, "honorific": nepali._HONORIFIC,
           "passive": nepali._PASSIVE_ENDINGS}


def _many_words() -> list[str]:
    """The words above and every string one confusable edit from them."""
    out = set(WORDS)
    for word in WORDS:
        out.update(cand for cand, _cost in cheap_edits(word))
    return sorted(out)


@pytest.mark.parametrize("name", sorted(TABLES))
@pytest.mark.parametrize("room", [1, 2, 3])
def test_ending_lookup_by_last_letter_finds_what_endswith_finds(name, room):
    for word in _many_words():
        slow = sorted({e for e in ENDINGS[name] if word.endswith(e) and len(word) - len(e) >= room},
                      key=len, reverse=True)
        fast = nepali._ending_matches(word, TABLES[name], room)
        assert fast == slow, word
        assert [len(e) for e in fast] == sorted((len(e) for e in fast), reverse=True)


def _slow_verb_analyses(word: str) -> list[tuple[str, ...]]:
    """verb_analyses as first written: every auxiliary tail analysed, joints built per word."""
    out = [(inf,) for inf in nepali.infinitives(word)]
    for aux in nepali._ending_matches(word, nepali._HONORIFIC_TABLE, 3):
        if word[:-len(aux)].endswith("नु"):
            out.append((word[:-len(aux)],))
    for aux in nepali._AUXILIARIES:
        i = word.find(aux, 2)
        while i > 0:
            part, tail = word[:i], word[i:]
            if (nepali._is_form_of.__wrapped__(tail, aux)
                    or tail in (aux + "नु", aux + "्नु")
                    or (aux == "रह" and tail in nepali._RAHA_FORMS)):
                out.extend((inf,) for inf in nepali._participle_infinitives(part))
            i = word.find(aux, i + 1)
    for aux in nepali._INFINITIVE_AUXILIARIES if "न" in word[1:] else ():
        for joint in ("न" + aux, "नु" + aux):
            i = word.find(joint, 1)
            if i > 0 and nepali._is_form_of.__wrapped__(word[i + len(joint) - len(aux):], aux):
                out.append((word[:i] + "नु",))
    for ending in nepali._ending_matches(word, nepali._PASSIVE_TABLE, 2):
        part = word[:-len(ending)]
        if part[-1] in "िइ":
            out.extend((inf,) for inf in nepali._participle_infinitives(part))
    return out


def test_verb_analyses_same_as_the_plain_loop():
    for word in _many_words():
        if word:
            assert list(nepali.verb_analyses(word)) == _slow_verb_analyses(word), word


@pytest.mark.parametrize(("form", "infinitive"), [
    ("गरिरहेको", "गर्नु"), ("खाइसकेको", "खानु"), ("भैरहेको", "हुनु"), ("गइसकेको", "जानु"),
    ("लिइराखेको", "लिनु"), ("हुनसक्छ", "हुनु"), ("गर्नसक्ने", "गर्नु"), ("लगाइदिने", "लगाउनु"),
])
def test_compound_verbs_still_read(form, infinitive):
    assert (infinitive,) in list(nepali.verb_analyses(form))


class _CountingDict:
    """An enchant.Dict stand-in without the C handle (the wrapper's fallback path)."""

    def __init__(self, known: set[str], fail: str = "") -> None:
        self.known, self.fail, self.calls = known, fail, 0

    def check(self, word: str) -> bool:
        self.calls += 1
        if word == self.fail:
            raise RuntimeError("enchant error")
        return word in self.known


def test_hunspell_answers_are_remembered_and_errors_are_no():
    fake = _CountingDict({"नेपाल"}, fail="खराब")
    checker = HunspellChecker(fake)
    assert checker.check("नेपाल") and checker.check("नेपाल")
    assert not checker.check("नेपल") and not checker.check("नेपल")
    assert fake.calls == 2  # each word asked once
    assert not checker.check("खराब")  # an Enchant error counts as not accepted


def test_nepali_checker_with_form_list_agrees_with_pyenchant():
    checker, status = open_hunspell("ne")
    if checker is None:
        pytest.skip("Enchant or the ne_NP dictionary is not available here")
    checker.use_forms()
    assert checker._forms is not None  # the expanded form list is used
    words = [w for w in _many_words() if w]
    expected = [bool(checker._dict.check(w)) for w in words]
    assert [checker.check(w) for w in words] == expected
    assert any(expected) and not all(expected)
    assert checker.check("") is False


@pytest.mark.parametrize("text", [
    "# header\nनेपाल\nकाठमाडौँ # a comment\n\n\ufeffपोखरा\nनेपाल\n",
    "क\u093c\u200dलम\nनेपाल\n",          # a joiner: the per-word path
    "क\u093cलम\nनेपाल\n",                # क + nukta: NFC, the fast path
    "\u0915\u093c\u0932\u092e\n\u0958\u0932\u092e\n",  # U+0958 (not NFC): per word
])
def test_word_keys_fast_path_matches_lookup_keys(text):
    slow = {lexicon.lookup_key(w) for w in lexicon.parse_word_list(text)}
    fast = list(lexicon._word_keys(text))
    assert set(fast) == slow
    assert all(unicodedata.is_normalized("NFC", w) and "\u200d" not in w for w in fast)

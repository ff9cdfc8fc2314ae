"""grammar.gender_agreement: गया/गई, रहा/रही, था/थी after a clear feminine subject."""

from __future__ import annotations

import pytest

from khabar_editor.proofing import RULES
from khabar_editor.proofing.agreement import gender_agreement


def _found(text):
    return [(f.text, f.fix) for f in gender_agreement(text)]


@pytest.mark.parametrize("text, expected", [
    ("कल शाम बैठक हो गया।", [("गया", "गई")]),
    ("शहर में आग लग गया था।", [("गया था", "गई थी")]),
    ("सरकार गिर रहा था।", [("रहा था", "रही थी")]),
    ("घटना के बाद पुलिस पहुंचा।", [("पहुंचा", "पहुंची")]),
    ("रात भर बारिश हुआ।", [("हुआ", "हुई")]),
    ("बैठक शुरू हो गया।", [("गया", "गई")]),
    ("उसे नौकरी मिल गया।", [("गया", "गई")]),
    ("काम अभी हो रही था।", [("था", "थी")]),
    ("काम अभी हो रहा थी।", [("थी", "था")]),
])
def test_masculine_verb_after_feminine_subject_is_flagged(text, expected):
    """A masculine verb phrase after a listed feminine subject gets the feminine fix."""
    assert _found(text) == expected


@pytest.mark.parametrize("text", [
    "कल शाम बैठक हो गई।",          # already right
    "भारत हार गया।",               # हार is also a verb stem: not on the list
    "वह अदालत पहुंचा।",             # a destination, not the subject
    "पुलिस लगा दी गई।",             # लगा + light verb: लगाना, not लगना
    "उसने कहा कि बैठक हो गई।",
    "उसने बैठक हो गया कहा।",        # ने in the clause: left alone
    "सरकार बना लेगी।",
    "वह पहली बार गया।",             # बार is an adverb here: not on the list
    "पुलिस मौके पर पहुंचा।",          # a word in between: not certain
])
def test_correct_or_uncertain_text_is_left_alone(text):
    """Right text, and anything the rule cannot be sure of, gives no finding."""
    assert _found(text) == []


def test_rule_is_registered_switchable_and_hindi_only(tmp_path):
    """The rule is on by default, can be switched off and never runs for Nepali."""
    from khabar_editor.proofing import Proofreader

    rule = RULES["grammar.gender_agreement"]
    assert rule.default_on and rule.languages == frozenset({"hi"})
    p = Proofreader("hi", personal=tmp_path / "w.txt")
    assert any(f.kind == "grammar.gender_agreement" for f in p.check_text("बैठक हो गया।"))
    p.set_rule_enabled("grammar.gender_agreement", False)
    assert not any(f.kind == "grammar.gender_agreement" for f in p.check_text("बैठक हो गया।"))
    ne = Proofreader("ne", personal=tmp_path / "w.txt")
    assert "grammar.gender_agreement" not in ne.enabled_rules

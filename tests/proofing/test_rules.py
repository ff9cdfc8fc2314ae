"""Proofing rules: each finds its problem, offers the right fix and can be switched off."""

from __future__ import annotations

import pytest

from khabar_editor.proofing import RULES, Proofreader
from khabar_editor.textkit.unicode_checks import find_do_not_use, fix_do_not_use


def kinds(findings, kind):
    """(text, fix) of the findings of one kind."""
    return [(f.text, f.fix) for f in findings if f.kind == kind]


def apply_fixes(text, findings):
    """``text`` with every finding's fix applied (right to left)."""
    for f in sorted(findings, key=lambda f: f.start, reverse=True):
        if f.fix is not None:
            text = text[:f.start] + f.fix + text[f.end:]
    return text


def test_every_rule_has_an_id_default_and_description():
    """The registry lists the rules of the spec with defaults and descriptions."""
    expected = {"unicode.do_not_use", "typo.space_before_danda", "typo.missing_space_after_danda",
                "typo.double_space", "typo.repeated_word", "typo.ascii_full_stop",
                "typo.mixed_digits", "typo.unbalanced", "consistency.name_variants"}
    assert expected <= set(RULES)
    assert all(RULES[r].description for r in expected)
    # House-style choices: much real Hindi news prose ends sentences with ".".
    assert {r for r in expected if not RULES[r].default_on} == {"typo.ascii_full_stop"}


@pytest.mark.parametrize("bad, good", [
    ("\u0905\u093e\u091c", "\u0906\u091c"),          # अ+ा ज -> आज
    ("\u0905\u094b\u0930", "\u0913\u0930"),          # अ+ो र -> ओर
    ("\u090f\u0947\u0938\u093e", "\u0910\u0938\u093e"),  # ए+े सा -> ऐसा
    ("\u0932\u093e\u0917\u093e\u0947\u0902", "\u0932\u093e\u0917\u094b\u0902"),  # ा+े -> ो
    ("\u0915\u094d\u093c", "\u0915\u093c\u094d"),    # virama before nukta
    ("\u0930\u094d\u0907\u0936", "\u0908\u0936"),       # र्इश -> ईश
    ("\u0909\u0941\u0902\u091a\u093e", "\u090a\u0902\u091a\u093e"),  # उ+ु ंचा -> ऊंचा
])
def test_do_not_use_sequences_are_found_and_fixed(proofreader, bad, good):
    """Sequences that only look right are reported with the canonical text as fix."""
    assert list(find_do_not_use(bad))
    assert fix_do_not_use(bad) == good
    findings = [f for f in proofreader.check_paragraph(bad) if f.kind == "unicode.do_not_use"]
    assert findings and apply_fixes(bad, findings) == good


def test_canonical_text_has_no_do_not_use_findings():
    """Correct आ, ओ, ऐ, ो are not reported."""
    assert list(find_do_not_use("आज ओर ऐसा लोगों क़िला")) == []


def test_danda_spacing_rules(proofreader):
    """Space before danda, missing space after danda and comma; numbers keep their comma."""
    text = "बारिश हुई ।लोग घर गए,बाजार बंद। कीमत 1,000 रुपये।"
    findings = proofreader.check_paragraph(text)
    assert kinds(findings, "typo.space_before_danda") == [(" ।", "।")]
    assert kinds(findings, "typo.missing_space_after_danda") == [("।", "। "), (",", ", ")]
    assert apply_fixes(text, [f for f in findings if f.kind.startswith("typo.")]) == (
        "बारिश हुई। लोग घर गए, बाजार बंद। कीमत 1,000 रुपये।")


def test_double_space_and_repeated_word(proofreader):
    """Double spaces inside a line and doubled function words; reduplication is fine."""
    text = "पुलिस  ने के के साथ धीरे धीरे जांच की।"
    findings = proofreader.check_paragraph(text)
    assert kinds(findings, "typo.double_space") == [("  ", " ")]
    assert kinds(findings, "typo.repeated_word") == [("के के", "के")]


def test_ascii_full_stop_but_not_numbers_abbreviations_or_urls(proofreader):
    """'.' after a Hindi word is flagged (when switched on); 2.5, डॉ., बी.जे.पी. and
    example.com are not."""
    proofreader.set_rule_enabled("typo.ascii_full_stop", True)
    text = "डॉ. शर्मा ने कहा कि दर 2.5 है. साइट example.com पर है।"
    findings = proofreader.check_paragraph(text)
    assert [(f.text, f.start, f.fix) for f in findings if f.kind == "typo.ascii_full_stop"] == [
        (".", text.index("है.") + 2, "।")]


def test_mixed_digits_without_house_style_are_flagged_but_not_fixed(proofreader):
    """Without a house digit style the minority is flagged with no fix: a fix to each
    field's own majority would turn the headline one way and the body the other."""
    text = "दिनांक १२ को ३० लोग और 25 बच्चे।"
    assert kinds(proofreader.check_text(text), "typo.mixed_digits") == [("25", None)]


def test_digits_fix_follows_the_house_style_in_every_field(tmp_path):
    """With house digits the fix is the same everywhere: a headline with only Latin digits
    and a body with a Latin majority both go to Devanagari; URLs are never touched."""
    p = Proofreader("hi", personal=tmp_path / "p.txt", digits="devanagari")
    headline = "2026 में 3 नए पुल"
    body = "दिनांक 12 को 30 लोग और २५ बच्चे, देखें https://example.com/2026/7 पर।"
    assert kinds(p.check_text(headline), "typo.mixed_digits") == [("2026", "२०२६"), ("3", "३")]
    assert kinds(p.check_text(body), "typo.mixed_digits") == [("12", "१२"), ("30", "३०")]
    latin = Proofreader("hi", personal=tmp_path / "p.txt", digits="latin")
    assert kinds(latin.check_text(body), "typo.mixed_digits") == [("२५", "25")]


def test_quote_rule_never_rewrites_a_quote(proofreader):
    """The quotes rule reports an unpaired quote but offers no fix, so "Fix all" can never
    turn an opening quote into a closing one."""
    for text in ("उन्होंने कहा “हम जीतेंगे।", "उन्होंने कहा हम जीतेंगे”।", 'वह "ठीक है।'):
        found = [f for f in proofreader.check_paragraph(text) if f.kind == "typo.unbalanced"]
        assert found and all(f.fix is None for f in found)


def test_unbalanced_quotes_and_brackets(proofreader):
    """An unclosed bracket or curly quote and an odd straight quote are found."""
    findings = proofreader.check_paragraph("उन्होंने कहा “हम जीतेंगे (जरूर।")
    assert sorted(f.text for f in findings if f.kind == "typo.unbalanced") == ["(", "“"]
    assert not [f for f in proofreader.check_paragraph("(“ठीक” है)") if f.kind == "typo.unbalanced"]


def test_name_variants_across_paragraphs(proofreader):
    """A name spelled two ways is flagged at the rarer spelling with the usual one as fix."""
    text = "नीतीश कुमार पटना पहुंचे।\nनीतीश ने बैठक की।\nबाद में नितीश लौटे।"
    found = [f for f in proofreader.check_text(text) if f.kind == "consistency.name_variants"]
    assert [(f.text, f.fix, text[f.start:f.end]) for f in found] == [("नितीश", "नीतीश", "नितीश")]


def test_common_distinct_words_are_not_variants(proofreader):
    """कि and की, दिन and दीन are different words, not spelling variants."""
    text = "उन्होंने कहा कि दिन की बात है। दीन दिन"
    assert not [f for f in proofreader.check_text(text) if f.kind == "consistency.name_variants"]


def test_rules_can_be_switched_off(tmp_path):
    """disabled_rules and set_rule_enabled switch rules off and on again."""
    p = Proofreader("hi", personal=tmp_path / "p.txt", disabled_rules=["typo.double_space"])
    assert not kinds(p.check_paragraph("राम  आए"), "typo.double_space")
    p.set_rule_enabled("typo.double_space", True)
    assert kinds(p.check_paragraph("राम  आए"), "typo.double_space")


def test_check_text_offsets_point_into_the_whole_text(proofreader):
    """Offsets of findings in later paragraphs are into the full document."""
    text = "पहला अनुच्छेद।\n\nदूसरा सरकारि बयान।"
    [f] = [f for f in proofreader.check_text(text) if f.kind == "spelling"]
    assert text[f.start:f.end] == "सरकारि" == f.text
    assert f.suggestions[0] == "सरकारी"


def test_finding_messages_in_hindi(proofreader):
    """Every finding has an English and a Hindi message."""
    f = proofreader.check_paragraph("सरकारि  बात ।")[0]
    assert f.message_in("en") != f.message_in("hi")
    assert "सरकारि" in f.message_in("hi")

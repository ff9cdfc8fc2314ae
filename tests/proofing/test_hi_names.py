"""Issue #10 item 2: more licensed names, the refined repeated-name rule, a clean nukta list."""

from __future__ import annotations

from khabar_editor.proofing.lexicon import load_lexicon, nukta_words


def _spelling(proofreader, text: str) -> list[str]:
    return [f.text for f in proofreader.check_text(text) if f.kind == "spelling"]


def test_a_repeated_name_beside_a_rare_word_is_accepted(proofreader):
    """लामार used twice in one article is a name although the rare लामा is one letter
    away (a rare neighbour blocks only through a classic slip); used once it is flagged."""
    lexicon = load_lexicon("hi")
    assert "लामार" not in lexicon and 0 < lexicon["लामा"] < 450
    assert _spelling(proofreader, "लामार ने कहा। बाद में लामार लौट आए।") == []
    assert _spelling(proofreader, "लामार ने कहा।") == ["लामार"]


def test_a_repeated_slip_of_a_common_word_is_still_flagged(proofreader):
    """A letter too many on a common word (सरकारा) or a vowel-length slip of a rare one
    (a classic slip, whatever the neighbour's frequency) stays flagged when repeated."""
    assert _spelling(proofreader, "सरकारा ने कहा। सरकारा की योजना।") == ["सरकारा", "सरकारा"]
    lexicon = load_lexicon("hi")
    assert 0 < lexicon["एरडोगन"] < 450  # एर्डोगन: a halant (classic slip) away
    assert _spelling(proofreader, "एर्डोगन ने कहा। एर्डोगन आए।") == ["एर्डोगन", "एर्डोगन"]


def test_names_from_the_new_sources_are_known(proofreader):
    """IL-NER (Hindi NER text) and NTREX-128 Hindi (translated world news) add names,
    acronyms and loanwords: एमएसएमई, हितधारक, लिविंगस्टन."""
    for word in ("एमएसएमई", "हितधारक", "लिविंगस्टन"):
        assert proofreader.is_correct(word), word


def test_nukta_list_has_no_slips():
    """The dropped-nukta list holds one standard spelling per word and no slips: no
    nukta moved off a ड (लडक़ी), no vowel-length slip (ज़रुर), no lone letter (ख़), no
    second, partial nukta spelling (इज़ाज़त beside इजाज़त)."""
    words = nukta_words("hi")
    for slip in ("लडक़ी", "ज़रुर", "ज़रुरत", "इज़ाज़त", "ख़", "ज़", "इज़", "तक़लीफ़"):
        assert slip not in words, slip
    for standard in ("ख़बर", "बाज़ार", "इजाज़त", "ज़रूर", "ज़रूरत", "ग़ाज़ियाबाद"):
        assert standard in words, standard
    plain = [w.replace("\u093c", "") for w in words]
    assert len(plain) == len(set(plain))


def test_the_nukta_rule_suggests_no_slip(proofreader):
    """लडकी (ड़ without its nukta) is a misspelling of लड़की, never "लडक़ी"."""
    findings = proofreader.check_paragraph("वह लडकी आई।")
    assert findings and all(f.fix != "लडक़ी" for f in findings)
    assert "लड़की" in [s for f in findings for s in ([f.fix] + list(f.suggestions)) if s]


def test_old_misspellings_left_the_lexicon(proofreader):
    """लडकी/लडकियों (the nukta slipped from ड़ onto क in the corpus list: लडक़ी) and the
    plural with ई for इ (कार्रवाईयों) are no longer accepted; the right spellings are."""
    for wrong, right in (("लडकी", "लड़की"), ("लडकियों", "लड़कियों"),
                         ("कार्रवाईयों", "कार्रवाइयों")):
        assert not proofreader.is_correct(wrong), wrong
        assert proofreader.is_correct(right), right

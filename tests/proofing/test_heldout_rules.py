"""Changes made after the held-out evaluation: inflection, lexicon screening, Nepali endings.

No word of the held-out texts (bench/data/spell/heldout_*.txt) is used here on purpose.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from khabar_editor.proofing import Proofreader, nepali
from khabar_editor.proofing.inflect import expand
from khabar_editor.proofing.lexicon import lookup_key, read_word_file
from khabar_editor.textkit.normalize import nfc
from khabar_editor.textkit.words import count_words, iter_devanagari_words

ROOT = Path(__file__).resolve().parents[2]
SPELL_DATA = ROOT / "bench" / "data" / "spell"


def _load(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


BUILD = _load(ROOT / "resources" / "wordlists" / "build_lexicon.py", "build_lexicon")


def test_nouns_in_independent_ii_get_their_plurals():
    """लड़ाई -> लड़ाइयाँ/लड़ाइयां/लड़ाइयों (the -ई ending, not only -ी)."""
    assert {"लड़ाइयाँ", "लड़ाइयां", "लड़ाइयों"} <= expand("लड़ाई")


def test_causative_in_va_is_generated():
    """बनाना also gives बनवाना and its forms."""
    assert {"बनवाना", "बनवाया", "बनवाकर", "बनवाएगा"} <= expand("बनाना")


def test_generated_near_misses_are_not_in_the_shipped_lexicon(proofreader):
    """कृषी/व्यक्ती (shape-generated, one ि/ी from a frequent word) are flagged and fixed."""
    for wrong, right in (("कृषी", "कृषि"), ("व्यक्ती", "व्यक्ति")):
        assert not proofreader.is_correct(wrong)
        assert proofreader.suggest(wrong)[0] == right


def test_build_screens_unattested_near_misses_but_not_verb_nasals():
    """A generated form one cheap edit from a frequent word is dropped, except -ें/-े verbs."""
    scores = {"फ़ैसले": 450}
    assert BUILD._unattested_near_miss("फ़ैसलें", scores)
    assert not BUILD._unattested_near_miss("फ़ैसलें", scores, verb=True)
    assert not BUILD._unattested_near_miss("फ़ैसलें", {"फ़ैसले": 200})
    assert BUILD._unattested_near_miss("चूके", {"चुके": 500}, verb=True)


def test_build_finds_verbs_from_two_inflected_forms():
    """टहलता + टहलते in the corpus make टहलना a verb; one form alone does not."""
    assert BUILD._verbs_from_corpus({"टहलता": 300, "टहलते": 300}, set()) == {"टहलना"}
    assert BUILD._verbs_from_corpus({"टहलता": 300}, set()) == set()
    assert BUILD._verbs_from_corpus({"टहलता": 300, "टहलते": 300}, {"टहलना"}) == set()


def test_build_shares_scores_between_spelling_variants():
    """ज़िला and जिला get the same (best) frequency, so the nukta form can rank first."""
    zila, sadak = nfc("ज़िला"), nfc("सड़क")
    words = {zila: 0, "जिला": 420, sadak: 500}
    BUILD._share_variant_scores(words)
    assert words == {zila: 420, "जिला": 420, sadak: 500}


def test_nepali_stems_peel_up_to_two_endings():
    """प्रहरीहरूसँग -> प्रहरीहरू -> प्रहरी; a stem shorter than two letters is not tried."""
    found = list(nepali.stems("प्रहरीहरूसँग"))
    assert "प्रहरीहरू" in found and "प्रहरी" in found
    assert list(nepali.stems("को")) == []


def test_nepali_joined_postpositions_are_accepted_only_on_known_stems(tmp_path, monkeypatch):
    """मन्त्रालयसम्म, सडकभन्दा, जनताप्रति pass thanks to the rule; a misspelled stem does not."""
    forms = ("मन्त्रालयसम्म", "सडकभन्दा", "जनताप्रति", "अस्पतालदेखि", "कार्यालयतर्फ")
    checker = Proofreader("ne", personal=tmp_path / "p.txt")
    assert all(checker.is_correct(w) for w in forms)
    assert not checker.is_correct("सर्कारसम्म")
    monkeypatch.setattr(nepali, "stems", lambda word, layers=2: iter(()))
    without = Proofreader("ne", personal=tmp_path / "p.txt")
    assert not any(without.is_correct(w) for w in forms)


def test_held_out_texts_exist_and_stay_held_out():
    """The held-out texts have their size, and modern_hi.txt did not grow towards them."""
    hi = (SPELL_DATA / "heldout_hi.txt").read_text(encoding="utf-8")
    ne = (SPELL_DATA / "heldout_ne.txt").read_text(encoding="utf-8")
    assert count_words(hi) >= 1900 and count_words(ne) >= 450
    modern = {lookup_key(w) for w in read_word_file(ROOT / "resources" / "wordlists"
                                                    / "modern_hi.txt")}

    def types(text: str) -> set[str]:
        return {lookup_key(t.text) for t in iter_devanagari_words(text)}

    # Overlap recorded in bench/data/spell/README.md when the texts were written.
    assert len(modern & types(hi)) <= 98
    assert len(modern & types(ne)) <= 19


def test_bench_reports_held_out_rows_side_by_side():
    """The evaluation makes false-positive and accuracy rows with a pyenchant baseline."""
    bench = _load(ROOT / "bench" / "bench_spell.py", "bench_spell_t")
    text = bench._read(SPELL_DATA / "heldout_ne.txt").split("\n")[0]
    tokens = [t.text for t in bench.iter_devanagari_words(text)]
    checker = bench.Proofreader("ne", personal=Path("/nonexistent/p.txt"))
    base, _status = bench.open_hunspell("ne")
    rows = bench._accuracy_rows("[x] ", checker, base, tokens, per_type=False)
    names = [r["name"] for r in rows]
    assert names[0] == "[x] false positives (correct news text)"
    assert "[x] top-5: all error types" in names
    assert all(isinstance(r["baseline"], float) for r in rows)
    assert [p for p, *_ in bench.DATASETS] == ["", "[heldout hi] ", "[heldout ne] "]


def test_build_drops_corpus_vowel_slips_next_to_a_curated_word():
    """जरुर (web text) goes when curated जरूर is more frequent; untrusted needs a 10x gap."""
    scores = {"जरुर": 440, "जरूर": 514}
    assert BUILD._likely_misspelling("जरुर", scores, {"जरूर"})
    assert not BUILD._likely_misspelling("जरुर", scores, set())
    assert not BUILD._likely_misspelling("जरूर", scores, {"जरूर"})


def test_nepali_suggestions_reach_inflected_forms(tmp_path):
    """A Nepali word with a joined postposition gets the corrected inflected form first."""
    checker = Proofreader("ne", personal=tmp_path / "p.txt")
    assert not checker.is_correct("मन्त्रलयसम्म")
    assert checker.suggest("मन्त्रलयसम्म")[0] == "मन्त्रालयसम्म"


def test_do_not_use_words_also_get_suggestions_from_the_raw_spelling(tmp_path):
    """ा+ै is not always ौ: सवाै (a slip for सवाल) gets plain edits of what was typed."""
    checker = Proofreader("hi", personal=tmp_path / "p.txt", use_hunspell=False)
    assert "सवाल" in checker.suggest("सवाै")[:5]


def test_abbreviation_before_a_full_stop_is_not_a_spelling_error(proofreader):
    """डॉ. (with its full stop) is an abbreviation; bare डॉ is still unknown."""
    assert not [f for f in proofreader.check_paragraph("डॉ. शर्मा ने कहा।")
                if f.kind == "spelling"]
    assert [f.text for f in proofreader.check_paragraph("डॉ शर्मा ने कहा।")
            if f.kind == "spelling"] == ["डॉ"]

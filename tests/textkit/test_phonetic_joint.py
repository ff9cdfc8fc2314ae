"""The joint-sequence (graphone) model, its training steps and the shipped word list."""

from __future__ import annotations

import gzip
import importlib.util
from pathlib import Path

import pytest

from khabar_editor.textkit import phonetic
from khabar_editor.textkit.phonetic.model import (
    PhoneticModel, data_path, load_model, read_model_data, read_word_scores, words_path,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def trainer():
    spec = importlib.util.spec_from_file_location("train_phonetic",
                                                  ROOT / "scripts" / "train_phonetic.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_shipped_hindi_model_is_the_joint_model_and_ranks_with_the_word_list():
    """The shipped model decodes with graphones, and every word of the shipped word list
    is a known word of the ranking lexicon."""
    model = load_model("hi")
    assert model.joint is not None and model.joint.order >= 2
    words = read_word_scores(words_path("hi"))
    assert len(words) > 10_000
    assert all(model.lexicon.get(w, -1) >= s for w, s in list(words.items())[:2000])


@pytest.mark.parametrize(("roman", "word"), [
    ("ribosome", "राइबोसोम"), ("samachar", "समाचार"), ("kya", "क्या"), ("mein", "में"),
])
def test_shipped_model_finds_wikipedia_and_everyday_words(roman, word):
    """Loanwords attested in Wikipedia and everyday words come in the top three."""
    assert word in phonetic.candidates(roman)[:3]


def test_damaged_or_missing_word_list_gives_no_words(tmp_path):
    """A word list that is missing, not gzip or malformed is ignored, not an error."""
    assert read_word_scores(tmp_path / "nothing.tsv.gz") == {}
    (tmp_path / "bad.tsv.gz").write_bytes(b"not gzip")
    assert read_word_scores(tmp_path / "bad.tsv.gz") == {}
    with gzip.open(tmp_path / "odd.tsv.gz", "wt", encoding="utf-8") as fh:
        fh.write("शब्द\tmany\n")
    assert read_word_scores(tmp_path / "odd.tsv.gz") == {}


def test_sentence_pairs_read_only_the_dev_half_and_drop_excluded_words(tmp_path, trainer):
    """Word pairs come from dev sentences only; excluded (test) words never appear."""
    aligned = tmp_path / "aligned.tsv"
    aligned.write_text("घर\tghar\nगया\tgaya\n</s>\t</s>\nनदी\tnadi\n</s>\t</s>\n"
                       "घर\tghar\nवन\tvan\n</s>\t</s>\n", encoding="utf-8")
    index = tmp_path / "rejoined.tsv"
    index.write_text("घर गया।\tghar gaya.\nनदी\tnadi\nघर वन\tghar van\n", encoding="utf-8")
    dev_native = tmp_path / "dev.native.txt"
    dev_native.write_text("घर गया।\nघर वन\n", encoding="utf-8")
    pairs = trainer.sentence_pairs(aligned, index, dev_native, {"वन"})
    assert pairs == [("गया", "gaya", 1), ("घर", "ghar", 2)]


def test_extra_pairs_keep_one_word_rows_in_either_column_order(tmp_path, trainer):
    """A names TSV (Roman first, with a header) gives lowercased one-word pairs, once
    each; rows of several words, non-Devanagari rows and excluded (test) words are
    dropped, and a Devanagari-first file reads the same."""
    names = tmp_path / "names.tsv"
    names.write_text("english\thindi\nAakash\tआकाश\nAakash\tआकाश\nAbu Bakr\tअबू बक्र\n"
                     "Abdul-Hafiz\tअब्दुल-हाफिज़\nAmit\tअमित\nZed\tzed\nAnil\tअनिल\n",
                     encoding="utf-8")
    assert trainer.extra_pairs(names, {"अनिल"}) == [("आकाश", "aakash", 1), ("अमित", "amit", 1)]
    flipped = tmp_path / "flipped.tsv"
    flipped.write_text("आकाश\tAakash\nअमित\tAmit\n", encoding="utf-8")
    assert trainer.extra_pairs(flipped, set()) == [("आकाश", "aakash", 1), ("अमित", "amit", 1)]


def test_graphone_model_learns_from_aligned_pairs(trainer):
    """A joint model trained on a few pairs decodes them, and typing letter by letter
    gives the same candidates as the whole word."""
    channel = read_model_data(data_path("hi"))
    aligner = PhoneticModel({"inverse": channel["inverse"], "end": channel["end"],
                             "lm": {}, "lm_order": 3}, {})
    pairs = [("कमल", "kamal", 3), ("कल", "kal", 3), ("मल", "mal", 2), ("कमला", "kamla", 2),
             ("लम", "lam", 1), ("मलका", "malka", 1)]
    seqs = trainer.graphones(aligner, pairs)
    assert len(seqs) == len(pairs)
    assert seqs[0][0][-1].endswith("|$")  # the word end is a graphone too
    data = {"inverse": {}, "end": {}, "lm_order": 3,
            "lm": trainer.train_lm([w for w, _r, _c in pairs], order=3),
            "joint": trainer.train_joint(seqs, 3, min_count=1),
            "weights": {"lm": 0.3, "known": 0.0, "freq": 0.0}}
    model = PhoneticModel(data, {})
    for word, roman, _count in pairs[:4]:
        assert model.candidates(roman)[0] == word
    whole = model.candidates("kamal")
    model._beams.clear()
    for i in range(1, 6):
        typed = model.candidates("kamal"[:i])
    assert typed == whole
    assert model.forced_score("कमल", "kamal") > model.forced_score("कमल", "kml") - 50
    assert model.forced_score("कमल", "zzzz") < -1e8


def test_channel_re_ranking_reorders_only_the_best_candidates():
    """With the channel weight on, the best candidates are re-ordered, none added or lost;
    with it off the graphone ranking is used as is."""
    from dataclasses import replace

    from khabar_editor.textkit.phonetic.model import CHANNEL_TOP

    model = load_model("hi")
    assert model.weights.channel > 0
    mixed = model.candidates("bharat", CHANNEL_TOP)
    plain = PhoneticModel(read_model_data(data_path("hi")), model.lexicon,
                          replace(model.weights, channel=0.0))
    unmixed = plain.candidates("bharat", CHANNEL_TOP)
    assert set(mixed) == set(unmixed)
    assert mixed[0] == "भारत"

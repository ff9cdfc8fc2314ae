"""The Nepali form list (ne_NP expanded at build time) answers exactly as Hunspell."""

from __future__ import annotations

import importlib.util
import random
import re
from pathlib import Path

import pytest

from khabar_editor.proofing import engine
from khabar_editor.proofing.engine import HunspellChecker, load_forms, open_hunspell
from khabar_editor.proofing.errormodel import cheap_edits

ROOT = Path(__file__).resolve().parents[2]
DEVANAGARI = re.compile(r"[\u0900-\u097f]+")


@pytest.fixture(scope="module")
def forms() -> frozenset[str]:
    loaded = load_forms("ne")
    assert loaded is not None
    return loaded


@pytest.fixture(scope="module")
def raw_hunspell(forms):
    import os

    os.environ["KHABAR_NO_FORM_LIST"] = "1"
    try:
        checker, status = open_hunspell("ne")
    finally:
        del os.environ["KHABAR_NO_FORM_LIST"]
    if checker is None:
        pytest.skip("Enchant/Hunspell not available")
    assert checker._forms is None
    return checker


def test_list_holds_inflected_forms(forms):
    # a root, a suffix (SFX 1), a two-fold suffix (SFX 1 then 18) and the prefix न (17)
    for word in ("गर्नु", "गर्छ", "गरेको", "गरेकाहरू", "नगर्ने", "नेपाल"):
        assert word in forms, word
    assert "गर्छु्" not in forms and len(forms) > 500_000


def test_membership_equals_hunspell_on_dev_words_and_edits(forms, raw_hunspell):
    text = (ROOT / "bench/data/real/ne_news_dev.txt").read_text(encoding="utf-8")
    words = sorted(set(DEVANAGARI.findall(text)))[::6]
    sample = set(words)
    for word in words:
        sample.update(edit for edit, _cost in cheap_edits(word))
    rng = random.Random(7)
    pool = sorted(forms)
    letters = [chr(c) for c in range(0x900, 0x980)]
    for _ in range(5000):  # a known form with one letter changed or added
        word = rng.choice(pool)
        i = rng.randrange(len(word) + 1)
        sample.add(word[:i] + rng.choice(letters) + word[i + rng.randrange(2):])
    sample = {s for s in sample if DEVANAGARI.fullmatch(s)}
    assert len(sample) > 30_000
    accepted = sum(1 for s in sample if s in forms)
    assert accepted > 500
    differ = [s for s in sample if (s in forms) != raw_hunspell.raw_check(s)]
    assert differ == []


def test_checker_answers_devanagari_from_list_and_asks_hunspell_otherwise():
    asked: list[str] = []

    class Dict:
        def check(self, word):
            asked.append(word)
            return word == "123"

    checker = HunspellChecker(Dict(), frozenset({"घर"}))
    assert checker.check("घर") and not checker.check("घरर")
    assert asked == []  # Devanagari-only words never reach Hunspell
    assert checker.check("123") and not checker.check("घर-घर")
    assert asked == ["123", "घर-घर"]


def test_no_list_when_disabled_or_missing(monkeypatch, tmp_path):
    monkeypatch.setenv("KHABAR_NO_FORM_LIST", "1")
    assert load_forms("ne") is None
    monkeypatch.delenv("KHABAR_NO_FORM_LIST")
    assert load_forms("hi") is None
    monkeypatch.setattr(engine, "dicts_dir", lambda: tmp_path)
    assert load_forms("ne") is None  # unreadable: the checker asks Hunspell


def test_shipped_list_is_the_filtered_expansion(forms):
    spec = importlib.util.spec_from_file_location(
        "build_ne_forms", ROOT / "resources/wordlists/ne/build_ne_forms.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    sfx, pfx = build.read_aff(build.HUNSPELL / "ne_NP.aff")
    generated = build.generate(sfx, pfx, build.read_dic(build.HUNSPELL / "ne_NP.dic"))
    generated = {f for f in generated if DEVANAGARI.fullmatch(f)}
    assert forms <= generated
    assert len(generated - forms) < 500  # the few Hunspell itself rejects


def test_form_list_is_loaded_only_after_many_words(monkeypatch):
    monkeypatch.setattr(engine, "FORM_LIST_AFTER", 3)
    asked: list[str] = []
    loads: list[int] = []

    class Dict:
        def check(self, word):
            asked.append(word)
            return False

    def loader():
        loads.append(1)
        return frozenset({"घर"})

    checker = HunspellChecker(Dict(), load_forms=loader)
    for word in ("क", "ख", "ग"):
        assert not checker.check(word)
    assert loads == [] and asked == ["क", "ख", "ग"]
    assert checker.check("घर")  # the fourth word loads the list and is answered by it
    assert not checker.check("घरर") and checker.check("घर")
    assert loads == [1] and asked == ["क", "ख", "ग"]


def test_open_hunspell_gives_nepali_a_lazy_list_and_hindi_none():
    checker, _status = open_hunspell("ne")
    if checker is None:
        pytest.skip("Enchant/Hunspell not available")
    assert checker._forms is None and checker._load_forms is not None
    checker.use_forms()
    assert checker._forms is not None and "गरेको" in checker._forms
    hindi, _status = open_hunspell("hi")
    if hindi is not None:
        assert hindi._load_forms is None and hindi._forms is None


def test_only_the_batch_cli_asks_for_the_form_list():
    """The editor's proofreader never loads the ~150 MiB form list (its GUI-thread spell
    pass would stall while it loads); `khabar check`'s proofreaders may."""
    from khabar_editor.proofing import Proofreader

    editor = Proofreader("ne")
    if editor._hunspell is None:
        pytest.skip("Enchant/Hunspell not available")
    assert editor._hunspell._load_forms is None
    assert Proofreader("ne", form_list=True)._hunspell._load_forms is not None

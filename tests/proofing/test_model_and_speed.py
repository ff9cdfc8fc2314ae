"""Inflection rules, the error model, caching and the speed budget."""

from __future__ import annotations

import itertools
from pathlib import Path

from khabar_editor.proofing.errormodel import candidates, cheap_edits, rank
from khabar_editor.proofing.inflect import expand, strip_optional_nukta, variants
from tests.render.growth import assert_linear

BENCH_TEXT = Path(__file__).resolve().parents[2] / "bench" / "data" / "spell" / "news_hi.txt"


def test_inflection_rules_by_word_shape():
    """Nouns in -ा/-ी/consonant and verbs in -ना get their plural, oblique and verb forms."""
    assert {"लड़के", "लड़कों"} <= expand("लड़का")
    assert {"लड़कियाँ", "लड़कियां", "लड़कियों"} <= expand("लड़की")
    assert {"बातें", "बातों"} <= expand("बात")
    assert {"चलता", "चला", "चलेगा", "चलूँगा", "चलकर", "चलिए", "चलें"} <= expand("चलना")
    assert {"खाया", "खाए", "खाएगा", "खाऊँगा", "खाइए"} <= expand("खाना")
    assert "लड़काओं" not in expand("लड़का")


def test_variants_drop_only_optional_nukta_and_candrabindu():
    """ज़ -> ज and ँ -> ं are variants; ड़ keeps its nukta."""
    assert variants("ज़िला") == {"ज़िला", "जिला"}
    assert "पहुंचे" in variants("पहुँचे")
    assert strip_optional_nukta("पड़ोसी") == "पड़ोसी"


def test_error_model_costs_and_ranking():
    """Confusable edits are cheap; frequency breaks ties; plain edits cost more."""
    edits = dict(cheap_edits("पुलीस"))
    assert edits["पुलिस"] == 0.5
    known = {"पुलिस", "पुली"}.__contains__
    found = candidates("पुलीस", known)
    assert found["पुलिस"] < found["पुली"]
    assert rank({"क": 1.0, "ख": 1.0}, {"क": 300, "ख": 600}.get) == ["ख", "क"]


def test_paragraph_results_are_cached(proofreader, monkeypatch):
    """An unchanged paragraph is not checked again; a changed one is."""
    calls: list[str] = []
    real = proofreader._spelling
    monkeypatch.setattr(proofreader, "_spelling", lambda text: calls.append(text) or real(text))
    text = "पहला अनुच्छेद।\nदूसरा अनुच्छेद।"
    proofreader.check_text(text)
    proofreader.check_text(text.replace("दूसरा", "दूसरी"))
    assert calls == ["पहला अनुच्छेद।", "दूसरा अनुच्छेद।", "दूसरी अनुच्छेद।"]


def test_ten_thousand_words_are_checked_in_linear_time(proofreader):
    """Checking 10,000 words costs about four times 2,500 (bench/bench_spell.py times it)."""
    lines = [line for line in BENCH_TEXT.read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    article = "\n".join(f"{line} {i}" for i, line in enumerate(lines * 4))
    assert len(article.split()) >= 10_000
    findings = proofreader.check_text(article)
    assert len([f for f in findings if f.kind == "spelling"]) < 0.02 * 10_000
    runs = itertools.count()

    def check(text: str) -> None:  # a new suffix each run: no cached paragraph is reused
        run = next(runs)
        proofreader.check_text("\n".join(f"{line} {run}" for line in text.split("\n")))

    quarter = "\n".join(article.split("\n")[: len(lines)])
    assert_linear(check, quarter, article)

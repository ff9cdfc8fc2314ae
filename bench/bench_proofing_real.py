"""Proofing measured on real prose written by others (issue #10), dev and held-out apart.

Data (``bench/data/real/``, provenance and sha256 in ``bench/data/PROVENANCE.md``):

* ``hi_dev.txt`` / ``hi_heldout.txt``: the Hindi sentences of the Universal
  Dependencies Parallel Treebank (UD_Hindi-PUD; news and Wikipedia sentences translated
  by professional translators; CC BY-SA 3.0), split by document, alternately;
* ``ne_news_dev.txt`` / ``ne_news_heldout.txt``: the Nepali references of NTREX-128
  (WMT19 news documents translated into Nepali by professional translators; CC BY-SA
  4.0), split by document (dev, held-out, unused in turn);
* ``ne_dev.txt`` / ``ne_heldout.txt``: Nepali sentences contributed to Mozilla Common
  Voice (CC0; everyday and news-like sentences, many non-standard spellings), split in
  two halves of the alphabetically sorted list: the "informal" rows.

Only the dev splits may be used to tune anything (lexicon additions, parameters); the
held-out splits are read here and nowhere else. The old self-written sets of
``bench/bench_spell.py`` are reported as their own rows.

Measured per set:

* false flags: spelling findings of checking each article (paragraph group) in context,
  as a share of its Devanagari tokens, with the corpus taken as correct;
* recall, top-1 and top-5 of the suggestions on synthetic misspellings made from the
  set's own words (fixed seed), by kind: vowel length, nukta dropped, anusvara /
  candrabindu, halant, श/ष/स, ण/न, a stray vowel sign, e/ai. A corruption that is a word
  of the set, or (for all kinds but the dropped nukta) a word plain Hunspell accepts,
  is skipped: no spell checker can see a real-word error.

Run: ``python bench/run.py proofing_real`` or ``python bench/bench_proofing_real.py
[--flags N] [--lang hi|ne] [--dev]`` (``--flags N`` prints N flagged tokens of each dev
split for inspection; ``--lang`` keeps one language's sets; ``--dev`` skips the held-out
sets, for tuning).
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

from khabar_editor.proofing import Proofreader  # noqa: E402
from khabar_editor.proofing.engine import open_hunspell  # noqa: E402
from khabar_editor.proofing.lexicon import lookup_key  # noqa: E402
from khabar_editor.textkit.words import iter_devanagari_words  # noqa: E402
from misspell import swap, virama  # noqa: E402

REAL = HERE / "data" / "real"
OLD = HERE / "data" / "spell"
SETS = (("real hi dev", "hi", REAL / "hi_dev.txt"),
        ("real hi held-out", "hi", REAL / "hi_heldout.txt"),
        ("real ne news dev", "ne", REAL / "ne_news_dev.txt"),
        ("real ne news held-out", "ne", REAL / "ne_news_heldout.txt"),
        ("real ne informal dev", "ne", REAL / "ne_dev.txt"),
        ("real ne informal held-out", "ne", REAL / "ne_heldout.txt"),
        ("old hi dev (self-written)", "hi", OLD / "news_hi.txt"),
        ("old hi held-out (self-written)", "hi", OLD / "heldout_hi.txt"),
        ("old ne held-out (self-written)", "ne", OLD / "heldout_ne.txt"))
SEED = 20261129
PER_KIND = 80
CONSONANTS = "कखगघङचछजझञटठडढणतथदधनपफबभमयरलवशषसह"
SIGNS = "ािीुूेैोौ"
NUKTA = "\u093c"


def _nukta_drop(word: str, rng: random.Random) -> str | None:
    spots = [i for i, ch in enumerate(word) if ch == NUKTA]
    if not spots:
        return None
    i = rng.choice(spots)
    return word[:i] + word[i + 1:]


def _nasal(word: str, rng: random.Random) -> str | None:
    swaps = [i for i, ch in enumerate(word) if ch in "ंँ"]
    if swaps and rng.random() < 0.5:
        i = rng.choice(swaps)
        return word[:i] + ("ँ" if word[i] == "ं" else "ं") + word[i + 1:]
    if swaps and rng.random() < 0.5:
        i = rng.choice(swaps)
        return word[:i] + word[i + 1:]
    add = [i for i, ch in enumerate(word) if ch in "ाीेैोौ" and word[i + 1:i + 2] not in "ंँ"]
    if not add:
        return None
    i = rng.choice(add)
    return word[:i + 1] + "ं" + word[i + 1:]


def _stray_sign(word: str, rng: random.Random) -> str | None:
    """A vowel sign too many (after a bare consonant) or one left out."""
    signs = [i for i, ch in enumerate(word) if ch in SIGNS]
    if signs and rng.random() < 0.5:
        i = rng.choice(signs)
        return word[:i] + word[i + 1:]
    bare = [i for i, ch in enumerate(word) if ch in CONSONANTS
            and (i + 1 == len(word) or word[i + 1] in CONSONANTS)]
    if not bare:
        return None
    i = rng.choice(bare)
    return word[:i + 1] + rng.choice("ािीेो") + word[i + 1:]


KINDS: dict[str, Callable[[str, random.Random], str | None]] = {
    "vowel length": swap({"ि": "ी", "ी": "ि", "ु": "ू", "ू": "ु", "इ": "ई", "ई": "इ"}),
    "nukta dropped": _nukta_drop,
    "anusvara/candrabindu": _nasal,
    "halant": virama(CONSONANTS),
    "sha/ssa/sa": swap({"श": "स", "ष": "श", "स": "श"}),
    "nna/na": swap({"ण": "न", "न": "ण"}),
    "stray vowel sign": _stray_sign,
    "e/ai": swap({"े": "ै", "ै": "े"}),
}


def read_articles(path: Path) -> list[str]:
    """The articles of a set: blocks separated by a blank line (one block per line for
    the sentence lists)."""
    text = path.read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if not ln.startswith("#")]
    if "" not in lines:  # a sentence list (Nepali): 20 sentences make an "article"
        return ["\n".join(lines[i:i + 20]) for i in range(0, len(lines), 20)]
    blocks = "\n".join(lines).split("\n\n")
    return [b.strip() for b in blocks if b.strip()]


def make_errors(words: list[str], forbidden: set[str], accepted: Callable[[str], bool],
                ) -> dict[str, list[tuple[str, str]]]:
    """Up to PER_KIND (misspelling, intended) pairs per kind, deterministic."""
    rng = random.Random(SEED)
    pool = sorted({w for w in words if len(w) >= 3})
    errors: dict[str, list[tuple[str, str]]] = {}
    for name, corrupt in KINDS.items():
        found: dict[str, str] = {}
        for word in rng.sample(pool, len(pool)):
            bad = corrupt(word, rng)
            if (not bad or bad == word or lookup_key(bad) in forbidden or bad in found
                    or (name != "nukta dropped" and accepted(bad))):
                continue
            found[bad] = word
            if len(found) >= PER_KIND:
                break
        errors[name] = list(found.items())
    return errors


def flags_and_suggestions(p: Proofreader, bad: str) -> tuple[bool, list[str]]:
    """Whether the word alone is flagged (any finding on it) and the fixes offered."""
    offered: list[str] = []
    flagged = False
    for f in p.check_paragraph(bad):
        if f.start == 0 and f.end == len(bad):
            flagged = True
            if f.fix:
                offered.append(f.fix)
            offered += [s for s in f.suggestions if s not in offered]
        elif f.kind.startswith("unicode") and f.fix is not None:
            flagged = True
            offered.append(bad[:f.start] + f.fix + bad[f.end:])
    return flagged, offered


def false_flags(p: Proofreader, articles: list[str]) -> tuple[int, int, Counter, Counter]:
    """Tokens, flagged tokens, the flagged words and the other findings by kind (each
    article checked on its own, so repeated names are judged article by article)."""
    tokens = flagged = 0
    words: Counter = Counter()
    others: Counter = Counter()
    for article in articles:
        tokens += sum(1 for _ in iter_devanagari_words(article))
        for f in p.check_text(article):
            if f.kind == "spelling":
                flagged += 1
                words[f.text] += 1
            else:
                others[f.kind] += 1
    return tokens, flagged, words, others


GRAMMAR_FLIPS = {
    "grammar.hai_plural": (r"(?<=(?:रहे|गए|चुके|सकते|\p{Devanagari}+ते)\s)हैं(?![\p{L}\p{M}])", "है"),
    "grammar.ki_kee": (r"(?<=(?:कहा|बताया|माना)\s)कि(?![\p{L}\p{M}])", "की"),
    "grammar.main_mein": (r"(?<=(?:इस|उस|बारे)\s)में(?![\p{L}\p{M}])", "मैं"),
}
"""A correct use and the real-word error made from it, to measure each rule's detection."""


def _gender_flips() -> list[tuple[str, str]]:
    """Feminine verb phrases after a feminine subject of the rule's list, made masculine."""
    from khabar_editor.proofing.agreement import FEMININE_NOUNS, INTRANSITIVE_STEMS

    nouns, stems = "|".join(FEMININE_NOUNS), "|".join(INTRANSITIVE_STEMS)
    b, e = r"(?<![\p{L}\p{M}])", r"(?![\p{L}\p{M}])"
    return [(rf"(?<={b}(?:{nouns})\s+(?:{stems})\s+)(?:गई|गयी){e}", "गया"),
            (rf"(?<={b}(?:{nouns})\s+(?:{stems})\s+)रही{e}", "रहा"),
            (rf"(?<={b}(?:{nouns})\s+)हुई{e}", "हुआ"),
            (rf"(?<=(?:रही|गई|हुई)\s+)थी{e}", "था")]


def grammar_detection(p: Proofreader, articles: list[str]) -> dict[str, tuple[int, int]]:
    """Per rule: (errors made, errors found) by flipping each correct use in turn."""
    import regex

    result: dict[str, tuple[int, int]] = {}
    flips = [(rule_id, [pair]) for rule_id, pair in GRAMMAR_FLIPS.items()]
    flips.append(("grammar.gender_agreement", _gender_flips()))
    for rule_id, pairs in flips:
        made = found = 0
        for pattern, wrong in pairs:
            for article in articles:
                for line in article.split("\n"):
                    for m in regex.finditer(pattern, line):
                        bad = line[:m.start()] + wrong + line[m.end():]
                        made += 1
                        # The agreement finding may start at the verb before the flipped word.
                        found += any(f.kind == rule_id and f.start <= m.start() < f.end
                                     for f in p.check_paragraph(bad))
        result[rule_id] = (made, found)
    return result


def evaluate(name: str, language: str, path: Path, personal: Path) -> tuple[list[dict], Counter]:
    """The rows of one set and its flagged words."""
    articles = read_articles(path)
    p = Proofreader(language, personal=personal)
    base, _status = open_hunspell(language)
    tokens, flagged, words, others = false_flags(p, articles)
    rows = [_row(f"[{name}] false flags (correct text)", 100 * flagged / max(1, tokens),
                 "% tokens", "<= 2%" if language == "hi" else "<= 5%", "",
                 f"{tokens} tokens, {len(articles)} articles")]
    if language == "hi":
        for rule_id in ("grammar.hai_plural", "grammar.ki_kee", "grammar.main_mein",
                        "grammar.ne_intransitive", "grammar.gender_agreement"):
            others.setdefault(rule_id, 0)  # a rule that never fired is reported as 0
    for kind in sorted(others):
        target = "<= 0.5" if kind.startswith("grammar.") else ""
        rows.append(_row(f"[{name}] {kind} findings on correct text", 1000 * others[kind] / tokens,
                         "/1000 words", target, "", f"{others[kind]} findings"))
    if language == "hi":
        for rule_id, (made, found) in grammar_detection(p, articles).items():
            rows.append(_row(f"[{name}] {rule_id} detection", 100 * found / max(1, made), "%",
                             "", "", f"{found} of {made} flipped uses"))
    all_words = [t.text for a in articles for t in iter_devanagari_words(a)]
    forbidden = {lookup_key(w) for w in all_words}
    accepted = base.check if base is not None else (lambda _w: False)
    errors = make_errors(all_words, forbidden, accepted)
    total = [0, 0, 0]
    count = 0
    for kind, pairs in errors.items():
        hit = top1 = top5 = 0
        for bad, good in pairs:
            flagged_one, offered = flags_and_suggestions(p, bad)
            hit += flagged_one
            top1 += flagged_one and offered[:1] == [good]
            top5 += flagged_one and good in offered[:5]
        n = max(1, len(pairs))
        rows.append(_row(f"[{name}] {kind}: recall / top-1 / top-5",
                         100 * hit / n, "%", "", "",
                         f"top-1 {100 * top1 / n:.1f}, top-5 {100 * top5 / n:.1f}, n={len(pairs)}"))
        total = [total[0] + hit, total[1] + top1, total[2] + top5]
        count += len(pairs)
    n = max(1, count)
    rows += [_row(f"[{name}] recall: all kinds", 100 * total[0] / n, "%", ">= 95%", "",
                  f"n={count}"),
             _row(f"[{name}] top-1: all kinds", 100 * total[1] / n, "%", "", ""),
             _row(f"[{name}] top-5: all kinds", 100 * total[2] / n, "%",
                  ">= 90%" if language == "hi" else ">= 85%", "")]
    return rows, words


def suggestion_latency(language: str, personal: Path, words: list[str]) -> tuple[float, float]:
    """Median and p95 milliseconds of computing the suggestions of one unknown word."""
    p = Proofreader(language, personal=personal)
    times = []
    for w in words:
        started = time.perf_counter()
        p.suggest(w)
        times.append(1000 * (time.perf_counter() - started))
    times.sort()
    if not times:
        return 0.0, 0.0
    return times[len(times) // 2], times[min(len(times) - 1, int(0.95 * len(times)))]


def run(show_flags: int = 0, only: str | None = None, dev_only: bool = False) -> list[dict]:
    """Rows for bench/run.py (``only``: one language's sets; ``dev_only``: no held-out)."""
    rows: list[dict] = []
    with tempfile.TemporaryDirectory() as tmp:
        personal = Path(tmp) / "personal.txt"
        for name, language, path in SETS:
            if not path.exists() or (only and language != only) or (
                    dev_only and "held-out" in name):
                continue
            set_rows, words = evaluate(name, language, path, personal)
            rows += set_rows
            if show_flags and "dev" in name and "old" not in name:
                print(f"-- {name}: most frequent flagged words --")
                for w, c in words.most_common(show_flags):
                    print(f"{c:4} {w}")
        for language, path in (("hi", REAL / "hi_dev.txt"), ("ne", REAL / "ne_news_dev.txt"),
                               ("ne", REAL / "ne_dev.txt")):
            if not path.exists() or (only and language != only):
                continue
            tokens = sorted({t.text for a in read_articles(path) for t in iter_devanagari_words(a)})
            rng = random.Random(SEED)
            sample = [t for t in rng.sample(tokens, min(300, len(tokens))) if len(t) >= 3]
            bad = [w[:-1] + "ि" if not w.endswith("ि") else w[:-1] + "ी" for w in sample]
            med, p95 = suggestion_latency(language, personal, bad)
            name = f"[{language} {path.stem}] suggestions per unknown word, p95"
            rows.append(_row(name, p95, "ms",
                             "<= 20 ms", "", f"median {med:.1f} ms, {len(bad)} words"))
    return rows


def _row(name: str, value: float, unit: str, target: str = "", baseline: float | str = "",
         note: str = "") -> dict:
    return {"name": name, "value": round(value, 2), "unit": unit, "target": target,
            "baseline": baseline, "note": note}


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--flags", type=int, default=0, metavar="N",
                        help="print N flagged tokens of each dev set")
    parser.add_argument("--lang", choices=("hi", "ne"), help="only this language's sets")
    parser.add_argument("--dev", action="store_true",
                        help="dev splits only (never read the held-out splits while tuning)")
    options = parser.parse_args()
    for r in run(options.flags, options.lang, options.dev):
        print(f"{r['name']:<58} {r['value']:>8} {r['unit']:<8} {r['target']:<8} {r['note']}")

"""Spell-check evaluation: Khabar's proofreader side by side with plain pyenchant hi_IN.

Data (see ``bench/data/spell/README.md``), each evaluated as its own set of rows:

* ``news_hi.txt``: about 3,000 words of Hindi news prose written for this project
  by the person who built the lexicon (rows without a prefix);
* ``heldout_hi.txt``: about 2,000 words of Hindi news prose in other registers and
  topics, written later by someone else *without looking at the lexicon* and never
  used to add words (rows prefixed ``[heldout hi]``);
* ``heldout_ne.txt``: about 500 words of Nepali news prose, held out the same way
  (rows prefixed ``[heldout ne]``; the baseline is plain pyenchant ne_NP).

Measured:

* false positives: correct tokens flagged, as a share of all tokens;
* recall, top-1 and top-5 suggestion accuracy on synthetic misspellings of each
  kind of the error model (and the Unicode "do not use" sequences), made by
  corrupting words of the same text with a fixed random seed;
* speed: words per second, the time to check a 10,000-word article with cold
  caches, a one-paragraph re-check, and the dictionary load time;
* ``khabar check`` as a user runs it (a fresh process) on about 10,000 words of real
  Hindi and Nepali news text, with the default suggestions and with none: CPU time.

A corruption that produces a word of the curated Hunspell list, a word plain
Hunspell accepts, or a word of the text itself is skipped (a real-word error no
spell checker can see). The baseline is the public Hunspell list of the language
through pyenchant with nothing else.

Run: ``python bench/run.py spell`` or ``python bench/bench_spell.py``.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

from khabar_editor.proofing import Proofreader  # noqa: E402
from khabar_editor.proofing.engine import open_hunspell  # noqa: E402
from khabar_editor.proofing.lexicon import hunspell_words, load_lexicon, lookup_key  # noqa: E402
from khabar_editor.textkit.words import iter_devanagari_words  # noqa: E402
from misspell import swap, virama  # noqa: E402

DATA_DIR = HERE / "data" / "spell"
DATA = DATA_DIR / "news_hi.txt"
# (row prefix, language, file, per-error-type rows?)
DATASETS = (("", "hi", DATA, True),
            ("[heldout hi] ", "hi", DATA_DIR / "heldout_hi.txt", True),
            ("[heldout ne] ", "ne", DATA_DIR / "heldout_ne.txt", False))
SEED = 20261128
PER_TYPE = 60
CONSONANTS = "कखगघचछजझटठडढणतथदधनपफबभमयरलवशषसह"
NUKTA = "\u093c"


def _nukta(word: str, rng: random.Random) -> str | None:
    hard = [i for i, ch in enumerate(word) if ch in "डढ" and word[i + 1:i + 2] == NUKTA]
    if hard:
        i = rng.choice(hard)
        return word[:i + 1] + word[i + 2:]
    spots = [i for i, ch in enumerate(word) if ch in "कखगजफ" and word[i + 1:i + 2] != NUKTA]
    if not spots:
        return None
    i = rng.choice(spots)
    return word[:i + 1] + NUKTA + word[i + 1:]


def _anusvara(word: str, rng: random.Random) -> str | None:
    drop = [i for i, ch in enumerate(word) if ch == "ं"]
    if drop and rng.random() < 0.6:
        i = rng.choice(drop)
        return word[:i] + word[i + 1:]
    add = [i for i, ch in enumerate(word) if ch in "ाीेैोौ" and word[i + 1:i + 2] != "ं"]
    if not add:
        return None
    i = rng.choice(add)
    return word[:i + 1] + "ं" + word[i + 1:]


def _edit1(word: str, rng: random.Random) -> str | None:
    if len(word) < 3:
        return None
    i = rng.randrange(len(word))
    op = rng.choice(("delete", "insert", "substitute"))
    letter = rng.choice(CONSONANTS + "ािीुूेैो")
    if op == "delete":
        return word[:i] + word[i + 1:]
    if op == "insert":
        return word[:i] + letter + word[i:]
    return word[:i] + letter + word[i + 1:]


DO_NOT_USE_MAKERS = {"आ": "अा", "ओ": "अो", "औ": "अौ", "ऐ": "एे", "ऊ": "उु", "ई": "र्इ",
                     "ो": "ाे", "ौ": "ाै"}

ERROR_TYPES: dict[str, Callable[[str, random.Random], str | None]] = {
    "i/ii": swap({"ि": "ी", "ी": "ि"}),
    "u/uu": swap({"ु": "ू", "ू": "ु"}),
    "e/ai": swap({"े": "ै", "ै": "े"}),
    "o/au": swap({"ो": "ौ", "ौ": "ो"}),
    "anusvara->candrabindu": swap({"ं": "ँ"}),
    "nukta": _nukta,
    "sha/ssa/sa": swap({"श": "स", "ष": "श", "स": "श"}),
    "nna/na": swap({"ण": "न", "न": "ण"}),
    "ba/va": swap({"ब": "व", "व": "ब"}),
    "virama": virama(CONSONANTS),
    "anusvara missing/extra": _anusvara,
    "edit distance 1": _edit1,
    "unicode do-not-use": swap(DO_NOT_USE_MAKERS),
}


def make_errors(words: list[str], forbidden: set[str],
                accepted: Callable[[str], bool] = lambda _w: False,
                ) -> dict[str, list[tuple[str, str]]]:
    """Up to PER_TYPE (misspelling, intended) pairs per error type, deterministic.

    A corruption in ``forbidden`` or ``accepted`` by plain Hunspell is a real word.
    """
    rng = random.Random(SEED)
    pool = sorted({w for w in words if len(w) >= 3})
    errors: dict[str, list[tuple[str, str]]] = {}
    for name, corrupt in ERROR_TYPES.items():
        found: dict[str, str] = {}
        for word in rng.sample(pool, len(pool)):
            bad = corrupt(word, rng)
            if (bad and bad != word and lookup_key(bad) not in forbidden
                    and bad not in found and not accepted(bad)):
                found[bad] = word
            if len(found) >= PER_TYPE:
                break
        errors[name] = list(found.items())
    return errors


def _ours_flags_and_suggests(p: Proofreader, bad: str) -> tuple[bool, list[str]]:
    """Whether the word is flagged, and what the user is offered, best first.

    The "do not use" rule's fix comes first; when it does not give a known word,
    the spelling suggestions shown for the same word follow it.
    """
    findings = p.check_paragraph(bad)
    rule = [f for f in findings if f.kind == "unicode.do_not_use"]
    if rule:
        fixed = bad
        for f in sorted(rule, key=lambda f: f.start, reverse=True):
            fixed = fixed[:f.start] + (f.fix or "") + fixed[f.end:]
        if p.is_correct(fixed) or p.is_correct(bad):
            return True, [fixed]
        return True, [fixed] + [s for s in p.suggest(bad) if s != fixed]
    if p.is_correct(bad):
        return False, []
    return True, p.suggest(bad)


def _score(pairs, check: Callable[[str], tuple[bool, list[str]]]) -> tuple[float, float, float]:
    flagged = top1 = top5 = 0
    for bad, good in pairs:
        hit, suggestions = check(bad)
        flagged += hit
        top1 += hit and suggestions[:1] == [good]
        top5 += hit and good in suggestions[:5]
    n = max(1, len(pairs))
    return 100 * flagged / n, 100 * top1 / n, 100 * top5 / n


def _speed(text: str, personal: Path) -> dict[str, float]:
    load_lexicon.cache_clear()
    started = time.perf_counter()
    Proofreader("hi", personal=personal)
    load = time.perf_counter() - started
    paragraphs = text.split("\n")
    article = "\n".join((paragraphs * 10)[: 10 * len(paragraphs)])
    words = sum(1 for _ in iter_devanagari_words(article))
    # Make every paragraph distinct so the paragraph cache cannot help.
    article = "\n".join(f"{line} {i}" for i, line in enumerate(article.split("\n")))
    scale = 10_000 / words
    fresh = Proofreader("hi", personal=personal)
    started = time.perf_counter()
    fresh.check_text(article)
    cold = (time.perf_counter() - started) * scale
    started = time.perf_counter()
    fresh.check_text(article + "x")
    warm = (time.perf_counter() - started) * scale
    para = article.split("\n")[5]
    started = time.perf_counter()
    fresh.check_paragraph(para + " नया")
    keystroke = time.perf_counter() - started
    return {"load": load, "cold": cold, "warm": warm, "keystroke": keystroke,
            "wps": 10_000 / cold}


def _nepali_speed(text: str, personal: Path) -> float:
    """Words per second checking distinct Nepali paragraphs (Hunspell + postposition rule)."""
    article = "\n".join(f"{line} {i}" for i, line in enumerate(text.split("\n") * 20))
    words = sum(1 for _ in iter_devanagari_words(article))
    checker = Proofreader("ne", personal=personal)
    started = time.perf_counter()
    checker.check_text(article)
    return words / (time.perf_counter() - started)


def _baseline_speed(text: str, hunspell) -> float:
    tokens = [t.text for t in iter_devanagari_words(text)] * 4
    started = time.perf_counter()
    for token in tokens:
        hunspell.check(token)
    return len(tokens) / (time.perf_counter() - started)


REAL = HERE / "data" / "real"
CLI_ARTICLES = (("hi", REAL / "hi_dev.txt"), ("ne", REAL / "ne_news_dev.txt"))
"""Real news text of about 10,000 words per language (see bench/bench_proofing_real.py)."""


def _cli_check_cost(language: str, path: Path, suggestions: int) -> tuple[float, float]:
    """CPU seconds (user + system) and wall seconds of one cold ``khabar check`` process
    (start-up, dictionaries, check, suggestions, output) on ``path``."""
    import os
    import resource
    import subprocess

    env = {**os.environ, "PYTHONPATH": str(HERE.parent / "src")}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "khabar_editor.cli.main", "check", str(path),
                    "--lang", language, "--suggestions", str(suggestions)],
                   stdout=subprocess.DEVNULL, env=env, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall


def _cli_rows(runs: int = 3) -> list[dict]:
    """``khabar check`` on a ~10,000-word real article, cold, both languages, with the
    default 5 suggestions and with none: the lowest CPU time of ``runs`` (CPU time, as
    wall time on a shared machine depends on the load; wall is in the note)."""
    rows = []
    for language, path in CLI_ARTICLES:
        if not path.exists():
            continue
        words = sum(1 for _ in iter_devanagari_words(path.read_text(encoding="utf-8")))
        for suggestions in (5, 0):
            costs = [_cli_check_cost(language, path, suggestions) for _ in range(runs)]
            cpu, wall = min(costs)
            rows.append(_row(f"[{language}] khabar check {path.name}, --suggestions "
                             f"{suggestions}, cold (CPU)", cpu, "s", "<= 1 s",
                             note=f"{words} words, wall {wall:.2f} s"))
    return rows


def _form_list_row(runs: int = 3) -> dict:
    """Loading the Nepali form list (ne_NP expanded at build time): the lowest CPU time
    of ``runs`` loads (decompress, one ``split()``, a frozenset)."""
    from khabar_editor.proofing.engine import FORM_LISTS, load_forms
    from khabar_editor.proofing.lexicon import dicts_dir

    costs = []
    forms = None
    for _ in range(runs):
        started = time.process_time()
        forms = load_forms("ne")
        costs.append(time.process_time() - started)
    size = (dicts_dir() / FORM_LISTS["ne"]).stat().st_size
    return _row("[ne] form list load (CPU)", 1000 * min(costs), "ms", "",
                note=f"{len(forms or ())} forms, {size / 1e6:.2f} MB gzip")


def _read(path: Path) -> str:
    return "\n".join(line for line in path.read_text(encoding="utf-8").splitlines()
                     if line and not line.startswith("#"))


def _accuracy_rows(prefix: str, ours: Proofreader, base, tokens: list[str],
                   per_type: bool, text: str | None = None) -> list[dict]:
    """False positives, then recall/top-1/top-5 per error type and over all types.

    With ``text``, our false positives are the spelling findings of checking it (in
    context, as the writer sees them: ``डॉ.`` is an abbreviation); the baseline has
    no context and checks token by token.
    """
    if text is None:
        flagged = sum(not ours.is_correct(t) for t in tokens)
    else:
        flagged = sum(f.kind == "spelling" for f in ours.check_text(text))
    fp_ours = 100 * flagged / len(tokens)
    fp_base = 100 * sum(not base.check(t) for t in tokens) / len(tokens)
    rows = [_row(f"{prefix}false positives (correct news text)", fp_ours, "% tokens",
                 "<= 2%", fp_base, f"{len(tokens)} tokens")]
    forbidden = set(hunspell_words(ours.language)) | {lookup_key(t) for t in tokens}
    errors = make_errors(tokens, forbidden, accepted=base.check)
    totals_ours, totals_base, count = [0.0, 0.0, 0.0], [0.0, 0.0, 0.0], 0
    for name, pairs in errors.items():
        o = _score(pairs, lambda bad: _ours_flags_and_suggests(ours, bad))
        b = _score(pairs, lambda bad: (not base.check(bad), base.suggest(bad)))
        for label, i in (("recall", 0), ("top-1", 1), ("top-5", 2)):
            if per_type:
                rows.append(_row(f"{prefix}{label}: {name}", o[i], "%", "", b[i],
                                 f"n={len(pairs)}"))
            totals_ours[i] += o[i] * len(pairs)
            totals_base[i] += b[i] * len(pairs)
        count += len(pairs)
    for label, i, target in (("recall", 0, ">= 95%"), ("top-1", 1, ""),
                             ("top-5", 2, ">= 90%")):
        rows.append(_row(f"{prefix}{label}: all error types", totals_ours[i] / count, "%",
                         target, totals_base[i] / count, f"n={count}"))
    return rows


def run() -> list[dict]:
    """Rows for bench/run.py."""
    rows: list[dict] = []
    with tempfile.TemporaryDirectory() as tmp:
        personal = Path(tmp) / "personal.txt"
        for prefix, language, path, per_type in DATASETS:
            if not path.exists():
                continue
            text = _read(path)
            tokens = [t.text for t in iter_devanagari_words(text)]
            ours = Proofreader(language, personal=personal)
            base, _status = open_hunspell(language)
            assert base is not None, f"pyenchant {language} not available"
            rows += _accuracy_rows(prefix, ours, base, tokens, per_type, text)
        rows.append(_row("[heldout ne] check speed (cold cache)",
                         _nepali_speed(_read(DATASETS[2][2]), personal), "words/s",
                         ">= 100,000"))
        text = _read(DATA)
        base, _status = open_hunspell("hi")
        speed = _speed(text, personal)
        rows += [
            _row("check speed (cold cache)", speed["wps"], "words/s", ">= 100,000",
                 _baseline_speed(text, base), "baseline: enchant.check per token"),
            _row("10,000-word article, cold cache", 1000 * speed["cold"], "ms", "<= 300 ms"),
            _row("10,000-word article, cached", 1000 * speed["warm"], "ms", ""),
            _row("one paragraph re-check (keystroke)", 1000 * speed["keystroke"], "ms", ""),
            _row("dictionary load (lexicon + Hunspell)", 1000 * speed["load"], "ms", ""),
        ]
    rows.append(_form_list_row())
    rows += _cli_rows()
    return rows


def _row(name: str, value: float, unit: str, target: str = "", baseline: float | str = "",
         note: str = "") -> dict:
    return {"name": name, "value": round(value, 2), "unit": unit, "target": target,
            "baseline": round(baseline, 2) if isinstance(baseline, float) else baseline,
            "note": note}


if __name__ == "__main__":
    for r in run():
        print(f"{r['name']:<45} {r['value']:>12} {r['unit']:<8} {r['target']:<11} "
              f"base={r['baseline']} {r['note']}")

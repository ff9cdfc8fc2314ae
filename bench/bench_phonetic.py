"""Phonetic input: quality on Dakshina's Hindi TEST split and time per keystroke.

    python bench/bench_phonetic.py --test hi.translit.sampled.test.tsv [--limit N]
    python bench/bench_phonetic.py --test hi.translit.sampled.dev.tsv \
        --model hi-dev-model.json.gz          # tuning: a model built without dev

The test split (Dakshina v1.0, ``hi/lexicons/hi.translit.sampled.test.tsv``, 4,502
romanizations of 2,500 words by native speakers) is never used for training or
tuning (``scripts/train_phonetic.py`` refuses it as training data and reads only its
words, to drop them from the sentence pairs). Quality: share of rows whose native word
is the first candidate, in the top 5 and in the top 10 (each row counted once,
whatever its attestation count), overall and split by whether the word is in the
ranking lexicon. Time: every word is typed letter by letter on a model with an empty
cache, as in the editor; each keystroke's call of ``candidates`` is timed (ms,
p50/p95/max), plus the whole word from cold.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from khabar_editor.textkit.phonetic.evaluate import evaluate, read_pairs  # noqa: E402
from khabar_editor.textkit.phonetic.model import (  # noqa: E402
    PhoneticModel, data_path, load_model, read_model_data, read_word_scores, words_path,
)


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[int(q * (len(ordered) - 1))]


def _model(args: argparse.Namespace) -> PhoneticModel:
    if args.model is None and args.words is None:
        return load_model(args.lang)
    from khabar_editor.proofing.lexicon import load_lexicon

    lexicon = dict(load_lexicon("hi"))
    words = words_path("hi") if args.words is None else args.words
    if str(words) != "none":
        for word, score in read_word_scores(Path(words)).items():
            if score > lexicon.get(word, -1):
                lexicon[word] = score
    return PhoneticModel(read_model_data(args.model or data_path(args.lang)), lexicon)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--test", required=True, type=Path)
    parser.add_argument("--limit", type=int, default=0, help="first N rows only (0: all)")
    parser.add_argument("--lang", default="hi")
    parser.add_argument("--model", type=Path, default=None, help="model file (default: shipped)")
    parser.add_argument("--words", default=None,
                        help="word list widening the lexicon (default: shipped; 'none': off)")
    args = parser.parse_args()
    rows = read_pairs(args.test)
    if args.limit:
        rows = rows[: args.limit]
    t0 = time.perf_counter()
    model = _model(args)
    model.candidates("a")
    load_s = time.perf_counter() - t0
    score = evaluate(model, rows)
    known = [r for r in rows if r[0] in model.lexicon]
    unknown = [r for r in rows if r[0] not in model.lexicon]
    s_known, s_unknown = evaluate(model, known), evaluate(model, unknown)
    weighted_rows = [r for r in rows for _ in range(r[2])]
    keystrokes: list[float] = []
    for _native, roman, _count in rows:
        model._beams.clear()  # noqa: SLF001 - a new word
        for i in range(1, len(roman) + 1):
            t = time.perf_counter()
            model.candidates(roman[:i], 10)
            keystrokes.append((time.perf_counter() - t) * 1000)
    print(f"rows {score.rows} (attestations {len(weighted_rows)}), model load {load_s:.2f} s")
    print(f"top-1 {score.top1:.1%}  top-5 {score.top5:.1%}  top-10 {score.top10:.1%}")
    for name, part in (("in lexicon", s_known), ("out of lexicon", s_unknown)):
        print(f"  {name}: {part.rows} rows ({part.rows / max(1, score.rows):.0%}), "
              f"top-1 {part.top1:.1%}  top-5 {part.top5:.1%}  top-10 {part.top10:.1%}")
    print(f"whole word from cold: p50 {statistics.median(score.times_ms):.1f} ms, "
          f"p95 {score.p95_ms():.1f} ms")
    print(f"per keystroke ({len(keystrokes)}): p50 {statistics.median(keystrokes):.1f} ms, "
          f"p95 {_pct(keystrokes, 0.95):.1f} ms, max {max(keystrokes):.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

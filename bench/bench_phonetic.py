"""Phonetic input: quality on Dakshina's Hindi TEST split and time per keystroke.

    python bench/bench_phonetic.py --test hi.translit.sampled.test.tsv [--limit N]

The test split (Dakshina v1.0, ``hi/lexicons/hi.translit.sampled.test.tsv``, 4,502
romanizations of 2,500 words by native speakers) is never used for training or
tuning (``scripts/train_phonetic.py`` refuses it). Quality: share of rows whose
native word is the first candidate, in the top 5 and in the top 10 (each row
counted once, whatever its attestation count). Time: every word is typed letter by
letter on a model with an empty cache, as in the editor; each keystroke's call of
``candidates`` is timed (ms, p50/p95/max), plus the whole word from cold.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from khabar_editor.textkit.phonetic.evaluate import evaluate, read_pairs  # noqa: E402
from khabar_editor.textkit.phonetic.model import load_model  # noqa: E402


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[int(q * (len(ordered) - 1))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--test", required=True, type=Path)
    parser.add_argument("--limit", type=int, default=0, help="first N rows only (0: all)")
    parser.add_argument("--lang", default="hi")
    args = parser.parse_args()
    rows = read_pairs(args.test)
    if args.limit:
        rows = rows[: args.limit]
    t0 = time.perf_counter()
    model = load_model(args.lang)
    model.candidates("a")
    load_s = time.perf_counter() - t0
    score = evaluate(model, rows)
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
    print(f"whole word from cold: p50 {statistics.median(score.times_ms):.1f} ms, "
          f"p95 {score.p95_ms():.1f} ms")
    print(f"per keystroke ({len(keystrokes)}): p50 {statistics.median(keystrokes):.1f} ms, "
          f"p95 {_pct(keystrokes, 0.95):.1f} ms, max {max(keystrokes):.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

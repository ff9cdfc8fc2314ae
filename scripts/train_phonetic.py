"""Train the phonetic (romanized → Devanagari) model shipped in data/phonetic/.

    python scripts/train_phonetic.py --train hi.translit.sampled.train.tsv \
        --dev hi.translit.sampled.dev.tsv --out src/khabar_editor/data/phonetic/hi.json.gz

Inputs are Dakshina-style lexicons (``devanagari<TAB>roman<TAB>count``); the test split
is never read here. Steps: EM over monotone alignments (each Devanagari code point
emits 0-3 Roman letters, given the class of the code point before it; the word end
emits 0-2), a character 5-gram model of Devanagari words (the shipped Hindi lexicon's
words plus the training words), a small grid search of the ranking weights on the dev
split, then a final channel trained on train+dev, refined by the previous code point
itself (``refine``; ``--refine MODEL`` runs only that step on an EM-trained file).

``--joint`` builds format 2, the shipped one since 2026-11-29: a joint-sequence
(graphone) trigram over ``roman segment|code point`` units, from the best alignments
of the lexicon pairs plus the word pairs of the *dev* half of Dakshina's romanized
Wikipedia sentences (``--sentences``), with the character 5-gram trained on the
lexicon, the Wikipedia word list (``--wiki``) and the training words; ``--words-out``
writes the Wikipedia/sentence word counts as ranking scores. ``--exclude-words``
(the test split) drops every pair whose Devanagari word is a test word; only that
file's first column is read. See data/phonetic/PROVENANCE for the exact command.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import random
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from khabar_editor.proofing.lexicon import load_lexicon  # noqa: E402
from khabar_editor.textkit.normalize import nfc  # noqa: E402
from khabar_editor.textkit.phonetic.evaluate import evaluate, read_pairs  # noqa: E402
from khabar_editor.textkit.phonetic.model import (  # noqa: E402
    BOS, END, JOINT_BEAM, MARK, MATRA, MAX_SEG, NEG, NUKTA, START, VIRAMA, PhoneticModel,
    Weights, char_class, read_model_data,
)

SILENT_OK = frozenset((NUKTA, VIRAMA, MARK, MATRA))  # may be written with no letter

MAX_END = 2
ZERO_INIT = 0.05
LM_ORDER = 5
MIN_P = 1e-4
KAPPA = 10.0  # pseudo-counts of the class channel in the previous-code-point channel


def _clean_roman(roman: str) -> str:
    return "".join(ch for ch in roman.lower() if "a" <= ch <= "z")


def em(pairs: list[tuple[str, str, int]], iterations: int) -> tuple[dict, dict]:
    """Channel tables ``chan[(c, cls)][seg]`` and ``end[cls][seg]`` (probabilities)."""
    chan: dict[tuple[str, str], dict[str, float]] = defaultdict(dict)
    end: dict[str, dict[str, float]] = defaultdict(dict)

    def p_chan(key, seg):
        table = chan.get(key)
        if table is None:
            return ZERO_INIT if not seg else 1.0
        return table.get(seg, 0.0)

    def p_end(cls, seg):
        table = end.get(cls)
        if table is None:
            return 1.0
        return table.get(seg, 0.0)

    first = True
    for it in range(iterations):
        counts: dict[tuple[str, str], dict[str, float]] = defaultdict(lambda: defaultdict(float))
        ecounts: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        loglik = 0.0
        for dev, roman, weight in pairs:
            m, n = len(dev), len(roman)
            keys = [(dev[i], char_class(dev[i - 1]) if i else START) for i in range(m)]
            low = [0 if char_class(ch) in SILENT_OK else 1 for ch in dev]
            alpha = [[0.0] * (n + 1) for _ in range(m + 1)]
            alpha[0][0] = 1.0
            for i in range(m):
                row, nxt, key = alpha[i], alpha[i + 1], keys[i]
                for j in range(n + 1):
                    a = row[j]
                    if a == 0.0:
                        continue
                    for ln in range(low[i], MAX_SEG + 1):
                        if j + ln > n:
                            break
                        p = ZERO_INIT if first and ln == 0 else (1.0 if first else
                                                                 p_chan(key, roman[j:j + ln]))
                        if p:
                            nxt[j + ln] += a * p
            ecls = char_class(dev[-1])
            beta = [[0.0] * (n + 1) for _ in range(m + 1)]
            for j in range(n + 1):
                if n - j <= MAX_END:
                    beta[m][j] = 1.0 if first else p_end(ecls, roman[j:])
            for i in range(m - 1, -1, -1):
                key = keys[i]
                for j in range(n + 1):
                    total = 0.0
                    for ln in range(low[i], MAX_SEG + 1):
                        if j + ln > n:
                            break
                        b = beta[i + 1][j + ln]
                        if b == 0.0:
                            continue
                        p = ZERO_INIT if first and ln == 0 else (1.0 if first else
                                                                 p_chan(key, roman[j:j + ln]))
                        total += p * b
                    beta[i][j] = total
            z = beta[0][0]
            if z <= 0.0:
                continue
            loglik += weight * math.log(z)
            scale = weight / z
            for i in range(m):
                key = keys[i]
                for j in range(n + 1):
                    a = alpha[i][j]
                    if a == 0.0:
                        continue
                    for ln in range(low[i], MAX_SEG + 1):
                        if j + ln > n:
                            break
                        b = beta[i + 1][j + ln]
                        if b == 0.0:
                            continue
                        seg = roman[j:j + ln]
                        p = ZERO_INIT if first and ln == 0 else (1.0 if first else p_chan(key, seg))
                        post = a * p * b * scale
                        if post:
                            counts[key][seg] += post
            for j in range(n + 1):
                if n - j <= MAX_END and alpha[m][j]:
                    seg = roman[j:]
                    pe = 1.0 if first else p_end(ecls, seg)
                    ecounts[ecls][seg] += alpha[m][j] * pe * scale
        chan = defaultdict(dict)
        for key, segs in counts.items():
            total = sum(segs.values())
            chan[key] = {s: v / total for s, v in segs.items() if v / total >= MIN_P}
        end = defaultdict(dict)
        for cls, segs in ecounts.items():
            total = sum(segs.values())
            end[cls] = {s: v / total for s, v in segs.items() if v / total >= MIN_P}
        first = False
        print(f"EM iteration {it + 1}: log-likelihood {loglik:.1f}", file=sys.stderr)
    return dict(chan), dict(end)


def train_lm(words: list[str], order: int = LM_ORDER, min_count: int = 2) -> dict[str, list]:
    """Witten-Bell tables ``context -> [total, types, {char: count}]`` (rare n-grams pruned)."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for word in words:
        padded = BOS * (order - 1) + word + END
        for i in range(order - 1, len(padded)):
            for k in range(0, order):
                counts[padded[i - k:i]][padded[i]] += 1
    table = {}
    for ctx, chars in counts.items():
        total = sum(chars.values())
        types = len(chars)
        kept = chars if len(ctx) < 2 else {c: n for c, n in chars.items() if n >= min_count}
        if not kept:
            continue
        table[ctx] = [total, types, dict(kept)]
    return table


def build_data(chan: dict, end: dict, lm: dict, weights: Weights, sources: list[str]) -> dict:
    """The JSON written to the model file."""
    inverse: dict[str, list] = defaultdict(list)
    for (ch, cls), segs in chan.items():
        for seg, p in segs.items():
            inverse[f"{seg}\t{cls}"].append([ch, round(math.log(p), 3)])
    for rows in inverse.values():
        rows.sort(key=lambda r: -r[1])
    return {
        "format": 1, "lang": "hi", "lm_order": LM_ORDER, "sources": sources,
        "weights": {"lm": weights.lm, "known": weights.known, "freq": weights.freq},
        "inverse": dict(inverse),
        "end": {cls: {s: round(math.log(p), 3) for s, p in segs.items()} for cls, segs in end.items()},
        "lm": lm,
    }


def refine(data: dict, pairs: list[tuple[str, str, int]], lexicon: dict[str, int],
           kappa: float = 5.0, min_count: int = 30) -> dict:
    """Add ``inverse_char``: the channel given the previous code point itself.

    Each pair is aligned with the class-context channel (best path); the counts per
    (code point, previous code point) are interpolated with the class-context
    probabilities (``kappa`` pseudo-counts), for previous code points seen at least
    ``min_count`` times.
    """
    model = PhoneticModel(data, lexicon)
    counts: dict[tuple[str, str], dict[str, float]] = defaultdict(lambda: defaultdict(float))
    seen: dict[str, float] = defaultdict(float)
    for dev, roman, weight in pairs:
        path = _best_path(model, dev, roman)
        if path is None:
            continue
        for i, seg in enumerate(path):
            if i:
                counts[(dev[i], dev[i - 1])][seg] += weight
                seen[dev[i - 1]] += weight
    contexts = sorted(p for p, n in seen.items() if n >= min_count)
    inverse: dict[str, list] = defaultdict(list)
    for prev in contexts:
        cls = char_class(prev)
        for (ch, ctx), segs in model.forward.items():
            if ctx != cls:
                continue
            own = counts.get((ch, prev), {})
            n = sum(own.values())
            for seg in set(segs) | set(own):
                p_class = math.exp(segs[seg]) if seg in segs else 0.0
                p = ((own.get(seg, 0.0) + kappa * p_class) / (n + kappa))
                if p >= MIN_P:
                    inverse[f"{seg}\t{prev}"].append([ch, round(math.log(p), 3)])
    for rows in inverse.values():
        rows.sort(key=lambda r: -r[1])
    return {**data, "inverse_char": dict(inverse), "char_contexts": contexts}


def _best_path(model: PhoneticModel, dev: str, roman: str) -> list[str] | None:
    m, n = len(dev), len(roman)
    best = [[NEG] * (n + 1) for _ in range(m + 1)]
    back: list[list[int]] = [[-1] * (n + 1) for _ in range(m + 1)]
    best[0][0] = 0.0
    for i in range(m):
        segs = model.forward.get((dev[i], char_class(dev[i - 1]) if i else START), {})
        for j in range(n + 1):
            a = best[i][j]
            if a <= NEG:
                continue
            for ln in range(0, MAX_SEG + 1):
                if j + ln > n:
                    break
                lp = segs.get(roman[j:j + ln])
                if lp is not None and a + lp > best[i + 1][j + ln]:
                    best[i + 1][j + ln] = a + lp
                    back[i + 1][j + ln] = j
    ends = model.end.get(char_class(dev[-1]), {})
    end_j, top = -1, NEG
    for j in range(max(0, n - MAX_END), n + 1):
        lp = ends.get(roman[j:])
        if lp is not None and best[m][j] > NEG and best[m][j] + lp > top:
            end_j, top = j, best[m][j] + lp
    if end_j < 0:
        return None
    path, j = [], end_j
    for i in range(m, 0, -1):
        k = back[i][j]
        path.append(roman[k:j])
        j = k
    return path[::-1]


# -- more data: Dakshina's romanized Wikipedia sentences and native Wikipedia text ----------

DEVANAGARI_WORD = re.compile(r"[\u0900-\u0963\u0971-\u097f]+")


def sentence_pairs(aligned: Path, index: Path, dev_native: Path,
                   exclude: set[str]) -> list[tuple[str, str, int]]:
    """Word pairs of the *dev* half of the romanized sentences (``rejoined.aligned``
    blocks, in the order of ``rejoined.tsv``; a sentence is dev when its native text is
    in ``dev.native.txt``). Pairs whose Devanagari word is in ``exclude`` (the lexicon
    test and dev words) are dropped. ``(word, roman, distinct sentences ≤ 3)``."""
    dev = {nfc(line.strip()) for line in dev_native.read_text(encoding="utf-8").splitlines()}
    natives = [nfc(line.split("\t")[0].strip())
               for line in index.read_text(encoding="utf-8").splitlines()]
    counts: dict[tuple[str, str], int] = defaultdict(int)
    sent = 0
    with open(aligned, encoding="utf-8") as fh:
        for line in fh:
            native, _, roman = line.rstrip("\n").partition("\t")
            if native == "</s>":
                sent += 1
                continue
            if natives[sent] not in dev:
                continue
            word, roman = nfc(native), _clean_roman(roman)
            if not roman or word in exclude or not DEVANAGARI_WORD.fullmatch(word):
                continue
            counts[(word, roman)] += 1
    return [(w, r, min(c, 3)) for (w, r), c in sorted(counts.items())]


def wiki_counts(path: Path) -> dict[str, int]:
    """Devanagari word counts of a (gzipped) text file, NFC, joiners removed."""
    counts: dict[str, int] = defaultdict(int)
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            for word in DEVANAGARI_WORD.findall(nfc(line.replace("\u200c", "")
                                                    .replace("\u200d", ""))):
                counts[word] += 1
    return dict(counts)


def word_scores(counts: dict[str, int]) -> dict[str, int]:
    """Counts on the proofing lexicon's score scale (about 330 + 32·log2 count)."""
    return {w: round(330 + 32 * math.log2(c)) for w, c in counts.items() if c > 0}


def extra_pairs(path: Path, exclude: set[str]) -> list[tuple[str, str, int]]:
    """More romanization pairs from a two-column TSV, either column order (the
    Devanagari one is recognised): one-word rows only, the Roman side lowercased to
    a-z, weight 1 per distinct pair; pairs whose Devanagari word is in ``exclude``
    are dropped. Built for Alok Parlikar's Indian first names corpus (CC BY 3.0)."""
    seen: set[tuple[str, str]] = set()
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = [p.strip() for p in line.split("\t")]
        if len(parts) < 2:
            continue
        a, b = parts[0], parts[1]
        native, roman = (a, b) if any("\u0900" <= ch <= "\u097f" for ch in a) else (b, a)
        native = nfc(native)
        if not native or not all("\u0900" <= ch <= "\u097f" for ch in native):
            continue
        if not re.fullmatch(r"[A-Za-z]+", roman) or native in exclude:
            continue
        key = (native, roman.lower())
        if key not in seen:
            seen.add(key)
            out.append((native, roman.lower(), 1))
    return out


def graphones(model: PhoneticModel, pairs: list[tuple[str, str, int]]
              ) -> list[tuple[list[str], int]]:
    """Each pair's best alignment (class channel) as graphones ``seg|char``, the word
    end as ``seg|$``; pairs the channel cannot align are skipped."""
    seqs = []
    for dev, roman, weight in pairs:
        path = _best_path(model, dev, roman)
        if path is None:
            continue
        used = sum(len(p) for p in path)
        seqs.append(([f"{seg}|{ch}" for seg, ch in zip(path, dev)] + [f"{roman[used:]}|{END}"],
                     weight))
    return seqs


def train_joint(seqs: list[tuple[list[str], int]], order: int, min_count: int = 2) -> dict:
    """Witten-Bell graphone n-gram tables (n-grams above order 2 seen < min_count dropped)."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for toks, weight in seqs:
        padded = [BOS] * (order - 1) + toks
        for i in range(order - 1, len(padded)):
            for k in range(0, order):
                counts[" ".join(padded[i - k:i])][padded[i]] += weight
    table = {}
    for ctx, toks in counts.items():
        total = sum(toks.values())
        kept = toks if ctx.count(" ") < 1 else {t: n for t, n in toks.items() if n >= min_count}
        if kept:
            table[ctx] = [total, len(toks), dict(kept)]
    return {"order": order, "table": table}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--train", required=True, type=Path)
    parser.add_argument("--dev", required=True, type=Path)
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--iterations", type=int, default=6)
    parser.add_argument("--tune-rows", type=int, default=500)
    parser.add_argument("--refine", type=Path, default=None, metavar="MODEL",
                        help="only add the previous-code-point channel to an EM-trained model")
    parser.add_argument("--lm-min-count", type=int, default=1,
                        help="drop n-grams above order 2 seen fewer times (1 keeps all; "
                             "dev sample: 1 is +1 point top-1/top-5 over 2, 0.95 MB model)")
    joint = parser.add_argument_group("joint-sequence model (format 2)")
    joint.add_argument("--joint", action="store_true",
                       help="build the graphone model from the data below")
    joint.add_argument("--align-with", type=Path, metavar="MODEL",
                       help="channel model that aligns the pairs (default: EM on train)")
    joint.add_argument("--sentences", type=Path, nargs=3,
                       metavar=("ALIGNED_TSV", "REJOINED_TSV", "DEV_NATIVE_TXT"),
                       help="Dakshina romanized sentences: hi.romanized.rejoined.aligned."
                            "cased_nopunct.tsv, hi.romanized.rejoined.tsv and "
                            "hi.romanized.rejoined.dev.native.txt (only the dev half is read)")
    joint.add_argument("--wiki", type=Path, help="hi.wiki-filt.valid.text.shuf.txt.gz")
    joint.add_argument("--exclude-words", type=Path, action="append", default=[],
                       help="lexicon TSV whose Devanagari words (first column only) no "
                            "training pair may contain (the test split)")
    joint.add_argument("--extra-pairs", type=Path, action="append", default=[],
                       help="more (roman, Devanagari) word pairs, TSV (e.g. names.tsv)")
    joint.add_argument("--words-out", type=Path, help="word list with scores (tsv.gz)")
    joint.add_argument("--order", type=int, default=3)
    joint.add_argument("--joint-min-count", type=int, default=2)
    joint.add_argument("--weights", help="lm,known,freq: skip the grid search on dev")
    joint.add_argument("--channel-mix", type=float, default=0.0, metavar="WEIGHT",
                       help="re-rank the best candidates with a class-context channel "
                            "trained by EM (train for --dev-model, train+dev shipped)")
    joint.add_argument("--dev-model", type=Path, metavar="OUT",
                       help="also write the model trained without the dev split")
    args = parser.parse_args()
    if "test" in args.train.name or "test" in args.dev.name:
        parser.error("the test split is kept for measurement only")

    def load(path):
        return [(d, _clean_roman(r), c) for d, r, c in read_pairs(path) if _clean_roman(r)]

    train, dev = load(args.train), load(args.dev)
    lexicon = load_lexicon("hi")
    if args.refine is not None:  # only the last step, on an EM-trained model file
        with gzip.open(args.refine, "rt", encoding="utf-8") as fh:
            data = refine(json.load(fh), train + dev, lexicon, KAPPA)
        _write(args.out, data)
        return 0
    if args.joint:
        return _main_joint(args, train, dev, dict(lexicon))
    lm = train_lm(sorted(set(lexicon) | {d for d, _r, _c in train}),
                  min_count=args.lm_min_count)
    chan, end = em(train, args.iterations)
    best, best_score = Weights(), -1.0
    tune = random.Random(11).sample(dev, min(args.tune_rows, len(dev)))
    for lm_w in (0.4, 0.55, 0.7):
        for known in (1.0, 2.0, 3.0):
            for freq in (0.0, 0.003, 0.006):
                w = Weights(lm_w, known, freq)
                model = PhoneticModel(build_data(chan, end, lm, w, []), lexicon, w)
                s = evaluate(model, tune)
                score = s.top1 + 0.5 * s.top5
                print(f"dev lm={lm_w} known={known} freq={freq}: top1 {s.top1:.3f} "
                      f"top5 {s.top5:.3f}", file=sys.stderr)
                if score > best_score:
                    best, best_score = w, score
    print(f"chosen weights {best}", file=sys.stderr)
    chan, end = em(train + dev, args.iterations)
    data = build_data(chan, end, lm, best, [args.train.name, args.dev.name])
    data = refine(data, train + dev, lexicon, KAPPA)
    _write(args.out, data)
    return 0


def _main_joint(args: argparse.Namespace, train: list, dev: list, lexicon: dict[str, int]
                ) -> int:
    """Format 2: graphone trigram + character 5-gram + lexicon with Wikipedia counts.

    Tuning (weights) uses a model trained without the dev split: the sentence pairs
    then also drop the dev words. The shipped model adds the dev pairs.
    """
    excluded: set[str] = set()
    for path in args.exclude_words:
        excluded |= {row[0] for row in read_pairs(path)}
    dev_words = {d for d, _r, _c in dev}
    sent_tune: list = []
    sent_final: list = []
    if args.sentences:
        sent_tune = sentence_pairs(*args.sentences, excluded | dev_words)
        sent_final = sentence_pairs(*args.sentences, excluded)
        print(f"sentence pairs: {len(sent_tune)} (tuning), {len(sent_final)} (final); "
              f"{len(excluded)} excluded words", file=sys.stderr)
    extra_final: list = []
    for path in args.extra_pairs:
        extra_final += extra_pairs(path, excluded)
    extra_tune = [p for p in extra_final if p[0] not in dev_words]
    if args.extra_pairs:
        print(f"extra pairs: {len(extra_tune)} (tuning), {len(extra_final)} (final)",
              file=sys.stderr)
    sent_tune += extra_tune
    sent_final += extra_final
    counts: dict[str, int] = wiki_counts(args.wiki) if args.wiki else {}
    for word, _roman, n in sent_tune[:len(sent_tune) - len(extra_tune)]:
        counts[word] = counts.get(word, 0) + n
    scores = word_scores(counts)
    for word, score in scores.items():
        if score > lexicon.get(word, -1):
            lexicon[word] = score
    if args.align_with:
        channel = read_model_data(args.align_with)
    else:
        chan, end = em(train, args.iterations)
        channel = build_data(chan, end, {}, Weights(), [])
    aligner = PhoneticModel({**channel, "lm": {}, "lm_order": LM_ORDER, "joint": None}, {})
    base_words = set(lexicon) | {d for d, _r, _c in train} | {w for w, _r, _c in sent_final}

    def build(pairs: list, words: set[str], weights: Weights, mix_pairs: list) -> dict:
        seqs = graphones(aligner, pairs)
        print(f"aligned {len(seqs)} of {len(pairs)} pairs", file=sys.stderr)
        mix = channel
        if weights.channel:
            chan, end = em(mix_pairs, args.iterations)
            mix = build_data(chan, end, {}, weights, [])
        data = {"format": 2, "lang": "hi", "lm_order": LM_ORDER,
                "weights": {"lm": weights.lm, "known": weights.known, "freq": weights.freq,
                            "channel": weights.channel},
                "inverse": mix["inverse"], "end": mix["end"],
                "lm": train_lm(sorted(words), min_count=args.lm_min_count),
                "joint": train_joint(seqs, args.order, args.joint_min_count)}
        return data

    if args.weights:
        best = Weights(*(float(x) for x in args.weights.split(",")), channel=args.channel_mix)
    else:
        tune = random.Random(11).sample(dev, min(args.tune_rows, len(dev)))
        data = build(train + sent_tune, base_words - dev_words,
                     Weights(channel=args.channel_mix), train)
        best, best_score = Weights(), -1.0
        for lm_w in (0.2, 0.3, 0.5):
            for known in (1.0, 2.0, 3.0):
                for freq in (0.006, 0.01):
                    w = Weights(lm_w, known, freq, args.channel_mix)
                    s = evaluate(PhoneticModel(data, lexicon, w, beam=JOINT_BEAM), tune)
                    print(f"dev lm={lm_w} known={known} freq={freq}: top1 {s.top1:.3f} "
                          f"top5 {s.top5:.3f}", file=sys.stderr)
                    if s.top1 + 0.5 * s.top5 > best_score:
                        best, best_score = w, s.top1 + 0.5 * s.top5
    print(f"weights {best}", file=sys.stderr)
    if args.dev_model:  # the same without the dev split, to measure on dev honestly
        _write(args.dev_model, build(train + sent_tune, base_words - dev_words, best, train))
    data = build(train + dev + sent_final, base_words | dev_words, best, train + dev)
    data["sources"] = [args.train.name, args.dev.name]
    if args.sentences:
        data["sources"].append(args.sentences[0].name + " (dev half)")
    data["sources"] += [path.name for path in args.extra_pairs]
    _write(args.out, data)
    if args.words_out:
        args.words_out.parent.mkdir(parents=True, exist_ok=True)
        final_counts = wiki_counts(args.wiki) if args.wiki else {}
        for word, _roman, n in sent_final[:len(sent_final) - len(extra_final)]:
            final_counts[word] = final_counts.get(word, 0) + n
        rows = sorted(word_scores(final_counts).items(), key=lambda kv: (-kv[1], kv[0]))
        with open(args.words_out, "wb") as raw, gzip.GzipFile(
                fileobj=raw, mode="wb", compresslevel=9, mtime=0) as gz:
            gz.write("".join(f"{w}\t{s}\n" for w, s in rows).encode("utf-8"))
        print(f"wrote {args.words_out} ({args.words_out.stat().st_size} bytes)", file=sys.stderr)
    return 0


def _write(out: Path, data: dict) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9,
                                                mtime=0) as gz:
        gz.write(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    print(f"wrote {out} ({out.stat().st_size} bytes)", file=sys.stderr)


if __name__ == "__main__":
    raise SystemExit(main())

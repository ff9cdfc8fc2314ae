"""Romanized Hindi → Devanagari candidates (Qt-free).

Format 2 (shipped since 2026-11-29) replaces the channel below by a *joint-sequence
(graphone) n-gram*: P(roman, word) as a trigram over ``"letters|code point"`` units
(the word end is ``"letters|$"``), learned from aligned romanization pairs; the
character n-gram and the lexicon ranking stay. The beam search is the same, each
hypothesis carrying its last graphones. The ranking lexicon is the proofing lexicon
widened by ``data/phonetic/<lang>_words.tsv.gz`` (Wikipedia word counts).

Format 1 has two learned parts, both shipped in ``data/phonetic/<lang>.json.gz``
(built by ``scripts/train_phonetic.py``):

- a *channel*: for each Devanagari code point ``c`` and the class of the code point
  before it, the probabilities of the Roman letters people write for it
  (``P("aa" | ा, after a consonant)``; the inherent a of a consonant is written
  with the letter that follows, or at the end of the word). Learned by EM over
  monotone many-to-one alignments of native speakers' romanizations;
- a *character n-gram model* of Devanagari words (interpolated Witten-Bell).

Candidates come from a beam search over the Roman input, left to right; the beam
of each input position depends only on the letters before it, so while a word is
typed one letter at a time only the newest position is computed. The finished
hypotheses are ranked with the shipped lexicon: known words get their frequency
score as a bonus, and a user's own choices come first (see :mod:`.learned`).
"""

from __future__ import annotations

import gzip
import json
import math
from collections.abc import Iterable
from typing import Any
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from khabar_editor.textkit.phonetic import MAX_INPUT

START, CONS, NUKTA, MATRA, VIRAMA, MARK, VOWEL, OTHER = "S", "C", "N", "M", "H", "A", "V", "O"
END = "$"
BOS = "^"
MAX_SEG = 3
NEG = -1e9
LEXICON_PER_KEY = 60   # known words kept per consonant skeleton (most frequent first)
LEXICON_TRIED = 40     # of which scored for one input
JOINT_MIN_TOKEN = 3    # graphones seen fewer times are not proposed
JOINT_MAX_CHARS = 8    # nor more than this many code points for one Roman segment
CHANNEL_TOP = 15       # candidates re-ranked with the channel (format 2, weight > 0)
CHANNEL_FLOOR = -40.0  # channel score of a candidate it cannot align
JOINT_BEAM = 16        # beam of the joint model (24 was no better on dev, 3× slower)


def char_class(ch: str) -> str:
    """Class of a Devanagari code point, the context of the channel."""
    o = ord(ch)
    if 0x0915 <= o <= 0x0939 or 0x0958 <= o <= 0x095F or 0x0978 <= o <= 0x097F:
        return CONS
    if o == 0x093C:
        return NUKTA
    if 0x093E <= o <= 0x094C or o in (0x0962, 0x0963, 0x094E, 0x094F):
        return MATRA
    if o == 0x094D:
        return VIRAMA
    if 0x0900 <= o <= 0x0903:
        return MARK
    if 0x0904 <= o <= 0x0914 or o in (0x0960, 0x0961):
        return VOWEL
    return OTHER


_AFTER_LETTER = frozenset((CONS, NUKTA))


def may_follow(prev: str, cls: str) -> bool:
    """Whether a code point of class ``cls`` can follow one of class ``prev`` in a word
    (no sign after an independent vowel, no doubled signs: ``अा`` is never proposed)."""
    if cls in (MATRA, VIRAMA):
        return prev in _AFTER_LETTER
    if cls == NUKTA:
        return prev == CONS
    if cls == MARK:
        return prev not in (START, VIRAMA, MARK)
    return True


def prev_class(prefix: str) -> str:
    """Context class after ``prefix`` (``START`` for the empty word)."""
    return char_class(prefix[-1]) if prefix else START


@dataclass(frozen=True, slots=True)
class Weights:
    """Weights of the final ranking (tuned on the dev split only)."""

    lm: float = 1.0
    known: float = 2.0
    freq: float = 0.004
    channel: float = 0.0  # format 2: weight of the format-1 channel when re-ranking


def _witten_bell(table: dict[str, list], contexts: Iterable[str], symbol: str,
                 floor: float) -> float:
    """log P(symbol), interpolated Witten-Bell over ``contexts`` (shortest first)."""
    p = floor
    for context in contexts:
        entry = table.get(context)
        if entry is None:
            break
        total, types, counts = entry
        lam = total / (total + types)
        p = lam * counts.get(symbol, 0) / total + (1 - lam) * p
    return math.log(p)


def _remember(memo: dict, key: Any, value: float) -> float:
    """``value``, kept in ``memo`` (emptied when it passes 500,000 entries)."""
    if len(memo) > 500_000:
        memo.clear()
    memo[key] = value
    return value


class NgramLM:
    """Interpolated Witten-Bell character model; ``table[context] = (total, types, {ch: n})``."""

    def __init__(self, order: int, table: dict[str, list]) -> None:
        self.order = order
        self.table = table
        self.alphabet = len(table.get("", [0, 0, {}])[2]) + 1
        self._memo: dict[tuple[str, str], float] = {}

    def logp(self, context: str, ch: str) -> float:
        """log P(ch | last order-1 characters of context)."""
        context = context[-(self.order - 1):] if self.order > 1 else ""
        key = (context, ch)
        hit = self._memo.get(key)
        if hit is not None:
            return hit
        contexts = (context[len(context) - k:] for k in range(len(context) + 1))
        return _remember(self._memo, key,
                         _witten_bell(self.table, contexts, ch, 1.0 / self.alphabet))


_DEV_KEY = {}
for _chars, _k in (("कखक़ख़", "K"), ("गघग़", "G"), ("चछ", "C"), ("जझज़", "J"),
                   ("टठतथ", "T"), ("डढड़ढ़दध", "D"), ("णनङञमंँ", "N"), ("पफफ़", "P"),
                   ("बभ", "B"), ("व", "V"), ("य", "Y"), ("रऱ", "R"), ("लळ", "L"),
                   ("शषस", "S"), ("ह", "H")):
    for _c in _chars:
        _DEV_KEY[_c] = _k
_DEV_KEY.pop("\u093c", None)  # the nukta (NFC keeps क़ as क + ़) adds no consonant
_ROMAN_UNITS = (("chh", "C"), ("ch", "C"), ("sh", "S"), ("kh", "K"), ("gh", "G"), ("jh", "J"),
                ("th", "T"), ("dh", "D"), ("ph", "P"), ("bh", "B"), ("x", "KS"), ("q", "K"),
                ("k", "K"), ("c", "K"), ("g", "G"), ("j", "J"), ("z", "J"), ("t", "T"),
                ("d", "D"), ("n", "N"), ("m", "N"), ("p", "P"), ("f", "P"), ("b", "B"),
                ("v", "V"), ("w", "V"), ("y", "Y"), ("r", "R"), ("l", "L"), ("s", "S"),
                ("h", "H"))


def _collapse(key: list[str]) -> str:
    out: list[str] = []
    for k in key:
        if k and (not out or out[-1] != k):
            out.append(k)
    return "".join(out)


def dev_skeleton(word: str) -> str:
    """Consonant skeleton of a Devanagari word (vowels dropped, like letters merged)."""
    return _collapse([_DEV_KEY.get(ch, "") for ch in word])


def roman_skeleton(roman: str) -> str:
    """The same skeleton of a romanization (``bharat`` → ``BRT``)."""
    key: list[str] = []
    i = 0
    while i < len(roman):
        for unit, k in _ROMAN_UNITS:
            if roman.startswith(unit, i):
                key.append(k)
                i += len(unit)
                break
        else:
            key.append("")
            i += 1
    return _collapse(key)


class TokenLM:
    """Interpolated Witten-Bell model over graphones (``"seg|char"`` tokens).

    ``table[" ".join(history)] = (total, types, {token: n})``; the history is the
    previous ``order - 1`` graphones of the word (padded with ``^``).
    """

    def __init__(self, order: int, table: dict[str, list]) -> None:
        self.order = order
        self.table = table
        self.vocab = len(table.get("", [0, 0, {}])[2]) + 1
        self._memo: dict[tuple[tuple[str, ...], str], float] = {}

    def logp(self, hist: tuple[str, ...], tok: str) -> float:
        """log P(tok | the last order-1 graphones of hist)."""
        key = (hist, tok)
        hit = self._memo.get(key)
        if hit is not None:
            return hit
        contexts = (" ".join(hist[len(hist) - k:]) for k in range(len(hist) + 1))
        return _remember(self._memo, key,
                         _witten_bell(self.table, contexts, tok, 1.0 / self.vocab))


@dataclass(slots=True)
class _Hyp:
    out: str
    score: float  # channel + weighted LM, so far
    zeros: int    # zero-length emissions in a row
    hist: tuple[str, ...] = ()  # last graphones (joint model only)


class PhoneticModel:
    """Candidate generator for one language."""

    def __init__(self, data: dict, lexicon: dict[str, int] | None = None,
                 weights: Weights | None = None, beam: int | None = None) -> None:
        self.lang = data.get("lang", "hi")
        # inverse channel: (segment, previous class) -> [(char, logp)]
        self.inverse: dict[tuple[str, str], list[tuple[str, float]]] = {}
        for key, rows in data["inverse"].items():
            seg, cls = key.split("\t")
            kept = [(c, float(lp)) for c, lp in rows if may_follow(cls, char_class(c))]
            if kept:
                self.inverse[(seg, cls)] = kept
        # the same, refined by the previous code point itself where it was seen enough
        self.inverse_char: dict[tuple[str, str], list[tuple[str, float]]] = {}
        for key, rows in data.get("inverse_char", {}).items():
            seg, prev = key.split("\t")
            kept = [(c, float(lp)) for c, lp in rows
                    if may_follow(char_class(prev), char_class(c))]
            if kept:
                self.inverse_char[(seg, prev)] = kept
        self.char_contexts = frozenset(data.get("char_contexts", ()))
        self.end: dict[str, dict[str, float]] = data["end"]
        self.lm = NgramLM(int(data["lm_order"]), data["lm"])
        self.lexicon = lexicon or {}
        self.forward: dict[tuple[str, str], dict[str, float]] = {}
        for (seg, cls), rows in self.inverse.items():
            for ch, lp in rows:
                self.forward.setdefault((ch, cls), {})[seg] = lp
        for (seg, prev), rows in self.inverse_char.items():
            for ch, lp in rows:
                self.forward.setdefault((ch, "@" + prev), {})[seg] = lp
        self._skeletons: dict[str, list[str]] | None = None
        self.weights = weights or Weights(**data.get("weights", {}))
        self.beam = beam or (JOINT_BEAM if data.get("joint") else 24)
        self._beams: dict[str, list[_Hyp]] = {}
        # joint-sequence (graphone) model: P(roman, word) as an n-gram of (segment, char)
        self.joint: TokenLM | None = None
        self.seg_chars: dict[str, list[str]] = {}
        if data.get("joint"):
            self.joint = TokenLM(int(data["joint"]["order"]), data["joint"]["table"])
            unigrams = self.joint.table.get("", [0, 0, {}])[2]
            for tok, count in sorted(unigrams.items(), key=lambda kv: -kv[1]):
                seg, _, ch = tok.rpartition("|")
                chars = self.seg_chars.setdefault(seg, [])
                if count >= JOINT_MIN_TOKEN and len(chars) < JOINT_MAX_CHARS or ch == END:
                    chars.append(ch)

    def _steps(self, seg: str, hyp: _Hyp) -> list[tuple[str, float, tuple[str, ...]]]:
        """``(char, log-score, new graphone history)`` of the next code point after ``hyp``
        written as ``seg``."""
        if self.joint is None:
            return [(ch, lp, ()) for ch, lp in self.emissions(seg, hyp.out)]
        cls = prev_class(hyp.out)
        keep = self.joint.order - 1
        steps = []
        for ch in self.seg_chars.get(seg, ()):
            if ch == END or not may_follow(cls, char_class(ch)):
                continue
            tok = f"{seg}|{ch}"
            steps.append((ch, self.joint.logp(hyp.hist, tok), (*hyp.hist, tok)[-keep:]))
        return steps

    def _end_score(self, seg: str, hyp: _Hyp) -> float | None:
        """log-score of ending the word after ``hyp`` with the Roman letters ``seg``."""
        if self.joint is None:
            return self.end.get(prev_class(hyp.out), {}).get(seg)
        if END not in self.seg_chars.get(seg, ()):
            return None
        return self.joint.logp(hyp.hist, f"{seg}|{END}")

    def emissions(self, seg: str, out: str) -> list[tuple[str, float]]:
        """``(char, log P(seg | char, context))`` for the next code point after ``out``."""
        if out and out[-1] in self.char_contexts:
            return self.inverse_char.get((seg, out[-1]), [])
        return self.inverse.get((seg, prev_class(out)), [])

    # -- search -----------------------------------------------------------------------
    def _lm_ctx(self, out: str) -> str:
        return BOS * (self.lm.order - 1) + out

    def _expand(self, roman: str, pos: int, hyps: list[_Hyp], into: dict[int, dict[str, _Hyp]]
                ) -> None:
        w = self.weights.lm
        for hyp in hyps:
            ctx = self._lm_ctx(hyp.out)
            for length in range(0, MAX_SEG + 1):
                if pos + length > len(roman):
                    break
                if length == 0 and hyp.zeros >= 1:
                    continue
                seg = roman[pos:pos + length]
                for ch, lp, hist in self._steps(seg, hyp):
                    out = hyp.out + ch
                    score = hyp.score + lp + w * self.lm.logp(ctx, ch)
                    bucket = into.setdefault(pos + length, {})
                    old = bucket.get(out)
                    if old is None or old.score < score:
                        bucket[out] = _Hyp(out, score, hyp.zeros + 1 if length == 0 else 0,
                                           hist)

    def _prune(self, hyps: Iterable[_Hyp]) -> list[_Hyp]:
        return sorted(hyps, key=lambda h: h.score, reverse=True)[: self.beam]

    def _beam_at(self, roman: str) -> list[_Hyp]:
        """Hypotheses that have consumed exactly ``roman`` (cached by prefix)."""
        cached = self._beams.get(roman)
        if cached is not None:
            return cached
        if not roman:
            start = [_Hyp("", 0.0, 0, (BOS,) * (self.joint.order - 1) if self.joint else ())]
            extra: dict[int, dict[str, _Hyp]] = {}
            self._expand("", 0, start, extra)
            beam = self._prune([*start, *extra.get(0, {}).values()])
        else:
            gathered: dict[str, _Hyp] = {}
            n = len(roman)
            for length in range(1, min(MAX_SEG, n) + 1):
                prev = self._beam_at(roman[: n - length])
                seg = roman[n - length:]
                # only the transitions that consume exactly ``seg``
                w = self.weights.lm
                for hyp in prev:
                    ctx = self._lm_ctx(hyp.out)
                    for ch, lp, hist in self._steps(seg, hyp):
                        out = hyp.out + ch
                        score = hyp.score + lp + w * self.lm.logp(ctx, ch)
                        old = gathered.get(out)
                        if old is None or old.score < score:
                            gathered[out] = _Hyp(out, score, 0, hist)
            first = self._prune(gathered.values())
            zero: dict[int, dict[str, _Hyp]] = {}
            self._expand(roman, len(roman), first, zero)
            more = [h for h in zero.get(len(roman), {}).values() if h.out not in gathered]
            beam = self._prune([*first, *more])
        if len(self._beams) > 4096:
            self._beams.clear()
        self._beams[roman] = beam
        return beam

    def candidates(self, roman: str, k: int = 10) -> list[str]:
        """Up to ``k`` Devanagari words for the Roman letters ``roman``, best first."""
        return [w for w, _s in self.scored(roman, k)]

    def scored(self, roman: str, k: int = 10) -> list[tuple[str, float]]:
        """Like :meth:`candidates`, with the final scores."""
        roman = "".join(ch for ch in roman.lower() if "a" <= ch <= "z")[:MAX_INPUT]
        if not roman:
            return []
        finals: dict[str, float] = {}
        n = len(roman)
        wt = self.weights
        for tail in range(0, 3):
            if tail > n:
                break
            seg = roman[n - tail:]
            for hyp in self._beam_at(roman[: n - tail]):
                if not hyp.out:
                    continue
                lp_end = self._end_score(seg, hyp)
                if lp_end is None:
                    continue
                score = hyp.score + lp_end + wt.lm * self.lm.logp(self._lm_ctx(hyp.out), END)
                freq = self.lexicon.get(hyp.out)
                if freq is not None:
                    score += wt.known + wt.freq * freq
                if score > finals.get(hyp.out, NEG):
                    finals[hyp.out] = score
        for word in self._lexicon_candidates(roman):
            if word in finals:
                continue
            score = self.forced_score(word, roman)
            if score <= NEG:
                continue
            score += wt.known + wt.freq * self.lexicon.get(word, 0)
            finals[word] = score
        ranked = sorted(finals.items(), key=lambda kv: kv[1], reverse=True)
        if self.joint is not None and wt.channel and self.forward:
            top = [(w, s + wt.channel * max(CHANNEL_FLOOR, self._forced_channel(w, roman)))
                   for w, s in ranked[:CHANNEL_TOP]]
            top.sort(key=lambda kv: kv[1], reverse=True)
            ranked = top + ranked[CHANNEL_TOP:]
        return ranked[:k]

    # -- known words the beam may have missed ----------------------------------------
    def _index(self) -> dict[str, list[str]]:
        if self._skeletons is None:
            index: dict[str, list[str]] = {}
            for word in sorted(self.lexicon, key=lambda w: -self.lexicon[w]):
                key = dev_skeleton(word)
                bucket = index.setdefault(key, [])
                if len(bucket) < LEXICON_PER_KEY:
                    bucket.append(word)
            self._skeletons = index
        return self._skeletons

    def _lexicon_candidates(self, roman: str) -> list[str]:
        key = roman_skeleton(roman)
        if len(key) < 2:
            return []
        return self._index().get(key, [])[:LEXICON_TRIED]

    def forced_score(self, word: str, roman: str) -> float:
        """Best alignment score of ``word`` for ``roman``: channel + weighted LM + end."""
        if self.joint is not None:
            return self._forced_joint(word, roman)
        total = self._forced_channel(word, roman)
        if total <= NEG:
            return NEG
        return total + self.weights.lm * self._word_lm(word)

    def _forced_channel(self, word: str, roman: str) -> float:
        """Best alignment score of ``word`` for ``roman`` under the channel (+ end)."""
        m, n = len(word), len(roman)
        best = [[NEG] * (n + 1) for _ in range(m + 1)]
        best[0][0] = 0.0
        for i in range(m):
            ch = word[i]
            if i and word[i - 1] in self.char_contexts:
                segs = self.forward.get((ch, "@" + word[i - 1]))
            else:
                segs = self.forward.get((ch, char_class(word[i - 1]) if i else START))
            if not segs:
                return NEG
            row, nxt = best[i], best[i + 1]
            for j in range(n + 1):
                a = row[j]
                if a <= NEG:
                    continue
                for length in range(0, MAX_SEG + 1):
                    if j + length > n:
                        break
                    lp = segs.get(roman[j:j + length])
                    if lp is not None and a + lp > nxt[j + length]:
                        nxt[j + length] = a + lp
        ends = self.end.get(char_class(word[-1]), {})
        total = NEG
        for j in range(max(0, n - 2), n + 1):
            lp = ends.get(roman[j:])
            if lp is not None and best[m][j] > NEG:
                total = max(total, best[m][j] + lp)
        return total

    def _word_lm(self, word: str) -> float:
        ctx = BOS * (self.lm.order - 1)
        lm = 0.0
        for ch in word:
            lm += self.lm.logp(ctx, ch)
            ctx += ch
        return lm + self.lm.logp(ctx, END)

    def _forced_joint(self, word: str, roman: str) -> float:
        """Viterbi score of ``word`` for ``roman`` under the graphone model (each cell
        keeps its best path's history) + weighted character LM."""
        joint = self.joint
        assert joint is not None
        keep = joint.order - 1
        m, n = len(word), len(roman)
        cells: list[dict[int, tuple[float, tuple[str, ...]]]] = [{} for _ in range(m + 1)]
        cells[0][0] = (0.0, (BOS,) * keep)
        for i in range(m):
            ch = word[i]
            nxt = cells[i + 1]
            for j, (a, hist) in cells[i].items():
                for length in range(0, MAX_SEG + 1):
                    if j + length > n:
                        break
                    tok = f"{roman[j:j + length]}|{ch}"
                    if ch not in self.seg_chars.get(roman[j:j + length], ()):
                        continue
                    score = a + joint.logp(hist, tok)
                    old = nxt.get(j + length)
                    if old is None or old[0] < score:
                        nxt[j + length] = (score, (*hist, tok)[-keep:])
            if not nxt:
                return NEG
        total = NEG
        for j, (a, hist) in cells[m].items():
            seg = roman[j:]
            if len(seg) > 2 or END not in self.seg_chars.get(seg, ()):
                continue
            total = max(total, a + joint.logp(hist, f"{seg}|{END}"))
        if total <= NEG:
            return NEG
        return total + self.weights.lm * self._word_lm(word)


def data_path(lang: str) -> Path:
    """The shipped model file of ``lang``."""
    return Path(str(resources.files("khabar_editor") / "data" / "phonetic" / f"{lang}.json.gz"))


def read_model_data(path: Path) -> dict:
    """The JSON of a model file."""
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return json.load(fh)


def words_path(lang: str) -> Path:
    """The shipped word list (``word<TAB>score``) that widens the ranking lexicon."""
    return Path(str(resources.files("khabar_editor") / "data" / "phonetic"
                    / f"{lang}_words.tsv.gz"))


def read_word_scores(path: Path) -> dict[str, int]:
    """``{word: score}`` of a shipped word list; missing or damaged gives ``{}``."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            rows = (line.rstrip("\n").split("\t") for line in fh)
            return {w: int(s) for w, s in rows}
    except (OSError, ValueError, EOFError):
        return {}


@lru_cache(maxsize=2)
def load_model(lang: str = "hi") -> PhoneticModel:
    """The shipped model of ``lang`` ranked by that language's lexicon (Hindi's for ne),
    widened by the phonetic word list (Wikipedia counts; a word keeps its higher score)."""
    from khabar_editor.proofing.lexicon import load_lexicon

    lexicon = dict(load_lexicon("hi"))
    for word, score in read_word_scores(words_path("hi")).items():
        if score > lexicon.get(word, -1):
            lexicon[word] = score
    if lang == "ne":
        for word in load_lexicon("ne"):
            lexicon.setdefault(word, 400)
    try:
        data = read_model_data(data_path(lang))
    except OSError:
        data = read_model_data(data_path("hi"))
    return PhoneticModel(data, lexicon)

"""An error model of the mistakes Hindi writers make, for ranking suggestions.

Candidates come from edits that cost little because writers confuse them
(ि/ी, ु/ू, े/ै, ो/ौ, ं/ँ, श/ष/स, ण/न, ब/व, a nukta or a virama or an anusvara
too many or too few) and from ordinary edit distance 1 (any insertion,
deletion, substitution or swap of neighbours), which costs more. A candidate
is ranked by its edit cost minus a bonus for how frequent the word is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Set as AbstractSet

SIGN_PAIRS = {
    ("ि", "ी"): 0.5, ("ु", "ू"): 0.5, ("े", "ै"): 0.6, ("ो", "ौ"): 0.6,
    ("ं", "ँ"): 0.4, ("श", "ष"): 0.7, ("श", "स"): 0.7, ("ष", "स"): 0.7,
    ("ण", "न"): 0.7, ("ब", "व"): 0.7, ("इ", "ई"): 0.6, ("उ", "ऊ"): 0.6,
    ("ए", "ऐ"): 0.7, ("ओ", "औ"): 0.7, ("ृ", "्र"): 0.8, ("ं", "न्"): 0.8,
    ("ं", "म्"): 0.8, ("ॉ", "ो"): 0.7, ("ा", "ॉ"): 0.8,
}
INSERT_DELETE = {"़": 0.5, "्": 0.6, "ं": 0.6, "ँ": 0.6, "ा": 0.9, "ि": 1.0, "े": 1.0}
EDIT_COST = 1.5
FREQ_WEIGHT = 0.2
"""Bonus per Zipf point of the candidate (0.3 before the lexicon took in ~65,000 rare
source words; 0.2 ranks a cheap edit to a rare word above a plain edit to a very frequent
one more often: real hi dev top-1 80.8 -> 81.6 %, top-5 84.2 -> 84.7 %)."""

ALPHABET = "".join(
    chr(c) for c in [*range(0x0901, 0x0904), *range(0x0905, 0x093A), 0x093C,
                     *range(0x093E, 0x094E), 0x0960, 0x0961, 0x0962, 0x0963]
)

_SUBS: dict[str, list[tuple[str, str, float]]] = {}
for (a, b), cost in SIGN_PAIRS.items():
    _SUBS.setdefault(a[0], []).append((a, b, cost))
    _SUBS.setdefault(b[0], []).append((b, a, cost))


def cheap_edits(word: str) -> Iterator[tuple[str, float]]:
    """Words one confusable edit away from ``word`` with the edit's cost."""
    n = len(word)
    for i in range(n):
        for old, new, cost in _SUBS.get(word[i], ()):
            if word.startswith(old, i):
                yield word[:i] + new + word[i + len(old):], cost
        if word[i] in INSERT_DELETE:
            yield word[:i] + word[i + 1:], INSERT_DELETE[word[i]]
    for i in range(1, n + 1):
        for sign, cost in INSERT_DELETE.items():
            yield word[:i] + sign + word[i:], cost


def plain_edits(word: str) -> set[str]:
    """Every string at edit distance 1 (with swaps of neighbours) from ``word`` that can
    be a Devanagari word.

    A letter is inserted or substituted only where it can stand: a vowel sign, virama or
    nukta after a consonant (or a nukta), an anusvara/candrabindu/visarga after anything
    but a virama, and nothing before a sign that the new letter cannot carry. The strings
    left out (ि after ा, ् at the start …) are no word of any list, so the result of a
    lookup is the same, with about a third fewer strings to hash.
    """
    n = len(word)
    out: set[str] = set()
    for i in range(n + 1):
        left, right = word[:i], word[i:]
        before = left[-1:]
        if right:
            out.add(left + right[1:])
            if len(right) > 1:
                out.add(left + right[1] + right[0] + right[2:])
            rest = right[1:]
            out.update(left + ch + rest for ch in _fitting(before, rest[:1]))
        out.update(left + ch + right for ch in _fitting(before, right[:1]))
    out.discard(word)
    return out


def _kind(ch: str) -> str:
    if not ch:
        return "edge"
    if ch in _CONSONANTS:
        return "consonant"
    if ch == _NUKTA:
        return "nukta"
    if ch in _DEPENDENT:
        return "dependent"
    if ch in _NASALS:
        return "nasal"
    return "free"


_CONSONANTS = frozenset(chr(c) for c in range(0x0915, 0x093A))
_NUKTA = "\u093c"
_DEPENDENT = frozenset([*map(chr, range(0x093E, 0x094E)), "\u0962", "\u0963"])  # signs, virama
_NASALS = frozenset("\u0901\u0902\u0903")
_VIRAMA = "\u094d"
_FITTING: dict[tuple[str, str], str] = {}


def _fitting(before: str, after: str) -> str:
    """The letters of ALPHABET that can stand between ``before`` and ``after``."""
    key = (_kind(before) if before != _VIRAMA else "virama", _kind(after))
    found = _FITTING.get(key)
    if found is None:
        left, right = key
        found = "".join(ch for ch in ALPHABET if _fits(left, _kind(ch), right))
        _FITTING[key] = found
    return found


def _fits(left: str, kind: str, right: str) -> bool:
    if kind == "dependent" and left not in ("consonant", "nukta"):
        return False
    if kind == "nukta" and left != "consonant":
        return False
    if kind == "nasal" and left in ("edge", "virama"):
        return False
    if right == "dependent" and kind not in ("consonant", "nukta"):
        return False
    if right == "nukta" and kind != "consonant":
        return False
    return True


def candidates(word: str, known: Callable[[str], bool],
               known_plain: Callable[[str], bool] | None = None,
               known_second: Callable[[str], bool] | None = None,
               vocab: Iterable[AbstractSet[str]] | None = None) -> dict[str, float]:
    """Known words near ``word`` with their lowest edit cost.

    ``known_plain`` (default ``known``) tests the many plain edit-distance-1
    strings and ``known_second`` (default ``known``) the ~2,000 strings two confusable
    edits away; a caller whose ``known`` is slow can pass cheaper tests here. With
    ``vocab`` (the word lists as sets or dict key views) those two groups are looked up
    by set intersection instead, which is what ``known_plain``/``known_second`` would
    test, only several times faster.
    """
    found: dict[str, float] = {}
    plain_known = known_plain or known
    second = known_second or known

    def keep(cand: str, cost: float, test: Callable[[str], bool] = known) -> None:
        if cand != word and cost < found.get(cand, 99.0) and test(cand):
            found[cand] = cost

    first = list(cheap_edits(word))
    for cand, cost in first:
        keep(cand, cost)
    pairs: dict[str, float] = {}
    for cand, cost in first:
        # An insertion is expanded only as the second edit (a substitution or deletion
        # first reaches every such pair); two insertions in one word are rare.
        if cost <= 0.7 and len(cand) <= len(word):
            for cand2, cost2 in cheap_edits(cand):
                total = cost + cost2
                if total <= 1.4 and total < pairs.get(cand2, 99.0):
                    pairs[cand2] = total
    plain = plain_edits(word)
    if vocab is not None:
        vocab = list(vocab)
        hits2 = set().union(*(v & pairs.keys() for v in vocab))
        hits1 = set().union(*(v & plain for v in vocab))
        for cand in hits2:
            keep(cand, pairs[cand], _yes)
        for cand in hits1:
            keep(cand, EDIT_COST, _yes)
        return found
    for cand2, total in pairs.items():
        keep(cand2, total, second)
    for cand in plain:
        keep(cand, EDIT_COST, plain_known)
    return found


def _yes(_word: str) -> bool:
    return True


def rank(found: dict[str, float], frequency: Callable[[str], int], limit: int = 8) -> list[str]:
    """Candidates best first: low edit cost, then high frequency (score = Zipf x 100)."""
    def key(item: tuple[str, float]) -> tuple[float, str]:
        word, cost = item
        return (cost - FREQ_WEIGHT * frequency(word) / 100.0, word)

    return [w for w, _ in sorted(found.items(), key=key)[:limit]]

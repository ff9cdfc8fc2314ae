"""Cross-paragraph rule: one name spelled two ways in the same article.

Two spellings are variants when they differ only by the classes writers
confuse (ि/ी, ु/ू, े/ै, ो/ौ, ं/ँ, श/ष/स, ण/न, ब/व, nukta): नितीश/नीतीश,
ज़िला/जिला. The less frequent spelling in the article is flagged, with the
more frequent one as the fix. Function words and pairs of two common but
different words (कि/की, दिन/दीन: both common, or both in the curated Hunspell
list) are not compared, unless they differ only by an optional nukta or ँ/ं.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator

from khabar_editor.i18n import N_
from khabar_editor.proofing.findings import Finding, finding
from khabar_editor.proofing.inflect import variants
from khabar_editor.proofing.lexicon import hunspell_words, load_lexicon, lookup_key
from khabar_editor.proofing.rules import FUNCTION_WORDS, rule
from khabar_editor.textkit.words import iter_devanagari_words

_FOLD = str.maketrans({"ी": "ि", "ू": "ु", "ै": "े", "ौ": "ो", "ँ": "ं", "ष": "श", "स": "श",
                       "ण": "न", "व": "ब", "़": None})
COMMON_SCORE = 500  # Zipf 5: both spellings this common means two different words


def variant_key(word: str) -> str:
    """The spelling of ``word`` with every confusable class folded to one letter."""
    return lookup_key(word).translate(_FOLD)


def _distinct_words(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` are two real words rather than two spellings of one."""
    if variants(a) & variants(b) or min(variants(a)) == min(variants(b)):
        return False
    frequency = load_lexicon("hi")
    if frequency.get(a, 0) >= COMMON_SCORE and frequency.get(b, 0) >= COMMON_SCORE:
        return True
    curated = hunspell_words("hi")
    return a in curated and b in curated


@rule("consistency.name_variants", N_("The same name spelled two ways in one article"),
      scope="document")
def name_variants(text: str) -> Iterator[Finding]:
    tokens = [t for t in iter_devanagari_words(text)
              if len(t.text) >= 3 and t.text not in FUNCTION_WORDS]
    groups: dict[str, Counter[str]] = defaultdict(Counter)
    for token in tokens:
        groups[variant_key(token.text)][lookup_key(token.text)] += 1
    preferred: dict[str, str] = {}
    for counts in groups.values():
        if len(counts) < 2:
            continue
        best = counts.most_common(1)[0][0]
        for spelling in counts:
            if spelling != best and not _distinct_words(spelling, best):
                preferred[spelling] = best
    for token in tokens:
        best = preferred.get(lookup_key(token.text))
        if best is not None:
            yield finding(token.start, token.end, token.text, "consistency.name_variants",
                          N_("Spelled \u201c{other}\u201d elsewhere in this article"),
                          fix=best, other=best)

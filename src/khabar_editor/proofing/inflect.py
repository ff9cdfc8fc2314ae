"""Rule-based Hindi inflection and spelling variants for building the lexicon.

The shipped word lists hold mostly base forms; Hindi news prose is full of
plural, oblique and verb forms. :func:`expand` generates them by shape (we
have no part-of-speech tags, so it over-generates a little; a generated form
is only accepted, never suggested ahead of a frequent word). :func:`variants`
adds spellings that are both in use: the optional nukta of क़ ख़ ग़ ज़ फ़ left
out, and candrabindu written as anusvara (``पहुँचे`` / ``पहुंचे``). ड़ and ढ़
keep their nukta: ``पडा`` is wrong.
"""

from __future__ import annotations

NUKTA = "\u093c"
VIRAMA = "\u094d"
ANUSVARA = "\u0902"
CANDRABINDU = "\u0901"
OPTIONAL_NUKTA_BASES = frozenset("कखगजफ")
CONSONANTS = frozenset(chr(c) for c in range(0x0915, 0x093A))

# Verb endings after a consonant-final stem (चल-ना -> चला, चलेगा ...).
_VERB_AFTER_CONSONANT = (
    "ना", "ने", "नी", "ता", "ते", "ती", "ा", "े", "ी", "ीं", "कर", "के",
    "ूँगा", "ूंगा", "ूँगी", "ूंगी", "ेगा", "ेगी", "ेंगे", "ेंगी", "ोगे", "ोगी",
    "ें", "ो", "िए", "िये", "ूँ", "ूं", "वाला", "वाले", "वाली", "नेवाले",
)
# Verb endings after a vowel-final stem (खा-ना -> खाया, खाएगा ...).
_VERB_AFTER_VOWEL = (
    "ना", "ने", "नी", "ता", "ते", "ती", "या", "यी", "ये", "ए", "ई", "ईं", "कर", "के",
    "ऊँगा", "ऊंगा", "ऊँगी", "ऊंगी", "एगा", "एगी", "एँगे", "एंगे", "एँगी", "एंगी",
    "ओगे", "ओगी", "एँ", "एं", "ओ", "इए", "इये", "ऊँ", "ऊं", "नेवाले",
)


def ends_in_consonant(word: str) -> bool:
    """Whether ``word`` ends in a bare consonant (inherent vowel), nukta included."""
    last = word[-1:]
    if last == NUKTA:
        last = word[-2:-1]
    return last in CONSONANTS


def verb_forms(stem: str) -> list[str]:
    """Forms of the verb whose infinitive is ``stem + "ना"``."""
    if not stem:
        return []
    endings = _VERB_AFTER_CONSONANT if ends_in_consonant(stem) else _VERB_AFTER_VOWEL
    return [stem + e for e in endings]


def noun_forms(word: str) -> list[str]:
    """Plural/oblique (and adjective agreement) forms of ``word`` by its ending."""
    if len(word) < 2:
        return []
    if word.endswith("ा"):
        stem = word[:-1]
        # -ाएँ/-ाओं (माताएँ) only suit a few feminine nouns: left to the corpus list,
        # since लड़काओं-style forms would hide real mistakes.
        return [stem + "े", stem + "ों", stem + "ी"]
    if word.endswith("ी"):
        stem = word[:-1]
        return [stem + "ियाँ", stem + "ियां", stem + "ियों"]
    if word.endswith("ि"):
        stem = word[:-1]
        return [stem + "ियाँ", stem + "ियां", stem + "ियों"]
    if word.endswith("ई"):
        # मिठाई -> मिठाइयाँ/मिठाइयों, दवाई -> दवाइयां (independent vowel after a vowel).
        stem = word[:-1]
        return [stem + "इयाँ", stem + "इयां", stem + "इयों"]
    if word.endswith("ू") or word.endswith("ु"):
        return [word + "ओं", word[:-1] + "ुओं", word + "एँ", word + "एं"]
    if ends_in_consonant(word) and not word.endswith(VIRAMA):
        # "+ी" is derivation (ख़रीदार -> ख़रीदारी); blindly it also makes कृषी, व्यक्ती,
        # which the lexicon build drops as near misses of frequent words.
        return [word + "ें", word + "ों", word + "ी"]
    return []


def expand(word: str) -> set[str]:
    """``word`` with the forms generated from it."""
    forms = {word}
    forms.update(noun_forms(word))
    if word.endswith("ना") and len(word) > 2:
        forms.update(verb_forms(word[:-2]))
        if word.endswith("ाना") and len(word) > 4:
            # Causative in -वा- beside -ा-: मंगाना -> मंगवाना, बनाना -> बनवाना.
            causative = word[:-3] + "वा"
            forms.add(causative + "ना")
            forms.update(verb_forms(causative))
    return forms


def strip_optional_nukta(word: str) -> str:
    """``word`` without the nukta on क ख ग ज फ (ड़ ढ़ are kept)."""
    if NUKTA not in word:
        return word
    out: list[str] = []
    for i, ch in enumerate(word):
        if ch == NUKTA and i and word[i - 1] in OPTIONAL_NUKTA_BASES:
            continue
        out.append(ch)
    return "".join(out)


def variants(word: str) -> set[str]:
    """Accepted spellings of ``word``: itself, without optional nukta, ँ as ं."""
    found = {word, strip_optional_nukta(word)}
    found.update({w.replace(CANDRABINDU, ANUSVARA) for w in list(found)})
    return found

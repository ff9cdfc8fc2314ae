"""Nepali postpositions and particles written joined to the word before them.

Nepali writes case markers and many postpositions as part of the word
(``नेपालले``, ``सडकखण्डमा``, ``शनिबारसम्म``, ``खेलाडीहरूको``); the Hunspell ne_NP
affix rules cover only some of them. :func:`stems` peels off up to two such
endings so that the checker can accept a form whose stem it knows. This is a
rule over a closed class of endings, not a word list: the stem must still be a
known word. Words are compared by lookup key (no ZWJ/ZWNJ), so the endings
hold no joiners.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

# Longest first, so that सँगै is tried before सँग and हरूले before ले.
POSTPOSITIONS = tuple(sorted({
    "को", "का", "की", "ले", "लाई", "मा", "बाट", "देखि", "सम्म", "सँग", "संग", "सँगै",
    "संगै", "भन्दा", "माथि", "मुनि", "तिर", "तर्फ", "पछि", "अघि", "बारे", "प्रति",
    "अनुसार", "स्थित", "भित्र", "बाहिर", "हरू", "हरु", "मै", "कै", "नै", "द्वारा",
    "निम्ति", "लागि", "वरिपरि", "नजिक", "माझ", "विरुद्ध", "बिना", "सहित", "समेत",
    "भर", "पर्ने", "पर्छ", "पर्यो", "सक्ने", "बमोजिम", "मध्ये", "पनि", "वटा", "ओटा",
    "मात्र", "मात्रै", "जस्तो", "जस्तै", "भरि", "जना", "जसो", "पन", "तापनि",
    "ौं", "ौँ",  # वर्षौं, दशकौं, हजारौं: "for many years/decades/thousands"
}, key=len, reverse=True))
MIN_STEM = 2
MAX_LAYERS = 2


EndingTable = dict[str, tuple[tuple[str, int], ...]]


def _table(endings: tuple[str, ...]) -> EndingTable:
    """Endings grouped by their last character, longest first: ``_ending_matches`` then
    tests only the few endings that can match the word's last letter (the suggestion path
    asks this hundreds of thousands of times per article; most words match none)."""
    table: dict[str, list[tuple[str, int]]] = {}
    for ending in sorted(set(endings), key=len, reverse=True):
        table.setdefault(ending[-1], []).append((ending, len(ending)))
    return {last: tuple(items) for last, items in table.items()}


def _ending_matches(word: str, table: EndingTable, room: int = 1) -> list[str]:
    """The endings of ``table`` that ``word`` ends with, longest first, leaving at least
    ``room`` characters before them."""
    found = table.get(word[-1:])
    if not found:
        return []
    most = len(word) - room
    return [e for e, k in found if k <= most and word.endswith(e)]


_POSTPOSITIONS = _table(POSTPOSITIONS)


def stems(word: str, layers: int = MAX_LAYERS) -> Iterator[str]:
    """Shorter words left when one or two joined postpositions are taken off ``word``."""
    if layers <= 0:
        return
    for ending in _ending_matches(word, _POSTPOSITIONS, MIN_STEM):
        stem = word[:-len(ending)]
        yield stem
        yield from stems(stem, layers - 1)


def name_stem(word: str) -> str:
    """``word`` without its joined postpositions (ट्रम्पलाई → ट्रम्प): the shortest stem
    :func:`stems` leaves, or ``word`` itself; used to count an unknown name's uses."""
    return min(stems(word), key=len, default=word)


_VELARS = "कखगघ"
_CLASS_NASALS = (("ङ", _VELARS), ("ञ", "चछजझ"), ("ण", "टठडढ"), ("न", "तथदध"), ("म", "पफबभ"))


def conventions(word: str) -> Iterator[str]:
    """``word`` in the other spelling conventions in use: ँ/ं (तपाईं/तपाईँ), the class nasal
    or ं before a stop (मङ्सिर/मंसिर, सम्भव/संभव), श/स at the start of सुरु/शुरु; ``word``
    itself first."""
    yield word
    seen = {word}
    forms = [word.replace("\u0902", "\u0901"), word.replace("\u0901", "\u0902")]
    # Before a stop the anusvara and the nasal of the stop's class are both written
    # (मङ्सिर/मंसिर, सम्भव/संभव, अन्त/अंत, पञ्च/पंच, कण्ठ/कंठ); ne_NP mixes them.
    nasal = plain = word
    for nasal_letter, stops in _CLASS_NASALS:
        for v in stops:
            nasal = nasal.replace("\u0902" + v, nasal_letter + "\u094d" + v)
            plain = plain.replace(nasal_letter + "\u094d" + v, "\u0902" + v)
    forms += [nasal, plain]
    if word.startswith("शुरु"):
        forms.append("सुरु" + word[4:])
    for form in forms:
        if form not in seen:
            seen.add(form)
            yield form


# -- verb paradigms ---------------------------------------------------------------
# A Nepali verb is listed by its infinitive (गर्नु, खानु); ne_NP knows few finite forms.
# The endings below are a closed class of grammar (tense, person, participles), not
# words: a form is accepted when its infinitive is a known word. Consonant stems keep
# the halant before a consonant ending (गर्छ, गर्दछ, गर्ला) and lose it before a vowel
# sign (गरेको, गरेँ); vowel stems take the independent vowels (खाए, खायौं, खाइ).
_HALANT = "\u094d"
_CONSONANT_ENDINGS = (
    "छ", "छन्", "छु", "छौ", "छौं", "छौँ", "छस्", "दछ", "दछन्", "दछु", "दै", "दा", "दिन",
    "दैन", "दैनन्", "न", "ने", "नु", "ला", "लान्", "लिन्", "लास्", "यो", "थ्यो", "थे",
    "नेछ", "नेछन्", "नेछु", "दैछ", "दो", "दी", "न्छ", "न्छन्", "न्छु", "न्न",
    "ना", "न्नन्", "न्नँ", "दैनौं", "दैनौँ", "छैनौं",
    "दैछन्", "दैछु", "दैछौं", "दैछौँ", "दैछिन्", "नेछिन्", "छिन्", "दछिन्", "थिन्", "थ्यौं",
)
_SIGN_ENDINGS = (
    "ेको", "ेका", "ेकी", "े", "ेँ", "ें", "ेन", "ेनन्", "ेछ", "ेछन्", "ेर", "ौ", "ौं", "ौँ",
    "ोस्", "ोस", "ुँ", "ूँ", "ून्", "िन", "िनँ",
)
_VOWEL_ENDINGS = (
    "ए", "एको", "एका", "एकी", "एँ", "एं", "एन", "एनन्", "एछ", "एछन्", "एर", "यौ", "यौं",
    "यौँ", "ओस्", "ओस", "ऊँ", "उँ", "ऊन्", "यो", "इन्", "इनन्",
)
# -आउनु verbs (बनाउनु, लगाउनु, पुर्याउनु) keep the उ before a consonant ending:
# बनाउँछ, बनाउँदै, बनाउने; before a vowel ending it goes (बनाएको, बनायो: above).
_AU_ENDINGS = (
    "उँछ", "उँछन्", "उँछु", "उँछौं", "उँछौँ", "उँदै", "उँदा", "उँदैन", "उँदैनन्", "उँदो",
    "उने", "उन", "उनेछ", "उनेछन्", "उला", "उलान्", "उन्न", "उन्नन्", "उथ्यो", "उथे",
)
_CONSONANT_TABLE = _table(_CONSONANT_ENDINGS)
_SIGN_TABLE = _table(_SIGN_ENDINGS)
_VOWEL_TABLE = _table(_VOWEL_ENDINGS)
_AU_TABLE = _table(_AU_ENDINGS)
# A vowel stem takes only these consonant endings directly (खान्छ, खाने, खाला, खायो);
# -दा/-दै/-छ need the candrabindu or न् (जाँदै, जान्छ): जादै and खाछ are slips.
_AFTER_VOWEL = frozenset(e for e in _CONSONANT_ENDINGS if e[0] in "नलय")
# Passive (गरिन्छ, गरिएको, भनियो, लगाइने, गरिँदै): the -इ participle and one of these.
_PASSIVE_ENDINGS = (
    "न्छ", "न्छन्", "ने", "एको", "एका", "एकी", "यो", "ए", "एन", "एनन्", "एर", "एछ", "नु",
    "ँदै", "ँदा", "ँदैन", "न", "न्न", "नेछ",
)
# Honorific (गर्नुभयो) and compound (गरिरहेको, खाइसकेको, लगाइदिने) verbs: an infinitive
# or a conjunctive participle in -इ followed by a form of one of these auxiliaries.
_HONORIFIC = ("भयो", "भए", "भएको", "भएका", "भएन", "हुन्छ", "हुन्छन्", "हुनेछ", "हुने",
              "होस्", "हुँदै", "हुँदा", "हुन्न", "हुन्थ्यो", "हुन")
_AUXILIARIES = ("रह", "सक", "दि", "हाल", "राख", "दे", "पठा", "बस")
# Joined after an infinitive in -न (हुनसक्छ, गर्नसक्ने, जानपर्ने, गर्नथाल्यो).
_INFINITIVE_AUXILIARIES = ("सक", "पर", "थाल", "लाग", "चाह", "पाउ", "दि", "दे", "हुन")
_INFINITIVE_JOINTS = tuple((joint, aux, len(joint) - len(aux))
                           for aux in _INFINITIVE_AUXILIARIES for joint in ("न" + aux, "नु" + aux))
"""(the infinitive's -न or -नु with the auxiliary, the auxiliary, the length before it)"""
# Forms of रहनु with a candrabindu before -दा/-दै (गरिरहँदा, खाइरहँदै).
_RAHA_FORMS = ("रहँदा", "रहँदै", "रहँदैन", "रहँदो")
_PARTICIPLE_IRREGULAR = {"भइ": "हुनु", "भै": "हुनु", "गइ": "जानु", "लिइ": "लिनु"}
_BEFORE_AUXILIARY = frozenset("\u093fइ" + "".join(p[-1] for p in _PARTICIPLE_IRREGULAR))
"""The last letters of every participle :func:`_participle_infinitives` reads."""
_SIGNS = set("\u093e\u093f\u0940\u0941\u0942\u0943\u0947\u0948\u094b\u094c\u0901\u0902")


def _is_vowel_final(s: str) -> bool:
    return bool(s) and (s[-1] in _SIGNS or "\u0905" <= s[-1] <= "\u0914")


def _is_consonant_final(s: str) -> bool:
    return bool(s) and "\u0915" <= s[-1] <= "\u0939"


def infinitives(word: str) -> Iterator[str]:
    """Infinitives whose finite form ``word`` may be (गर्छ → गर्नु, खायौं → खानु,
    गरेँ → गर्नु); each needs to be a known word for ``word`` to be accepted."""
    for ending in _ending_matches(word, _CONSONANT_TABLE):
        rest = word[:-len(ending)]
        if rest.endswith(_HALANT):
            yield rest + "नु"
        elif rest.endswith("\u0901") and ending[0] == "द" and _is_vowel_final(rest[:-1]):
            yield rest[:-1] + "नु"              # जाँदै, हुँदैन → जानु, हुनु
        elif _is_vowel_final(rest) and ending in _AFTER_VOWEL:
            yield rest + "नु"                   # खान्छ, खाने, खाला (not खाछ, जादै)
        elif ending.startswith("न्") and _is_consonant_final(rest):
            yield rest + "नु"                   # रहन्छ → रहनु
    for ending in _ending_matches(word, _SIGN_TABLE):
        rest = word[:-len(ending)]
        if _is_consonant_final(rest):
            yield rest + _HALANT + "नु"
            if len(rest) >= 2 and rest[-1] in "हख":
                yield rest + "नु"               # रहनु, पर्खनु: listed without the halant
    for ending in _ending_matches(word, _VOWEL_TABLE):
        rest = word[:-len(ending)]
        if _is_vowel_final(rest):
            yield rest + "नु"
            if rest.endswith("\u093e"):
                yield rest + "उनु"              # बनाएको, बनायो → बनाउनु
    for ending in _ending_matches(word, _AU_TABLE, 2):
        rest = word[:-len(ending)]
        if _is_vowel_final(rest):
            yield rest + "उनु"                  # बनाउँछ → बनाउनु


def _participle_infinitives(part: str) -> Iterator[str]:
    if part in _PARTICIPLE_IRREGULAR:
        yield _PARTICIPLE_IRREGULAR[part]
    elif part.endswith("ि") and _is_consonant_final(part[:-1]):
        yield part[:-1] + _HALANT + "नु"        # गरि → गर्नु
        if len(part) >= 3 and part[-2] in "हख":
            yield part[:-1] + "नु"              # पर्खि → पर्खनु
    elif part.endswith("इ") and _is_vowel_final(part[:-1]):
        yield part[:-1] + "नु"                  # खाइ → खानु
        if part.endswith("ाइ"):
            yield part[:-1] + "उनु"             # लगाइ → लगाउनु


def verb_analyses(word: str) -> Iterator[tuple[str, ...]]:
    """Ways to read ``word`` as a verb form: tuples of words that must all be known (the
    verb's infinitive; a compound's auxiliary comes from the closed list and its ending
    is checked here)."""
    for inf in infinitives(word):
        yield (inf,)
    for aux in _ending_matches(word, _HONORIFIC_TABLE, 3):  # गर्नुभयो, हेर्नुहुन्छ
        if word[:-len(aux)].endswith("नु"):
            yield (word[:-len(aux)],)
    for aux in _AUXILIARIES:                  # गरिरहेको, खाइसकेको, लगाइदिने
        i = word.find(aux, 2)
        while i > 0:
            # Only a participle in -इ/-ि (or भै) takes an auxiliary: test that first, the
            # tail (its ending analysis, remembered) only then.
            if word[i - 1] in _BEFORE_AUXILIARY:
                part, tail = word[:i], word[i:]
                if (_is_form_of(tail, aux) or tail in (aux + "नु", aux + _HALANT + "नु")
                        or (aux == "रह" and tail in _RAHA_FORMS)):
                    for inf in _participle_infinitives(part):
                        yield (inf,)
            i = word.find(aux, i + 1)
    for joint, aux, skip in _INFINITIVE_JOINTS if "न" in word[1:] else ():  # हुनसक्छ
        i = word.find(joint, 1)
        if i > 0 and _is_form_of(word[i + skip:], aux):
            yield (word[:i] + "नु",)
    for ending in _ending_matches(word, _PASSIVE_TABLE, 2):  # गरिन्छ, गरिएको, लगाइने
        part = word[:-len(ending)]
        if part[-1] in "िइ":
            for inf in _participle_infinitives(part):
                yield (inf,)


@lru_cache(maxsize=65536)
def _is_form_of(tail: str, aux: str) -> bool:
    """Whether ``tail`` is a finite or honorific form of the auxiliary stem ``aux``
    (रहेको, सकेको, राख्नुभएको, पर्छ)."""
    wanted = (aux + "नु", aux + _HALANT + "नु", aux + "उनु")
    if any(inf in wanted for inf in infinitives(tail)):
        return True
    return any(tail[:-len(hon)] in wanted      # राख्नुभएको, सक्नुभयो
               for hon in _ending_matches(tail, _HONORIFIC_TABLE))


_HONORIFIC_TABLE = _table(_HONORIFIC)
_PASSIVE_TABLE = _table(_PASSIVE_ENDINGS)


def emphatic_bases(word: str) -> Iterator[str]:
    """Words whose emphatic form in -ै ``word`` may be (राम्रै ← राम्रो, पत्तै ← पत्ता,
    भातै ← भात). The caller must also check that the -े form is not a word (an e/ai
    slip: गरै for गरे)."""
    if word.endswith("\u0948") and len(word) >= 3:
        rest = word[:-1]
        if _is_consonant_final(rest):
            yield rest
            yield rest + "\u094b"
            yield rest + "\u093e"


def respellings(word: str) -> Iterator[tuple[str, float]]:
    """Nepali misspellings the general error model does not reach in one step, each with
    the cost of the intended word: ृ written for ्रि or back (प्रतिकृया → प्रतिक्रिया,
    क्रिषि → कृषि), so one slip costs one edit."""
    for i, ch in enumerate(word):
        if ch == "\u0943" and i >= 1:                 # कृ → क्रि
            yield word[:i] + "\u094d\u0930\u093f" + word[i + 1:], 0.6
        elif word.startswith("\u094d\u0930\u093f", i) and i >= 1:   # क्रि → कृ
            yield word[:i] + "\u0943" + word[i + 3:], 0.6

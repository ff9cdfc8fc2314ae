"""Gender agreement of the verb (Hindi): ``grammar.gender_agreement``, high precision only.

Two patterns, each a fixed sequence of neighbouring words:

* a frequent feminine noun from a closed list, unmarked (no postposition), directly
  before an intransitive verb phrase in the masculine: बैठक हो गया, आग लग गया, सरकार गिर
  रहा था, पुलिस पहुंचा, बारिश हुआ. With an intransitive verb the unmarked noun before it
  is its subject, so the verb must be feminine (गई, रही थी, पहुंची, हुई). Not when ने
  stands earlier in the clause (then the verb agrees with something else);
* a feminine participle with the masculine past auxiliary (हो रही था → थी) and the reverse
  (हो रहा थी → था): the verb phrase disagrees with itself.

The noun list leaves out nouns that are also verb stems (हार, जीत, मांग, जांच, मार: भारत हार
गया is right), nouns used as adverbs or postpositions (बार, ओर, तरह, रात, सुबह) and
homographs (बस, सजा). False alarms are measured on real prose in
``bench/bench_proofing_real.py``.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from khabar_editor.i18n import N_
from khabar_editor.proofing.findings import Finding, finding
from khabar_editor.proofing.rules import rule

_B = r"(?<![\p{L}\p{M}])"
_E = r"(?![\p{L}\p{M}])"

FEMININE_NOUNS = (
    "सरकार", "बैठक", "पुलिस", "बारिश", "घटना", "दुर्घटना", "मौत", "बीमारी", "सड़क", "ट्रेन",
    "गाड़ी", "कार", "नदी", "आग", "बिजली", "फिल्म", "फ़िल्म", "टीम", "पार्टी", "कंपनी",
    "कमेटी", "समिति", "सभा", "संस्था", "योजना", "परियोजना", "परीक्षा", "प्रतियोगिता", "चर्चा",
    "बातचीत", "शादी", "लड़की", "महिला", "बेटी", "मां", "माँ", "बहन", "पत्नी", "छात्रा",
    "हालत", "स्थिति", "कीमत", "आबादी", "संख्या", "जनसंख्या", "कमाई", "दुकान", "फसल",
    "फ़सल", "बाढ़", "ठंड", "गर्मी", "हवा", "लहर", "सुनवाई", "याचिका", "अदालत", "सेना",
    "नौकरी", "पढ़ाई", "लड़ाई", "बहस", "जंग", "हिंसा", "रैली", "यात्रा", "उड़ान", "किताब",
    "ख़बर", "खबर", "सूचना", "जानकारी", "रिपोर्ट", "शिकायत", "गिरफ्तारी", "गिरफ़्तारी",
    "बच्ची", "औरत", "इमारत", "दीवार", "नाव", "मशीन", "लाश", "आवाज़", "आवाज", "भीड़",
    "नीति", "प्रक्रिया", "व्यवस्था", "सुविधा", "सेवा", "मुहिम", "कार्रवाई", "हड़ताल",
    "आंधी", "आँधी", "वर्षा", "बर्फ़", "बर्फ", "बस्ती", "गली", "कॉलोनी", "सीमा", "मुलाकात",
    "मुलाक़ात")
"""Frequent, unambiguously feminine; none is a verb stem, an adverb or a postposition."""

INTRANSITIVE_STEMS = (
    "हो", "बन", "गिर", "टूट", "बढ़", "घट", "रुक", "चल", "खुल", "फैल", "जल", "डूब", "मर",
    "बिगड़", "सुधर", "लग", "पहुंच", "पहुँच", "लौट", "आ", "निकल", "उतर", "पलट", "फट",
    "भड़क", "थम", "छिड़", "बिक", "मिल", "शुरू", "ख़त्म", "खत्म", "बंद")
"""Stems of intransitive verbs (and the nouns of शुरू/ख़त्म/बंद होना) before जा/रह/चुक."""

MOVERS = frozenset({
    "पुलिस", "टीम", "सेना", "महिला", "लड़की", "बेटी", "मां", "माँ", "बहन", "पत्नी", "छात्रा",
    "बच्ची", "औरत", "ट्रेन", "गाड़ी", "कार", "नाव", "उड़ान", "बाढ़", "आंधी", "आँधी", "बारिश",
    "ठंड", "गर्मी", "हवा", "लहर", "आवाज़", "आवाज", "ख़बर", "खबर", "सूचना", "रिपोर्ट", "लाश",
    "भीड़", "बिजली"})
"""The nouns that may be the subject of a verb of motion. With आया/गया/पहुंचा/लौटा any
other noun may be the destination (वह अदालत पहुंचा, वह दुकान गया) and is left alone."""
_MOTION = frozenset({"आया", "गया", "पहुंचा", "पहुँचा", "लौटा", "निकला", "आ", "पहुंच",
                     "पहुँच", "लौट", "निकल", "उतर"})

_MASCULINE_AUX = {"गया": "गई", "रहा": "रही", "चुका": "चुकी"}
_MASCULINE_PERFECTS = {
    "हुआ": "हुई", "आया": "आई", "गया": "गई", "पहुंचा": "पहुंची", "पहुँचा": "पहुँची",
    "लौटा": "लौटी", "मिला": "मिली", "बना": "बनी", "बढ़ा": "बढ़ी", "घटा": "घटी",
    "गिरा": "गिरी", "टूटा": "टूटी", "रुका": "रुकी", "खुला": "खुली", "फैला": "फैली",
    "डूबा": "डूबी", "निकला": "निकली", "थमा": "थमी", "भड़का": "भड़की", "लगा": "लगी"}
_PARTICLE = r"(?:\s+(?:भी|ही|नहीं|तो|अब|फिर|अभी))?"
_LIGHT = r"(?!\s+(?:दे|दि|ले|लि|डाल|जा|रह|चुक|सक|कर|पा|बैठ|रख|दी|ली)\p{Devanagari}*)"
"""Not followed by a light verb or auxiliary: सरकार बना लेगी, पुलिस लगा दी गई."""
_NOUN_THEN_VERB = regex.compile(
    _B + r"(?P<noun>" + "|".join(FEMININE_NOUNS) + r")" + _PARTICLE
    + r"(?:\s+(?P<stem>" + "|".join(INTRANSITIVE_STEMS) + r")(?:\s+हो)?\s+(?P<aux>"
    + "|".join(_MASCULINE_AUX) + r")|\s+(?P<perf>" + "|".join(_MASCULINE_PERFECTS) + r")" + _E + _LIGHT
    + r")" + _E + r"(?P<tha>\s+था" + _E + r")?")
_FEM_PARTICIPLE_MASC_AUX = regex.compile(
    _B + r"(?:रही|गई|गयी|हुई|चुकी)\s+(था)" + _E)
_MASC_PARTICIPLE_FEM_AUX = regex.compile(
    _B + r"(?:रहा|गया|हुआ|चुका)\s+(थी)" + _E)
_CLAUSE_START = regex.compile(r"[\u0964\u0965.?!,;:]|" + _B + r"(?:कि|और|लेकिन|पर|जब|तो)" + _E)
_ERGATIVE = regex.compile(_B + r"(?:ने|\p{Devanagari}+(?:ने|न्होंने))" + _E)
_EXCEPTIONS = frozenset({"सुनने", "पहने", "अपने", "सपने", "सामने", "पैमाने", "ठिकाने",
                         "खाने", "जाने", "होने", "करने", "देने", "लेने", "आने", "रहने"})
"""-ने words that are not the ergative postposition (करने, सामने …)."""


def _ergative_in_clause(text: str, start: int) -> bool:
    """Whether ने (or उसने, उन्होंने …) stands between the clause start and ``start``."""
    clause = 0
    for m in _CLAUSE_START.finditer(text, 0, start):
        clause = m.end()
    return any(m.group() not in _EXCEPTIONS and not m.group().endswith("ाने")
               for m in _ERGATIVE.finditer(text, clause, start))


@rule("grammar.gender_agreement", N_("Verb gender after a feminine subject (बैठक हो गया)"),
      languages=("hi",))
def gender_agreement(text: str) -> Iterator[Finding]:
    """A masculine verb phrase after a feminine subject, or a verb phrase that mixes genders."""
    covered: list[tuple[int, int]] = []
    for m in _NOUN_THEN_VERB.finditer(text, overlapped=True):
        group = "aux" if m.group("aux") else "perf"
        verb = m.group(group)
        motion = m.group("stem") in _MOTION if group == "aux" else verb in _MOTION
        if (motion and m.group("noun") not in MOVERS) or _ergative_in_clause(text, m.start()):
            continue
        fix = (_MASCULINE_AUX if group == "aux" else _MASCULINE_PERFECTS)[verb]
        start, end = m.start(group), m.end(group)
        if m.group("tha"):
            end = m.end("tha")
            fix += m.group("tha").replace("था", "थी")
        covered.append((start, end))
        yield finding(start, end, text[start:end], "grammar.gender_agreement",
                      N_("The subject is feminine: write \u201c{replacement}\u201d"), fix=fix,
                      replacement=fix)
    for pattern, wrong, right in ((_FEM_PARTICIPLE_MASC_AUX, "था", "थी"),
                                  (_MASC_PARTICIPLE_FEM_AUX, "थी", "था")):
        for m in pattern.finditer(text):
            if any(s <= m.start(1) < e for s, e in covered):
                continue
            yield finding(m.start(1), m.end(1), wrong, "grammar.gender_agreement",
                          N_("The verb phrase mixes genders: write \u201c{replacement}\u201d"),
                          fix=right, replacement=right)

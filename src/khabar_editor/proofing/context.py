"""Real-word errors found from the words around them (Hindi): a first, high-precision set.

Each rule is switchable (rule ids ``grammar.*``) and looks only at a fixed pattern of
neighbouring words; anything less certain is left alone. False alarms were measured
on real prose (``bench/bench_proofing_real.py``, ≤ 0.5 per 1,000 words required):

* ``grammar.hai_plural`` — a plural or honorific participle (-ते, रहे, गए, चुके …)
  followed by है → हैं; a masculine singular participle (-ता, रहा, गया, चुका …)
  followed by हैं → है;
* ``grammar.ki_kee`` — की after a verb of saying or thinking (कहा की, बताया की, है की
  followed by a clause) → कि; कि before तरह/ओर/तरफ़/वजह/जगह (कि तरह) → की;
* ``grammar.main_mein`` — मैं as a postposition (इस मैं, के बारे मैं) → में; में at the
  start of a sentence or before ने (में ने) → मैं;
* ``grammar.ne_intransitive`` — an ergative subject (उसने, राम ने) with गया/आया/पहुँचा/
  लौटा … at most two words later, not followed by a light verb (उठा लिया) and not a
  passive participle (सराही गयी); no fix (the subject is what to change).
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from khabar_editor.i18n import N_
from khabar_editor.proofing.findings import Finding, finding
from khabar_editor.proofing.rules import rule

_B = r"(?<![\p{L}\p{M}])"          # start of a word
_E = r"(?![\p{L}\p{M}])"           # end of a word

PLURAL_PARTICIPLES = ("रहे", "गए", "गये", "चुके", "हुए", "हुये", "किए", "किये", "दिए",
                      "दिये", "बैठे", "पड़े", "सकते", "लगे", "पाए", "पाये")
SINGULAR_PARTICIPLES = ("रहा", "गया", "चुका", "हुआ", "किया", "दिया", "सकता", "लगा", "पाया",
                        "बैठा", "पड़ा", "करता", "होता", "जाता", "रहता", "देता", "लेता", "आता",
                        "चाहता", "लगता", "मिलता", "बनता", "चलता", "पड़ता", "रखता", "दिखता",
                        "कहता", "मानता", "जानता", "बताता")
"""Only these: many nouns end in -ता (नेता, जनता, कविता) and may stand before हैं."""
_HAI_AFTER_PLURAL = regex.compile(
    _B + r"(?:\p{Devanagari}+ते|" + "|".join(PLURAL_PARTICIPLES) + r")\s+(है)" + _E)
_HAIN_AFTER_SINGULAR = regex.compile(
    _B + r"(?:" + "|".join(SINGULAR_PARTICIPLES) + r")\s+(हैं)" + _E)
_NOT_PLURAL = frozenset({"वास्ते"})
"""-ते words that are postpositions (तुम्हारे वास्ते है)."""


@rule("grammar.hai_plural", N_("है/हैं after a plural or singular participle"),
      languages=("hi",))
def hai_plural(text: str) -> Iterator[Finding]:
    for m in _HAI_AFTER_PLURAL.finditer(text):
        if m.group().split()[0] in _NOT_PLURAL:
            continue
        yield finding(m.start(1), m.end(1), "है", "grammar.hai_plural",
                      N_("After a plural or honorific verb form write \u201cहैं\u201d"), fix="हैं")
    for m in _HAIN_AFTER_SINGULAR.finditer(text):
        yield finding(m.start(1), m.end(1), "हैं", "grammar.hai_plural",
                      N_("After a singular masculine verb form write \u201cहै\u201d"), fix="है")


SAYING = ("कहा", "बताया", "माना", "सोचा", "लिखा", "पूछा", "कहना", "मानना", "कहते", "कहती",
          "बताते", "बताती", "मानते", "मानती", "लगता", "लगा", "चाहिए", "चाहते", "चाहती")
KI_NOUNS = ("तरह", "ओर", "तरफ़", "तरफ", "वजह", "जगह", "ख़ातिर", "खातिर")
_KEE_AFTER_SAYING = regex.compile(
    _B + r"(?:" + "|".join(SAYING) + r")(?:\s+है)?\s+(की)(?=\s+[\p{Devanagari}])" + _E)
_KI_BEFORE_NOUN = regex.compile(_B + r"(कि)\s+(?:" + "|".join(KI_NOUNS) + r")" + _E)


@rule("grammar.ki_kee", N_("कि/की mixed up"), languages=("hi",))
def ki_kee(text: str) -> Iterator[Finding]:
    for m in _KEE_AFTER_SAYING.finditer(text):
        yield finding(m.start(1), m.end(1), "की", "grammar.ki_kee",
                      N_("The conjunction \u201cthat\u201d is \u201cकि\u201d"), fix="कि")
    for m in _KI_BEFORE_NOUN.finditer(text):
        before = text[:m.start()].split()
        if before and before[-1] in (*SAYING, "है", "था", "थी", "थे", "ताकि"):
            continue  # कहा कि तरह-तरह की बातें: the conjunction, rightly
        yield finding(m.start(1), m.end(1), "कि", "grammar.ki_kee",
                      N_("The postposition is \u201cकी\u201d"), fix="की")


_MAIN_AS_POSTPOSITION = regex.compile(
    _B + r"(?:बारे|तौर|इस|उस|जिस|किस|इन|उन|जिन|किन)\s+(मैं)" + _E)
_MEIN_AS_PRONOUN = regex.compile(
    r"(?:^|(?<=[\u0964\u0965?!]\s*))\s*(में)(?=\s+(?!भी|ही|से|तो)[\p{Devanagari}])" + _E
    + r"|" + _B + r"(में)(?=\s+ने" + _E + r")")


@rule("grammar.main_mein", N_("में/मैं mixed up"), languages=("hi",))
def main_mein(text: str) -> Iterator[Finding]:
    for m in _MAIN_AS_POSTPOSITION.finditer(text):
        yield finding(m.start(1), m.end(1), "मैं", "grammar.main_mein",
                      N_("The postposition \u201cin\u201d is \u201cमें\u201d"), fix="में")
    for m in _MEIN_AS_PRONOUN.finditer(text):
        group = 1 if m.group(1) else 2
        yield finding(m.start(group), m.end(group), "में", "grammar.main_mein",
                      N_("The pronoun \u201cI\u201d is \u201cमैं\u201d"), fix="मैं")


ERGATIVES = ("मैंने", "मैने", "तुमने", "तूने", "उसने", "इसने", "उन्होंने", "इन्होंने", "हमने",
             "आपने", "किसने", "जिसने", "जिन्होंने")
INTRANSITIVE_PERFECTS = (
    "गया", "गई", "गयी", "गए", "गये", "आया", "आई", "आयी", "आए", "आये", "पहुंचा", "पहुँचा",
    "पहुंची", "पहुँची", "पहुंचे", "पहुँचे", "लौटा", "लौटी", "लौटे", "सोया", "सोई", "सोए",
    "रोया", "हंसा", "हँसा", "भागा", "भागी", "भागे", "मरा", "मरी", "मरे")
LIGHT_VERBS = ("दिया", "दी", "दिए", "दिये", "लिया", "ली", "लिए", "लिये", "डाला", "डाली",
               "डाले", "पाया", "पाई", "पाए", "रखा", "रखी", "रखे", "देना", "लेना")
_STOP_WORDS = "और|कि|तो|पर|लेकिन|मगर|जब|तब|वह|वे|जो"
_NE_INTRANSITIVE = regex.compile(
    r"(?:" + _B + r"(?:" + "|".join(ERGATIVES) + r")|" + _B + r"\p{Devanagari}+\s+ने)" + _E
    + r"(?:\s+(?!(?:" + _STOP_WORDS + r")" + _E + r")[\p{Devanagari}\p{M}]+){0,2}\s+("
    + "|".join(INTRANSITIVE_PERFECTS) + r")" + _E
    + r"(?!\s+(?:" + "|".join(LIGHT_VERBS) + r")" + _E + r")")


@rule("grammar.ne_intransitive", N_("ने with an intransitive verb (उसने घर गया)"),
      languages=("hi",))
def ne_intransitive(text: str) -> Iterator[Finding]:
    """गया, आया, पहुँचा … take no ने: the subject is flagged as it is the part to change."""
    for m in _NE_INTRANSITIVE.finditer(text):
        before = text[:m.start(1)].split()
        if m.group(1).startswith("ग") and before and before[-1][-1] in "ाीेई":
            continue  # सराही गयी, किया गया: a passive participle, not जाना "go"
        yield finding(m.start(1), m.end(1), m.group(1), "grammar.ne_intransitive",
                      N_("Verbs such as \u201c{verb}\u201d take no \u201cने\u201d: "
                         "write the subject without it"), verb=m.group(1))


from khabar_editor.proofing import agreement  # noqa: E402,F401 - registers grammar.gender_agreement

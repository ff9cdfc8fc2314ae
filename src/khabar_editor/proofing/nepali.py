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

# Longest first, so that सँगै is tried before सँग and हरूले before ले.
POSTPOSITIONS = tuple(sorted({
    "को", "का", "की", "ले", "लाई", "मा", "बाट", "देखि", "सम्म", "सँग", "संग", "सँगै",
    "संगै", "भन्दा", "माथि", "मुनि", "तिर", "तर्फ", "पछि", "अघि", "बारे", "प्रति",
    "अनुसार", "स्थित", "भित्र", "बाहिर", "हरू", "हरु", "मै", "कै", "नै", "द्वारा",
    "निम्ति", "लागि", "वरिपरि", "नजिक", "माझ", "विरुद्ध", "बिना", "सहित", "समेत",
    "भर", "पर्ने", "पर्छ", "पर्यो", "सक्ने", "बमोजिम", "मध्ये", "पनि", "वटा", "ओटा",
    "मात्र", "मात्रै", "जस्तो", "जस्तै", "भरि",
}, key=len, reverse=True))
MIN_STEM = 2
MAX_LAYERS = 2


def stems(word: str, layers: int = MAX_LAYERS) -> Iterator[str]:
    """Shorter words left when one or two joined postpositions are taken off ``word``."""
    if layers <= 0:
        return
    for ending in POSTPOSITIONS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            stem = word[:-len(ending)]
            yield stem
            yield from stems(stem, layers - 1)


_VELARS = "कखगघ"


def conventions(word: str) -> Iterator[str]:
    """``word`` in the other spelling conventions in use: ँ/ं (तपाईं/तपाईँ), ङ्/ं before a
    velar (मङ्सिर/मंसिर), श/स at the start of सुरु/शुरु; ``word`` itself first."""
    yield word
    seen = {word}
    forms = [word.replace("\u0902", "\u0901"), word.replace("\u0901", "\u0902")]
    velar = word
    for v in _VELARS:
        velar = velar.replace("\u0902" + v, "\u0919\u094d" + v)
    forms.append(velar)
    plain = word
    for v in _VELARS:
        plain = plain.replace("\u0919\u094d" + v, "\u0902" + v)
    forms.append(plain)
    if word.startswith("शुरु"):
        forms.append("सुरु" + word[4:])
    for form in forms:
        if form not in seen:
            seen.add(form)
            yield form

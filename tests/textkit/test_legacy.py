"""Legacy 8-bit font text (Krutidev, DevLys, Chanakya, Preeti) → Unicode."""

from __future__ import annotations

import unicodedata

import pytest

from khabar_editor.errors import ConversionError
from khabar_editor.textkit import legacy
from khabar_editor.textkit.unicode_checks import find_do_not_use

# Font text as typed with the font's keyboard chart, and the Unicode it shows.
KRUTIDEV_PAIRS = [
    ("Hkkjr", "भारत"),
    ("fgUnh", "हिन्दी"),
    ("vkidk LokXkr gS", "आपका स्वागत है"),
    ("iz/kkuea=h", "प्रधानमंत्री"),
    ("dk;ZØe", "कार्यक्रम"),
    ('jk"Vªh;', "राष्ट्रीय"),
    ("iwoZ", "पूर्व"),
    ("ewfrZ", "मूर्ति"),
    ("fLFkr", "स्थित"),
    ("mÙkj izns'k", "उत्तर प्रदेश"),
    ("ÅtkZ", "ऊर्जा"),
    ("egkRek xka/kh", "महात्मा गांधी"),
    ("i;kZoj.k", "पर्यावरण"),
    ("vkSj", "और"),
    ("xbZ", "गई"),
]

PREETI_PAIRS = [
    ("g]kfn", "नेपाल"),
    ("sf7df8f}+", "काठमाडौं"),
    ("g]kfnL", "नेपाली"),
    ("k|b]z", "प्रदेश"),
    ("cGt/f{li6«o", "अन्तर्राष्ट्रिय"),
    (";/sf/", "सरकार"),
]


@pytest.mark.parametrize(("font_text", "expected"), KRUTIDEV_PAIRS)
def test_krutidev_known_pairs(font_text, expected):
    """Krutidev 010 words decode to the Unicode the font displays."""
    assert legacy.convert(font_text, "krutidev") == expected


@pytest.mark.parametrize(("font_text", "expected"), PREETI_PAIRS)
def test_preeti_known_pairs(font_text, expected):
    """Preeti words decode to the Unicode the font displays."""
    assert legacy.convert(font_text, "preeti") == expected


def test_devlys_shares_krutidev_layout_and_chanakya_has_own_glyphs():
    """DevLys decodes the Krutidev layout; Chanakya's full ध and digits differ."""
    assert legacy.convert("Hkkjr esa", "devlys") == "भारत में"
    assert legacy.convert("/kj", "chanakya") == "धार"
    assert legacy.convert("/kj", "krutidev") == "धर"
    assert legacy.convert("ƒ„…", "chanakya") == "१२३"


def test_short_i_moves_after_whole_cluster_and_reph_before_it():
    """ि typed before a conjunct lands after it; the reph moves before its syllable."""
    assert legacy.convert("fLFkfr", "krutidev") == "स्थिति"
    assert legacy.convert("dehZ", "krutidev") == "कर्मी"


@pytest.mark.parametrize("font", legacy.FONTS)
def test_output_is_nfc_without_do_not_use_sequences(font):
    """Every font's output is NFC and passes the proofing rules for sequences."""
    sample = "Hkkjr esa vkSj dk;ZØe fLFkfr ewfrZ g]kfn sf7df8f}+ cf]v ckf]"
    out = legacy.convert(sample, font)
    assert unicodedata.is_normalized("NFC", out)
    assert list(find_do_not_use(out)) == []
    assert "\ue000" not in out and "\ue001" not in out


def test_unknown_font_is_a_clear_bilingual_error():
    """An unknown font name raises ConversionError naming the known ones."""
    with pytest.raises(ConversionError) as info:
        legacy.convert("abc", "wingdings")
    assert "krutidev" in str(info.value)
    assert info.value.message("hi") != info.value.message("en")


@pytest.mark.parametrize(("text", "font"), [
    ("esjk Hkkjr egku gS vkSj ge lc Hkkjrh; gSa", "krutidev"),
    ("g]kfn ;/sf/ sf7df8f}+df", "preeti"),
])
def test_detect_recognises_legacy_text(text, font):
    """Legacy text is recognised and the right font family is chosen."""
    found = legacy.detect(text)
    assert found.font == font and found.is_legacy


@pytest.mark.parametrize("text", [
    "The minister said on Monday that the new policy would help farmers.",
    "Visit https://example.com or write to desk@example.org",
    "भारत में आपका स्वागत है",
    "",
])
def test_detect_leaves_english_unicode_and_empty_text_alone(text):
    """English, URLs, real Devanagari and empty text are not offered for conversion."""
    assert legacy.detect(text).font is None


def test_detect_prefers_chanakya_when_only_chanakya_has_the_glyphs():
    """Text using Chanakya's own glyphs scores higher as Chanakya than Krutidev."""
    found = legacy.detect("esjk /kj d¨ gS vkSj r¨ Hkh")
    assert found.scores["chanakya"] > found.scores["krutidev"]
    assert found.font == "chanakya"

"""Table-driven decoding of 8-bit "legacy font" Devanagari into Unicode.

Legacy fonts (Krutidev, DevLys, Chanakya, Preeti) draw Devanagari glyphs on Latin
code points, in *visual* order: the short-i sign is typed before its consonant
cluster and the reph (र् over a letter) after the syllable. Decoding is:

1. longest-match replacement through the font's table (a glyph code point or a
   short sequence of them → Unicode), with two markers: ``PRE_I`` for the short-i
   sign and ``REPH`` for the reph;
2. reordering: ``PRE_I`` moves after the consonant cluster that follows it, ``REPH``
   becomes र् before the cluster (and its vowel signs) that precedes it;
3. clean-up: half form + the vertical stroke (्ा) is the full letter, ा+े is ो and the
   other "do not use" sequences get their canonical form; the result is NFC.
"""

from __future__ import annotations

from collections.abc import Mapping

import regex

from khabar_editor.textkit.normalize import nfc
from khabar_editor.textkit.unicode_checks import fix_do_not_use

PRE_I = "\ue000"
REPH = "\ue001"

_CONSONANT = "[\u0915-\u0939\u0958-\u095f\u0978-\u097f]\u093c?"
_CLUSTER = f"{_CONSONANT}(?:\u094d{_CONSONANT})*"
_SIGNS = "[\u093e-\u094c\u0962\u0963\u0901-\u0903\u0945\u0949]*"

_PRE_I_RE = regex.compile(f"{PRE_I}({_CLUSTER})")
_REPH_RE = regex.compile(f"({_CLUSTER}{_SIGNS}){REPH}")
_HALF_PLUS_STROKE = regex.compile("\u094d\u093e")

# Sequences a legacy font builds from two glyphs that Unicode writes as one sign.
_COMPOSE = (
    ("\u0905\u093e", "\u0906"),          # अ + ा → आ
    ("\u0906\u0947", "\u0913"),          # आ + े → ओ
    ("\u0906\u0948", "\u0914"),          # आ + ै → औ
    ("\u0905\u094b", "\u0913"),          # अ + ो → ओ
    ("\u0905\u094c", "\u0914"),          # अ + ौ → औ
    ("\u0906\u0945", "\u0911"),          # आ + ॅ → ऑ
    ("\u093e\u0945", "\u0949"),          # ा + ॅ → ॉ
    ("\u090f\u0947", "\u0910"),          # ए + े → ऐ
    ("\u0907\u0930\u094d", "\u0908"),    # इ + reph-glyph → ई (Krutidev bZ)
    ("\u0902\u093e", "\u093e\u0902"),    # ं before ा → after
    ("\u0902\u0947", "\u0947\u0902"),
    ("\u0902\u0948", "\u0948\u0902"),
    ("\u0902\u0941", "\u0941\u0902"),
    ("\u0902\u0942", "\u0942\u0902"),
    ("\u0901\u093e", "\u093e\u0901"),
    ("\u0901\u0947", "\u0947\u0901"),
)


class Table:
    """A font's glyph table, compiled for longest-match replacement."""

    def __init__(self, mapping: Mapping[str, str]):
        self.mapping = dict(mapping)
        keys = sorted(self.mapping, key=len, reverse=True)
        self._pattern = regex.compile("|".join(regex.escape(k) for k in keys))
        self.codepoints = frozenset("".join(self.mapping))

    def decode(self, text: str) -> str:
        """``text`` (in this font's encoding) as NFC Unicode Devanagari."""
        out = self._pattern.sub(lambda m: self.mapping[m.group()], text)
        return finish(out)


def finish(text: str) -> str:
    """Reorder the markers, join glyph pieces, canonical sequences, NFC."""
    text = _HALF_PLUS_STROKE.sub("", text)
    for _ in range(3):  # a marker can stand next to another one
        text = _PRE_I_RE.sub(lambda m: m.group(1) + "\u093f", text)
        text = _REPH_RE.sub(lambda m: "\u0930\u094d" + m.group(1), text)
    # A short-i sign with no consonant after it, or a reph with none before: keep
    # the sign (the font would have drawn it anyway).
    text = text.replace(PRE_I, "\u093f").replace(REPH, "\u0930\u094d")
    text = _HALF_PLUS_STROKE.sub("", text)
    for old, new in _COMPOSE:
        text = text.replace(old, new)
    return nfc(fix_do_not_use(nfc(text)))

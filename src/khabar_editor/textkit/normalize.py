"""Canonical text form used everywhere: NFC, ``\\n`` line ends, no BOM.

NFC keeps the nukta letters decomposed (क़ is क + ़ after NFC because U+0958-
U+095F are composition exclusions), so every dictionary entry, text and search
key must go through the same function or nukta words go missing.
"""

from __future__ import annotations

import unicodedata

import regex

ZWJ = "\u200d"
ZWNJ = "\u200c"
BOM = "\ufeff"


# Reading a package normalizes the same long text several times (the whole article.md,
# then its body); the last few long results are remembered. Dict operations are atomic,
# so worker threads may share it.
_MEMO_MIN_CHARS = 512
_MEMO_ENTRIES = 8
_nfc_memo: dict[str, str] = {}
_safe_memo: dict[str, str] = {}


def _remember(memo: dict[str, str], text: str, result: str) -> str:
    if len(memo) >= _MEMO_ENTRIES:
        try:
            del memo[next(iter(memo))]
        except (KeyError, RuntimeError, StopIteration):
            memo.clear()
    memo[text] = result
    return result


def nfc(text: str) -> str:
    """Unicode NFC of ``text``."""
    if text.isascii():
        return text
    if len(text) < _MEMO_MIN_CHARS:
        return unicodedata.normalize("NFC", text)
    done = _nfc_memo.get(text)
    if done is None:
        done = _remember(_nfc_memo, text, unicodedata.normalize("NFC", text))
    return done


def normalize_newlines(text: str) -> str:
    """Turn ``\\r\\n`` and lone ``\\r`` into ``\\n``."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


# Unicode normalization sorts each run of combining marks with an insertion sort, so a
# hostile run of millions of marks takes hours. As in the Stream-Safe Text Format
# (UAX #15), a COMBINING GRAPHEME JOINER (U+034F) goes after every 30 marks in a row.
# Real text never comes close (a Devanagari cluster carries 1-4 marks).
MAX_MARK_RUN = 30
CGJ = "\u034f"
_MARK = r"[^\P{M}\u034f]"  # a mark other than CGJ itself
_MARK_RUN = regex.compile(r"(%s{%d})(?=%s)" % (_MARK, MAX_MARK_RUN, _MARK))


def stream_safe(text: str) -> str:
    """``text`` with a CGJ after every 30 consecutive combining marks (UAX #15)."""
    if len(text) <= MAX_MARK_RUN or text.isascii():
        return text
    if len(text) < _MEMO_MIN_CHARS:
        return _MARK_RUN.sub(lambda m: m.group(1) + CGJ, text)
    done = _safe_memo.get(text)
    if done is None:
        done = _remember(_safe_memo, text, _MARK_RUN.sub(lambda m: m.group(1) + CGJ, text))
    return done


def normalize_text(text: str) -> str:
    """The stored form of a text field: NFC, ``\\n`` newlines, no leading BOM, stream-safe."""
    if text.startswith(BOM):
        text = text[1:]
    return nfc(stream_safe(normalize_newlines(text)))


def strip_joiners(text: str) -> str:
    """``text`` without ZWJ/ZWNJ (for dictionary lookups and search keys)."""
    return text.replace(ZWJ, "").replace(ZWNJ, "")


NUKTA = "\u093c"


def strip_nukta(text: str) -> str:
    """``text`` with every nukta removed (NFC first, so precomposed forms go too)."""
    return nfc(text).replace(NUKTA, "")

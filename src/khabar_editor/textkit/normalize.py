"""Canonical text form used everywhere: NFC, ``\\n`` line ends, no BOM.

NFC keeps the nukta letters decomposed (क़ is क + ़ after NFC because U+0958-
U+095F are composition exclusions), so every dictionary entry, text and search
key must go through the same function or nukta words go missing.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

ZWJ = "\u200d"
ZWNJ = "\u200c"
BOM = "\ufeff"


# Reading a package normalizes the same text several times (the whole article.md, then
# the body; every field when parsed and again when cleaned). Recent results are
# remembered, each also as its own key (normalizing a result again is a look-up).
# Dict operations are atomic, so worker threads may share the memos.
_MEMO_ENTRIES = 512
_nfc_memo: dict[str, str] = {}
_safe_memo: dict[str, str] = {}


def _remember(memo: dict[str, str], text: str, result: str) -> str:
    if len(memo) >= _MEMO_ENTRIES:
        try:
            for _i in range(_MEMO_ENTRIES // 4):
                del memo[next(iter(memo))]
        except (KeyError, RuntimeError, StopIteration):
            memo.clear()
    memo[text] = result
    memo[result] = result
    return result


# One C call over a whole 100k-word text holds the GIL for 50 ms or more (NFC) and
# 20 ms (the mark-run search), so a worker thread (the autosave) would freeze the
# window as surely as running on it. Long texts are done in pieces cut after a line
# end; a newline never composes nor is a mark, so the result is the same.
_PIECE = 16384


def _by_pieces(func, text: str) -> str:
    """``func(text)``, computed piece by piece for a long text (same result)."""
    if len(text) <= 2 * _PIECE:
        return func(text)
    parts, start, end_of_text = [], 0, len(text)
    while start < end_of_text:
        cut = text.find("\n", start + _PIECE)
        cut = end_of_text if cut < 0 else cut + 1
        parts.append(func(text[start:cut]))
        start = cut
    return "".join(parts)


# Devanagari text with a nukta is never "quick-check yes" for NFC (a nukta composes
# with न, र and ळ), so CPython normalizes it the long way, about 20 times slower than
# the quick check. When the text without its nuktas is NFC and every nukta follows a
# consonant that composes with nothing (or another nukta) and precedes a character of
# class 0 or at least 7, the nuktas neither compose nor move: the text is NFC as it is.
# (Removing a character only unblocks compositions and joins neighbours, so the check
# of the stripped text covers everything else; ``tests/textkit/test_normalize_nukta.py``
# compares this with ``unicodedata`` on random mixtures of marks.)
NUKTA = "\u093c"
_INERT_BEFORE_NUKTA = frozenset(
    chr(c) for c in range(0x0915, 0x093A) if chr(c) not in "\u0928\u0929\u0930\u0931\u0933\u0934"
) | {NUKTA}


def _nfc_with_inert_nuktas(text: str) -> bool:
    """Whether ``text`` (holding a nukta) is NFC, decided without normalizing it."""
    if not unicodedata.is_normalized("NFC", text.replace(NUKTA, "")):
        return False
    combining = unicodedata.combining
    at = text.find(NUKTA)
    while at >= 0:
        if at == 0 or text[at - 1] not in _INERT_BEFORE_NUKTA:
            return False
        after = text[at + 1:at + 2]
        if after and 0 < combining(after) < 7:
            return False
        at = text.find(NUKTA, at + 1)
    return True


def _nfc_of(text: str) -> str:
    if NUKTA in text and _nfc_with_inert_nuktas(text):
        return text
    return unicodedata.normalize("NFC", text)


def nfc(text: str) -> str:
    """Unicode NFC of ``text``."""
    if text.isascii():
        return text
    done = _nfc_memo.get(text)
    if done is None:
        done = _remember(_nfc_memo, text, _by_pieces(_nfc_of, text))
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


@lru_cache(maxsize=1)
def _mark_run() -> Any:
    """The mark-run pattern (``regex`` is imported only when a text may need a cut)."""
    import regex

    return regex.compile(r"(%s{%d})(?=%s)" % (_MARK, MAX_MARK_RUN, _MARK))


def __getattr__(name: str) -> Any:
    if name == "_MARK_RUN":
        return _mark_run()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# Every combining mark is at U+0300 or above, so a text without 31 such characters in
# a row has no run to cut and is stream-safe as it is. The standard library finds that
# with a quick character-set scan, several times faster than the mark test above (real
# text: Devanagari words are a few characters, then a space or punctuation).
_MAYBE_MARK_RUN = re.compile("[^\x00-\u02ff]{%d}" % (MAX_MARK_RUN + 1))


def _mark_runs_cut(text: str) -> str:
    return _mark_run().sub(lambda m: m.group(1) + CGJ, text)


def _may_have_mark_run(text: str) -> bool:
    """Whether a word of ``text`` holds 31 characters from U+0300 on in a row (a run of
    marks has no whitespace, and real words are short: most are not even looked at)."""
    return any(_MAYBE_MARK_RUN.search(word) is not None
               for word in text.split() if len(word) > MAX_MARK_RUN)


def stream_safe(text: str) -> str:
    """``text`` with a CGJ after every 30 consecutive combining marks (UAX #15)."""
    if len(text) <= MAX_MARK_RUN or text.isascii():
        return text
    done = _safe_memo.get(text)
    if done is None:
        if not _may_have_mark_run(text):
            # A long text is often checked again (article.md when read, then when its
            # front matter is split off): remember that it needs no cut.
            return _remember(_safe_memo, text, text) if len(text) > _REMEMBER_SAFE else text
        done = _remember(_safe_memo, text, _by_pieces(_mark_runs_cut, text))
    return done


_REMEMBER_SAFE = 512


def normalize_text(text: str) -> str:
    """The stored form of a text field: NFC, ``\\n`` newlines, no leading BOM, stream-safe."""
    if text.startswith(BOM):
        text = text[1:]
    return nfc(stream_safe(normalize_newlines(text)))


def strip_joiners(text: str) -> str:
    """``text`` without ZWJ/ZWNJ (for dictionary lookups and search keys)."""
    return text.replace(ZWJ, "").replace(ZWNJ, "")


def strip_nukta(text: str) -> str:
    """``text`` with every nukta removed (NFC first, so precomposed forms go too)."""
    return nfc(text).replace(NUKTA, "")

"""Proofing rules beyond spelling: a registry of small callables.

A rule takes the text (one paragraph, or the whole document for ``scope ==
"document"``) and yields :class:`Finding` objects with offsets into that text.
Each has a stable id, a default on/off state and a one-line description.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import regex

from khabar_editor.i18n import N_
from khabar_editor.proofing.findings import Finding, finding
from khabar_editor.textkit.digits import to_devanagari_digits, to_latin_digits
from khabar_editor.textkit.unicode_checks import find_do_not_use
from khabar_editor.textkit.words import iter_words

RuleFunc = Callable[[str], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    """A proofing rule: ``id``, on by default or not, paragraph or document scope."""

    id: str
    func: RuleFunc
    default_on: bool
    scope: str
    description: str
    languages: frozenset[str] = frozenset({"hi", "ne"})
    """The languages the rule applies to (the grammar rules are Hindi only)."""


RULES: dict[str, Rule] = {}


def rule(rule_id: str, description: str, *, default_on: bool = True, scope: str = "paragraph",
         languages: Iterable[str] = ("hi", "ne")) -> Callable[[RuleFunc], RuleFunc]:
    """Register the decorated function as a rule.

    ``scope`` is ``"paragraph"``, ``"document"`` or ``"lexicon"`` (a switch for a check
    the proofreader makes itself while spell-checking, such as the dropped nukta).
    """
    def register(func: RuleFunc) -> RuleFunc:
        RULES[rule_id] = Rule(rule_id, func, default_on, scope, description,
                              frozenset(languages))
        return func
    return register


@rule("unicode.do_not_use", N_("Character sequences that look right but are wrong text"))
def do_not_use(text: str) -> Iterator[Finding]:
    for bad in find_do_not_use(text):
        yield finding(bad.start, bad.end, bad.text, "unicode.do_not_use",
                      N_("Wrong character sequence; use {replacement} instead"),
                      fix=bad.replacement, replacement=bad.replacement)


_SPACE_BEFORE_DANDA = regex.compile(r"[ \t\u00a0]+([\u0964\u0965])")
_MISSING_AFTER_DANDA = regex.compile(r"[\u0964\u0965](?=[^\s\u0964\u0965\"'”’)\]}*_])")
_MISSING_AFTER_COMMA = regex.compile(r",(?=[\p{L}])")
_DOUBLE_SPACE = regex.compile(r"(?<=\S) {2,}(?=\S)")


@rule("typo.space_before_danda", N_("Space before a danda"), languages=("hi",))
# Nepali house styles commonly write a space before the purnabiram (गरेको छ ।).
def space_before_danda(text: str) -> Iterator[Finding]:
    for m in _SPACE_BEFORE_DANDA.finditer(text):
        yield finding(m.start(), m.end(), m.group(), "typo.space_before_danda",
                      N_("No space before a danda"), fix=m.group(1))


@rule("typo.missing_space_after_danda", N_("Missing space after a danda or a comma"))
def missing_space_after(text: str) -> Iterator[Finding]:
    for pattern in (_MISSING_AFTER_DANDA, _MISSING_AFTER_COMMA):
        for m in pattern.finditer(text):
            yield finding(m.start(), m.end(), m.group(), "typo.missing_space_after_danda",
                          N_("Put a space after \u201c{mark}\u201d"), fix=m.group() + " ",
                          mark=m.group())


@rule("typo.double_space", N_("Two or more spaces between words"))
def double_space(text: str) -> Iterator[Finding]:
    for m in _DOUBLE_SPACE.finditer(text):
        yield finding(m.start(), m.end(), m.group(), "typo.double_space",
                      N_("More than one space"), fix=" ")


FUNCTION_WORDS = frozenset(
    "का की के को में से ने पर है हैं था थी थे और कि भी ही तो या एक इस उस यह वह लिए "
    "साथ बाद तक नहीं गया गई गए किया कर रहा रही रहे हो".split()
)


@rule("typo.repeated_word", N_("The same word twice in a row"))
def repeated_word(text: str) -> Iterator[Finding]:
    """Doubled function words (के के) and Latin words; Hindi reduplication (धीरे धीरे) is fine."""
    previous = None
    for token in iter_words(text):
        if (previous is not None and token.text == previous.text
                and text[previous.end:token.start].strip(" ") == ""
                and (token.text in FUNCTION_WORDS or token.text.isascii())):
            yield finding(previous.start, token.end, text[previous.start:token.end],
                          "typo.repeated_word", N_("\u201c{word}\u201d is repeated"),
                          fix=token.text, word=token.text)
        previous = token


ABBREVIATIONS = frozenset("डॉ प्रो श्री श्रीमती कु सुश्री ई रु सं पृ जि उ प्र ले मी कि ग्रा".split())
_ASCII_STOP = regex.compile(r"(?<=[\p{Devanagari}\p{M}--\p{Nd}])\.(?=[\s\"'”’)]|$)", regex.V1)
_WORD_BEFORE = regex.compile(r"[\p{L}\p{M}]+$")


@rule("typo.ascii_full_stop", N_("An ASCII full stop ending a Hindi sentence"),
      default_on=False)
def ascii_full_stop(text: str) -> Iterator[Finding]:
    for m in _ASCII_STOP.finditer(text):
        before = _WORD_BEFORE.search(text, 0, m.start())
        word = before.group() if before else ""
        if word in ABBREVIATIONS or (before and text[before.start() - 1:before.start()] == "."):
            continue
        yield finding(m.start(), m.end(), ".", "typo.ascii_full_stop",
                      N_("End a Hindi sentence with a danda (\u0964), not a full stop"), fix="\u0964")


_DEVANAGARI_NUMBER = regex.compile(r"[\u0966-\u096f]+")
_LATIN_NUMBER = regex.compile(r"(?<![\p{Latin}])[0-9]+")


DIGIT_STYLES = ("latin", "devanagari")
MIXED_DIGITS = N_("Devanagari and Latin digits mixed in one article")
OTHER_DIGITS = N_("Digits of the other script; the house style is {example}")


@rule("typo.mixed_digits", MIXED_DIGITS, scope="document")
def mixed_digits(text: str) -> Iterator[Finding]:
    """Without a house style: the minority's numbers, with no fix (a fix to "the majority"
    would differ between headline, body and dateline). See :func:`house_digits`."""
    deva = list(_DEVANAGARI_NUMBER.finditer(text))
    latin = list(_LATIN_NUMBER.finditer(text))
    if not deva or not latin:
        return
    minority = deva if len(deva) < len(latin) else latin
    for m in minority:
        yield finding(m.start(), m.end(), m.group(), "typo.mixed_digits", MIXED_DIGITS)


_NOT_SPACE = regex.compile(r"\S+")


def _in_address(text: str, i: int) -> bool:
    """Whether position ``i`` is inside a URL, an e-mail address or a file name."""
    left = max(text.rfind(" ", 0, i), text.rfind("\n", 0, i)) + 1
    m = _NOT_SPACE.match(text, left)
    run = m.group() if m else ""
    return "://" in run or "www." in run or "@" in run or regex.search(r"\.[A-Za-z]", run) is not None


def house_digits(text: str, style: str) -> Iterator[Finding]:
    """Every number not in the house ``style`` (``"latin"`` or ``"devanagari"``), fixed to
    it: the same fix in every field, whatever the field's own majority."""
    pattern, convert = ((_DEVANAGARI_NUMBER, to_latin_digits) if style == "latin"
                        else (_LATIN_NUMBER, to_devanagari_digits))
    for m in pattern.finditer(text):
        if _in_address(text, m.start()):
            continue  # https://example.com/2026/… and e-mail addresses are never changed
        yield finding(m.start(), m.end(), m.group(), "typo.mixed_digits", OTHER_DIGITS,
                      fix=convert(m.group()), example=convert("0123"))


_OPENERS = {"(": ")", "[": "]", "{": "}", "\u201c": "\u201d", "\u2018": "\u2019"}
_CLOSERS = {v: k for k, v in _OPENERS.items()}
_BRACKETS = regex.compile("[" + regex.escape('"' + "".join(_OPENERS) + "".join(_CLOSERS)) + "]")


@rule("typo.unbalanced", N_("Unbalanced quotes and brackets"))
def unbalanced(text: str) -> Iterator[Finding]:
    stack: list[tuple[str, int]] = []
    straight: list[int] = []
    for m in _BRACKETS.finditer(text):  # only the marks, not every character
        i, ch = m.start(), m.group()
        if ch == '"':
            straight.append(i)
        elif ch in _OPENERS:
            stack.append((ch, i))
        elif ch in _CLOSERS:
            if ch == "\u2019" and i > 0 and text[i - 1].isalpha() and not any(
                    o == "\u2018" for o, _ in stack):
                continue  # an apostrophe, not a closing quote
            if stack and stack[-1][0] == _CLOSERS[ch]:
                stack.pop()
            else:
                yield _unbalanced(i, ch)
    for ch, i in stack:
        yield _unbalanced(i, ch)
    if len(straight) % 2:
        yield _unbalanced(straight[-1], '"')


def _unbalanced(i: int, ch: str) -> Finding:
    return finding(i, i + 1, ch, "typo.unbalanced", N_("\u201c{mark}\u201d has no partner"),
                   mark=ch)


@rule("spelling.nukta", N_("A dropped nukta where the nukta form is standard (house style)"),
      scope="lexicon", languages=("hi",))
def _nukta_switch(_text: str) -> Iterator[Finding]:
    """The check itself is made by the proofreader (it needs the lexicon)."""
    return iter(())


def default_enabled() -> set[str]:
    """Ids of the rules that are on unless the user switched them off."""
    return {r.id for r in RULES.values() if r.default_on}

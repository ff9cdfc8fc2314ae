"""The public proofing API: :class:`Proofreader`.

Spelling: a word is right when its lookup key (NFC, no ZWJ/ZWNJ) is in the
ignore list, the personal dictionary, the newsroom list, the shipped lexicon,
or Hunspell accepts it. Only Devanagari words are checked. Paragraph results
are cached by text, so re-checking a document after a keystroke only does the
paragraph that changed.
"""

from __future__ import annotations

import logging
import os
import time
from collections import OrderedDict
from collections.abc import Iterable
from pathlib import Path

from khabar_editor.errors import ProofingError
from khabar_editor.i18n import N_
from khabar_editor.proofing import consistency  # noqa: F401 - registers its rule
from khabar_editor.proofing import context  # noqa: F401 - registers the grammar rules
from khabar_editor.proofing import nepali
from khabar_editor.proofing.engine import HunspellStatus, open_hunspell
from khabar_editor.proofing.errormodel import candidates, cheap_edits, rank
from khabar_editor.proofing.findings import SPELLING, Finding
from khabar_editor.proofing.inflect import variants
from khabar_editor.proofing.lexicon import (LEXICON_FILES, default_personal_path,
                                            hunspell_words, load_lexicon, lookup_key,
                                            nukta_words,
                                            read_word_file, write_word_file)
from khabar_editor.proofing.rules import (ABBREVIATIONS, DIGIT_STYLES, RULES, default_enabled,
                                          house_digits)
from khabar_editor.textkit.unicode_checks import fix_do_not_use
from khabar_editor.textkit.words import iter_devanagari_words

import regex

log = logging.getLogger(__name__)

UNKNOWN_WORD = N_("\u201c{word}\u201d is not in the dictionary")
DROPPED_NUKTA = N_("House style writes \u201c{word}\u201d with a nukta")
NUKTA = "\u093c"
NUKTA_LETTERS = "कखगजफ"
COMPOUND_SUFFIXES = ("पूर्ण", "पूर्वक", "स्वरूप", "कारी", "वासी", "शील", "वादी", "वाद", "गत",
                     "घर", "दण्ड", "दंड", "मुक्त", "कालीन", "ीय", "ओं", "ओँ", "एँ", "एं")
PLURAL_AFTER_AA = frozenset({"ओं", "ओँ", "एँ", "एं"})
COMPOUND_STEM_SCORE = 300
"""A stem must be this frequent (Zipf x 100): a rare or unknown stem is more likely a slip."""
REPEATED_UNKNOWN = 2
"""An unknown word used this often in one article, with no known word close to it
(not even one edit away), is taken to be a name and not flagged by :meth:`check_text`."""
NEIGHBOUR_SCORE = 450
"""Hindi: a known word close to a repeated unknown word makes it a likely slip when it is
this common (Zipf x 100), curated (hi_IN.dic) or the user's own ..."""
NEIGHBOUR_SLIP_COST = 0.7
"""... or, whatever its frequency, when the edit between them is a classic slip of at most
this cost (ि/ी, nukta, halant, ं/ँ, श/ष/स, ण/न: errormodel costs). A rare word one letter
or ा away (मेलिसा beside मेलिस, लामा beside लामार) does not block a repeated name. Chosen
on hi dev: false flags 2.74 -> 2.58 %; an identical slip used twice in one article is still
flagged in 84.1 % of cases (86.1 % before, 64-69 % if rare neighbours never blocked)."""
PARAGRAPH_CACHE_SIZE = 4096
WINDOW_CACHE_SIZE = 16384
MAX_SUGGESTIONS = 8
LONG_PARAGRAPH = 1500
"""Paragraphs longer than this (code points) are checked piece by piece, each piece
cached, so a keystroke in a very long paragraph re-checks only the sentences around it."""
PIECE_CHARS = 240
CONTEXT_CHARS = 48
"""Each piece is checked with this much text either side (rules look a word or two
around a match); only findings that start inside the piece are kept."""
WHOLE_PARAGRAPH_RULES = frozenset({"typo.unbalanced"})
"""Rules that need the whole paragraph at once (quotes may span sentences)."""
_PIECE_END = regex.compile(r"[\u0964\u0965.?!]+[\s]+")


class Proofreader:
    """Spell check and proofing rules for one language.

    Args:
        language: ``"hi"`` or ``"ne"``.
        personal: the personal dictionary file (default: in the user data folder).
        newsroom_words: names and places the correspondent added (``Package.wordlist``).
        disabled_rules: rule ids switched off (on top of those off by default).
        use_hunspell: ``False`` to check with the lexicon alone.
        form_list: let Hunspell's expanded form list load in a long batch (the CLI).
        digits: the house digits (``"latin"`` or ``"devanagari"``): every number in the
            other script is flagged with a fix, in every field alike. ``None``: numbers
            of the minority script are flagged without a fix.
    """

    def __init__(self, language: str = "hi", *, personal: str | os.PathLike[str] | None = None,
                 newsroom_words: Iterable[str] = (), disabled_rules: Iterable[str] = (),
                 use_hunspell: bool = True, digits: str | None = None,
                 form_list: bool = False) -> None:
        self.language = language
        self.digits = digits if digits in DIGIT_STYLES else None
        self.personal_path = Path(personal) if personal is not None else default_personal_path()
        self._lexicon = load_lexicon(language)
        # The generated Hindi lexicon already holds every hi_IN.dic word (minus known
        # misspellings such as सडक), so Hunspell only checks languages without one.
        self._hunspell_checks = language not in LEXICON_FILES
        # form_list: the batch CLI's fast path (see open_hunspell); never in the editor,
        # where loading it would stall the GUI thread and add ~150 MiB.
        self._hunspell, self.status = (open_hunspell(language, form_list) if use_hunspell
                                       else (None, HunspellStatus(False, "", language)))
        try:
            self._personal = read_word_file(self.personal_path)
        except ProofingError:  # spell check still works; adding words will report why not
            log.warning("Personal dictionary %s unreadable", self.personal_path, exc_info=True)
            self._personal = []
        self._newsroom: list[str] = []
        self._ignored: set[str] = set()
        self._extra: set[str] = set()
        self._enabled = {r for r in default_enabled() - set(disabled_rules)
                         if language in RULES[r].languages}
        self._known: dict[str, bool] = {}
        self._nukta: dict[str, str] = {}
        self._neighbours: dict[str, bool] = {}
        self._suggestions: dict[str, list[str]] = {}
        self._paragraphs: OrderedDict[str, tuple[Finding, ...]] = OrderedDict()
        self._windows: OrderedDict[tuple[str, int, int], tuple[Finding, ...]] = OrderedDict()
        self.words_checked = 0
        """Words looked at by the spelling check so far (a measure of the work done)."""
        for word in self._personal:
            self._accept(word)
        self.add_newsroom_words(newsroom_words)

    # -- words -------------------------------------------------------------------
    def _accept(self, word: str) -> None:
        self._extra.update(variants(lookup_key(word)))
        self._forget_results()

    def _forget_results(self) -> None:
        self._known.clear()
        self._nukta.clear()
        self._neighbours.clear()
        self._paragraphs.clear()
        self._windows.clear()

    def is_correct(self, word: str) -> bool:
        """Whether ``word`` is spelled right (non-Devanagari words always are)."""
        key = lookup_key(word)
        known = self._known.get(key)
        if known is None:
            known = (self._accepts(key) or key in self._ignored or self._compound(key)
                     or not any("\u0900" <= ch <= "\u097f" for ch in key)
                     or (self.language == "ne" and any(
                         self._accepts(form) or any(self._accepts(s) for s in nepali.stems(form))
                         for form in nepali.conventions(key)))
                     or (self.language == "ne" and self._nepali_grammar(key)))
            self._known[key] = known
        return known

    def _nepali_grammar(self, key: str) -> bool:
        """Nepali: a verb form whose infinitive is known (गर्छ, गरिरहेको, गर्नुभयो, खायौं),
        an emphatic -ै form of a known word (राम्रै, पत्तै) whose -े form is no word, or a
        shared Sanskrit word (below); any may carry joined postpositions (गरिरहेकोमा)."""
        if key in nepali.POSTPOSITIONS and len(key) >= 3:
            return True  # a postposition written on its own (वरिपरि, बमोजिम)
        for form in (key, *nepali.stems(key)):
            for parts in nepali.verb_analyses(form):
                if all(self._accepts(p) for p in parts):
                    return True
            if form.endswith("\u0948") and not self._accepts(form[:-1] + "\u0947"):
                if any(self._accepts(b) for b in nepali.emphatic_bases(form)):
                    return True
            if self._shared_with_hindi(form):
                return True
        return False

    def _shared_with_hindi(self, key: str) -> bool:
        """Nepali: a word of the curated Hindi list (hi_IN.dic) of four letters or more —
        the Sanskrit vocabulary both languages share (संसार, सम्भव, उन्नति), which ne_NP
        lacks — provided no Nepali word is one confusable edit from it (a slip of a Nepali
        word is never accepted this way)."""
        if len(key) < 4 or key not in hunspell_words("hi"):
            return False
        return not any(self._accepts(edit) for edit, _cost in cheap_edits(key))

    def _compound(self, key: str) -> bool:
        """Hindi: a frequent known word with a productive second element or suffix from a
        closed list (शांतिपूर्ण, उदाहरणस्वरूप, मछलीघर, महानगरीय) or an -ा noun with the
        plural -ओं/-एँ (प्रार्थनाओं, व्याख्याएँ)."""
        if self.language != "hi":
            return False
        for suffix in COMPOUND_SUFFIXES:
            if key.endswith(suffix) and len(key) - len(suffix) >= 3:
                stem = key[:-len(suffix)]
                if suffix in PLURAL_AFTER_AA and not stem.endswith("\u093e"):
                    continue
                if self._lexicon.get(stem, 0) >= COMPOUND_STEM_SCORE:
                    return True
        return False

    def _accepts(self, key: str) -> bool:
        return (key in self._lexicon or key in self._extra
                or (self._hunspell_checks and self._hunspell is not None
                    and self._hunspell.check(key)))

    def suggest(self, word: str) -> list[str]:
        """Replacements for ``word``, best first: error model and frequency."""
        key = lookup_key(word)
        cached = self._suggestions.get(key)
        if cached is not None:
            return cached
        canonical = fix_do_not_use(key)
        # Strings two confusable edits away (~5,000) are looked up in the word lists only;
        # Hunspell's affix rules (Nepali) are asked for the ~100 one edit away.
        vocab = (self._lexicon.keys(), self._extra)
        found = candidates(canonical, self._is_known_word, vocab=vocab)
        if canonical != key:
            # Two signs in a row may also be one sign too many (जायसवाै for जायसवाल).
            for cand, cost in candidates(key, self._is_known_word, vocab=vocab).items():
                found[cand] = min(cost, found.get(cand, cost))
            if self._is_known_word(canonical):
                found[canonical] = 0.0  # the word with its "do not use" sequence fixed
        if self.language == "ne":  # कृ/क्रि: two edits for the general model
            for cand, cost in nepali.respellings(key):
                if cost < found.get(cand, 99.0) and self._is_known_word(cand):
                    found[cand] = cost
        ranked = rank(found, self._frequency, MAX_SUGGESTIONS)
        # Hunspell's own suggestions (10-200 ms a word) are not asked: on real text they
        # added no right word to the Hindi top 5 and 0.1 point to the Nepali one
        # (bench_proofing_real), at four times the p95 latency.
        self._suggestions[key] = ranked = ranked[:MAX_SUGGESTIONS]
        return ranked

    def _in_word_lists(self, key: str) -> bool:
        return key in self._lexicon or key in self._extra

    def _is_known_word(self, key: str) -> bool:
        # Without a generated lexicon (Nepali) inflected candidates need Hunspell's
        # affix rules and the joined postpositions; only the cheap (confusable)
        # edits are asked, the ~2,000 plain edits use the word lists alone.
        return self._in_word_lists(key) or (self._hunspell_checks and self._accepts_form(key))

    def _accepts_form(self, key: str) -> bool:
        return self._accepts(key) or (self.language == "ne" and (any(
            self._accepts(stem) for stem in nepali.stems(key)) or self._nepali_grammar(key)))

    def _frequency(self, key: str) -> int:
        return self._lexicon.get(key, 300 if key in self._extra else 0)

    def add_word(self, word: str, to: str = "personal") -> None:
        """Accept ``word`` from now on: in the personal dictionary (saved) or the newsroom list.

        Raises:
            ProofingError: ``proofing.personal_write`` if the personal dictionary could
                not be written; the word is then not added (file and memory unchanged).
        """
        word = lookup_key(word.strip())
        if not word:
            return
        if to == "newsroom":
            self.add_newsroom_words([word])
            return
        if to != "personal":
            raise ValueError(f"unknown word list {to!r}")
        if word not in self._personal:
            try:
                write_word_file(self.personal_path, [*self._personal, word],
                                "Khabar Editor personal words")
            except OSError as exc:  # full disk, no permission: the file keeps its old words
                raise ProofingError(N_("Could not save the personal dictionary '{path}': "
                                       "{reason}. The word was not added."),
                                    code="proofing.personal_write", path=str(self.personal_path),
                                    reason=exc.strerror or str(exc)) from None
            self._personal.append(word)
        self._accept(word)

    def add_newsroom_words(self, words: Iterable[str]) -> None:
        """Add names, places and organisations to the newsroom list (travels in the package)."""
        for word in words:
            word = lookup_key(word.strip())
            if word and word not in self._newsroom:
                self._newsroom.append(word)
                self._accept(word)

    @property
    def newsroom_words(self) -> list[str]:
        """The newsroom list, to save in ``Package.wordlist``."""
        return list(self._newsroom)

    @property
    def personal_words(self) -> list[str]:
        """The personal dictionary's words."""
        return list(self._personal)

    def import_newsroom(self, path: str | os.PathLike[str]) -> int:
        """Add the words of a word file to the newsroom list; returns how many were new."""
        before = len(self._newsroom)
        self.add_newsroom_words(read_word_file(path))
        return len(self._newsroom) - before

    def export_newsroom(self, path: str | os.PathLike[str]) -> None:
        """Write the newsroom list as a word file."""
        write_word_file(path, self._newsroom, "Khabar Editor newsroom words")

    def ignore_all(self, word: str) -> None:
        """Accept ``word`` for this session only (not saved)."""
        self._ignored.update(variants(lookup_key(word)))
        self._forget_results()

    # -- rules -------------------------------------------------------------------
    @property
    def enabled_rules(self) -> set[str]:
        """Ids of the rules that run."""
        return set(self._enabled)

    def set_rule_enabled(self, rule_id: str, enabled: bool) -> None:
        """Switch one rule on or off."""
        if rule_id not in RULES:
            raise KeyError(rule_id)
        (self._enabled.add if enabled else self._enabled.discard)(rule_id)
        self._paragraphs.clear()
        self._windows.clear()

    # -- checking ----------------------------------------------------------------
    def check_paragraph(self, text: str) -> list[Finding]:
        """Findings in one paragraph (offsets into ``text``), from the cache when unchanged."""
        result = self._check_paragraph(text, None)
        assert result is not None
        return result

    def prepare_paragraph(self, text: str, deadline: float) -> bool:
        """Check ``text`` into the caches until ``time.perf_counter()`` passes ``deadline``.

        Returns whether the paragraph is fully checked (then :meth:`check_paragraph`
        is a cache hit). Lets a caller spread the first check of a very long
        paragraph over several short steps.
        """
        return self._check_paragraph(text, deadline) is not None

    def _check_paragraph(self, text: str, deadline: float | None) -> list[Finding] | None:
        cached = self._paragraphs.get(text)
        if cached is not None:
            self._paragraphs.move_to_end(text)
            return list(cached)
        if len(text) > LONG_PARAGRAPH:
            found = self._check_pieces(text, deadline)
            if found is None:
                return None
        else:
            found = self._check_local(text)
        for rule_id in self._enabled & WHOLE_PARAGRAPH_RULES:
            rule = RULES[rule_id]
            if rule.scope == "paragraph":
                found.extend(rule.func(text))
        result = tuple(sorted(found, key=lambda f: (f.start, f.end, f.kind)))
        self._paragraphs[text] = result
        if len(self._paragraphs) > PARAGRAPH_CACHE_SIZE:
            self._paragraphs.popitem(last=False)
        return list(result)

    def _check_local(self, text: str) -> list[Finding]:
        """Spelling and the rules that look only a word or two around a match."""
        found = self._spelling(text)
        for rule_id in self._enabled - WHOLE_PARAGRAPH_RULES:
            rule = RULES[rule_id]
            if rule.scope == "paragraph":
                found.extend(rule.func(text))
        return found

    def _check_pieces(self, text: str, deadline: float | None) -> list[Finding] | None:
        """Local findings of a long paragraph, piece by piece (each piece cached)."""
        found: list[Finding] = []
        n = len(text)
        start = 0
        while start < n:
            end = _piece_end(text, start)
            lo, hi = max(0, start - CONTEXT_CHARS), min(n, end + CONTEXT_CHARS)
            key = (text[lo:hi], start - lo, end - lo)
            cached = self._windows.get(key)
            if cached is None:
                if deadline is not None and time.perf_counter() > deadline:
                    return None
                own_start, own_end = key[1], key[2]
                cached = tuple(f.shifted(-own_start) for f in self._check_local(key[0])
                               if own_start <= f.start < own_end)
                self._windows[key] = cached
                if len(self._windows) > WINDOW_CACHE_SIZE:
                    self._windows.popitem(last=False)
            else:
                self._windows.move_to_end(key)
            found.extend(f.shifted(start) for f in cached)
            start = end
        return found

    def _spelling(self, text: str) -> list[Finding]:
        found: list[Finding] = []
        nukta = "spelling.nukta" in self._enabled
        for token in iter_devanagari_words(text):
            self.words_checked += 1
            if not self.is_correct(token.text):
                if text.startswith(".", token.end) and token.text in ABBREVIATIONS:
                    continue
                word = token.text
                found.append(Finding(token.start, token.end, word, SPELLING, UNKNOWN_WORD,
                                     (("word", word),),
                                     suggest_fn=lambda w=word: self.suggest(w)))
            elif nukta:
                standard = self.nukta_form(token.text)
                if standard is not None:
                    found.append(Finding(token.start, token.end, token.text, "spelling.nukta",
                                         DROPPED_NUKTA, (("word", standard),), standard,
                                         (standard,)))
        return found

    def nukta_form(self, word: str) -> str | None:
        """The shipped lexicon's nukta spelling of ``word`` when ``word`` drops that nukta
        (जिला → ज़िला), else ``None``. Words the user added are left alone."""
        key = lookup_key(word)
        cached = self._nukta.get(key)
        if cached is not None:
            return cached or None
        result = ""
        if (key not in self._extra and key not in self._ignored
                and any(ch in NUKTA_LETTERS for ch in key)):
            forms = [""]
            for i, ch in enumerate(key):
                nxt = key[i + 1:i + 2]
                if ch in NUKTA_LETTERS and nxt != NUKTA:
                    forms = [f + ch for f in forms] + [f + ch + NUKTA for f in forms]
                    if len(forms) > 16:
                        break
                else:
                    forms = [f + ch for f in forms]
            else:
                standard = nukta_words(self.language)
                known = [f for f in forms if f != key and f in standard]
                if known:
                    result = max(known, key=lambda f: (f.count(NUKTA), self._lexicon.get(f, 0)))
        self._nukta[key] = result
        return result or None

    def check_text(self, text: str) -> list[Finding]:
        """Findings in a whole document, paragraph by paragraph plus document-wide rules."""
        found: list[Finding] = []
        offset = 0
        for line in text.split("\n"):
            if line.strip():
                found.extend(f.shifted(offset) for f in self.check_paragraph(line))
            offset += len(line) + 1
        for rule_id in self._enabled:
            rule = RULES[rule_id]
            if rule.scope == "document":
                if rule_id == "typo.mixed_digits" and self.digits is not None:
                    found.extend(house_digits(text, self.digits))
                else:
                    found.extend(rule.func(text))
        found = self._accept_repeated_names(found)
        return sorted(found, key=lambda f: (f.start, f.end, f.kind))

    def _accept_repeated_names(self, found: list[Finding]) -> list[Finding]:
        """Drop the spelling findings of an unknown word used ``REPEATED_UNKNOWN`` times or
        more in this text that has no known word within one edit (a name, not a slip).
        Nepali counts a name with its joined postpositions as one (ट्रम्प, ट्रम्पले, ट्रम्पलाई)."""
        stem = nepali.name_stem if self.language == "ne" else (lambda key: key)
        counts: dict[str, int] = {}
        for f in found:
            if f.kind == SPELLING:
                key = stem(lookup_key(f.text))
                counts[key] = counts.get(key, 0) + 1
        names = {w for w, n in counts.items() if n >= REPEATED_UNKNOWN and not self._has_neighbour(w)}
        if not names:
            return found
        return [f for f in found if not (f.kind == SPELLING and stem(lookup_key(f.text)) in names)]

    def _has_neighbour(self, key: str) -> bool:
        cached = self._neighbours.get(key)
        if cached is None:
            # One confusable edit (ि/ी, nukta, श/ष/स …) or one letter left out: the cheap
            # part of the error model (~0.1 ms), not the ~2,000 plain edits.
            word = fix_do_not_use(key)
            cached = any(self._blocks_name(cand, cost) for cand, cost in cheap_edits(word)) or any(
                self._blocks_name(word[:i] + word[i + 1:], 1.0) for i in range(len(word)))
            self._neighbours[key] = cached
        return cached

    def _blocks_name(self, cand: str, cost: float) -> bool:
        """Whether the known word ``cand``, ``cost`` away from a repeated unknown word, makes
        that word a likely slip rather than a name (see ``NEIGHBOUR_SCORE``). Other
        languages: any known word does."""
        if not self._in_word_lists(cand):
            return False
        if self.language != "hi" or cand in self._extra or cost <= NEIGHBOUR_SLIP_COST:
            return True
        return self._lexicon.get(cand, 0) >= NEIGHBOUR_SCORE or cand in hunspell_words("hi")


def _piece_end(text: str, start: int) -> int:
    """Where the piece starting at ``start`` ends: after a sentence end and its spaces,
    once the piece holds at least ``PIECE_CHARS`` (else the end of the text)."""
    m = _PIECE_END.search(text, start + PIECE_CHARS)
    return m.end() if m else len(text)

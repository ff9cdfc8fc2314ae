"""Markdown highlighting plus proofing underlines, one highlighter per document.

The highlighter paints; it never decides what is wrong. Proofing findings come
from a provider callable (``paragraph text -> [(start, end, kind)]`` in code
points) set with :meth:`MarkdownHighlighter.set_findings_provider`. Every
underline is widened to whole grapheme clusters first: a format that starts or
ends inside a cluster breaks Devanagari shaping (detached vowel signs, dotted
circles).
"""

from __future__ import annotations

import logging
import re
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from khabar_editor.ui.textpos import cp_to_utf16, snap_to_graphemes

log = logging.getLogger(__name__)

Span = tuple[int, int, str]
FindingsProvider = Callable[[str], Iterable[Any]]

_HEADING = re.compile(r"^#{1,6}\s.*$")
_QUOTE = re.compile(r"^\s*>.*$")
_LIST = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s")
_TABLE = re.compile(r"^\s*\|.*$")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPH = re.compile(r"(?<![*_])([*_])(?=\S)([^*_]+?)(?<=\S)\1(?![*_])")
_LINK = re.compile(r"!?\[[^\]\n]*\]\([^)\n]*\)")
_CACHE_SIZE = 2000

UNDERLINE_COLOURS = {"spelling": "#d01c1c", "typography": "#1f6fd1", "typo": "#1f6fd1",
                     "consistency": "#b05f00"}


def _fmt(colour: str, *, bold: bool = False, italic: bool = False) -> QTextCharFormat:
    f = QTextCharFormat()
    f.setForeground(QColor(colour))
    if bold:
        f.setFontWeight(QFont.Weight.Bold)
    if italic:
        f.setFontItalic(True)
    return f


def _as_span(item: Any) -> Span | None:
    """Accept ``(start, end, kind)`` tuples or objects with ``.start/.end/.kind``."""
    try:
        if isinstance(item, tuple):
            start, end, kind = item[0], item[1], item[2] if len(item) > 2 else "spelling"
        else:
            start, end = item.start, item.end
            kind = getattr(item, "kind", "spelling")
        kind = getattr(kind, "value", kind)
        return int(start), int(end), str(kind)
    except (AttributeError, TypeError, ValueError, IndexError):
        return None


class MarkdownHighlighter(QSyntaxHighlighter):
    """Light Markdown colouring and wavy proofing underlines on whole clusters."""

    def __init__(self, document: QTextDocument, dark: bool = False) -> None:
        super().__init__(document)
        self._provider: FindingsProvider | None = None
        self._cache: OrderedDict[str, list[Span]] = OrderedDict()
        self.repainting = False  # True while a repaint we asked for runs (not an edit)
        self.set_dark(dark, rehighlight=False)

    def set_dark(self, dark: bool, rehighlight: bool = True) -> None:
        """Pick colours that read well on a light or a dark background."""
        c = ("#79b8ff", "#a0a0a0", "#e3a857", "#c792ea", "#9ccc65") if dark else \
            ("#1c4f9c", "#666666", "#9a5b00", "#7a3e9d", "#2e7d32")
        self._heading = _fmt(c[0], bold=True)
        self._quote = _fmt(c[1], italic=True)
        self._marker = _fmt(c[2], bold=True)
        self._link = _fmt(c[3])
        self._table = _fmt(c[4])
        if rehighlight:
            self.repaint_all()

    def set_findings_provider(self, provider: FindingsProvider | None) -> None:
        """Set (or clear, with ``None``) where proofing underlines come from."""
        self._provider = provider
        self._cache.clear()
        self.repaint_all()

    def invalidate_findings(self) -> None:
        """Forget cached findings (the word list changed) and repaint."""
        self._cache.clear()
        self.repaint_all()

    def repaint_all(self) -> None:
        """Re-highlight the whole document (flagged so it is not taken for an edit)."""
        self.repainting = True
        try:
            self.rehighlight()
        finally:
            self.repainting = False

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt override
        """Qt calls this for each changed paragraph (``text`` is the block text)."""
        self._markdown(text)
        if self._provider is not None and text.strip():
            for start, end, kind in self._findings(text):
                self._underline(text, start, end, kind)

    def _markdown(self, text: str) -> None:
        length = cp_to_utf16(text, len(text))
        for pattern, fmt in ((_HEADING, self._heading), (_QUOTE, self._quote),
                             (_TABLE, self._table)):
            if pattern.match(text):
                self.setFormat(0, length, fmt)
                return
        m = _LIST.match(text)
        if m:
            self.setFormat(0, cp_to_utf16(text, m.end()), self._marker)
        for pattern, bold in ((_STRONG, True), (_EMPH, False)):
            for m in pattern.finditer(text):
                f = QTextCharFormat()
                if bold:
                    f.setFontWeight(QFont.Weight.Bold)
                else:
                    f.setFontItalic(True)
                a, b = cp_to_utf16(text, m.start()), cp_to_utf16(text, m.end())
                self.setFormat(a, b - a, f)
        for m in _LINK.finditer(text):
            a, b = cp_to_utf16(text, m.start()), cp_to_utf16(text, m.end())
            self.setFormat(a, b - a, self._link)

    def _findings(self, text: str) -> list[Span]:
        cached = self._cache.get(text)
        if cached is not None:
            self._cache.move_to_end(text)
            return cached
        spans: list[Span] = []
        try:
            for item in self._provider(text) or ():  # type: ignore[misc]
                span = _as_span(item)
                if span and 0 <= span[0] < span[1] <= len(text):
                    spans.append(span)
        except Exception:  # a proofing bug must never break typing
            log.exception("Findings provider failed")
        self._cache[text] = spans
        if len(self._cache) > _CACHE_SIZE:
            self._cache.popitem(last=False)
        return spans

    def _underline(self, text: str, start: int, end: int, kind: str) -> None:
        start, end = snap_to_graphemes(text, start, end)
        a, b = cp_to_utf16(text, start), cp_to_utf16(text, end)
        colour = QColor(UNDERLINE_COLOURS.get(kind) or UNDERLINE_COLOURS.get(
            kind.split(".")[0], UNDERLINE_COLOURS["typography"]))
        pos = a
        while pos < b:
            base = self.format(pos)
            run_end = pos + 1
            while run_end < b and self.format(run_end) == base:
                run_end += 1
            f = QTextCharFormat(base)
            f.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            f.setUnderlineColor(colour)
            f.setProperty(QTextCharFormat.Property.UserProperty, kind)
            self.setFormat(pos, run_end - pos, f)
            pos = run_end

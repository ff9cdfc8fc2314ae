"""Underlines for proofing findings in a QTextDocument block.

Two rules keep Devanagari readable: a format range always covers whole
grapheme clusters (a range that starts or ends inside क्षि splits the cluster
and breaks shaping), and positions are converted from Python code points to
Qt's UTF-16 units (they differ after any character outside the BMP, e.g. 🙏).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import regex
from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextDocument, QTextLayout

from khabar_editor.proofing import SPELLING, Finding

SPELLING_COLOUR = QColor(220, 30, 30)
PROOFING_COLOUR = QColor(30, 90, 220)
_CLUSTER = regex.compile(r"\X")


def utf16_positions(text: str) -> list[int]:
    """``result[i]`` is the UTF-16 position of code point ``i`` (``len(text) + 1`` entries)."""
    positions = [0]
    pos = 0
    for ch in text:
        pos += 2 if ord(ch) > 0xFFFF else 1
        positions.append(pos)
    return positions


def cluster_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` widened to grapheme-cluster boundaries of ``text``."""
    start, end = max(0, start), min(len(text), max(end, start))
    new_start, new_end = start, end
    for m in _CLUSTER.finditer(text):
        if m.start() <= start < m.end():
            new_start = m.start()
        if m.start() < end <= m.end():
            new_end = m.end()
            break
    return new_start, max(new_end, new_start)


def underline_format(kind: str) -> QTextCharFormat:
    """Red wavy underline for spelling, blue for the other rules."""
    fmt = QTextCharFormat()
    if kind == SPELLING:
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
        fmt.setUnderlineColor(SPELLING_COLOUR)
    else:
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        fmt.setUnderlineColor(PROOFING_COLOUR)
    fmt.setToolTip(kind)
    return fmt


def finding_formats(text: str, findings: Iterable[Finding]) -> list[QTextLayout.FormatRange]:
    """Format ranges (UTF-16 start/length) underlining ``findings`` in the block ``text``."""
    positions = utf16_positions(text)
    ranges: list[QTextLayout.FormatRange] = []
    for f in findings:
        start, end = cluster_span(text, f.start, f.end)
        if end <= start:
            continue
        rng = QTextLayout.FormatRange()
        rng.start = positions[start]
        rng.length = positions[end] - positions[start]
        rng.format = underline_format(f.kind)
        ranges.append(rng)
    return ranges


class ProofingHighlighter(QSyntaxHighlighter):
    """Underlines findings block by block; ``check`` is e.g. ``Proofreader.check_paragraph``."""

    def __init__(self, document: QTextDocument, check: Callable[[str], list[Finding]]) -> None:
        super().__init__(document)
        self._check = check
        self.enabled = True

    def set_check(self, check: Callable[[str], list[Finding]]) -> None:
        """Use another checker (language changed, words added) and re-underline."""
        self._check = check
        self.rehighlight()

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt override
        if not self.enabled or not text.strip():
            return
        for rng in finding_formats(text, self._check(text)):
            self.setFormat(rng.start, rng.length, rng.format)


__all__ = ["ProofingHighlighter", "cluster_span", "finding_formats", "underline_format",
           "utf16_positions"]

"""Underlines for proofing findings in a QTextDocument block.

Two rules keep Devanagari readable: a format range always covers whole
grapheme clusters (a range that starts or ends inside क्षि splits the cluster
and breaks shaping), and positions are converted from Python code points to
Qt's UTF-16 units (they differ after any character outside the BMP, e.g. 🙏).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextDocument, QTextLayout

from khabar_editor.proofing import SPELLING, Finding
from khabar_editor.ui.textpos import snap_to_graphemes, utf16_positions

SPELLING_COLOUR = QColor(220, 30, 30)
PROOFING_COLOUR = QColor(30, 90, 220)


def cluster_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` clamped to ``text`` and widened to grapheme-cluster boundaries."""
    start, end = max(0, start), min(len(text), max(end, start))
    return snap_to_graphemes(text, start, end)


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

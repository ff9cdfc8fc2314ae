"""Underlines for proofing findings in the metadata fields (the body's are drawn by
:class:`khabar_editor.ui.highlighter.MarkdownHighlighter`; both take their colours
from its one table, :data:`~khabar_editor.ui.highlighter.UNDERLINE_COLOURS`).

Two rules keep Devanagari readable: a format range always covers whole
grapheme clusters (a range that starts or ends inside क्षि splits the cluster
and breaks shaping), and positions are converted from Python code points to
Qt's UTF-16 units (they differ after any character outside the BMP, e.g. 🙏).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QTextCharFormat, QTextLayout

from khabar_editor.proofing import Finding
from khabar_editor.ui.highlighter import underline_colour
from khabar_editor.ui.textpos import snap_to_graphemes, utf16_positions


def cluster_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` clamped to ``text`` and widened to grapheme-cluster boundaries."""
    start, end = max(0, start), min(len(text), max(end, start))
    return snap_to_graphemes(text, start, end)


def underline_format(kind: str) -> QTextCharFormat:
    """A wavy underline in the colour the body uses for ``kind``; the kind as tooltip."""
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
    fmt.setUnderlineColor(underline_colour(kind))
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


__all__ = ["cluster_span", "finding_formats", "underline_format", "utf16_positions"]

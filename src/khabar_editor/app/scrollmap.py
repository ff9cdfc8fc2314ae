"""Map a scroll position in the text to one in the preview by matching headings.

The editor scrolls in lines and the preview in pixels, and a photo or a table
takes far more room in the preview than in the text, so the same fraction of
the way down is often a different part of the story. Both sides give the
positions of their subheads (in order), plus their start and end; a position
between two subheads maps to the same share of the way between the matching
subheads on the other side. Qt-free.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

_ATX_HEADING = re.compile(r" {0,3}#{1,6}(?:[ \t]|$)")
_FENCE = re.compile(r" {0,3}(```|~~~)")


def heading_lines(text: str) -> list[int]:
    """Indexes of the lines of Markdown ``text`` that are ATX headings (not in code fences)."""
    found: list[int] = []
    fenced = False
    for index, line in enumerate(text.split("\n")):
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced and _ATX_HEADING.match(line):
            found.append(index)
    return found


def anchor_pairs(source: Sequence[float], target: Sequence[float], source_end: float,
                 target_end: float) -> list[tuple[float, float]]:
    """Matching (source, target) positions: the starts, the headings in order, the ends.

    Headings that would make either side go backwards are left out, so the map is
    always increasing.
    """
    pairs = [(0.0, 0.0)]
    for s, t in zip(source, target):
        if pairs[-1][0] < s < source_end and pairs[-1][1] <= t <= target_end:
            pairs.append((float(s), float(t)))
    if source_end > pairs[-1][0]:
        pairs.append((float(source_end), float(max(target_end, pairs[-1][1]))))
    return pairs


def map_position(pairs: Sequence[tuple[float, float]], value: float) -> float:
    """``value`` on the source side mapped through ``pairs`` (piecewise linear)."""
    if len(pairs) < 2:
        return pairs[0][1] if pairs else 0.0
    starts = [p[0] for p in pairs]
    i = min(max(bisect_right(starts, value) - 1, 0), len(pairs) - 2)
    (s0, t0), (s1, t1) = pairs[i], pairs[i + 1]
    share = 0.0 if s1 == s0 else min(max((value - s0) / (s1 - s0), 0.0), 1.0)
    return t0 + share * (t1 - t0)

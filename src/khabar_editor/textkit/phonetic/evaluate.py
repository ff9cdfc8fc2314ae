"""Reading Dakshina-style romanization lexicons and measuring top-k accuracy."""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from khabar_editor.textkit.normalize import nfc


def read_pairs(path: str | Path) -> list[tuple[str, str, int]]:
    """``(devanagari, roman, attestations)`` rows of a lexicon TSV."""
    rows = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 2 or not parts[0] or not parts[1]:
                continue
            count = int(parts[2]) if len(parts) > 2 and parts[2].isdigit() else 1
            rows.append((nfc(parts[0]), parts[1].lower(), count))
    return rows


@dataclass
class Score:
    """Top-1 / top-5 / top-10 shares over rows, and per-call times (ms)."""

    rows: int
    top1: float
    top5: float
    top10: float
    times_ms: list[float]

    def p95_ms(self) -> float:
        """95th percentile of the per-call times."""
        ordered = sorted(self.times_ms)
        return ordered[int(0.95 * (len(ordered) - 1))] if ordered else 0.0


def evaluate(model, rows: Iterable[tuple[str, str, int]], *, fresh: bool = True) -> Score:  # noqa: ANN001
    """Rank every row's romanization; count rows whose native word is in the top k."""
    rows = list(rows)
    hits = [0, 0, 0]
    times = []
    for native, roman, _count in rows:
        if fresh:
            model._beams.clear()  # noqa: SLF001 - measure whole words, not cached prefixes
        t = time.perf_counter()
        cands = model.candidates(roman, 10)
        times.append((time.perf_counter() - t) * 1000)
        if cands[:1] == [native]:
            hits[0] += 1
        if native in cands[:5]:
            hits[1] += 1
        if native in cands[:10]:
            hits[2] += 1
    n = max(1, len(rows))
    return Score(len(rows), hits[0] / n, hits[1] / n, hits[2] / n, times)

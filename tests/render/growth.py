"""Growth assertions: time for n against 4n in the same test, never a wall-clock limit."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

MAX_GROWTH = 6.0  # linear work grows 4x; quadratic 16x
NOISE = 0.01  # seconds of timer and scheduler noise allowed on top


def best_time(action: Callable[[], object], repeat: int = 3) -> float:
    """The shortest of ``repeat`` runs of ``action``, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        started = time.thread_time()
        action()
        best = min(best, time.thread_time() - started)
    return best


def assert_linear(run: Callable[[str], object], small: str, large: str,
                  sizes: tuple[int, int] | None = None) -> None:
    """``run(large)`` (four times the input) costs at most MAX_GROWTH times ``run(small)``.

    Measured twice before failing: a busy machine can slow one measurement, while a
    quadratic cost (16x) fails both.
    """
    n_small, n_large = sizes or (len(small), len(large))
    assert n_large >= 3.5 * n_small
    report = ""
    for _attempt in range(2):
        t_small = best_time(lambda: run(small))
        t_large = best_time(lambda: run(large))
        if t_large <= MAX_GROWTH * t_small + NOISE:
            return
        report += (f"size {n_small}: {t_small * 1000:.1f} ms, size {n_large}: "
                   f"{t_large * 1000:.1f} ms ({t_large / max(t_small, 1e-9):.1f}x); ")
    pytest.fail(report)

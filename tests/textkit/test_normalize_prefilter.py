"""stream_safe's quick pre-check (31 characters from U+0300 on in a row) never skips a cut."""

from __future__ import annotations

import random

import pytest

from khabar_editor.textkit import normalize
from khabar_editor.textkit.normalize import CGJ, MAX_MARK_RUN, stream_safe


def _long_way(text: str) -> str:
    return normalize._MARK_RUN.sub(lambda m: m.group(1) + CGJ, text)


@pytest.mark.parametrize("marks", [MAX_MARK_RUN - 1, MAX_MARK_RUN, MAX_MARK_RUN + 1,
                                   2 * MAX_MARK_RUN + 1, 5 * MAX_MARK_RUN])
@pytest.mark.parametrize("mark", ["\u0301", "\u093f", "\u093c", "\u0bcd", "\U0001d167"])
def test_runs_at_the_limit(marks: int, mark: str) -> None:
    for base in ("a", "क", " ", ""):
        text = "शब्द " + base + mark * marks + " अंत"
        assert stream_safe(text) == _long_way(text)
    assert (CGJ in stream_safe("क" + mark * marks)) == (marks > MAX_MARK_RUN)


def test_random_devanagari_and_marks_match_the_long_way() -> None:
    rng = random.Random(6)
    alphabet = ["क", "ि", "्", "ं", "़", " ", "a", "\u0301", "\u034f", "\n", "।", "\u200d"]
    for _ in range(400):
        weights = [rng.random() for _ in alphabet]
        text = "".join(rng.choices(alphabet, weights, k=rng.randrange(20, 400)))
        assert stream_safe(text) == _long_way(text)


def test_long_non_mark_runs_are_left_alone() -> None:
    text = "क" * 500 + "ि" * 10  # 510 characters above U+0300 in a row, no long mark run
    assert stream_safe(text) == text == _long_way(text)

"""``khabar check``: line and column of each finding from the table of line starts."""

from __future__ import annotations

import random

import pytest

from khabar_editor.cli import check_cmd
from khabar_editor.proofing.findings import finding


def _by_counting(text: str, offset: int) -> tuple[int, int]:
    """Line and column (1-based) the plain way: count the newlines before ``offset``."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


@pytest.mark.parametrize("text", ["", "\n", "क", "एक\nदो\n\nतीन", "\n\nक\n", "a\nb\nc\n"])
def test_every_offset_gets_the_counted_line_and_column(text):
    starts = check_cmd._line_starts(text)
    f = finding(0, 1, "x", "spelling", "m")
    for offset in range(len(text) + 1):
        item = check_cmd._to_json(starts, offset, "body", f, 5)
        assert (item["line"], item["column"]) == _by_counting(text, offset), offset


def test_long_text_random_offsets():
    rng = random.Random(7)
    text = "".join(rng.choice(["क", "ख ", "\n", "।", "\n\n"]) for _ in range(5000))
    starts = check_cmd._line_starts(text)
    assert len(starts) == text.count("\n") + 1
    f = finding(0, 1, "x", "spelling", "m")
    for offset in sorted(rng.sample(range(len(text)), 300)):
        item = check_cmd._to_json(starts, offset, "body", f, 5)
        assert (item["line"], item["column"]) == _by_counting(text, offset)


def test_findings_of_a_file_point_at_their_words(tmp_path, monkeypatch):
    monkeypatch.setattr("khabar_editor.proofing.proofreader.default_personal_path",
                        lambda: tmp_path / "personal.txt")
    from khabar_editor.proofing import Proofreader

    path = tmp_path / "a.txt"
    path.write_text("पहला वाक्य है।\n\nदूसरे में अधिकारीयों की बात।\n", encoding="utf-8")
    source = check_cmd.load_source(str(path))
    found = check_cmd.check_source(source, Proofreader("hi"), 5)
    lines = source.text.split("\n")
    assert found
    for item in found:
        line = lines[item["line"] - 1]
        start = item["column"] - 1
        assert line[start:start + len(item["text"])] == item["text"]
    assert any(item["line"] == 3 and item["text"] == "अधिकारीयों" for item in found)

"""``khabar phonetic``: Devanagari candidates for Roman words, headless."""

from __future__ import annotations

import json

from khabar_editor.cli.common import ExitCode
from khabar_editor.cli.main import main


def test_json_output_lists_candidates_best_first(capsys):
    """--json prints one {"input", "candidates"} per word, at most 10, Devanagari."""
    assert main(["phonetic", "--json", "bharat", "sarkar"]) == ExitCode.OK
    out = json.loads(capsys.readouterr().out)
    assert [item["input"] for item in out] == ["bharat", "sarkar"]
    assert out[0]["candidates"][0] == "भारत"
    assert "सरकार" in out[1]["candidates"][:3]
    assert all(1 <= len(item["candidates"]) <= 10 for item in out)


def test_urls_stay_roman_and_count_limits(capsys):
    """A URL gets no candidates; -n limits the list."""
    assert main(["phonetic", "--json", "-n", "3", "www.example.com", "hindi"]) == ExitCode.OK
    out = json.loads(capsys.readouterr().out)
    assert out[0]["candidates"] == []
    assert len(out[1]["candidates"]) == 3


def test_bad_words_are_usage_errors(capsys):
    """An empty or over-long word is refused with a clear line and exit 2."""
    assert main(["phonetic", ""]) == ExitCode.USAGE
    assert "empty" in capsys.readouterr().err
    assert main(["phonetic", "a" * 200]) == ExitCode.USAGE
    assert "longer" in capsys.readouterr().err

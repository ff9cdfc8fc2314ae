"""``khabar check``: files of every kind, JSON output, line/column, exit codes."""

from __future__ import annotations

import argparse
import io
import json
import sys

import pytest

from khabar_editor.cli import check_cmd
from khabar_editor.cli.common import ExitCode

ARTICLE = """---
headline: पटना में बाढ से हालात खराब
---
मुख्यमंत्री ने सोमवार को  प्रभावित जिलों का दौरा किया।
उन्होंने अधिकारीयों के साथ बैठक की ।
"""
CLEAN = "मुख्यमंत्री ने सोमवार को प्रभावित ज़िलों का दौरा किया।\n"  # nukta: house style


@pytest.fixture(autouse=True)
def _personal_in_tmp(tmp_path, monkeypatch):
    """Keep the user's real personal dictionary out of the tests."""
    monkeypatch.setattr("khabar_editor.proofing.proofreader.default_personal_path",
                        lambda: tmp_path / "personal.txt")


def run(files, *, json_out=True, lang=None):
    """Run the command on ``files``; return (exit code, parsed JSON or text)."""
    out = io.StringIO()
    old, sys.stdout = sys.stdout, out
    try:
        code = check_cmd.run(argparse.Namespace(files=files, json=json_out, lang=lang))
    finally:
        sys.stdout = old
    return code, (json.loads(out.getvalue()) if json_out and out.getvalue() else out.getvalue())


def test_markdown_findings_with_line_and_column(tmp_path):
    """Body and headline findings point at the right line and 1-based column of the file."""
    path = tmp_path / "a.md"
    path.write_text(ARTICLE, encoding="utf-8")
    code, data = run([str(path)])
    assert code == ExitCode.ARTICLE_ERRORS
    [entry] = data
    assert entry["file"] == str(path)
    lines = ARTICLE.split("\n")
    by_text = {f["text"]: f for f in entry["findings"]}
    for text in ("बाढ", "अधिकारीयों"):
        f = by_text[text]
        assert lines[f["line"] - 1][f["column"] - 1:].startswith(text)
    assert by_text["बाढ"]["suggestions"][0] == "बाढ़"
    assert by_text["अधिकारीयों"]["kind"] == "spelling"
    assert {f["kind"] for f in entry["findings"]} >= {"typo.double_space",
                                                       "typo.space_before_danda"}
    assert set(entry["findings"][0]) >= {"line", "column", "text", "kind", "message",
                                         "suggestions"}


def test_clean_text_file_exits_zero(tmp_path):
    """A .txt body without problems gives exit 0 and an empty findings list."""
    path = tmp_path / "a.txt"
    path.write_text(CLEAN, encoding="utf-8")
    assert run([str(path)]) == (ExitCode.OK, [{"file": str(path), "findings": []}])


def test_stdin_is_read_for_dash(monkeypatch):
    """'-' checks standard input."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode("utf-8"))))
    code, data = run(["-"])
    assert code == ExitCode.ARTICLE_ERRORS and data[0]["file"] == "-"


def test_unreadable_files_exit_three(tmp_path, capsys):
    """Missing, non-UTF-8 and broken package files give exit 3 and a clear line."""
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\xfa")
    broken = tmp_path / "broken.khabar"
    broken.write_bytes(b"not a zip")
    code, _ = run([str(tmp_path / "missing.md"), str(bad), str(broken)], json_out=False)
    assert code == ExitCode.UNREADABLE
    err = capsys.readouterr().err
    assert err.count("cannot read") == 3 and "Traceback" not in err


def test_plain_output_lists_file_line_column(tmp_path):
    """Without --json each finding is one 'file:line:col: kind: message' line."""
    path = tmp_path / "a.md"
    path.write_text(ARTICLE, encoding="utf-8")
    code, text = run([str(path)], json_out=False)
    assert code == ExitCode.ARTICLE_ERRORS
    assert f"{path}:2:20: spelling:" in text


def test_package_wordlist_is_not_flagged(tmp_path):
    """Words the correspondent added travel in the package and are accepted at the desk."""
    from khabar_editor.article.model import Article
    from khabar_editor.package import new_package, write_package

    pkg = new_package(Article(headline="बैठक", body="झुमरीतलैया में बैठक हुई।\n"))
    path = tmp_path / "a.khabar"
    write_package(path, pkg)
    code, data = run([str(path)])
    assert [f["text"] for f in data[0]["findings"]] == ["झुमरीतलैया"]
    pkg.wordlist = ["झुमरीतलैया"]
    write_package(path, pkg)
    assert run([str(path)]) == (ExitCode.OK, [{"file": str(path), "findings": []}])


def test_lang_option_switches_to_nepali(tmp_path):
    """--lang ne checks with the Nepali Hunspell dictionary (affixed forms accepted)."""
    path = tmp_path / "ne.txt"
    path.write_text("सरकारले निर्णय गर्यो।\n", encoding="utf-8")
    _code, hindi = run([str(path)], lang="hi")
    assert "सरकारले" in [f["text"] for f in hindi[0]["findings"]]
    _code, nepali = run([str(path)], lang="ne")
    assert "सरकारले" not in [f["text"] for f in nepali[0]["findings"]]


def test_register_adds_the_check_subcommand():
    """register() adds 'check' with --json and --lang; a wrong --lang is a usage error."""
    parser = argparse.ArgumentParser()
    check_cmd.register(parser.add_subparsers())
    args = parser.parse_args(["check", "--json", "--lang", "ne", "a.md", "b.khabar"])
    assert args.func is check_cmd.run and args.files == ["a.md", "b.khabar"] and args.json
    with pytest.raises(SystemExit):
        parser.parse_args(["check", "--lang", "xx", "a.md"])


def test_without_hunspell_the_check_still_runs_and_says_so(tmp_path, monkeypatch, capsys):
    """If Enchant cannot be loaded, the CLI checks with the lexicon and prints a notice."""
    from khabar_editor.proofing import proofreader as module
    from khabar_editor.proofing.engine import NO_ENCHANT, HunspellStatus

    monkeypatch.setattr(module, "open_hunspell",
                        lambda lang, *_options: (None, HunspellStatus(False, NO_ENCHANT, lang)))
    path = tmp_path / "a.txt"
    path.write_text("सरकारि बयान।\n", encoding="utf-8")
    code, data = run([str(path)])
    assert code == ExitCode.ARTICLE_ERRORS
    assert data[0]["findings"][0]["suggestions"][0] == "सरकारी"
    assert "built-in word list" in capsys.readouterr().err


def test_suggestions_option_caps_and_switches_off_suggestions(tmp_path):
    """--suggestions N gives at most N suggestions per finding; 0 gives none (fastest)."""
    path = tmp_path / "a.md"
    path.write_text(ARTICLE, encoding="utf-8")
    for limit in (0, 1, 5):
        out = io.StringIO()
        old, sys.stdout = sys.stdout, out
        try:
            check_cmd.run(argparse.Namespace(files=[str(path)], json=True, lang=None,
                                             suggestions=limit))
        finally:
            sys.stdout = old
            check_cmd._suggestion_limit = 5
        found = json.loads(out.getvalue())[0]["findings"]
        spelling = [f for f in found if f["kind"] == "spelling"]
        assert spelling and all(len(f["suggestions"]) <= limit for f in spelling)
        if limit:
            assert any(f["suggestions"] for f in spelling)

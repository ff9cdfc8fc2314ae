"""The house digits reach every Proofreader: ``khabar check --digits``, settings, export gate."""

from __future__ import annotations

import argparse
import io
import json
import sys

import pytest

from khabar_editor.cli import check_cmd
from khabar_editor.exporters import gate

ARTICLE = """---
headline: पटना में २०२६ की बाढ़
---
बैठक में 12 ज़िलों के अधिकारी आए।
"""


@pytest.fixture(autouse=True)
def _personal_in_tmp(tmp_path, monkeypatch):
    """Keep the user's real personal dictionary out of the tests."""
    monkeypatch.setattr("khabar_editor.proofing.proofreader.default_personal_path",
                        lambda: tmp_path / "personal.txt")


def _digit_findings(path, digits=None):
    out = io.StringIO()
    old, sys.stdout = sys.stdout, out
    try:
        check_cmd.run(argparse.Namespace(files=[str(path)], json=True, lang=None,
                                         digits=digits, suggestions=5, jobs=1))
    finally:
        sys.stdout = old
    found = json.loads(out.getvalue())[0]["findings"]
    return [(f["field"], f["text"], f["fix"]) for f in found if f["kind"] == "typo.mixed_digits"]


def test_check_digits_option_fixes_every_field_to_the_house_style(tmp_path):
    """--digits latin fixes the headline's २०२६; --digits devanagari the body's 12."""
    path = tmp_path / "story.md"
    path.write_text(ARTICLE, encoding="utf-8")
    assert _digit_findings(path, "latin") == [("headline", "२०२६", "2026")]
    assert _digit_findings(path, "devanagari") == [("body", "12", "१२")]


def test_check_digits_default_is_the_settings_value(tmp_path, monkeypatch):
    """Without --digits the Preferences' digit style decides."""
    from khabar_editor.settings import Settings

    path = tmp_path / "story.md"
    path.write_text(ARTICLE, encoding="utf-8")
    monkeypatch.setattr("khabar_editor.settings.load_settings",
                        lambda directory=None: Settings(digit_style="devanagari"))
    assert _digit_findings(path) == [("body", "12", "१२")]


def test_check_digits_rejects_other_values():
    """An unknown digit style is a usage error (argparse), not a traceback."""
    parser = argparse.ArgumentParser()
    check_cmd.register(parser.add_subparsers())
    with pytest.raises(SystemExit):
        parser.parse_args(["check", "--digits", "roman", "x.md"])


def test_gate_builds_its_proofreader_with_the_house_digits(monkeypatch):
    """The export gate's proofreader is made with the digits it is given."""
    made = []

    class Fake:
        def __init__(self, lang, newsroom_words=None, digits=None):
            made.append(digits)

        def check_text(self, text):
            return []

    monkeypatch.setattr("khabar_editor.proofing.Proofreader", Fake)
    monkeypatch.setattr(gate, "_proofreaders", {})
    from khabar_editor.article.model import Article

    assert gate.count_spelling_findings(Article(body="कल"), None, "devanagari") == 0
    assert made == ["devanagari"]

"""Validation returns coded problems in both languages."""

from __future__ import annotations

from datetime import date

from khabar_editor.article import Article, Byline, Dateline, Media
from khabar_editor.article.dateline import format_dateline
from khabar_editor.article.validate import validate_article
from khabar_editor.problems import Severity, has_errors


def _complete() -> Article:
    return Article(headline="शीर्षक", byline=Byline("रमेश"), dateline=Dateline("पटना", date(2026, 11, 28)),
                   category="rajneeti", body="पाठ।", summary="सार")


def test_complete_article_has_no_errors():
    """A filled-in article validates without errors."""
    assert not has_errors(validate_article(_complete()))


def test_empty_article_lists_each_missing_field():
    """Every required field missing gives its own stable code."""
    codes = {p.code for p in validate_article(Article()) if p.severity is Severity.ERROR}
    assert codes == {"headline.missing", "byline.missing", "dateline.place_missing",
                     "dateline.date_missing", "category.missing", "body.empty"}


def test_messages_exist_in_hindi_and_english():
    """Problems carry an English and a Hindi message."""
    p = next(p for p in validate_article(Article()) if p.code == "headline.missing")
    assert p.message_in("en") == "The headline is missing."
    assert p.message_in("hi") != p.message_in("en")
    assert any("\u0900" <= ch <= "\u097f" for ch in p.message_in("hi"))


def test_wrong_values_are_reported():
    """Bad slug, priority, unknown category and unsafe media paths are flagged."""
    a = _complete()
    a.slug, a.priority, a.category = "बाढ़ News", 12, "unknown-cat"
    a.media = [Media("../etc/passwd")]
    codes = {p.code for p in validate_article(a)}
    assert {"slug.invalid", "priority.range", "category.unknown", "media.path",
            "media.credit_missing"} <= codes


def test_dateline_in_house_style():
    """Place first, then date; Devanagari digits on request."""
    d = Dateline("पटना", date(2026, 11, 28))
    assert format_dateline(d) == "पटना, 28 नवंबर 2026"
    assert format_dateline(d, digits="devanagari") == "पटना, २८ नवंबर २०२६"
    assert format_dateline(d, lang="en") == "पटना, November 28, 2026"

"""Bikram Sambat datelines: known BS↔AD pairs, Nepali month names and digits, front matter."""

from __future__ import annotations

from datetime import date

import pytest

from khabar_editor.article import Article, Dateline, Language
from khabar_editor.article.dateline import (BS_MONTHS, format_bs_date, format_dateline, from_bs,
                                            to_bs)
from khabar_editor.article.frontmatter import from_markdown, to_markdown
from khabar_editor.errors import ArticleError

# Pairs checked against the Nepal government calendar: New Year (1 वैशाख) 2081 and
# 2082, 1 वैशाख 2080, and the day of this change (13 मंसिर 2083).
KNOWN = [
    (date(2024, 4, 13), (2081, 1, 1)),
    (date(2025, 4, 14), (2082, 1, 1)),
    (date(2023, 4, 14), (2080, 1, 1)),
    (date(2026, 11, 29), (2083, 8, 13)),
]


@pytest.mark.parametrize(("ad", "bs"), KNOWN)
def test_known_pairs_convert_both_ways(ad, bs):
    """AD → BS and BS → AD agree with the published calendar."""
    assert to_bs(ad) == bs
    assert from_bs(*bs) == ad


def test_outside_the_table_or_impossible_dates_give_none():
    """Dates beyond the BS table and a 40th of a month are not invented."""
    assert to_bs(date(1800, 1, 1)) is None
    assert from_bs(2083, 8, 40) is None
    assert from_bs(2300, 1, 1) is None


def test_nepali_bs_dateline_has_month_names_and_devanagari_digits():
    """काठमाडौं, १३ मंसिर २०८३ for a Nepali article with calendar bs."""
    line = Dateline(place="काठमाडौं", date=date(2026, 11, 29), calendar="bs")
    assert format_dateline(line, "ne", "latin") == "काठमाडौं, १३ मंसिर २०८३"
    assert format_bs_date(date(2024, 4, 13), "latin") == f"1 {BS_MONTHS[0]} 2081"


def test_gregorian_stays_default_and_nepali_uses_devanagari_digits():
    """Without calendar bs the Gregorian date prints; Nepali always in Devanagari digits."""
    line = Dateline(place="काठमाडौं", date=date(2026, 11, 29))
    assert line.calendar == "gregorian"
    assert format_dateline(line, "ne", "latin") == "काठमाडौं, २९ नोभेम्बर २०२६"
    assert format_dateline(line, "hi", "latin") == "काठमाडौं, 29 नवंबर 2026"


def test_bs_outside_the_table_falls_back_to_gregorian():
    """A date the BS table does not cover still prints (in Gregorian)."""
    line = Dateline(place="पटना", date=date(1900, 1, 2), calendar="bs")
    assert format_dateline(line, "hi", "latin") == "पटना, 2 जनवरी 1900"


def test_calendar_round_trips_in_front_matter_after_the_date():
    """calendar: bs is written after date, read back, and the Gregorian date is kept."""
    article = Article(headline="बैठक", language=Language.NEPALI,
                      dateline=Dateline(place="काठमाडौं", date=date(2026, 11, 29), calendar="bs"))
    text = to_markdown(article)
    block = text[text.index("dateline:"):text.index("place:\n")]
    assert block.index("2026-11-29") < block.index("calendar: bs")
    back = from_markdown(text)
    assert back.dateline.calendar == "bs" and back.dateline.date == date(2026, 11, 29)
    assert to_markdown(back) == text


def test_default_calendar_is_not_written():
    """Articles with a Gregorian dateline keep their bytes (no calendar key)."""
    text = to_markdown(Article(dateline=Dateline(place="पटना", date=date(2026, 11, 29))))
    assert "calendar" not in text
    assert from_markdown(text).dateline.calendar == "gregorian"


def test_unknown_calendar_is_a_named_error():
    """calendar: julian is refused with the field named."""
    text = to_markdown(Article(dateline=Dateline(place="पटना", date=date(2026, 11, 29),
                                                 calendar="bs")))
    with pytest.raises(ArticleError) as err:
        from_markdown(text.replace("calendar: bs", "calendar: julian"))
    assert "dateline.calendar" in str(err.value)

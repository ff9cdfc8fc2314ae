"""Front matter: deterministic, lossless, defensive."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from khabar_editor.article import Article, Byline, Dateline, Language, Media, Place, Status
from khabar_editor.article.frontmatter import FIELD_ORDER, from_markdown, to_markdown
from khabar_editor.errors import ArticleError


def _sample() -> Article:
    return Article(
        headline="बाढ़ से 12 गाँव प्रभावित, \"राहत\" शिविर खुले",
        deck="कोसी का जलस्तर ख़तरे के निशान से ऊपर",
        summary="सहरसा ज़िले में बाढ़।",
        byline=Byline("रमेश कुमार", "ज़िला संवाददाता"),
        dateline=Dateline("सहरसा", date(2026, 8, 14)),
        place=Place("सहरसा", "सहरसा", "बिहार", "भारत"),
        category="rajya",
        tags=["बाढ़", "कोसी"],
        language=Language.HINDI,
        slug="baadh-se-12-gaanv-prabhavit",
        status=Status.SUBMITTED,
        priority=3,
        embargo=datetime(2026, 8, 14, 18, 0, tzinfo=timezone.utc),
        media=[Media("media/photo-1.jpg", "राहत शिविर", "फोटो: रमेश", "शिविर में लोग")],
        body="सहरसा। कोसी नदी का जलस्तर बढ़ने से...\n\n## राहत\n\n- नावें\n- भोजन\n",
    )


def test_round_trip_is_lossless_and_byte_identical():
    """to_markdown -> from_markdown gives the same article and the same text."""
    article = _sample()
    text = to_markdown(article)
    again = from_markdown(text)
    assert again == article
    assert to_markdown(again) == text


def test_keys_appear_in_documented_order():
    """The front matter lists exactly the documented keys, in order."""
    text = to_markdown(_sample())
    keys = [line.split(":")[0] for line in text.split("---\n")[1].splitlines()
            if line and not line.startswith((" ", "-"))]
    assert tuple(keys) == FIELD_ORDER


def test_plain_text_becomes_body():
    """A file without front matter is taken as the body of a new article."""
    article = from_markdown("सिर्फ़ पाठ।\r\nदूसरी पंक्ति")
    assert article.body == "सिर्फ़ पाठ।\nदूसरी पंक्ति"
    assert article.headline == ""


@pytest.mark.parametrize("text, code", [
    ("---\nheadline: [unclosed\n---\nbody", "article.yaml"),
    ("---\n- a\n- b\n---\n", "article.front_matter_type"),
    ("---\nheadline: x\nbody without fence", "article.front_matter_unclosed"),
    ("---\nstatus: published\n---\n", "article.field"),
    ("---\npriority: high\n---\n", "article.field"),
    ("---\ncreated: yesterday\n---\n", "article.field"),
    ("---\nbyline: रमेश\n---\n", "article.field"),
    ("---\ntags: {a: 1}\n---\n", "article.field"),
])
def test_bad_front_matter_gives_named_error(text, code):
    """Each kind of bad front matter raises ArticleError with a stable code."""
    with pytest.raises(ArticleError) as info:
        from_markdown(text)
    assert info.value.code == code
    assert info.value.message("hi")


def test_billion_laughs_is_refused():
    """YAML alias bombs are refused before they expand."""
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 12):
        prev = chr(ord("a") + i - 1)
        cur = chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 9) + "]")
    with pytest.raises(ArticleError) as info:
        from_markdown("---\n" + "\n".join(lines) + "\n---\n")
    assert info.value.code == "article.yaml_aliases"


def test_naive_times_are_taken_as_utc():
    """A timestamp without zone becomes timezone-aware (UTC)."""
    article = from_markdown("---\ncreated: '2026-01-02T03:04:05'\n---\n")
    assert article.created == datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)

"""The preview's pure render function: whole article, sections rendered incrementally."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from khabar_editor.app.preview import body_html, make_job, render_preview
from khabar_editor.app.sample import sample_article
from khabar_editor.article.taxonomy import default_taxonomy
from khabar_editor.render.html import markdown_html


def test_sectioned_body_equals_whole_render_for_sample():
    """Rendering section by section gives exactly the whole-body HTML."""
    body = sample_article().body
    assert body_html(body) == markdown_html(body)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([
    "## उपशीर्षक", "सादा पाठ की पंक्ति।", "", "- सूची का बिंदु", "> उद्धरण", "1. पहला",
    "| क | ख |", "|---|---|", "| 1 | 2 |", "**मोटा** और *तिरछा*", "    कोड", "===", "---",
    "  - उप-बिंदु", "> ## उद्धरण में शीर्षक", "#बिना-जगह", "* * *", "# मुख्य"]), max_size=25))
def test_sectioned_body_matches_whole_render(lines):
    """For Markdown made of common constructs, sections render like the whole."""
    body = "\n".join(lines)
    assert body_html(body) == markdown_html(body)


def test_reference_links_fall_back_to_whole_render():
    """A reference definition after a heading still resolves a link before it."""
    body = "देखें [स्रोत][1]\n\n## आगे\n\n[1]: https://example.org/\n"
    assert 'href="https://example.org/"' in body_html(body)


def test_render_preview_has_headline_category_and_body():
    """The page carries the category label, headline, dateline and body."""
    article = sample_article()
    page = render_preview(make_job(3, article, "devanagari", default_taxonomy()))
    assert "मौसम" in page and article.headline in page
    assert "२७ नवंबर २०२६" in page and "<h2>राहत शिविरों की स्थिति</h2>" in page
    assert "KHABARPREVIEWBODYMARKER" not in page


def test_job_is_a_snapshot():
    """Later edits to the article do not change a job already made."""
    article = sample_article()
    job = make_job(1, article, "latin", None)
    article.body = "बदला"
    assert job.article.body != "बदला"

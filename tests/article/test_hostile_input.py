"""Hostile article text and taxonomy files give clear errors fast, never hang."""

from __future__ import annotations

import os

import pytest

from khabar_editor.article.frontmatter import from_markdown
from khabar_editor.article.taxonomy import load_taxonomy
from khabar_editor.errors import ArticleError
from khabar_editor.render.html import markdown_html
from khabar_editor.textkit.normalize import CGJ, normalize_text
from tests.render.growth import assert_linear


@pytest.mark.parametrize("text, code", [
    ("---\ncreated: 0000-01-01T00:00:00\n---\n", "article.yaml_value"),
    ("---\npriority: " + "9" * 5000 + "\n---\n", "article.yaml_value"),
    ("---\nembargo: 2026-01-01T00:00:00+99:00\n---\n", "article.yaml_value"),
    ("---\nheadline: \x07bell\n---\n", "article.yaml"),
])
def test_out_of_range_values_are_article_errors(text, code):
    """Values PyYAML cannot construct become ArticleError, not ValueError."""
    with pytest.raises(ArticleError) as info:
        from_markdown(text)
    assert info.value.code == code


@pytest.mark.parametrize("unit, count", [
    ("[", 5000),                                   # quadratic link parsing in Python-Markdown
    ("- x\n", 12500),                              # huge list
    ("*a", 12500),                                 # emphasis markers
])
def test_pathological_markdown_renders_linearly_as_text(unit, count):
    """Bodies Python-Markdown would chew on for minutes are escaped text, in linear time."""
    def body(n: int) -> str:
        return "शुरू\n\n" + unit * n + "\n\n**अंत**"

    assert_linear(markdown_html, body(count), body(4 * count))
    html = markdown_html(body(4 * count))
    assert "<p>शुरू</p>" in html and "<strong>अंत</strong>" in html


@pytest.mark.parametrize("depth", [1000, 3000])
def test_deep_nesting_falls_back_to_plain_paragraphs(depth):
    """Lists nested deeper than the stack allows come out as escaped text."""
    body = "".join("  " * i + "- <b>x</b>\n" for i in range(depth))
    html = markdown_html("शुरू\n\n" + body)
    assert "शुरू" in html and "<b>" not in html


def test_deep_nesting_costs_linear_time():
    """Rendering nested list items grows linearly with the size of the body (1 MB)."""
    def body(depth: int) -> str:
        return "शुरू\n\n" + "".join("  " * i + "- <b>x</b>\n" for i in range(depth))

    small, large = body(500), body(1000)  # twice the depth is four times the text
    assert_linear(markdown_html, small, large)


def test_normal_markdown_is_untouched_by_the_guard():
    """A real table of 1,000 rows is still rendered as a table."""
    table = "|बूथ|मत|\n|-|-|\n" + "".join(f"|{i}|{i * 3}|\n" for i in range(1000))
    assert markdown_html(table).count("<tr>") == 1001


def test_long_mark_runs_are_made_stream_safe():
    """200,000 nuktas in a row get a CGJ every 30 marks, in time linear in the run."""
    out = normalize_text("क" + "\u093c" * 200_000)
    assert out.count(CGJ) == 200_000 // 30 - (1 if 200_000 % 30 == 0 else 0)
    assert_linear(normalize_text, "क" + "\u093c" * 50_000, "क" + "\u093c" * 200_000)


def test_taxonomy_from_a_pipe_is_refused(tmp_path):
    """A FIFO named as the category file is refused instead of blocking forever."""
    fifo = tmp_path / "categories.yaml"
    os.mkfifo(fifo)
    with pytest.raises(ArticleError) as info:
        load_taxonomy(fifo)
    assert info.value.code == "taxonomy.not_file"


def test_images_without_a_safe_source_are_dropped_and_alt_is_always_set():
    """Remote images vanish instead of leaving broken boxes; raw <img> gets alt=""."""
    html = markdown_html('क <img src="media/a.jpg" onerror="alert(1)"> ![r](http://evil.example/x.png)')
    assert "evil" not in html and 'alt="r"' not in html
    assert '<img alt="" src="media/a.jpg">' in html
    assert "onerror" not in html

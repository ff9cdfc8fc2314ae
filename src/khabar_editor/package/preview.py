"""``preview.html``: a standalone, offline page showing the article as printed."""

from __future__ import annotations

import dataclasses
import html
import re

from khabar_editor.article.model import Article
from khabar_editor.article.taxonomy import default_taxonomy
from khabar_editor.render.html import article_html

# No scripts, no remote anything: images only from the package itself.
_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"
_STYLE = """
body { font-family: "Noto Sans Devanagari", "Mangal", "Nirmala UI", sans-serif;
       max-width: 42em; margin: 2em auto; padding: 0 1em; line-height: 1.7; color: #222; }
.category { color: #a33; font-weight: bold; margin: 0; }
.headline { font-size: 1.9em; line-height: 1.3; margin: .2em 0; }
.deck { font-size: 1.2em; color: #444; }
.byline, .dateline { color: #555; }
.dateline { font-weight: bold; }
figure { margin: 1.5em 0; } img { max-width: 100%; height: auto; }
figcaption { font-size: .9em; color: #444; } .credit { color: #777; }
""".strip()


# Python-Markdown slows down badly (minutes) on some hostile bodies: 100 000 list
# items, long runs of "*a", "[", quotes. Saving must never hang, so a body that is
# huge or unusually full of Markdown punctuation is shown as plain paragraphs.
MAX_MARKDOWN_CHARS = 1024 * 1024
MAX_MARKDOWN_MARKS = 2000
_MARKS = re.compile(r"[*_`\[\]<>&'\"]|^[ \t]*(?:[-+*]|\d+[.)])[ \t]", re.MULTILINE)
_BODY_SLOT = '<div class="body"></div>'


def renders_as_markdown(body: str) -> bool:
    """Whether ``body`` is small and plain enough to render as Markdown quickly."""
    if len(body) > MAX_MARKDOWN_CHARS:
        return False
    return sum(1 for _ in zip(range(MAX_MARKDOWN_MARKS + 1), _MARKS.finditer(body))) \
        <= MAX_MARKDOWN_MARKS


def _plain_body(body: str) -> str:
    paragraphs = (p.strip() for p in body.split("\n\n"))
    return "".join(f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphs if p)


def preview_html(article: Article) -> str:
    """The whole ``preview.html`` page; images are referenced as relative ``media/...``."""
    category = default_taxonomy().get(article.category) if article.category else None
    label = category.label(article.language.value) if category else ""
    if renders_as_markdown(article.body):
        fragment = article_html(article, category_label=label)
    else:
        fragment = article_html(dataclasses.replace(article, body=""), category_label=label)
        fragment = fragment.replace(_BODY_SLOT, f'<div class="body">{_plain_body(article.body)}'
                                                f"</div>", 1)
    lang = html.escape(article.language.value, quote=True)
    title = html.escape(article.headline or "Khabar", quote=False)
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>\n{_STYLE}\n</style>\n</head>\n<body>\n"
        f"{fragment}\n</body>\n</html>\n"
    )

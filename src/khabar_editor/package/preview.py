"""``preview.html``: a standalone, offline page showing the article as printed."""

from __future__ import annotations

import html

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


def preview_html(article: Article) -> str:
    """The whole ``preview.html`` page; images are referenced as relative ``media/...``."""
    category = default_taxonomy().get(article.category) if article.category else None
    label = category.label(article.language.value) if category else ""
    fragment = article_html(article, category_label=label)
    lang = html.escape(article.language.value, quote=True)
    title = html.escape(article.headline or "Khabar", quote=False)
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>\n{_STYLE}\n</style>\n</head>\n<body>\n"
        f"{fragment}\n</body>\n</html>\n"
    )

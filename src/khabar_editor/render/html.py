"""Render an article to sanitized HTML.

Python-Markdown does not sanitize, so every HTML string leaving this module has
been through nh3 (Ammonia): no scripts, no event handlers, no ``javascript:``
URLs, and no remote images (the preview must never touch the network; images
may only point into the package's ``media/`` folder).
"""

from __future__ import annotations

import html
from collections.abc import Callable

import markdown
import nh3

from khabar_editor.article.dateline import format_dateline
from khabar_editor.article.model import Article
from khabar_editor.textkit.digits import DigitStyle

MARKDOWN_EXTENSIONS = ("tables", "sane_lists", "smarty")

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "del", "em", "figcaption",
    "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "li", "ol", "p", "pre",
    "q", "s", "small", "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot",
    "th", "thead", "tr", "u", "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan", "scope"},
    "ol": {"start"},
    "abbr": {"title"},
}
LINK_SCHEMES = {"http", "https", "mailto"}


def _filter_attribute(element: str, attribute: str, value: str) -> str | None:
    # Images may only be package-relative: no scheme, no absolute path, no "..".
    if element == "img" and attribute == "src":
        if ":" in value.split("/")[0] or value.startswith(("/", "\\")) or ".." in value.split("/"):
            return None
    return value


def sanitize_html(fragment: str) -> str:
    """``fragment`` with everything outside a small safe HTML subset removed."""
    return nh3.clean(
        fragment,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=LINK_SCHEMES,
        attribute_filter=_filter_attribute,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def markdown_html(text: str) -> str:
    """The Markdown ``text`` as sanitized HTML (a fresh converter per call: thread-safe)."""
    converter = markdown.Markdown(extensions=list(MARKDOWN_EXTENSIONS), output_format="html")
    return sanitize_html(converter.convert(text))


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def article_html(
    article: Article,
    *,
    media_url: Callable[[str], str] = lambda path: path,
    digits: DigitStyle | str = DigitStyle.LATIN,
    category_label: str = "",
) -> str:
    """The article as a semantic HTML fragment (``<article>``), sanitized.

    ``media_url`` maps a package path such as ``media/a.jpg`` to the URL the
    page should use (relative for exports, ``file:`` for the live preview).
    """
    lang = article.language.value
    parts = [f'<article lang="{_esc(lang)}">', "<header>"]
    if category_label:
        parts.append(f'<p class="category">{_esc(category_label)}</p>')
    parts.append(f'<h1 class="headline">{_esc(article.headline)}</h1>')
    if article.deck:
        parts.append(f'<p class="deck">{_esc(article.deck)}</p>')
    if article.byline.name:
        role = f'<span class="role">{_esc(article.byline.role)}</span>' if article.byline.role else ""
        parts.append(f'<p class="byline"><span class="name">{_esc(article.byline.name)}</span>'
                     f"{', ' if role else ''}{role}</p>")
    parts.append("</header>")
    dateline = format_dateline(article.dateline, lang, digits)
    body = markdown_html(article.body)
    if dateline:
        parts.append(f'<p class="dateline">{_esc(dateline)}</p>')
    parts.append(f'<div class="body">{body}</div>')
    for m in article.media:
        url = media_url(m.file)
        caption = _esc(m.caption)
        credit = f' <small class="credit">{_esc(m.credit)}</small>' if m.credit else ""
        parts.append(f'<figure><img src="{_esc(url)}" alt="{_esc(m.alt)}">'
                     f"<figcaption>{caption}{credit}</figcaption></figure>")
    parts.append("</article>")
    return "\n".join(parts)

"""Render an article to sanitized HTML.

Python-Markdown does not sanitize, so every HTML string leaving this module has
been through nh3 (Ammonia): no scripts, no event handlers, no ``javascript:``
URLs, and no remote images (the preview must never touch the network; images
may only point into the package's ``media/`` folder).
"""

from __future__ import annotations

import html
import re
import uuid
from collections.abc import Callable

import markdown
import nh3

from khabar_editor.article.dateline import format_dateline
from khabar_editor.article.frontmatter import is_media_file
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
    # Images may only name a photo of the package: media/<name>. No scheme, no absolute
    # path, no "..", no other folder (a relative "secret.jpg" or "dev/zero" would make a
    # renderer read from the working folder).
    if element == "img" and attribute == "src" and not is_media_file(value):
        return None
    return value


_IMG_TAG = re.compile(r"<img\b[^>]*>")


def _fix_image(match: re.Match[str]) -> str:
    tag = match.group()
    if " src=" not in tag:  # its remote or unsafe source was removed: a broken image
        return ""
    if " alt=" not in tag:  # alt is required by XHTML-based formats (NewsML-G2) and readers
        tag = tag[:4] + ' alt=""' + tag[4:]
    return tag


def sanitize_html(fragment: str) -> str:
    """``fragment`` with everything outside a small safe HTML subset removed.

    Images whose source was removed (remote, absolute, ``..``) are dropped instead of
    left as broken-image boxes, and every image gets an ``alt`` attribute.
    """
    return _IMG_TAG.sub(_fix_image, _clean(fragment))


def _clean(fragment: str) -> str:
    return nh3.clean(
        fragment,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=LINK_SCHEMES,
        attribute_filter=_filter_attribute,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


# Python-Markdown is quadratic (or worse) on some inputs no article contains: 20,000
# "[" take 45 s, 20,000 list lines 5 s, 3,000-deep nesting overflows the stack. Blocks
# beyond these limits are rendered as escaped plain text instead, so a hostile or
# broken file can never hang the preview or an export. Real news stays far below them
# (a 3,000-row results table renders in under half a second).
MAX_BLOCK_LINES = 3000
MAX_BLOCK_MARKERS = 2000
MAX_BLOCK_BRACKETS = 500
MAX_MARKDOWN_CHARS = 2_000_000
_BLOCK_SPLIT = re.compile(r"(\n[ \t]*\n)")


def _pathological(block: str) -> bool:
    return (block.count("\n") > MAX_BLOCK_LINES
            or block.count("*") + block.count("_") > MAX_BLOCK_MARKERS
            or block.count("[") > MAX_BLOCK_BRACKETS
            or block.count("`") > MAX_BLOCK_BRACKETS)


def _defuse(text: str) -> tuple[str, dict[str, str]]:
    """``text`` with every pathological block replaced by a placeholder word, and the
    escaped HTML paragraph each placeholder stands for (Markdown never sees them)."""
    parts = _BLOCK_SPLIT.split(text)
    literal: dict[str, str] = {}
    nonce = uuid.uuid4().hex
    for i in range(0, len(parts), 2):
        if _pathological(parts[i]):
            token = f"KHABARLITERAL{nonce}N{len(literal)}"
            literal[token] = html.escape(parts[i].strip())
            parts[i] = token
    return "".join(parts), literal


def plain_paragraphs_html(text: str) -> str:
    """``text`` as escaped ``<p>`` paragraphs, no Markdown at all."""
    paras = [p.strip() for p in _BLOCK_SPLIT.split(text)[::2] if p.strip()]
    return "\n".join(f"<p>{html.escape(p)}</p>" for p in paras)


def markdown_html(text: str) -> str:
    """The Markdown ``text`` as sanitized HTML (a fresh converter per call: thread-safe)."""
    if len(text) > MAX_MARKDOWN_CHARS:
        return plain_paragraphs_html(text)
    converter = markdown.Markdown(extensions=list(MARKDOWN_EXTENSIONS), output_format="html")
    source, literal = _defuse(text)
    try:
        rendered = converter.convert(source)
    except RecursionError:
        return plain_paragraphs_html(text)
    for token, escaped in literal.items():
        rendered = rendered.replace(token, escaped)
    try:
        return sanitize_html(rendered)
    except RecursionError:
        return plain_paragraphs_html(text)


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
    page should use (the path itself for exports, ``preview.html`` and the live
    preview). Only ``media/<name>`` paths reach it: a photo whose file is anything
    else (absolute, a URL, ``..``) keeps its caption but gets no image.
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
        image = (f'<img src="{_esc(media_url(m.file))}" alt="{_esc(m.alt)}">'
                 if is_media_file(m.file) else "")
        caption = _esc(m.caption)
        credit = f' <small class="credit">{_esc(m.credit)}</small>' if m.credit else ""
        parts.append(f"<figure>{image}<figcaption>{caption}{credit}</figcaption></figure>")
    parts.append("</article>")
    return "\n".join(parts)

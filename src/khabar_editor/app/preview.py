"""The pure function behind the live preview (runs in a worker thread)."""

from __future__ import annotations

import copy
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, replace

from khabar_editor.article.model import Article
from khabar_editor.article.taxonomy import Taxonomy
from khabar_editor.render.html import article_html, markdown_html
from khabar_editor.render.style import qt_css

_MARKER = "KHABARPREVIEWBODYMARKER"
# A heading after a blank line: every block before it has ended there (without the
# blank line a table would take the heading as one more row).
_SECTION_START = re.compile(r"(?<=\n\n)(?=#{1,6}\s)")
_REFERENCE_DEF = re.compile(r"^ {0,3}\[[^\]]+\]:", re.MULTILINE)
# Qt's rich text knows neither <figure> nor <figcaption>: the photo gets a paragraph
# of its own (normal line height, see render.style) and the caption one under it.
_FIGURE = re.compile(r"<figure>(.*?)<figcaption>(.*?)</figcaption></figure>", re.DOTALL)
# A paragraph holding a photo: a proportional line height would open a gap of half
# the photo's height inside it.
_IMAGE_PARAGRAPH = re.compile(r"<p>(?=(?:(?!</p>).)*<img\b)", re.DOTALL)
_CACHE_SIZE = 4000
_cache: OrderedDict[str, str] = OrderedDict()
_cache_lock = threading.Lock()


@dataclass(frozen=True)
class PreviewJob:
    """Everything one render needs: a private copy of the article and house style."""

    revision: int
    article: Article
    digits: str
    category_label: str


def make_job(revision: int, article: Article, digits: str, taxonomy: Taxonomy | None) -> PreviewJob:
    """Snapshot ``article`` on the GUI thread so the worker never sees it change."""
    label = ""
    if taxonomy is not None and article.category:
        cat = taxonomy.get(article.category)
        label = cat.label(article.language.value) if cat else article.category
    return PreviewJob(revision, copy.deepcopy(article), digits, label)


def _section_html(section: str) -> str:
    with _cache_lock:
        cached = _cache.get(section)
        if cached is not None:
            _cache.move_to_end(section)
            return cached
    html = markdown_html(section)
    with _cache_lock:
        _cache[section] = html
        if len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return html


def body_html(body: str) -> str:
    """The body as sanitized HTML, re-rendering only the sections that changed.

    Typing changes one section (the text between two headings), so a long
    article costs one small Markdown conversion per refresh instead of a whole
    one. A heading after a blank line ends every block construct in Markdown,
    so the sections render the same apart as together; reference-style link definitions can
    reach across sections, so a body that has them is rendered whole.
    """
    if _REFERENCE_DEF.search(body):
        return markdown_html(body)
    return "\n".join(_section_html(part) for part in _SECTION_START.split(body) if part.strip())


def render_preview(job: PreviewJob) -> str:
    """The article as the sanitized HTML page shown in the preview pane."""
    shell = article_html(replace(job.article, body=_MARKER), digits=job.digits,
                         category_label=job.category_label)
    page = shell.replace(f"<p>{_MARKER}</p>", body_html(job.article.body), 1)
    return f'<html><body lang="{job.article.language.value}">{qt_markup(page)}</body></html>'


_WRAPPER_TAGS = re.compile(r"</?(?:article|header|div)\b[^>]*>")
# Where a part of the body may end: a blank line followed by a subhead or a line that
# starts with a letter. There every block construct Python-Markdown knows has ended
# (render.html converts long bodies in chunks cut at the same places).
_PART_END = re.compile(r"\n[ \t]*\n(?=#{1,6}[ \t]|[^\W\d_])")
_parts_lock = threading.Lock()
_last_parts: dict[str, str] = {}


def _body_parts(body: str) -> list[str]:
    cuts = [m.end() for m in _PART_END.finditer(body)]
    pieces = [body[a:b] for a, b in zip([0, *cuts], [*cuts, len(body)])]
    return [piece for piece in pieces if piece.strip()]


def preview_parts(job: PreviewJob) -> list[str]:
    """The preview page as consecutive parts: the header, each body paragraph, the photos.

    Joined, they show what :func:`render_preview` shows (without the wrapper
    elements, which carry no style). The preview pane replaces only the parts
    that changed since the last render, so typing re-lays out one paragraph, not
    the whole page; and only the paragraphs that changed are converted again (the
    previous render's parts are kept, nothing more). Parts without content are
    left out.
    """
    shell = article_html(replace(job.article, body=_MARKER), digits=job.digits,
                         category_label=job.category_label)
    head, tail = shell.split(f"<p>{_MARKER}</p>", 1)
    body = job.article.body
    pieces = [body] if _REFERENCE_DEF.search(body) else _body_parts(body)
    with _parts_lock:
        previous = dict(_last_parts)
    rendered: dict[str, str] = {}
    sections = []
    for piece in pieces:
        html = rendered.get(piece) or previous.get(piece)
        if html is None:
            html = qt_markup(markdown_html(piece))
        rendered[piece] = html
        sections.append(html)
    with _parts_lock:
        _last_parts.clear()
        _last_parts.update(rendered)
    parts = [qt_markup(_WRAPPER_TAGS.sub("", head)), *sections,
             qt_markup(_WRAPPER_TAGS.sub("", tail))]
    return [part for part in parts if part.strip()]


def qt_markup(page: str) -> str:
    """``page`` with figures and photo paragraphs in markup Qt's rich text lays out well."""
    page = _IMAGE_PARAGRAPH.sub('<p class="photo">', page)
    return _FIGURE.sub(lambda m: (f'<p class="photo">{m.group(1)}</p>' if m.group(1) else "")
                       + f'<p class="figcaption">{m.group(2)}</p>', page)


def preview_css() -> str:
    """The preview's style sheet: the HTML export's, translated to Qt's CSS subset."""
    return qt_css()

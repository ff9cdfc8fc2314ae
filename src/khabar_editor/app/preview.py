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


def qt_markup(page: str) -> str:
    """``page`` with figures and photo paragraphs in markup Qt's rich text lays out well."""
    page = _IMAGE_PARAGRAPH.sub('<p class="photo">', page)
    return _FIGURE.sub(lambda m: (f'<p class="photo">{m.group(1)}</p>' if m.group(1) else "")
                       + f'<p class="figcaption">{m.group(2)}</p>', page)


def preview_css() -> str:
    """The preview's style sheet: the HTML export's, translated to Qt's CSS subset."""
    return qt_css()

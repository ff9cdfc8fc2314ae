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
_last: dict[str, object] = {"body": None, "cuts": [], "html": [], "pieces": []}
"""The previous render's body, where its pieces start, their texts and their HTML."""


def _split(body: str, start: int = 0, end: int | None = None) -> list[int]:
    """Where the pieces of ``body[start:end]`` start (``start`` first)."""
    end = len(body) if end is None else end
    return [start, *(start + m.end() for m in _PART_END.finditer(body[start:end]))]


def _body_parts(body: str) -> list[str]:
    cuts = _split(body)
    pieces = [body[a:b] for a, b in zip(cuts, [*cuts[1:], len(body)])]
    return [piece for piece in pieces if piece and not piece.isspace()]


def _incremental_cuts(old: str, old_cuts: list[int], body: str,
                      pieces: list[str] | None = None) -> tuple[int, int, list[int]]:
    """The pieces of ``body`` given those of ``old``: only the changed stretch is split again.

    Returns ``(keep_head, keep_tail, cuts)``: the first ``keep_head`` old pieces and
    the last ``keep_tail`` are unchanged (``pieces``: the old pieces' texts, if kept) (same text, same boundaries) and ``cuts``
    are the starts of every piece of ``body``. The pieces on either side of the
    change are split again too (a cut depends on the text just after it), so the
    result is the same as splitting the whole body; the tests check it.
    """
    count = len(old_cuts)
    ends = [*old_cuts[1:], len(old)]
    if pieces is None:
        pieces = [old[a:b] for a, b in zip(old_cuts, ends)]
    head = 0
    while head < count and body.startswith(pieces[head], old_cuts[head]):
        head += 1
    if head == count and len(body) == len(old):
        return count, 0, list(old_cuts)
    shift = len(body) - len(old)
    floor = ends[head - 1] if head else 0  # a kept tail piece starts after the kept head
    tail = 0
    while tail < count - head:
        k = count - 1 - tail
        if old_cuts[k] + shift < floor or not body.endswith(pieces[k], 0, ends[k] + shift):
            break
        tail += 1
    head, tail = max(0, head - 1), max(0, tail - 1)  # the neighbours are split again
    start = old_cuts[head] if head < count else len(old)
    end = old_cuts[count - tail] + shift if tail else len(body)
    middle = _split(body, start, end) if end > start else []
    if middle and middle[-1] == end:
        middle.pop()
    cuts = [*old_cuts[:head], *middle, *(c + shift for c in old_cuts[count - tail:])]
    if not cuts:
        cuts = [0]
    return head, tail, cuts


def preview_parts(job: PreviewJob) -> list[str]:
    """The preview page as consecutive parts: the header, each body paragraph, the photos.

    Joined, they show what :func:`render_preview` shows (without the wrapper
    elements, which carry no style). The preview pane replaces only the parts
    that changed since the last render, so typing re-lays out one paragraph, not
    the whole page. Only the changed stretch of the body is split and converted
    again: the previous render's pieces before and after it are compared in place
    (``str.startswith`` at their offsets) and keep their HTML, so a refresh of a
    100k-word body does no per-character work in Python. Parts without content
    are left out.
    """
    shell = article_html(replace(job.article, body=_MARKER), digits=job.digits,
                         category_label=job.category_label)
    head, tail = shell.split(f"<p>{_MARKER}</p>", 1)
    body = job.article.body
    if "]:" in body and _REFERENCE_DEF.search(body):  # definitions reach across pieces
        sections = [qt_markup(markdown_html(body))] if body.strip() else []
        with _parts_lock:
            _last.update(body=None, cuts=[], html=[], pieces=[])
    else:
        with _parts_lock:
            old, old_cuts, old_html = _last["body"], _last["cuts"], _last["html"]
            old_pieces = _last["pieces"]
        if isinstance(old, str):
            keep_head, keep_tail, cuts = _incremental_cuts(
                old, old_cuts, body, old_pieces)  # type: ignore[arg-type]
        else:
            keep_head, keep_tail, cuts, old_pieces = 0, 0, _split(body), []
        ends = [*cuts[1:], len(body)]
        fresh = len(cuts) - keep_head - keep_tail
        html: list[str] = [*old_html[:keep_head]]  # type: ignore[index]
        pieces: list[str] = [*old_pieces[:keep_head]]  # type: ignore[index]
        for a, b in zip(cuts[keep_head:keep_head + fresh], ends[keep_head:keep_head + fresh]):
            piece = body[a:b]
            pieces.append(piece)
            html.append(qt_markup(markdown_html(piece)) if piece and not piece.isspace() else "")
        if keep_tail:
            html.extend(old_html[len(old_html) - keep_tail:])  # type: ignore[index]
            pieces.extend(old_pieces[len(old_pieces) - keep_tail:])  # type: ignore[index]
        with _parts_lock:
            _last.update(body=body, cuts=cuts, html=html, pieces=pieces)
        sections = [h for h in html if h]
    first, last = qt_markup(_WRAPPER_TAGS.sub("", head)), qt_markup(_WRAPPER_TAGS.sub("", tail))
    return [*([first] if first.strip() else []), *[s for s in sections if not s.isspace()],
            *([last] if last.strip() else [])]


def qt_markup(page: str) -> str:
    """``page`` with figures and photo paragraphs in markup Qt's rich text lays out well."""
    page = _IMAGE_PARAGRAPH.sub('<p class="photo">', page)
    return _FIGURE.sub(lambda m: (f'<p class="photo">{m.group(1)}</p>' if m.group(1) else "")
                       + f'<p class="figcaption">{m.group(2)}</p>', page)


def preview_css() -> str:
    """The preview's style sheet: the HTML export's, translated to Qt's CSS subset."""
    return qt_css()

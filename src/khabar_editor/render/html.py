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
from markdown.treeprocessors import Treeprocessor
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


# Python-Markdown (with its HTML parser and smarty) costs more than linear time on
# inputs no article contains: every unmatched "[" is scanned to the end of its
# paragraph in a Python loop, every unclosed "<a " to the end of the document, every
# quote, backslash escape or emphasis marker rebuilds its paragraph string, and every
# nesting level re-parses its lines. The guard bounds that work per block (text
# between blank lines) with estimates that take linear time to compute, and a block
# over a bound is rendered as escaped plain text instead, so the total work is linear
# in the input. Every decision depends on the block alone, so a body renders the same
# whole or section by section. Real news stays far below the bounds (a 3,000-row
# results table, long paragraphs with links, emphasis and quotes).
MAX_BLOCK_LINES = 3000
MAX_NESTING = 16            # list indentation levels (4 columns each) plus ">" per line
MAX_UNIT_MARKS = 2000       # characters that make an inline match, per inline unit
MAX_UNIT_MARK_WORK = 20_000_000  # marks x unit length (each match rebuilds the unit)
SCAN_WORK_PER_CHAR = 4      # "[", "](", raw-HTML scans: total distance per character...
SCAN_WORK_SLACK = 256       # ...plus this much per unit or block
MAX_MARKDOWN_CHARS = 2_000_000
_BLOCK_SPLIT = re.compile(r"(\n[ \t]*\n)")
_LEADING = re.compile(r"[ \t>]*")
_LIST_ITEM = re.compile(r"[ \t]*(?:[-+*]|\d+[.)])[ \t]")
_TABLE_RULE = re.compile(r"[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*")
_ESCAPED = re.compile(r"\\.", re.DOTALL)
_BRACKETS = re.compile(r"[\[\]()]")
_TAG_START = re.compile(r"<(?:[A-Za-z/?]|!(?:--|\[)?)")
_QUOTE = re.compile(r"[\"']")
_MARK_CHARS = "*_`\\'\"<[&"
_LITERAL_TOKEN = re.compile(r"KHABARLITERAL[0-9a-f]{32}N[0-9]+")


def _too_deep(lines: list[str]) -> bool:
    for line in lines:
        prefix = _LEADING.match(line).group()  # type: ignore[union-attr]
        if not prefix:
            continue
        columns = len(prefix.replace(">", "").expandtabs(4))
        if prefix.count(">") + columns // 4 > MAX_NESTING:
            return True
    return False


def _inline_units(block: str, lines: list[str]) -> list[str]:
    """The pieces of ``block`` Python-Markdown runs its inline patterns on (at least as
    large as the real ones): table rows, list items, or else the whole block."""
    if len(lines) > 1 and "|" in lines[0] and _TABLE_RULE.fullmatch(lines[1]):
        return lines
    if _LIST_ITEM.match(lines[0]):
        units: list[list[str]] = []
        for line in lines:
            if _LIST_ITEM.match(line) or not units:
                units.append([line])
            else:
                units[-1].append(line)
        return ["\n".join(u) for u in units]
    return [block]


def _mark_work_too_high(unit: str) -> bool:
    marks = sum(unit.count(c) for c in _MARK_CHARS)
    marks += unit.count("--") + unit.count("...") + unit.count("  \n")  # smarty, <br>
    return marks > MAX_UNIT_MARKS or marks * len(unit) > MAX_UNIT_MARK_WORK


def _bracket_work_too_high(unit: str) -> bool:
    """Whether link parsing would scan too far: each "[" scans to its matching "]" and
    each "](" to its matching ")" (or to the end of the unit when there is none)."""
    text = _ESCAPED.sub("..", unit)  # escaped brackets are hidden from link parsing
    budget = SCAN_WORK_PER_CHAR * len(text) + SCAN_WORK_SLACK
    work = 0
    squares: list[int] = []
    rounds: list[tuple[int, bool]] = []
    for match in _BRACKETS.finditer(text):
        pos, char = match.start(), match.group()
        if char == "[":
            squares.append(pos)
        elif char == "]":
            if squares:
                work += pos - squares.pop()
        elif char == "(":
            rounds.append((pos, pos > 0 and text[pos - 1] == "]"))
        elif rounds:
            start, after_link = rounds.pop()
            if after_link:
                work += pos - start
        if work > budget:
            return True
    work += sum(len(text) - pos for pos in squares)
    work += sum(len(text) - pos for pos, after_link in rounds if after_link)
    return work > budget


def _tag_end(block: str, start: int, opener: str) -> int:
    """Where the HTML parser stops reading a tag that starts at ``start``, or -1 when
    it would read past the end of the block."""
    if opener == "<!--":
        end = block.find("-->", start + 4)
        return end + 3 if end >= 0 else -1
    if opener == "<![":
        end = block.find("]]>", start + 3)
        return end + 3 if end >= 0 else -1
    pos = start + 1
    while True:
        close = block.find(">", pos)
        if close < 0:
            return -1
        quote = _QUOTE.search(block, pos, close)
        if quote is None:
            return close + 1
        pos = block.find(quote.group(), quote.end())  # a quoted value may hold ">"
        if pos < 0:
            return -1
        pos += 1


def _tag_work_too_high(block: str) -> bool:
    """Whether the HTML parser would scan too far: each tag start is read up to its
    ">" (quoted values skipped); one that does not end inside the block counts as
    unbounded, since the parser would read on through the rest of the document."""
    if "<" not in block:
        return False
    budget = SCAN_WORK_PER_CHAR * len(block) + SCAN_WORK_SLACK
    work = 0
    for match in _TAG_START.finditer(block):
        end = _tag_end(block, match.start(), match.group())
        if end < 0:
            return True
        work += end - match.start()
        if work > budget:
            return True
    return False


def _pathological(block: str) -> bool:
    lines = block.strip("\n").split("\n")
    if len(lines) > MAX_BLOCK_LINES or _too_deep(lines):
        return True
    if _tag_work_too_high(block):
        return True
    return any(_mark_work_too_high(unit) or _bracket_work_too_high(unit)
               for unit in _inline_units(block, lines))


def _escape_like_sanitizer(text: str) -> str:
    """``text`` escaped as the sanitizer serializes text: only &, <, > and no-break
    space are entities; NUL is dropped and CR becomes a line feed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    return html.escape(text, quote=False).replace("\xa0", "&nbsp;")


def _defuse(text: str) -> tuple[str, dict[str, str]]:
    """``text`` with every pathological block replaced by a placeholder word, and the
    escaped HTML paragraph each placeholder stands for (Markdown never sees them)."""
    parts = _BLOCK_SPLIT.split(text)
    literal: dict[str, str] = {}
    nonce = uuid.uuid4().hex
    for i in range(0, len(parts), 2):
        if parts[i].strip() and _pathological(parts[i]):
            token = f"KHABARLITERAL{nonce}N{len(literal)}"
            literal[token] = _escape_like_sanitizer(parts[i].strip())
            parts[i] = token
    return "".join(parts), literal


def _restore(rendered: str, literal: dict[str, str]) -> str:
    """``rendered`` with each placeholder word replaced by its escaped text (one pass)."""
    if not literal:
        return rendered
    return _LITERAL_TOKEN.sub(lambda m: literal.get(m.group(), m.group()), rendered)


def plain_paragraphs_html(text: str) -> str:
    """``text`` as escaped ``<p>`` paragraphs, no Markdown at all."""
    paras = [p.strip() for p in _BLOCK_SPLIT.split(text)[::2] if p.strip()]
    return "\n".join(f"<p>{html.escape(p)}</p>" for p in paras)


# The sanitizer's HTML parser is quadratic in the depth of open elements: 10,000 raw
# "<div>" or "<ul><li>" take seconds, and an unclosed "<b title=N>" per paragraph is
# reopened in every later paragraph. Markdown itself nests far less (MAX_NESTING levels
# of at most three elements), so rendered HTML with more elements open at once than
# this is hostile and the body is shown as plain paragraphs.
MAX_OPEN_ELEMENTS = 64
_HTML_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)[^>]*>")
_VOID_ELEMENTS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input",
                            "link", "meta", "param", "source", "track", "wbr"})


def _too_many_open_elements(fragment: str) -> bool:
    open_count: dict[str, int] = {}
    total = 0
    for match in _HTML_TAG.finditer(fragment):
        name = match.group(2).lower()
        if name in _VOID_ELEMENTS or match.group().endswith("/>"):
            continue
        if match.group(1):
            if open_count.get(name, 0) > 0:
                open_count[name] -= 1
                total -= 1
        else:
            open_count[name] = open_count.get(name, 0) + 1
            total += 1
            if total > MAX_OPEN_ELEMENTS:
                return True
    return False


# Python-Markdown's inline pass is quadratic in the number of top-level blocks (20,000
# one-line paragraphs take 8 s), so a long body is converted in chunks of about this many
# blocks, cut only where nothing can continue across the cut: before a heading or a
# line starting with a letter after a blank line (as the live preview cuts sections).
# A body with no such place for CHUNK_BLOCKS_MAX blocks (no article: thousands of loose
# list items, quotes or raw-HTML lines in a row) is cut anyway; a list cut there
# continues as a second list. Reference definitions are collected from the whole body first (block pass only) and
# given to every chunk, so links resolve as in one conversion.
CHUNK_BLOCKS = 50
CHUNK_BLOCKS_MAX = 150
_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n)+")
_CHUNK_START = re.compile(r"#{1,6}[ \t]|[^\W\d_]")


def _chunks(source: str) -> list[str]:
    pieces: list[str] = []
    start = blocks = 0
    for match in _BLANK_LINES.finditer(source):
        blocks += 1
        if blocks >= CHUNK_BLOCKS_MAX or (blocks >= CHUNK_BLOCKS
                                          and _CHUNK_START.match(source, match.end())):
            pieces.append(source[start:match.start()])
            start, blocks = match.end(), 0
    pieces.append(source[start:])
    return pieces


def _new_converter() -> markdown.Markdown:
    return markdown.Markdown(extensions=list(MARKDOWN_EXTENSIONS), output_format="html")


def _all_references(pieces: list[str]) -> dict[str, tuple[str, str | None]]:
    """The reference definitions of the whole body, as one conversion would see them."""
    collector = _new_converter()
    for piece in pieces:
        lines = piece.split("\n")
        for preprocessor in collector.preprocessors:
            lines = preprocessor.run(lines)
        collector.parser.parseDocument(lines)
    return dict(collector.references)


class _SetReferences(Treeprocessor):
    """Replaces a chunk's own reference definitions with the whole body's."""

    def __init__(self, md: markdown.Markdown, references: dict) -> None:
        super().__init__(md)
        self.references = references

    def run(self, root):  # type: ignore[no-untyped-def]
        self.md.references.clear()
        self.md.references.update(self.references)


_MAYBE_REFERENCE = re.compile(r"\[[^\]\n]*\]:")


def _convert(source: str) -> str:
    pieces = _chunks(source)
    converter = _new_converter()
    if len(pieces) == 1:
        return converter.convert(source)
    if not _MAYBE_REFERENCE.search(source):  # no "[label]:" anywhere: nothing to share
        return "\n".join(part for part in (converter.reset().convert(piece) for piece in pieces)
                         if part)
    references = _all_references(pieces)
    converter.treeprocessors.register(_SetReferences(converter, references), "khabar-refs", 100)
    parts = [converter.reset().convert(piece) for piece in pieces]
    return "\n".join(part for part in parts if part)


_RECENT_MAX = 8
_recent: dict[str, str] = {}
"""The last few bodies rendered: an export renders the same body for the shared
prepared data and again for the HTML page. Pure function of the text, so sharing
between threads is safe (dict operations are atomic)."""


def markdown_html(text: str) -> str:
    """The Markdown ``text`` as sanitized HTML (a fresh converter per call: thread-safe).

    Linear in ``text`` for any input: blocks Python-Markdown or the sanitizer would
    spend more than linear time on are shown as escaped plain text (see ``_defuse``).
    """
    done = _recent.get(text)
    if done is None:
        done = _markdown_html(text)
        if len(_recent) >= _RECENT_MAX:
            _recent.clear()
        _recent[text] = done
    return done


def _markdown_html(text: str) -> str:
    if len(text) > MAX_MARKDOWN_CHARS:
        return plain_paragraphs_html(text)
    source, literal = _defuse(text)
    try:
        rendered = _convert(source)
        if _too_many_open_elements(rendered):
            return plain_paragraphs_html(text)
        # The defused blocks are escaped already; they skip the sanitizer, which is
        # slow on long runs of entities, and are put back into its output.
        return _restore(sanitize_html(rendered), literal)
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

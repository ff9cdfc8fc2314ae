"""Helpers shared by the exporters: clean text, the sanitized body, photos, names.

Every exporter starts from :func:`prepare`, which returns an :class:`ExportArticle`:
a copy of the article whose every text field is free of characters XML 1.0
forbids (C0 controls except tab/newline, C1 controls, lone surrogates,
U+FFFE/U+FFFF), plus the body as sanitized HTML (nh3) and as plain text, the
slug, the category label and facts about each photo. Exporters never see the
raw Markdown, so no script, event handler or ``javascript:`` URL can reach an
output through the body.
"""

from __future__ import annotations

import copy
import io
import json
import mimetypes
import posixpath
import re
import uuid
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import datetime
from enum import Enum
from typing import Any, Protocol

import lxml.html
from lxml import etree

from khabar_editor.article.dateline import format_dateline
from khabar_editor.article.model import Article, Status
from khabar_editor.article.slug import make_slug
from khabar_editor.article.taxonomy import Taxonomy, default_taxonomy
from khabar_editor.exporters.dates import aware, in_zone, zone_for
from khabar_editor.render.html import markdown_html
from khabar_editor.textkit.normalize import normalize_text
from khabar_editor.textkit.words import count_words

# Characters XML 1.0 does not allow (or discourages: C1 controls), plus lone surrogates.
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "table",
              "tr", "figure", "figcaption", "ul", "ol", "hr", "div"}


class PackageLike(Protocol):
    """What exporters need from a package (``khabar_editor.package.Package`` fits)."""

    article: Article
    media: dict[str, bytes]


def clean_text(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids; ``\\r`` becomes ``\\n``."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _XML_BAD.sub("", text)


def _clean_value(value: Any) -> Any:
    if isinstance(value, Enum):
        return value
    if isinstance(value, str):
        return normalize_text(clean_text(value))
    if isinstance(value, list):
        return [_clean_value(v) for v in value]
    if is_dataclass(value) and not isinstance(value, type):
        for f in fields(value):
            setattr(value, f.name, _clean_value(getattr(value, f.name)))
        return value
    return value


def one_line(text: str) -> str:
    """``text`` with every run of whitespace (newlines included) turned into one space."""
    return " ".join(text.split())


def clean_article(article: Article) -> Article:
    """A deep copy of ``article``: every text field through :func:`clean_text`, and every
    metadata field (all but the body) on one line, as the XML formats require."""
    body = article.body
    copied = copy.deepcopy(article)
    copied.body = ""
    copied = _clean_value(copied)
    _one_line_fields(copied)
    copied.body = normalize_text(clean_text(body))
    return copied


def _one_line_fields(value: Any) -> None:
    for f in fields(value):
        item = getattr(value, f.name)
        if isinstance(item, Enum):
            continue
        if isinstance(item, str):
            setattr(value, f.name, one_line(item))
        elif isinstance(item, list):
            setattr(value, f.name, [one_line(v) if isinstance(v, str) else v for v in item])
            for v in item:
                if is_dataclass(v):
                    _one_line_fields(v)
        elif is_dataclass(item):
            _one_line_fields(item)


@dataclass
class Photo:
    """One photo of the article as exporters need it."""

    index: int
    path: str  # "media/name.jpg", the package path and the path inside bundles
    name: str  # "name.jpg"
    caption: str
    credit: str
    alt: str
    data: bytes
    mime: str
    width: int | None = None
    height: int | None = None
    web: Rendition | None = None  # set by bundles made with web renditions


@dataclass
class Rendition:
    """A scaled copy of a photo that travels in the bundle (``media/web/<stem>.jpg``)."""

    path: str
    data: bytes
    width: int | None
    height: int | None


@dataclass
class ExportArticle:
    """The cleaned article plus everything derived from it once for all formats."""

    article: Article
    slug: str
    lang: str
    category_id: str
    category_label: str
    medtop: str  # the category's IPTC Media Topic code ("11000000"), or ""
    subj: str  # the category's IPTC Subject Code ("11000000"), or ""
    body_html: str
    body_text: str
    word_count: int
    dateline_text: str
    summary: str
    photos: list[Photo] = field(default_factory=list)
    source: Any = None  # the package this was prepared from (for reuse within one bundle)


def photo_info(data: bytes) -> tuple[str | None, int | None, int | None]:
    """(MIME type, width, height) read from image bytes with Pillow, without decoding pixels."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as img:
            mime = Image.MIME.get(img.format or "")
            return mime, img.width, img.height
    except (UnidentifiedImageError, OSError, ValueError):
        return None, None, None


def html_to_text(fragment: str) -> str:
    """Plain text of a sanitized HTML fragment: one paragraph per block, blank line between."""
    if not fragment.strip():
        return ""
    root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    paragraphs: list[str] = []
    current: list[str] = []

    def flush() -> None:
        text = re.sub(r" *\n *", "\n", re.sub(r"[ \t]+", " ", "".join(current))).strip()
        if text:
            paragraphs.append(text)
        current.clear()

    def add(text: str | None) -> None:
        if text:
            current.append(re.sub(r"\s+", " ", text))

    def walk(el: Any) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in BLOCK_TAGS:
            flush()
            if tag == "li":
                current.append("• ")
        elif tag == "br":
            current.append("\n")
        elif tag in {"td", "th"} and "".join(current).strip():
            current.append(" | ")
        if tag:
            add(el.text)
        for child in el:
            walk(child)
            add(child.tail)
        if tag in BLOCK_TAGS:
            flush()

    walk(root)
    flush()
    return clean_text("\n\n".join(paragraphs))


def first_paragraph(text: str) -> str:
    """The first paragraph of plain ``text``."""
    return text.split("\n\n", 1)[0].strip() if text else ""


def article_slug(article: Article) -> str:
    """The article's own slug, else one made from the headline, else ``khabar-<id>``."""
    slug = article.slug.strip() or make_slug(article.headline)
    return slug or "khabar-" + re.sub(r"[^a-z0-9]", "", article.id.lower())[:8]


def prepare(pkg: PackageLike, taxonomy: Taxonomy | None = None, digits: str = "latin",
            timezone: str = "") -> ExportArticle:
    """Clean the package's article and derive what every exporter needs.

    ``created``, ``modified`` and ``embargo`` of the copy are the same moments on
    the clock of the newsroom's ``timezone`` (IANA name; empty: by language).
    """
    article = clean_article(pkg.article)
    taxonomy = taxonomy or default_taxonomy()
    lang = article.language.value
    zone = zone_for(timezone, lang)
    article.created, article.modified = in_zone(article.created, zone), in_zone(
        article.modified, zone)
    if article.embargo is not None:
        article.embargo = in_zone(article.embargo, zone)
    cat = taxonomy.get(article.category) if article.category else None
    body_html = clean_text(markdown_html(article.body))
    body_text = html_to_text(body_html)
    photos = []
    for index, m in enumerate(article.media, start=1):
        data = pkg.media.get(m.file, b"")
        mime, width, height = photo_info(data) if data else (None, None, None)
        mime = mime or mimetypes.guess_type(m.file)[0] or "application/octet-stream"
        photos.append(Photo(index, m.file, posixpath.basename(m.file), m.caption, m.credit,
                            m.alt, data, mime, width, height))
    return ExportArticle(
        article=article,
        slug=article_slug(article),
        lang=lang,
        category_id=cat.id if cat else article.category,
        category_label=cat.label(lang) if cat else article.category,
        medtop=cat.medtop if cat else "",
        subj=cat.subj if cat else "",
        body_html=body_html,
        body_text=body_text,
        word_count=count_words(body_text),
        dateline_text=format_dateline(article.dateline, lang, digits),
        summary=article.summary.strip() or first_paragraph(body_text),
        photos=photos,
        source=pkg,
    )


def prepared(pkg: PackageLike, context: Any) -> ExportArticle:
    """The :class:`ExportArticle` for ``pkg``: reused from ``context.prepared`` when it
    was made from this very package (a bundle prepares once for all formats)."""
    cached = getattr(context, "prepared", None)
    if cached is not None and cached.source is pkg:
        return cached
    return prepare(pkg, context.taxonomy, context.digits, context.timezone)


def iso(value: datetime) -> str:
    """ISO 8601 with seconds and an explicit offset (naive times taken as UTC)."""
    return aware(value).replace(microsecond=0).isoformat()


def article_uri(article: Article) -> str:
    """The article's absolute URI (a URN built from its UUID)."""
    return f"urn:khabar:article:{article.id}"


def photo_uri(article: Article, photo: Photo) -> str:
    """A photo's absolute URI: a UUID made from the article id and the photo's file.

    Stable across re-exports and independent of the photo's position, so moving
    a photo or dropping another never gives a receiving system's copy of one
    picture the identity of a different one.
    """
    name = f"{article_uri(article)}/{photo.path}"
    return f"urn:khabar:photo:{uuid.uuid5(uuid.NAMESPACE_URL, name)}"


PLACE_LEVELS = ("city", "district", "state", "country")  # Place fields, narrowest first


def item_version(article: Article) -> str:
    """An item's ``version`` in the IPTC formats: the modification time as a growing integer."""
    return article.modified.strftime("%Y%m%d%H%M%S")


def pub_status(article: Article) -> str:
    """The IPTC publishing status: ``usable`` once approved, ``withheld`` before.

    Like the WordPress mapping (drafts stay drafts), nothing the desk has not
    approved reaches a wire consumer as usable; an embargo travels separately.
    """
    return "usable" if article.status is Status.APPROVED else "withheld"


def html_fragments(fragment: str) -> list[Any]:
    """The top-level nodes of a sanitized HTML fragment as lxml elements (text wrapped in ``p``)."""
    if not fragment.strip():
        return []
    root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    nodes: list[Any] = []
    if root.text and root.text.strip():
        para = lxml.html.Element("p")
        para.text = root.text
        nodes.append(para)
    for child in root:
        if not isinstance(child.tag, str):
            continue
        nodes.append(child)
        if child.tail and child.tail.strip():
            para = lxml.html.Element("p")
            para.text = child.tail
            nodes.append(para)
    return nodes


def xml_bytes(root: Any) -> bytes:
    """Serialize an lxml tree as UTF-8 XML with a declaration.

    Callers indent the metadata with :func:`etree.indent` *before* they attach
    the body, so whitespace inside the body (``pre``, mixed content) is kept.
    """
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"


def json_bytes(data: Any) -> bytes:
    """``data`` as indented UTF-8 JSON (non-ASCII kept as is) with a final newline."""
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def join_nonempty(parts: list[str], sep: str = ", ") -> str:
    """``parts`` without empty strings, joined."""
    return sep.join(p for p in parts if p)


# --- IPTC codes shared by the IPTC formats ------------------------------------------

MEDTOP_SCHEME = "http://cv.iptc.org/newscodes/mediatopic/"
SUBJ_SCHEME = "http://cv.iptc.org/newscodes/subjectcode/"
COUNTRY_SCHEME = "http://cvx.iptc.org/iso3166-1a2/"  # IPTC's alias iso3166-1a2
# Country names as desks type them (Hindi, Nepali, English) -> ISO 3166-1 alpha-2.
_COUNTRIES = {
    "IN": ("भारत", "इंडिया", "हिंदुस्तान", "हिन्दुस्तान", "india", "bharat"),
    "NP": ("नेपाल", "nepal"),
    "BD": ("बांग्लादेश", "बंगलादेश", "bangladesh"),
    "PK": ("पाकिस्तान", "pakistan"),
    "BT": ("भूटान", "bhutan"),
    "LK": ("श्रीलंका", "sri lanka"),
    "CN": ("चीन", "china"),
    "MM": ("म्यांमार", "म्यानमार", "myanmar"),
}
COUNTRY_CODES = {normalize_text(name).casefold(): code
                 for code, names in _COUNTRIES.items() for name in names}


def country_code(name: str) -> str:
    """The ISO 3166-1 alpha-2 code of a country name (``भारत`` -> ``IN``), or ""."""
    return COUNTRY_CODES.get(normalize_text(name).strip().casefold(), "")

"""``nitf``: IPTC NITF 3.6, valid against ``nitf-3-6.xsd``.

head: title, docdata (doc-id, urgency, date.issue, date.release for an
embargo, key-list of tags, identified-content with the category as a
classifier and the place as a location). body.head: hedline (hl1, hl2 deck),
byline (person + byttl), dateline (location + story.date), abstract.
body.content: the sanitized body, then one ``media`` per photo.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from khabar_editor.exporters.common import (
    ExportArticle,
    article_uri,
    prepared,
    pub_status,
    xml_bytes,
)
from khabar_editor.exporters.registry import ExportContext, ExportResult, register
from khabar_editor.exporters.xmlbody import nitf_body
from khabar_editor.i18n import N_

NS = "http://iptc.org/std/NITF/2006-10-18/"


def _e(parent: Any, name: str, text: str | None = None, **attrs: str) -> Any:
    el = etree.SubElement(parent, f"{{{NS}}}{name}")
    for key, value in attrs.items():
        el.set(key.replace("_", "-").replace("--", "."), value)
    if text:
        el.text = text
    return el


def norm_date(value: Any) -> str:
    """NITF ``norm`` form: ISO 8601 basic, e.g. ``20261128T093000+0530``."""
    return value.strftime("%Y%m%dT%H%M%S%z")


def _head(root: Any, ex: ExportArticle) -> None:
    a = ex.article
    head = _e(root, "head")
    _e(head, "title", a.headline)
    status = pub_status(a)
    if status == "usable" and a.embargo:
        status = "embargoed"
    docdata = _e(head, "docdata", management_status=status)
    _e(docdata, "doc-id", id_string=article_uri(a), regsrc="khabar")
    _e(docdata, "urgency", ed_urg=str(min(a.priority, 8)))  # NITF: 1 most, 5 normal, 8 least
    _e(docdata, "date.issue", norm=norm_date(a.created))
    if a.embargo:
        _e(docdata, "date.release", norm=norm_date(a.embargo))
    tags = [t.strip() for t in a.tags if t.strip()]
    if tags:
        keys = _e(docdata, "key-list")
        for tag in tags:
            _e(keys, "keyword", key=tag)
    content = _e(docdata, "identified-content")
    if ex.category_label:
        _e(content, "classifier", ex.category_label, type="category", value=ex.category_id)
    place = a.place
    if not place.is_empty():
        loc = _e(content, "location")
        for tag, value in (("city", place.city), ("region", place.district),
                           ("state", place.state), ("country", place.country)):
            if value.strip():
                _e(loc, tag, value.strip())
    if not len(content):
        docdata.remove(content)


def _body_head(body: Any, ex: ExportArticle) -> None:
    a = ex.article
    bh = _e(body, "body.head")
    hed = _e(bh, "hedline")
    _e(hed, "hl1", a.headline)
    if a.deck:
        _e(hed, "hl2", a.deck)
    if a.byline.name:
        byline = _e(bh, "byline")
        person = _e(byline, "person", a.byline.name)
        if a.byline.role:
            person.tail = ", "
            _e(byline, "byttl", a.byline.role)
    if a.dateline.place or a.dateline.date:
        dateline = _e(bh, "dateline")
        if a.dateline.place:
            _e(_e(dateline, "location"), "city", a.dateline.place)
        if a.dateline.date:
            printed = ex.dateline_text.split(", ", 1)[-1] if a.dateline.place else ex.dateline_text
            story = _e(dateline, "story.date", printed, norm=a.dateline.date.strftime("%Y%m%d"))
            if a.dateline.place:
                story.getprevious().tail = ", "
    if ex.summary:
        _e(_e(bh, "abstract"), "p", ex.summary)


def _media(content: Any, ex: ExportArticle) -> None:
    for photo in ex.photos:
        media = _e(content, "media", media_type="image")
        ref = _e(media, "media-reference", source=photo.path, mime_type=photo.mime)
        if photo.alt:
            ref.set("alternate-text", photo.alt)
        if photo.width and photo.height:
            ref.set("width", str(photo.width))
            ref.set("height", str(photo.height))
        if photo.caption:
            _e(media, "media-caption", photo.caption)
        if photo.credit:
            _e(media, "media-producer", photo.credit)


def _tighten(el: Any) -> None:
    """Undo indentation inside mixed content (``byline``, ``dateline``): it would be text."""
    for node in el.iter():
        if node is not el and node.tail is not None and not node.tail.strip():
            node.tail = None
        if node.text is not None and not node.text.strip():
            node.text = None


def nitf_document(ex: ExportArticle) -> bytes:
    """The NITF 3.6 document as UTF-8 bytes."""
    root = etree.Element(f"{{{NS}}}nitf", nsmap={None: NS})
    root.set("version", "-//IPTC//DTD NITF 3.6//EN")
    root.set("baselang", ex.lang)
    _head(root, ex)
    body = _e(root, "body")
    _body_head(body, ex)
    content = _e(body, "body.content")
    etree.indent(root, space="  ")
    for mixed in root.iter(f"{{{NS}}}byline", f"{{{NS}}}dateline"):
        _tighten(mixed)
    nitf_body(ex.body_html, content, NS)
    _media(content, ex)
    return xml_bytes(root)


class NitfExporter:
    """IPTC NITF 3.6 XML."""

    id = "nitf"
    label = N_("IPTC NITF 3.6 (XML)")
    file_suffix = ".nitf.xml"

    def export(self, pkg: Any, context: ExportContext) -> ExportResult:
        """``<slug>.nitf.xml``."""
        ex = prepared(pkg, context)
        return ExportResult(files={ex.slug + self.file_suffix: nitf_document(ex)})


register(NitfExporter())

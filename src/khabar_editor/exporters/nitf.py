"""``nitf`` and ``nitf-ns``: IPTC NITF 3.6.

``nitf`` is the plain DTD-style document most NITF consumers read (root
``<nitf>`` in no namespace; Superdesk's NITF parser accepts nothing else).
``nitf-ns`` is the same document in the NITF 2006 namespace, valid against
``nitf-3-6.xsd``; the plain form has the same structure, element by element.

head: title, ``meta name="anpa-keyword"`` (the slug, where Superdesk and AAP-style
consumers read a slugline), tobject with the category's IPTC Subject Code,
docdata (doc-id, urgency, date.issue, date.release for an embargo, du-key with
the slug, evloc with the place and its ISO country code, key-list of tags,
identified-content with the category, its Media Topic and the place).
body.head: hedline (hl1, hl2 deck), byline (the name as text, which every reader
shows, then a second byline with the role in byttl), dateline (location +
story.date), abstract. body.content: the sanitized body, then one ``media`` per
photo. Dates carry the newsroom time zone's offset.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from khabar_editor.exporters.common import (
    MEDTOP_SCHEME,
    ExportArticle,
    article_uri,
    country_code,
    prepared,
    pub_status,
    xml_bytes,
)
from khabar_editor.exporters.registry import ExportContext, ExportResult, register
from khabar_editor.exporters.xmlbody import nitf_body
from khabar_editor.i18n import N_

NS = "http://iptc.org/std/NITF/2006-10-18/"


class _Builder:
    """Makes NITF elements in the namespace ``ns`` ("" for the plain DTD form)."""

    def __init__(self, ns: str) -> None:
        self.ns = ns

    def tag(self, name: str) -> str:
        return f"{{{self.ns}}}{name}" if self.ns else name

    def e(self, parent: Any, tag: str, text: str | None = None, **attrs: str) -> Any:
        el = etree.SubElement(parent, self.tag(tag))
        for key, value in attrs.items():
            el.set(key.replace("_", "-").replace("--", "."), value)
        if text:
            el.text = text
        return el


def norm_date(value: Any) -> str:
    """NITF ``norm`` form: ISO 8601 basic, e.g. ``20261128T093000+0530``."""
    return value.strftime("%Y%m%dT%H%M%S%z")


def _docdata(b: _Builder, head: Any, ex: ExportArticle) -> None:
    a = ex.article
    status = pub_status(a)
    if status == "usable" and a.embargo:
        status = "embargoed"
    docdata = b.e(head, "docdata", management_status=status)
    b.e(docdata, "doc-id", id_string=article_uri(a), regsrc="khabar")
    b.e(docdata, "urgency", ed_urg=str(min(a.priority, 8)))  # NITF: 1 most, 5 normal, 8 least
    b.e(docdata, "date.issue", norm=norm_date(a.created))
    if a.embargo:
        b.e(docdata, "date.release", norm=norm_date(a.embargo))
    b.e(docdata, "du-key", key=ex.slug)
    place = a.place
    evloc = {"city": place.city.strip(), "county_dist": place.district.strip(),
             "state_prov": place.state.strip(), "iso_cc": country_code(place.country)}
    if any(evloc.values()):
        b.e(docdata, "evloc", **{k: v for k, v in evloc.items() if v})
    tags = [t.strip() for t in a.tags if t.strip()]
    if tags:
        keys = b.e(docdata, "key-list")
        for tag in tags:
            b.e(keys, "keyword", key=tag)
    content = b.e(docdata, "identified-content")
    if ex.category_label:
        b.e(content, "classifier", ex.category_label, type="category", value=ex.category_id)
        if ex.medtop:
            b.e(content, "classifier", ex.category_label, type="medtop", idsrc=MEDTOP_SCHEME,
                value=ex.medtop)
    if not place.is_empty():
        loc = b.e(content, "location")
        for tag, value in (("city", place.city), ("region", place.district),
                           ("state", place.state), ("country", place.country)):
            if value.strip():
                b.e(loc, tag, value.strip())
    if not len(content):
        docdata.remove(content)


def _head(b: _Builder, root: Any, ex: ExportArticle) -> None:
    head = b.e(root, "head")
    b.e(head, "title", ex.article.headline)
    b.e(head, "meta", name="anpa-keyword", content=ex.slug)
    if ex.subj:
        tobject = b.e(head, "tobject", tobject__type="news")
        b.e(tobject, "tobject.subject", tobject__subject__ipr="IPTC",
            tobject__subject__refnum=ex.subj)
    _docdata(b, head, ex)


def _body_head(b: _Builder, body: Any, ex: ExportArticle) -> None:
    a = ex.article
    bh = b.e(body, "body.head")
    hed = b.e(bh, "hedline")
    b.e(hed, "hl1", a.headline)
    if a.deck:
        b.e(hed, "hl2", a.deck)
    if a.byline.name:
        b.e(bh, "byline", a.byline.name)
        if a.byline.role:
            b.e(b.e(bh, "byline"), "byttl", a.byline.role)
    if a.dateline.place or a.dateline.date:
        dateline = b.e(bh, "dateline")
        if a.dateline.place:
            b.e(b.e(dateline, "location"), "city", a.dateline.place)
        if a.dateline.date:
            printed = ex.dateline_text.split(", ", 1)[-1] if a.dateline.place else ex.dateline_text
            story = b.e(dateline, "story.date", printed, norm=a.dateline.date.strftime("%Y%m%d"))
            if a.dateline.place:
                story.getprevious().tail = ", "
    if ex.summary:
        b.e(b.e(bh, "abstract"), "p", ex.summary)


def _media(b: _Builder, content: Any, ex: ExportArticle) -> None:
    for photo in ex.photos:
        media = b.e(content, "media", media_type="image")
        ref = b.e(media, "media-reference", source=photo.path, mime_type=photo.mime)
        if photo.alt:
            ref.set("alternate-text", photo.alt)
        if photo.width and photo.height:
            ref.set("width", str(photo.width))
            ref.set("height", str(photo.height))
        if photo.caption:
            b.e(media, "media-caption", photo.caption)
        if photo.credit:
            b.e(media, "media-producer", photo.credit)


def _tighten(el: Any) -> None:
    """Undo indentation inside mixed content (``byline``, ``dateline``): it would be text."""
    for node in el.iter():
        if node is not el and node.tail is not None and not node.tail.strip():
            node.tail = None
        if node.text is not None and not node.text.strip():
            node.text = None


def nitf_document(ex: ExportArticle, namespaced: bool = False) -> bytes:
    """The NITF 3.6 document as UTF-8 bytes (plain ``<nitf>``, or in the NITF namespace)."""
    b = _Builder(NS if namespaced else "")
    root = etree.Element(b.tag("nitf"), nsmap={None: NS} if namespaced else None)
    root.set("version", "-//IPTC//DTD NITF 3.6//EN")
    root.set("baselang", ex.lang)
    _head(b, root, ex)
    body = b.e(root, "body")
    _body_head(b, body, ex)
    content = b.e(body, "body.content")
    etree.indent(root, space="  ")
    for mixed in root.iter(b.tag("byline"), b.tag("dateline")):
        _tighten(mixed)
    nitf_body(ex.body_html, content, b.ns)
    _media(b, content, ex)
    return xml_bytes(root)


class NitfExporter:
    """IPTC NITF 3.6 XML, the plain DTD-style document (no namespace)."""

    id = "nitf"
    label = N_("IPTC NITF 3.6 (XML)")
    file_suffix = ".nitf.xml"
    namespaced = False

    def export(self, pkg: Any, context: ExportContext) -> ExportResult:
        """``<slug>.nitf.xml``."""
        ex = prepared(pkg, context)
        return ExportResult(files={ex.slug + self.file_suffix:
                                   nitf_document(ex, self.namespaced)})


class NamespacedNitfExporter(NitfExporter):
    """IPTC NITF 3.6 XML in the NITF 2006 namespace (valid against nitf-3-6.xsd)."""

    id = "nitf-ns"
    label = N_("IPTC NITF 3.6 with namespace (XML, XSD-valid)")
    file_suffix = ".nitf-ns.xml"
    namespaced = True


register(NitfExporter())
register(NamespacedNitfExporter())

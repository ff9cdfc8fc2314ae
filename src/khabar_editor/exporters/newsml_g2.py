"""``newsml-g2``: IPTC NewsML-G2 2.35 items, each valid against the 2.35 XSD.

Output is one file per item (the common way agencies deliver G2):

* ``<slug>.newsml.xml`` - the text ``newsItem`` (XHTML body in ``inlineXML``);
* ``<slug>.photo-<n>.newsml.xml`` - one picture ``newsItem`` per photo,
  ``remoteContent`` pointing to ``media/<name>`` inside the bundle;
* ``<slug>.package.newsml.xml`` - a ``packageItem`` in the shape ingest systems
  expect: ``groupSet root="root"``, a ``root`` group (``group:root``) that refers to
  the ``main`` group (``group:main``), which references the text and the pictures
  by guid (``residref``) and file name (``href``);
* ``catalog.khabar-editor_1.xml`` - our own catalog (package data), declaring the
  schemes IPTC does not publish: ``hdrol`` (headline roles), ``group`` (package
  group roles) and ``khcat`` (the newsroom's categories). Every item references it
  and the IPTC standards catalog, so every qcode resolves to a URI.

The category travels as its IPTC Media Topic (``medtop:``) and Subject Code
(``subj:``) from the taxonomy file, and as ``khcat:<id>``; a picture item carries
its caption (``drol:caption``, first: ingest reads the first description) and its
alt text (``drol:altText``); a known country has its ISO 3166-1 code
(``iso3166-1a2:IN``). Dates carry the newsroom time zone's offset.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

from lxml import etree

from khabar_editor.article.slug import make_slug
from khabar_editor.exporters.common import (
    PLACE_LEVELS,
    ExportArticle,
    Photo,
    article_uri,
    country_code,
    iso,
    item_version,
    join_nonempty,
    photo_uri,
    prepared,
    pub_status,
    xml_bytes,
)
from khabar_editor.exporters.registry import ExportContext, ExportResult, register
from khabar_editor.exporters.xmlbody import XHTML_NS, xhtml_body
from khabar_editor.i18n import N_

NS = "http://iptc.org/std/nar/2006-10-01/"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CATALOG = "http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_40.xml"
OWN_CATALOG = "catalog.khabar-editor_1.xml"  # beside the items in the bundle
ITEM_TYPE = "application/vnd.iptc.g2.newsitem+xml"


def _e(parent: Any, name: str, text: str | None = None, **attrs: str) -> Any:
    el = etree.SubElement(parent, f"{{{NS}}}{name}")
    for key, value in attrs.items():
        el.set(key, value)
    if text:
        el.text = text
    return el


def _root(tag: str, guid: str, ex: ExportArticle, version: str) -> Any:
    root = etree.Element(f"{{{NS}}}{tag}", nsmap={None: NS})
    for key, value in (("guid", guid), ("version", version), ("standard", "NewsML-G2"),
                       ("standardversion", "2.35"), ("conformance", "power")):
        root.set(key, value)
    root.set(XML_LANG, ex.lang)
    _e(root, "catalogRef", href=CATALOG)
    _e(root, "catalogRef", href=OWN_CATALOG)
    return root


def own_catalog() -> bytes:
    """The bytes of our catalog as shipped in the package data."""
    ref = resources.files("khabar_editor") / "data" / "iptc" / OWN_CATALOG
    return ref.read_bytes()


def _item_meta(root: Any, ex: ExportArticle, item_class: str, context: ExportContext) -> None:
    a = ex.article
    meta = _e(root, "itemMeta")
    _e(meta, "itemClass", qcode=item_class)
    provider = _e(meta, "provider", literal=make_slug(context.provider) or "khabar-editor")
    _e(provider, "name", context.provider)
    _e(meta, "versionCreated", iso(a.modified))
    _e(meta, "firstCreated", iso(a.created))
    if a.embargo:
        _e(meta, "embargoed", iso(a.embargo))
    _e(meta, "pubStatus", qcode=f"stat:{pub_status(a)}")
    _e(meta, "generator", "Khabar Editor")


def _rights(root: Any, holder: str) -> None:
    if holder:
        rights = _e(root, "rightsInfo")
        _e(_e(rights, "copyrightHolder"), "name", holder)


def _place_subject(cm: Any, ex: ExportArticle) -> None:
    place = ex.article.place
    levels = [(lv, getattr(place, lv).strip()) for lv in PLACE_LEVELS if getattr(place, lv).strip()]
    if not levels:
        return
    level, name = levels[0]
    subject = _e(cm, "subject", type="cpnat:geoArea", **_place_code(level, name))
    _e(subject, "name", name)
    for level, name in levels[1:]:
        broader = _e(subject, "broader", type="cpnat:geoArea", **_place_code(level, name))
        _e(broader, "name", name)


def _place_code(level: str, name: str) -> dict[str, str]:
    """A known country's ISO 3166-1 qcode, else a literal ``<level>:<slug>``."""
    code = country_code(name) if level == "country" else ""
    if code:
        return {"qcode": f"iso3166-1a2:{code}"}
    return {"literal": f"{level}:{make_slug(name) or 'x'}"}


def _text_content_meta(root: Any, ex: ExportArticle) -> None:
    a = ex.article
    cm = _e(root, "contentMeta")
    _e(cm, "urgency", str(a.priority))
    _e(cm, "contentCreated", iso(a.created))
    _e(cm, "contentModified", iso(a.modified))
    if a.dateline.place:
        located = _e(cm, "located", type="cpnat:geoArea",
                     literal=make_slug(a.dateline.place) or "dateline")
        _e(located, "name", a.dateline.place)
    if a.byline.name:
        creator = _e(cm, "creator", literal=make_slug(a.byline.name) or "author")
        _e(creator, "name", a.byline.name)
    _e(cm, "language", tag=ex.lang)
    for tag in (t.strip() for t in a.tags):
        if tag:
            _e(cm, "keyword", tag)
    if ex.category_label:
        for qcode in (f"medtop:{ex.medtop}" if ex.medtop else "",
                      f"subj:{ex.subj}" if ex.subj else "",
                      f"khcat:{make_slug(ex.category_id) or 'x'}"):
            if qcode:
                subject = _e(cm, "subject", type="cpnat:abstract", qcode=qcode)
                _e(subject, "name", ex.category_label)
    _place_subject(cm, ex)
    _e(cm, "slugline", ex.slug)
    _e(cm, "headline", a.headline)
    if a.deck:
        _e(cm, "headline", a.deck, role="hdrol:subtitle")
    if ex.dateline_text:
        _e(cm, "dateline", ex.dateline_text)
    if a.byline.name:
        _e(cm, "by", join_nonempty([a.byline.name, a.byline.role]))
    if ex.summary:
        _e(cm, "description", ex.summary, role="drol:summary")


def text_item(ex: ExportArticle, context: ExportContext) -> bytes:
    """The text ``newsItem``."""
    a = ex.article
    root = _root("newsItem", article_uri(a), ex, item_version(a))
    _rights(root, context.provider)
    _item_meta(root, ex, "ninat:text", context)
    _text_content_meta(root, ex)
    content_set = _e(root, "contentSet")
    inline = _e(content_set, "inlineXML", contenttype="application/xhtml+xml",
                wordcount=str(ex.word_count))
    html = etree.SubElement(inline, f"{{{XHTML_NS}}}html", nsmap={None: XHTML_NS})
    etree.SubElement(etree.SubElement(html, f"{{{XHTML_NS}}}head"),
                     f"{{{XHTML_NS}}}title").text = a.headline
    body = etree.SubElement(html, f"{{{XHTML_NS}}}body")
    etree.indent(root, space="  ")
    xhtml_body(ex.body_html, body)
    return xml_bytes(root)


def picture_item(ex: ExportArticle, photo: Photo, context: ExportContext) -> bytes:
    """One picture ``newsItem``."""
    a = ex.article
    root = _root("newsItem", photo_uri(a, photo), ex, item_version(a))
    _rights(root, photo.credit)
    _item_meta(root, ex, "ninat:picture", context)
    cm = _e(root, "contentMeta")
    _e(cm, "contentCreated", iso(a.created))
    _e(cm, "language", tag=ex.lang)
    _e(cm, "headline", photo.caption or photo.alt or photo.name)
    if photo.credit:
        _e(cm, "creditline", photo.credit)
    if photo.caption:
        _e(cm, "description", photo.caption, role="drol:caption")
    if photo.alt:
        _e(cm, "description", photo.alt, role="drol:altText")
    content_set = _e(root, "contentSet")
    remote = _e(content_set, "remoteContent", rendition="rnd:highRes", href=photo.path,
                contenttype=photo.mime, size=str(len(photo.data)))
    if photo.width and photo.height:
        remote.set("width", str(photo.width))
        remote.set("height", str(photo.height))
    if photo.web is not None:
        web = _e(content_set, "remoteContent", rendition="rnd:web", href=photo.web.path,
                 contenttype="image/jpeg", size=str(len(photo.web.data)))
        if photo.web.width and photo.web.height:
            web.set("width", str(photo.web.width))
            web.set("height", str(photo.web.height))
    etree.indent(root, space="  ")
    return xml_bytes(root)


def package_item(ex: ExportArticle, context: ExportContext, names: list[str]) -> bytes:
    """The ``packageItem`` grouping the text and its pictures."""
    a = ex.article
    root = _root("packageItem", article_uri(a) + ":package", ex, item_version(a))
    _item_meta(root, ex, "ninat:composite", context)
    cm = _e(root, "contentMeta")
    _e(cm, "headline", a.headline)
    group_set = _e(root, "groupSet", root="root")
    _e(_e(group_set, "group", id="root", role="group:root"), "groupRef", idref="main")
    group = _e(group_set, "group", id="main", role="group:main")
    refs = [(article_uri(a), "ninat:text", a.headline)]
    refs += [(photo_uri(a, p), "ninat:picture", p.caption or p.name) for p in ex.photos]
    for (guid, item_class, title), name in zip(refs, names):
        ref = _e(group, "itemRef", residref=guid, version=item_version(a), href=name,
                 contenttype=ITEM_TYPE)
        _e(ref, "itemClass", qcode=item_class)
        _e(ref, "title", title)
    etree.indent(root, space="  ")
    return xml_bytes(root)


class NewsmlG2Exporter:
    """IPTC NewsML-G2 2.35: text item, picture items and a package item."""

    id = "newsml-g2"
    label = N_("IPTC NewsML-G2 2.35 (XML)")
    file_suffix = ".newsml.xml"

    def export(self, pkg: Any, context: ExportContext) -> ExportResult:
        """The text item, one picture item per photo, and the package item."""
        ex = prepared(pkg, context)
        text_name = ex.slug + self.file_suffix
        files = {text_name: text_item(ex, context)}
        for photo in ex.photos:
            files[f"{ex.slug}.photo-{photo.index}{self.file_suffix}"] = picture_item(
                ex, photo, context)
        names = list(files)
        files[f"{ex.slug}.package{self.file_suffix}"] = package_item(ex, context, names)
        files[OWN_CATALOG] = own_catalog()
        return ExportResult(files=files)


register(NewsmlG2Exporter())

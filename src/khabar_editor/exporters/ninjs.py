"""``ninjs``: IPTC ninjs 3.1 (News in JSON), valid with format checking.

Every ``uri``/``href`` is absolute: the article is ``urn:khabar:article:<uuid>``,
photos ``urn:khabar:photo:<uuid>`` (from the article id and file name), the category
``urn:khabar:category:<id>``; photo renditions point to
``ExportContext.media_url()`` and carry the bundle path in ``title``.
Place levels travel as ``literal`` ``city:<slug>``, ``district:...``,
``state:...``, ``country:...``; a known country also with its ISO 3166-1 URI. The
category also travels as its IPTC Media Topic (``rel: "about"``, from the taxonomy).
Dates carry the newsroom time zone's offset (``ExportContext.timezone``).
"""

from __future__ import annotations

from typing import Any

from khabar_editor.article.slug import make_slug
from khabar_editor.exporters.common import (
    COUNTRY_SCHEME,
    MEDTOP_SCHEME,
    PLACE_LEVELS,
    ExportArticle,
    Photo,
    article_uri,
    country_code,
    iso,
    item_version,
    join_nonempty,
    json_bytes,
    photo_uri,
    prepared,
    pub_status,
)
from khabar_editor.exporters.registry import ExportContext, ExportResult, register
from khabar_editor.i18n import N_

SCHEMA_URI = "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#"


def _places(ex: ExportArticle) -> list[dict[str, Any]]:
    place = ex.article.place
    out = []
    for level in PLACE_LEVELS:
        name = getattr(place, level).strip()
        if name:
            entry = {"name": name, "rel": "located" if level == "city" else "broader",
                     "literal": f"{level}:{make_slug(name) or 'x'}"}
            code = country_code(name) if level == "country" else ""
            if code:
                entry["uri"] = COUNTRY_SCHEME + code
            out.append(entry)
    return out


def _subjects(ex: ExportArticle) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    if ex.category_label and ex.medtop:
        out.append({"name": ex.category_label, "rel": "about", "uri": MEDTOP_SCHEME + ex.medtop})
    if ex.category_label:
        out.append({"name": ex.category_label, "rel": "category",
                    "uri": f"urn:khabar:category:{make_slug(ex.category_id) or 'x'}",
                    "literal": ex.category_id})
    for tag in ex.article.tags:
        if tag.strip():
            out.append({"name": tag.strip(), "rel": "tag"})
    return out


def _association(ex: ExportArticle, photo: Photo, context: ExportContext) -> dict[str, Any]:
    # rendition names from the IPTC rendition NewsCodes, as in the NewsML-G2 picture items
    rendition: dict[str, Any] = {
        "name": "highRes", "href": context.media_url(photo.path), "title": photo.path,
        "contentType": photo.mime, "sizeInBytes": len(photo.data),
    }
    if photo.width and photo.height:
        rendition.update(width=photo.width, height=photo.height)
    renditions = [rendition]
    if photo.web is not None:
        web: dict[str, Any] = {
            "name": "web", "href": context.media_url(photo.web.path), "title": photo.web.path,
            "contentType": "image/jpeg", "sizeInBytes": len(photo.web.data)}
        if photo.web.width and photo.web.height:
            web.update(width=photo.web.width, height=photo.web.height)
        renditions.append(web)
    descriptions = [{"role": "caption", "value": photo.caption}] if photo.caption else []
    if photo.alt:
        descriptions.append({"role": "alt", "value": photo.alt})
    if photo.credit:
        descriptions.append({"role": "creditline", "value": photo.credit})
    assoc: dict[str, Any] = {
        "name": "featureimage" if photo.index == 1 else f"photo-{photo.index}",
        "rel": "photo", "uri": photo_uri(ex.article, photo), "type": "picture",
        "language": ex.lang, "renditions": renditions,
    }
    if photo.credit:
        assoc.update(by=photo.credit, copyrightNotice=photo.credit)
    if descriptions:
        assoc["descriptions"] = descriptions
    return assoc


def ninjs_document(ex: ExportArticle, context: ExportContext) -> dict[str, Any]:
    """The ninjs 3.1 object of the article."""
    a = ex.article
    doc: dict[str, Any] = {
        "uri": article_uri(a), "type": "text", "representationType": "full",
        "profile": "khabar-editor-text", "version": item_version(a),
        "firstCreated": iso(a.created), "versionCreated": iso(a.modified),
        "contentCreated": iso(a.created), "pubStatus": pub_status(a), "urgency": a.priority,
        "language": ex.lang, "slugline": ex.slug,
        "headlines": [{"role": "main", "value": a.headline}],
    }
    if a.embargo:
        doc["embargoedUntil"] = iso(a.embargo)
    if a.deck:
        doc["headlines"].append({"role": "sub", "value": a.deck})
    if a.byline.name:
        doc["by"] = a.byline.name
        doc["people"] = [{"name": a.byline.name, "rel": "author"}]
    if a.dateline.place:
        doc["located"] = a.dateline.place
    descriptions = [{"role": "summary", "value": ex.summary}] if ex.summary else []
    if a.byline.name:
        byline = join_nonempty([a.byline.name, a.byline.role])
        descriptions.append({"role": "byline", "value": byline})
    if ex.dateline_text:
        descriptions.append({"role": "dateline", "value": ex.dateline_text})
    if descriptions:
        doc["descriptions"] = descriptions
    doc.update(places=_places(ex), subjects=_subjects(ex))
    doc["bodies"] = [
        # roles as in the IPTC examples: "richtext" for markup, "main" for plain text
        {"role": "richtext", "contentType": "text/html", "wordCount": ex.word_count,
         "charCount": len(ex.body_text), "value": ex.body_html},
        {"role": "main", "contentType": "text/plain", "wordCount": ex.word_count,
         "charCount": len(ex.body_text), "value": ex.body_text},
    ]
    if ex.photos:
        doc["associations"] = [_association(ex, p, context) for p in ex.photos]
    doc["altIds"] = [{"role": "khabar-id", "value": a.id}]
    doc["standard"] = {"name": "ninjs", "version": "3.1", "schema": SCHEMA_URI}
    return {k: v for k, v in doc.items() if v != []}


class NinjsExporter:
    """IPTC ninjs 3.1 JSON."""

    id = "ninjs"
    label = N_("IPTC ninjs 3.1 (JSON)")
    file_suffix = ".ninjs.json"

    def export(self, pkg: Any, context: ExportContext) -> ExportResult:
        """``<slug>.ninjs.json``."""
        ex = prepared(pkg, context)
        data = json_bytes(ninjs_document(ex, context))
        return ExportResult(files={ex.slug + self.file_suffix: data})


register(NinjsExporter())

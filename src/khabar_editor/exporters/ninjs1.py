"""``ninjs-1.6``: IPTC ninjs 1.6 (News in JSON, draft-07 schema), for consumers of ninjs 1.x.

ninjs 1.x is what most ingest code still reads (Superdesk's ninjs feed parser
among them): lower-case names (``versioncreated``, ``body_html``), one
``headline`` and ``byline`` string, ``located``, ``subject`` and ``place`` as
``{name, code, scheme}`` and ``associations`` as an object keyed by name
(``featureimage``, ``photo_2``...), each association a whole ninjs picture with
its ``renditions`` keyed by name (``original``, ``web``).

Choices for ingest without loss:

* every date is UTC with ``Z``: Superdesk's ninjs parser reads only UTC forms;
* a photo's caption is ``description_text``, its alt text ``body_text`` (where
  Superdesk reads a picture's alt text) and its credit ``byline`` and
  ``copyrightnotice``;
* the category travels as its IPTC Media Topic and Subject Code (scheme URIs of
  the IPTC NewsCodes) and as ``urn:khabar:category:<id>``; tags as subjects with
  ``rel: "tag"``; the country of the place with its ISO 3166-1 code.
"""

from __future__ import annotations

from typing import Any

from khabar_editor.article.slug import make_slug
from khabar_editor.exporters.common import (
    COUNTRY_SCHEME,
    MEDTOP_SCHEME,
    PLACE_LEVELS,
    SUBJ_SCHEME,
    ExportArticle,
    Photo,
    article_uri,
    country_code,
    item_version,
    join_nonempty,
    json_bytes,
    photo_uri,
    prepared,
    pub_status,
)
from khabar_editor.exporters.dates import utc_z
from khabar_editor.exporters.registry import ExportContext, ExportResult, register
from khabar_editor.i18n import N_

SCHEMA_URI = "http://www.iptc.org/std/ninjs/ninjs-schema_1.6.json#"
CATEGORY_SCHEME = "urn:khabar:category:"


def subjects(ex: ExportArticle) -> list[dict[str, Any]]:
    """The category (Media Topic, Subject Code, our own id) and the tags."""
    out: list[dict[str, Any]] = []
    if ex.category_label:
        if ex.medtop:
            out.append({"name": ex.category_label, "rel": "about", "scheme": MEDTOP_SCHEME,
                        "code": ex.medtop})
        if ex.subj:
            out.append({"name": ex.category_label, "rel": "about", "scheme": SUBJ_SCHEME,
                        "code": ex.subj})
        out.append({"name": ex.category_label, "rel": "category", "scheme": CATEGORY_SCHEME,
                    "code": make_slug(ex.category_id) or "x"})
    out += [{"name": t.strip(), "rel": "tag"} for t in ex.article.tags if t.strip()]
    return out


def places(ex: ExportArticle) -> list[dict[str, Any]]:
    """City, district, state and country, with the country's ISO code when known."""
    out: list[dict[str, Any]] = []
    for level in PLACE_LEVELS:
        name = getattr(ex.article.place, level).strip()
        if not name:
            continue
        place: dict[str, Any] = {"name": name, "rel": "located" if not out else level}
        code = country_code(name) if level == "country" else ""
        if code:
            place.update(scheme=COUNTRY_SCHEME, code=code)
        out.append(place)
    return out


def _renditions(photo: Photo, context: ExportContext) -> dict[str, Any]:
    original: dict[str, Any] = {"href": context.media_url(photo.path), "title": photo.path,
                                "mimetype": photo.mime, "sizeinbytes": len(photo.data)}
    if photo.width and photo.height:
        original.update(width=photo.width, height=photo.height)
    out = {"original": original}
    if photo.web is not None:
        web: dict[str, Any] = {"href": context.media_url(photo.web.path),
                               "title": photo.web.path, "mimetype": "image/jpeg",
                               "sizeinbytes": len(photo.web.data)}
        if photo.web.width and photo.web.height:
            web.update(width=photo.web.width, height=photo.web.height)
        out["web"] = web
    return out


def picture(ex: ExportArticle, photo: Photo, context: ExportContext) -> dict[str, Any]:
    """One photo as a ninjs 1.6 picture object."""
    a = ex.article
    item: dict[str, Any] = {
        "uri": photo_uri(a, photo), "type": "picture", "mimetype": photo.mime,
        "representationtype": "complete", "version": item_version(a),
        "versioncreated": utc_z(a.modified), "firstcreated": utc_z(a.created),
        "pubstatus": pub_status(a), "language": ex.lang,
        "headline": photo.caption or photo.alt or photo.name, "slugline": f"{ex.slug}-{photo.index}",
    }
    if photo.caption:
        item["description_text"] = photo.caption
    if photo.alt:
        item["body_text"] = photo.alt
    if photo.credit:
        item.update(byline=photo.credit, copyrightholder=photo.credit,
                    copyrightnotice=photo.credit)
    item["renditions"] = _renditions(photo, context)
    return item


def association_name(photo: Photo) -> str:
    """``featureimage`` for the first photo, ``photo_<n>`` for the others."""
    return "featureimage" if photo.index == 1 else f"photo_{photo.index}"


def ninjs1_document(ex: ExportArticle, context: ExportContext) -> dict[str, Any]:
    """The ninjs 1.6 object of the article."""
    a = ex.article
    doc: dict[str, Any] = {
        "uri": article_uri(a), "type": "text", "mimetype": "text/html",
        "representationtype": "complete", "profile": "khabar-editor-text",
        "version": item_version(a),
        "firstcreated": utc_z(a.created), "versioncreated": utc_z(a.modified),
        "contentcreated": utc_z(a.created), "pubstatus": pub_status(a), "urgency": a.priority,
        "language": ex.lang, "slugline": ex.slug, "headline": a.headline,
    }
    if a.embargo:
        doc["embargoed"] = utc_z(a.embargo)
    if a.deck:
        doc["headline_sub"] = a.deck
    if a.byline.name:
        doc["byline"] = join_nonempty([a.byline.name, a.byline.role])
        doc["person"] = [{"name": a.byline.name, "rel": "author"}]
    if a.dateline.place:
        doc["located"] = a.dateline.place
    if ex.dateline_text:
        doc["description_dateline"] = ex.dateline_text
    if ex.summary:
        doc["description_text"] = ex.summary
    if context.provider.strip():
        doc["copyrightholder"] = context.provider.strip()
    doc.update(subject=subjects(ex), place=places(ex))
    doc.update(body_html=ex.body_html, body_text=ex.body_text, wordcount=ex.word_count,
               charcount=len(ex.body_text))
    if ex.photos:
        doc["associations"] = {association_name(p): picture(ex, p, context) for p in ex.photos}
    doc["altids"] = {"khabar-id": a.id}
    doc["$standard"] = {"name": "ninjs", "version": "1.6", "schema": SCHEMA_URI}
    return {k: v for k, v in doc.items() if v != []}


class Ninjs1Exporter:
    """IPTC ninjs 1.6 JSON."""

    id = "ninjs-1.6"
    label = N_("IPTC ninjs 1.6 (JSON, for ninjs 1.x readers)")
    file_suffix = ".ninjs-1.6.json"

    def export(self, pkg: Any, context: ExportContext) -> ExportResult:
        """``<slug>.ninjs-1.6.json``."""
        ex = prepared(pkg, context)
        data = json_bytes(ninjs1_document(ex, context))
        return ExportResult(files={ex.slug + self.file_suffix: data})


register(Ninjs1Exporter())

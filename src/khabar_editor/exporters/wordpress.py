"""WordPress: ``wxr`` (WXR 1.2 for the WordPress Importer) and ``wp-json`` (REST body).

Decisions (documented in ``docs/exports.md``):

* status: ``approved`` -> ``pending`` (or ``publish`` with
  ``ExportContext.publish_approved``; ``future`` when an embargo is set);
  everything else -> ``draft``. Nothing goes live without a person in WordPress.
* the printed dateline opens the content as ``<p class="khabar-dateline">``.
* post id 1 is the article, photos are attachments 2, 3, ... with
  ``wp:post_parent`` 1 (the importer renumbers them); the first photo is the
  featured image (``_thumbnail_id``).
* metadata travels as postmeta ``khabar_*`` (see :data:`META_KEYS`).
* how text is written so that all three parsers of the WordPress Importer read
  it back unchanged and none of them sees markup in a value:
  :mod:`khabar_editor.exporters.wxr_text`. Every text value is written with
  :func:`~khabar_editor.exporters.wxr_text.wxr_field`; values that may hold a
  ``<`` come after every element the importer looks up in the same item, so a
  ``<wp:status`` in a value is never the first one it finds. Site addresses
  (read without entity decoding) are percent-encoded where they hold anything
  but URL characters.
"""

from __future__ import annotations

import re
from datetime import datetime
from email.utils import format_datetime
from typing import Any
from urllib.parse import quote
from xml.sax.saxutils import escape, quoteattr

from khabar_editor.article.model import Status
from khabar_editor.article.slug import make_slug
from khabar_editor.errors import ExportError
from khabar_editor.exporters.dates import WP_ZERO_DATE, as_utc, wp_date
from khabar_editor.exporters.common import (
    ExportArticle, article_uri, clean_text, iso, json_bytes, one_line, prepared,
)
from khabar_editor.exporters.registry import ExportContext, ExportResult, register
from khabar_editor.exporters.wxr_text import (
    LINE_LIMIT, ValueTooLong, html_text, meta_value, wrap_html, wxr_field,
)
from khabar_editor.i18n import N_

WXR_NS = {
    "excerpt": "http://wordpress.org/export/1.2/excerpt/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "wfw": "http://wellformedweb.org/CommentAPI/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "wp": "http://wordpress.org/export/1.2/",
}
META_KEYS = (
    "khabar_id", "khabar_deck", "khabar_byline_name", "khabar_byline_role", "khabar_dateline",
    "khabar_dateline_place", "khabar_dateline_date", "khabar_place_city",
    "khabar_place_district", "khabar_place_state", "khabar_place_country", "khabar_language",
    "khabar_priority", "khabar_embargo",
)
_SLUG_OK = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# URL characters that need no escaping in XML text and no decoding by the regex parser
_URL_SAFE = "/:?#[]@!$'()*+,;=%-._~"
MSG_TOO_LONG = N_("The {field} is too long for the WordPress importer: {size} bytes in one "
                  "line (at most {limit}).")


def site_address(url: str) -> str:
    """``url`` as written in WXR: one line, no XML-forbidden characters, and everything
    but URL characters (``&``, ``<``, ``"``, spaces, non-ASCII...) percent-encoded, since
    the regex parser reads ``wp:base_site_url`` without decoding entities."""
    return quote(one_line(clean_text(url)), safe=_URL_SAFE)


def uri_text(uri: str) -> str:
    """A URL or URN for a CDATA value (guid, attachment URL): one line, percent-encoded
    where it is not made of URL characters, so it never holds a ``<``."""
    return quote(one_line(clean_text(uri)), safe=_URL_SAFE + "&")


def post_name(slug: str) -> str:
    """``slug`` as ``wp:post_name``: kept when it is a Latin slug, else percent-encoded
    (as WordPress stores non-Latin slugs), so it never holds a ``<``."""
    return slug if _SLUG_OK.match(slug) else quote(one_line(slug), safe="-._~").lower()


def _long_line(name: str, line: str) -> str:
    """``line`` unchanged, or an :class:`ExportError` when the regex parser would cut it."""
    size = len(line.encode("utf-8"))
    if size > LINE_LIMIT:
        raise ExportError(MSG_TOO_LONG, code="export.wxr_too_long", field=name, size=size,
                          limit=LINE_LIMIT)
    return line


def _field(name: str, text: str, kind: str = "text") -> str:
    """:func:`wxr_field`, with a too long value reported as an :class:`ExportError`."""
    try:
        return wxr_field(text, kind)
    except ValueTooLong as exc:
        raise ExportError(MSG_TOO_LONG, code="export.wxr_too_long", field=name,
                          size=exc.size, limit=exc.limit) from None


def _wp_html(fragment: str) -> str:
    """HTML as the regex parser leaves it (it rewrites ``<br>`` and ``<hr>``)."""
    return fragment.replace("<br>", "<br />").replace("<hr>", "<hr />")


def wp_status(ex: ExportArticle, context: ExportContext) -> str:
    """Our workflow status as a WordPress post status."""
    if ex.article.status is not Status.APPROVED:
        return "draft"
    if not context.publish_approved:
        return "pending"
    return "future" if ex.article.embargo is not None else "publish"


def term_slug(name: str, fallback: str) -> str:
    """A Latin nicename for a category or tag label."""
    if _SLUG_OK.match(name):
        return name
    return make_slug(name) or fallback


def categories(ex: ExportArticle) -> list[tuple[str, str]]:
    """[(name, nicename)] of the article's category (the taxonomy id is the nicename)."""
    if not ex.category_label:
        return []
    nicename = ex.category_id if _SLUG_OK.match(ex.category_id) else term_slug(
        ex.category_label, "category")
    return [(ex.category_label, nicename)]


def tags(ex: ExportArticle) -> list[tuple[str, str]]:
    """[(name, nicename)] of the tags, nicenames unique."""
    out: list[tuple[str, str]] = []
    used: set[str] = set()
    for number, tag in enumerate((t.strip() for t in ex.article.tags), start=1):
        if not tag:
            continue
        slug = term_slug(tag, f"tag-{number}")
        if slug in used:
            slug = f"{slug}-{number}"
        used.add(slug)
        out.append((tag, slug))
    return out


def post_meta(ex: ExportArticle) -> dict[str, str]:
    """The ``khabar_*`` postmeta of the article (empty values left out)."""
    a = ex.article
    values = {
        "khabar_id": a.id, "khabar_deck": a.deck, "khabar_byline_name": a.byline.name,
        "khabar_byline_role": a.byline.role, "khabar_dateline": ex.dateline_text,
        "khabar_dateline_place": a.dateline.place,
        "khabar_dateline_date": a.dateline.date.isoformat() if a.dateline.date else "",
        "khabar_place_city": a.place.city, "khabar_place_district": a.place.district,
        "khabar_place_state": a.place.state, "khabar_place_country": a.place.country,
        "khabar_language": ex.lang, "khabar_priority": str(a.priority),
        "khabar_embargo": iso(a.embargo) if a.embargo else "",
    }
    return {k: v for k, v in values.items() if v}


def post_content(ex: ExportArticle) -> str:
    """The post HTML: the printed dateline, then the sanitized body."""
    if not ex.dateline_text:
        return ex.body_html
    dateline = escape(ex.dateline_text)
    return f'<p class="khabar-dateline"><strong>{dateline}</strong></p>\n{ex.body_html}'


def post_dates(ex: ExportArticle, status: str) -> tuple[str, str, datetime]:
    """(``post_date``, ``post_date_gmt``, the moment) of the post, as WordPress keeps them.

    ``post_date`` is the site's wall-clock time (the article's dates are already on
    the newsroom's clock, see :func:`~khabar_editor.exporters.common.prepare`),
    ``post_date_gmt`` the same moment in UTC. A scheduled post (``future``) is dated
    at its embargo. Drafts and pending posts leave ``post_date_gmt`` empty
    (``0000-00-00 00:00:00``), as WordPress's own exporter does: their date is not
    fixed yet, so WordPress dates them when the desk publishes.
    """
    a = ex.article
    moment = a.embargo if status == "future" and a.embargo else a.created
    gmt = WP_ZERO_DATE if status in ("draft", "pending") else wp_date(as_utc(moment))
    return wp_date(moment), gmt, as_utc(moment)


def _meta_xml(key: str, value: str) -> str:
    return (f"    <wp:postmeta>\n      <wp:meta_key>{_field(key, key)}</wp:meta_key>\n"
            f"      <wp:meta_value>{_field(key, meta_value(value))}</wp:meta_value>\n"
            "    </wp:postmeta>")


def _item_xml(fields: dict[str, Any]) -> str:
    """One ``<item>``; ``fields`` holds the values (already decided) of one post.

    Title, content and excerpt are escaped HTML (a raw ``<`` only opens an HTML
    tag); URLs and the slug are percent-encoded; the values that may hold any
    text (terms, meta) come last, after every element the regex parser looks up
    by its first ``<name``.
    """
    f = fields
    lines = [
        "  <item>",
        f"    <title>{_field('title', html_text(f['title']))}</title>",
        _long_line("site URL", f"    <link>{escape(site_address(f['link']))}</link>"),
        f"    <pubDate>{format_datetime(f['moment'])}</pubDate>",
        f"    <dc:creator>{_field('author', f['author'])}</dc:creator>",
        f"    <guid isPermaLink=\"false\">{_field('guid', uri_text(f['guid']))}</guid>",
        "    <description></description>",
        f"    <content:encoded>{_field('body', _wp_html(wrap_html(f['content'])))}"
        "</content:encoded>",
        f"    <excerpt:encoded>{_field('excerpt', _wp_html(wrap_html(html_text(f['excerpt']))))}"
        "</excerpt:encoded>",
        f"    <wp:post_id>{f['id']}</wp:post_id>",
        f"    <wp:post_date>{_field('date', f['local'])}</wp:post_date>",
        f"    <wp:post_date_gmt>{_field('date', f['gmt'])}</wp:post_date_gmt>",
        f"    <wp:comment_status>{_field('comment_status', 'closed')}</wp:comment_status>",
        f"    <wp:ping_status>{_field('ping_status', 'closed')}</wp:ping_status>",
        f"    <wp:post_name>{_field('slug', post_name(f['name']))}</wp:post_name>",
        f"    <wp:status>{_field('status', f['status'])}</wp:status>",
        f"    <wp:post_parent>{f['parent']}</wp:post_parent>",
        "    <wp:menu_order>0</wp:menu_order>",
        f"    <wp:post_type>{_field('type', f['type'])}</wp:post_type>",
        f"    <wp:post_password>{_field('password', '')}</wp:post_password>",
        "    <wp:is_sticky>0</wp:is_sticky>",
    ]
    if f.get("attachment_url"):
        url = uri_text(f["attachment_url"])
        lines.append(f"    <wp:attachment_url>{_field('media URL', url)}</wp:attachment_url>")
    for domain, name, nicename in f.get("terms", []):
        lines.append(f"    <category domain={quoteattr(domain)} nicename={quoteattr(nicename)}>"
                     f"{_field(domain, name, 'term')}</category>")
    lines.extend(_meta_xml(k, v) for k, v in f.get("meta", {}).items())
    lines.append("  </item>")
    return "\n".join(lines)


def _attachment_items(ex: ExportArticle, context: ExportContext, author: str) -> list[str]:
    items = []
    local, gmt, moment = post_dates(ex, "inherit")
    site = context.site_url.rstrip("/")
    for photo in ex.photos:
        url = photo.path if context.wxr_relative_media else context.media_url(photo.path)
        url = one_line(clean_text(url))
        meta = {"_wp_attachment_image_alt": photo.alt} if photo.alt else {}
        if photo.credit:
            meta["khabar_credit"] = photo.credit
        items.append(_item_xml({
            "title": photo.name.rsplit(".", 1)[0],
            "link": f"{site}/?attachment_id={photo.index + 1}",
            "gmt": gmt, "local": local, "moment": moment, "author": author, "guid": url,
            "content": "", "excerpt": photo.caption, "id": photo.index + 1,
            "name": f"{ex.slug}-{photo.index}", "status": "inherit", "parent": 1,
            "type": "attachment", "attachment_url": url, "meta": meta,
        }))
    return items


def author_login(ex: ExportArticle) -> str:
    """A Latin login for the byline name (``khabar`` when there is none)."""
    return make_slug(ex.article.byline.name).replace("-", ".") or "khabar"


def _channel_head(ex: ExportArticle, context: ExportContext, login: str, gmt: datetime,
                  cats: list[tuple[str, str]], tag_terms: list[tuple[str, str]]) -> list[str]:
    """The XML declaration, ``<rss>``, and the channel up to the first item."""
    site = site_address(context.site_url).rstrip("/")
    ns = " ".join(f'xmlns:{k}="{v}"' for k, v in WXR_NS.items())
    author = ("  <wp:author><wp:author_id>1</wp:author_id>"
              f"<wp:author_login>{_field('author', login, 'line')}</wp:author_login>"
              f"<wp:author_email>{_field('author', '', 'line')}</wp:author_email>"
              "<wp:author_display_name>"
              f"{_field('byline', ex.article.byline.name, 'line')}"
              "</wp:author_display_name></wp:author>")
    if len(author.encode("utf-8")) > LINE_LIMIT:
        raise ExportError(MSG_TOO_LONG, code="export.wxr_too_long", field="byline",
                          size=len(author.encode("utf-8")), limit=LINE_LIMIT)
    head = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<rss version="2.0" {ns}>', "<channel>",
        _long_line("provider", f"  <title>{escape(one_line(clean_text(context.provider)))}"
                               "</title>"),
        _long_line("site URL", f"  <link>{escape(site)}</link>"),
        "  <description></description>", f"  <pubDate>{format_datetime(gmt)}</pubDate>",
        f"  <language>{escape(ex.lang)}</language>", "  <wp:wxr_version>1.2</wp:wxr_version>",
        f"  <wp:base_site_url>{escape(site)}</wp:base_site_url>",
        f"  <wp:base_blog_url>{escape(site)}</wp:base_blog_url>",
        # one line, as WordPress writes it: WXR_Parser_Regex reads <wp:author> only so
        author,
    ]
    for number, (name, nicename) in enumerate(cats, start=1):
        head.append(f"  <wp:category><wp:term_id>{number}</wp:term_id>"
                    f"<wp:category_nicename>{_field('category', nicename)}</wp:category_nicename>"
                    f"<wp:category_parent>{_field('category', '')}</wp:category_parent>"
                    f"<wp:cat_name>{_field('category', name)}</wp:cat_name></wp:category>")
    for number, (name, nicename) in enumerate(tag_terms, start=len(cats) + 1):
        head.append(f"  <wp:tag><wp:term_id>{number}</wp:term_id>"
                    f"<wp:tag_slug>{_field('tag', nicename)}</wp:tag_slug>"
                    f"<wp:tag_name>{_field('tag', name)}</wp:tag_name></wp:tag>")
    return head


def wxr_document(ex: ExportArticle, context: ExportContext) -> str:
    """The complete WXR 1.2 document."""
    status = wp_status(ex, context)
    local, gmt, moment = post_dates(ex, status)
    login = author_login(ex)
    cats, tag_terms = categories(ex), tags(ex)
    meta = post_meta(ex)
    if ex.photos:
        meta["_thumbnail_id"] = "2"
    terms = [("category", n, s) for n, s in cats] + [("post_tag", n, s) for n, s in tag_terms]
    post = _item_xml({
        "title": ex.article.headline, "link": f"{context.site_url.rstrip('/')}/?p=1",
        "gmt": gmt, "local": local, "moment": moment, "author": login,
        "guid": article_uri(ex.article),
        "content": post_content(ex), "excerpt": ex.summary, "id": 1, "name": ex.slug,
        "status": status, "parent": 0, "type": "post", "terms": terms, "meta": meta,
    })
    head = _channel_head(ex, context, login, moment, cats, tag_terms)
    items = [post, *_attachment_items(ex, context, login)]
    return "\n".join([*head, *items, "</channel>", "</rss>", ""])


def rest_body(ex: ExportArticle, context: ExportContext) -> dict[str, Any]:
    """The JSON body for ``POST /wp/v2/posts`` plus the ``_khabar`` side structure.

    WordPress wants category/tag/media *ids*, which only the target site knows,
    so names and slugs travel in ``_khabar`` for the ingest script to resolve
    (WordPress ignores unknown top-level keys).
    """
    status = wp_status(ex, context)
    _, gmt, moment = post_dates(ex, status)
    # Only the absolute moment travels (date_gmt), never the site-local "date": WordPress
    # prefers "date" when both are sent. Drafts and pending posts send no date at all,
    # so WordPress dates them when they are published.
    dated = {} if gmt == WP_ZERO_DATE else {"date_gmt": moment.strftime("%Y-%m-%dT%H:%M:%S")}
    return {
        "title": html_text(ex.article.headline),
        "content": post_content(ex),
        "excerpt": html_text(ex.summary),
        "slug": ex.slug,
        "status": status,
        **dated,
        "comment_status": "closed",
        "ping_status": "closed",
        "format": "standard",
        "meta": post_meta(ex),
        "_khabar": {
            "id": article_uri(ex.article),
            "categories": [{"name": n, "slug": s} for n, s in categories(ex)],
            "tags": [{"name": n, "slug": s} for n, s in tags(ex)],
            "author": {"name": ex.article.byline.name, "role": ex.article.byline.role},
            "featured_media": ex.photos[0].path if ex.photos else None,
            "media": [{"file": p.path, "mime_type": p.mime, "caption": p.caption,
                       "alt_text": p.alt, "credit": p.credit} for p in ex.photos],
        },
    }


class WxrExporter:
    """WordPress eXtended RSS 1.2, for Tools > Import > WordPress."""

    id = "wxr"
    label = N_("WordPress import file (WXR)")
    file_suffix = ".wxr.xml"

    def export(self, pkg: Any, context: ExportContext) -> ExportResult:
        """``<slug>.wxr.xml``."""
        ex = prepared(pkg, context)
        return ExportResult(files={ex.slug + self.file_suffix:
                                   wxr_document(ex, context).encode("utf-8")})


class WpJsonExporter:
    """The WordPress REST API request body for creating the post."""

    id = "wp-json"
    label = N_("WordPress REST API (JSON)")
    file_suffix = ".wp.json"

    def export(self, pkg: Any, context: ExportContext) -> ExportResult:
        """``<slug>.wp.json``."""
        ex = prepared(pkg, context)
        data = json_bytes(rest_body(ex, context))
        return ExportResult(files={ex.slug + self.file_suffix: data})


register(WxrExporter())
register(WpJsonExporter())

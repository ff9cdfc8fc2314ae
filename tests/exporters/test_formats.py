"""Each format validated against its official schema, and read back field by field."""

from __future__ import annotations

import json
import re

import lxml.html
import pytest
from lxml import etree

from khabar_editor.exporters import ExportContext, get_exporter
from khabar_editor.exporters.common import prepare
from tests.exporters.helpers import (
    assert_ninjs_valid,
    assert_xml_valid,
    golden_package,
    nitf_namespaced,
    parse_wxr,
)

G2_XSD = "newsml-g2/NewsML-G2_2.35-spec-All-Power.xsd"
NITF_XSD = "nitf/nitf-3-6.xsd"
G2 = {"g": "http://iptc.org/std/nar/2006-10-01/", "h": "http://www.w3.org/1999/xhtml"}
NITF = {"n": "http://iptc.org/std/NITF/2006-10-18/"}


@pytest.fixture(scope="module")
def pkg():
    """The golden Hindi article with two photos."""
    return golden_package()


@pytest.fixture(scope="module")
def expected(pkg):
    """What every format must carry, taken from the article itself."""
    ex = prepare(pkg)
    return {
        "headline": pkg.article.headline, "byline": pkg.article.byline.name,
        "role": pkg.article.byline.role, "dateline": "पटना, 28 नवंबर 2026",
        "place": ["पटना", "पटना", "बिहार", "भारत"], "category": "राज्य",
        "category_id": "rajya", "tags": ["बाढ़", "गंगा", "आपदा प्रबंधन"], "language": "hi",
        "body_words": squash(ex.body_text),
    }


def squash(text: str) -> str:
    """Text with whitespace and list bullets/table bars removed, for body comparison."""
    return re.sub(r"[\s•|]+", "", text)


def run(pkg, fmt: str, **ctx) -> dict[str, bytes]:
    return get_exporter(fmt).export(pkg, ExportContext(**ctx)).files


def only(files: dict[str, bytes], suffix: str) -> bytes:
    (name,) = [n for n in files if n.endswith(suffix) and ".photo-" not in n
               and ".package." not in n]
    return files[name]


def html_text(fragment: str) -> str:
    return lxml.html.fragment_fromstring(fragment, create_parent="div").text_content()


def test_ninjs_valid_and_round_trip(pkg, expected):
    """ninjs 3.1 passes the Draft 2020-12 schema with format checks and keeps every field."""
    doc = assert_ninjs_valid(only(run(pkg, "ninjs"), ".ninjs.json"))
    assert doc["headlines"][0] == {"role": "main", "value": expected["headline"]}
    assert doc["by"] == expected["byline"]
    assert {"role": "dateline", "value": expected["dateline"]} in doc["descriptions"]
    assert doc["located"] == "पटना"
    assert [p["name"] for p in doc["places"]] == expected["place"]
    assert [p["literal"].split(":")[0] for p in doc["places"]] == [
        "city", "district", "state", "country"]
    cats = [s for s in doc["subjects"] if s.get("rel") == "category"]
    assert cats[0]["name"] == expected["category"] and cats[0]["uri"].endswith(":rajya")
    assert [s["name"] for s in doc["subjects"] if s.get("rel") == "tag"] == expected["tags"]
    assert doc["language"] == "hi" and doc["urgency"] == 3
    html_body, text_body = doc["bodies"]
    assert squash(html_text(html_body["value"])) == expected["body_words"]
    assert squash(text_body["value"]) == expected["body_words"]
    photo = doc["associations"][0]
    assert photo["type"] == "picture" and photo["uri"].startswith("urn:khabar:photo:")
    assert {"role": "caption", "value": pkg.article.media[0].caption} in photo["descriptions"]
    assert photo["copyrightNotice"] == pkg.article.media[0].credit
    assert photo["renditions"][0]["href"] == "https://example.invalid/media/digha-ghat.jpg"
    assert photo["renditions"][0]["width"] == 640


def test_ninjs_media_base_url_is_configurable(pkg):
    """Rendition links follow the newsroom's media base URL."""
    doc = json.loads(only(run(pkg, "ninjs", media_base_url="https://cdn.example.org/k/"),
                          ".ninjs.json"))
    assert doc["associations"][1]["renditions"][0]["href"] == (
        "https://cdn.example.org/k/raahat-shivir.jpg")


def test_newsml_g2_items_valid_and_round_trip(pkg, expected):
    """Text, picture and package items each validate against the 2.35 XSD and carry the fields."""
    files = run(pkg, "newsml-g2")
    assert len(files) == 5 and "catalog.khabar-editor_1.xml" in files
    for data in files.values():
        assert_xml_valid(data, G2_XSD)
    files.pop("catalog.khabar-editor_1.xml")
    root = etree.fromstring(only(files, ".newsml.xml"))
    x = lambda path: root.xpath(path, namespaces=G2)  # noqa: E731
    assert x("string(//g:contentMeta/g:headline[not(@role)])") == expected["headline"]
    assert x("string(//g:creator/g:name)") == expected["byline"]
    assert x("string(//g:dateline)") == expected["dateline"]
    assert x("//g:subject[@type='cpnat:geoArea']//g:name/text()") == expected["place"]
    assert x("string(//g:subject[@type='cpnat:abstract']/g:name)") == expected["category"]
    assert x("//g:keyword/text()") == expected["tags"]
    assert x("string(//g:language/@tag)") == "hi"
    body = x("//h:body")[0]
    assert squash("".join(body.itertext())) == expected["body_words"]
    package = etree.fromstring(files[next(n for n in files if ".package." in n)])
    refs = package.xpath("//g:itemRef/@href", namespaces=G2)
    assert sorted(refs) == sorted(n for n in files if ".package." not in n)
    photo = etree.fromstring(files[next(n for n in files if ".photo-1." in n)])
    assert photo.xpath("string(//g:remoteContent/@href)", namespaces=G2) == "media/digha-ghat.jpg"
    assert photo.xpath("string(//g:creditline)", namespaces=G2) == pkg.article.media[0].credit


@pytest.mark.parametrize("fmt", ["nitf", "nitf-ns"])
def test_nitf_valid_and_round_trip(pkg, expected, fmt):
    """NITF 3.6 (plain and namespaced) validates against its XSD and carries the fields."""
    data = only(run(pkg, fmt), f".{fmt}.xml")
    assert (etree.fromstring(data).tag == "nitf") == (fmt == "nitf")
    root = assert_xml_valid(data, NITF_XSD)
    x = lambda path: root.xpath(path, namespaces=NITF)  # noqa: E731
    assert x("string(//n:hl1)") == expected["headline"]
    assert x("string(//n:byline[1])") == expected["byline"]
    assert x("string(//n:byline/n:byttl)") == expected["role"]
    assert x("string(//n:du-key/@key)") == x("string(//n:meta[@name='anpa-keyword']/@content)")
    assert re.sub(r"\s+", " ", x("string(//n:dateline)")).strip() == expected["dateline"]
    assert x("//n:identified-content/n:location/*/text()") == expected["place"]
    assert x("string(//n:classifier[@type='category'])") == expected["category"]
    assert x("//n:keyword/@key") == expected["tags"]
    assert x("string(/n:nitf/@baselang)") == "hi"
    content = x("//n:body.content")[0]
    paragraphs = [el for el in content if el.tag != f"{{{NITF['n']}}}media"]
    assert squash("".join("".join(p.itertext()) for p in paragraphs)) == expected["body_words"]
    media = x("//n:media")
    assert len(media) == 2
    assert media[0].xpath("string(n:media-producer)", namespaces=NITF) == (
        pkg.article.media[0].credit)


def test_wxr_parses_like_the_wordpress_importer(pkg, expected):
    """WXR 1.2 resolves every lookup of WXR_Parser_SimpleXML and carries the fields."""
    wxr = parse_wxr(only(run(pkg, "wxr"), ".wxr.xml"))
    assert wxr["version"] == "1.2" and wxr["base_url"] == "https://example.invalid"
    post, *attachments = wxr["posts"]
    assert post["post_title"] == expected["headline"] and post["post_type"] == "post"
    assert post["post_name"] == prepare(pkg).slug
    assert post["status"] == "pending"  # approved, but a person publishes in WordPress
    meta = post["postmeta"]
    assert meta["khabar_byline_name"] == expected["byline"]
    assert meta["khabar_dateline"] == expected["dateline"]
    assert [meta[f"khabar_place_{k}"] for k in ("city", "district", "state", "country")] == (
        expected["place"])
    assert meta["khabar_language"] == "hi"
    cats = [t for t in post["terms"] if t["domain"] == "category"]
    assert cats == [{"name": "राज्य", "slug": "rajya", "domain": "category"}]
    assert [t["name"] for t in post["terms"] if t["domain"] == "post_tag"] == expected["tags"]
    assert all(re.fullmatch(r"[a-z0-9-]+", t["slug"]) for t in post["terms"])
    assert [c["category_nicename"] for c in wxr["categories"]] == ["rajya"]
    content = post["post_content"].split("</p>", 1)[1]  # after the dateline paragraph
    assert squash(html_text(content)) == expected["body_words"]
    assert post["post_author"] in wxr["authors"]
    assert [a["post_type"] for a in attachments] == ["attachment", "attachment"]
    assert all(a["post_parent"] == post["post_id"] for a in attachments)
    assert meta["_thumbnail_id"] == str(attachments[0]["post_id"])
    assert attachments[0]["post_excerpt"] == pkg.article.media[0].caption
    assert attachments[0]["postmeta"]["_wp_attachment_image_alt"] == pkg.article.media[0].alt
    assert attachments[0]["attachment_url"] == "https://example.invalid/media/digha-ghat.jpg"


def test_wxr_options_relative_media_and_publish(pkg):
    """Relative attachment URLs and publishing approved posts are newsroom choices."""
    wxr = parse_wxr(only(run(pkg, "wxr", wxr_relative_media=True, publish_approved=True,
                             site_url="https://news.example.org/"), ".wxr.xml"))
    assert wxr["base_url"] == "https://news.example.org"
    assert wxr["posts"][0]["status"] == "publish"
    assert wxr["posts"][1]["attachment_url"] == "media/digha-ghat.jpg"


def test_wp_json_is_a_rest_body_with_side_structure(pkg, expected):
    """The REST body has the fields POST /wp/v2/posts takes; names wait in _khabar."""
    body = json.loads(only(run(pkg, "wp-json"), ".wp.json"))
    assert body["title"] == expected["headline"] and body["status"] == "pending"
    assert body["slug"] == prepare(pkg).slug
    assert body["meta"]["khabar_byline_name"] == expected["byline"]
    assert "categories" not in body and "tags" not in body  # ids are the site's business
    assert body["_khabar"]["categories"] == [{"name": "राज्य", "slug": "rajya"}]
    assert [t["name"] for t in body["_khabar"]["tags"]] == expected["tags"]
    assert body["_khabar"]["featured_media"] == "media/digha-ghat.jpg"


def test_html_page_is_standalone_and_semantic(pkg, expected):
    """The HTML page declares UTF-8 and the language, and has the article's parts."""
    data = only(run(pkg, "html"), ".html")
    doc = lxml.html.document_fromstring(data.decode("utf-8"))
    assert doc.get("lang") == "hi" and b'<meta charset="utf-8">' in data
    assert doc.xpath("string(//h1[@class='headline'])") == expected["headline"]
    assert doc.xpath("string(//p[@class='dateline'])") == expected["dateline"]
    assert doc.xpath("string(//span[@class='name'])") == expected["byline"]
    assert [f.get("src") for f in doc.xpath("//figure/img")] == [
        "media/digha-ghat.jpg", "media/raahat-shivir.jpg"]
    assert pkg.article.media[1].credit in doc.xpath("string(//figure[2]/figcaption)")
    assert doc.xpath("//style") and not doc.xpath("//link|//script")
    body = doc.xpath("//div[@class='body']")[0]
    assert squash(body.text_content()) == expected["body_words"]


def test_text_is_wire_style(pkg, expected):
    """Headline, byline, then the dateline opening the first paragraph with the danda."""
    text = only(run(pkg, "text"), ".txt").decode("utf-8")
    lines = text.split("\n")
    assert lines[0] == expected["headline"]
    assert lines[2] == f"{expected['byline']}, {expected['role']}"
    assert "\nपटना, 28 नवंबर 2026 (खबर एडिटर)। गंगा नदी का जलस्तर" in text
    assert "**" not in text and "<" not in text and "##" not in text


def test_embargo_priority_and_digits_reach_every_format():
    """An embargo, priority 1 and Devanagari dateline digits appear in each format's own field."""
    from datetime import datetime, timedelta, timezone

    pkg = golden_package()
    ist = timezone(timedelta(hours=5, minutes=30))
    pkg.article.embargo = datetime(2026, 11, 29, 6, 0, tzinfo=ist)
    pkg.article.priority = 1
    ctx = {"digits": "devanagari", "publish_approved": True}
    doc = json.loads(only(run(pkg, "ninjs", **ctx), ".ninjs.json"))
    assert doc["embargoedUntil"] == "2026-11-29T06:00:00+05:30" and doc["urgency"] == 1
    assert {"role": "dateline", "value": "पटना, २८ नवंबर २०२६"} in doc["descriptions"]
    g2 = etree.fromstring(only(run(pkg, "newsml-g2", **ctx), ".newsml.xml"))
    assert g2.xpath("string(//g:embargoed)", namespaces=G2) == "2026-11-29T06:00:00+05:30"
    assert g2.xpath("string(//g:urgency)", namespaces=G2) == "1"
    nitf = etree.fromstring(nitf_namespaced(only(run(pkg, "nitf", **ctx), ".nitf.xml")))
    assert nitf.xpath("string(//n:date.release/@norm)", namespaces=NITF) == "20261129T060000+0530"
    assert nitf.xpath("string(//n:story.date)", namespaces=NITF) == "२८ नवंबर २०२६"
    post = parse_wxr(only(run(pkg, "wxr", **ctx), ".wxr.xml"))["posts"][0]
    assert post["status"] == "future"
    assert (post["post_date"], post["post_date_gmt"]) == ("2026-11-29 06:00:00", "2026-11-29 00:30:00")
    text = only(run(pkg, "text", **ctx), ".txt").decode("utf-8")
    assert "पटना, २८ नवंबर २०२६ (खबर एडिटर)।" in text


def test_drafts_stay_drafts_in_wordpress(pkg):
    """Anything not approved is imported as a draft, whatever the options."""
    from khabar_editor.article.model import Status

    draft = golden_package()
    draft.article.status = Status.SUBMITTED
    body = json.loads(only(run(draft, "wp-json", publish_approved=True), ".wp.json"))
    assert body["status"] == "draft"


def test_the_validators_used_here_do_reject_bad_documents(pkg):
    """Guards against vacuous checks: a relative uri, a misplaced element and a
    DOCTYPE'd WXR are all rejected by the same helpers that pass our output."""
    doc = json.loads(only(run(pkg, "ninjs"), ".ninjs.json"))
    doc["uri"] = "relative-id"
    with pytest.raises(AssertionError, match="uri"):
        assert_ninjs_valid(json.dumps(doc).encode())
    nitf = only(run(pkg, "nitf"), ".nitf.xml").replace(b"<hedline>", b"<hedline><p/>", 1)
    with pytest.raises(AssertionError):
        assert_xml_valid(nitf, NITF_XSD)
    g2 = only(run(pkg, "newsml-g2"), ".newsml.xml").replace(
        b"<urgency>3</urgency>", b"<urgency>high</urgency>")
    with pytest.raises(AssertionError):
        assert_xml_valid(g2, G2_XSD)
    wxr = only(run(pkg, "wxr"), ".wxr.xml").replace(
        b"<rss ", b"<!DOCTYPE rss>\n<rss ", 1)
    with pytest.raises(AssertionError):
        parse_wxr(wxr)

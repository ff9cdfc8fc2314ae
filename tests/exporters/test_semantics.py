"""Beyond schema validity: a second validator, and the meaning of IDs, status, urgency, roles."""

from __future__ import annotations

import json
from functools import lru_cache

import pytest
import xmlschema
from lxml import etree

from khabar_editor.article.model import Language, Status
from khabar_editor.exporters import ExportContext, all_exporters, get_exporter
from tests.exporters.helpers import (
    SCHEMAS, assert_ninjs_valid, golden_package, nitf_namespaced, package_for,
)
from tests.exporters.test_hostile import hostile_article

G2 = {"g": "http://iptc.org/std/nar/2006-10-01/"}
NITF = {"n": "http://iptc.org/std/NITF/2006-10-18/"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@lru_cache(maxsize=None)
def second_validator(relative: str) -> xmlschema.XMLSchema:
    """xmlschema (pure Python, independent of libxml2) for a schema in tests/data/schemas."""
    return xmlschema.XMLSchema(str(SCHEMAS / relative))


def xsd_for(name: str) -> str | None:
    if name.endswith((".nitf.xml", ".nitf-ns.xml")):
        return "nitf/nitf-3-6.xsd"
    if name.endswith(".newsml.xml"):
        return "newsml-g2/NewsML-G2_2.35-spec-All-Power.xsd"
    return None


def outputs(pkg, **ctx) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for exporter in all_exporters():
        files.update(exporter.export(pkg, ExportContext(**ctx)).files)
    return files


HOSTILE = {
    "golden": golden_package,
    "markup": lambda: package_for(hostile_article(
        '<b>T & "J"</b> ]]>', "d & <", "<script>x</script> ]]> & <b>b</b>", "t&<", "c]]>")),
    "devanagari": lambda: package_for(hostile_article(
        "क़ानून 😀 क्\u200dष", "ज़", "फ़ 😀 क्\u200cष", "क़", "👩🏽‍💻")),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_xml_outputs_pass_xmlschema_too(case):
    """NewsML-G2 and NITF outputs also pass xmlschema; ninjs passes with format checks."""
    for name, data in outputs(HOSTILE[case]()).items():
        if xsd := xsd_for(name):
            second_validator(xsd).validate(nitf_namespaced(data).decode("utf-8"))
        elif name.endswith(".ninjs.json"):
            assert_ninjs_valid(data)


def test_xmlschema_does_reject_a_bad_document():
    """The second validator is not vacuous: an urgency word fails it."""
    data = get_exporter("newsml-g2").export(golden_package(), ExportContext()).files
    text = next(v for k, v in data.items() if k.endswith("ghusa.newsml.xml")).decode()
    with pytest.raises(xmlschema.XMLSchemaValidationError):
        second_validator(xsd_for("x.newsml.xml")).validate(
            text.replace("<urgency>3</urgency>", "<urgency>high</urgency>"))


def photo_ids(pkg) -> dict[str, str]:
    """{media file: photo URI} as written in ninjs, checked against NewsML-G2 guids."""
    files = outputs(pkg)
    doc = json.loads(next(v for k, v in files.items() if k.endswith(".ninjs.json")))
    ids = {a["renditions"][0]["title"]: a["uri"] for a in doc["associations"]}
    g2 = {etree.fromstring(v).xpath("string(//g:remoteContent/@href)", namespaces=G2):
          etree.fromstring(v).get("guid") for k, v in files.items() if ".photo-" in k}
    assert g2 == ids
    return ids


def test_photo_ids_follow_the_photo_not_its_position():
    """Re-exporting with the photos reordered keeps each picture's URI/guid."""
    pkg = golden_package()
    before = photo_ids(pkg)
    pkg.article.media.reverse()
    assert photo_ids(pkg) == before
    assert photo_ids(golden_package()) == before and len(set(before.values())) == 2


@pytest.mark.parametrize("status,expected", [
    (Status.APPROVED, "usable"), (Status.IN_EDIT, "withheld"), (Status.DRAFT, "withheld")])
def test_unapproved_articles_are_withheld_on_the_wire(status, expected):
    """pubStatus / management-status say whether the desk has cleared the item."""
    pkg = golden_package()
    pkg.article.status = status
    files = outputs(pkg)
    doc = json.loads(next(v for k, v in files.items() if k.endswith(".ninjs.json")))
    assert doc["pubStatus"] == expected
    for name, data in files.items():
        if name.endswith(".newsml.xml"):
            assert etree.fromstring(data).xpath(
                "string(//g:itemMeta/g:pubStatus/@qcode)", namespaces=G2) == f"stat:{expected}"
        if name.endswith(".nitf.xml"):
            assert etree.fromstring(nitf_namespaced(data)).xpath(
                "string(//n:docdata/@management-status)", namespaces=NITF) == expected


def test_nitf_urgency_stays_in_its_range_and_embargo_is_marked():
    """NITF ed-urg runs 1 (most) to 8 (least): priority 9 becomes 8; an embargo is flagged."""
    from datetime import datetime, timezone

    pkg = golden_package()
    pkg.article.priority = 9
    pkg.article.embargo = datetime(2026, 11, 29, tzinfo=timezone.utc)
    (data,) = get_exporter("nitf").export(pkg, ExportContext()).files.values()
    root = etree.fromstring(nitf_namespaced(data))
    assert root.xpath("string(//n:urgency/@ed-urg)", namespaces=NITF) == "8"
    assert root.xpath("string(//n:docdata/@management-status)", namespaces=NITF) == "embargoed"


def test_ninjs_bodies_use_distinct_roles():
    """HTML is the "richtext" body and plain text the "main" one, as in the IPTC examples."""
    (data,) = get_exporter("ninjs").export(golden_package(), ExportContext()).files.values()
    bodies = json.loads(data)["bodies"]
    assert [(b["role"], b["contentType"]) for b in bodies] == [
        ("richtext", "text/html"), ("main", "text/plain")]


def test_language_tag_reaches_every_format():
    """A Nepali article is tagged ne in every format's own language field."""
    pkg = golden_package()
    pkg.article.language = Language.NEPALI
    for name, data in outputs(pkg).items():
        if name.endswith(".newsml.xml"):
            root = etree.fromstring(data)
            assert root.get(XML_LANG) == "ne", name
            if "ghusa.newsml" in name:
                assert root.xpath("string(//g:language/@tag)", namespaces=G2) == "ne"
        elif name.endswith(".nitf.xml"):
            assert etree.fromstring(data).get("baselang") == "ne"
        elif name.endswith(".ninjs.json"):
            assert json.loads(data)["language"] == "ne"
        elif name.endswith(".html"):
            assert b'<html lang="ne">' in data
        elif name.endswith(".wxr.xml"):
            assert b"<language>ne</language>" in data


def test_web_renditions_are_listed_with_the_picture():
    """With web copies in the bundle, ninjs and NewsML-G2 list them as renditions of the photo."""
    from khabar_editor.exporters.bundle import build_bundle

    pkg = package_for(hostile_article("h", "d", "b", "rajya", "c"), photos=1, size=(2000, 1500))
    files = build_bundle(pkg, ["ninjs", "newsml-g2"],
                         ExportContext(web_renditions=True, check_spelling=False)).files
    doc = assert_ninjs_valid(next(v for k, v in files.items() if k.endswith(".ninjs.json")))
    highres, web = doc["associations"][0]["renditions"]
    assert (highres["name"], web["name"]) == ("highRes", "web")
    assert (web["width"], web["height"]) == (1280, 960)
    assert web["href"] == "https://example.invalid/media/web/photo-1.jpg"
    assert len(files[web["title"]]) == web["sizeInBytes"]
    picture = next(v for k, v in files.items() if ".photo-1." in k)
    second_validator(xsd_for("x.newsml.xml")).validate(picture.decode("utf-8"))
    remote = etree.fromstring(picture).xpath("//g:remoteContent", namespaces=G2)
    assert [r.get("rendition") for r in remote] == ["rnd:highRes", "rnd:web"]
    assert int(remote[1].get("size")) == len(files[remote[1].get("href")])


def test_html_page_stays_within_a_phone_screen():
    """Long words/URLs wrap and wide tables scroll in their own box (seen in Chromium)."""
    from khabar_editor.exporters.html_export import STYLE

    assert "overflow-wrap: break-word" in STYLE.split("article {", 1)[1].split("}", 1)[0]
    table = STYLE.split("table {", 1)[1].split("}", 1)[0]
    assert "overflow-x: auto" in table and "max-width: 100%" in table

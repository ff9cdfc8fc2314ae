"""Exports that ingest without loss (issue #9, item 2): read back the way consumers read them.

* NewsML-G2 through IPTC's own ``newsmlg2`` library (PyPI ``newsmlg2``), with every
  qcode resolved through the catalogs the items reference;
* NITF and ninjs 1.6 through models of Superdesk's feed parsers
  (superdesk-core ``superdesk/io/feed_parsers/nitf.py`` and ``ninjs.py``: the same
  lookups, written from their behaviour, see docs/exports.md);
* ninjs 1.6 against the official 1.6 schema.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as StdET
from datetime import datetime, timezone

import pytest
from lxml import etree

from khabar_editor.article.taxonomy import default_taxonomy, parse_taxonomy
from khabar_editor.errors import ArticleError
from khabar_editor.exporters import ExportContext, get_exporter
from tests.exporters.helpers import (
    SCHEMAS,
    assert_ninjs16_valid,
    assert_xml_valid,
    golden_package,
)

G2 = "http://iptc.org/std/nar/2006-10-01/"
G2_XSD = "newsml-g2/NewsML-G2_2.35-spec-All-Power.xsd"
OWN = "catalog.khabar-editor_1.xml"
QCODE_ATTRS = ("qcode", "type", "role", "rendition")


def files_of(fmt: str, pkg=None, **ctx) -> dict[str, bytes]:
    return get_exporter(fmt).export(pkg or golden_package(), ExportContext(**ctx)).files


def main_file(files: dict[str, bytes], suffix: str) -> bytes:
    (name,) = [n for n in files if n.endswith(suffix) and ".photo-" not in n
               and ".package." not in n]
    return files[name]


# --- NewsML-G2 through IPTC's newsmlg2 ---------------------------------------------------

@pytest.fixture
def g2_items(tmp_path, monkeypatch):
    """The NewsML-G2 files written to a folder, read with newsmlg2; our catalog is known to it
    as a consumer that fetched it would know it (newsmlg2 does not load remote catalogs)."""
    newsmlg2 = pytest.importorskip("NewsMLG2")
    from NewsMLG2 import catalog

    files = files_of("newsml-g2")
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    monkeypatch.setitem(catalog.CATALOG_CACHE, OWN, str(tmp_path / OWN))

    def read(name: str):
        doc = newsmlg2.NewsMLG2Document(str(tmp_path / name))
        return doc.get_item()

    return files, read, newsmlg2


def test_newsmlg2_reads_the_text_item(g2_items):
    """Headline, byline, dates and subjects come back; the category resolves to its Media
    Topic and Subject Code URIs through the IPTC catalog."""
    files, read, newsmlg2 = g2_items
    pkg = golden_package()
    name = next(n for n in files if n.endswith("ghusa.newsml.xml"))
    item = read(name)
    cm = item.contentmeta
    assert str(cm.headline[0]) == pkg.article.headline
    assert str(cm.by[0]).startswith(pkg.article.byline.name)
    assert datetime.fromisoformat(str(item.itemmeta.versioncreated)) == pkg.article.modified
    uris = {newsmlg2.qcode_to_uri(s.qcode) for s in cm.subject if s.qcode}
    assert "http://cv.iptc.org/newscodes/mediatopic/20000618" in uris
    assert "http://cv.iptc.org/newscodes/subjectcode/11012000" in uris
    assert "urn:khabar:category:rajya" in uris


def _qcodes(data: bytes) -> set[str]:
    root = etree.fromstring(data)
    found = set()
    for el in root.iter():
        for attr in QCODE_ATTRS:
            value = el.get(attr)
            if value and ":" in value:
                found.add(value)
    return found


def test_every_qcode_resolves_through_the_referenced_catalogs(g2_items):
    """No item uses a scheme alias that neither the IPTC catalog nor ours declares
    (hdrol:subtitle and group:main were declared nowhere before)."""
    files, read, newsmlg2 = g2_items
    for name in files:
        if name == OWN:
            continue
        read(name)  # builds the catalog store from this item's catalogRefs
        codes = _qcodes(files[name])
        assert codes, name
        for qcode in codes:
            assert newsmlg2.qcode_to_uri(qcode).startswith(("http", "urn:khabar:")), qcode
    text = next(n for n in files if n.endswith("ghusa.newsml.xml"))
    assert "hdrol:subtitle" in _qcodes(files[text])
    package = next(n for n in files if ".package." in n)
    assert {"group:root", "group:main"} <= _qcodes(files[package])


def test_picture_item_carries_caption_then_alt_text(g2_items):
    """The G2 photo item has the caption first (ingest reads the first description) and the
    alt text as drol:altText."""
    files, read, _ = g2_items
    pkg = golden_package()
    item = read(next(n for n in files if ".photo-1." in n))
    roles = [(d.role, str(d)) for d in item.contentmeta.description]
    assert roles == [("drol:caption", pkg.article.media[0].caption),
                     ("drol:altText", pkg.article.media[0].alt)]


def test_package_has_a_root_group_pointing_to_main(g2_items):
    """groupSet root="root": the root group refers to the main group, which holds the text
    and both photos, the shape Superdesk's ingest and the IPTC examples use."""
    files, read, _ = g2_items
    root = etree.fromstring(files[next(n for n in files if ".package." in n)])
    group_set = root.find(f"{{{G2}}}groupSet")
    assert group_set.get("root") == "root"
    groups = {g.get("id"): g for g in group_set}
    assert [r.get("idref") for r in groups["root"]] == ["main"]
    assert [r.find(f"{{{G2}}}itemClass").get("qcode") for r in groups["main"]] == [
        "ninat:text", "ninat:picture", "ninat:picture"]


def test_our_catalog_is_valid_g2_and_ships_in_the_bundle():
    """The catalog file validates against the NewsML-G2 XSD and is the package data copy."""
    from importlib import resources

    data = files_of("newsml-g2")[OWN]
    assert data == (resources.files("khabar_editor") / "data" / "iptc" / OWN).read_bytes()
    root = assert_xml_valid(data, G2_XSD)
    aliases = {s.get("alias") for s in root.iter(f"{{{G2}}}scheme")}
    assert aliases == {"hdrol", "group", "khcat"}


# --- NITF as Superdesk reads it -----------------------------------------------------------

def superdesk_nitf(data: bytes) -> dict:
    """The fields Superdesk's NITFFeedParser takes, by the same ElementTree lookups."""
    xml = StdET.fromstring(data)
    if xml.tag != "nitf":  # its can_parse()
        raise ValueError("not NITF for Superdesk")
    docdata = xml.find("head/docdata")
    byline_el = xml.find("body/body.head/byline")
    byline = byline_el.text
    person = byline_el.find("person")
    if person is not None and person.text is not None:
        byline = "{} {}".format(byline.strip(), person.text.strip())  # crashes on None text
    evloc = docdata.find("evloc")
    return {
        "guid": docdata.find("doc-id").get("id-string"),
        "urgency": int(docdata.find("urgency").get("ed-urg", "5")),
        "firstcreated": datetime.strptime(docdata.find("date.issue").get("norm"),
                                          "%Y%m%dT%H%M%S%z"),
        "headline": xml.find("body/body.head/hedline/hl1").text,
        "abstract": xml.find("body/body.head/abstract/p").text,
        "byline": byline,
        "slugline": xml.find("head/meta[@name='anpa-keyword']").get("content"),
        "keywords": [k.get("key") for k in docdata.findall("key-list/keyword")],
        "place": {"name": evloc.get("city"), "code": evloc.get("iso-cc")},
        "subject": [e.get("tobject.subject.refnum")
                    for e in xml.findall("head/tobject/tobject.subject")],
        "dateline_city": xml.find("body/body.head/dateline/location/city").text,
        "body": len(xml.find("body/body.content")),
    }


def test_superdesk_reads_the_plain_nitf():
    """Plain <nitf>: readable byline text, slug, place with country code, Subject Code, dates."""
    pkg = golden_package()
    item = superdesk_nitf(main_file(files_of("nitf"), ".nitf.xml"))
    a = pkg.article
    assert item["byline"] == a.byline.name
    assert item["headline"] == a.headline and item["abstract"] == a.summary
    assert item["slugline"] == "patna-men-ganga-khatre-ke-nishan-se-upar-12-ganvon-men-pani-ghusa"
    assert item["keywords"] == a.tags
    assert item["place"] == {"name": "पटना", "code": "IN"}
    assert item["subject"] == ["11012000"]
    assert item["firstcreated"] == a.created and item["dateline_city"] == "पटना"
    assert item["body"] > 5


def test_namespaced_nitf_is_refused_by_that_parser_and_old_byline_would_crash_it():
    """Guards the model: the namespaced form is not read, and a byline that starts with
    <person> (our old form) makes the parser fail, as it did in Superdesk."""
    with pytest.raises(ValueError):
        superdesk_nitf(main_file(files_of("nitf-ns"), ".nitf-ns.xml"))
    data = main_file(files_of("nitf"), ".nitf.xml")
    old = data.replace("<byline>राजेश कुमार सिंह</byline>".encode(),
                       "<byline><person>राजेश कुमार सिंह</person></byline>".encode())
    assert old != data
    with pytest.raises(AttributeError):
        superdesk_nitf(old)


# --- ninjs 1.6 ----------------------------------------------------------------------------

def superdesk_datetime(text: str) -> datetime:
    """Superdesk's NINJSFeedParser.datetime(): only these three UTC forms."""
    for form in ("%Y-%m-%dT%H:%M:%S+0000", "%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%dT%H:%M:%S+00:00"):
        try:
            return datetime.strptime(text, form).replace(tzinfo=timezone.utc)
        except ValueError:
            continue
    raise ValueError(text)


def test_ninjs16_is_valid_and_reads_like_ninjs_1x():
    """ninjs 1.6 passes the official schema; Superdesk-style reading finds headline, byline,
    body, located, subjects with Media Topic codes, keyed photo associations with alt text."""
    pkg = golden_package()
    doc = assert_ninjs16_valid(main_file(files_of("ninjs-1.6", web_renditions=False),
                                         ".ninjs-1.6.json"))
    a = pkg.article
    assert doc["headline"] == a.headline and doc["byline"].startswith(a.byline.name)
    assert doc["located"] == "पटना" and doc["language"] == "hi"
    assert "<h2>" in doc["body_html"] and doc["description_text"] == a.summary
    for key in ("firstcreated", "versioncreated", "contentcreated"):
        superdesk_datetime(doc[key])
    assert superdesk_datetime(doc["firstcreated"]) == a.created
    codes = {(s.get("scheme"), s.get("code")) for s in doc["subject"]}
    assert ("http://cv.iptc.org/newscodes/mediatopic/", "20000618") in codes
    assert {"name": "भारत", "rel": "country", "scheme": "http://cvx.iptc.org/iso3166-1a2/",
            "code": "IN"} in doc["place"]
    assert list(doc["associations"]) == ["featureimage", "photo_2"]
    photo = doc["associations"]["featureimage"]
    assert photo["type"] == "picture" and photo["body_text"] == a.media[0].alt
    assert photo["description_text"] == a.media[0].caption
    assert photo["renditions"]["original"]["href"].endswith("/media/digha-ghat.jpg")
    superdesk_datetime(photo["versioncreated"])


def test_ninjs16_schema_check_is_not_vacuous():
    """The 1.6 validator rejects a ninjs 3 style document and a list of associations."""
    doc = json.loads(main_file(files_of("ninjs-1.6"), ".ninjs-1.6.json"))
    doc["associations"] = list(doc["associations"].values())
    with pytest.raises(AssertionError):
        assert_ninjs16_valid(json.dumps(doc).encode())
    with pytest.raises(AssertionError):
        assert_ninjs16_valid(main_file(files_of("ninjs"), ".ninjs.json"))
    assert (SCHEMAS / "ninjs" / "ninjs-schema_1.6.json").is_file()


def test_embargo_in_ninjs16_and_g2_and_nitf_status():
    """An embargoed approved story is embargoed in ninjs 1.6 (UTC) and NITF (status)."""
    pkg = golden_package()
    pkg.article.embargo = datetime(2026, 11, 29, 0, 30, tzinfo=timezone.utc)
    doc = json.loads(main_file(files_of("ninjs-1.6", pkg), ".ninjs-1.6.json"))
    assert doc["embargoed"] == "2026-11-29T00:30:00Z"
    nitf = StdET.fromstring(main_file(files_of("nitf", pkg), ".nitf.xml"))
    assert nitf.find("head/docdata").get("management-status") == "embargoed"


# --- Media Topics in the taxonomy ---------------------------------------------------------

def test_every_shipped_category_but_opinion_maps_to_a_media_topic():
    """The shipped category file maps each category to an 8-digit Media Topic and Subject
    Code (Opinion is a genre, not a topic)."""
    for cat in default_taxonomy().categories:
        if cat.id == "vichar":
            assert (cat.medtop, cat.subj) == ("", "")
        else:
            assert len(cat.medtop) == 8 and cat.medtop.isdigit(), cat.id
            assert len(cat.subj) == 8 and cat.subj.isdigit(), cat.id
    assert default_taxonomy().get("khel").medtop == "15000000"
    assert default_taxonomy().get("mausam").medtop == "17000000"


def test_newsroom_taxonomy_codes_are_checked():
    """A newsroom file may write medtop:NNNNNNNN; a code that is not 8 digits (an unquoted
    01000000 read as a number, a typo) is refused with the category's number, in Hindi too."""
    taxonomy = parse_taxonomy("categories:\n  - {id: a, en: A, medtop: 'medtop:04000000'}\n")
    assert taxonomy.get("a").medtop == "04000000"
    assert taxonomy.get("a").label("en") == "A" and taxonomy.get("a").labels == (("en", "A"),)
    with pytest.raises(ArticleError) as info:
        parse_taxonomy("categories:\n  - {id: a, en: A}\n  - {id: b, en: B, subj: 1100}\n")
    assert info.value.code == "taxonomy.code" and "2" in str(info.value)
    assert "8 अंकों" in info.value.message("hi")


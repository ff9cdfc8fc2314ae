"""WXR read back by all three parsers of the WordPress Importer gives what we meant.

A one-off run of the importer's own PHP parsers (docs/exports.md, "WordPress
Importer check") found what these tests pin: the regex fallback parser reads
``<wp:author>`` only from one line and cuts lines at 8,191 bytes; the importer
``maybe_unserialize()``s meta values; title, excerpt and caption are HTML there.
"""

from __future__ import annotations

import html
import re
from datetime import date

import pytest

from khabar_editor.article.model import Article, Byline, Dateline, Media, Place
from khabar_editor.exporters import ExportContext, get_exporter
from khabar_editor.exporters.common import prepare
from khabar_editor.exporters.wxr_text import LINE_BREAK, is_php_serialized, meta_value, wrap_html
from tests.exporters.helpers import (
    golden_package, package_for, parse_wxr, parse_wxr_regex, parse_wxr_xml,
)


def article(headline: str, body: str, byline: str = "राजेश", city: str = "पटना",
            caption: str = "कैप्शन", alt: str = "चित्र", summary: str = "") -> Article:
    return Article(headline=headline, summary=summary, byline=Byline(byline, "संवाददाता"),
                   dateline=Dateline("पटना", date(2026, 11, 28)),
                   place=Place(city, "पटना", "बिहार", "भारत"), category="rajya",
                   tags=["बाढ़", "a & b", "<x>"], body=body,
                   media=[Media("media/a.jpg", caption, "फ़ोटो", alt),
                          Media("media/b.jpg", caption, "फ़ोटो", alt)])


CASES = {
    "golden": golden_package,
    "markup": lambda: package_for(article(
        '<b>Tom & "Jerry"</b> ]]> <script>x</script>', "a & < > ]]> <b>raw</b>",
        byline='A & B <i>"x"</i> ]]>', caption="cap & <b>q</b> ]]>", alt="alt & <q> ]]>",
        summary="sum & <b>x</b> ]]>")),
    "devanagari": lambda: package_for(article(
        "क़ानून ज़रूरी 😀 👩🏽‍💻 क्\u200dष क्\u200cष", "क़ ज़ फ़ 😀 क्\u200dष\n\nदूसरा।",
        byline="ज़ाकिर 😀", caption="क़ 😀", alt="ज़ 😀")),
    "long": lambda: package_for(article(
        "लंबी ख़बर", ("गंगा का जलस्तर बढ़ा। " * 3000) + "\n\n" + "क़" * 9000 + "\n\n"
        + "\n\n".join(f"अनुच्छेद {i}।" for i in range(500)))),
    "serialized": lambda: package_for(article(
        "सीरियल", "शरीर", byline='a:1:{i:0;s:1:"x";}', city="b:1;", alt="N;")),
}


def wxr_of(pkg) -> bytes:
    (data,) = get_exporter("wxr").export(pkg, ExportContext()).files.values()
    return data


def php_unserialized(value: str) -> str:
    """What the importer stores for a meta value, for the string cases we emit."""
    found = re.fullmatch(r's:(\d+):"(.*)";', value, re.S)
    if found and is_php_serialized(value):
        assert int(found.group(1)) == len(found.group(2).encode("utf-8"))
        return found.group(2)
    assert not is_php_serialized(value), value
    return value


@pytest.mark.parametrize("case", sorted(CASES))
def test_regex_fallback_parser_reads_what_simplexml_reads(case):
    """The importer's last-resort parser agrees with SimpleXML on every field we write."""
    data = wxr_of(CASES[case]())
    full, regex = parse_wxr(data), parse_wxr_regex(data)
    assert regex["authors"].keys() == full["authors"].keys()
    for login, author in regex["authors"].items():
        assert author["author_display_name"] == full["authors"][login]["author_display_name"]
    assert regex["categories"] == [{k: c[k] for k in ("category_nicename", "cat_name")}
                                   for c in full["categories"]]
    assert regex["tags"] == [{k: t[k] for k in ("tag_slug", "tag_name")} for t in full["tags"]]
    assert len(regex["posts"]) == len(full["posts"]) == 3
    for got, want in zip(regex["posts"], full["posts"]):
        for key, value in got.items():
            assert value == want[key], (case, key)


@pytest.mark.parametrize("case", sorted(CASES))
def test_xml_extension_parser_reads_what_simplexml_reads(case):
    """WXR_Parser_XML (PHP's xml extension) agrees with SimpleXML on every field we write."""
    data = wxr_of(CASES[case]())
    full, xml = parse_wxr(data), parse_wxr_xml(data)
    assert {k: a["author_display_name"] for k, a in xml["authors"].items()} == {
        k: a["author_display_name"] for k, a in full["authors"].items()}
    assert [(c["category_nicename"], c["cat_name"]) for c in xml["categories"]] == [
        (c["category_nicename"], c["cat_name"]) for c in full["categories"]]
    assert [(t["tag_slug"], t["tag_name"]) for t in xml["tags"]] == [
        (t["tag_slug"], t["tag_name"]) for t in full["tags"]]
    assert len(xml["posts"]) == len(full["posts"]) == 3
    for got, want in zip(xml["posts"], full["posts"]):
        for key in ("post_title", "post_content", "post_excerpt", "post_name", "status",
                    "post_type", "guid", "post_author", "postmeta"):
            assert got.get(key, "") == want[key], (case, key)
        assert [(t["name"], t["slug"]) for t in got["terms"]] == [
            (t["name"], t["slug"]) for t in want["terms"]]


@pytest.mark.parametrize("case", sorted(CASES))
def test_importer_gets_the_article_back(case):
    """Title/excerpt/caption are HTML-escaped plain text; meta survives maybe_unserialize."""
    pkg = CASES[case]()
    ex = prepare(pkg)
    post, *attachments = parse_wxr(wxr_of(pkg))["posts"]
    assert html.unescape(post["post_title"]) == ex.article.headline
    assert "<" not in post["post_title"] + post["post_excerpt"].replace(LINE_BREAK, "")
    assert html.unescape(post["post_excerpt"].replace(LINE_BREAK, "")) == ex.summary
    content = post["post_content"].replace(LINE_BREAK, "")  # the regex parser's <br />
    assert content.endswith(ex.body_html.replace("<br>", "<br />").replace("<hr>", "<hr />"))
    meta = {k: php_unserialized(v) for k, v in post["postmeta"].items()}
    assert meta["khabar_byline_name"] == ex.article.byline.name
    assert meta["khabar_place_city"] == ex.article.place.city
    assert meta["_thumbnail_id"] == str(attachments[0]["post_id"])
    for att, photo in zip(attachments, ex.photos):
        assert att["post_parent"] == post["post_id"] and att["post_type"] == "attachment"
        assert html.unescape(att["post_excerpt"]) == photo.caption
        alt = php_unserialized(att["postmeta"]["_wp_attachment_image_alt"])
        assert alt == photo.alt  # plain text: WordPress escapes it when it prints it


def test_no_line_is_cut_by_the_regex_parser():
    """Every line stays under the 8,191 bytes fgets() reads, even for one huge word."""
    data = wxr_of(CASES["long"]())
    assert max(len(line) for line in data.split(b"\n")) < 8191
    assert len(data) > 200_000


def test_wrap_html_breaks_only_inside_comments():
    """Removing the breaks gives the original back; words stay whole where they can."""
    text = "<p>" + "शब्द " * 4000 + "</p>\n<p>" + "क़" * 5000 + "</p>"
    wrapped = wrap_html(text, limit=1000)
    assert wrapped.replace(LINE_BREAK, "") == text
    assert all(len(line.encode()) <= 1000 for line in wrapped.split("\n"))
    assert "शब्द <!--\n-->शब्द" in wrapped
    assert "-->\u093c" not in wrapped and "\u0915<!--" not in wrapped  # nukta stays on क
    assert wrap_html("<p>short</p>") == "<p>short</p>"


@pytest.mark.parametrize("value,serialized", [
    ("b:1;", True), ("i:5;", True), ("d:0.5;", True), ("N;", True), (" b:0; ", True),
    ('a:1:{i:0;s:1:"x";}', True), ('s:3:"abc";', True), ('O:8:"stdClass":0:{}', True),
    ("b:1", False), ("b:x;", False), ("s:3:abc;", False), ("राजेश", False), ("ab;", False),
    ("i:5; और", False),
])
def test_php_serialized_detection_matches_wordpress(value, serialized):
    """Values WordPress's is_serialized() flags are wrapped as a PHP string, others untouched."""
    assert is_php_serialized(value) is serialized
    wrapped = meta_value(value)
    assert (wrapped != value) is serialized
    assert php_unserialized(wrapped) == value

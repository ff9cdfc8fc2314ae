"""Hostile content: every export stays well-formed and valid, and nothing executable survives."""

from __future__ import annotations

import json
import re
from datetime import date

import lxml.html
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from khabar_editor.article.model import Article, Byline, Dateline, Media, Place
from khabar_editor.exporters import ExportContext, all_exporters
from tests.exporters.helpers import (
    assert_ninjs16_valid,
    assert_ninjs_valid,
    assert_xml_valid,
    package_for,
    parse_wxr,
)

HOSTILE = [
    "<script>alert(1)</script>", "]]>", "]]]]>", "<![CDATA[x]]>", "&", "&amp;", "<", ">", '"', "'",
    "<img src=x onerror=alert(1)>", "[click](javascript:alert(1))", "<a href=\"javascript:x\">a</a>",
    "<iframe src=//evil>", "<svg onload=alert(1)>", "<style>body{}</style>", "\x00", "\x07", "\x1b",
    "\x0b", "\x85", "\ufffe", "क़", "ज़", "क्\u200dष", "क्\u200cष", "😀", "👩🏽‍💻", "\u202e",
    "\n\n", "# ", "> ", "- ", "`code`", "**b**", "&#0;", "&#x1;", "&#xD800;", "<!-- c -->",
    "<?php ?>", "<!DOCTYPE x>", "पटना", " ", "।", "{x}", "%s",
]
hostile_text = st.lists(st.sampled_from(HOSTILE) | st.text(max_size=8), max_size=12).map("".join)
XSD = {".nitf.xml": "nitf/nitf-3-6.xsd", ".nitf-ns.xml": "nitf/nitf-3-6.xsd",
       ".newsml.xml": "newsml-g2/NewsML-G2_2.35-spec-All-Power.xsd"}
BAD_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def assert_nothing_executable(root) -> None:
    """No script/iframe/object elements, no on* attributes, no javascript: URLs."""
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        local = etree.QName(el).localname.lower()
        assert local not in {"script", "iframe", "object", "embed", "style"} or (
            local == "style" and el.getparent() is not None
            and etree.QName(el.getparent()).localname == "head"), local
        for name, value in el.attrib.items():
            assert not etree.QName(name).localname.lower().startswith("on"), name
            assert not re.sub(r"[\s\x00-\x1f]", "", value).lower().startswith(
                ("javascript:", "vbscript:", "data:text")), value


def check_html(fragment: str) -> None:
    if fragment.strip():
        assert_nothing_executable(lxml.html.fragment_fromstring(fragment, create_parent="div"))


def check_file(name: str, data: bytes) -> None:
    """Format-specific well-formedness, validity and safety checks for one output file."""
    text = data.decode("utf-8")  # strict: no lone surrogates
    assert not BAD_XML_CHARS.search(text), name
    if name.endswith(".xml"):
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
        for suffix, xsd in XSD.items():
            if name.endswith(suffix):
                assert_xml_valid(data, xsd)
        if name.endswith(".wxr.xml"):
            for post in parse_wxr(data)["posts"]:
                check_html(post["post_content"])
        else:
            assert_nothing_executable(root)
    elif name.endswith(".ninjs.json"):
        doc = assert_ninjs_valid(data)
        check_html(doc["bodies"][0]["value"])
    elif name.endswith(".ninjs-1.6.json"):
        check_html(assert_ninjs16_valid(data)["body_html"])
    elif name.endswith(".wp.json"):
        check_html(json.loads(data)["content"])
    elif name.endswith(".html"):
        assert_nothing_executable(lxml.html.document_fromstring(text))


def hostile_article(h: str, d: str, body: str, tag: str, caption: str) -> Article:
    return Article(
        headline=h or "x", deck=d, summary=d, byline=Byline(h, d),
        dateline=Dateline(d, date(2026, 11, 28)), place=Place(h, d, tag, caption),
        category=tag or "rajya", tags=[tag, h], body=body,
        media=[Media("media/a.jpg", caption, d, h)],
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(h=hostile_text, d=hostile_text, body=hostile_text, tag=hostile_text, caption=hostile_text)
def test_every_exporter_survives_hostile_text(h, d, body, tag, caption):
    """Any mix of markup, CDATA ends, controls, nukta/ZWJ and emoji gives safe, valid output."""
    pkg = package_for(hostile_article(h, d, body, tag, caption))
    for exporter in all_exporters():
        for name, data in exporter.export(pkg, ExportContext()).files.items():
            check_file(name, data)


def test_known_attacks_are_neutralised():
    """The classic payloads in the body and headline leave no trace of executable code."""
    body = ('<script>alert(1)</script>\n\n<img src="x" onerror="alert(2)">\n\n'
            '[link](javascript:alert(3)) <a href="javascript:alert(4)">b</a>\n\n'
            "<p onclick=\"x()\">क्\u200dष ]]> &amp; </p>")
    pkg = package_for(hostile_article("<b>]]></b> & \"'", "\x01\x02", body, "t", "c"))
    outputs = {}
    for exporter in all_exporters():
        outputs.update(exporter.export(pkg, ExportContext()).files)
    for name, data in outputs.items():
        check_file(name, data)
        assert b"alert(" not in data and b"javascript" not in data, name
    wxr = next(v for k, v in outputs.items() if k.endswith(".wxr.xml"))
    # post_title is HTML in WordPress: the plain-text headline arrives escaped
    assert parse_wxr(wxr)["posts"][0]["post_title"] == "&lt;b&gt;]]&gt;&lt;/b&gt; &amp; \"'"
    assert "क्\u200dष ]]&gt; &amp;" in parse_wxr(wxr)["posts"][0]["post_content"]


def test_very_long_text_exports():
    """A 200,000-character headline-sized body and long headline still validate."""
    body = ("गंगा का जलस्तर बढ़ा। " * 20000) + "\n\n" + "क़" * 5000
    pkg = package_for(hostile_article("ख" * 2500, "d", body, "t", "c"))  # WXR line < 8,000 B
    for exporter in all_exporters():
        for name, data in exporter.export(pkg, ExportContext()).files.items():
            check_file(name, data)


def test_context_values_with_controls_never_break_an_export():
    """Provider and URLs from settings or a dialog with controls/surrogates still export cleanly."""
    from khabar_editor.exporters import ExportContext, get_exporter
    from tests.exporters.helpers import golden_package

    pkg = golden_package()
    context = ExportContext(provider="A\x01B\ud800", site_url="https://x.org/\x01",
                            media_base_url="https://x.org/m\x00/")
    assert context.provider == "AB" and context.site_url == "https://x.org/"
    for fid in ("newsml-g2", "nitf", "ninjs", "ninjs-1.6", "text", "wxr", "wp-json", "html"):
        files = get_exporter(fid).export(pkg, context).files
        for data in files.values():
            text = data.decode("utf-8") if isinstance(data, bytes) else data
            assert "\x01" not in text and "\x00" not in text

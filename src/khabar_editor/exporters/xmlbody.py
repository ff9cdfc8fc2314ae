"""The sanitized HTML body re-expressed as XML: XHTML (NewsML-G2) or NITF body content.

Input is always the nh3-sanitized fragment from :mod:`.common`, so only a
small, safe set of tags can appear; anything unexpected is reduced to text.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from khabar_editor.exporters.common import clean_text, html_fragments

XHTML_NS = "http://www.w3.org/1999/xhtml"
XHTML_KEEP_ATTRS = {"href", "title", "src", "alt", "width", "height", "colspan", "rowspan",
                    "scope", "start"}


def append_text(parent: Any, text: str | None) -> None:
    """Append ``text`` at the end of ``parent``'s content (text or last child's tail)."""
    if not text:
        return
    text = clean_text(text)
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _xhtml_copy(src: Any, parent: Any) -> None:
    el = etree.SubElement(parent, f"{{{XHTML_NS}}}{src.tag}")
    for name, value in src.attrib.items():
        if name in XHTML_KEEP_ATTRS:
            el.set(name, clean_text(value))
    append_text(el, src.text)
    for child in src:
        if isinstance(child.tag, str):
            _xhtml_copy(child, el)
        append_text(el, child.tail)


def xhtml_body(fragment: str, parent: Any) -> None:
    """Append the fragment's elements to ``parent`` (an XHTML ``body``)."""
    for node in html_fragments(fragment):
        _xhtml_copy(node, parent)


# --- NITF -------------------------------------------------------------------

NITF_INLINE = {"em": ("em", None), "i": ("em", None), "strong": ("em", "strong"),
               "b": ("em", "strong"), "code": ("em", "code"), "q": ("q", None)}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def _nitf_inline(src: Any, parent: Any, ns: str) -> None:
    """Copy the inline content of ``src`` (text and children) into ``parent``."""
    append_text(parent, src.text)
    for child in src:
        _nitf_inline_node(child, parent, ns)


def _nitf_inline_node(child: Any, parent: Any, ns: str) -> None:
    """Copy one inline node of the HTML (and its tail) into ``parent``."""
    tag = child.tag if isinstance(child.tag, str) else ""
    if tag in NITF_INLINE:
        name, cls = NITF_INLINE[tag]
        el = etree.SubElement(parent, f"{{{ns}}}{name}")
        if cls:
            el.set("class", cls)
        _nitf_inline(child, el, ns)
    elif tag == "a":
        el = etree.SubElement(parent, f"{{{ns}}}a")
        if child.get("href"):
            el.set("href", clean_text(child.get("href")))
        _nitf_inline(child, el, ns)
    elif tag == "br":
        etree.SubElement(parent, f"{{{ns}}}br")
    elif tag and tag != "img":
        _nitf_inline(child, parent, ns)  # unwrap: keep the text
    append_text(parent, child.tail)


def _nitf_block(src: Any, parent: Any, ns: str) -> None:
    tag = src.tag
    if tag in HEADINGS:
        _nitf_inline(src, etree.SubElement(parent, f"{{{ns}}}hl2"), ns)
    elif tag in {"ul", "ol"}:
        lst = etree.SubElement(parent, f"{{{ns}}}{tag}")
        for item in src:
            if isinstance(item.tag, str):
                li = etree.SubElement(lst, f"{{{ns}}}li")
                _nitf_li(item, li, ns)
        if not len(lst):
            parent.remove(lst)
    elif tag == "blockquote":
        block = etree.SubElement(etree.SubElement(parent, f"{{{ns}}}bq"), f"{{{ns}}}block")
        _nitf_blocks(src, block, ns)
    elif tag == "pre":
        pre = etree.SubElement(parent, f"{{{ns}}}pre")
        pre.text = clean_text(src.text_content())
    elif tag == "hr":
        etree.SubElement(parent, f"{{{ns}}}hr")
    elif tag == "table":
        _nitf_table(src, parent, ns)
    else:
        _nitf_inline(src, etree.SubElement(parent, f"{{{ns}}}p"), ns)


def _nitf_table(src: Any, parent: Any, ns: str) -> None:
    """An HTML table as an NITF ``table`` of ``tr`` rows (header cells stay ``th``)."""
    table = etree.Element(f"{{{ns}}}table")
    for row in src.iter("tr"):
        cells = [c for c in row if c.tag in {"td", "th"}]
        if not cells:
            continue
        tr = etree.SubElement(table, f"{{{ns}}}tr")
        for cell in cells:
            _nitf_inline(cell, etree.SubElement(tr, f"{{{ns}}}{cell.tag}"), ns)
    if len(table):
        parent.append(table)


def _nitf_li(src: Any, li: Any, ns: str) -> None:
    append_text(li, src.text)
    for child in src:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in {"ul", "ol", "p", "blockquote", "pre", "table"} | HEADINGS:
            _nitf_block(child, li, ns)
            append_text(li, child.tail)
        else:
            _nitf_inline_node(child, li, ns)


def _nitf_blocks(src: Any, parent: Any, ns: str) -> None:
    text = (src.text or "").strip()
    if text:
        etree.SubElement(parent, f"{{{ns}}}p").text = clean_text(text)
    for child in list(src):
        if isinstance(child.tag, str):
            _nitf_block(child, parent, ns)
        if child.tail and child.tail.strip():
            etree.SubElement(parent, f"{{{ns}}}p").text = clean_text(child.tail.strip())


def nitf_body(fragment: str, parent: Any, ns: str) -> None:
    """Append the fragment as NITF block content (``p``, ``hl2``, ``ul``, ``bq``...)."""
    for node in html_fragments(fragment):
        _nitf_block(node, parent, ns)

"""The article's one style sheet, for the HTML export and (translated) the live preview.

:data:`ARTICLE_CSS` is written into every exported page. The preview's
QTextBrowser understands only a subset of CSS 2.1 (no ``rem``, no ``font``
shorthand with a line height, no ``max-width``, no unknown elements such as
``<article>``), so :func:`qt_css` translates the same rules into that subset:
the same sizes (in px), colours, weights and spacing, so the preview shows the
text at the size the export will. Nothing is maintained twice.
"""

from __future__ import annotations

import re

ARTICLE_CSS = """
body { margin: 0; background: #fafafa; color: #1a1a1a; }
article { max-width: 44rem; margin: 2rem auto; padding: 0 1rem; font: 1.125rem/1.7
  "Noto Sans Devanagari", "Mukta", "Nirmala UI", "Mangal", sans-serif;
  overflow-wrap: break-word; }
.category { color: #b00020; font-weight: bold; margin: 0; }
.headline { font-size: 2rem; line-height: 1.3; margin: .25rem 0; }
.deck { font-size: 1.25rem; color: #444; margin: .25rem 0 1rem; }
.byline, .dateline { color: #555; margin: .25rem 0; }
.dateline { font-weight: bold; }
figure { margin: 1.5rem 0; }
figure img { max-width: 100%; height: auto; }
figcaption { font-size: .95rem; color: #444; }
.credit { color: #777; }
blockquote { border-left: 4px solid #ccc; margin-left: 0; padding-left: 1rem; color: #333; }
table { border-collapse: collapse; display: block; max-width: 100%; overflow-x: auto; }
td, th { border: 1px solid #ccc; padding: .25rem .5rem; } th { background: #f0f0f0; }
""".strip()

ROOT_PX = 16  # 1rem in a browser with default settings

# A browser's defaults for what the export leaves to them (1em paragraph spacing,
# h2 1.5em, h3 1.17em at the 18px body size), stated for Qt, which has others
# (font sizes in pt, 1px = 0.75pt as in CSS). Qt sizes headings relative to the
# document's default font whatever the CSS says (h1 2x, h2 1.5x, h3 1.2x, as a
# browser's em sizes), so the pane's default font must be :func:`body_font_pt`.
QT_BASE = """
p { margin-top: 0px; margin-bottom: 18px; }
h2 { margin-top: 22px; margin-bottom: 18px; }
h3 { margin-top: 21px; margin-bottom: 18px; }
ul, ol { margin-bottom: 18px; }
""".strip()

# Rules for the markup only the preview uses (see app.preview.render_preview). Qt
# scales a whole line by a proportional line height, photo included, which put a
# photo's caption far below it and opened a gap in a paragraph with a photo: a
# photo's line keeps the normal height. A quote is indented as the export's border
# and padding indent it.
QT_EXTRA = """
p.photo { line-height: 100%; margin-top: 24px; margin-bottom: 4px; }
p.figcaption { font-size: 11.25pt; color: #444444; margin-top: 0px; margin-bottom: 24px; }
blockquote { margin-left: 20px; }
""".strip()

# Properties Qt's rich text ignores or gets wrong; left out of the preview.
_QT_UNSUPPORTED = {"max-width", "overflow-wrap", "overflow-x", "display", "height",
                   "border-left", "padding-left"}
_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_REM = re.compile(r"(-?\d*\.?\d+)rem\b")
_HEX3 = re.compile(r"#([0-9a-fA-F])([0-9a-fA-F])([0-9a-fA-F])\b")


def _px(value: str) -> str:
    return _REM.sub(lambda m: f"{round(float(m.group(1)) * ROOT_PX)}px", value)


def body_font_pt() -> float:
    """The body text size of :data:`ARTICLE_CSS` in points (the preview's default font)."""
    match = re.search(r"font:\s*(-?\d*\.?\d+)rem", ARTICLE_CSS)
    return float(match.group(1)) * ROOT_PX * 0.75 if match else 12.0


def _pt(value: str) -> str:
    # Qt ignores a size in px on headings; 1px is 0.75pt in CSS, as in a browser.
    px = _px(value)
    if px.endswith("px"):
        return f"{float(px[:-2]) * 0.75:g}pt"
    return px


def _qt_selector(selector: str) -> str | None:
    selector = selector.strip()
    if selector == "body" or " " in selector:
        return None  # the page background and descendant rules stay web-only
    if selector == "article":
        return "body"
    return selector


def _qt_declarations(selector: str, block: str) -> list[str]:
    out: list[str] = []
    for item in " ".join(block.split()).split(";"):
        name, _sep, value = item.partition(":")
        name, value = name.strip(), value.strip()
        if not name or name in _QT_UNSUPPORTED:
            continue
        value = _HEX3.sub(lambda m: "#" + "".join(c * 2 for c in m.groups()), value)
        if name == "font":  # size/line-height family...
            size, _sl, rest = value.partition("/")
            height, _sp, family = rest.partition(" ")
            out += [f"font-size: {_pt(size)}", f"line-height: {round(float(height) * 100)}%",
                    f"font-family: {family.strip()}"]
            continue
        if name == "line-height" and re.fullmatch(r"\d*\.?\d+", value):
            value = f"{round(float(value) * 100)}%"
        if name == "font-size":
            value = _pt(value)
        if name == "background":
            name = "background-color"
        if name in ("margin", "padding") and "auto" in value:
            continue
        if selector == "body" and name in ("margin", "padding"):
            continue  # the preview pane has its own margins
        out.append(f"{name}: {_px(value)}")
    return out


def qt_css(css: str = ARTICLE_CSS) -> str:
    """``css`` translated to the CSS subset of Qt's rich text (see the module doc)."""
    rules: list[str] = []
    for selectors, block in _RULE.findall(css):
        names = [s for s in (_qt_selector(x) for x in selectors.split(",")) if s]
        if not names:
            continue
        for name in names:
            declarations = _qt_declarations(name, block)
            if declarations:
                rules.append(f"{name} {{ {'; '.join(declarations)}; }}")
    return "\n".join([QT_BASE, *rules, QT_EXTRA]) + "\n"

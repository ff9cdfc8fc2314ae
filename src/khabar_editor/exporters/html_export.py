"""``html``: a standalone, sanitized article page (UTF-8, inline CSS, relative media)."""

from __future__ import annotations

import html
from typing import Any

from khabar_editor.exporters.common import clean_text, prepared
from khabar_editor.exporters.registry import ExportContext, ExportResult, register
from khabar_editor.i18n import N_
from khabar_editor.render.html import article_html

STYLE = """
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


class HtmlExporter:
    """Standalone HTML page built from :func:`render.html.article_html`."""

    id = "html"
    label = N_("Web page (HTML)")
    file_suffix = ".html"

    def export(self, pkg: Any, context: ExportContext) -> ExportResult:
        """``<slug>.html`` with media referenced as ``media/<name>``."""
        ex = prepared(pkg, context)
        a = ex.article
        # Character references such as &#x1; become controls only after Markdown: clean again.
        fragment = clean_text(article_html(a, digits=context.digits,
                                           category_label=ex.category_label))
        page = (
            "<!DOCTYPE html>\n"
            f'<html lang="{html.escape(ex.lang)}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{html.escape(a.headline)}</title>\n"
            f'<meta name="description" content="{html.escape(ex.summary, quote=True)}">\n'
            f'<meta name="generator" content="Khabar Editor">\n'
            f"<style>\n{STYLE}\n</style>\n</head>\n<body>\n{fragment}\n</body>\n</html>\n"
        )
        return ExportResult(files={ex.slug + self.file_suffix: page.encode("utf-8")})


register(HtmlExporter())

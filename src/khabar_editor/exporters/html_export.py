"""``html``: a standalone, sanitized article page (UTF-8, inline CSS, relative media)."""

from __future__ import annotations

import html
from typing import Any

from khabar_editor.exporters.common import clean_text, prepared
from khabar_editor.exporters.registry import ExportContext, ExportResult, register
from khabar_editor.i18n import N_
from khabar_editor.render.html import article_html
from khabar_editor.render.style import ARTICLE_CSS

STYLE = ARTICLE_CSS  # one style sheet: the preview translates the same rules


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

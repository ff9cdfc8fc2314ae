"""``text``: plain text in wire style.

Headline, byline, then the body whose first paragraph opens with the
dateline and the provider: ``पटना, 28 नवंबर 2026 (खबर एडिटर)। ...``. The
body is the sanitized HTML reduced to text, so Markdown marks, raw HTML and
scripts never appear.
"""

from __future__ import annotations

from typing import Any

from khabar_editor.exporters.common import ExportArticle, join_nonempty, prepared
from khabar_editor.exporters.registry import ExportContext, ExportResult, register
from khabar_editor.i18n import N_

# What ends the dateline opener, by language (danda for Hindi and Nepali).
OPENER_END = {"hi": "।", "ne": "।", "mr": ".", "en": " —"}


def wire_text(ex: ExportArticle, provider: str) -> str:
    """The article as wire-style plain text."""
    a = ex.article
    lines = [a.headline.strip()]
    if a.deck.strip():
        lines.append(a.deck.strip())
    byline = join_nonempty([a.byline.name.strip(), a.byline.role.strip()])
    if byline:
        lines.append(byline)
    paragraphs = ex.body_text.split("\n\n") if ex.body_text else []
    opener = ex.dateline_text
    if provider.strip():
        opener = f"{opener} ({provider.strip()})" if opener else f"({provider.strip()})"
    if opener:
        end = OPENER_END.get(ex.lang, ".")
        first = paragraphs[0] if paragraphs else ""
        paragraphs[:1] = [f"{opener}{end} {first}".rstrip()]
    for photo in ex.photos:
        caption = join_nonempty([photo.caption, f"({photo.credit})" if photo.credit else ""], " ")
        paragraphs.append(f"[{photo.name}] {caption}".rstrip())
    return "\n".join(lines) + "\n\n" + "\n\n".join(paragraphs) + "\n"


class TextExporter:
    """Wire-style plain text (UTF-8, ``\\n`` line ends)."""

    id = "text"
    label = N_("Plain text (wire style)")
    file_suffix = ".txt"

    def export(self, pkg: Any, context: ExportContext) -> ExportResult:
        """``<slug>.txt``."""
        ex = prepared(pkg, context)
        data = wire_text(ex, context.provider).encode("utf-8")
        return ExportResult(files={ex.slug + self.file_suffix: data})


register(TextExporter())

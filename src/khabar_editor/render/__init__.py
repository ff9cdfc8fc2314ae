"""Markdown -> sanitized HTML for the preview, ``preview.html`` and the HTML export."""

from khabar_editor.render.html import article_html, markdown_html, sanitize_html

__all__ = ["article_html", "markdown_html", "sanitize_html"]

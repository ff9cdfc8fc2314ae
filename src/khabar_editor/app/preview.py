"""The pure function behind the live preview (runs in a worker thread)."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from importlib import resources

from khabar_editor.article.model import Article
from khabar_editor.article.taxonomy import Taxonomy
from khabar_editor.render.html import article_html


@dataclass(frozen=True)
class PreviewJob:
    """Everything one render needs: a private copy of the article and house style."""

    revision: int
    article: Article
    digits: str
    category_label: str


def make_job(revision: int, article: Article, digits: str, taxonomy: Taxonomy | None) -> PreviewJob:
    """Snapshot ``article`` on the GUI thread so the worker never sees it change."""
    label = ""
    if taxonomy is not None and article.category:
        cat = taxonomy.get(article.category)
        label = cat.label(article.language.value) if cat else article.category
    return PreviewJob(revision, copy.deepcopy(article), digits, label)


def render_preview(job: PreviewJob) -> str:
    """The article as the sanitized HTML page shown in the preview pane."""
    body = article_html(job.article, digits=job.digits, category_label=job.category_label)
    return f'<html><body lang="{job.article.language.value}">{body}</body></html>'


def preview_css() -> str:
    """The preview's style sheet (Qt rich-text CSS subset)."""
    return (resources.files("khabar_editor") / "data" / "preview.css").read_text(encoding="utf-8")

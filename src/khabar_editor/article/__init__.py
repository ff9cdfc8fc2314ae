"""The pure article model: dataclasses, front matter, validation, taxonomy."""

from __future__ import annotations

from khabar_editor.article.model import (
    PRIORITY_DEFAULT,
    PRIORITY_MAX,
    PRIORITY_MIN,
    Article,
    Byline,
    Dateline,
    Language,
    Media,
    Place,
    Status,
    new_id,
    now_utc,
)

__all__ = [
    "PRIORITY_DEFAULT",
    "PRIORITY_MAX",
    "PRIORITY_MIN",
    "Article",
    "Byline",
    "Dateline",
    "Language",
    "Media",
    "Place",
    "Status",
    "new_id",
    "now_utc",
]

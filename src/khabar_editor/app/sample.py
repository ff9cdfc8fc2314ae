"""The sample Hindi article shown on first start and from Help."""

from __future__ import annotations

from importlib import resources
from typing import TYPE_CHECKING

from khabar_editor.article.frontmatter import from_markdown
from khabar_editor.article.model import Article

if TYPE_CHECKING:
    from khabar_editor.package import Package

_SAMPLE = resources.files("khabar_editor") / "data" / "sample"


def sample_article() -> Article:
    """The sample district news story (every feature of an article in use)."""
    return from_markdown((_SAMPLE / "sample-hi.md").read_text(encoding="utf-8"))


def sample_media() -> dict[str, bytes]:
    """The sample's photo(s), keyed as in ``Package.media``."""
    return {"media/rahat-shivir.jpg": (_SAMPLE / "rahat-shivir.jpg").read_bytes()}


def sample_package() -> Package:
    """A new, unsaved package holding the sample article and its photo."""
    from khabar_editor.package import new_package

    package = new_package(sample_article())
    package.media.update(sample_media())
    return package

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


def sample_wordlist() -> list[str]:
    """The sample's newsroom words (its names and places), as in ``Package.wordlist``.

    ``wordlist.txt`` has one word a line; ``#`` starts a comment line.
    """
    text = (_SAMPLE / "wordlist.txt").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


def sample_package() -> Package:
    """A new, unsaved package holding the sample article, its photo and word list."""
    from khabar_editor.package import new_package

    package = new_package(sample_article())
    package.media.update(sample_media())
    package.wordlist = sample_wordlist()
    return package

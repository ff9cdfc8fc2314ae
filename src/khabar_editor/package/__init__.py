"""The ``.khabar`` package: one zip with the article, its photos, manifest and revisions.

See ``docs/package-format.md`` for the format. Public API::

    read_package(path) -> Package          # hardened; raises PackageError
    write_package(path, pkg, who=..., action=...)   # atomic; appends a Revision
    new_package(article) -> Package
    load_article_file(path) -> Article     # .md / .txt
    unpack_package(path, folder)
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from khabar_editor.package.files import load_article_file, unpack_package
    from khabar_editor.package.model import (
        Package, Revision, clean_article, clean_text, new_package,
    )
    from khabar_editor.package.reader import read_package
    from khabar_editor.package.spec import FORMAT_VERSION, MIMETYPE
    from khabar_editor.package.writer import PackageWriteError, write_package

# The names are loaded from their modules on first use (PEP 562), so reading a
# package does not import the writer (Markdown rendering) and ``import
# khabar_editor.package`` costs nothing for a command that never opens one.
_WHERE = {
    "load_article_file": "files", "unpack_package": "files",
    "Package": "model", "Revision": "model", "clean_article": "model",
    "clean_text": "model", "new_package": "model",
    "read_package": "reader",
    "FORMAT_VERSION": "spec", "MIMETYPE": "spec",
    "PackageWriteError": "writer", "write_package": "writer",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_WHERE})


__all__ = [
    "FORMAT_VERSION",
    "MIMETYPE",
    "Package",
    "PackageWriteError",
    "Revision",
    "clean_article",
    "clean_text",
    "load_article_file",
    "new_package",
    "read_package",
    "unpack_package",
    "write_package",
]

"""The ``.khabar`` package: one zip with the article, its photos, manifest and revisions.

See ``docs/package-format.md`` for the format. Public API::

    read_package(path) -> Package          # hardened; raises PackageError
    write_package(path, pkg, who=..., action=...)   # atomic; appends a Revision
    new_package(article) -> Package
    load_article_file(path) -> Article     # .md / .txt
    unpack_package(path, folder)
"""

from __future__ import annotations

from khabar_editor.package.files import load_article_file, unpack_package
from khabar_editor.package.model import Package, Revision, clean_article, clean_text, new_package
from khabar_editor.package.reader import read_package
from khabar_editor.package.spec import FORMAT_VERSION, MIMETYPE
from khabar_editor.package.writer import PackageWriteError, write_package

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

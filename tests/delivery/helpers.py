"""Packages and destinations for the delivery tests."""

from __future__ import annotations

from pathlib import Path

from khabar_editor.delivery.base import Job
from khabar_editor.delivery.config import make_config
from khabar_editor.delivery.outbox import Outbox, make_destination
from khabar_editor.package.writer import write_package
from tests.exporters.helpers import golden_package


def write_golden(path: Path, **changes: object):
    """Write the golden two-photo Hindi package to ``path`` (fields in ``changes`` set),
    with a fresh article id unless ``id`` is given; the article."""
    import uuid

    pkg = golden_package()
    pkg.article.id = str(changes.pop("id", uuid.uuid4()))
    for name, value in changes.items():
        setattr(pkg.article, name, value)
    write_package(path, pkg)
    return pkg.article


def wp_factory(site, user: str = "editor"):
    """A destination factory for the test WordPress as ``user``."""
    config = make_config("desk", "wordpress", site.url, user)
    return lambda name: make_destination(config, site.passwords[user])


def dav_factory(server, password: str | None = None):
    config = make_config("inbox", "webdav", server.url, server.user)
    return lambda name: make_destination(config, password or server.password)


def outbox(tmp_path: Path) -> Outbox:
    return Outbox(tmp_path / "outbox", backoff_base=0.01, backoff_cap=0.05)


__all__ = ["Job", "write_golden", "wp_factory", "dav_factory", "outbox"]

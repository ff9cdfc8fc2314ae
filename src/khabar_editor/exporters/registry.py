"""The exporter registry: one small object per output format, looked up by id.

Built-in exporters are registered on first use. A newsroom can add its own
from an installed distribution through the entry-point group
``khabar_editor.exporters``; each entry point names an object (or a class
with a no-argument constructor) that has ``id``, ``label``, ``file_suffix``
and ``export(pkg, context)``.
"""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from typing import Any, Protocol, runtime_checkable
from zoneinfo import ZoneInfo

from khabar_editor.article.taxonomy import Taxonomy
from khabar_editor.errors import ExportError
from khabar_editor.exporters.dates import zone_for
from khabar_editor.i18n import N_
from khabar_editor.problems import Problem
from khabar_editor.textkit.unicode_checks import remove_control_chars

log = logging.getLogger(__name__)

ENTRY_POINT_GROUP = "khabar_editor.exporters"
PLACEHOLDER_SITE = "https://example.invalid"
BUILTIN_MODULES = (
    "khabar_editor.exporters.html_export",
    "khabar_editor.exporters.wordpress",
    "khabar_editor.exporters.ninjs",
    "khabar_editor.exporters.ninjs1",
    "khabar_editor.exporters.newsml_g2",
    "khabar_editor.exporters.nitf",
    "khabar_editor.exporters.text",
)


@dataclass
class ExportContext:
    """Settings shared by all exporters (newsroom-specific values, house style).

    Attributes:
        site_url: the CMS site (WXR ``wp:base_site_url``; base of absolute URLs).
        media_base_url: where the bundle's ``media/`` files will be published;
            empty means ``<site_url>/media/``. Used where a format requires
            absolute URLs (ninjs renditions, WXR attachments unless relative).
        wxr_relative_media: write WXR ``wp:attachment_url`` as ``media/<name>``
            (for own ingest scripts: the WordPress Importer fetches only
            absolute URLs, or ones starting with ``/`` against the site).
        provider: the provider / agency name printed in the wire text dateline
            and used as NewsML-G2 provider and copyright holder.
        publish_approved: map approved articles to WordPress ``publish``
            (default: ``pending``, a human presses Publish in WordPress).
        digits: house style for dateline digits (``latin`` / ``devanagari``).
        taxonomy: the newsroom's categories (default: the shipped list).
        check_spelling: run the proof-reader (if installed) in the gate.
        web_renditions: bundles also carry a scaled web copy of each photo.
        timezone: the newsroom's time zone, an IANA name (``Asia/Kolkata``); every
            date is written on its clock (WXR ``wp:post_date`` is the site's local
            time). Empty: by the article's language (Nepali ``Asia/Kathmandu``,
            others ``Asia/Kolkata``); see :mod:`khabar_editor.exporters.dates`.
    """

    site_url: str = PLACEHOLDER_SITE
    media_base_url: str = ""
    wxr_relative_media: bool = False
    provider: str = "खबर एडिटर"
    publish_approved: bool = False
    digits: str = "latin"
    taxonomy: Taxonomy | None = None
    check_spelling: bool = True
    web_renditions: bool = False
    timezone: str = ""
    prepared: Any = None  # set by bundles: the cleaned article, shared by all formats

    def __post_init__(self) -> None:
        # These values come from settings files, profiles and dialogs as well as the
        # CLI (which refuses bad ones): whatever the source, no control character,
        # lone surrogate, XML non-character or bidi control reaches an export, where it
        # would make the XML ill-formed, the encoder fail or the text show reordered
        # (the same characters the CLI refuses: textkit.unicode_checks).
        for name in ("site_url", "media_base_url", "provider", "digits", "timezone"):
            value = getattr(self, name)
            if isinstance(value, str):
                setattr(self, name, remove_control_chars(value))

    def zone(self, lang: str) -> ZoneInfo:
        """The time zone for an article in ``lang`` (:class:`ExportError` for a bad name)."""
        return zone_for(self.timezone, lang)

    def media_url(self, path: str) -> str:
        """Absolute URL of a bundle path such as ``media/a.jpg``."""
        base = self.media_base_url or self.site_url.rstrip("/") + "/media/"
        name = path.split("/", 1)[1] if path.startswith("media/") else path
        return base.rstrip("/") + "/" + name


@dataclass
class ExportResult:
    """What an exporter produced: files by relative name, plus warnings."""

    files: dict[str, bytes] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)


@runtime_checkable
class Exporter(Protocol):
    """One output format."""

    id: str
    label: str  # a msgid; show it with i18n._()
    file_suffix: str

    def export(self, pkg: Any, context: ExportContext) -> ExportResult:
        """Produce the files of this format for ``pkg`` (never asks questions)."""
        ...


_registry: dict[str, Exporter] = {}
_loaded = False


def register(exporter: Exporter, *, replace: bool = False) -> Exporter:
    """Add ``exporter`` under its id; ``replace`` lets a newsroom override a built-in."""
    if not isinstance(exporter, Exporter):
        raise ExportError(N_("'{name}' is not an exporter."), code="export.not_exporter",
                          name=repr(exporter))
    if exporter.id in _registry and not replace:
        raise ExportError(N_("An exporter with id '{id}' is already registered."),
                          code="export.duplicate", id=exporter.id)
    _registry[exporter.id] = exporter
    return exporter


def _ensure_loaded() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    for name in BUILTIN_MODULES:
        importlib.import_module(name)
    # A built-in module imported earlier on its own (delivery.wordpress imports the WXR
    # exporter) registered out of turn: built-ins are listed in BUILTIN_MODULES order.
    rank = {name: i for i, name in enumerate(BUILTIN_MODULES)}
    ordered = sorted(_registry.items(),
                     key=lambda item: rank.get(type(item[1]).__module__, len(rank)))
    _registry.clear()
    _registry.update(ordered)
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        try:
            obj = ep.load()
            register(obj() if isinstance(obj, type) else obj, replace=True)
        except Exception:  # noqa: BLE001 - a broken plug-in must not stop the built-ins
            log.exception("Cannot load exporter plug-in %s", ep.value)


def get_exporter(exporter_id: str) -> Exporter:
    """The exporter with ``exporter_id``; :class:`ExportError` names the known ones."""
    _ensure_loaded()
    try:
        return _registry[exporter_id]
    except KeyError:
        raise ExportError(N_("Unknown export format '{format}'. Known formats: {known}."),
                          code="export.unknown_format", format=exporter_id,
                          known=", ".join(exporter_ids())) from None


def exporter_ids() -> list[str]:
    """Ids of all registered exporters, built-ins first in their documented order."""
    _ensure_loaded()
    return list(_registry)


def all_exporters() -> list[Exporter]:
    """All registered exporters."""
    _ensure_loaded()
    return list(_registry.values())

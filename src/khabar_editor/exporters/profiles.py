"""Newsroom export profiles: the settings the Export dialog remembers per newsroom.

A profile holds what ``khabar export`` takes on its command line for one newsroom:
the agency / provider name (``--provider``), the site address (``--site-url``),
where media will be published (``--media-base-url``), the time zone
(``--timezone``) and the formats (``--format``). Profiles live in the
preferences (``Settings.export_profiles``: name -> mapping); the name ``""`` is
the unnamed profile used when none is chosen.

Reading is lenient: a hand-edited file with a wrong type, an unknown format or a
bad zone gives that value's default, never an error.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from khabar_editor.errors import ExportError
from khabar_editor.exporters.dates import canonical_zone
from khabar_editor.exporters.registry import PLACEHOLDER_SITE, ExportContext

DEFAULT_PROVIDER = "खबर एडिटर"
MAX_PROFILES = 50
MAX_NAME = 60
MAX_VALUE = 2048


def _default_formats() -> list[str]:
    from khabar_editor.exporters import DEFAULT_FORMATS

    return list(DEFAULT_FORMATS)


@dataclass
class ExportProfile:
    """One newsroom's export settings (the Export dialog's and the CLI's options)."""

    provider: str = DEFAULT_PROVIDER
    site_url: str = PLACEHOLDER_SITE
    media_base_url: str = ""
    timezone: str = ""  # "" = by the article's language
    formats: list[str] = field(default_factory=_default_formats)

    def context(self, base: ExportContext | None = None) -> ExportContext:
        """``base`` (or a default context) with this profile's values."""
        return replace(base or ExportContext(), provider=self.provider, site_url=self.site_url,
                       media_base_url=self.media_base_url, timezone=self.timezone)

    def to_mapping(self) -> dict[str, Any]:
        """The profile as stored in ``settings.json``."""
        return {"provider": self.provider, "site_url": self.site_url,
                "media_base_url": self.media_base_url, "timezone": self.timezone,
                "formats": list(self.formats)}


def _text(data: dict[str, Any], key: str, default: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or len(value) > MAX_VALUE or "\n" in value:
        return default
    return value.strip()


def profile_from_mapping(data: Any, known_formats: list[str] | None = None) -> ExportProfile:
    """A profile from its stored mapping; anything unusable falls back to the default."""
    profile = ExportProfile()
    if not isinstance(data, dict):
        return profile
    profile.provider = _text(data, "provider", profile.provider) or profile.provider
    profile.site_url = _text(data, "site_url", profile.site_url) or profile.site_url
    profile.media_base_url = _text(data, "media_base_url", "")
    try:
        profile.timezone = canonical_zone(_text(data, "timezone", ""))
    except ExportError:
        profile.timezone = ""
    formats = data.get("formats")
    if isinstance(formats, list):
        wanted = [f for f in formats if isinstance(f, str)]
        if known_formats is not None:
            wanted = [f for f in wanted if f in known_formats]
        profile.formats = list(dict.fromkeys(wanted))
    return profile


def profiles(stored: Any, known_formats: list[str] | None = None) -> dict[str, ExportProfile]:
    """Every stored profile by name (bounded; names are one line of at most 60 characters)."""
    if not isinstance(stored, dict):
        return {}
    out: dict[str, ExportProfile] = {}
    for name, data in stored.items():
        if isinstance(name, str) and len(name) <= MAX_NAME and "\n" not in name:
            out[name.strip()] = profile_from_mapping(data, known_formats)
        if len(out) >= MAX_PROFILES:
            break
    return out


def store(stored: Any, name: str, profile: ExportProfile) -> dict[str, Any]:
    """``stored`` with ``profile`` saved under ``name`` (a new dict; the oldest profile
    other than ``name`` is dropped when there would be more than 50)."""
    out = {k: v for k, v in (stored.items() if isinstance(stored, dict) else [])
           if isinstance(k, str) and k != name}
    while len(out) >= MAX_PROFILES:
        out.pop(next(iter(out)))
    out[name] = profile.to_mapping()
    return out

"""Time zones for exports: every date means the same moment in every format.

The article stores aware datetimes (``created``, ``modified``, ``embargo``) in
whatever offset they were typed. Exports write them in the newsroom's time zone
(an IANA name such as ``Asia/Kolkata``), the zone a WordPress site shows its
dates in: WXR ``wp:post_date`` is the site's wall-clock time and
``wp:post_date_gmt`` the same moment in UTC. The IPTC formats carry an explicit
offset, so any zone is correct there; they use the same zone so that a desk
reads the same clock everywhere.

An empty zone name means "by the article's language": Nepali articles use
``Asia/Kathmandu`` (+05:45), every other language ``Asia/Kolkata`` (+05:30).

Zone data comes from :mod:`zoneinfo` (the system's database, or the ``tzdata``
package where the system has none, as on Windows). Only names in that database
are accepted, matched without regard to case, so ``asia/kolkata`` works and a
path such as ``../../etc/passwd`` never reaches the file system.
"""

from __future__ import annotations

from datetime import datetime, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo, available_timezones

from khabar_editor.errors import ExportError
from khabar_editor.i18n import N_

DEFAULT_ZONE = "Asia/Kolkata"
ZONE_BY_LANGUAGE = {"ne": "Asia/Kathmandu"}
WP_ZERO_DATE = "0000-00-00 00:00:00"  # WordPress's "no date yet" (drafts, pending posts)
MSG_BAD_ZONE = N_("'{zone}' is not a time zone name. Use an IANA name such as Asia/Kolkata "
                  "or Asia/Kathmandu.")
_MAX_NAME = 64


@lru_cache(maxsize=1)
def zone_names() -> tuple[str, ...]:
    """Every IANA zone name this system knows, sorted (read once)."""
    return tuple(sorted(n for n in available_timezones() if "/" in n or n == "UTC"))


@lru_cache(maxsize=1)
def _by_folded_name() -> dict[str, str]:
    return {name.casefold(): name for name in zone_names()}


def canonical_zone(name: str) -> str:
    """``name`` as the database spells it; :class:`ExportError` when it is no zone.

    The empty name stays empty (the zone then follows the article's language).
    """
    text = name.strip()
    if not text:
        return ""
    found = _by_folded_name().get(text.casefold()) if len(text) <= _MAX_NAME else None
    if found is None:
        raise ExportError(MSG_BAD_ZONE, code="export.bad_timezone", zone=_shown(text))
    return found


def _shown(text: str) -> str:
    """``text`` safe in a one-line message: unprintable characters escaped, shortened."""
    out = "".join(c if c.isprintable() else c.encode("unicode_escape", "backslashreplace")
                  .decode("ascii") for c in text)
    return out if len(out) <= _MAX_NAME else out[:_MAX_NAME] + "…"


def default_zone_name(lang: str) -> str:
    """The newsroom zone used for an article in ``lang`` when none is set."""
    return ZONE_BY_LANGUAGE.get(lang, DEFAULT_ZONE)


def zone_for(name: str, lang: str) -> ZoneInfo:
    """The zone called ``name``, or the default for ``lang`` when ``name`` is empty."""
    return ZoneInfo(canonical_zone(name) or default_zone_name(lang))


def aware(value: datetime) -> datetime:
    """``value`` with a time zone (a naive time is taken as UTC)."""
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value


def in_zone(value: datetime, zone: ZoneInfo) -> datetime:
    """The same moment as ``value`` on the clock of ``zone``."""
    return aware(value).astimezone(zone)


def as_utc(value: datetime) -> datetime:
    """The same moment as ``value`` in UTC."""
    return aware(value).astimezone(timezone.utc)


def wp_date(value: datetime) -> str:
    """A WordPress database date: ``YYYY-MM-DD HH:MM:SS`` of ``value``'s own clock."""
    return value.strftime("%Y-%m-%d %H:%M:%S")


def utc_z(value: datetime) -> str:
    """ISO 8601 in UTC with ``Z`` (what parsers that only read UTC accept)."""
    return as_utc(value).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")

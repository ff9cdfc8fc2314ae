"""The article model: plain dataclasses, no I/O, no Qt.

Field names are the front-matter keys of ``article.md`` (see
``docs/package-format.md``); keep them in step with :mod:`.frontmatter`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from enum import Enum


class Status(str, Enum):
    """Where the article is in the correspondent -> desk workflow."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    IN_EDIT = "in-edit"
    APPROVED = "approved"
    RETURNED = "returned"


class Language(str, Enum):
    """Article languages supported by proofing and export (BCP 47 codes)."""

    HINDI = "hi"
    NEPALI = "ne"
    MARATHI = "mr"
    ENGLISH = "en"


CALENDARS = ("gregorian", "bs")
"""Calendars a dateline can be printed in."""

PRIORITY_MIN, PRIORITY_MAX, PRIORITY_DEFAULT = 1, 9, 5
"""Priority follows IPTC urgency: 1 is most urgent, 9 least, 5 normal."""


def now_utc() -> datetime:
    """The current time, timezone-aware, to the second."""
    return datetime.now(timezone.utc).replace(microsecond=0)


def new_id() -> str:
    """A fresh article id (UUID 4, lowercase, hyphenated)."""
    import uuid  # (with platform: not needed to read or check an article)

    return str(uuid.uuid4())


@dataclass
class Byline:
    """Who wrote it: name and role, e.g. ``जिला संवाददाता``."""

    name: str = ""
    role: str = ""


@dataclass
class Dateline:
    """Place and date as printed at the start of the story."""

    place: str = ""
    date: date | None = None
    # How the date is printed: "gregorian" or "bs" (Bikram Sambat). The date
    # itself is always kept as the Gregorian date (exports read it).
    calendar: str = "gregorian"


@dataclass
class Place:
    """Where the story happened."""

    city: str = ""
    district: str = ""
    state: str = ""
    country: str = ""

    def is_empty(self) -> bool:
        return not (self.city or self.district or self.state or self.country)


@dataclass
class Media:
    """A photo inside the package: ``file`` is a path such as ``media/photo-1.jpg``."""

    file: str
    caption: str = ""
    credit: str = ""
    alt: str = ""


@dataclass
class Article:
    """One news article with its metadata and Markdown body."""

    headline: str = ""
    deck: str = ""
    summary: str = ""
    seo_title: str = ""  # the title search engines show ("" = the headline)
    byline: Byline = field(default_factory=Byline)
    dateline: Dateline = field(default_factory=Dateline)
    place: Place = field(default_factory=Place)
    category: str = ""
    tags: list[str] = field(default_factory=list)
    language: Language = Language.HINDI
    slug: str = ""
    status: Status = Status.DRAFT
    priority: int = PRIORITY_DEFAULT
    embargo: datetime | None = None
    id: str = field(default_factory=new_id)
    created: datetime = field(default_factory=now_utc)
    modified: datetime = field(default_factory=now_utc)
    media: list[Media] = field(default_factory=list)
    body: str = ""

    def touch(self) -> None:
        """Mark the article as modified now."""
        self.modified = max(now_utc(), self.created)

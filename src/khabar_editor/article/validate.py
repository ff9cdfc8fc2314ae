"""Article validation: returns a list of :class:`Problem`, never raises."""

from __future__ import annotations

import re

from khabar_editor.article.model import PRIORITY_MAX, PRIORITY_MIN, Article
from khabar_editor.article.taxonomy import Taxonomy, default_taxonomy
from khabar_editor.i18n import N_
from khabar_editor.problems import Problem, Severity, problem

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MEDIA_FILE_RE = re.compile(r"^media/[^/\\\x00]+$")
MAX_HEADLINE_CHARS = 200
MAX_SLUG_CHARS = 120

E, W = Severity.ERROR, Severity.WARNING


def is_uuid(text: str) -> bool:
    """Whether ``uuid.UUID(text)`` accepts ``text`` (the same parsing, without importing
    ``uuid`` and ``platform`` into every ``khabar validate``)."""
    digits = text.replace("urn:", "").replace("uuid:", "").strip("{}").replace("-", "")
    if len(digits) != 32:
        return False
    try:
        int(digits, 16)
    except ValueError:
        return False
    return True


def validate_article(article: Article, taxonomy: Taxonomy | None = None) -> list[Problem]:
    """Every problem with ``article``; an empty list means it is ready to send."""
    taxonomy = taxonomy or default_taxonomy()
    out: list[Problem] = []
    _required(article, out)
    _formats(article, out)
    if article.category and taxonomy.get(article.category) is None:
        out.append(problem("category.unknown", "category", W,
                           N_("Category '{category}' is not in the newsroom's category list."),
                           category=article.category))
    _media(article, out)
    return out


def _required(a: Article, out: list[Problem]) -> None:
    checks = (
        (a.headline, "headline", "headline.missing", N_("The headline is missing.")),
        (a.byline.name, "byline.name", "byline.missing", N_("The byline (writer's name) is missing.")),
        (a.dateline.place, "dateline.place", "dateline.place_missing",
         N_("The dateline place is missing.")),
        (a.category, "category", "category.missing", N_("No category is chosen.")),
        (a.body.strip(), "body", "body.empty", N_("The article has no text.")),
    )
    for value, field, code, msg in checks:
        if not value.strip():
            out.append(problem(code, field, E, msg))
    if a.dateline.date is None:
        out.append(problem("dateline.date_missing", "dateline.date", E,
                           N_("The dateline date is missing.")))
    if len(a.headline) > MAX_HEADLINE_CHARS:
        out.append(problem("headline.too_long", "headline", W,
                           N_("The headline is very long ({length} characters; keep it under {limit})."),
                           length=len(a.headline), limit=MAX_HEADLINE_CHARS))
    if not a.summary.strip():
        out.append(problem("summary.missing", "summary", Severity.INFO,
                           N_("There is no summary; exports will use the first paragraph.")))


def _formats(a: Article, out: list[Problem]) -> None:
    if a.slug and (not SLUG_RE.match(a.slug) or len(a.slug) > MAX_SLUG_CHARS):
        out.append(problem("slug.invalid", "slug", E,
                           N_("The slug may contain only lowercase Latin letters, digits and single hyphens.")))
    if not (PRIORITY_MIN <= a.priority <= PRIORITY_MAX):
        out.append(problem("priority.range", "priority", E,
                           N_("Priority must be a number from {min} to {max}."),
                           min=PRIORITY_MIN, max=PRIORITY_MAX))
    if not is_uuid(a.id):
        out.append(problem("id.invalid", "id", E, N_("The article id is not a valid UUID.")))
    for field, value in (("created", a.created), ("modified", a.modified), ("embargo", a.embargo)):
        if value is not None and value.tzinfo is None:
            out.append(problem("time.naive", field, E,
                               N_("The time in '{field}' has no time zone."), field=field))
    if a.modified < a.created:
        out.append(problem("time.order", "modified", W,
                           N_("The article was modified before it was created.")))
    seen: set[str] = set()
    for tag in a.tags:
        if not tag.strip():
            out.append(problem("tags.empty", "tags", W, N_("There is an empty tag.")))
        elif tag in seen:
            out.append(problem("tags.duplicate", "tags", W, N_("Tag '{tag}' appears twice."), tag=tag))
        seen.add(tag)


def _media(a: Article, out: list[Problem]) -> None:
    files: set[str] = set()
    for index, m in enumerate(a.media):
        field = f"media[{index}]"
        if not MEDIA_FILE_RE.match(m.file):
            out.append(problem("media.path", field + ".file", E,
                               N_("Photo {number}: '{file}' is not a file inside the package's media folder."),
                               number=index + 1, file=m.file))
        if m.file in files:
            out.append(problem("media.duplicate", field + ".file", W,
                               N_("Photo {number} is listed twice."), number=index + 1))
        files.add(m.file)
        if not m.caption.strip():
            out.append(problem("media.caption_missing", field + ".caption", W,
                               N_("Photo {number} has no caption."), number=index + 1))
        if not m.credit.strip():
            out.append(problem("media.credit_missing", field + ".credit", W,
                               N_("Photo {number} has no credit."), number=index + 1))
        if not m.alt.strip():
            out.append(problem("media.alt_missing", field + ".alt", W,
                               N_("Photo {number} has no alt text for screen readers."),
                               number=index + 1))

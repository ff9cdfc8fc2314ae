"""``article.md``: YAML front matter + Markdown body, as text (no bytes here).

The serialization is deterministic (fixed key order, fixed YAML style) so that
open -> save gives a byte-identical ``article.md``. Parsing is defensive: YAML
is safe-loaded with limits on size and alias expansion and every field is type
checked; anything wrong raises :class:`ArticleError` naming the field.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timezone
from typing import Any
from urllib.parse import unquote

import yaml

from khabar_editor.article.model import (
    CALENDARS,
    PRIORITY_DEFAULT,
    Article,
    Byline,
    Dateline,
    Language,
    Media,
    Place,
    Status,
)
from khabar_editor.errors import ArticleError
from khabar_editor.i18n import N_
from khabar_editor.textkit.normalize import normalize_text

FENCE = "---"
MAX_FRONT_MATTER_CHARS = 256 * 1024
MAX_YAML_ALIASES = 20
FIELD_ORDER = (
    "id", "headline", "deck", "summary", "byline", "dateline", "place", "category",
    "tags", "language", "slug", "status", "priority", "embargo", "created", "modified",
    "media",
)


MEDIA_FOLDER = "media/"
# One plain file name inside media/: no folders, backslashes, colons (schemes, drive
# letters, Windows streams) or control characters; "." and ".." are not names.
_MEDIA_BASE = re.compile(r"[^/\\:\x00-\x1f\x7f]+")


def is_media_file(name: str) -> bool:
    """Whether ``name`` is ``media/<one file name>``, and stays so once %-decoded.

    Everything that names a photo (front matter, ``<img src>`` in any rendering)
    must pass this: absolute paths, ``file:``/``http:`` URLs, ``..`` and
    folders would make a renderer or an import read files outside the package.
    """
    return all(
        form.startswith(MEDIA_FOLDER)
        and form[len(MEDIA_FOLDER):] not in (".", "..")
        and _MEDIA_BASE.fullmatch(form[len(MEDIA_FOLDER):]) is not None
        for form in (name, unquote(name))
    )


class _LimitedLoader(yaml.SafeLoader):
    """SafeLoader that refuses documents using more than a few aliases (billion laughs)."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._aliases = 0

    def compose_node(self, parent: Any, index: Any) -> Any:  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_YAML_ALIASES:
                raise ArticleError(
                    N_("The front matter uses too many YAML aliases ({count}); refused as unsafe."),
                    code="article.yaml_aliases", count=self._aliases,
                )
        return super().compose_node(parent, index)


_FastLoader: Any = getattr(yaml, "CSafeLoader", None)
# libyaml parses ten times faster than the pure-Python parser. It is used only for text
# that cannot reach what the Python loader guards: no alias or anchor (no '*', '&'),
# no tag or directive ('!', '%'), little flow nesting, nothing the YAML reader refuses
# as unprintable. Anything else, and every error, goes through _LimitedLoader, so
# results and error messages are the same either way.
_FAST_UNSAFE = re.compile("[*&!%]|[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd"
                          "\U00010000-\U0010ffff]")
_MAX_FAST_FLOW = 64


def _fast_load(yaml_text: str) -> tuple[bool, Any]:
    """``(True, data)`` when libyaml could parse ``yaml_text`` safely, else ``(False, None)``."""
    if (_FastLoader is None or _FAST_UNSAFE.search(yaml_text)
            or yaml_text.count("[") + yaml_text.count("{") > _MAX_FAST_FLOW):
        return False, None
    loader = _FastLoader(yaml_text)
    try:
        node = loader.get_single_node()  # libyaml parses and composes; tags resolved
        return True, None if node is None else _construct(loader, node)
    except Exception:  # noqa: BLE001 - the Python loader reports it in its own words
        return False, None
    finally:
        loader.dispose()


_STR_TAG = "tag:yaml.org,2002:str"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MAP_TAG = "tag:yaml.org,2002:map"


class _Generic(Exception):
    """This document needs SafeConstructor's generic path (merge keys, odd keys)."""


def _construct(loader: Any, node: Any) -> Any:
    """What ``SafeConstructor`` makes of ``node``, without its per-node bookkeeping.

    Only for documents without aliases or tags (see ``_FAST_UNSAFE``), so every node
    is built once and nothing is shared. Plain strings, lists and mappings are built
    here; every other scalar (int, float, bool, null, timestamps) is handed to the
    loader's own constructor. A merge key (``<<``) or a key that is not a scalar
    raises :class:`_Generic`, and the caller takes the generic path.
    """
    kind = type(node)
    if kind is yaml.ScalarNode:
        if node.tag == _STR_TAG:
            return node.value
        return loader.construct_object(node, deep=True)
    if kind is yaml.SequenceNode and node.tag == _SEQ_TAG:
        return [_construct(loader, item) for item in node.value]
    if kind is yaml.MappingNode and node.tag == _MAP_TAG:
        data: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if type(key_node) is not yaml.ScalarNode or key_node.tag not in _PLAIN_KEY_TAGS:
                raise _Generic
            data[_construct(loader, key_node)] = _construct(loader, value_node)
        return data
    raise _Generic


# Key tags built the same way here and by SafeConstructor.flatten_mapping/construct_mapping
# (not 'merge' or 'value', which flatten_mapping rewrites).
_PLAIN_KEY_TAGS = frozenset({_STR_TAG, "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
                             "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null",
                             "tag:yaml.org,2002:timestamp"})


class _Dumper(yaml.SafeDumper):
    """SafeDumper that never emits aliases and indents lists under their key."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _iso(value: datetime | date | None) -> str | None:
    if value is None:
        return None
    return value.isoformat()


def article_to_dict(article: Article) -> dict[str, Any]:
    """The front-matter mapping of ``article`` in the documented key order."""
    data: dict[str, Any] = {
        "id": article.id,
        "headline": article.headline,
        "deck": article.deck,
        "summary": article.summary,
        # Written only when set, so articles without one keep their bytes.
        **({"seo_title": article.seo_title} if article.seo_title else {}),
        "byline": {"name": article.byline.name, "role": article.byline.role},
        "dateline": {"place": article.dateline.place, "date": _iso(article.dateline.date),
                     # Written only when not the default, so older files keep their bytes.
                     **({"calendar": article.dateline.calendar}
                        if article.dateline.calendar != "gregorian" else {})},
        "place": {
            "city": article.place.city,
            "district": article.place.district,
            "state": article.place.state,
            "country": article.place.country,
        },
        "category": article.category,
        "tags": list(article.tags),
        "language": article.language.value,
        "slug": article.slug,
        "status": article.status.value,
        "priority": article.priority,
        "embargo": _iso(article.embargo),
        "created": _iso(article.created),
        "modified": _iso(article.modified),
        "media": [
            {"file": m.file, "caption": m.caption, "credit": m.credit, "alt": m.alt}
            for m in article.media
        ],
    }
    return data


def dump_front_matter(article: Article) -> str:
    """The YAML text of the front matter (without fences)."""
    return yaml.dump(
        article_to_dict(article),
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=1_000_000,
    )


def to_markdown(article: Article) -> str:
    """``article.md`` text: front matter between ``---`` fences, then the body."""
    body = normalize_text(article.body)
    return normalize_text(f"{FENCE}\n{dump_front_matter(article)}{FENCE}\n") + body


def split_front_matter(text: str) -> tuple[str | None, str]:
    """Split ``text`` into (front-matter YAML or ``None``, body)."""
    text = normalize_text(text)
    if not text.startswith(FENCE + "\n"):
        return None, text
    end = text.find("\n" + FENCE + "\n", len(FENCE))
    if end == -1:
        if text.endswith("\n" + FENCE):
            return text[len(FENCE) + 1 : len(text) - len(FENCE)], ""
        raise ArticleError(
            N_("The front matter is not closed: a line with only '---' is missing."),
            code="article.front_matter_unclosed",
        )
    return text[len(FENCE) + 1 : end + 1], text[end + len(FENCE) + 2 :]


def load_yaml(yaml_text: str) -> Any:
    """Safe-load ``yaml_text`` with size and alias limits."""
    if len(yaml_text) > MAX_FRONT_MATTER_CHARS:
        raise ArticleError(
            N_("The front matter is too large ({size} characters; the limit is {limit})."),
            code="article.front_matter_size", size=len(yaml_text), limit=MAX_FRONT_MATTER_CHARS,
        )
    done, data = _fast_load(yaml_text)
    if done:
        return data
    loader: _LimitedLoader | None = None
    try:
        loader = _LimitedLoader(yaml_text)  # may already raise ReaderError
        return loader.get_single_data()
    except ArticleError:
        raise
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 0  # +1 for 1-based, +1 for the fence
        raise ArticleError(
            N_("The front matter is not valid YAML (line {line}): {problem}"),
            code="article.yaml", line=line, problem=getattr(exc, "problem", None) or str(exc),
        ) from None
    except RecursionError:
        raise ArticleError(
            N_("The front matter is nested too deeply."), code="article.yaml_depth"
        ) from None
    except (ValueError, OverflowError) as exc:
        # Timestamps such as year 0, offsets beyond a day, integers with 5,000 digits.
        raise ArticleError(
            N_("The front matter contains a value out of range: {problem}"),
            code="article.yaml_value", problem=str(exc)[:200],
        ) from None
    finally:
        if loader is not None:
            loader.dispose()


def from_markdown(text: str, *, require_front_matter: bool = False) -> Article:
    """Parse ``article.md`` text into an :class:`Article`.

    Text without front matter becomes the body of a new article, unless
    ``require_front_matter`` is set.
    """
    yaml_text, body = split_front_matter(text)
    if yaml_text is None:
        if require_front_matter:
            raise ArticleError(
                N_("article.md does not start with YAML front matter ('---')."),
                code="article.no_front_matter",
            )
        return Article(body=body)
    data = load_yaml(yaml_text)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ArticleError(
            N_("The front matter must be a mapping of field names to values."),
            code="article.front_matter_type",
        )
    article = article_from_dict(data)
    article.body = body
    return article


# --- field readers ---------------------------------------------------------

def _bad(field: str, expected: str) -> ArticleError:
    return ArticleError(
        N_("Field '{field}' has the wrong type or value (expected {expected})."),
        code="article.field", field=field, expected=expected,
    )


def _text(data: dict[str, Any], key: str, prefix: str = "") -> str:
    value = data.get(key)
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise _bad(prefix + key, "text")
    return normalize_text(str(value))


def _calendar(value: Any) -> str:
    if value is None or value == "":
        return "gregorian"
    if not isinstance(value, str) or value.strip().lower() not in CALENDARS:
        raise _bad("dateline.calendar", "bs or gregorian")
    return value.strip().lower()


def _mapping(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise _bad(key, "a mapping")
    return value


def _datetime(value: Any, field: str) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            raise _bad(field, "an ISO 8601 date and time") from None
    else:
        raise _bad(field, "an ISO 8601 date and time")
    if parsed.tzinfo is None:
        # Naive times are taken as UTC rather than guessed from the reader's zone.
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed


def _date(value: Any, field: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise _bad(field, "an ISO 8601 date (YYYY-MM-DD)") from None
    raise _bad(field, "an ISO 8601 date (YYYY-MM-DD)")


def _enum(enum_type: Any, value: Any, field: str, default: Any) -> Any:
    if value is None or value == "":
        return default
    try:
        return enum_type(str(value))
    except ValueError:
        allowed = ", ".join(e.value for e in enum_type)
        raise _bad(field, f"one of {allowed}") from None


def _tags(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(
        isinstance(t, (str, int, float)) and not isinstance(t, bool) for t in value
    ):
        raise _bad("tags", "a list of text")
    return [normalize_text(str(t)) for t in value]


def _media(value: Any) -> list[Media]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise _bad("media", "a list")
    items = []
    for index, entry in enumerate(value):
        if not isinstance(entry, dict):
            raise _bad(f"media[{index}]", "a mapping")
        prefix = f"media[{index}]."
        file = _text(entry, "file", prefix)
        if not is_media_file(file):
            raise ArticleError(
                N_("Photo {number}: '{file}' is not a file in the package's media folder "
                   "(expected media/<name>); paths outside it, links and web addresses are "
                   "refused."),
                code="article.media_path", field=prefix + "file", number=index + 1,
                file=_printable(file[:200]),
            )
        items.append(Media(
            file=file,
            caption=_text(entry, "caption", prefix),
            credit=_text(entry, "credit", prefix),
            alt=_text(entry, "alt", prefix),
        ))
    return items


_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _printable(text: str) -> str:
    """``text`` quoted in a message: controls and bidi marks escaped (it comes from a file)."""
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _priority(value: Any) -> int:
    if value is None or value == "":
        return PRIORITY_DEFAULT
    if isinstance(value, bool) or not isinstance(value, int):
        raise _bad("priority", "a whole number from 1 to 9")
    return value


def article_from_dict(data: dict[str, Any]) -> Article:
    """Build an :class:`Article` from a front-matter mapping (body left empty)."""
    byline = _mapping(data, "byline")
    dateline = _mapping(data, "dateline")
    place = _mapping(data, "place")
    fields: dict[str, Any] = dict(
        headline=_text(data, "headline"),
        deck=_text(data, "deck"),
        summary=_text(data, "summary"),
        seo_title=_text(data, "seo_title"),
        byline=Byline(name=_text(byline, "name", "byline."), role=_text(byline, "role", "byline.")),
        dateline=Dateline(
            place=_text(dateline, "place", "dateline."),
            date=_date(dateline.get("date"), "dateline.date"),
            calendar=_calendar(dateline.get("calendar")),
        ),
        place=Place(
            city=_text(place, "city", "place."),
            district=_text(place, "district", "place."),
            state=_text(place, "state", "place."),
            country=_text(place, "country", "place."),
        ),
        category=_text(data, "category"),
        tags=_tags(data.get("tags")),
        language=_enum(Language, data.get("language"), "language", Language.HINDI),
        slug=_text(data, "slug"),
        status=_enum(Status, data.get("status"), "status", Status.DRAFT),
        priority=_priority(data.get("priority")),
        embargo=_datetime(data.get("embargo"), "embargo"),
        media=_media(data.get("media")),
    )
    # Read in the same order as before (the first wrong field is the one reported), and
    # passed in, so that Article's defaults (a fresh UUID, the time now) are made only
    # for what the front matter lacks.
    if data.get("id"):
        fields["id"] = _text(data, "id")
    created = _datetime(data.get("created"), "created")
    modified = _datetime(data.get("modified"), "modified")
    if created is not None:
        fields["created"] = created
    if modified is not None:
        fields["modified"] = modified
    return Article(**fields)

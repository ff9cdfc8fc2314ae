"""The newsroom category taxonomy: a YAML file shipped with defaults, replaceable.

Format::

    categories:
      - id: politics          # stored in the article's ``category`` field
        hi: राजनीति
        en: Politics
        ne: राजनीति           # optional, other languages likewise
        medtop: "11000000"    # optional: IPTC Media Topic code (exports: subjects)
        subj: "11000000"      # optional: IPTC Subject Code, for consumers of the old codes

``medtop`` and ``subj`` are 8-digit IPTC NewsCodes
(``http://cv.iptc.org/newscodes/mediatopic/<code>``,
``http://cv.iptc.org/newscodes/subjectcode/<code>``); a newsroom edits them with
its categories. Every other text key is a label in that language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from khabar_editor.article.frontmatter import load_yaml
from khabar_editor.errors import ArticleError
from khabar_editor.i18n import N_

MAX_TAXONOMY_BYTES = 1024 * 1024


CODE_KEYS = ("medtop", "subj")  # IPTC codes, not labels
_IPTC_CODE = re.compile(r"[0-9]{8}")


@dataclass(frozen=True)
class Category:
    """One category: stable Latin ``id``, labels by language, IPTC codes."""

    id: str
    labels: tuple[tuple[str, str], ...]
    medtop: str = ""  # IPTC Media Topic code, e.g. "11000000" (politics)
    subj: str = ""  # IPTC Subject Code, e.g. "11000000"

    def label(self, lang: str = "hi") -> str:
        """The label in ``lang``, else Hindi, else English, else the id."""
        table = dict(self.labels)
        return table.get(lang) or table.get("hi") or table.get("en") or self.id


@dataclass(frozen=True)
class Taxonomy:
    """An ordered set of categories."""

    categories: tuple[Category, ...]

    def get(self, category_id: str) -> Category | None:
        """The category with ``category_id`` (or whose label equals it), if any."""
        for cat in self.categories:
            if cat.id == category_id:
                return cat
        for cat in self.categories:
            if category_id in dict(cat.labels).values():
                return cat
        return None

    def ids(self) -> list[str]:
        return [c.id for c in self.categories]


def parse_taxonomy(text: str) -> Taxonomy:
    """Parse taxonomy YAML text; raises :class:`ArticleError` with a clear message."""
    data = load_yaml(text)
    entries = data.get("categories") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not entries:
        raise ArticleError(
            N_("The category file must contain a non-empty 'categories' list."),
            code="taxonomy.format",
        )
    cats: list[Category] = []
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str) or not entry["id"]:
            raise ArticleError(
                N_("Category number {index} in the category file has no 'id'."),
                code="taxonomy.entry", index=index + 1,
            )
        if entry["id"] in seen:
            raise ArticleError(
                N_("Category '{id}' appears twice in the category file."),
                code="taxonomy.duplicate", id=entry["id"],
            )
        seen.add(entry["id"])
        labels = tuple(
            (str(k), str(v)) for k, v in entry.items()
            if k != "id" and k not in CODE_KEYS and isinstance(v, str)
        )
        codes = {key: _code(entry, key, index) for key in CODE_KEYS}
        cats.append(Category(entry["id"], labels, **codes))
    return Taxonomy(tuple(cats))


def _code(entry: dict, key: str, index: int) -> str:
    """The 8-digit IPTC code under ``key`` (``medtop:`` prefix allowed), or ""."""
    value = entry.get(key)
    if value is None or value == "":
        return ""
    text = str(value).strip()
    text = text.split(":", 1)[1] if text.startswith(key + ":") else text
    if isinstance(value, bool) or not _IPTC_CODE.fullmatch(text):
        raise ArticleError(
            N_("Category number {index} in the category file has a bad '{key}' code "
               "'{value}': it must be 8 digits, e.g. 11000000."),
            code="taxonomy.code", index=index + 1, key=key, value=str(value)[:40],
        )
    return text


@lru_cache(maxsize=1)
def default_taxonomy() -> Taxonomy:
    """The taxonomy shipped with the application (parsed once; it is immutable)."""
    shipped = Path(__file__).resolve().parent.parent / "data" / "taxonomy" / "categories.yaml"
    if shipped.is_file():  # an installed or source tree: no importlib.resources needed
        return parse_taxonomy(shipped.read_text(encoding="utf-8"))
    from importlib import resources  # zipped installs

    ref = resources.files("khabar_editor") / "data" / "taxonomy" / "categories.yaml"
    return parse_taxonomy(ref.read_text(encoding="utf-8"))


def load_taxonomy(path: str | Path | None = None) -> Taxonomy:
    """A newsroom's own taxonomy file, or the default when ``path`` is ``None``."""
    if path is None:
        return default_taxonomy()
    p = Path(path)
    try:
        if not p.is_file():  # a folder, a pipe or a device would block or never end
            raise ArticleError(N_("The category file {path} is not a regular file."),
                               code="taxonomy.not_file", path=str(p))
        with p.open("rb") as fh:
            raw = fh.read(MAX_TAXONOMY_BYTES + 1)
        if len(raw) > MAX_TAXONOMY_BYTES:
            raise ArticleError(N_("The category file is too large."), code="taxonomy.size")
    except OSError as exc:
        raise ArticleError(
            N_("Cannot read the category file {path}: {reason}"),
            code="taxonomy.io", path=str(p), reason=exc.strerror or str(exc),
        ) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ArticleError(
            N_("The category file {path} is not UTF-8 text."), code="taxonomy.encoding", path=str(p)
        ) from None
    return parse_taxonomy(text)

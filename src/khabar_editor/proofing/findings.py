"""What proofing reports: a :class:`Finding` per problem, with an optional fix."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from khabar_editor.i18n import get_language, translate

SPELLING = "spelling"


@dataclass(frozen=True)
class Finding:
    """One problem at code points ``[start, end)`` of the checked text.

    ``kind`` is ``"spelling"`` or a rule id such as ``"typo.double_space"``.
    ``fix`` is the replacement for ``text`` that one click applies (``None``
    when there is none). Suggestions of spelling findings are computed on
    first use (they cost more than finding the word).
    """

    start: int
    end: int
    text: str
    kind: str
    msgid: str
    params: tuple[tuple[str, Any], ...] = ()
    fix: str | None = None
    fixed_suggestions: tuple[str, ...] = ()
    suggest_fn: Callable[[], list[str]] | None = field(default=None, compare=False, repr=False)

    @property
    def suggestions(self) -> tuple[str, ...]:
        """Replacements best first (for spelling: from the error model and Hunspell)."""
        if self.suggest_fn is not None:
            return tuple(self.suggest_fn())
        return self.fixed_suggestions

    def message_in(self, lang: str) -> str:
        """The message in ``lang``."""
        values = dict(self.params)
        try:
            return translate(self.msgid, lang).format(**values)
        except (KeyError, IndexError, ValueError):
            return self.msgid.format(**values)

    @property
    def message(self) -> str:
        """The message in the current interface language."""
        return self.message_in(get_language())

    def shifted(self, offset: int) -> Finding:
        """The same finding with its span moved by ``offset`` code points."""
        return replace(self, start=self.start + offset, end=self.end + offset)

    def to_json(self) -> dict[str, Any]:
        """JSON form (offsets, kind, message in English and Hindi, suggestions, fix)."""
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "kind": self.kind,
            "message": self.message_in("en"),
            "message_hi": self.message_in("hi"),
            "suggestions": list(self.suggestions),
            "fix": self.fix,
        }


def finding(start: int, end: int, text: str, kind: str, msgid: str, *, fix: str | None = None,
            suggestions: tuple[str, ...] = (), **params: Any) -> Finding:
    """Shorthand constructor keeping ``params`` hashable."""
    return Finding(start, end, text, kind, msgid, tuple(sorted(params.items())), fix,
                   suggestions or ((fix,) if fix else ()))

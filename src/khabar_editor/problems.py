"""Problems found in an article or a package: data, not exceptions.

The same objects feed the GUI's problem markers, ``khabar validate`` and the
export gate. ``code`` is stable (scripts may rely on it); the message exists in
English and Hindi.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from khabar_editor.i18n import get_language, translate


class Severity(str, Enum):
    """How bad a problem is; ``ERROR`` blocks export."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Problem:
    """One finding with a stable ``code``, the ``field`` it concerns and a message."""

    code: str
    field: str
    severity: Severity
    msgid: str
    params: tuple[tuple[str, Any], ...] = field(default=())

    def message_in(self, lang: str) -> str:
        """The message in ``lang``."""
        text = translate(self.msgid, lang)
        values = dict(self.params)
        try:
            return text.format(**values)
        except (KeyError, IndexError, ValueError):
            return self.msgid.format(**values)

    @property
    def message(self) -> str:
        """The message in the current interface language."""
        return self.message_in(get_language())

    def to_json(self) -> dict[str, Any]:
        """JSON form used by ``--json`` outputs."""
        return {
            "code": self.code,
            "field": self.field,
            "severity": self.severity.value,
            "message": self.message_in("en"),
            "message_hi": self.message_in("hi"),
        }


def problem(code: str, field_name: str, severity: Severity, msgid: str, **params: Any) -> Problem:
    """Shorthand constructor keeping ``params`` hashable."""
    return Problem(code, field_name, severity, msgid, tuple(sorted(params.items())))


def has_errors(problems: Iterable[Problem]) -> bool:
    """Whether any problem is an error."""
    return any(p.severity is Severity.ERROR for p in problems)

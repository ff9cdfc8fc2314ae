"""One exception root for the whole application.

Every error carries structured fields plus a message available in English and
Hindi, so the CLI and the GUI can show ``str(exc)`` (in the current interface
language) and never a traceback.
"""

from __future__ import annotations

from typing import Any

from khabar_editor.i18n import translate


class KhabarError(Exception):
    """Base of all errors raised deliberately by Khabar Editor.

    Args:
        msgid: English message template (a gettext msgid), formatted with ``fields``.
        code: stable machine-readable code, e.g. ``"package.checksum"``.
        **fields: structured details (file names, sizes...) used in the message.
    """

    code = "error"

    def __init__(self, msgid: str, *, code: str | None = None, **fields: Any) -> None:
        self.msgid = msgid
        if code is not None:
            self.code = code
        self.fields = fields
        super().__init__(self.message("en"))

    def message(self, lang: str | None = None) -> str:
        """The message in ``lang`` (``"en"``, ``"hi"``) or the current UI language."""
        text = translate(self.msgid, lang)
        try:
            return text.format(**self.fields)
        except (KeyError, IndexError, ValueError):
            return self.msgid.format(**self.fields)

    def bilingual(self) -> str:
        """Hindi and English together, for places where the language is unknown."""
        hi, en = self.message("hi"), self.message("en")
        return en if hi == en else f"{hi}\n{en}"

    def __str__(self) -> str:
        return self.message()


class ArticleError(KhabarError):
    """The article text or its front matter cannot be understood."""

    code = "article"


class PackageError(KhabarError):
    """A .khabar package is unreadable, corrupt, unsafe or from a newer version."""

    code = "package"


class ExportError(KhabarError):
    """An export could not be produced."""

    code = "export"


class ProofingError(KhabarError):
    """Spell check or proofing could not run (e.g. no dictionary)."""

    code = "proofing"


class ConversionError(KhabarError):
    """Legacy-font or format conversion failed."""

    code = "conversion"

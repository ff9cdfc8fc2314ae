"""The export gate: articles with errors are refused, weaker problems are warnings.

Errors come from :func:`validate_article` (no headline, byline, dateline,
category, text...) plus photos listed in the article but missing from the
package. Warnings: photo without credit/caption/alt, unknown category and, if
the proof-reader is installed, spelling findings left in the text.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from khabar_editor.article.taxonomy import Taxonomy, default_taxonomy
from khabar_editor.article.validate import validate_article
from khabar_editor.errors import ExportError
from khabar_editor.i18n import N_
from khabar_editor.problems import Problem, Severity, problem

log = logging.getLogger(__name__)


@dataclass
class GateReport:
    """The gate's verdict on one package."""

    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether export may go ahead."""
        return not self.errors


_proofreaders: dict[tuple[str, tuple[str, ...], str], Any] = {}


def count_spelling_findings(article: Any, wordlist: list[str] | None = None,
                            digits: str | None = None) -> int | None:
    """Spelling findings left in ``article``'s body, or ``None`` when not counted.

    The proof-reader is optional here: it is imported lazily, only Hindi and
    Nepali are checked, and any failure inside it only means "not counted",
    never a failed export.
    """
    lang = getattr(article.language, "value", str(article.language))
    if lang not in {"hi", "ne"}:
        return None
    try:
        from khabar_editor.proofing import Proofreader
    except Exception:  # noqa: BLE001 - absent or broken: simply not counted
        return None
    try:
        key = (lang, tuple(wordlist or ()), digits or "")
        if key not in _proofreaders:
            if len(_proofreaders) > 8:
                _proofreaders.clear()
            # The house digits, as in the editor and ``khabar check`` (never a "majority").
            _proofreaders[key] = (Proofreader(lang, newsroom_words=list(key[1]), digits=digits)
                                  if key[1] else Proofreader(lang, digits=digits))
        findings = _proofreaders[key].check_text(article.body)
        return sum(1 for f in findings if getattr(f, "kind", "") == "spelling")
    except Exception:  # noqa: BLE001
        log.warning("Proof-reader failed during export; spelling not counted", exc_info=True)
    return None


def preload(lang: str) -> None:
    """Load ``lang``'s proof-reader now (word lists, dictionaries), as the first
    :func:`count_spelling_findings` would; failures only mean "not preloaded"."""
    if lang not in {"hi", "ne"}:
        return
    try:
        from khabar_editor.proofing import Proofreader

        key = (lang, (), "")
        if key not in _proofreaders:
            _proofreaders[key] = Proofreader(lang)
    except Exception:  # noqa: BLE001 - counting later reports it, or skips counting
        log.debug("Proof-reader not preloaded", exc_info=True)


def check(pkg: Any, taxonomy: Taxonomy | None = None, *, spelling: bool = True,
          digits: str | None = None) -> GateReport:
    """Run the gate on ``pkg`` (anything with ``.article`` and ``.media``); ``digits`` is
    the house digit style the proof-reader follows."""
    report = GateReport()
    for found in validate_article(pkg.article, taxonomy or default_taxonomy()):
        if found.severity is Severity.ERROR:
            report.errors.append(found)
        elif found.severity is Severity.WARNING:
            report.warnings.append(found)
    for index, m in enumerate(pkg.article.media, start=1):
        if m.file not in pkg.media:
            report.errors.append(problem(
                "export.media_missing", f"media[{index - 1}].file", Severity.ERROR,
                N_("Photo {number} ('{file}') is listed but is not inside the package."),
                number=index, file=m.file))
    if spelling:
        words = getattr(pkg, "wordlist", None)
        count = (count_spelling_findings(pkg.article, words, digits) if digits
                 else count_spelling_findings(pkg.article, words))
        if count:
            report.warnings.append(problem(
                "export.spelling", "body", Severity.WARNING,
                N_("{count} spelling findings are still open in the text."), count=count))
    return report


def refuse(report: GateReport) -> ExportError:
    """The error raised when the gate refuses a package (lists every error, English)."""
    details = "; ".join(p.message for p in report.errors)
    return ExportError(N_("Export refused: the article has errors: {details}"),
                       code="export.refused", details=details)

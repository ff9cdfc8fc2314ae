"""Hindi/Nepali spell check and proofing (no Qt): see :class:`Proofreader`.

``docs/proofing.md`` explains the dictionaries, the error model and the rules.
"""

from __future__ import annotations

from khabar_editor.proofing.findings import SPELLING, Finding
from khabar_editor.proofing.proofreader import Proofreader
from khabar_editor.proofing.rules import RULES, Rule

__all__ = ["Finding", "Proofreader", "RULES", "Rule", "SPELLING"]

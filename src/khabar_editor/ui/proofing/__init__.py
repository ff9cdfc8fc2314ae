"""Qt proofing widgets: underlines, the findings panel and the spelling menu."""

from __future__ import annotations

from khabar_editor.ui.proofing.panel import ProofingPanel
from khabar_editor.ui.proofing.spell_menu import build_spell_menu, word_at
from khabar_editor.ui.proofing.underline import finding_formats

__all__ = ["ProofingPanel", "build_spell_menu", "finding_formats", "word_at"]

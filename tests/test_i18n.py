"""Every Hindi catalogue compiles and translates; placeholders survive translation."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from khabar_editor import i18n

PO_DIR = Path(__file__).resolve().parents[1] / "resources" / "po"
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def _catalogues() -> list[Path]:
    return sorted(PO_DIR.glob("*/*.po"))


@pytest.mark.parametrize("po", _catalogues(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_catalogue_is_complete_and_keeps_placeholders(po: Path):
    """Each entry is translated and uses the same {placeholders} as its msgid."""
    with po.open("rb") as fh:
        catalog = read_po(fh)
    assert len(catalog) > 0
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strs = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strs), f"untranslated: {ids[0]!r}"
        assert set(PLACEHOLDER.findall(ids[0])) == set(PLACEHOLDER.findall(strs[0])), ids[0]


def test_translate_uses_catalogue_and_falls_back_to_english():
    """Known msgids come back in Hindi; unknown ones stay English."""
    i18n.reset_cache()
    assert i18n.translate("The headline is missing.", "hi") == "शीर्षक नहीं है।"
    assert i18n.translate("no such message", "hi") == "no such message"
    assert i18n.translate("The headline is missing.", "en") == "The headline is missing."


def test_set_language_reads_environment(monkeypatch):
    """KHABAR_LANG picks the language; unsupported languages fall back to English."""
    monkeypatch.setenv("KHABAR_LANG", "hi_IN.UTF-8")
    assert i18n.set_language(None) == "hi"
    assert i18n.set_language("fr") == "en"

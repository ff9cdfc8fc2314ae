"""Phonetic typing through the real widgets: key events in, Devanagari out."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from khabar_editor.textkit import phonetic
from khabar_editor.ui import phonetic_input

FAKE = {"hindi": ["हिंदी", "हिन्दी", "हिंडी"], "ka": ["का", "क", "की"], "k": ["क"],
        "kaa": ["का"], "bharat": ["भारत", "भरत"], "khabar": ["ख़बर", "खबर"]}


@pytest.fixture
def stub_candidates(monkeypatch):
    """Deterministic candidates so the key handling is what is tested."""
    def fake(roman, lang="hi", k=10, choices=None):
        found = list(FAKE.get(roman.lower(), ["?" + roman]))
        if choices is not None:
            learned = choices.learned(roman, lang)
            found = learned + [w for w in found if w not in learned]
        return found[:k]
    monkeypatch.setattr(phonetic, "candidates", fake)


def _on(window):
    window.phonetic.toggle_action.setChecked(True)
    window.editor.setFocus()
    return window.editor


def _preedit(editor):
    return editor.textCursor().block().layout().preeditAreaText()


def test_space_takes_first_candidate_and_types_the_space(window, qtbot, stub_candidates):
    """Typing 'hindi' shows हिंदी inline; Space commits it followed by a space."""
    editor = _on(window)
    qtbot.keyClicks(editor, "hindi")
    assert _preedit(editor) == "हिंदी"
    assert window.phonetic.popup.isVisible()
    assert editor.toPlainText() == ""
    qtbot.keyClick(editor, Qt.Key.Key_Space)
    assert editor.toPlainText() == "हिंदी "
    assert not window.phonetic.popup.isVisible()


def test_digits_arrows_escape_and_backspace(window, qtbot, stub_candidates):
    """2 picks the second word, Down+Enter the next, Esc keeps Roman, Backspace steps back."""
    editor = _on(window)
    qtbot.keyClicks(editor, "hindi")
    qtbot.keyClick(editor, Qt.Key.Key_2)
    assert editor.toPlainText() == "हिन्दी"
    qtbot.keyClick(editor, Qt.Key.Key_Space)
    qtbot.keyClicks(editor, "hindi")
    qtbot.keyClick(editor, Qt.Key.Key_Down)
    qtbot.keyClick(editor, Qt.Key.Key_Down)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.toPlainText() == "हिन्दी हिंडी"
    qtbot.keyClick(editor, Qt.Key.Key_Space)
    qtbot.keyClicks(editor, "kaa")
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    assert _preedit(editor) == "का"  # 'ka'
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert editor.toPlainText() == "हिन्दी हिंडी ka"


def test_urls_and_marked_words_stay_roman(window, qtbot, stub_candidates):
    """A URL is typed as it is; Shift+Esc marks a word so it stays Roman next time."""
    editor = _on(window)
    qtbot.keyClicks(editor, "https://example.com ")
    assert editor.toPlainText() == "https://example.com "
    qtbot.keyClicks(editor, "khabar")
    qtbot.keyClick(editor, Qt.Key.Key_Escape, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(editor, Qt.Key.Key_Space)
    qtbot.keyClicks(editor, "khabar ")
    assert editor.toPlainText() == "https://example.com khabar khabar "


def test_choices_are_learned_and_saved(window, qtbot, stub_candidates):
    """A word picked with a digit comes first next time and is in the per-user file."""
    editor = _on(window)
    qtbot.keyClicks(editor, "bharat")
    qtbot.keyClick(editor, Qt.Key.Key_2)
    qtbot.keyClick(editor, Qt.Key.Key_Space)
    qtbot.keyClicks(editor, "bharat")
    qtbot.keyClick(editor, Qt.Key.Key_Space)
    assert editor.toPlainText() == "भरत भरत "
    saved = json.loads(window.phonetic.choices.path.read_text(encoding="utf-8"))
    assert saved["choices"]["hi"]["bharat"]["भरत"] >= 2


def test_mode_off_types_roman_and_state_is_remembered(make_window, qtbot, stub_candidates):
    """Off: letters are typed as they are; the on state survives a new window."""
    window = make_window()
    qtbot.keyClicks(window.editor, "hindi")
    assert window.editor.toPlainText() == "hindi"
    window.phonetic.toggle_action.trigger()
    assert phonetic_input.prefs_path().is_file()
    other = make_window()
    assert other.phonetic.toggle_action.isChecked() and other.phonetic.enabled


def test_headline_field_types_devanagari(window, qtbot, stub_candidates):
    """Metadata text fields take phonetic typing too."""
    _on(window)
    headline = window.metadata.w["headline"]
    headline.setFocus()
    qtbot.keyClicks(headline, "bharat")
    qtbot.keyClick(headline, Qt.Key.Key_Space)
    assert headline.text() == "भारत "


def test_real_model_types_bharat(window, qtbot):
    """With the shipped model, 'bharat' + Space gives भारत."""
    editor = _on(window)
    qtbot.keyClicks(editor, "bharat")
    qtbot.keyClick(editor, Qt.Key.Key_Space)
    assert editor.toPlainText() == "भारत "


def test_reference_card_is_one_click_away(window, qtbot, monkeypatch):
    """The toolbar's guide action opens the reference card with the key list."""
    shown = []
    monkeypatch.setattr(phonetic_input.QDialog, "exec", lambda self: shown.append(self) or 0)
    window.phonetic.guide_action.trigger()
    assert shown and "Esc" in shown[0].findChild(phonetic_input.QTextBrowser).toPlainText()

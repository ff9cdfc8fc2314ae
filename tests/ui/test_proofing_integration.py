"""Proofing wired into the main window: underlines, panel, spelling menu, on/off toggle."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMenu

from khabar_editor.proofing import Proofreader


@pytest.fixture
def proofed(window, tmp_path):
    """The window with a Hindi proofreader attached and spell checking on."""
    window.proofing.set_proofreader(Proofreader("hi", personal=tmp_path / "words.txt"))
    window.actions_by_name["spell_check"].setChecked(True)
    return window


def _underlined(window):
    block = window.editor.document().firstBlock()
    return [(r.start, r.start + r.length) for r in block.layout().formats()
            if r.format.underlineStyle() != r.format.UnderlineStyle.NoUnderline]


def test_misspelling_is_underlined_and_toggle_removes_it(proofed):
    """सरकारि is underlined as a whole word; switching spell check off clears it."""
    proofed.editor.setPlainText("कल सरकारि बैठक हुई।")
    assert (3, 9) in _underlined(proofed)
    proofed.actions_by_name["spell_check"].setChecked(False)
    assert _underlined(proofed) == []
    assert proofed.settings.spell_check is False


def test_panel_lists_findings_and_fix_edits_text(proofed, qtbot):
    """The proofing dock lists the finding; a fix request replaces the span in the editor."""
    proofed.editor.setPlainText("कल सरकारि बैठक हुई।")
    proofed.actions_by_name["show_proofing"].setChecked(True)
    panel = proofed.proofing.panel
    qtbot.waitUntil(lambda: any(f.kind == "spelling" for f in panel.findings), timeout=3000)
    panel.fix_requested.emit(3, 9, "सरकारी")
    assert proofed.editor.toPlainText() == "कल सरकारी बैठक हुई।"
    panel.finding_activated.emit(0, 2)
    assert proofed.editor.textCursor().selectedText() == "कल"


def test_context_menu_offers_suggestions(proofed):
    """The editor's context-menu hook puts spelling suggestions first."""
    proofed.editor.setPlainText("कल सरकारि बैठक")
    cursor = QTextCursor(proofed.editor.document())
    cursor.setPosition(5)
    menu = QMenu()
    menu.addAction("Copy")
    proofed.editor.context_menu_hook(menu, cursor)
    assert menu.actions()[0].text() == "सरकारी"


def _menu_for(window, position):
    cursor = QTextCursor(window.editor.document())
    cursor.setPosition(position)
    menu = QMenu()
    menu.addAction("Copy")
    window.editor.context_menu_hook(menu, cursor)
    return menu


def test_sample_names_are_not_underlined(proofed):
    """The sample ships its names in the newsroom list, and the editor's proofreader uses it."""
    from khabar_editor.app.sample import sample_package

    proofed.session.load_package(sample_package(), None, dirty=False)
    proofed.editor.setPlainText("नवहट्टा की रामकली महिषी गईं।")
    assert _underlined(proofed) == []


def test_newsroom_words_do_not_leak_into_the_next_document(proofed):
    """After the sample, a new article no longer accepts the sample's names."""
    from khabar_editor.app.sample import sample_package

    proofed.session.load_package(sample_package(), None, dirty=False)
    proofed.session.new()
    proofed.editor.setPlainText("नवहट्टा गईं।")
    assert (0, 7) in _underlined(proofed)
    assert "नवहट्टा" not in proofed.proofing.proofreader.newsroom_words


def test_add_to_newsroom_list_goes_into_the_package(proofed, tmp_path):
    """"Add to newsroom list" puts the word in Package.wordlist; it survives save and reopen."""
    from khabar_editor.package import read_package

    proofed.editor.setPlainText("कल नवहट्टा गईं।")
    menu = _menu_for(proofed, 5)
    [add] = [a for a in menu.actions() if a.text() == "Add to newsroom list"]
    add.trigger()
    assert proofed.session.package.wordlist == ["नवहट्टा"]
    assert proofed.session.dirty
    assert _underlined(proofed) == []
    assert proofed.session._write(tmp_path / "a.khabar")
    assert read_package(tmp_path / "a.khabar").wordlist == ["नवहट्टा"]

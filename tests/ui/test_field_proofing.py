"""Proofing of the metadata fields: underlines, spelling menu, findings in the panel."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLineEdit

from khabar_editor.article.model import Media
from khabar_editor.proofing import Proofreader
from khabar_editor.proofing.findings import Finding
from khabar_editor.ui.proofing.field_spell import FieldSpeller
from tests.ui.conftest import type_text


@pytest.fixture
def proofed(window, tmp_path):
    """The window with a Hindi proofreader attached and spell checking on."""
    window.proofing.set_proofreader(Proofreader("hi", personal=tmp_path / "words.txt"))
    window.actions_by_name["spell_check"].setChecked(True)
    return window


def _red_pixels(widget) -> int:
    image: QImage = widget.grab().toImage()
    count = 0
    for y in range(image.height()):
        for x in range(image.width()):
            c = image.pixelColor(x, y)
            count += c.red() - c.green() > 60 and c.red() - c.blue() > 60
    return count


def _point_at(edit: QLineEdit, position: int) -> QPoint:
    """A point inside ``edit`` whose cursor position is ``position``."""
    y = edit.height() // 2
    for x in range(edit.width()):
        if edit.cursorPositionAt(QPoint(x, y)) == position:
            return QPoint(x, y)
    raise AssertionError(f"no point for position {position}")


def test_line_field_misspelling_is_underlined_in_red(proofed):
    """A misspelt word in the deck (a QLineEdit) is underlined as a whole word, in red."""
    deck = proofed.metadata.w["deck"]
    deck.setText("कल सरकारी बैठक")
    assert proofed.metadata.spellers["deck"].underlined() == []
    clean = _red_pixels(deck)
    deck.setText("कल सरकारि बैठक")
    assert proofed.metadata.spellers["deck"].underlined() == [(3, 9, "spelling")]
    assert _red_pixels(deck) > clean + 10


def test_headline_underlined_without_marking_the_article_changed(proofed):
    """The headline (a plain-text field) is underlined; underlining is not an edit."""
    proofed.metadata.w["headline"].setText("सरकारि बैठक")
    proofed.session.modified = False
    proofed.metadata.refresh_spelling()
    assert proofed.metadata.spellers["headline"].underlined() == [(0, 6, "spelling")]
    assert proofed.session.article.headline == ""  # setText is not a user edit
    assert proofed.session.modified is False


def test_spell_check_off_removes_field_underlines(proofed):
    """Switching spell checking off clears the fields' underlines too."""
    proofed.metadata.w["seo_title"].setText("सरकारि बैठक")
    assert proofed.metadata.spellers["seo_title"].underlined()
    proofed.actions_by_name["spell_check"].setChecked(False)
    assert proofed.metadata.spellers["seo_title"].underlined() == []


def test_underline_covers_whole_grapheme_clusters(qtbot):
    """A finding that starts inside क्षि is widened to the whole cluster (never split)."""

    class Half:
        def check_paragraph(self, text):
            return [Finding(1, 3, text[1:3], "spelling", "x")]  # inside क्षि

    edit = QLineEdit()
    qtbot.addWidget(edit)
    speller = FieldSpeller(edit)
    edit.setText("क्षितिज")
    speller.set_proofreader(Half())
    assert speller.underlined() == [(0, 4, "spelling")]


def test_field_menu_offers_suggestions_and_replaces_as_an_edit(proofed):
    """Right-click on a misspelt deck word: suggestions first; choosing one edits the article."""
    deck = proofed.metadata.w["deck"]
    type_text(deck, "कल सरकारि बैठक")
    menu = proofed.metadata.spellers["deck"].context_menu(_point_at(deck, 5))
    assert menu is not None and menu.actions()[0].text() == "सरकारी"
    labels = [a.text() for a in menu.actions()]
    assert any("dictionary" in t or "शब्दकोश" in t for t in labels)
    menu.actions()[0].trigger()
    assert deck.text() == "कल सरकारी बैठक"
    assert proofed.session.article.deck == "कल सरकारी बैठक"
    assert proofed.metadata.spellers["deck"].context_menu(_point_at(deck, 5)) is None


def test_field_menu_add_to_dictionary_clears_the_underline(proofed):
    """"Add to dictionary" from a field's menu accepts the word and re-underlines."""
    tags = proofed.metadata.w["tags"]
    type_text(tags, "बाढ़, सरकारि")
    speller = proofed.metadata.spellers["tags"]
    assert speller.underlined() == [(6, 12, "spelling")]
    menu = speller.context_menu(_point_at(tags, 8))
    add = next(a for a in menu.actions() if a.text() in ("Add to dictionary", "शब्दकोश में जोड़ें"))
    add.trigger()
    assert speller.underlined() == []


def test_panel_lists_field_findings_and_focuses_the_field(proofed, qtbot):
    """Headline and caption findings are listed with the field name; activating one
    selects the word in its field; a fix edits the field (and the article)."""
    proofed.session.article.media.append(Media(file="a.jpg", caption="बाढ सरकारि नाव"))
    proofed.metadata.media.load(proofed.session.article.media, {})
    type_text(proofed.metadata.w["headline"], "सरकारि बैठक")
    proofed.actions_by_name["show_proofing"].setChecked(True)
    panel = proofed.proofing.panel
    qtbot.waitUntil(lambda: len(panel.field_findings) >= 2, timeout=3000)
    keys = {(ff.key, ff.finding.text) for ff in panel.field_findings}
    assert ("headline", "सरकारि") in keys and ("media[0].caption", "सरकारि") in keys
    labels = {panel.tree.topLevelItem(i).text(4) for i in range(panel.tree.topLevelItemCount())}
    assert "Headline" in labels or "शीर्षक" in labels
    wanted = next(i for i, ff in enumerate(panel.field_findings)
                  if ff.key == "media[0].caption" and ff.finding.text == "सरकारि")
    row = next(i for i in range(panel.tree.topLevelItemCount())
               if panel.tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole + 1) == wanted)
    item = panel.tree.topLevelItem(row)
    panel.tree.setCurrentItem(item)
    panel._activated(item)
    caption = proofed.metadata.media.caption
    assert caption.hasSelectedText() and caption.selectedText() == "सरकारि"
    panel.fix_current()
    assert proofed.session.article.media[0].caption == "बाढ सरकारी नाव"


def test_stale_field_fix_changes_nothing(proofed):
    """A fix for text that is no longer there leaves the field alone."""
    proofed.metadata.w["deck"].setText("कल बैठक")
    assert proofed.metadata.replace_in_field("deck", 3, 9, "सरकारी", "सरकारि") is False
    assert proofed.metadata.w["deck"].text() == "कल बैठक"


def test_editor_proofreader_follows_the_house_digits(make_window, qtbot):
    """The editor's proofreader is built with the Preferences' digit style."""
    window = make_window(digit_style="devanagari")
    window.proofing.start()
    qtbot.waitUntil(lambda: window.proofing.proofreader is not None, timeout=10000)
    assert window.proofing.proofreader.digits == "devanagari"

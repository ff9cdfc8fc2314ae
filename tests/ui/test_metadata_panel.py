"""The metadata panel edits every article field and shows problems beside them."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QDateTime, Qt
from PySide6.QtTest import QTest

from khabar_editor.article.model import Language, Status
from khabar_editor.article.slug import make_slug
from tests.ui.conftest import type_text


def _type_into(widget, text):
    widget.setFocus()
    widget.selectAll()
    QTest.keyClick(widget, Qt.Key.Key_Delete)
    type_text(widget, text)


def test_every_field_reaches_the_article(window, qtbot):
    """Typing/choosing in each widget changes the matching Article field."""
    w, a = window.metadata.w, window.session.article
    for key, value in (("headline", "सहरसा में बाढ़"), ("deck", "नावों से राहत"),
                       ("byline.name", "सुनीता कुमारी"), ("byline.role", "ज़िला संवाददाता"),
                       ("dateline.place", "सहरसा"), ("place.city", "सहरसा"),
                       ("place.district", "सहरसा"), ("place.state", "बिहार"),
                       ("place.country", "भारत"), ("tags", "बाढ़, कोसी ,राहत")):
        _type_into(w[key], value)
    w["summary"].setPlainText("कोसी का पानी घटा।")
    w["dateline.date"].setDate(QDate(2026, 11, 27))
    w["category"].setCurrentIndex(w["category"].findData("mausam"))
    w["language"].setCurrentIndex(w["language"].findData("ne"))
    w["status"].setCurrentIndex(w["status"].findData("submitted"))
    w["priority"].setValue(2)
    window.metadata.embargo_on.setChecked(True)
    w["embargo"].setDateTime(QDateTime.fromSecsSinceEpoch(1_800_000_000))
    assert (a.headline, a.deck, a.summary) == ("सहरसा में बाढ़", "नावों से राहत", "कोसी का पानी घटा।")
    assert (a.byline.name, a.byline.role) == ("सुनीता कुमारी", "ज़िला संवाददाता")
    assert a.dateline.place == "सहरसा" and a.dateline.date == date(2026, 11, 27)
    assert (a.place.city, a.place.district, a.place.state, a.place.country) == \
        ("सहरसा", "सहरसा", "बिहार", "भारत")
    assert a.tags == ["बाढ़", "कोसी", "राहत"]
    assert a.category == "mausam" and a.language is Language.NEPALI
    assert a.status is Status.SUBMITTED and a.priority == 2
    assert a.embargo is not None and int(a.embargo.timestamp()) == 1_800_000_000
    assert window.session.dirty
    window.metadata.embargo_on.setChecked(False)
    assert a.embargo is None


def test_slug_follows_headline_until_edited(window):
    """The slug is generated from the headline, and stops following once edited."""
    w, a = window.metadata.w, window.session.article
    _type_into(w["headline"], "बाढ़ से 12 गाँव प्रभावित")
    expected = make_slug("बाढ़ से 12 गाँव प्रभावित")
    assert expected.startswith("ba") and a.slug == expected == w["slug"].text()
    _type_into(w["slug"], "meri-khabar")
    _type_into(w["headline"], "नया शीर्षक")
    assert a.slug == "meri-khabar"


def test_dateline_label_shows_printed_form(window):
    """The 'prints as' label uses format_dateline with the digit preference."""
    w = window.metadata.w
    _type_into(w["dateline.place"], "पटना")
    w["dateline.date"].setDate(QDate(2026, 11, 28))
    assert window.metadata.dateline_label.text() == "पटना, 28 नवंबर 2026"
    window.settings.digit_style = "devanagari"
    w["dateline.date"].setDate(QDate(2026, 11, 27))
    assert window.metadata.dateline_label.text() == "पटना, २७ नवंबर २०२६"


def test_problems_appear_next_to_fields(window, qtbot):
    """A new article shows no problems until edited; then a missing headline is reported."""
    window._update_stats_and_problems()
    label = window.metadata._problem_labels["headline"]
    assert label.isHidden()  # nothing typed yet: not shouted at
    _type_into(window.metadata.w["deck"], "उपशीर्षक")
    qtbot.waitUntil(lambda: not label.isHidden(), timeout=3000)
    assert label.property("sign") in ("error", "warning")
    assert "headline is missing" in label.toolTip()
    # A drawn sign, not a character the fonts may lack (ⓘ was an empty box).
    assert label.text() == "" and not label.pixmap().isNull()
    assert label.pixmap().width() <= label.width()
    _type_into(window.metadata.w["headline"], "शीर्षक")
    qtbot.waitUntil(lambda: label.isHidden(), timeout=3000)


def test_byline_is_remembered_for_the_next_article(make_window, tmp_path, monkeypatch):
    """After a save, a new article starts with the last byline name and role."""
    from PySide6.QtWidgets import QFileDialog

    window = make_window()
    _type_into(window.metadata.w["byline.name"], "राजेश यादव")
    _type_into(window.metadata.w["byline.role"], "संवाददाता")
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(tmp_path / "a.khabar"), ""))
    window.actions_by_name["save"].trigger()
    window.actions_by_name["new"].trigger()
    assert window.session.article.byline.name == "राजेश यादव"
    assert window.metadata.w["byline.role"].text() == "संवाददाता"


def _wheel(widget, steps: int = -1):
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    pos = QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(pos, QPointF(widget.mapToGlobal(pos.toPoint())), QPoint(0, 0),
                        QPoint(0, 120 * steps), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def test_wheel_over_unfocused_fields_scrolls_instead_of_editing(window):
    """Scrolling the panel past priority, category and date leaves their values alone, focused or not."""
    panel = window.metadata
    window.editor.setFocus()
    priority, category = panel.w["priority"], panel.w["category"]
    priority.setValue(4)
    category.setCurrentIndex(2)
    bar = panel.verticalScrollBar()
    bar.setValue(0)
    for widget in (priority, category, panel.w["dateline.date"]):
        _wheel(widget)
    assert priority.value() == 4 and category.currentIndex() == 2
    assert window.session.article.priority == 4
    assert bar.value() > 0  # the panel scrolled instead
    priority.setFocus()
    _wheel(priority, 1)
    assert priority.value() == 4  # not even a focused field changes by the wheel

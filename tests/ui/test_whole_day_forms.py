"""Issue 12, item 1: the details panel changes only when the user means it; small screens."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from khabar_editor.app.sample import sample_package
from khabar_editor.ui.panels import default_geometry
from tests.ui.conftest import type_text


def _wheel(widget, steps: int = -1) -> None:
    pos = QPointF(widget.width() / 2, widget.height() / 2)
    QApplication.sendEvent(widget, QWheelEvent(
        pos, QPointF(widget.mapToGlobal(pos.toPoint())), QPoint(0, 0), QPoint(0, 120 * steps),
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase,
        False))


def _pick_from_popup(qtbot, combo, data: str) -> None:
    """Open the list with a click and choose an item the way a mouse user does."""
    QTest.mouseClick(combo, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: combo.view().isVisible(), timeout=3000)
    view = combo.view()
    index = view.model().index(combo.findData(data), 0)
    view.setCurrentIndex(index)
    QTest.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not combo.view().isVisible(), timeout=3000)


def test_category_survives_wheel_and_typing_after_it_was_picked(window, qtbot):
    """मौसम picked with the mouse, then wheel and typing: the category stays मौसम."""
    panel, article = window.metadata, window.session.article
    category = panel.w["category"]
    _pick_from_popup(qtbot, category, "mausam")
    assert article.category == "mausam"
    qtbot.wait(10)
    assert not category.hasFocus()  # after choosing, focus moved on to the next field
    category.setFocus(Qt.FocusReason.MouseFocusReason)  # even if it still had the focus:
    for _ in range(3):
        _wheel(category, -1)
        _wheel(category, 1)
    type_text(category, "विचार वर्षा")
    QTest.keyClicks(category, "v")
    assert article.category == "mausam" and category.currentData() == "mausam"


def test_keyboard_user_can_still_search_the_category(window, qtbot):
    """Reached with Tab, the category box still selects by typed letters."""
    category = window.metadata.w["category"]
    window.metadata.w["tags"].setFocus()
    category.setFocus(Qt.FocusReason.TabFocusReason)
    label = category.itemText(category.findData("khel"))
    type_text(category, label[0])
    assert category.currentText().startswith(label[0])


def test_new_article_is_dated_today_and_typed_dates_are_accepted(window, qtbot):
    """A new story is dated today; an unset date takes 2026-11-29 typed in; the calendar opens at today."""
    when = window.metadata.w["dateline.date"]
    assert window.session.article.dateline.date == date.today()
    assert when.date() == QDate.currentDate() and "no date" not in when.text()
    when.setDate(when.minimumDate())  # an article without a date, e.g. an imported one
    assert window.session.article.dateline.date is None
    when.setFocus()
    QTest.keyClicks(when, "2026-11-29")
    assert when.text() == "2026-11-29"
    assert window.session.article.dateline.date == date(2026, 11, 29)
    when.setDate(when.minimumDate())
    QTest.mouseClick(when, Qt.MouseButton.LeftButton, pos=QPoint(when.width() - 8,
                                                                 when.height() // 2))
    calendar = when.calendarWidget()
    qtbot.waitUntil(calendar.isVisible, timeout=3000)
    today = QDate.currentDate()
    assert (calendar.yearShown(), calendar.monthShown()) == (today.year(), today.month())
    QTest.keyClick(calendar, Qt.Key.Key_Escape)
    assert window.session.article.dateline.date is None  # looking is not choosing


def test_problem_signs_do_not_move_the_fields(window, qtbot):
    """A warning appearing beside a field moves no other field."""
    panel = window.metadata
    window._update_stats_and_problems()
    tags = panel.w["tags"]
    before = tags.mapTo(panel.widget(), QPoint(0, 0))
    panel.w["deck"].setFocus()
    type_text(panel.w["deck"], "उपशीर्षक")
    label = panel._problem_labels["headline"]
    qtbot.waitUntil(lambda: not label.isHidden(), timeout=3000)
    assert tags.mapTo(panel.widget(), QPoint(0, 0)) == before


def test_never_saved_article_is_not_saved_and_title_names_the_headline(window, qtbot):
    """The sample story is "Never saved" and the title bar shows its headline."""
    window.session.load_package(sample_package(), None, dirty=False)
    assert window.status_saved.text() == "Never saved"
    assert window.windowTitle().startswith(window.session.article.headline[:20])
    assert "Untitled" not in window.windowTitle()


def test_whole_headline_is_visible(window, qtbot):
    """A 70-character headline fits in its field without scrolling sideways."""
    window.session.load_package(sample_package(), None, dirty=False)
    headline = window.metadata.w["headline"]
    headline.setText("क" * 10 + " " + "सहरसा के बारह गाँवों में राहत शिविर जारी, नावों से दवा " + "ख" * 5)
    qtbot.wait(10)
    assert headline.horizontalScrollBar().maximum() == 0
    assert headline.verticalScrollBar().maximum() == 0  # two lines hold it all


def test_default_window_fits_small_screens():
    """The first window fits 1366×768 and a 150 % 1920×1080 screen with title bar and taskbar."""
    for screen in (QRect(0, 0, 1366, 768), QRect(0, 0, 1280, 720), QRect(0, 0, 1920, 1080)):
        rect = default_geometry(screen, screen)
        assert screen.contains(rect.adjusted(0, -40, 0, 48))  # title bar above, taskbar below
    reported = QRect(0, 0, 1366, 728)  # the window system reports a 40 px taskbar
    assert reported.contains(default_geometry(reported, QRect(0, 0, 1366, 768)).adjusted(0, -40, 0, 0))


def test_proofing_panel_leaves_a_writing_column_and_panels_are_remembered(make_window, qtbot):
    """Opening proofing on a narrow window closes the preview; the open panels come back next time."""
    window = make_window()
    window.resize(800, 600)  # the offscreen screen is 800 px wide
    qtbot.wait(20)
    window.actions_by_name["show_proofing"].setChecked(True)
    qtbot.waitUntil(lambda: window.preview.isHidden(), timeout=3000)
    assert not window.actions_by_name["show_preview"].isChecked()
    qtbot.waitUntil(lambda: window.editor.width() >= window.splitter.width() - 10, timeout=3000)
    window.actions_by_name["show_metadata"].setChecked(False)
    window.close()
    assert window.state.panels_saved
    assert set(window.state.open_panels) == {"proofing"}
    from khabar_editor.app.recovery import RecoveryStore
    from khabar_editor.settings import Settings
    from khabar_editor.ui.main_window import MainWindow

    again = MainWindow(Settings(spell_check=False, theme="light"), window.state,
                       RecoveryStore(window.session.recovery.folder if hasattr(
                           window.session.recovery, "folder") else None))
    qtbot.addWidget(again)
    assert again.metadata_dock.isHidden() and again.preview.isHidden()
    assert again.proofing.visible() or again.actions_by_name["show_proofing"].isChecked()
    assert not again.actions_by_name["show_metadata"].isChecked()


def test_distraction_free_keeps_the_word_count(window, qtbot):
    """F11 mode keeps the status bar with the word count visible."""
    window.actions_by_name["fullscreen"].setChecked(True)
    qtbot.wait(20)
    assert not window.statusBar().isHidden() and not window.status_counts.isHidden()
    window.actions_by_name["fullscreen"].setChecked(False)


def test_match_case_is_not_offered_for_devanagari(window):
    """"Match case" is disabled for a Devanagari search and enabled for a Latin one."""
    bar = window.find_bar
    bar.open_bar()
    bar.find_edit.setText("सहरसा")
    assert not bar.match_case.isEnabled()
    bar.find_edit.setText("Saharsa")
    assert bar.match_case.isEnabled()

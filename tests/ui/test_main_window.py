"""Main window wiring: files, drag and drop, photos, autosave, themes, Hindi UI, preferences."""

from __future__ import annotations

import sys

import pytest
from PIL import Image
from PySide6.QtWidgets import QFileDialog, QMessageBox

from khabar_editor import i18n
from khabar_editor.app.session import SaveChoice
from khabar_editor.package import read_package
from tests.ui.conftest import type_text


def test_save_and_reopen_round_trip(make_window, tmp_path, monkeypatch):
    """Save through the action, open in a new window: body and headline come back."""
    window = make_window()
    type_text(window.editor, "ज़िले में राहत कार्य जारी।")
    window.metadata.w["headline"].setText("राहत")
    window.metadata._on_edit("headline")
    target = tmp_path / "out.khabar"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.actions_by_name["save"].trigger()
    assert target.is_file() and not window.session.dirty
    assert window.windowTitle().startswith("out.khabar")
    assert read_package(target).article.headline == "राहत"

    other = make_window()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(target), ""))
    other.actions_by_name["open"].trigger()
    assert other.editor.toPlainText().strip() == "ज़िले में राहत कार्य जारी।"
    assert other.metadata.w["headline"].text() == "राहत"
    assert other.recent_menu.actions() and other.recent_menu.actions()[0].text() == "out.khabar"


def test_drop_markdown_file_imports_it(window, tmp_path):
    """Dropping a .md file opens it as a new unsaved article."""
    md = tmp_path / "story.md"
    md.write_text("---\nheadline: ड्रॉप\n---\nगिराया गया पाठ\n", encoding="utf-8")
    window.open_dropped([str(md)])
    assert window.editor.toPlainText().strip() == "गिराया गया पाठ"
    assert window.metadata.w["headline"].text() == "ड्रॉप" and window.session.dirty


def test_drop_photo_inserts_it_into_the_package(window, tmp_path):
    """Dropping a photo adds it to the media list and the package."""
    photo = tmp_path / "shivir.png"
    Image.new("RGB", (2400, 1200), (0, 90, 200)).save(photo)
    window.open_dropped([str(photo)])
    assert window.session.article.media[0].file == "media/shivir.jpg"
    assert window.metadata.media.list.count() == 1
    media = window.metadata.media
    assert media.caption.hasFocus()  # straight on to the caption, scrolled into view
    assert window.metadata.verticalScrollBar().value() > 0
    type_text(media.caption, "शिविर")
    assert window.session.article.media[0].caption == "शिविर"


def test_drop_unknown_file_shows_message(window, tmp_path, answered):
    """An unsupported dropped file gives a message and changes nothing."""
    other = tmp_path / "data.xlsx"
    other.write_bytes(b"x")
    window.open_dropped([str(other)])
    assert answered["errors"] and "data.xlsx" in answered["errors"][0]
    assert not window.session.dirty


def test_close_with_unsaved_changes_asks(window, answered):
    """Closing a changed document asks; Cancel keeps the window open."""
    type_text(window.editor, "अधूरा")
    answered["save"] = SaveChoice.CANCEL
    assert not window.close()
    assert answered["asked"] and window.isVisible()
    answered["save"] = SaveChoice.DISCARD
    assert window.close()


def test_autosave_timer_writes_recovery_entry(make_window, qtbot):
    """With a 1 s interval, typed text reaches the recovery area within seconds."""
    window = make_window(autosave_seconds=1)
    type_text(window.editor, "स्वतः सहेजा गया")
    entry = window.session.recovery.entry_path(window.session.session_id)
    qtbot.waitUntil(entry.exists, timeout=4000)
    assert "स्वतः सहेजा गया" in entry.read_text(encoding="utf-8")


def test_dark_theme_changes_palette(make_window):
    """The dark theme gives a dark window background."""
    window = make_window(theme="dark")
    from PySide6.QtWidgets import QApplication

    assert QApplication.palette().window().color().lightness() < 100
    light = make_window(theme="light")
    assert QApplication.palette().window().color().lightness() > 150


def test_hindi_interface(make_window):
    """With Hindi chosen, menus and panels are in Hindi."""
    i18n.set_language("hi")
    window = make_window()
    titles = [a.text() for a in window.menuBar().actions()]
    assert "फ़ाइल (&F)" in titles
    assert window.metadata_dock.windowTitle() == "ख़बर का ब्योरा"


def test_fullscreen_hides_everything_but_the_text(window):
    """Distraction-free mode hides the panels and menus; leaving it restores them."""
    window.actions_by_name["fullscreen"].setChecked(True)
    assert window.metadata_dock.isHidden() and window.preview.isHidden()
    assert window.menuBar().isHidden()
    window.actions_by_name["fullscreen"].setChecked(False)
    assert not window.metadata_dock.isHidden() and not window.preview.isHidden()


def test_preferences_dialog_round_trip(window):
    """The preferences dialog returns the edited values, clamped."""
    from khabar_editor.ui.preferences import PreferencesDialog

    dialog = PreferencesDialog(window.settings, window)
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    dialog.language.setCurrentIndex(dialog.language.findData("hi"))
    dialog.autosave.setValue(12)
    dialog.digits.setCurrentIndex(dialog.digits.findData("devanagari"))
    dialog.spell.setChecked(True)
    result = dialog.result_settings()
    assert (result.theme, result.ui_language, result.autosave_seconds, result.digit_style,
            result.spell_check) == ("dark", "hi", 12, "devanagari", True)
    assert window.settings.theme == "light"  # the dialog edits a copy


def test_excepthook_logs_and_shows_local_dialog(window, monkeypatch, khabar_dirs):
    """An unexpected exception is logged and shown with the log path, no traceback."""
    from khabar_editor.logsetup import log_path
    from khabar_editor.ui.dialogs import install_excepthook

    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_excepthook()
    try:
        raise ValueError("boom")
    except ValueError:
        sys.excepthook(*sys.exc_info())
    assert shown and str(log_path()) in shown[0] and "Traceback" not in shown[0]


def test_sample_article_from_help(window):
    """Help → sample opens the Hindi sample with its photo, unmodified."""
    window.actions_by_name["sample"].trigger()
    assert window.session.article.headline.startswith("कोसी")
    assert window.session.package.media and not window.session.dirty


@pytest.mark.filterwarnings("ignore:Function.*QDragEnterEvent:DeprecationWarning")
def test_real_drop_event_on_the_editor_opens_file(window, tmp_path):
    """A QDropEvent with a file URL on the text area opens the file, not pastes its path."""
    from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    md = tmp_path / "dropped.txt"
    md.write_text("छोड़ा गया पाठ\n", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(md))])
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, buttons, mods)
    QApplication.sendEvent(window.editor.viewport(), enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, buttons, mods)
    QApplication.sendEvent(window.editor.viewport(), drop)
    assert window.editor.toPlainText().strip() == "छोड़ा गया पाठ"
    assert str(md) not in window.editor.toPlainText()


def test_export_action_opens_export_dialog_with_package(window, monkeypatch):
    """Export hands the current package (with the latest text) to the export dialog."""
    from khabar_editor.ui import export_dialog

    seen = []
    monkeypatch.setattr(export_dialog.ExportDialog, "exec",
                        lambda self: seen.append(self.package) or 0)
    type_text(window.editor, "निर्यात")
    window.actions_by_name["export"].trigger()
    assert seen and seen[0] is window.session.package
    assert seen[0].article.body == "निर्यात"


def test_file_dialogs_start_in_a_sensible_folder(window, tmp_path, monkeypatch):
    """Not the process's working directory: the open file's folder, else a recent one, else home."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home").mkdir()
    window.state.recent_files = []
    assert window.start_dir() in (str(tmp_path / "home"), str(tmp_path / "home" / "Documents"))
    window.state.recent_files = [str(tmp_path / "desk" / "a.khabar")]
    assert window.start_dir() == str(tmp_path / "desk")
    window.session._doc.path = tmp_path / "own" / "b.khabar"
    assert window.start_dir() == str(tmp_path / "own")


def test_language_restart_notice_is_also_in_the_chosen_language():
    """Switching English -> Hindi explains the restart in both languages."""
    from khabar_editor.ui.main_window import restart_notice

    text = restart_notice("hi")
    assert "next time" in text and "\u0915" <= max(text)  # English line, then Devanagari
    assert restart_notice("en") == restart_notice("")


def test_find_bar_takes_one_row_not_half_the_window(window, qtbot):
    """Opening the find bar leaves the text and preview almost the whole height."""
    window.on_find()
    qtbot.waitUntil(window.find_bar.isVisible, timeout=2000)
    qtbot.wait(50)
    assert window.find_bar.height() <= 2 * window.find_bar.sizeHint().height()
    assert window.splitter.height() > 0.8 * window.centralWidget().height()


def test_distraction_free_text_is_a_centred_column(window, qtbot):
    """Full screen keeps lines readable: the text sits in a centred column, not edge to edge."""
    font = window.editor.font()
    font.setPointSize(8)  # the offscreen screen is only 800 px wide
    window.editor.setFont(font)
    window.actions_by_name["fullscreen"].setChecked(True)
    qtbot.wait(20)
    viewport = window.editor.viewport().geometry()
    column = window.editor.fontMetrics().averageCharWidth() * window._focus_column_chars()
    assert column < 0.8 * window.editor.width()
    assert abs(viewport.width() - column) <= 4
    left, right = viewport.left(), window.editor.width() - viewport.right()
    assert abs(left - right) <= 4
    window.actions_by_name["fullscreen"].setChecked(False)
    assert window.editor.viewport().geometry().left() <= 2

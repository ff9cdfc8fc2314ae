"""Issue 12, item 6: F1 opens a Hindi/English guide, shortcuts, a Markdown sheet; Restart now."""

from __future__ import annotations

import sys

from PySide6.QtCore import QProcess
from PySide6.QtGui import QKeySequence

from khabar_editor.ui.help_window import help_page


def test_f1_opens_the_user_guide_not_the_sample(window, qtbot):
    """F1 shows the help window with the guide; the open article is not replaced."""
    before = window.session.article
    assert window.actions_by_name["help"].shortcut() == QKeySequence(QKeySequence.StandardKey.HelpContents)
    window.actions_by_name["help"].trigger()
    help_window = window.help_window
    qtbot.waitUntil(help_window.isVisible, timeout=3000)
    assert window.session.article is before
    assert "user guide" in help_window.guide.toPlainText().lower()
    help_window.switch.click()
    assert "उपयोग गाइड" in help_window.guide.toPlainText() or help_window.lang == "en"
    help_window.close()


def test_shortcut_list_and_markdown_sheet(window, qtbot):
    """The shortcut tab lists the real keys (Ctrl+B, Ctrl+Shift+I); the Markdown tab the syntax."""
    window.actions_by_name["shortcuts"].trigger()
    help_window = window.help_window
    assert help_window.tabs.currentIndex() == 1
    shortcuts = help_window.shortcuts.toPlainText()
    assert "Ctrl+B" in shortcuts and "Ctrl+Shift+I" in shortcuts and "Bold" in shortcuts
    window.actions_by_name["markdown_help"].trigger()
    assert help_window.tabs.currentIndex() == 2
    assert "**ज़रूरी**" in help_window.markdown.toPlainText()
    help_window.close()


def test_guides_exist_in_both_languages():
    """The guide and cheat sheet ship in Hindi and English as package data."""
    assert "ख़बर एडिटर" in help_page("guide", "hi") and "Khabar Editor" in help_page("guide", "en")
    assert "मार्कडाउन" in help_page("markdown", "hi")
    assert help_page("guide", "xx") == help_page("guide", "en")


def test_restart_now_starts_the_editor_again_and_closes(window, qtbot, monkeypatch, tmp_path):
    """Restart now saves or lets go of the work, starts a new editor process and closes this one."""
    started = []
    monkeypatch.setattr(QProcess, "startDetached",
                        staticmethod(lambda program, args: started.append((program, args)) or True))
    window.session.article.headline = "शीर्षक"
    window.session.mark_changed()
    assert window.restart()  # the test fixture answers "discard" to the save question
    assert started == [(sys.executable, ["-m", "khabar_editor", "--new-instance"])]
    assert not window.isVisible()


def test_restart_is_cancelled_when_the_save_question_is(window, monkeypatch, answered):
    """Cancelling the save question keeps the window and starts nothing."""
    from khabar_editor.app.session import SaveChoice

    started = []
    monkeypatch.setattr(QProcess, "startDetached",
                        staticmethod(lambda program, args: started.append(args) or True))
    answered["save"] = SaveChoice.CANCEL
    window.session.mark_changed()
    assert not window.restart()
    assert started == [] and window.isVisible()

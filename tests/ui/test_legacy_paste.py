"""Pasting or importing legacy-font text offers conversion to Unicode (real widgets)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog


def _paste(qtbot, window, text):
    QGuiApplication.clipboard().setText(text)
    window.editor.setFocus()
    qtbot.keyClick(window.editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def test_pasted_krutidev_is_offered_and_converted_in_one_undo_step(window, qtbot):
    """Ctrl+V of Krutidev text shows the offer; Convert gives Unicode; Ctrl+Z undoes it."""
    offer = window.legacy_paste.offer
    qtbot.keyClicks(window.editor, "x ")
    _paste(qtbot, window, "Hkkjr esa vkidk LokXkr gS")
    qtbot.waitUntil(offer.isVisible, timeout=3000)
    assert offer.chosen_font() == "krutidev"
    qtbot.mouseClick(offer.convert_button, Qt.MouseButton.LeftButton)
    assert window.editor.toPlainText() == "x भारत में आपका स्वागत है"
    assert not offer.isVisible()
    window.editor.undo()
    assert window.editor.toPlainText() == "x Hkkjr esa vkidk LokXkr gS"


def test_user_can_override_the_detected_font(window, qtbot):
    """Choosing another font in the offer converts with that font."""
    offer = window.legacy_paste.offer
    _paste(qtbot, window, "esjk /kj gS vkSj")
    qtbot.waitUntil(offer.isVisible, timeout=3000)
    offer.fonts.setCurrentIndex(offer.fonts.findData("chanakya"))
    qtbot.mouseClick(offer.convert_button, Qt.MouseButton.LeftButton)
    assert window.editor.toPlainText() == "मेरा धार है और"


def test_english_paste_and_keep_leave_text_alone(window, qtbot):
    """English is not offered; "Keep as is" leaves pasted legacy text unchanged."""
    offer = window.legacy_paste.offer
    _paste(qtbot, window, "The minister said that the plan is new.")
    qtbot.wait(50)
    assert not offer.isVisible()
    _paste(qtbot, window, " Hkkjr esa")
    qtbot.waitUntil(offer.isVisible, timeout=3000)
    qtbot.mouseClick(offer.keep_button, Qt.MouseButton.LeftButton)
    assert not offer.isVisible()
    assert window.editor.toPlainText().endswith(" Hkkjr esa")


def test_import_of_legacy_txt_offers_whole_document(window, qtbot, tmp_path, monkeypatch):
    """File → Import of a Preeti .txt offers conversion of the whole body."""
    src = tmp_path / "old.txt"
    src.write_text("g]kfn ;/sf/\n\nsf7df8f}+df\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(src), ""))
    window.actions_by_name["import"].trigger()
    offer = window.legacy_paste.offer
    assert offer.isVisible() and offer.chosen_font() == "preeti"
    qtbot.mouseClick(offer.convert_button, Qt.MouseButton.LeftButton)
    assert window.editor.toPlainText().strip() == "नेपाल सरकार\n\nकाठमाडौंमा"

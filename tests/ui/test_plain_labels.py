"""The plain-text label rule (ui/plain_labels.py): every QLabel is plain text, and the
rule costs a Python call per widget polished, not per event."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from khabar_editor.ui.plain_labels import PlainLabelStyle, install_plain_labels
from khabar_editor.ui.theme import apply_theme

HOSTILE = "<img src=dev/zero> <b>bold</b>"


def test_labels_made_anywhere_are_plain_text(qapp, qtbot):
    """A bare label, a child label and a label under a style sheet: all plain text."""
    install_plain_labels(qapp)
    host = QWidget()
    host.setStyleSheet("QLabel { color: #333; }")  # a style sheet style wraps ours
    qtbot.addWidget(host)
    child = QLabel(HOSTILE, host)
    lone = QLabel(HOSTILE)
    qtbot.addWidget(lone)
    host.show()
    lone.show()
    qtbot.waitExposed(lone)
    assert child.textFormat() == lone.textFormat() == Qt.TextFormat.PlainText
    lone.setText("<i>later</i>")  # text set after the polish stays plain
    assert lone.textFormat() == Qt.TextFormat.PlainText


def test_theme_keeps_the_rule_and_sets_its_palette(qapp):
    """apply_theme after the rule neither replaces the style nor loses the dark palette."""
    install_plain_labels(qapp)
    style = qapp.style()
    try:
        assert apply_theme(qapp, "dark") is True
        assert qapp.style() is style and isinstance(style, PlainLabelStyle)
        assert qapp.palette().color(qapp.palette().ColorRole.Base).lightness() < 60
        install_plain_labels(qapp)  # idempotent
        assert qapp.style() is style
    finally:
        apply_theme(qapp, "light")
    assert qapp.palette().color(qapp.palette().ColorRole.Base).lightness() > 200


def test_rule_runs_once_per_widget_not_per_event(qapp, qtbot):
    """Hundreds of events to a label after its polish call no Python hook."""
    calls: list[str] = []

    class Counting(PlainLabelStyle):
        def polish(self, target):
            calls.append(type(target).__name__)
            return super().polish(target)

    style = Counting()
    label = QLabel(HOSTILE)
    qtbot.addWidget(label)
    label.setStyle(style)  # polishes it with the counting rule
    label.show()
    qtbot.waitExposed(label)
    polished = calls.count("QLabel")
    assert polished >= 1 and label.textFormat() == Qt.TextFormat.PlainText
    for _ in range(300):
        QApplication.sendEvent(label, QEvent(QEvent.Type.UpdateRequest))
        label.setText(HOSTILE)
        label.repaint()
    QApplication.processEvents()
    assert calls.count("QLabel") == polished


def test_rule_installed_after_a_dark_first_paint_keeps_the_dark_palette(qapp, qtbot):
    """The start-up order: dark theme set for the first paint, the rule after it."""
    from khabar_editor.ui.theme import dark_palette

    apply_theme(qapp, "dark")
    if isinstance(qapp.style(), PlainLabelStyle):  # an earlier test installed it: start over
        qapp.setStyle("Fusion")
        qapp._khabar_fusion = qapp.style()
        apply_theme(qapp, "dark")
    edit = QLabel("x")
    qtbot.addWidget(edit)
    edit.show()
    try:
        install_plain_labels(qapp)
        assert isinstance(qapp.style(), PlainLabelStyle)
        base = dark_palette().color(dark_palette().ColorRole.Base)
        assert qapp.palette().color(qapp.palette().ColorRole.Base) == base
        assert edit.palette().color(edit.palette().ColorRole.Window) == \
            dark_palette().color(dark_palette().ColorRole.Window)
    finally:
        apply_theme(qapp, "light")

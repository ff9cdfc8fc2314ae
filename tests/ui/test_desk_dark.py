"""The desk's banner and inbox verdicts stay readable in the dark theme, and follow a
theme change made while they are open."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor

from tests.ui.desk_helpers import story, write_story


@pytest.fixture
def themed(qapp, khabar_dirs):
    """Switch the application theme; back to light afterwards."""
    from khabar_editor.ui.app import create_application
    from khabar_editor.ui.theme import apply_theme

    create_application(["test"], "en")
    yield lambda name: apply_theme(qapp, name)
    apply_theme(qapp, "light")


def _contrast(fg: QColor, bg: QColor) -> float:
    """WCAG contrast ratio of two colours."""
    def lum(c: QColor) -> float:
        def ch(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
        return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF())
    a, b = sorted((lum(fg), lum(bg)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def test_inbox_verdicts_are_readable_in_both_themes(qtbot, themed, tmp_path):
    """The Integrity cell's colour has at least 4.5:1 contrast against the table in the
    light and the dark theme (dark green on the dark table was about 2:1), also after a
    switch while the inbox is open."""
    from PySide6.QtGui import QPalette

    from khabar_editor.ui.inbox_window import COLUMN_INDEX, InboxWindow

    themed("light")
    folder = tmp_path / "inbox"
    folder.mkdir()
    write_story(folder / "a.khabar", story())
    window = InboxWindow(None)
    qtbot.addWidget(window)
    window.set_folder(folder)
    qtbot.waitUntil(lambda: not window.is_scanning() and window.model.rowCount() == 1,
                    timeout=20000)

    def contrast() -> float:
        item = window.model.item(0, COLUMN_INDEX["integrity"])
        base = window.table.palette().color(QPalette.ColorRole.Base)
        return _contrast(item.foreground().color(), base)

    assert contrast() >= 4.5
    themed("dark")
    qtbot.waitUntil(lambda: contrast() >= 4.5, timeout=5000)
    window.close()


def test_banner_follows_the_theme(qtbot, themed):
    """The banner's strip is light in the light theme and dark in the dark one, with its
    text and verdicts readable on it."""
    from khabar_editor.ui.desk_banner import _COLOURS, BannerState, DeskBanner

    themed("light")
    banner = DeskBanner()
    qtbot.addWidget(banner)
    state = BannerState(sender="सुनीता", received="", status="submitted",
                        integrity="intact", signature="unsigned", signer=None, desk=True)
    banner.show_state(state)
    assert not banner.is_dark() and "#d9e6f7" in banner.styleSheet()
    themed("dark")
    banner.show_state(state)  # what the desk controller does after Preferences
    assert banner.is_dark()
    colours = _COLOURS[True]
    assert colours["bg"] in banner.styleSheet()
    strip = QColor(colours["bg"])
    assert _contrast(QColor(colours["text"]), strip) >= 7
    for label in (banner.integrity_label, banner.signature_label):
        assert label.isVisibleTo(banner)
        shown = QColor(label.styleSheet().split("color:")[1].split(";")[0].strip())
        assert _contrast(shown, strip) >= 4.5, label.text()

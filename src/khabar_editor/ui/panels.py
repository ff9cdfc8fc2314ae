"""Window size and side panels on small screens: a default that fits, panels remembered.

The default window fits the screen's free area with room for a title bar (and a
taskbar the window system may not report); which of the details, preview and
proofing panels are open is kept in :class:`~khabar_editor.settings.State`.
Opening the proofing panel closes the preview when the writing column would
get too narrow to write in (at 1366 px it would be about 300 px).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRect

from khabar_editor.i18n import _

if TYPE_CHECKING:
    from khabar_editor.ui.main_window import MainWindow

DEFAULT_SIZE = (1440, 900)
TITLE_BAR_PX = 40  # window frame and title bar, not part of the geometry Qt sets
TASKBAR_PX = 48  # kept free when the window system reports no taskbar
MIN_WRITING_PX = 460
PANELS = ("metadata", "preview", "proofing")


def default_geometry(available: QRect, screen: QRect) -> QRect:
    """A window rectangle (without its frame) that fits inside ``available``, centred."""
    bottom_reserve = TASKBAR_PX if available.height() >= screen.height() else 0
    width = min(DEFAULT_SIZE[0], available.width() - 16)
    height = min(DEFAULT_SIZE[1], available.height() - TITLE_BAR_PX - bottom_reserve)
    left = available.left() + (available.width() - width) // 2
    top = available.top() + TITLE_BAR_PX + max(
        0, (available.height() - TITLE_BAR_PX - bottom_reserve - height) // 2)
    return QRect(left, top, max(width, 320), max(height, 240))


def open_panels(window: MainWindow) -> list[str]:
    """The panels the user has open (as the View menu shows them)."""
    a = window.actions_by_name
    return [name for name in PANELS if a[f"show_{name}"].isChecked()]


def _set_checked(window: MainWindow, name: str, on: bool) -> None:
    action = window.actions_by_name[f"show_{name}"]
    action.blockSignals(True)
    action.setChecked(on)
    action.blockSignals(False)


def restore(window: MainWindow) -> None:
    """Open the remembered panels (or the defaults for this screen on a first start)."""
    state = window.state
    wanted = set(state.open_panels) if state.panels_saved else {"metadata", "preview"}
    window.metadata_dock.setVisible("metadata" in wanted)
    window.preview.setVisible("preview" in wanted)
    if "proofing" in wanted or window.proofing.visible():
        window.proofing.set_visible("proofing" in wanted)
    for name in PANELS:
        _set_checked(window, name, name in wanted)


def remember(window: MainWindow) -> None:
    """Store which panels are open, for the next start."""
    window.state.open_panels = open_panels(window)
    window.state.panels_saved = True


def make_room(window: MainWindow) -> None:
    """Close the preview if the writing column has become too narrow to write in."""
    if window.preview.isVisible() and window.editor.width() < MIN_WRITING_PX:
        window.preview.hide()
        _set_checked(window, "preview", False)
        window.statusBar().showMessage(
            _("The preview was closed to make room for writing (View → Preview brings it back)."),
            8000)

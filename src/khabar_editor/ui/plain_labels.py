"""Every label, tool tip and message box shows plain text, never HTML.

Qt guesses whether a label's text is HTML (``Qt::AutoText``). Text from a
received article (a tag, a dateline place, a photo name quoted in an error)
can look like HTML, and an ``<img src=...>`` in HTML shown by a label is read
from the disk by Qt itself, relative to the working folder: a received file
could make the editor read the desk's files or hang reading ``/dev/zero``.
No label in the editor is meant to be HTML, so all of them are switched to
plain text when Qt polishes them, before they are first shown or measured.

The switch is the application style's ``polish(QWidget)`` hook (a proxy of
Fusion that draws nothing differently): Qt calls it once per widget, from the
widget's own polish, so it costs one Python call per widget made, where an
application-wide event filter cost one Python call per event of every object.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QLabel, QProxyStyle, QStyleFactory

_PLAIN = Qt.TextFormat.PlainText


class PlainLabelStyle(QProxyStyle):
    """Fusion (or the given style), with every QLabel switched to plain text at polish."""

    def polish(self, target: Any) -> Any:  # noqa: D102 - QStyle override (all 3 overloads)
        if isinstance(target, QLabel) and target.textFormat() != _PLAIN:
            target.setTextFormat(_PLAIN)
        return super().polish(target)


def install_plain_labels(app: QCoreApplication) -> None:
    """Make every QLabel of ``app`` (message boxes and tool tips too) plain text; idempotent.

    The application's style becomes a :class:`PlainLabelStyle` around Fusion (``theme``
    sets Fusion once and leaves this one in place). Widgets that exist already are
    polished again by it: those of the first paint, when called after it."""
    if not isinstance(app, QApplication) or isinstance(app.style(), PlainLabelStyle):
        return
    base = QStyleFactory.create("Fusion")
    style = PlainLabelStyle(base) if base is not None else PlainLabelStyle()
    app.setStyle(style)
    app._khabar_fusion = style  # type: ignore[attr-defined]  # theme: the style is set
    app._khabar_plain_labels = style  # type: ignore[attr-defined]  # keep it alive

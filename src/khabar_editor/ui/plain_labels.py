"""Every label, tool tip and message box shows plain text, never HTML.

Qt guesses whether a label's text is HTML (``Qt::AutoText``). Text from a
received article (a tag, a dateline place, a photo name quoted in an error)
can look like HTML, and an ``<img src=...>`` in HTML shown by a label is read
from the disk by Qt itself, relative to the working folder: a received file
could make the editor read the desk's files or hang reading ``/dev/zero``.
No label in the editor is meant to be HTML, so all of them are switched to
plain text when Qt polishes them, before they are first shown or measured.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import QLabel

_POLISH = QEvent.Type.Polish
_PLAIN = Qt.TextFormat.PlainText


class _PlainLabels(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == _POLISH and isinstance(watched, QLabel) \
                and watched.textFormat() != _PLAIN:
            watched.setTextFormat(_PLAIN)
        return False


def install_plain_labels(app: QCoreApplication) -> None:
    """Make every QLabel of ``app`` (message boxes and tool tips too) plain text; idempotent."""
    if getattr(app, "_khabar_plain_labels", None) is None:
        guard = _PlainLabels(app)
        app.installEventFilter(guard)
        app._khabar_plain_labels = guard  # type: ignore[attr-defined]  # keep it alive

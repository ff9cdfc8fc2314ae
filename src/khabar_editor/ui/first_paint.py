"""Run something once a widget has painted for the first time (the deferred start-up)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class _FirstPaint(QObject):
    """Calls ``painted`` at the first paint event of the widget it watches."""

    def __init__(self, painted: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self._painted: Callable[[], None] | None = painted

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint and self._painted is not None:
            painted, self._painted = self._painted, None
            painted()
        return False


def after_first_paint(widget: QWidget, run: Callable[[], None], fallback_ms: int = 1000) -> None:
    """Call ``run`` once, just after ``widget`` first paints, or after ``fallback_ms``
    if it does not paint (minimised, hidden)."""
    done = [False]

    def finish() -> None:
        if done[0]:
            return
        done[0] = True
        widget.removeEventFilter(watcher)
        run()

    watcher = _FirstPaint(lambda: QTimer.singleShot(0, finish), widget.window())
    widget.installEventFilter(watcher)
    QTimer.singleShot(fallback_ms, finish)

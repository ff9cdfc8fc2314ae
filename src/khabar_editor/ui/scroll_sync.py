"""Keeps the preview at the part of the story the editor shows (see :mod:`app.scrollmap`)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QPlainTextEdit, QTextBrowser

from khabar_editor.app.scrollmap import anchor_pairs, heading_lines, map_position

RERENDER_WIDTH_STEP = 40  # px: photos are re-scaled when the pane changes this much


def editor_heading_positions(editor: QPlainTextEdit) -> list[float]:
    """Scroll-bar values (visual lines) at which each subhead of the text is at the top."""
    doc = editor.document()
    positions = []
    for line in heading_lines(editor.toPlainText()):
        block = doc.findBlockByNumber(line)
        if block.isValid() and block.layout() is not None:
            positions.append(float(block.firstLineNumber()))
    return positions


def preview_heading_positions(preview: QTextBrowser) -> list[float]:
    """Pixel offsets of the body's subheads in the preview (the headline is not one)."""
    doc = preview.document()
    layout = doc.documentLayout()
    positions = []
    block = doc.begin()
    seen_headline = False
    while block.isValid():
        if block.blockFormat().headingLevel() > 0:
            if seen_headline:
                positions.append(layout.blockBoundingRect(block).top())
            seen_headline = True
        block = block.next()
    return positions


def sync_preview(editor: QPlainTextEdit, preview: QTextBrowser) -> float:
    """Scroll ``preview`` to match ``editor``; returns the fraction used."""
    bar, target_bar = editor.verticalScrollBar(), preview.verticalScrollBar()
    if bar.maximum() <= 0 or target_bar.maximum() <= 0:
        fraction = 0.0 if bar.maximum() <= 0 else bar.value() / bar.maximum()
    else:
        pairs = anchor_pairs(editor_heading_positions(editor), preview_heading_positions(preview),
                             bar.maximum(), target_bar.maximum())
        fraction = map_position(pairs, bar.value()) / target_bar.maximum()
    preview.sync_to(fraction)  # type: ignore[attr-defined]
    return fraction


class PreviewWidthWatcher(QObject):
    """Asks for a fresh render when the preview gets much narrower or wider.

    Photos are scaled to the pane's width when a page is rendered; without this a
    pane made narrower afterwards would show them wider than itself.
    """

    def __init__(self, preview: QTextBrowser) -> None:
        super().__init__(preview)
        self._preview = preview
        self._width = preview.viewport().width()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self._check)
        preview.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Resize:
            self._timer.start()
        return False

    def _check(self) -> None:
        width = self._preview.viewport().width()
        if abs(width - self._width) >= RERENDER_WIDTH_STEP and self._preview.isVisible():
            self._width = width
            self._preview.schedule()  # type: ignore[attr-defined]

"""The writing area: a plain-text Markdown editor with optional line numbers.

Cursor movement and selection go by grapheme cluster (Qt's text layout does
this for Devanagari: one Right press moves past the whole of क्षि); the tests
check it with the bundled font. Files dropped on the editor are passed to the
window instead of being pasted as text.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QMimeData, QRect, QSize, Qt, Signal
from PySide6.QtGui import (QColor, QContextMenuEvent, QDragEnterEvent, QDropEvent, QPainter,
                           QPaintEvent, QResizeEvent, QTextCursor)
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QWidget

from khabar_editor.textkit.counts import LineCounts

ContextMenuHook = Callable[[QMenu, QTextCursor], None]


class _LineNumberArea(QWidget):
    def __init__(self, editor: MarkdownEditor) -> None:
        super().__init__(editor)
        self._editor = editor

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(self._editor.line_number_width(), 0)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        self._editor.paint_line_numbers(event)


class MarkdownEditor(QPlainTextEdit):
    """QPlainTextEdit for the article body (Markdown)."""

    files_dropped = Signal(list)  # list[str] of local paths
    pasted = Signal(int, int)  # Qt positions [start, end) of text pasted or dropped in

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bodyEditor")
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setTabChangesFocus(False)
        self.context_menu_hook: ContextMenuHook | None = None
        self._line_area = _LineNumberArea(self)
        self._line_numbers = False
        self._column_chars = 0  # 0: text fills the width; else a centred column
        self._line_area.hide()
        self.blockCountChanged.connect(self._update_margins)
        self.updateRequest.connect(self._update_line_area)
        self.counts = LineCounts()
        """Live word and character counts, updated only for the blocks an edit touched."""
        self._lines: list[str] = [""]  # the text of every block, kept like the counts
        self._text: str | None = ""
        self._seen_revision = self.document().revision()
        self.rereads = 0  # whole-document rereads (a measure of the work done)
        self.document().contentsChange.connect(self._recount)

    def visible_block_range(self) -> tuple[int, int]:
        """Numbers of the first and last blocks on screen."""
        first = self.firstVisibleBlock()
        bottom = self.cursorForPosition(self.viewport().rect().bottomRight()).block()
        return first.blockNumber(), max(first.blockNumber(), bottom.blockNumber())

    # -- counts -----------------------------------------------------------------------
    def _recount(self, position: int, removed: int, added: int) -> None:
        """Recount the blocks that ``contentsChange`` says were replaced."""
        doc = self.document()
        last_pos = min(position + added, doc.characterCount() - 1)
        first_block = doc.findBlock(position)
        first = first_block.blockNumber()
        last = doc.findBlock(max(last_pos, position)).blockNumber()
        new_span = last - first + 1
        old_span = new_span - (doc.blockCount() - self.counts.line_count)
        self._text = None
        self._seen_revision = doc.revision()
        if first < 0 or old_span < 0 or first + old_span > self.counts.line_count:
            self._reread()  # out of step: count afresh
            return
        lines = []
        block = first_block
        for _i in range(new_span):
            lines.append(block.text())
            block = block.next()
        if old_span == new_span and self._lines[first:first + old_span] == lines:
            return  # only formats changed (the highlighter): nothing to count
        self.counts.replace(first, old_span, lines)
        self._lines[first:first + old_span] = lines

    def _reread(self) -> None:
        self.rereads += 1
        lines = []
        block = self.document().begin()
        while block.isValid():
            lines.append(block.text())
            block = block.next()
        self._lines = lines
        self.counts.reset(lines)

    def toPlainText(self) -> str:  # noqa: N802 - same name and result as Qt's
        """The text, from the blocks kept up to date by ``contentsChange``.

        Same result as Qt's (non-breaking spaces become spaces, line and paragraph
        separators newlines) without converting the whole document on every call:
        the status bar, the preview and the scroll sync ask for it after each pause.
        """
        doc = self.document()
        if doc.revision() != self._seen_revision or len(self._lines) != doc.blockCount():
            self._reread()  # changed without telling (signals blocked): read it all
            self._seen_revision = doc.revision()
            self._text = None
        if self._text is None:
            self._text = ("\n".join(self._lines).replace("\u2028", "\n")
                          .replace("\u2029", "\n").replace("\xa0", " "))
        return self._text

    # -- line numbers -----------------------------------------------------------------
    def set_line_numbers(self, on: bool) -> None:
        """Show or hide the line-number gutter (off by default)."""
        self._line_numbers = on
        self._line_area.setVisible(on)
        self._update_margins()

    def line_numbers_visible(self) -> bool:
        return self._line_numbers

    def line_number_width(self) -> int:
        if not self._line_numbers:
            return 0
        digits = len(str(max(1, self.blockCount())))
        return 10 + self.fontMetrics().horizontalAdvance("9") * digits

    def set_text_column(self, chars: int) -> None:
        """Keep lines about ``chars`` characters long, centred (0: use the whole width).

        Used by distraction-free mode, where full-screen lines would be far too long.
        """
        self._column_chars = chars
        self._update_margins()

    def _side_margin(self) -> int:
        if not self._column_chars:
            return 0
        column = self.fontMetrics().averageCharWidth() * self._column_chars
        return max(0, (self.width() - self.line_number_width() - column) // 2)

    def _update_margins(self, *_args: object) -> None:
        side = self._side_margin()
        self.setViewportMargins(self.line_number_width() + side, 0, side, 0)

    def _update_line_area(self, rect: QRect, dy: int) -> None:
        if not self._line_numbers:
            return
        if dy:
            self._line_area.scroll(0, dy)
        else:
            self._line_area.update(0, rect.y(), self._line_area.width(), rect.height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if self._column_chars:
            self._update_margins()
        cr = self.contentsRect()
        self._line_area.setGeometry(QRect(cr.left(), cr.top(), self.line_number_width(),
                                          cr.height()))

    def paint_line_numbers(self, event: QPaintEvent) -> None:
        """Paint the numbers of the visible blocks into the gutter."""
        painter = QPainter(self._line_area)
        painter.fillRect(event.rect(), self.palette().alternateBase())
        painter.setPen(QColor("#888888"))
        block = self.firstVisibleBlock()
        top = round(self.blockBoundingGeometry(block).translated(self.contentOffset()).top())
        while block.isValid() and top <= event.rect().bottom():
            height = round(self.blockBoundingRect(block).height())
            if block.isVisible():
                painter.drawText(0, top, self._line_area.width() - 4, self.fontMetrics().height(),
                                 Qt.AlignmentFlag.AlignRight, str(block.blockNumber() + 1))
            top += height
            block = block.next()

    # -- drag and drop ----------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()
            return
        super().dragEnterEvent(event)

    def dragMoveEvent(self, event) -> None:  # noqa: N802, ANN001 - Qt override
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
            return
        super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.files_dropped.emit(paths)
            return
        super().dropEvent(event)

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 - Qt override
        """Every paste (Ctrl+V, Edit → Paste, middle click) and text drop comes here."""
        start = self.textCursor().selectionStart()
        super().insertFromMimeData(source)
        end = self.textCursor().position()
        if end > start:
            self.pasted.emit(start, end)

    # -- context menu -----------------------------------------------------------------
    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 - Qt override
        menu = self.createStandardContextMenu(event.pos())
        if self.context_menu_hook is not None:
            cursor = self.cursorForPosition(event.pos())
            self.context_menu_hook(menu, cursor)
        menu.exec(event.globalPos())
        menu.deleteLater()

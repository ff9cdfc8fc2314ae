"""Offer to convert legacy-font text (Krutidev, Chanakya, DevLys, Preeti) to Unicode.

Attached to the main window by :func:`attach`. When text is pasted or dropped into
the body (Ctrl+V, Edit → Paste, middle click, drag and drop: the editor's
``pasted`` signal) and the core recognises it as legacy-font text, a small bar
over the editor offers to convert it; the detected font is preselected and can be changed. Converting is
one undo step (Ctrl+Z brings the pasted Latin text back). File → Import of a text
file offers the same for the whole document.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import (QApplication, QComboBox, QFrame, QHBoxLayout, QLabel,
                               QPushButton, QVBoxLayout, QWidget)

from khabar_editor.i18n import N_, _
from khabar_editor.textkit import legacy
from khabar_editor.ui.editor_widget import MarkdownEditor

log = logging.getLogger(__name__)

MIN_PASTE_CHARS = 2
MAX_DETECT_CHARS = 20000


class LegacyOffer(QFrame):
    """The bar: "This looks like … text" [font ▾] [Convert] [Keep as is]."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("legacyOffer")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setFont(QApplication.font())  # not the editor's large writing font
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 4, 8, 4)
        self.label = QLabel()
        outer.addWidget(self.label)
        layout = QHBoxLayout()
        outer.addLayout(layout)
        self.fonts = QComboBox()
        for font in legacy.FONTS:
            self.fonts.addItem(legacy.FONT_NAMES[font], font)
        self.convert_button = QPushButton(_(N_("Convert to Unicode")))
        self.keep_button = QPushButton(_(N_("Keep as is")))
        for w in (self.fonts, self.convert_button, self.keep_button):
            layout.addWidget(w)
        self.hide()

    def chosen_font(self) -> str:
        """The font the user left selected."""
        return str(self.fonts.currentData())


class LegacyPaste(QObject):
    """Watches the body for pasted legacy text and converts it on request."""

    def __init__(self, editor: MarkdownEditor, is_loading=lambda: False) -> None:
        super().__init__(editor)
        self.editor = editor
        self._is_loading = is_loading
        self.offer = LegacyOffer(editor)
        self.offer.convert_button.clicked.connect(self.convert)
        self.offer.keep_button.clicked.connect(self.dismiss)
        esc = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.offer)
        esc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        esc.activated.connect(self.dismiss)
        self._range: tuple[int, int] | None = None  # Qt positions of the offered text
        self._pending: tuple[int, int] | None = None
        editor.document().contentsChange.connect(self._changed)
        editor.pasted.connect(self._pasted)  # not every change: no clipboard read per edit

    # -- watching -------------------------------------------------------------------
    def _changed(self, _position: int, _removed: int, _added: int) -> None:
        if self._range is not None and self.offer.isVisible():
            self._range = None  # the text moved under the offer: it no longer applies
            self.offer.hide()

    def _pasted(self, start: int, end: int) -> None:
        if end - start < MIN_PASTE_CHARS or end - start > MAX_DETECT_CHARS or self._is_loading():
            return
        self._pending = (start, end)
        QTimer.singleShot(0, self._check_pending)

    def _text(self, start: int, end: int) -> str:
        cursor = QTextCursor(self.editor.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        return cursor.selectedText().replace("\u2029", "\n")

    def _check_pending(self) -> None:
        pending, self._pending = self._pending, None
        if pending is None:
            return
        start, end = pending
        # Qt counts the closing paragraph separator in the first change of an empty
        # document: never reach past the last character.
        end = min(end, self.editor.document().characterCount() - 1)
        if start >= end:
            return
        self.offer_range(start, end, self._text(start, end))

    def check_document(self) -> bool:
        """After an import: offer to convert the whole body if it is legacy text."""
        doc = self.editor.document()
        return self.offer_range(0, doc.characterCount() - 1, self.editor.toPlainText())

    def offer_range(self, start: int, end: int, text: str) -> bool:
        """Show the offer for ``[start, end)`` when ``text`` is legacy text."""
        try:
            found = legacy.detect(text[:MAX_DETECT_CHARS])
        except Exception:  # noqa: BLE001 - detection must never break pasting
            log.exception("Legacy detection failed")
            return False
        if found.font is None:
            return False
        self._range = (start, end)
        index = self.offer.fonts.findData(found.font)
        self.offer.fonts.setCurrentIndex(max(index, 0))
        self.offer.label.setText(_(N_("This looks like text in the {font} font.")).format(
            font=legacy.FONT_NAMES[found.font]))
        self.offer.setMaximumWidth(max(200, self.editor.viewport().width() - 16))
        self.offer.adjustSize()
        self.offer.move(max(0, self.editor.width() - self.offer.width() - 24),
                        self._offer_top(start, end))
        self.offer.show()
        self.offer.raise_()
        return True

    def _offer_top(self, start: int, end: int) -> int:
        """Where the bar goes: just below the pasted text, else just above it, else at
        the top — never over the text being judged (it covered a paste on line one)."""
        viewport = self.editor.viewport()
        top = viewport.mapTo(self.editor, QPoint(0, 0)).y()
        height, gap = self.offer.height(), 6
        cursor = QTextCursor(self.editor.document())
        cursor.setPosition(end)
        below = self.editor.cursorRect(cursor).bottom() + gap
        if below >= 0 and below + height <= viewport.height():
            return top + below
        cursor.setPosition(start)
        above = self.editor.cursorRect(cursor).top() - gap - height
        if above >= 0:
            return top + above
        return top + 8

    # -- acting ---------------------------------------------------------------------
    def convert(self) -> None:
        """Replace the offered text by its Unicode form in one undo step."""
        if self._range is None:
            self.offer.hide()
            return
        start, end = self._range
        font = self.offer.chosen_font()
        text = self._text(start, end)
        converted = legacy.convert(text, font)
        self._range = None
        self.offer.hide()
        cursor = QTextCursor(self.editor.document())
        cursor.beginEditBlock()
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(converted)
        cursor.endEditBlock()
        self.editor.setTextCursor(cursor)
        self.editor.setFocus()

    def dismiss(self) -> None:
        """Keep the text as it is."""
        self._range = None
        self.offer.hide()
        self.editor.setFocus()


def attach(window) -> LegacyPaste:  # noqa: ANN001 - MainWindow (no import cycle)
    """Watch ``window.editor``; :meth:`LegacyPaste.check_document` after imports."""
    return LegacyPaste(window.editor, lambda: bool(getattr(window, "_loading", False)))

"""The find-and-replace bar under the editor (with an "ignore nukta" option)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import (QCheckBox, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit,
                               QPushButton, QSizePolicy, QWidget)

from khabar_editor.app.search import SearchOptions, find_next, replace_all
from khabar_editor.i18n import _
from khabar_editor.ui.textpos import cp_to_utf16, utf16_to_cp


def has_cased_letters(text: str) -> bool:
    """Whether ``text`` has a letter with upper and lower case (Latin yes, Devanagari no)."""
    return any(ch.lower() != ch.upper() for ch in text)


class FindBar(QWidget):
    """Searches the editor's text; offsets go through code points <-> UTF-16."""

    closed = Signal()

    def __init__(self, editor: QPlainTextEdit) -> None:
        super().__init__()
        self.setObjectName("findBar")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self._editor = editor
        self.find_edit = QLineEdit()
        self.find_edit.setPlaceholderText(_("Find"))
        self.find_edit.returnPressed.connect(self.find_next)
        self.replace_edit = QLineEdit()
        self.replace_edit.setPlaceholderText(_("Replace with"))
        self.ignore_nukta = QCheckBox(_("Ignore nukta"))
        self.ignore_nukta.setToolTip(_("Find ज़ and ज alike (both spellings are in use)"))
        self.match_case = QCheckBox(_("Match case"))
        # Devanagari has no capital letters: the option is offered only when the
        # search text has letters with a case.
        self.find_edit.textChanged.connect(self._update_match_case)
        self._update_match_case("")
        self.status = QLabel()
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 2, 4, 2)
        row.addWidget(self.find_edit, 2)
        for text, slot in ((_("Next"), self.find_next), (_("Previous"), self.find_previous)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addWidget(self.replace_edit, 2)
        for text, slot in ((_("Replace"), self.replace_one), (_("Replace all"), self.replace_all)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addWidget(self.ignore_nukta)
        row.addWidget(self.match_case)
        row.addWidget(self.status)
        close = QPushButton("✕")
        close.setFlat(True)
        close.setToolTip(_("Close"))
        close.clicked.connect(self.close_bar)
        row.addWidget(close)

    def _update_match_case(self, text: str) -> None:
        cased = has_cased_letters(text)
        self.match_case.setEnabled(cased)
        self.match_case.setToolTip("" if cased else
                                   _("Hindi and Nepali letters have no capitals; "
                                     "this applies to Latin letters only."))

    def options(self) -> SearchOptions:
        return SearchOptions(self.ignore_nukta.isChecked(),
                             self.match_case.isChecked() and self.match_case.isEnabled())

    def open_bar(self) -> None:
        """Show the bar with the current selection as the search text."""
        selected = self._editor.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.find_edit.setText(selected)
        self.show()
        self.find_edit.setFocus()
        self.find_edit.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self._editor.setFocus()
        self.closed.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        super().keyPressEvent(event)

    def _select(self, text: str, span: tuple[int, int]) -> None:
        cursor = self._editor.textCursor()
        cursor.setPosition(cp_to_utf16(text, span[0]))
        cursor.setPosition(cp_to_utf16(text, span[1]), QTextCursor.MoveMode.KeepAnchor)
        self._editor.setTextCursor(cursor)
        self._editor.ensureCursorVisible()

    def _find(self, backwards: bool) -> bool:
        text = self._editor.toPlainText()
        cursor = self._editor.textCursor()
        pos = cursor.selectionStart() if backwards else cursor.selectionEnd()
        if not backwards and cursor.hasSelection():
            pos = cursor.selectionStart() + 1
        span = find_next(text, self.find_edit.text(), utf16_to_cp(text, pos), self.options(),
                         backwards)
        self.status.setText("" if span else _("Not found"))
        if span:
            self._select(text, span)
        return span is not None

    def find_next(self) -> bool:
        """Select the next match (wrapping round); ``False`` if there is none."""
        return self._find(False)

    def find_previous(self) -> bool:
        return self._find(True)

    def replace_one(self) -> None:
        """Replace the selected match, then find the next one."""
        cursor = self._editor.textCursor()
        text = self._editor.toPlainText()
        start = utf16_to_cp(text, cursor.selectionStart())
        span = find_next(text, self.find_edit.text(), start, self.options())
        if cursor.hasSelection() and span and cp_to_utf16(text, span[0]) == cursor.selectionStart() \
                and cp_to_utf16(text, span[1]) == cursor.selectionEnd():
            cursor.insertText(self.replace_edit.text())
        self.find_next()

    def replace_all(self) -> int:
        """Replace every match as one undoable edit; returns the count."""
        text = self._editor.toPlainText()
        new_text, count = replace_all(text, self.find_edit.text(), self.replace_edit.text(),
                                      self.options())
        if count:
            cursor = QTextCursor(self._editor.document())
            cursor.beginEditBlock()
            cursor.select(QTextCursor.SelectionType.Document)
            cursor.insertText(new_text)
            cursor.endEditBlock()
        self.status.setText(_("{count} replaced").format(count=count))
        return count

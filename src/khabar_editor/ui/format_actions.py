"""Format commands (bold, italic, headings, lists, quote, link) that edit the Markdown text.

Each command is one undo step: the edit goes through a single QTextCursor edit
block. Applying a command again takes the formatting away (toggle). The commands
only act on the article text: with the focus in a details field they do nothing.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from PySide6.QtGui import QTextBlock, QTextCursor
from PySide6.QtWidgets import (QAbstractSpinBox, QApplication, QComboBox, QDialog,
                               QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit,
                               QVBoxLayout, QWidget)

from khabar_editor.i18n import _

_PARAGRAPH = "\u2029"  # how QTextCursor.selectedText() separates blocks
_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+")
_BULLET = re.compile(r"^ {0,3}[-*+][ \t]+")
_NUMBER = re.compile(r"^ {0,3}\d{1,9}[.)][ \t]+")
_QUOTE = re.compile(r"^ {0,3}>[ \t]?")
_LINK_SCHEMES = ("http://", "https://", "mailto:")


def _is_word_char(ch: str) -> bool:
    return bool(ch) and (ch.isalnum() or 0x0900 <= ord(ch) <= 0x097F)


def link_problem(url: str) -> str:
    """Why ``url`` cannot be used for a link ("" if it can)."""
    url = url.strip()
    if not url:
        return _("Enter the web address of the link.")
    if not url.lower().startswith(_LINK_SCHEMES) or url.lower() in _LINK_SCHEMES:
        return _("A link must start with https://, http:// or mailto:.")
    return ""


def link_markdown(text: str, url: str) -> str:
    """``[text](url)`` with the brackets in ``text`` escaped and the address made safe."""
    label = text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
    address = quote(url.strip(), safe=":/?#[]@!$&'*+,;=%~-._")
    address = address.replace("(", "%28").replace(")", "%29")
    return f"[{label or address}]({address})"


class LinkDialog(QDialog):
    """Asks for the text and address of a link; OK only for a usable address."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Insert link"))
        self.setObjectName("linkDialog")
        self.text_edit = QLineEdit(text)
        self.url_edit = QLineEdit()
        self.url_edit.setPlaceholderText("https://")
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #c62828;")
        form = QFormLayout()
        form.addRow(_("Text"), self.text_edit)
        form.addRow(_("Web address"), self.url_edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok |
                                        QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.url_edit.setFocus()

    def _accept(self) -> None:
        problem = link_problem(self.url_edit.text())
        self.problem.setText(problem)
        if not problem:
            self.accept()

    def values(self) -> tuple[str, str]:
        return self.text_edit.text(), self.url_edit.text().strip()


def ask_link(parent: QWidget, text: str) -> tuple[str, str] | None:
    """The link text and address the user entered, or ``None`` if cancelled."""
    dialog = LinkDialog(text, parent)
    return dialog.values() if dialog.exec() else None


class MarkdownFormatter:
    """The Format menu's commands, applied to ``editor`` (a QPlainTextEdit)."""

    def __init__(self, editor: QPlainTextEdit, parent: QWidget | None = None) -> None:
        self.editor = editor
        self._parent = parent
        self.ask_link = ask_link  # replaced in tests

    COMMANDS = ("bold", "italic", "heading2", "heading3", "bullets", "numbers", "quote", "link")

    def run(self, command: str) -> bool:
        """Apply ``command`` to the article text; ``False`` when the focus is in another field.

        Ctrl+B in the headline must not put asterisks into the body.
        """
        focus = QApplication.focusWidget()
        if focus is not None and focus is not self.editor and \
                isinstance(focus, (QLineEdit, QPlainTextEdit, QAbstractSpinBox, QComboBox)):
            return False
        if command not in self.COMMANDS:
            return False
        getattr(self, command)()
        return True

    # -- inline -----------------------------------------------------------------------
    def bold(self) -> None:
        self._toggle_inline("**")

    def italic(self) -> None:
        self._toggle_inline("_")

    def _toggle_inline(self, marker: str) -> None:
        cursor = self.editor.textCursor()
        if not cursor.hasSelection():
            # Empty pair, cursor between: type the bold or italic words next.
            cursor.insertText(marker * 2)
            cursor.movePosition(QTextCursor.MoveOperation.Left,
                                QTextCursor.MoveMode.MoveAnchor, len(marker))
            self.editor.setTextCursor(cursor)
            return
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        selected = cursor.selectedText()
        # Spaces at the edges stay outside the markers ("**word **" is not bold).
        start += len(selected) - len(selected.lstrip())
        end -= len(selected) - len(selected.rstrip())
        if start >= end or _PARAGRAPH in cursor.selectedText().strip():
            return  # emphasis cannot cross paragraphs
        inner = self._text_between(start, end)
        cursor.beginEditBlock()
        try:
            markers = (marker, "*") if marker == "_" else (marker,)
            for m in markers:
                n = len(m)
                if len(inner) > 2 * n and inner.startswith(m) and inner.endswith(m) and \
                        not (m == "*" and inner.startswith("**") and not inner.startswith("***")):
                    self._replace(cursor, start, end, inner[n:-n])
                    self._select(start, end - 2 * n)
                    return
                before = self._text_between(max(0, start - n), start)
                after = self._text_between(end, end + n)
                if before == m and after == m and self._text_between(start - n - 1, start - n) != m[0]:
                    self._replace(cursor, end, end + n, "")
                    self._replace(cursor, start - n, start, "")
                    self._select(start - n, end - n)
                    return
            if marker == "_":
                prev = self._text_between(start - 1, start)
                nxt = self._text_between(end, end + 1)
                if _is_word_char(prev) or _is_word_char(nxt):
                    marker = "*"  # "_" inside a word is not emphasis in Markdown
            self._replace(cursor, end, end, marker)
            self._replace(cursor, start, start, marker)
            self._select(start + len(marker), end + len(marker))
        finally:
            cursor.endEditBlock()

    def _text_between(self, start: int, end: int) -> str:
        if start < 0:
            return ""
        c = QTextCursor(self.editor.document())
        last = self.editor.document().characterCount() - 1
        c.setPosition(min(start, last))
        c.setPosition(min(end, last), QTextCursor.MoveMode.KeepAnchor)
        return c.selectedText()

    @staticmethod
    def _replace(cursor: QTextCursor, start: int, end: int, text: str) -> None:
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(text)

    def _select(self, start: int, end: int) -> None:
        c = self.editor.textCursor()
        c.setPosition(start)
        c.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.editor.setTextCursor(c)

    # -- line prefixes ----------------------------------------------------------------
    def heading2(self) -> None:
        self._toggle_prefix(_HEADING, lambda _i: "## ", exact="## ")

    def heading3(self) -> None:
        self._toggle_prefix(_HEADING, lambda _i: "### ", exact="### ")

    def bullets(self) -> None:
        self._toggle_prefix(_BULLET, lambda _i: "- ", others=(_NUMBER,))

    def numbers(self) -> None:
        self._toggle_prefix(_NUMBER, lambda i: f"{i}. ", others=(_BULLET,))

    def quote(self) -> None:
        self._toggle_prefix(_QUOTE, lambda _i: "> ")

    def _blocks(self) -> list[QTextBlock]:
        cursor = self.editor.textCursor()
        doc = self.editor.document()
        first = doc.findBlock(cursor.selectionStart())
        last_pos = cursor.selectionEnd()
        if cursor.hasSelection() and last_pos > cursor.selectionStart():
            end_block = doc.findBlock(last_pos)
            if end_block.position() == last_pos:  # selection ends at a line start
                last_pos -= 1
        last = doc.findBlock(last_pos)
        blocks, block = [], first
        while block.isValid() and block.blockNumber() <= last.blockNumber():
            blocks.append(block)
            block = block.next()
        return blocks

    def _toggle_prefix(self, pattern: re.Pattern[str], make, exact: str | None = None,
                       others: tuple[re.Pattern[str], ...] = ()) -> None:
        blocks = [b for b in self._blocks() if b.text().strip()] or self._blocks()[:1]
        if not blocks:
            return
        def has(text: str) -> bool:
            m = pattern.match(text)
            return bool(m) and (exact is None or m.group().strip() == exact.strip())
        remove = all(has(b.text()) for b in blocks)
        first_pos = blocks[0].position()
        last_block = blocks[-1]
        cursor = self.editor.textCursor()
        cursor.beginEditBlock()
        try:
            # From the last line up, so earlier positions stay valid.
            for index in range(len(blocks) - 1, -1, -1):
                block = blocks[index]
                text = block.text()
                old = ""
                for pat in (pattern, *others):
                    m = pat.match(text)
                    if m:
                        old = m.group()
                        break
                new = "" if remove else make(index + 1)
                self._replace(cursor, block.position(), block.position() + len(old), new)
        finally:
            cursor.endEditBlock()
        end = last_block.position() + last_block.length() - 1
        self._select(first_pos, end) if len(blocks) > 1 else self._place_at_end(end)

    def _place_at_end(self, pos: int) -> None:
        c = self.editor.textCursor()
        c.setPosition(pos)
        self.editor.setTextCursor(c)

    # -- link -------------------------------------------------------------------------
    def link(self) -> None:
        cursor = self.editor.textCursor()
        selected = cursor.selectedText()
        if _PARAGRAPH in selected:
            selected = ""
        answer = self.ask_link(self._parent or self.editor, selected.strip())
        if not answer:
            return
        text, url = answer
        if link_problem(url):
            return
        cursor.beginEditBlock()
        cursor.insertText(link_markdown(text.strip(), url))
        cursor.endEditBlock()
        self.editor.setTextCursor(cursor)

"""Proofing for the metadata fields: underlines, the spelling menu and findings per field.

Headline, deck, summary, SEO title, tags, photo captions and alt text are checked like
the body. A :class:`QPlainTextEdit` field gets a syntax highlighter; a :class:`QLineEdit`
has no per-range formats, so its underlines are given to it as the text formats of an
(empty) input-method event, which its text layout draws. Either way a range covers
whole grapheme clusters (:func:`khabar_editor.ui.proofing.underline.cluster_span`), so
a conjunct such as क्षि is never split and keeps its shape.

The proofing engine is imported only once a proofreader is handed over (start-up does
not wait for the dictionaries).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint
from PySide6.QtGui import QContextMenuEvent, QInputMethodEvent, QSyntaxHighlighter, QTextCursor
from PySide6.QtWidgets import QLineEdit, QMenu, QPlainTextEdit, QWidget

from khabar_editor.ui.textpos import utf16_positions, utf16_to_cp

SPELLING = "spelling"  # khabar_editor.proofing.SPELLING, without importing the engine


@dataclass(frozen=True)
class FieldFinding:
    """A finding in a metadata field: ``key`` such as ``"headline"`` or ``"media[0].alt"``,
    ``label`` the field's name as shown, ``finding`` with offsets into the field's text."""

    key: str
    label: str
    finding: Any


def field_findings(proofreader: Any, fields: Iterable[tuple[str, str, str, bool]]
                   ) -> list[FieldFinding]:
    """Findings of each ``(key, label, text, spelling_only)`` field, field by field.

    Each field is checked as a document of its own (as ``khabar check`` does); for tags
    only spelling counts (commas without spaces are how tags are typed).
    """
    found: list[FieldFinding] = []
    if proofreader is None:
        return found
    for key, label, text, spelling_only in fields:
        if not text or not text.strip():
            continue
        for f in proofreader.check_text(text):
            if spelling_only and f.kind != SPELLING:
                continue
            found.append(FieldFinding(key, label, f))
    return found


class _FieldHighlighter(QSyntaxHighlighter):
    """Underlines the findings of each block of a plain-text field."""

    def __init__(self, speller: FieldSpeller, document: Any) -> None:
        super().__init__(document)
        self._speller = speller

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt override
        if not text.strip():
            return
        for rng in self._speller.formats(text):
            self.setFormat(rng.start, rng.length, rng.format)


class FieldSpeller(QObject):
    """Spell checking for one text field (a :class:`QLineEdit` or :class:`QPlainTextEdit`).

    ``set_proofreader(None)`` switches it off (no underlines, the ordinary menu).
    ``spelling_only`` leaves out the other rules (tags).
    """

    def __init__(self, widget: QLineEdit | QPlainTextEdit, spelling_only: bool = False,
                 changed: Callable[[], None] | None = None) -> None:
        super().__init__(widget)
        self.widget = widget
        self.spelling_only = spelling_only
        self.on_words_changed: Callable[[], None] = changed or (lambda: None)
        self._proofreader: Any = None
        self._highlighter: _FieldHighlighter | None = None
        self._underlined: list[tuple[int, int, str]] = []
        widget.installEventFilter(self)
        if isinstance(widget, QLineEdit):
            widget.textChanged.connect(lambda _t: self.refresh())
        else:
            self._highlighter = _FieldHighlighter(self, widget.document())

    @property
    def proofreader(self) -> Any:
        return self._proofreader

    def set_proofreader(self, proofreader: Any) -> None:
        """Check with ``proofreader`` (``None``: off) and re-underline."""
        self._proofreader = proofreader
        self.refresh()

    # -- underlines ---------------------------------------------------------------------
    def findings(self, text: str) -> list[Any]:
        """The findings to underline in one line of the field."""
        if self._proofreader is None or not text.strip():
            return []
        found = self._proofreader.check_paragraph(text)
        return [f for f in found if f.kind == SPELLING] if self.spelling_only else list(found)

    def formats(self, text: str) -> list[Any]:
        """Format ranges (UTF-16) for ``text``: whole grapheme clusters only."""
        from khabar_editor.ui.proofing.underline import finding_formats

        return finding_formats(text, self.findings(text))

    def underlined(self) -> list[tuple[int, int, str]]:
        """What is underlined now: ``(start, end, kind)`` in code points of the field's text
        (for a multi-line field, of its first line)."""
        if self._highlighter is not None:
            block = self.widget.document().firstBlock()  # type: ignore[union-attr]
            text = block.text()
            cps = {u: i for i, u in enumerate(utf16_positions(text))}
            return [(cps.get(r.start, 0), cps.get(r.start + r.length, len(text)),
                     str(r.format.toolTip()))
                    for r in block.layout().formats()
                    if r.format.underlineStyle() != r.format.UnderlineStyle.NoUnderline]
        return list(self._underlined)

    def refresh(self) -> None:
        """Re-check and re-underline the field (after its text or the word lists changed)."""
        if self._highlighter is not None:
            # Re-formatting makes QPlainTextEdit emit textChanged: not an edit of the field.
            blocked = self.widget.blockSignals(True)
            try:
                self._highlighter.rehighlight()
            finally:
                self.widget.blockSignals(blocked)
            return
        edit = self.widget
        assert isinstance(edit, QLineEdit)
        text = edit.text()
        ranges = self.formats(text)
        positions = utf16_positions(text)
        cps = {u: i for i, u in enumerate(positions)}
        underlined = [(cps[r.start], cps[r.start + r.length], str(r.format.toolTip()))
                      for r in ranges]
        if not underlined and not self._underlined:
            return  # nothing to draw or to clear: leave an input method's preedit alone
        self._underlined = underlined
        # QLineEdit draws the text formats of an input-method event (its preedit styling);
        # an event with no commit and no preedit text changes nothing else. Their start is
        # relative to the cursor.
        cursor = edit.cursorPosition()
        attrs = [QInputMethodEvent.Attribute(QInputMethodEvent.AttributeType.TextFormat,
                                             r.start - cursor, r.length, r.format)
                 for r in ranges]
        QCoreApplication.sendEvent(edit, QInputMethodEvent("", attrs))

    # -- context menu -------------------------------------------------------------------
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.ContextMenu and self._proofreader is not None:
            assert isinstance(event, QContextMenuEvent)
            menu = self.context_menu(event.pos())
            if menu is not None:
                menu.exec(event.globalPos())
                menu.deleteLater()
                return True
        return False

    def _word_at(self, pos: QPoint) -> tuple[str, int, int] | None:
        """The word under ``pos`` as (word, start, end) in UTF-16 units of the field."""
        from khabar_editor.ui.proofing.spell_menu import word_at

        if isinstance(self.widget, QLineEdit):
            text, base = self.widget.text(), 0
            at = self.widget.cursorPositionAt(pos)
        else:
            cursor = self.widget.cursorForPosition(pos)
            block = cursor.block()
            text, base, at = block.text(), block.position(), cursor.positionInBlock()
        token = word_at(text, utf16_to_cp(text, at))
        if token is None:
            return None
        positions = utf16_positions(text)
        return token.text, base + positions[token.start], base + positions[token.end]

    def context_menu(self, pos: QPoint) -> QMenu | None:
        """The field's menu with the spelling actions first, for a misspelled word at
        ``pos``; ``None`` for any other place (the ordinary menu then)."""
        from khabar_editor.ui.proofing.spell_menu import build_spell_menu

        found = self._word_at(pos)
        if found is None or self._proofreader.is_correct(found[0]):
            return None
        word, start, end = found
        if isinstance(self.widget, QLineEdit):
            menu = self.widget.createStandardContextMenu()
        else:
            menu = self.widget.createStandardContextMenu(pos)
        spelling = build_spell_menu(self._proofreader, word,
                                    lambda s: self.replace_range(start, end, s),
                                    self._after_word_lists_changed, parent=menu)
        first = menu.actions()[0] if menu.actions() else None
        for action in spelling.actions():
            menu.insertAction(first, action)
        if first is not None:
            menu.insertSeparator(first)
        return menu

    def _after_word_lists_changed(self) -> None:
        self.refresh()
        self.on_words_changed()

    def replace_range(self, start: int, end: int, text: str) -> None:
        """Replace UTF-16 ``[start, end)`` of the field by ``text`` as a user edit (undo,
        ``textEdited``)."""
        edit = self.widget
        if isinstance(edit, QLineEdit):
            edit.setSelection(start, end - start)
            edit.insert(text)
        else:
            cursor = QTextCursor(edit.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(text)

    def select_range(self, start: int, end: int) -> None:
        """Select UTF-16 ``[start, end)`` and give the field the keyboard focus."""
        edit = self.widget
        if isinstance(edit, QLineEdit):
            edit.setSelection(start, end - start)
        else:
            cursor = QTextCursor(edit.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            edit.setTextCursor(cursor)
        edit.setFocus()


def field_text(widget: QWidget) -> str:
    """The text of a line or plain-text field."""
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    return widget.text()  # type: ignore[attr-defined]


def cp_span_to_utf16(text: str, start: int, end: int) -> tuple[int, int]:
    """Code-point ``[start, end)`` of ``text`` in UTF-16 units (clamped)."""
    positions = utf16_positions(text)
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    return positions[start], positions[end]

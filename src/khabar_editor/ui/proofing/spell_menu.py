"""Context menu for a misspelled word: suggestions, add to dictionary, ignore all."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QAction, QTextCursor
from PySide6.QtWidgets import QMenu, QWidget

from khabar_editor.errors import KhabarError
from khabar_editor.i18n import N_, _
from khabar_editor.proofing import Proofreader
from khabar_editor.textkit.words import Token, iter_devanagari_words
from khabar_editor.ui.textpos import utf16_positions, utf16_to_cp

MAX_MENU_SUGGESTIONS = 6


def word_at(text: str, position: int) -> Token | None:
    """The Devanagari word of ``text`` containing code point ``position`` (or ending there)."""
    for token in iter_devanagari_words(text):
        if token.start <= position <= token.end:
            return token
    return None


def build_spell_menu(proofreader: Proofreader, word: str, replace: Callable[[str], None],
                     changed: Callable[[], None] = lambda: None,
                     parent: QWidget | None = None) -> QMenu:
    """A menu for ``word``: its suggestions (call ``replace``), then the word-list actions.

    ``changed`` is called after the word was added or ignored (re-underline then).
    """
    menu = QMenu(parent)
    if not proofreader.is_correct(word):
        suggestions = proofreader.suggest(word)[:MAX_MENU_SUGGESTIONS]
        for suggestion in suggestions:
            action = menu.addAction(suggestion)
            action.triggered.connect(lambda _checked=False, s=suggestion: replace(s))
        if not suggestions:
            menu.addAction(_(N_("(no suggestions)"))).setEnabled(False)
        menu.addSeparator()

    def do(func: Callable[[str], None]) -> Callable[[bool], None]:
        def run(_checked: bool = False) -> None:
            try:
                func(word)
            except KhabarError as exc:  # e.g. the personal dictionary cannot be written
                from khabar_editor.ui import dialogs

                dialogs.show_error(parent, str(exc))
                return
            changed()
        return run

    menu.addAction(_(N_("Add to dictionary"))).triggered.connect(do(proofreader.add_word))
    menu.addAction(_(N_("Add to newsroom list"))).triggered.connect(
        do(lambda w: proofreader.add_word(w, to="newsroom")))
    menu.addAction(_(N_("Ignore all"))).triggered.connect(do(proofreader.ignore_all))
    return menu


def add_spelling_actions(menu: QMenu, cursor: QTextCursor, proofreader: Proofreader,
                         highlighter: Any = None) -> bool:
    """Put the spelling actions for the word at ``cursor`` at the top of an editor's menu.

    Returns whether actions were added (only for a misspelled Devanagari word).
    After "add" or "ignore", ``highlighter.invalidate_findings()`` (or ``rehighlight()``)
    repaints the underlines.
    """
    block = cursor.block()
    text = block.text()
    token = word_at(text, utf16_to_cp(text, cursor.positionInBlock()))
    if token is None or proofreader.is_correct(token.text):
        return False
    document = cursor.document()
    positions = utf16_positions(text)
    start = block.position() + positions[token.start]
    end = block.position() + positions[token.end]

    def replace(word: str) -> None:
        edit = QTextCursor(document)
        edit.setPosition(start)
        edit.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        edit.insertText(word)

    def changed() -> None:
        refresh = getattr(highlighter, "invalidate_findings", None) or getattr(
            highlighter, "rehighlight", None)
        if refresh is not None:
            refresh()

    spelling = build_spell_menu(proofreader, token.text, replace, changed, parent=menu)
    first: QAction | None = menu.actions()[0] if menu.actions() else None
    for action in spelling.actions():
        menu.insertAction(first, action)
    if first is not None:
        menu.insertSeparator(first)
    return True

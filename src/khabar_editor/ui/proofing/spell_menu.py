"""Context menu for a misspelled word: suggestions, add to dictionary, ignore all."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMenu, QWidget

from khabar_editor.i18n import N_, _
from khabar_editor.proofing import Proofreader
from khabar_editor.textkit.words import Token, iter_devanagari_words

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
            func(word)
            changed()
        return run

    menu.addAction(_(N_("Add to dictionary"))).triggered.connect(do(proofreader.add_word))
    menu.addAction(_(N_("Add to newsroom list"))).triggered.connect(
        do(lambda w: proofreader.add_word(w, to="newsroom")))
    menu.addAction(_(N_("Ignore all"))).triggered.connect(do(proofreader.ignore_all))
    return menu

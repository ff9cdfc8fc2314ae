"""Connects the proofing engine and its widgets to the main window.

Proofing (``khabar_editor.proofing`` and ``khabar_editor.ui.proofing``) is
imported lazily, and the Proofreader (dictionaries) is built in a worker thread
after the window appears, so start-up never waits for it.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QDockWidget, QMenu

from khabar_editor.i18n import _
from khabar_editor.ui.textpos import cp_to_utf16

if TYPE_CHECKING:
    from khabar_editor.ui.main_window import MainWindow

log = logging.getLogger(__name__)


_frozen = False


def freeze_long_lived() -> bool:
    """Move every object alive now out of the garbage collector's sight (once per process).

    Called when the dictionaries have arrived, the last big allocation of the
    start-up: from then on a full (generation-2) collection looks only at what
    was allocated later. Before, one took 40-70 ms at 100k words and landed inside a
    spell-pass slice or between two keystrokes. Objects freed by reference
    counting are freed as before; only reference cycles that were garbage at this
    moment stay. Returns whether it froze (False: already done).
    """
    global _frozen
    if _frozen:
        return False
    _frozen = True
    gc.freeze()
    return True


class _Ready(QObject):
    built = Signal(object)


class _BuildTask(QRunnable):
    def __init__(self, factory: Callable[[], Any], relay: _Ready) -> None:
        super().__init__()
        self._factory, self._relay = factory, relay

    def run(self) -> None:
        try:
            self._relay.built.emit(self._factory())
        except Exception:  # proofing is optional: log, keep editing
            log.exception("Could not start proofing")


class ProofingBridge:
    """The window's view of proofing: enable/disable, panel, spelling menu."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.proofreader: Any = None
        self.enabled = False
        self.dock: QDockWidget | None = None
        self.panel: Any = None
        self._starting = False
        # Parented to the window: a parentless QObject held in a reference cycle would be
        # deleted by whichever thread the collector runs on (a preview worker), not here.
        self._relay = _Ready(window)
        self._relay.built.connect(self._on_built, Qt.ConnectionType.QueuedConnection)
        # Importing proofing (dictionaries, enchant) waits for the worker thread
        # started after the window is shown.
        window.editor.context_menu_hook = self._context_menu
        # The time-sliced spell pass underlines what is on screen first.
        window.highlighter.visible_blocks = window.editor.visible_block_range

    # -- engine -----------------------------------------------------------------------
    def start(self) -> None:
        """Build the Proofreader in a worker thread (call once the window is up)."""
        if self.proofreader is not None or self._starting:
            return
        from khabar_editor.proofing import Proofreader

        self._starting = True
        language = self.window.session.article.language.value
        language = language if language in ("hi", "ne") else "hi"
        words = list(self.window.session.package.wordlist)
        from khabar_editor.ui.article_language import proofing_digits

        # The house digits (Nepali articles: Devanagari), as the export gate and CLI use.
        digits = proofing_digits(language, getattr(self.window.settings, "digit_style", None))
        QThreadPool.globalInstance().start(_BuildTask(
            lambda: Proofreader(language, newsroom_words=words, digits=digits), self._relay))

    def _on_built(self, proofreader: Any) -> None:
        self.proofreader = proofreader
        self._starting = False
        freeze_long_lived()
        try:
            self._sync_newsroom()
            self._apply()
        except RuntimeError:  # the window was closed while the dictionaries loaded
            log.debug("Proofreader ready after the window closed")

    def _sync_newsroom(self) -> None:
        """Make the proofreader's newsroom list exactly the open package's word list.

        Words of a previous document must not stay accepted; the engine cannot
        forget words, so it is rebuilt (same language and personal dictionary,
        the lexicon is cached) when the list lost a word.
        """
        words = list(self.window.session.package.wordlist)
        current = set(getattr(self.proofreader, "newsroom_words", []))
        if not current <= {w for w in words}:
            from khabar_editor.proofing import Proofreader

            old = self.proofreader
            self.proofreader = Proofreader(old.language, newsroom_words=words,
                                           personal=old.personal_path,
                                           digits=getattr(old, "digits", None))
            for rule_id in self.proofreader.enabled_rules - old.enabled_rules:
                self.proofreader.set_rule_enabled(rule_id, False)
        else:
            self.proofreader.add_newsroom_words(words)

    def add_newsroom_word(self, word: str) -> None:
        """Accept ``word`` and keep it in the package's word list (it travels with the file)."""
        if self.proofreader is None:
            return
        self.proofreader.add_word(word, to="newsroom")
        words = self.window.session.package.wordlist
        for accepted in self.proofreader.newsroom_words:
            if accepted not in words:
                words.append(accepted)
                self.window.session.mark_changed()

    def set_proofreader(self, proofreader: Any) -> None:
        """Use ``proofreader`` directly (tests, or a newsroom word list change)."""
        self._on_built(proofreader)

    def set_enabled(self, on: bool) -> None:
        """Switch spell checking on or off (underlines and panel)."""
        self.enabled = on
        if on and self.proofreader is None:
            self.start()
        self._apply()

    def _apply(self) -> None:
        active = self.enabled and self.proofreader is not None
        if self.panel is not None and self.proofreader is not None:
            self.panel.set_proofreader(self.proofreader)
        self.window.highlighter.set_findings_provider(self._check if active else None,
                                                      self._prepare if active else None)
        self._apply_fields(active)
        self.text_changed()

    def _apply_fields(self, active: bool) -> None:
        """The metadata fields (headline, captions …) are underlined like the body."""
        metadata = getattr(self.window, "metadata", None)
        if metadata is None or not hasattr(metadata, "set_proofreader"):
            return
        if not getattr(self, "_fields_wired", False):
            self._fields_wired = True
            metadata.changed.connect(self.text_changed)
            metadata.words_changed.connect(self._field_words_changed)
        metadata.set_proofreader(_PackageWords(self.proofreader, self) if active else None)

    def _field_words_changed(self) -> None:
        self.window.metadata.refresh_spelling()
        self.window.highlighter.invalidate_findings()
        self.text_changed()

    def _check(self, text: str) -> list[Any]:
        return list(self.proofreader.check_paragraph(text))

    def _prepare(self, text: str, deadline: float) -> bool:
        prepare = getattr(self.proofreader, "prepare_paragraph", None)
        return True if prepare is None else bool(prepare(text, deadline))

    def document_loaded(self) -> None:
        """A new document: its newsroom words join the dictionary; re-check."""
        if self.proofreader is not None:
            self._sync_newsroom()
            self._apply()
            self.window.highlighter.invalidate_findings()
            return
        self.text_changed()

    def text_changed(self) -> None:
        """Refresh the findings list (only while the panel is shown)."""
        if self.panel is None or not self.visible():
            return
        if self.enabled and self.proofreader is not None:
            from khabar_editor.ui.proofing.field_spell import field_findings

            # Body and fields in one refill of the list (it was rebuilt twice per pause).
            self.panel.check_text(self.window.editor.toPlainText(), field_findings(
                self.proofreader, self.window.metadata.proofing_fields()))
        else:
            self.panel.set_findings([])
            if hasattr(self.panel, "set_field_findings"):
                self.panel.set_field_findings([])

    # -- panel ------------------------------------------------------------------------
    def _make_panel(self) -> None:
        from khabar_editor.ui.proofing.panel import ProofingPanel

        self.panel = ProofingPanel(self.window)
        self.panel.finding_activated.connect(self._select)
        self.panel.fix_requested.connect(self._replace)
        self.panel.field_activated.connect(self.window.metadata.focus_field)
        self.panel.ignored.connect(lambda _kind, _text: self._field_words_changed())
        self.panel.field_fix_requested.connect(self.window.metadata.replace_in_field)
        self.dock = QDockWidget(_("Proofing"), self.window)
        self.dock.setObjectName("proofingDock")
        self.dock.setWidget(self.panel)
        self.window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.hide()

    def visible(self) -> bool:
        return self.dock is not None and self.dock.isVisible()

    def set_visible(self, on: bool) -> None:
        """Show or hide the proofing dock (built on first use)."""
        if on and self.dock is None:
            self._make_panel()
            if self.panel is not None and self.proofreader is not None:
                self.panel.set_proofreader(self.proofreader)
        if self.dock is not None:
            self.dock.setVisible(on)
            if on:
                self.text_changed()

    def _cursor_for(self, start: int, end: int) -> QTextCursor:
        text = self.window.editor.toPlainText()
        cursor = self.window.editor.textCursor()
        cursor.setPosition(cp_to_utf16(text, start))
        cursor.setPosition(cp_to_utf16(text, end), QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def _select(self, start: int, end: int) -> None:
        self.window.editor.setTextCursor(self._cursor_for(start, end))
        self.window.editor.setFocus()

    def _replace(self, start: int, end: int, replacement: str) -> None:
        cursor = self._cursor_for(start, end)
        cursor.insertText(replacement)

    # -- context menu -----------------------------------------------------------------
    def _context_menu(self, menu: QMenu, cursor: QTextCursor) -> None:
        if not (self.enabled and self.proofreader is not None):
            return
        from khabar_editor.ui.proofing.spell_menu import add_spelling_actions

        add_spelling_actions(menu, cursor, _PackageWords(self.proofreader, self),
                             self.window.highlighter)


class _PackageWords:
    """The proofreader as the spelling menu sees it: newsroom words go into the package."""

    def __init__(self, proofreader: Any, bridge: ProofingBridge) -> None:
        self._proofreader, self._bridge = proofreader, bridge

    def __getattr__(self, name: str) -> Any:
        return getattr(self._proofreader, name)

    def add_word(self, word: str, to: str = "personal") -> None:
        if to == "newsroom":
            self._bridge.add_newsroom_word(word)
        else:
            self._proofreader.add_word(word, to=to)


def attach(window: MainWindow) -> ProofingBridge:
    """Create the bridge for ``window`` (works without the proofing packages)."""
    return ProofingBridge(window)

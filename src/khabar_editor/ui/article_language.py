"""The article's language drives proofing: a Nepali article is proofread as Nepali.

When the Language field of the metadata panel changes (or a document in another
language is opened), the proofreader is rebuilt for that language in a worker
thread — Nepali dictionary and rules, and Devanagari digits for Nepali — keeping
the personal dictionary, the newsroom words and the rules the user switched off.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal

if TYPE_CHECKING:
    from khabar_editor.ui.main_window import MainWindow

log = logging.getLogger(__name__)

PROOFING_LANGUAGES = ("hi", "ne")


def proofing_language(lang: str) -> str:
    """The proofing language for an article language (Hindi rules for the others)."""
    return lang if lang in PROOFING_LANGUAGES else "hi"


def proofing_digits(lang: str, house_digits: str | None) -> str | None:
    """The digits the proofreader expects: Nepali articles use Devanagari digits."""
    return "devanagari" if lang == "ne" else house_digits


class _Relay(QObject):
    built = Signal(object, str)


class _Build(QRunnable):
    def __init__(self, make: Any, lang: str, relay: _Relay) -> None:
        super().__init__()
        self._make, self._lang, self._relay = make, lang, relay

    def run(self) -> None:
        try:
            self._relay.built.emit(self._make(), self._lang)
        except Exception:  # proofing is optional: keep the old one, keep editing
            log.exception("Could not rebuild proofing for %s", self._lang)


class LanguageSwitch:
    """Keeps the window's proofreader in the article's language."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self._building: str | None = None
        # Parented to the window: a parentless QObject held in a reference cycle would be
        # deleted by whichever thread the collector runs on (a preview worker), not here.
        self._relay = _Relay(window)
        self._relay.built.connect(self._on_built, Qt.ConnectionType.QueuedConnection)
        self._hooked = False
        window.metadata.language_changed.connect(lambda _lang: self.sync())

    def _hook_bridge(self, bridge: Any) -> None:
        """A proofreader that finished building after the language changed is corrected."""
        relay = getattr(bridge, "_relay", None)
        if relay is not None and not self._hooked:
            self._hooked = True
            relay.built.connect(lambda _p: self.sync(), Qt.ConnectionType.QueuedConnection)

    def wanted(self) -> str:
        return proofing_language(self.window.session.article.language.value)

    def sync(self) -> None:
        """Rebuild the proofreader if it is not in the article's language."""
        bridge = getattr(self.window, "proofing", None)
        if bridge is None:
            return
        self._hook_bridge(bridge)
        current = bridge.proofreader
        lang = self.wanted()
        if current is None or self._building == lang:
            return
        if current.language == lang and self._building is None:
            return
        from khabar_editor.proofing import Proofreader

        self._building = lang
        words = list(self.window.session.package.wordlist)
        digits = proofing_digits(lang, getattr(self.window.settings, "digit_style", None))
        from khabar_editor.proofing.rules import RULES, default_enabled

        # Rules the user switched off stay off (those of the old language only).
        disabled = [r for r in default_enabled() if r not in current.enabled_rules
                    and current.language in RULES[r].languages]
        personal = current.personal_path

        def make() -> Any:
            return Proofreader(lang, newsroom_words=words, personal=personal,
                               disabled_rules=disabled, digits=digits)

        QThreadPool.globalInstance().start(_Build(make, lang, self._relay))

    def _on_built(self, proofreader: Any, lang: str) -> None:
        if lang != self._building:
            return  # superseded by a later switch
        self._building = None
        if lang != self.wanted():
            self.sync()  # the language changed again while this one was built
            return
        try:
            self.window.proofing.set_proofreader(proofreader)
            self.window.highlighter.invalidate_findings()
        except RuntimeError:  # the window was closed meanwhile
            log.debug("Proofreader rebuilt after the window closed")


def attach(window: MainWindow) -> LanguageSwitch:
    """Create the language switch for ``window`` (after its metadata panel and proofing)."""
    return LanguageSwitch(window)

"""Phonetic typing: Roman letters become Devanagari as they are typed.

Attached to the main window by :func:`attach`. When the mode is on (Ctrl+Shift+T or
the toolbar button; remembered in ``phonetic_input.json`` in the config folder),
letters typed into the body or a metadata text field are collected into a word;
the best Devanagari candidate shows inline as pre-edit text (underlined, not yet in
the document) and a small list shows the others.

Keys while a word is being composed: Space or Enter takes the highlighted candidate
(Space also types the space), 1-9 take that candidate, Up/Down move the highlight,
Esc keeps the Roman letters, Shift+Esc keeps them and remembers the word as one that
stays Roman, Backspace removes the last letter. Punctuation and movement keys take
the highlighted candidate first. URLs, e-mail addresses and code-like tokens are
left as typed. Choices are learned (``textkit.phonetic.learned``).

All of it hangs on an event filter on each field: the editor widgets themselves are
not changed.
"""

from __future__ import annotations

import json
import logging
import os
import threading

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import (QAction, QColor, QInputMethodEvent, QKeyEvent, QKeySequence,
                           QTextCharFormat)
from PySide6.QtWidgets import (QApplication, QDialog, QDialogButtonBox, QLineEdit,
                               QListWidget, QPlainTextEdit, QTextBrowser, QTextEdit, QToolBar,
                               QVBoxLayout, QWidget)

from khabar_editor.fsutil import atomic_write_text
from khabar_editor.i18n import N_, _
from khabar_editor.textkit import phonetic
from khabar_editor.textkit.phonetic.learned import UserChoices, default_path

log = logging.getLogger(__name__)

SHORTCUT = "Ctrl+Shift+T"
MAX_WORD = 40
_LITERAL_TRIGGERS = set(":/@\\_")
_MODIFIER_KEYS = frozenset((Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta,
                            Qt.Key.Key_AltGr, Qt.Key.Key_CapsLock, Qt.Key.Key_NumLock,
                            Qt.Key.Key_Super_L, Qt.Key.Key_Super_R))
_SKIP_FIELD_WORDS = ("url", "slug", "email", "date", "embargo", "time", "id")


def prefs_path():  # noqa: ANN201 - Path
    """Where the on/off state is remembered."""
    from khabar_editor.settings import config_dir

    return config_dir() / "phonetic_input.json"


def _read_enabled() -> bool:
    try:
        data = json.loads(prefs_path().read_text(encoding="utf-8"))
        return bool(data.get("enabled", False)) if isinstance(data, dict) else False
    except (OSError, ValueError):
        return False


def _write_enabled(on: bool) -> None:
    try:
        os.makedirs(prefs_path().parent, exist_ok=True)
        atomic_write_text(prefs_path(), json.dumps({"enabled": on}))
    except OSError as exc:
        log.warning("Phonetic typing state not saved: %s", exc)


def _warm_up(lang: str) -> None:
    try:
        phonetic.candidates("a", lang)
    except Exception:  # noqa: BLE001 - the first keystroke will report it
        log.exception("Phonetic model could not be loaded")


class CandidatePopup(QListWidget):
    """The small numbered list under the word being typed (never takes focus)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)  # a tool tip window: still its own top-level window
        self.setObjectName("phoneticCandidates")
        self.setWindowFlags(Qt.WindowType.ToolTip | Qt.WindowType.FramelessWindowHint)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.words: list[str] = []

    def show_words(self, words: list[str], roman: str, at: QPoint) -> None:
        self.words = list(words)
        self.clear()
        for i, word in enumerate(words[:9], 1):
            self.addItem(f"{i}  {word}")
        self.addItem(f"Esc  {roman}")
        self.setCurrentRow(0)
        rows = self.count()
        self.setFixedSize(max(160, self.sizeHintForColumn(0) + 16),
                          self.sizeHintForRow(0) * rows + 6)
        self.move(at)
        self.show()

    def selected(self) -> int:
        return max(0, self.currentRow()) if self.currentRow() < len(self.words) else 0


class PhoneticInput(QObject):
    """Watches the text fields and turns typed Roman letters into Devanagari."""

    def __init__(self, parent: QObject, lang_of=lambda: "hi", choices: UserChoices | None = None
                 ) -> None:
        super().__init__(parent)
        self.enabled = False
        self.lang_of = lang_of
        self.choices = choices if choices is not None else UserChoices(default_path())
        # Owned by the window (deleted with it, on the GUI thread): a parentless widget
        # left in a reference cycle would be deleted by the collector on any thread.
        self.popup = CandidatePopup(parent if isinstance(parent, QWidget) else None)
        self.widget: QWidget | None = None
        self.roman = ""
        self.words: list[str] = []
        self.index = 0
        self._literal = False  # the current token stays Roman until a space
        self._fields: list[QWidget] = []
        self._warmed = False

    # -- fields -----------------------------------------------------------------------
    def watch(self, widget: QWidget) -> None:
        """Handle typing in ``widget`` (a line edit or a plain/rich text edit)."""
        if widget not in self._fields:
            self._fields.append(widget)
            widget.installEventFilter(self)

    def set_enabled(self, on: bool) -> None:
        """Switch the mode; a word being composed is kept as typed."""
        if not on and self.roman:
            self._commit(self.roman, learn=False)
        self.enabled = bool(on)
        if on and not self._warmed:
            self._warmed = True  # load the model off the GUI thread before the first letter
            threading.Thread(target=_warm_up, args=(self.lang_of(),), daemon=True).start()

    # -- composing --------------------------------------------------------------------
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind == QEvent.Type.FocusOut and self.roman and obj is self.widget:
            self._commit(self._current(), learn=True)
            return False
        if (kind == QEvent.Type.ShortcutOverride and self.enabled and self.roman
                and obj is self.widget and not event.modifiers() & (  # type: ignore[attr-defined]
                    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)):
            event.accept()  # Esc, Enter, digits... belong to the word being typed
            return True
        if kind != QEvent.Type.KeyPress or not self.enabled or not isinstance(obj, QWidget):
            return False
        if getattr(obj, "isReadOnly", lambda: False)():
            return False
        try:
            return self._key(obj, event)  # type: ignore[arg-type]
        except Exception:  # noqa: BLE001 - typing must go on whatever happens
            log.exception("Phonetic typing failed")
            self._reset()
            return False

    def _key(self, widget: QWidget, event: QKeyEvent) -> bool:
        key, text, mods = event.key(), event.text(), event.modifiers()
        if key in _MODIFIER_KEYS:
            return False  # Shift for a capital letter must not end the word
        command = mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                          | Qt.KeyboardModifier.MetaModifier)
        if self.roman and widget is not self.widget:
            self._commit(self._current(), learn=True)
        if command:
            if self.roman:
                self._commit(self._current(), learn=True)
            return False
        is_letter = len(text) == 1 and text.isascii() and text.isalpha()
        if not self.roman:
            if text and text.isspace():
                self._literal = False
                return False
            if is_letter and not self._literal:
                self.widget = widget
                self._update(text)
                return True
            if text and not text.isspace() and not is_letter:
                # a token that starts with a digit or symbol (URL, code) stays as typed
                self._literal = text in _LITERAL_TRIGGERS or text.isdigit() or self._literal
            return False
        # composing
        if is_letter:
            if len(self.roman) < MAX_WORD:
                self._update(self.roman + text)
            return True
        if key == Qt.Key.Key_Backspace:
            self._update(self.roman[:-1])
            return True
        if key == Qt.Key.Key_Escape:
            roman = self.roman
            if mods & Qt.KeyboardModifier.ShiftModifier:
                self.choices.mark_literal(roman)
            self._commit(roman, learn=False)
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._commit(self._current(), learn=True)
            return True
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.words:
            step = 1 if key == Qt.Key.Key_Down else -1
            self.index = (self.index + step) % len(self.words)
            self.popup.setCurrentRow(self.index)
            self._show_preedit(self.words[self.index])
            return True
        if len(text) == 1 and text in "123456789" and int(text) <= len(self.words):
            self._commit(self.words[int(text) - 1], learn=True)
            return True
        if text and (text in _LITERAL_TRIGGERS or text.isdigit() or
                     (text == "." and self.roman.lower() == "www")):
            self._literal = True
            self._commit(self.roman, learn=False)
            return False
        # space, punctuation, movement: take the highlighted word, let the key act
        self._commit(self._current(), learn=True)
        return False

    def _current(self) -> str:
        if self.words and 0 <= self.index < len(self.words):
            return self.words[self.index]
        return self.roman

    def _update(self, roman: str) -> None:
        self.roman = roman
        if not roman:
            self._show_preedit("")
            self._reset()
            return
        lang = self.lang_of()
        if self.choices.is_literal(roman):
            self.words = []
        else:
            self.words = phonetic.candidates(roman, lang, phonetic.MAX_CANDIDATES, self.choices)
        self.index = 0
        self._show_preedit(self._current())
        widget = self.widget
        if widget is not None:
            rect = widget.inputMethodQuery(Qt.InputMethodQuery.ImCursorRectangle)
            at = widget.mapToGlobal(rect.bottomLeft().toPoint() + QPoint(0, 4))
            self.popup.show_words(self.words, roman, at)

    def _show_preedit(self, text: str) -> None:
        if self.widget is None:
            return
        fmt = QTextCharFormat()
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
        fmt.setUnderlineColor(QColor("#1a73e8"))
        attrs = [QInputMethodEvent.Attribute(QInputMethodEvent.AttributeType.TextFormat, 0,
                                             len(text), fmt),
                 QInputMethodEvent.Attribute(QInputMethodEvent.AttributeType.Cursor, len(text),
                                             1)]
        QApplication.sendEvent(self.widget, QInputMethodEvent(text, attrs))

    def _commit(self, text: str, *, learn: bool) -> None:
        widget, roman = self.widget, self.roman
        self._reset()
        if widget is None:
            return
        event = QInputMethodEvent("", [])
        event.setCommitString(text)
        QApplication.sendEvent(widget, event)
        if learn and roman and text != roman:
            self.choices.record(roman, text, self.lang_of())

    def _reset(self) -> None:
        self.roman, self.words, self.index = "", [], 0
        self.popup.hide()


def reference_card(parent: QWidget | None = None) -> QDialog:
    """The one-page guide: how Roman spellings become Devanagari, and the keys."""
    dialog = QDialog(parent)
    dialog.setObjectName("phoneticGuide")
    dialog.setWindowTitle(_(N_("Phonetic typing guide")))
    layout = QVBoxLayout(dialog)
    view = QTextBrowser()
    rows = [("bharat", "भारत"), ("hindi", "हिंदी"), ("kshetra", "क्षेत्र"),
            ("zaroorat", "ज़रूरत"), ("pradhanmantri", "प्रधानमंत्री"), ("sarkar", "सरकार"),
            ("kaa / ka", "का / क"), ("kee / ki", "की / कि"), ("koo / ku", "कू / कु"),
            ("ke / kai", "के / कै"), ("ko / kau", "को / कौ"), ("sh", "श / ष"),
            ("kan / kam", "कं / कम"), ("kri", "कृ / क्रि"), ("gyan", "ज्ञान")]
    keys = [(_(N_("Space or Enter")), _(N_("take the highlighted word"))),
            ("1-9", _(N_("take that word"))),
            ("↑ ↓", _(N_("highlight another word"))),
            ("Esc", _(N_("keep the Roman letters"))),
            ("Shift+Esc", _(N_("keep them and always keep this word in Roman"))),
            ("Backspace", _(N_("remove the last letter"))),
            (SHORTCUT, _(N_("switch phonetic typing on or off")))]
    html = ["<h3>", _(N_("Type Hindi in Roman letters")), "</h3><table cellpadding=3>"]
    html += [f"<tr><td><tt>{r}</tt></td><td>{d}</td></tr>" for r, d in rows]
    html += ["</table><h3>", _(N_("Keys")), "</h3><table cellpadding=3>"]
    html += [f"<tr><td><b>{k}</b></td><td>{d}</td></tr>" for k, d in keys]
    html += ["</table><p>", _(N_("Addresses, e-mail and code stay as typed. Your choices "
                                 "are remembered and offered first next time.")), "</p>"]
    view.setHtml("".join(html))
    layout.addWidget(view)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    dialog.resize(440, 560)
    return dialog


def _metadata_fields(window) -> list[QWidget]:  # noqa: ANN001
    fields = []
    for key, widget in getattr(window.metadata, "w", {}).items():
        if any(word in key.lower() for word in _SKIP_FIELD_WORDS):
            continue
        if isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit)):
            fields.append(widget)
    return fields


def attach(window) -> PhoneticInput:  # noqa: ANN001 - MainWindow (no import cycle)
    """Toggle action (Ctrl+Shift+T, toolbar), guide action, and the fields watched."""

    def language() -> str:
        lang = getattr(getattr(window.session, "article", None), "language", "hi")
        lang = str(getattr(lang, "value", lang))[:2]
        return lang if lang in phonetic.LANGUAGES else "hi"

    typing = PhoneticInput(window, language)
    typing.watch(window.editor)
    for field in _metadata_fields(window):
        typing.watch(field)
    toggle = QAction(_(N_("Phonetic typing (Roman → देवनागरी)")), window)
    toggle.setObjectName("phoneticToggle")
    toggle.setIconText(_(N_("abc→अ")))
    toggle.setCheckable(True)
    toggle.setShortcut(QKeySequence(SHORTCUT))
    toggle.setToolTip(_(N_("Phonetic typing: type Hindi in Roman letters ({keys})")).format(
        keys=SHORTCUT))
    guide = QAction(_(N_("Phonetic typing guide")), window)
    guide.setObjectName("phoneticGuideAction")
    guide.setIconText("?")
    guide.setToolTip(_(N_("Phonetic typing guide")))

    def switched(on: bool) -> None:
        typing.set_enabled(on)
        _write_enabled(on)
        window.statusBar().showMessage(
            _(N_("Phonetic typing on")) if on else _(N_("Phonetic typing off")), 3000)

    toggle.toggled.connect(switched)
    guide.triggered.connect(lambda: reference_card(window).exec())
    window.addAction(toggle)
    window.addAction(guide)
    bars = window.findChildren(QToolBar)
    bar = next((b for b in bars if b.objectName() == "formatToolbar"), bars[0] if bars else None)
    if bar is not None:
        bar.addSeparator()
        bar.addAction(toggle)
        bar.addAction(guide)
    typing.toggle_action, typing.guide_action = toggle, guide  # type: ignore[attr-defined]
    if _read_enabled():
        toggle.setChecked(True)
    return typing

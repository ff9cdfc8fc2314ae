"""The banner on top of a received package: from whom, when, status, integrity, signature.

It shows a :class:`BannerState` (computed by :mod:`khabar_editor.ui.desk_controller`
from the session) and offers the desk its decisions: Approve, Return with a
note, Show changes. A returned package shows the desk's note prominently to
the correspondent. All text is plain (labels never render HTML).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QSize, Signal
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from khabar_editor.i18n import _
from khabar_editor.ui import desk_labels


@dataclass(frozen=True)
class BannerState:
    """Everything the banner shows; ``desk`` enables the desk's buttons."""

    sender: str
    received: str  # local time text, "" when unknown
    status: str  # status code
    integrity: str  # integrity code, "" when not verified
    signature: str  # signature code, "" when not verified
    signer: str | None
    note: str = ""
    note_by: str = ""
    note_when: str = ""
    desk: bool = False
    has_original: bool = False
    problems: tuple[str, ...] = ()
    revoked: bool = False  # the signature is "broken" because its key was revoked


# Colours of the strip, its text and the good/bad/warning verdicts, for a light and for
# a dark window palette (a light-blue strip glared in the dark theme).
_COLOURS = {
    False: {"bg": "#d9e6f7", "border": "#9fb6d8", "text": "#1a1a1a", "note_bg": "#fff4c2",
            "note_border": "#e0b400", "note_text": "#3a2d00",
            "good": "#1b5e20", "bad": "#b3261e", "warn": "#8a5a00"},
    True: {"bg": "#1e2d40", "border": "#3d5a80", "text": "#e6e6e6", "note_bg": "#3a3218",
           "note_border": "#b08900", "note_text": "#f5e6b0",
           "good": "#81c784", "bad": "#f28b82", "warn": "#ffcc80"},
}
_GOOD, _BAD, _WARN = "good", "bad", "warn"


def _style(dark: bool) -> str:
    c = _COLOURS[dark]
    return (f"QFrame#deskBanner {{ background: {c['bg']}; "
            f"border-bottom: 1px solid {c['border']}; }}"
            f"QFrame#deskBanner QLabel {{ color: {c['text']}; }}"
            f"QLabel#deskNote {{ background: {c['note_bg']}; border: 1px solid "
            f"{c['note_border']}; border-radius: 4px; padding: 6px; color: {c['note_text']}; "
            "font-size: 11pt; }")


class _FactLabel(QLabel):
    """A wrapping label that asks for its text on one line when there is room (a plain
    wrapping QLabel asks for a narrow, two-line box even on a wide window)."""

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        hint = super().sizeHint()
        if not self.wordWrap() or not self.text():
            return hint
        width = self.fontMetrics().horizontalAdvance(self.text()) + 2 * self.margin() + 4
        return QSize(width, self.heightForWidth(width))


class DeskBanner(QFrame):
    """A strip above the editor; hidden for the user's own drafts."""

    approve_clicked = Signal()
    return_clicked = Signal()
    changes_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deskBanner")
        self._dark: bool | None = None
        self._restyle()
        self.state: BannerState | None = None
        self.sender_label = _FactLabel()
        self.sender_label.setObjectName("deskSender")
        font = self.sender_label.font()
        font.setBold(True)
        self.sender_label.setFont(font)
        self.status_label = _FactLabel()
        self.status_label.setObjectName("deskStatus")
        self.integrity_label = _FactLabel()
        self.integrity_label.setObjectName("deskIntegrity")
        self.signature_label = _FactLabel()
        self.signature_label.setObjectName("deskSignature")
        self.note_label = QLabel()
        self.note_label.setObjectName("deskNote")
        self.note_label.setWordWrap(True)
        self.problems_label = QLabel()
        self.problems_label.setObjectName("deskProblems")
        self.problems_label.setWordWrap(True)
        self.approve_button = QPushButton(_("Approve"))
        self.approve_button.setObjectName("deskApprove")
        self.return_button = QPushButton(_("Return with note…"))
        self.return_button.setObjectName("deskReturn")
        self.changes_button = QPushButton(_("Show changes"))
        self.changes_button.setObjectName("deskChanges")
        self.approve_button.clicked.connect(self.approve_clicked)
        self.return_button.clicked.connect(self.return_clicked)
        self.changes_button.clicked.connect(self.changes_clicked)

        facts = QHBoxLayout()
        facts.setSpacing(18)
        for label in (self.sender_label, self.status_label, self.integrity_label,
                      self.signature_label):
            # Wrapped, so a long sender or verdict takes a second line instead of
            # widening the window past a 1366 px screen (the row wanted 1169 px).
            label.setWordWrap(True)
            facts.addWidget(label)
        facts.addStretch(1)
        for button in (self.changes_button, self.return_button, self.approve_button):
            facts.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(4)
        layout.addLayout(facts)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.note_label)
        self.hide()

    def show_state(self, state: BannerState | None) -> None:
        """Show ``state``; ``None`` hides the banner."""
        self._restyle()  # the theme may have changed (Preferences refreshes the banner)
        self.state = state
        if state is None:
            self.hide()
            return
        sender = state.sender or _("unknown sender")
        if state.received:
            self.sender_label.setText(_("From {sender} · received {when}").format(
                sender=sender, when=state.received))
        else:
            self.sender_label.setText(_("From {sender}").format(sender=sender))
        self.status_label.setText(_("Status: {status}").format(
            status=desk_labels.status_text(state.status)))
        self._set(self.integrity_label, desk_labels.integrity_text(state.integrity)
                  if state.integrity else "",
                  # As in the inbox: edited after signing is a warning (usually the
                  # desk's own edits), only a corrupt or unsafe package is red.
                  {"intact": _GOOD, "changed": _WARN}.get(state.integrity, _BAD))
        colour = {"valid": _GOOD, "broken": _BAD}.get(state.signature, _WARN)
        self._set(self.signature_label, desk_labels.signature_text(state.signature, state.signer,
                                                             state.integrity, state.revoked)
                  if state.signature else "", colour)
        self.problems_label.setText("\n".join(state.problems))
        self.problems_label.setVisible(bool(state.problems))
        if state.note:
            header = _("Note from {who} ({when}):").format(who=state.note_by or _("the desk"),
                                                          when=state.note_when) \
                if state.note_when else _("Note from {who}:").format(
                    who=state.note_by or _("the desk"))
            self.note_label.setText(f"{header}\n{state.note}")
        self.note_label.setVisible(bool(state.note))
        deciding = state.desk and state.status in ("submitted", "in-edit")
        self.approve_button.setVisible(state.desk)
        self.return_button.setVisible(state.desk)
        self.approve_button.setEnabled(deciding)
        self.return_button.setEnabled(deciding)
        self.changes_button.setVisible(state.desk or state.has_original)
        self.show()

    def is_dark(self) -> bool:
        """Whether the application palette is dark (the strip follows it; the banner's
        own palette is the strip's, set by its style sheet)."""
        return QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128

    def _restyle(self) -> None:
        dark = self.is_dark()
        if dark == self._dark:
            return
        self._dark = dark
        self.setStyleSheet(_style(dark))
        for label in (self.integrity_label, self.signature_label) \
                if hasattr(self, "signature_label") else ():
            colour = label.property("verdict")
            if colour:
                self._set(label, label.text(), str(colour))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._restyle()  # the theme changed (Preferences)

    def _set(self, label: QLabel, text: str, verdict: str) -> None:
        label.setText(text)
        label.setProperty("verdict", verdict)
        colour = _COLOURS[bool(self._dark)][verdict]
        label.setStyleSheet(f"color: {colour}; font-weight: 600;")
        label.setVisible(bool(text))

"""Small questions of the desk workflow, one function each.

Every ``ask_*`` function returns the answer (``None`` when the user cancelled);
:func:`open_identity` calls back instead, so start-up never blocks on it. Tests
replace them with recorded answers and never wait for a dialog.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
                               QPlainTextEdit, QVBoxLayout, QWidget)

from khabar_editor.i18n import _
from khabar_editor.settings import Settings

MAX_NOTE_CHARS = 4000
MIN_PASSPHRASE_CHARS = 8


def open_identity(settings: Settings, parent: QWidget | None,
                  chosen: Callable[[str, str], None]) -> None:
    """First start: show the name-and-role dialog without blocking; ``chosen(name, role)``
    is called when the user confirms (the window stays usable behind it)."""
    from khabar_editor.ui.identity_dialog import IdentityDialog

    dialog = IdentityDialog(settings, parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.accepted.connect(lambda: chosen(*dialog.values()))
    dialog.open()


class NoteDialog(QDialog):
    """The note that goes back to the correspondent with "returned"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("returnNoteDialog")
        self.setWindowTitle(_("Return to the correspondent"))
        intro = QLabel(_("Write what the correspondent should change. They see this note "
                         "when they open the package."))
        intro.setWordWrap(True)
        self.note = QPlainTextEdit()
        self.note.setObjectName("returnNote")
        self.note.setPlaceholderText(_("e.g. दूसरे पक्ष का बयान जोड़ें।"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Return"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.note.textChanged.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.note, 1)
        layout.addWidget(self.buttons)
        self.resize(520, 300)
        self._update()

    def _update(self) -> None:
        text = self.note.toPlainText()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(text.strip()) and len(text) <= MAX_NOTE_CHARS)

    def text(self) -> str:
        """The note as typed, without surrounding blank space."""
        return self.note.toPlainText().strip()


def ask_return_note(parent: QWidget | None = None) -> str | None:
    """The note for "returned" (never blank), or ``None`` if cancelled."""
    dialog = NoteDialog(parent)
    return dialog.text() if dialog.exec() and dialog.text() else None


class PassphraseDialog(QDialog):
    """Ask for a passphrase; ``confirm`` asks twice (a new key)."""

    def __init__(self, parent: QWidget | None, message: str, *, confirm: bool) -> None:
        super().__init__(parent)
        self.setObjectName("passphraseDialog")
        self.setWindowTitle(_("Passphrase"))
        self.confirm = confirm
        label = QLabel(message)
        label.setWordWrap(True)
        self.first = QLineEdit()
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.second = QLineEdit()
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        self.problem = QLabel()
        self.problem.setObjectName("passphraseProblem")
        self.problem.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_("Passphrase"), self.first)
        if confirm:
            form.addRow(_("Once more"), self.second)
        else:
            self.second.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for edit in (self.first, self.second):
            edit.textChanged.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self._update()

    def _trouble(self) -> str:
        if not self.confirm:
            return "" if self.first.text() else " "
        if len(self.first.text()) < MIN_PASSPHRASE_CHARS:
            return _("At least {count} characters.").format(count=MIN_PASSPHRASE_CHARS)
        if self.first.text() != self.second.text():
            return _("The two passphrases differ.")
        return ""

    def _update(self) -> None:
        trouble = self._trouble()
        self.problem.setText(trouble.strip())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not trouble)

    def accept(self) -> None:
        if not self._trouble():
            super().accept()


def ask_new_passphrase(parent: QWidget | None = None) -> str | None:
    """A passphrase for a new private key (asked twice), or ``None``."""
    dialog = PassphraseDialog(parent, _(
        "This computer has no system keyring, so your private key is kept in a file "
        "protected by a passphrase. Choose one you will remember: it cannot be recovered."),
        confirm=True)
    return dialog.first.text() if dialog.exec() else None


def ask_passphrase(key_name: str, parent: QWidget | None = None) -> str | None:
    """The passphrase of the private key ``key_name`` (to sign saves), or ``None``."""
    dialog = PassphraseDialog(parent, _(
        "Enter the passphrase of your signing key “{name}”. Packages you save are "
        "signed with it.").format(name=key_name), confirm=False)
    return dialog.first.text() if dialog.exec() else None

"""The Keys section of Preferences: my signing key, and the desk's list of trusted keys.

A correspondent creates a key pair (Ed25519; the private key in the system
keyring where there is one, else in a passphrase-protected file) and exports
the public key as a small file for the desk. The desk imports such files, sees
them listed and revokes a key that should no longer be trusted. All key work is
done by :mod:`khabar_editor.package.signing`; this widget only asks and shows.

After a key is imported or revoked, :func:`key_events` emits ``changed`` so an open
inbox verifies its packages again at once (it also watches the key folder, for
``khabar keys`` run outside the app).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (QAbstractItemView, QFileDialog, QGroupBox, QHBoxLayout,
                               QHeaderView, QLabel, QMessageBox, QPushButton, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from khabar_editor.errors import KhabarError
from khabar_editor.fsutil import atomic_write_text
from khabar_editor.i18n import _
from khabar_editor.settings import Settings, data_dir
from khabar_editor.ui import desk_dialogs

log = logging.getLogger(__name__)

KeyCreated = Callable[[object, Path], None]


class KeyEvents(QObject):
    """``changed``: the trusted keys were imported or revoked in this process."""

    changed = Signal()


_EVENTS: KeyEvents | None = None


def key_events() -> KeyEvents:
    """The one :class:`KeyEvents` of the application (made on first use)."""
    global _EVENTS
    if _EVENTS is None:
        _EVENTS = KeyEvents()
    return _EVENTS


def my_keys_dir() -> Path:
    """Where the user's own key pair is kept."""
    return data_dir() / "my-key"


def public_key_path(key_file: str) -> Path:
    """The ``NAME.pub`` written beside ``NAME.key``."""
    return Path(key_file).with_suffix(".pub")


def _reason(exc: BaseException) -> str:
    return (exc.strerror if isinstance(exc, OSError) else None) or str(exc)


class KeysSection(QGroupBox):
    """``KeysSection(settings, name_source, role_source)`` inside Preferences.

    ``settings`` is the dialog's working copy: a new key's path goes into it.
    ``key_created(signing_key, key_path)`` is called right after a key pair is
    written, so the editor signs with it at once.
    """

    def __init__(self, settings: Settings, name_source: Callable[[], str],
                 key_created: KeyCreated | None = None, parent: QWidget | None = None) -> None:
        super().__init__(_("Signing keys"), parent)
        self.setObjectName("keysSection")
        self._settings = settings
        self._name_source = name_source
        self._key_created = key_created
        self.my_key = QLabel()
        self.my_key.setObjectName("myKey")
        self.my_key.setWordWrap(True)
        self.create_button = QPushButton(_("Create my key pair…"))
        self.create_button.setObjectName("createKey")
        self.create_button.clicked.connect(self.create_key)
        self.export_button = QPushButton(_("Export my public key…"))
        self.export_button.setObjectName("exportKey")
        self.export_button.clicked.connect(self.export_public_key)
        mine = QHBoxLayout()
        mine.addWidget(self.create_button)
        mine.addWidget(self.export_button)
        mine.addStretch(1)

        self.desk_box = QWidget()
        self.desk_box.setObjectName("deskKeys")
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("trustedKeys")
        self.table.setHorizontalHeaderLabels([_("Correspondent"), _("Key id"), _("Status")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(110)
        self.import_button = QPushButton(_("Import a correspondent's key…"))
        self.import_button.setObjectName("importKey")
        self.import_button.clicked.connect(self.import_key)
        self.revoke_button = QPushButton(_("Revoke"))
        self.revoke_button.setObjectName("revokeKey")
        self.revoke_button.clicked.connect(self.revoke_selected)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        desk_buttons = QHBoxLayout()
        desk_buttons.addWidget(self.import_button)
        desk_buttons.addWidget(self.revoke_button)
        desk_buttons.addStretch(1)
        desk_layout = QVBoxLayout(self.desk_box)
        desk_layout.setContentsMargins(0, 0, 0, 0)
        desk_layout.addWidget(QLabel(_("Keys of correspondents you trust:")))
        desk_layout.addWidget(self.table)
        desk_layout.addLayout(desk_buttons)

        self.message = QLabel()
        self.message.setObjectName("keysMessage")
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.my_key)
        layout.addLayout(mine)
        layout.addWidget(self.desk_box, 1)
        layout.addWidget(self.message)
        # Without the desk's table the rows keep together at the top (in a tall column
        # of Preferences they were spread out with gaps between them).
        layout.addStretch(0)  # takes what the desk's table (stretch 1) does not
        self.refresh()

    # -- state ------------------------------------------------------------------------
    def set_role(self, role: str) -> None:
        """Show the trusted-keys list only to the desk."""
        self.desk_box.setVisible(role == "desk")

    def _store(self):  # -> signing.KeyStore
        from khabar_editor.package.signing import KeyStore

        return KeyStore()

    def refresh(self) -> None:
        """Show my key and the trusted keys as they are now."""
        key_file = getattr(self._settings, "signing_key_file", "")
        if key_file and Path(key_file).is_file():
            self.my_key.setText(_("Your key: {file}. Packages you save are signed.").format(
                file=Path(key_file).name))
        else:
            self.my_key.setText(_("You have no signing key yet. Packages you save are "
                                  "not signed."))
        self.export_button.setEnabled(bool(key_file) and public_key_path(key_file).is_file())
        try:
            stored = self._store().keys()
        except (KhabarError, OSError, ImportError) as exc:
            self.message.setText(_reason(exc))
            stored = []
        self.table.setRowCount(len(stored))
        for row, item in enumerate(stored):
            state = _("Revoked") if item.revoked else _("Trusted")
            for col, text in enumerate((item.key.name, item.key.key_id, state)):
                self.table.setItem(row, col, QTableWidgetItem(text))
        self._update_buttons()

    def _update_buttons(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        revocable = False
        if rows:
            state = self.table.item(rows[0].row(), 2)
            revocable = state is not None and state.text() != _("Revoked")
        self.revoke_button.setEnabled(revocable)

    def _failed(self, message: str, exc: BaseException) -> None:
        """Show ``message`` (translated, with ``{reason}``) for ``exc``."""
        self.message.setText(message.format(reason=_reason(exc)))

    # -- actions ----------------------------------------------------------------------
    def create_key(self) -> None:
        """Make a new key pair under the user's name (asks first if one exists)."""
        from khabar_editor.package import signing

        name = self._name_source().strip()
        if not name:
            self.message.setText(_("Type your name first: the key carries it."))
            return
        if self._settings.signing_key_file and Path(self._settings.signing_key_file).is_file():
            answer = QMessageBox.question(self, _("Signing keys"), _(
                "You already have a key. A new one replaces it for your next saves; the "
                "desk needs your new public key. Create a new key?"))
            if answer != QMessageBox.StandardButton.Yes:
                return
        passphrase: str | None = None
        use_keyring = signing.keyring_available()
        if not use_keyring:
            passphrase = desk_dialogs.ask_new_passphrase(self)
            if passphrase is None:
                return
        try:
            key = signing.generate_key(name)
            key_path, _pub = signing.save_key(key, my_keys_dir(), passphrase=passphrase,
                                              use_keyring=use_keyring)
        except (KhabarError, OSError) as exc:
            self._failed(_("The key could not be created: {reason}"), exc)
            return
        self._settings.signing_key_file = str(key_path)
        if self._key_created is not None:
            self._key_created(key, key_path)
        self.message.setText(_("Key created. Export your public key and give the file to "
                               "the desk."))
        self.refresh()

    def export_public_key(self) -> None:
        """Write my public key to a file the user picks."""
        from khabar_editor.package.signing import PublicKey

        source = public_key_path(self._settings.signing_key_file)
        try:
            key = PublicKey.from_text(source.read_text(encoding="utf-8"))
        except (KhabarError, OSError, ValueError, UnicodeDecodeError) as exc:
            self._failed(_("Your public key cannot be read: {reason}"), exc)
            return
        start = str(Path.home() / source.name)
        target, _f = QFileDialog.getSaveFileName(self, _("Export my public key"), start,
                                                 _("Public keys (*.pub)"))
        if not target:
            return
        try:
            atomic_write_text(target, key.to_text(), private=False)
        except OSError as exc:
            self._failed(_("The key could not be written: {reason}"), exc)
            return
        self.message.setText(_("Public key written to {path}.").format(path=target))

    def import_key(self) -> None:
        """Trust a correspondent's public key file."""
        source, _f = QFileDialog.getOpenFileName(self, _("Import a correspondent's key"),
                                                 str(Path.home()), _("Public keys (*.pub)"))
        if not source:
            return
        try:
            stored = self._store().import_key(Path(source))
        except (KhabarError, OSError, ValueError) as exc:
            self._failed(_("The key was not imported: {reason}"), exc)
            return
        self.message.setText(_("Key of {name} imported ({key_id}).").format(
            name=stored.key.name, key_id=stored.key.key_id))
        self.refresh()
        key_events().changed.emit()

    def revoke_selected(self) -> None:
        """Stop trusting the selected key (packages it signed show "unknown key")."""
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        cell = self.table.item(rows[0].row(), 1)
        if cell is None:
            return
        try:
            stored = self._store().revoke(cell.text())
        except (KhabarError, OSError) as exc:
            self._failed(_("The key was not revoked: {reason}"), exc)
            return
        self.message.setText(_("Key of {name} revoked.").format(name=stored.key.name))
        self.refresh()
        key_events().changed.emit()

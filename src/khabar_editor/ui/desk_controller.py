"""The desk's part of the main window: banner, status decisions, changes, inbox, identity.

:func:`attach` builds a :class:`DeskController` for a main window; the window
calls it on the few occasions it needs to (document loaded, state changed,
preferences closed, start-up). All decisions are made by the core
(:mod:`khabar_editor.app.workflow`, :mod:`khabar_editor.package.signing`,
:mod:`khabar_editor.article.diff`); this module asks the user and shows.
"""

from __future__ import annotations

import logging
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from khabar_editor.errors import KhabarError
from khabar_editor.i18n import N_, _
from khabar_editor.settings import save_settings
from khabar_editor.ui import desk_dialogs, dialogs
from khabar_editor.ui.desk_banner import BannerState, DeskBanner
from khabar_editor.ui.desk_labels import local_time
from khabar_editor.ui.fonts import editor_font

if TYPE_CHECKING:
    from khabar_editor.ui.inbox_window import InboxWindow
    from khabar_editor.ui.main_window import MainWindow

log = logging.getLogger(__name__)

PASSPHRASE_TRIES = 3


class ChangesDialog(QDialog):
    """The changes view in a window of its own."""

    def __init__(self, parent: QWidget | None, diff: Any, title: str,
                 font: QFont | None = None) -> None:
        from khabar_editor.ui.changes_view import ChangesView

        super().__init__(parent)
        self.setObjectName("changesDialog")
        self.setWindowTitle(_("Changes in {name}").format(name=title))
        self.view = ChangesView(self, font)
        self.view.set_changes(diff.fields, diff.body)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(1100, 680)


MSG_KEY_LOCKED = N_("Your signing key is locked: packages are saved unsigned. Edit → "
                    "Preferences → OK asks for its passphrase again.")


def _revoked(verification: Any) -> bool:
    from khabar_editor.app.inbox import signed_with_revoked_key  # lazy: start-up

    return signed_with_revoked_key(verification)


class DeskController:
    """Banner, Approve / Return / Show changes, inbox window, identity and signing key."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.banner = DeskBanner(window)
        layout = window.centralWidget().layout()
        layout.insertWidget(0, self.banner)  # above the editor and preview
        self.banner.approve_clicked.connect(self.approve)
        self.banner.return_clicked.connect(self.return_with_note)
        self.banner.changes_clicked.connect(self.show_changes)
        window.editor.textChanged.connect(self._edited)
        window.metadata.changed.connect(self._edited)
        self.inbox: InboxWindow | None = None
        self.changes_dialog: ChangesDialog | None = None
        self._received_at: datetime | None = None

    @property
    def session(self) -> Any:
        return self.window.session

    # -- window hooks -----------------------------------------------------------------
    def document_loaded(self) -> None:
        """A new document is shown: note when its file arrived, refresh the banner."""
        self._received_at = None
        path = self.session.path
        if path is not None:
            try:
                stamp = Path(path).stat().st_mtime
                self._received_at = datetime.fromtimestamp(stamp, tz=timezone.utc)
            except OSError:
                pass
        self.refresh()

    def state_changed(self) -> None:
        """Saved, dirtied or status changed: refresh the banner."""
        self.refresh()

    def startup(self) -> None:
        """First start: ask who is working (without blocking start-up); unlock the key."""
        try:
            from khabar_editor.settings import needs_identity
        except ImportError:  # core without identities
            return
        settings = self.window.settings
        if needs_identity(settings):
            desk_dialogs.open_identity(settings, self.window, self._identity_chosen)
        self.unlock_signing_key()

    def _identity_chosen(self, name: str, role: str) -> None:
        settings = self.window.settings
        settings.user_name, settings.user_role = name, role
        settings.identity_confirmed = True
        save_settings(settings)
        self.refresh()

    def settings_changed(self) -> None:
        """Preferences were applied: the role or the key may have changed."""
        key_file = self.window.settings.signing_key_file
        current = getattr(self.session, "signing_key", None)
        if not key_file:
            self.session.signing_key = None
        elif current is None or getattr(self, "_key_file", None) != key_file:
            self.unlock_signing_key()
        self.refresh()

    def key_created(self, key: Any, path: Path) -> None:
        """A key pair was just made in Preferences: sign with it from now on."""
        self.window.settings.signing_key_file = str(path)
        save_settings(self.window.settings)
        self.session.signing_key = key
        self._key_file = str(path)

    def unlock_signing_key(self) -> bool:
        """Load the user's private key (asking for its passphrase if needed)."""
        from khabar_editor.package import signing

        key_file = getattr(self.window.settings, "signing_key_file", "")
        if not key_file:
            return False
        path = Path(key_file)
        try:
            if not signing.key_needs_passphrase(path):
                key = signing.load_signing_key(path)
            else:
                key = None
                for _try in range(PASSPHRASE_TRIES):
                    passphrase = desk_dialogs.ask_passphrase(path.stem, self.window)
                    if passphrase is None:
                        # Say it where it stays visible: saves are unsigned from now on.
                        self.window.statusBar().showMessage(_(MSG_KEY_LOCKED))
                        return False
                    try:
                        key = signing.load_signing_key(path, passphrase)
                        break
                    except signing.SigningError as exc:
                        dialogs.show_error(self.window, str(exc))
                if key is None:
                    return False
        except (KhabarError, OSError) as exc:
            reason = str(exc) if isinstance(exc, KhabarError) else exc.strerror or str(exc)
            dialogs.show_error(self.window, _(
                "Your signing key cannot be used; packages are saved unsigned: {reason}")
                .format(reason=reason))
            return False
        self.session.signing_key = key
        self._key_file = key_file
        return True

    # -- banner -----------------------------------------------------------------------
    def banner_state(self) -> BannerState | None:
        """What the banner shows for the open document (``None``: no banner)."""
        from khabar_editor.app import workflow

        session = self.session
        package = session.package
        if session.path is None or package.arrived is None:
            return None
        received = session.is_received
        note = workflow.latest_note(package)
        status = str(getattr(package.article.status, "value", package.article.status))
        if not received and note is None and status in ("draft", "submitted"):
            return None  # the user's own story, nothing from the desk yet
        verification = session.verification()
        author = package.author
        sender = (author.name if author is not None and author.name
                  else package.article.byline.name)
        problems: tuple[str, ...] = ()
        if verification is not None and not verification.ok:
            problems = tuple(str(getattr(p, "message", p)) for p in verification.problems[:3])
        role = str(getattr(session.identity.role, "value", session.identity.role))
        return BannerState(
            sender=sender,
            received=local_time(self._received_at),
            status=status,
            integrity=str(getattr(verification.integrity, "value", ""))
            if verification else "",
            signature=str(getattr(verification.signature, "value", ""))
            if verification else "",
            signer=verification.signer if verification else None,
            note=note.note if note is not None else "",
            note_by=note.by if note is not None else "",
            note_when=local_time(note.when) if note is not None else "",
            desk=received and role == "desk",
            has_original=package.original_bytes is not None,
            problems=problems,
            revoked=verification is not None and _revoked(verification),
        )

    def refresh(self) -> None:
        """Recompute and show the banner (never lets an error reach the window)."""
        try:
            state = self.banner_state()
        except (KhabarError, OSError, AttributeError, ValueError, ImportError) as exc:
            log.warning("Banner not shown: %s", exc)
            state = None
        self.banner.show_state(state)

    def _edited(self) -> None:
        window = self.window
        if window._loading or getattr(window.highlighter, "repainting", False):
            return
        session = self.session
        if session.path is not None and getattr(session, "is_received", False) \
                and session.package.article.status in ("submitted",):
            if session.start_desk_edit():
                self.refresh()

    # -- desk decisions ---------------------------------------------------------------
    def approve(self) -> bool:
        """Mark the story approved and save it."""
        return self._decide("approved", None)

    def return_with_note(self) -> bool:
        """Ask for a note, mark the story returned and save it."""
        note = desk_dialogs.ask_return_note(self.window)
        if note is None:
            return False
        return self._decide("returned", note)

    def _decide(self, status: str, note: str | None) -> bool:
        self.window.flush_edits()
        if not self.session.set_status(status, note):
            return False
        self.window.metadata.show_status(self.session.article.status)
        saved = self.session.save()
        self.refresh()
        return bool(saved)

    def show_changes(self) -> ChangesDialog | None:
        """The desk's edits against the correspondent's original, in a window."""
        from khabar_editor.app import workflow
        from khabar_editor.article.diff import package_diff

        self.window.flush_edits()
        package = self.session.package
        if package.original_bytes is None:
            workflow.keep_original(package, self.session.identity)
        try:
            diff = package_diff(package)
        except KhabarError as exc:
            dialogs.show_error(self.window, str(exc))
            return None
        if diff is None:
            dialogs.show_error(self.window, _("This package has no original to compare with: "
                                              "it was not received from someone else."))
            return None
        settings = self.window.settings
        self.changes_dialog = ChangesDialog(self.window, diff, self.session.display_name,
                                            editor_font(settings.font_family,
                                                        max(settings.font_size - 1, 9)))
        self.changes_dialog.show()
        return self.changes_dialog

    # -- inbox ------------------------------------------------------------------------
    def show_inbox(self) -> InboxWindow:
        """Show the inbox window (one per main window), asking for a folder the first time."""
        from khabar_editor.ui.inbox_window import InboxWindow

        if self.inbox is None:
            self.inbox = InboxWindow(self.window, taxonomy=self.window.taxonomy)
            self.inbox.open_requested.connect(self.open_from_inbox)
        self.inbox.show()
        self.inbox.raise_()
        self.inbox.activateWindow()
        if self.inbox.folder is None:
            self.inbox.choose_folder()
        return self.inbox

    def open_from_inbox(self, path: str) -> None:
        """Open a package double-clicked in the inbox."""
        if self.session.open(path):
            self.window.raise_()
            self.window.activateWindow()


def attach(window: MainWindow) -> DeskController:
    """Create the desk controller for ``window``."""
    return DeskController(window)

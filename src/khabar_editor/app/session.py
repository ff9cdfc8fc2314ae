"""The document session: one open article, its file, dirty state and autosave.

Qt-free presenter (after Mu's ``Editor(view)``): it never shows a dialog
itself but asks the window through the :class:`SessionView` protocol, so the
whole open/save/close/recover flow is tested with a fake view and no display.
"""

from __future__ import annotations

import copy
import logging
import threading
from dataclasses import dataclass
from datetime import date
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from khabar_editor.app.photos import media_name, prepare_photo
from khabar_editor.app import workflow
from khabar_editor.app.recovery import RecoveryInfo, RecoveryStore
from khabar_editor.article.model import Article, Byline, Dateline, Media
from khabar_editor.errors import KhabarError
from khabar_editor.i18n import _
from khabar_editor.settings import Settings, State, save_state

if TYPE_CHECKING:
    from khabar_editor.article.model import Status
    from khabar_editor.package import Package
    from khabar_editor.package.signing import SigningKey, Verification

log = logging.getLogger(__name__)

PACKAGE_SUFFIX = ".khabar"
IMPORT_SUFFIXES = (".md", ".markdown", ".txt")
MAX_PHOTO_FILE_BYTES = 60 * 1024 * 1024


class SaveChoice(str, Enum):
    """Answer to "save changes?"."""

    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


class RestoreChoice(str, Enum):
    """Answer to "restore the text from the last session?"."""

    RESTORE = "restore"
    DISCARD = "discard"
    LATER = "later"


class SessionView(Protocol):
    """What the session needs from a window (or a test double)."""

    def ask_save_changes(self, name: str) -> SaveChoice: ...
    def ask_save_path(self, suggested_name: str) -> Path | None: ...
    def ask_restore(self, info: RecoveryInfo) -> RestoreChoice: ...
    def show_error(self, message: str) -> None: ...
    def document_loaded(self) -> None: ...
    def state_changed(self) -> None: ...
    def flush_edits(self) -> None: ...


@dataclass
class _Doc:
    package: Package
    path: Path | None = None
    dirty: bool = False


def _new_package(article: Article | None = None) -> Package:
    from khabar_editor.package import new_package

    return new_package(article)


class DocumentSession:
    """Owns the open document, its path, dirty flag, autosave and recent files."""

    def __init__(self, view: SessionView, settings: Settings, state: State,
                 recovery: RecoveryStore | None = None) -> None:
        self.view = view
        self.settings = settings
        self.state = state
        self.recovery = recovery or RecoveryStore()
        self.session_id = self.recovery.new_session_id()
        self.revision = 0  # bumped on every change; tags preview renders
        self._autosaved_revision = 0
        self._autosave_thread: threading.Thread | None = None
        self._doc = _Doc(_new_package(self._fresh_article()))
        self.signing_key: SigningKey | None = None  # set by the window once unlocked

    # -- properties -------------------------------------------------------------------
    @property
    def package(self) -> Package:
        return self._doc.package

    @property
    def article(self) -> Article:
        return self._doc.package.article

    @property
    def path(self) -> Path | None:
        return self._doc.path

    @property
    def dirty(self) -> bool:
        return self._doc.dirty

    @property
    def display_name(self) -> str:
        """File name for the title bar, or a placeholder for a new article."""
        return self.path.name if self.path else _("Untitled article")

    @property
    def identity(self) -> workflow.Identity:
        """Who is working (Preferences), never the byline."""
        return workflow.identity_from_settings(self.settings)

    @property
    def is_received(self) -> bool:
        """The open package came from someone else (the desk is working on it)."""
        return workflow.is_received(self.package, self.identity)

    def start_desk_edit(self) -> bool:
        """On the first edit of a received, submitted story: move it to in-edit."""
        if workflow.begin_desk_edit(self.package, self.identity):
            self.mark_changed()
            return True
        return False

    def set_status(self, to_status: Status | str, note: str | None = None) -> bool:
        """Change the workflow status (logged with the note); errors go to the view."""
        try:
            workflow.transition(self.package, to_status, actor=self.identity, note=note)
        except KhabarError as exc:
            self.view.show_error(str(exc))
            return False
        self.mark_changed()
        return True

    def verification(self) -> Verification | None:
        """Integrity and signatures of the open package as last read or saved."""
        if self.package.arrived is None:
            return None
        from khabar_editor.package.signing import KeyStore, verify_loaded

        return verify_loaded(self.package, KeyStore(), str(self.path or ""))

    def _fresh_article(self) -> Article:
        # A new story is dated today (the writer changes it for a story filed later).
        return Article(byline=Byline(self.state.byline_name, self.state.byline_role),
                       dateline=Dateline(date=date.today()))

    # -- changes ----------------------------------------------------------------------
    def mark_changed(self) -> None:
        """Record that the article was edited (the window calls this on every edit)."""
        self.revision += 1
        if not self._doc.dirty:
            self._doc.dirty = True
            self.view.state_changed()

    def _set_document(self, package: Package, path: Path | None, dirty: bool) -> None:
        self.recovery.remove(self.session_id)
        self.session_id = self.recovery.new_session_id()
        self._doc = _Doc(package, path, dirty)
        self.revision += 1
        self._autosaved_revision = self.revision if not dirty else 0
        self.view.document_loaded()
        self.view.state_changed()

    # -- new / open -------------------------------------------------------------------
    def maybe_save(self) -> bool:
        """Ask about unsaved changes; ``True`` means it is fine to go on."""
        if not self.dirty:
            return True
        choice = self.view.ask_save_changes(self.display_name)
        if choice is SaveChoice.SAVE:
            return self.save()
        return choice is SaveChoice.DISCARD

    def new(self) -> bool:
        """Start a new, empty article (after asking about unsaved changes)."""
        if not self.maybe_save():
            return False
        self._set_document(_new_package(self._fresh_article()), None, False)
        return True

    def open(self, path: str | Path) -> bool:
        """Open a ``.khabar`` package, or import ``.md``/``.txt`` as a new article.

        The file is read first: an unreadable one is reported (naming the file)
        without asking about the open document's changes, and changes nothing.
        """
        path = Path(path)
        try:
            if path.suffix.lower() in IMPORT_SUFFIXES:
                from khabar_editor.package import load_article_file

                package, own_path = _new_package(load_article_file(path)), None
            else:
                from khabar_editor.package import read_package

                package, own_path = read_package(path), path
        except (KhabarError, OSError) as exc:
            if not path.exists() and self.state.forget_recent(path.resolve()):
                save_state(self.state)  # moved or deleted: no longer offered
                self.view.state_changed()
            reason = str(exc) if isinstance(exc, KhabarError) else exc.strerror or str(exc)
            self.view.show_error(_("Could not open {name}: {reason}").format(
                name=path.name, reason=reason))
            return False
        if not self.maybe_save():
            return False
        if own_path is not None:
            self._remember(own_path)
        self._set_document(package, own_path, own_path is None)
        return True

    def load_package(self, package: Package, path: Path | None = None, dirty: bool = True) -> None:
        """Show an already built package (the sample article, a restored one)."""
        self._set_document(package, path, dirty)

    # -- save -------------------------------------------------------------------------
    def save(self) -> bool:
        """Save to the current file, or ask for one."""
        if self.path is None:
            return self.save_as()
        return self._write(self.path)

    def save_as(self) -> bool:
        """Ask for a file name and save there."""
        suggested = (self.article.slug or "khabar") + PACKAGE_SUFFIX
        target = self.view.ask_save_path(suggested)
        if target is None:
            return False
        target = Path(target)
        if target.suffix.lower() != PACKAGE_SUFFIX:
            target = target.with_name(target.name + PACKAGE_SUFFIX)
        return self._write(target)

    def _write(self, target: Path) -> bool:
        from khabar_editor.package import write_package

        self.view.flush_edits()
        identity = self.identity
        received = self.is_received
        if received:
            workflow.begin_desk_edit(self.package, identity)
            workflow.keep_original(self.package, identity)
        self.article.touch()
        try:
            write_package(target, self.package, who=identity.who, who_id=identity.id,
                          action="save", keep_original=received, signer=self.signing_key)
        except KhabarError as exc:
            self.view.show_error(str(exc))
            return False
        except OSError as exc:
            self.view.show_error(_("Could not save {name}: {reason}").format(
                name=target.name, reason=exc.strerror or str(exc)))
            return False
        self._doc.path = target
        self._doc.dirty = False
        self.recovery.remove(self.session_id)
        self._autosaved_revision = self.revision
        self._remember(target)
        if not received:  # a desk edit never becomes the desk's own byline default
            self.state.byline_name = self.article.byline.name
            self.state.byline_role = self.article.byline.role
        save_state(self.state)
        self.view.state_changed()
        return True

    def _remember(self, path: Path) -> None:
        self.state.add_recent(path)
        save_state(self.state)

    # -- close ------------------------------------------------------------------------
    def close(self) -> bool:
        """Ask about unsaved changes; on yes, remove the recovery entry."""
        if not self.maybe_save():
            return False
        self.recovery.remove(self.session_id)
        return True

    # -- autosave and recovery --------------------------------------------------------
    def autosave(self, background: bool = False) -> bool:
        """Write the working state to the recovery area if it changed since last time.

        ``background``: only capture the state here (a copy of the article, cheap)
        and serialise and write it on a worker thread, so a long article never
        stalls the window; one autosave at a time (``False`` while one runs: the
        next tick tries again). ``True`` means a write was done or started.
        """
        if not self.dirty or self._autosaved_revision == self.revision:
            return False
        if background and self.autosave_running():
            return False
        self.wait_for_autosave()  # never two writes at once
        self.view.flush_edits()
        revision = self.revision
        args = (self.session_id, copy.deepcopy(self.article),
                str(self.path) if self.path else "", dict(self.package.media),
                list(self.package.wordlist))
        if not background:
            try:
                self.recovery.write(*args)
            except (OSError, KhabarError) as exc:
                log.warning("Autosave failed: %s", exc)
                return False
            self._autosaved_revision = revision
            return True
        epoch = self.recovery.epoch(self.session_id)
        self._autosaved_revision = revision  # optimistic; a failed write resets it
        thread = threading.Thread(target=self._autosave_worker, args=(revision, args, epoch),
                                  name="khabar-autosave", daemon=True)
        self._autosave_thread = thread
        thread.start()
        return True

    def _autosave_worker(self, revision: int, args: tuple, epoch: int) -> None:
        try:
            self.recovery.write(*args, epoch=epoch)
        except Exception as exc:  # noqa: BLE001 - a worker must not die silently
            log.warning("Autosave failed: %s", exc)
            if self._autosaved_revision == revision:
                self._autosaved_revision = 0  # try again on the next tick

    def autosave_running(self) -> bool:
        """Whether a background autosave is still being written."""
        thread = self._autosave_thread
        return thread is not None and thread.is_alive()

    def wait_for_autosave(self, timeout: float | None = None) -> bool:
        """Block until a background autosave finished; ``False`` on timeout."""
        thread = self._autosave_thread
        if thread is not None:
            thread.join(timeout)
            return not thread.is_alive()
        return True

    def offer_recovery(self) -> bool:
        """Offer each entry a crashed session left; ``True`` if one was restored."""
        for info in self.recovery.orphans():
            choice = self.view.ask_restore(info)
            if choice is RestoreChoice.LATER:
                continue
            if choice is RestoreChoice.DISCARD:
                self.recovery.discard(info)
                continue
            if self._restore(info):
                return True
        return False

    def _restore(self, info: RecoveryInfo) -> bool:
        try:
            article = info.article()
        except KhabarError as exc:
            self.view.show_error(str(exc))
            return False
        package = _new_package(article)
        package.media.update(info.media())
        package.wordlist = list(info.wordlist)
        original = Path(info.original_path) if info.original_path else None
        if original is not None and original.is_file():
            # Keep the history and the correspondent's original of the user's own file.
            try:
                from khabar_editor.package import read_package

                old = read_package(original)
                package.revisions, package.original = old.revisions, old.original
                package.original_bytes, package.arrived = old.original_bytes, old.arrived
                package.author, package.status_note = old.author, old.status_note
                package.signatures = old.signatures
                package.loaded_markdown = old.loaded_markdown
                package.wordlist = list(dict.fromkeys([*old.wordlist, *info.wordlist]))
                package.media = {**old.media, **package.media}
            except KhabarError as exc:
                log.warning("Could not read %s while restoring: %s", original, exc)
        # Opens as modified and tied to its original path: the user decides to save.
        self._set_document(package, original, True)
        self.recovery.discard(info)
        self.autosave()
        return True

    # -- photos -----------------------------------------------------------------------
    def insert_photo(self, source: str | Path, caption: str = "", credit: str = "",
                     alt: str = "") -> Media | None:
        """Copy a photo into the package (shrunk, metadata stripped) and list it."""
        source = Path(source)
        try:
            if source.stat().st_size > MAX_PHOTO_FILE_BYTES:
                raise OSError(_("file too large"))
            raw = source.read_bytes()
            photo = prepare_photo(raw, max_px=self.settings.photo_max_px,
                                  quality=self.settings.photo_quality)
        except KhabarError as exc:
            self.view.show_error(str(exc))
            return None
        except OSError as exc:
            self.view.show_error(_("Could not open {name}: {reason}").format(
                name=source.name, reason=exc.strerror or str(exc)))
            return None
        key = media_name(source, photo.extension, set(self.package.media))
        self.package.media[key] = photo.data
        media = Media(file=key, caption=caption, credit=credit, alt=alt)
        self.article.media.append(media)
        self.mark_changed()
        return media

    def remove_photo(self, index: int) -> None:
        """Remove the photo at ``index`` from the article and the package."""
        media = self.article.media.pop(index)
        if all(m.file != media.file for m in self.article.media):
            self.package.media.pop(media.file, None)
        self.mark_changed()


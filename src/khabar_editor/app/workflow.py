"""Who is working, the correspondent's original and the status workflow (Qt-free).

The desk's half of the product: a received story is one read from disk whose
author is someone else; the first save by anyone other than the author keeps
the bytes that arrived as ``original/article.md``; status changes are checked
against :data:`TRANSITIONS` and each one goes into the revision log with who,
when, from, to and the note sent with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING

from khabar_editor import __version__
from khabar_editor.article.model import Status, now_utc
from khabar_editor.errors import KhabarError
from khabar_editor.i18n import N_
from khabar_editor.package.model import (
    UNKNOWN_USER, Revision, StatusNote, clean_text, is_other_than_author,
)
from khabar_editor.textkit.words import count_words

if TYPE_CHECKING:
    from khabar_editor.package.model import Package
    from khabar_editor.settings import Settings

__all__ = [
    "TRANSITIONS", "UNKNOWN_USER", "Identity", "Role", "WorkflowError", "allowed",
    "begin_desk_edit", "identity_from_settings", "is_author", "is_received", "keep_original",
    "latest_note", "transition",
]

NOTE_MAX_CHARS = 4000


class Role(str, Enum):
    """What the user does: writes stories, or edits received ones."""

    CORRESPONDENT = "correspondent"
    DESK = "desk"


@dataclass(frozen=True)
class Identity:
    """The person working: name ("" when not set), role and installation id."""

    name: str
    role: Role
    id: str = ""

    @property
    def who(self) -> str:
        """What the revision log records: the name, or :data:`UNKNOWN_USER`."""
        return self.name or UNKNOWN_USER


def identity_from_settings(settings: Settings) -> Identity:
    """The user as set in Preferences (never the byline)."""
    role = Role.DESK if settings.user_role == Role.DESK.value else Role.CORRESPONDENT
    return Identity(clean_text(settings.user_name).strip(), role, settings.user_id)


def is_author(package: Package, identity: Identity) -> bool:
    """Whether ``identity`` created ``package``.

    A never-saved package is the user's own. Otherwise the manifest's author
    decides: same installation id, or (when an id is missing) the same name;
    a correspondent with the same name on another installation is still the
    author. When the author is unknown (old packages), a desk user treats the
    story as received and a correspondent as their own.
    """
    if package.arrived is None and package.loaded_markdown is None:
        return True
    author = package.author
    other = is_other_than_author(author, identity.who, identity.id)
    if other is True and author is not None and identity.role is Role.CORRESPONDENT \
            and identity.name and author.name == identity.name:
        return True
    if other is None:
        return identity.role is not Role.DESK
    return not other


def is_received(package: Package, identity: Identity) -> bool:
    """A package read from disk whose author is someone else than ``identity``."""
    return (package.arrived is not None or package.loaded_markdown is not None) \
        and not is_author(package, identity)


def keep_original(package: Package, identity: Identity) -> bool:
    """Keep the arrived bytes as the original if ``identity`` is not the author.

    Never replaces an original already there. Returns whether the package
    now carries an original.
    """
    if package.original_bytes is None and package.original is None \
            and is_received(package, identity):
        arrived = package.arrived
        if arrived is None and package.loaded_markdown is not None:
            arrived = package.loaded_markdown.encode("utf-8")
        package.original_bytes = arrived
        if arrived is not None:
            package.original = clean_text(arrived.decode("utf-8"))
    return package.original_bytes is not None or package.original is not None


TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.DRAFT: frozenset({Status.SUBMITTED}),
    Status.SUBMITTED: frozenset({Status.IN_EDIT, Status.APPROVED, Status.RETURNED, Status.DRAFT}),
    Status.IN_EDIT: frozenset({Status.APPROVED, Status.RETURNED}),
    Status.RETURNED: frozenset({Status.DRAFT, Status.SUBMITTED, Status.IN_EDIT}),
    Status.APPROVED: frozenset({Status.IN_EDIT}),
}
"""Which status may follow which (see ``docs/desk.md``)."""


class WorkflowError(KhabarError):
    """A status change that the workflow does not allow."""

    code = "workflow"


def allowed(from_status: Status | str) -> frozenset[Status]:
    """The statuses that may follow ``from_status``."""
    try:
        return TRANSITIONS[Status(from_status)]
    except ValueError:
        return frozenset()


def _status(value: Status | str) -> Status:
    try:
        return Status(value)
    except ValueError:
        raise WorkflowError(N_("'{status}' is not a status (draft, submitted, in-edit, "
                               "approved, returned)."), code="workflow.unknown_status",
                            status=str(value)[:40]) from None


def transition(package: Package, to_status: Status | str, *, actor: Identity,
               note: str | None = None, when: datetime | None = None) -> Revision:
    """Move ``package`` to ``to_status``, logging who, when, from, to and the note.

    The note becomes the package's :class:`StatusNote` (shown to the
    correspondent when they open it); a change without a note clears it.
    Nothing is written to disk: the next save stores the change.

    Raises:
        WorkflowError: ``workflow.illegal`` for a change :data:`TRANSITIONS`
            does not allow, ``workflow.note_required`` for "returned" without a
            note, ``workflow.unknown_status``. The package is left unchanged.
    """
    target = _status(to_status)
    current = _status(package.article.status)
    if target not in TRANSITIONS[current]:
        raise WorkflowError(N_("A story cannot go from '{before}' to '{after}'."),
                            code="workflow.illegal", before=current.value, after=target.value)
    text = clean_text(note or "").strip()[:NOTE_MAX_CHARS]
    if target is Status.RETURNED and not text:
        raise WorkflowError(N_("Say why the story is returned: a note is required."),
                            code="workflow.note_required")
    moment = when or now_utc()
    revision = Revision(who=actor.who, when=moment, words=count_words(package.article.body),
                        action="status", app_version=__version__, who_id=actor.id,
                        from_status=current.value, to_status=target.value, note=text)
    package.article.status = target
    package.status_note = StatusNote(target.value, text, actor.who, moment) if text else None
    package.revisions.append(revision)
    return revision


def begin_desk_edit(package: Package, identity: Identity) -> bool:
    """A received, submitted story moves to in-edit when the desk starts on it."""
    if package.article.status is Status.SUBMITTED and is_received(package, identity):
        transition(package, Status.IN_EDIT, actor=identity)
        return True
    return False


def latest_note(package: Package) -> StatusNote | None:
    """The note sent with the latest status change, if it had one."""
    return package.status_note

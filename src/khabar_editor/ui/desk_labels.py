"""Words for the desk's states (status, integrity, signature) and inbox cells.

One place for the labels the banner and the inbox share, so a state reads the
same everywhere, in Hindi and in English. Entries are the core's
:class:`khabar_editor.app.inbox.InboxEntry`; nothing here reads a file.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from khabar_editor.i18n import N_, _

STATUSES = ("draft", "submitted", "in-edit", "approved", "returned")
INTEGRITIES = ("intact", "changed", "corrupt", "unsafe")
SIGNATURES = ("valid", "broken", "unknown-key", "unsigned")

_STATUS = {"draft": N_("Draft"), "submitted": N_("Submitted"), "in-edit": N_("In edit"),
           "approved": N_("Approved"), "returned": N_("Returned")}
_INTEGRITY = {"intact": N_("Intact"), "changed": N_("Changed after signing"),
              "corrupt": N_("Corrupt"), "unsafe": N_("Unsafe")}
_SIGNATURE = {"broken": N_("Signature broken"), "unknown-key": N_("Unknown key"),
              "unsigned": N_("Unsigned")}
REVOKED_KEY = N_("Signed with a revoked key")
SIGNED_BY = N_("Signed by {name}, unchanged")
SIGNED_THEN_EDITED = N_("Signed by {name}, edited since")


def _code(value: Any) -> str:
    """The string code of an enum member or a plain string."""
    return str(getattr(value, "value", value) or "")


def status_text(code: Any) -> str:
    """``"returned"`` -> "Returned" (translated); unknown codes as they are."""
    code = _code(code)
    return _(_STATUS[code]) if code in _STATUS else code


def integrity_text(code: Any) -> str:
    """``"intact"`` -> "Intact" (translated)."""
    code = _code(code)
    return _(_INTEGRITY[code]) if code in _INTEGRITY else code


def signature_text(code: Any, signer: str | None, integrity: Any = "",
                   revoked: bool = False) -> str:
    """"Signed by NAME, unchanged", "Signature broken", "Unknown key" or "Unsigned";
    a valid signature over an original the desk has since edited says so, and a
    "broken" one whose key was revoked says that instead of "broken"."""
    code = _code(code)
    if code == "broken" and revoked:
        return _(REVOKED_KEY)
    if code == "valid":
        edited = _code(integrity) == "changed"
        return _(SIGNED_THEN_EDITED if edited else SIGNED_BY).format(name=signer or "?")
    return _(_SIGNATURE[code]) if code in _SIGNATURE else code


def local_time(moment: datetime | None) -> str:
    """An aware time as local "YYYY-MM-DD HH:MM" ("" for none)."""
    if moment is None:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


# -- inbox entries ---------------------------------------------------------------------
def path_key(entry: Any) -> str:
    """The entry's file path as a string (the row's identity)."""
    return str(entry.path)


def status(entry: Any) -> str:
    return _code(entry.status)


def integrity(entry: Any) -> str:
    return _code(entry.integrity)


def signature(entry: Any) -> str:
    return _code(entry.signature)


def readable(entry: Any) -> bool:
    """Whether the package can be opened (it parsed: it has a status)."""
    return bool(_code(entry.status)) and integrity(entry) not in ("corrupt", "unsafe")


def reason(entry: Any) -> str:
    """Why a package is not fine ("" when it is)."""
    return str(entry.problem or "")


def cell_text(entry: Any, key: str) -> str:
    """What the inbox shows in column ``key``."""
    if key == "headline":
        if not _code(entry.status):  # unreadable: the file and why
            name = entry.path.name
            return f"{name} — {reason(entry)}" if reason(entry) else name
        return entry.headline or entry.path.name
    if key in ("byline", "place", "category"):
        return str(getattr(entry, key) or "")
    if key == "words":
        return str(entry.words) if readable(entry) else ""
    if key == "received":
        return local_time(entry.received)
    if key == "status":
        return status_text(entry.status)
    if key == "integrity":
        return integrity_text(entry.integrity)
    if key == "signature":
        return signature_text(entry.signature, entry.signer, entry.integrity,
                              bool(getattr(entry, "revoked", False)))
    return ""


def sort_value(entry: Any, key: str) -> Any:
    """A value that sorts the column naturally (numbers as numbers, times as times)."""
    if key == "words":
        return int(entry.words or 0)
    if key == "received":
        return entry.received.timestamp() if entry.received else 0.0
    if key == "integrity":
        code = integrity(entry)
        return INTEGRITIES.index(code) if code in INTEGRITIES else len(INTEGRITIES)
    if key == "status":
        code = status(entry)
        return STATUSES.index(code) if code in STATUSES else len(STATUSES)
    from khabar_editor.app.inbox import search_key

    return search_key(cell_text(entry, key))


def row_tooltip(entry: Any) -> str:
    """The file path, and the reason when the package is not fine."""
    return f"{entry.path}\n{reason(entry)}" if reason(entry) else str(entry.path)

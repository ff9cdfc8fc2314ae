"""The destination interface, delivery errors and what a send returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Protocol

from khabar_editor.errors import KhabarError
from khabar_editor.i18n import N_

KIND_WORDPRESS = "wordpress"
KIND_WEBDAV = "webdav"
KINDS = (KIND_WORDPRESS, KIND_WEBDAV)

MSG_NETWORK = N_("Cannot reach {host}: {reason}. The package stays in the outbox and is "
                 "sent when the connection returns.")
# The common causes of MSG_NETWORK, said in the user's language instead of the
# operating system's English ("[Errno 101] Network is unreachable").
MSG_NETWORK_OFFLINE = N_("Cannot reach {host}: this computer has no network connection. "
                         "The package stays in the outbox and is sent when the connection "
                         "returns.")
MSG_NETWORK_REFUSED = N_("Cannot reach {host}: the server refused the connection (it may be "
                         "down). The package stays in the outbox and is tried again later.")
MSG_NETWORK_NO_NAME = N_("Cannot reach {host}: the name was not found (no network, or a typing "
                         "mistake in the address). The package stays in the outbox and is "
                         "tried again later.")
MSG_NETWORK_TIMEOUT = N_("Cannot reach {host}: the server did not answer in time. The package "
                         "stays in the outbox and is tried again later.")
MSG_SERVER = N_("The server {host} answered with an error ({status}). The package stays in "
                "the outbox and is tried again later.")
MSG_TLS = N_("The secure connection to {host} could not be verified: {reason}. Nothing was "
             "sent; check the address or the server's certificate.")
MSG_PLAIN_HTTP = N_("'{url}' is a plain http:// address on another computer; passwords "
                    "would travel unencrypted. Use https://.")
MSG_BAD_URL = N_("'{url}' is not an http:// or https:// address with a host name.")


class DeliveryError(KhabarError):
    """A send that did not complete.

    ``transient`` errors (network loss, timeouts, 5xx, 429) are retried by the outbox
    with backoff; the others (wrong password, missing rights, refused content) wait
    until the user sends again.
    """

    code = "delivery"

    def __init__(self, msgid: str, *, transient: bool = False, code: str | None = None,
                 **fields: Any) -> None:
        self.transient = transient
        super().__init__(msgid, code=code, **fields)


@dataclass
class Progress:
    """Where a send is, for a progress display: ``done`` of ``total`` steps."""

    done: int
    total: int
    step: str = ""


@dataclass
class SendResult:
    """What a destination reports after a complete send."""

    url: str
    problems: list[str] = field(default_factory=list)


# ``remember(remote)``: persist what the destination now holds, *before* the next step,
# so a send killed half-way resumes without creating anything twice.
Remember = Callable[[dict[str, Any]], None]
Report = Callable[[Progress], None]


def _ignore(_: Any) -> None:
    return None


@dataclass
class Job:
    """One package to send: the outbox's copy, the name the user queued it under, the
    package id, and what an earlier (possibly interrupted) send left on the destination."""

    package_path: str
    file_name: str
    package_id: str
    remote: dict[str, Any] = field(default_factory=dict)
    remember: Remember = _ignore
    report: Report = _ignore

    def keep(self, **values: Any) -> None:
        """Record ``values`` in :attr:`remote` and persist them at once."""
        self.remote.update(values)
        self.remember(dict(self.remote))


class Destination(Protocol):
    """One place packages are sent to."""

    name: str
    kind: str

    def send(self, job: Job) -> SendResult:
        """Send ``job``; create or update, never duplicate."""
        ...

"""``khabar send``, ``khabar destinations`` and ``khabar outbox``: sending packages.

``send`` queues each file in the outbox (``<data dir>/outbox``) and sends it at
once; what fails stays queued and is retried by the editor's outbox or by
``khabar outbox --retry``. Passwords come from ``KHABAR_PASSWORD``, else the OS
keyring, else a prompt; they are stored only in the keyring.
"""

from __future__ import annotations

import getpass
import sys
from datetime import datetime
from typing import TYPE_CHECKING, Any

from khabar_editor.cli.common import ExitCode, error_line, print_json
from khabar_editor.cli.options import path_option, site_url, text_value
from khabar_editor.errors import KhabarError
from khabar_editor.i18n import N_, _

if TYPE_CHECKING:
    from khabar_editor.delivery.outbox import Item

# The delivery modules (settings, outbox, keyring, httpx) are imported by the commands
# that use them, so ``khabar --help`` and the other commands do not load them.
FAILED, SENT = "failed", "sent"
"""``delivery.outbox.FAILED`` and ``SENT`` (tests/cli check that they agree)."""

MSG_PROMPT = N_("Password for {user} at {url}: ")
MSG_NO_TTY = N_("No password: set KHABAR_PASSWORD (there is no terminal to ask on).")
MSG_SAVED = N_("Destination '{name}' added; the password is in the keyring.")
MSG_ADDED_NO_PASSWORD = N_("Destination '{name}' added without a saved password.")
MSG_REMOVED = N_("Destination '{name}' removed (and its saved password).")
MSG_NONE = N_("No destinations yet. Add one: khabar destinations add NAME --wordpress URL "
              "--user USER")
MSG_SENT_LINE = N_("sent: {file} → {destination}: {url}")
MSG_FAILED_LINE = N_("not sent: {file} → {destination}: {reason}")
MSG_RETRY_AT = N_("It stays in the outbox and is tried again after {time}.")
MSG_STAYS = N_("It stays in the outbox; send it again once this is fixed.")
MSG_EMPTY_OUTBOX = N_("The outbox is empty.")
STATE_TEXT = {"queued": N_("queued"), "sending": N_("sending"), "sent": N_("sent"),
              "failed": N_("failed")}


def register(subparsers: Any) -> None:
    """Add the ``send``, ``destinations`` and ``outbox`` subcommands."""
    p = subparsers.add_parser("send", help=_(N_("send packages to a destination (WordPress, "
                                                 "WebDAV); failures stay in the outbox")))
    p.add_argument("files", type=path_option, nargs="+", metavar="FILE.khabar",
                   help=_(N_("the packages to send")))
    p.add_argument("--to", required=True, metavar="NAME", type=text_value,
                   help=_(N_("the destination's name (see khabar destinations list)")))
    p.add_argument("--json", action="store_true", help=_(N_("print JSON")))
    p.set_defaults(func=cmd_send)

    d = subparsers.add_parser("destinations", help=_(N_("add, list or remove destinations")))
    dsub = d.add_subparsers(dest="action", metavar="ACTION", required=True)
    a = dsub.add_parser("add", help=_(N_("add a destination; the password goes to the keyring")))
    a.add_argument("name", metavar="NAME", type=text_value, help=_(N_("a short name")))
    where = a.add_mutually_exclusive_group(required=True)
    where.add_argument("--wordpress", metavar="URL", type=site_url,
                       help=_(N_("a WordPress site's address (REST API, Application "
                                 "Password)")))
    where.add_argument("--webdav", metavar="URL", type=site_url,
                       help=_(N_("a WebDAV folder's address")))
    a.add_argument("--user", required=True, metavar="USER", type=text_value,
                   help=_(N_("the user name on that site")))
    a.set_defaults(func=cmd_add)
    lst = dsub.add_parser("list", help=_(N_("list the destinations")))
    lst.add_argument("--json", action="store_true", help=_(N_("print JSON")))
    lst.set_defaults(func=cmd_list)
    r = dsub.add_parser("remove", help=_(N_("remove a destination and its saved password")))
    r.add_argument("name", metavar="NAME", type=text_value, help=_(N_("the destination")))
    r.set_defaults(func=cmd_remove)

    o = subparsers.add_parser("outbox", help=_(N_("show the outbox; --retry sends what is "
                                                  "waiting")))
    o.add_argument("--retry", action="store_true",
                   help=_(N_("send every queued or failed item now")))
    o.add_argument("--json", action="store_true", help=_(N_("print JSON")))
    o.set_defaults(func=cmd_outbox)


# -- passwords -----------------------------------------------------------------------------
def _ask(user: str, url: str) -> str:
    """The password from ``KHABAR_PASSWORD``, else a prompt on the terminal."""
    from khabar_editor.delivery import secrets

    found = secrets.env_password()
    if found:
        return found
    if sys.stdin is None or not sys.stdin.isatty():
        raise _Usage(_(MSG_NO_TTY))
    return getpass.getpass(_(MSG_PROMPT).format(user=user, url=url))


class _Usage(Exception):
    """A problem with how the command was called: one line, exit code 2."""


# -- destinations ----------------------------------------------------------------------------
def cmd_add(args: Any) -> int:
    from khabar_editor.delivery import secrets
    from khabar_editor.delivery.base import KIND_WEBDAV, KIND_WORDPRESS, DeliveryError
    from khabar_editor.delivery.config import (
        MSG_EXISTS, add_destination, load_destinations, make_config,
    )

    kind, url = (KIND_WORDPRESS, args.wordpress) if args.wordpress else (KIND_WEBDAV,
                                                                          args.webdav)
    try:
        config = make_config(args.name, kind, url, args.user)
        if config.name in load_destinations():  # refused before asking for a password
            raise DeliveryError(MSG_EXISTS, code="delivery.exists", name=config.name)
        password = _ask(config.user, config.url)
    except (_Usage, KhabarError) as exc:
        error_line(str(exc))
        return ExitCode.USAGE
    stored = bool(password) and secrets.store_password(config.account, password)
    add_destination(config)
    if stored:
        print(_(MSG_SAVED).format(name=config.name))
    else:
        print(_(MSG_ADDED_NO_PASSWORD).format(name=config.name))
        error_line(_(secrets.MSG_NO_KEYRING))
    return ExitCode.OK


def cmd_list(args: Any) -> int:
    from khabar_editor.delivery import secrets
    from khabar_editor.delivery.config import load_destinations

    items = load_destinations()
    rows = [{"name": d.name, "kind": d.kind, "url": d.url, "user": d.user,
             "password_saved": secrets.saved_password(d.account) is not None}
            for d in items.values()]
    if args.json:
        print_json(rows)
    elif not rows:
        print(_(MSG_NONE))
    else:
        for row in rows:
            mark = "🔑" if row["password_saved"] else "-"
            print(f"{row['name']}\t{row['kind']}\t{row['url']}\t{row['user']}\t{mark}")
    return ExitCode.OK


def cmd_remove(args: Any) -> int:
    from khabar_editor.delivery import secrets
    from khabar_editor.delivery.config import remove_destination

    try:
        gone = remove_destination(args.name)
    except KhabarError as exc:
        error_line(str(exc))
        return ExitCode.USAGE
    secrets.forget_password(gone.account)
    print(_(MSG_REMOVED).format(name=gone.name))
    return ExitCode.OK


# -- send / outbox -------------------------------------------------------------------------
def _row(file: str, item: Item | None, destination: str, problems: list[str]) -> dict[str, Any]:
    if item is None:
        return {"file": file, "destination": destination, "state": FAILED, "url": "",
                "problems": problems}
    reasons = [item.reason()] if item.state == FAILED and item.error else []
    if item.state == FAILED:
        reasons.append(_(MSG_RETRY_AT).format(time=_when(item.retry_at)) if item.retry_at
                       else _(MSG_STAYS))
    return {"file": file, "destination": destination, "state": item.state, "url": item.url,
            "problems": reasons + list(item.problems)}


def _when(moment: float | None) -> str:
    return datetime.fromtimestamp(moment or 0).strftime("%H:%M:%S")


def _print_rows(rows: list[dict[str, Any]], as_json: bool) -> None:
    if as_json:
        print_json(rows)
        return
    for row in rows:
        if row["state"] == SENT:
            print(_(MSG_SENT_LINE).format(file=row["file"], destination=row["destination"],
                                          url=row["url"]))
            for note in row["problems"]:
                print(f"  {note}")
        else:
            error_line(_(MSG_FAILED_LINE).format(file=row["file"],
                                                 destination=row["destination"],
                                                 reason=" ".join(row["problems"])))


def cmd_send(args: Any) -> int:
    from khabar_editor.delivery import secrets
    from khabar_editor.delivery.config import get_destination
    from khabar_editor.delivery.outbox import Outbox, open_destination_factory

    try:
        config = get_destination(args.to)
        password = secrets.env_password() or secrets.saved_password(config.account)
        if not password:
            password = _ask(config.user, config.url)
            if password:
                secrets.store_password(config.account, password)
    except (_Usage, KhabarError) as exc:
        error_line(str(exc))
        return ExitCode.USAGE
    box = Outbox()
    opener = open_destination_factory(password)
    rows = []
    for file in args.files:
        shown = str(file)
        try:
            item = box.queue(file, config.name)
        except KhabarError as exc:
            rows.append(_row(shown, None, config.name, [str(exc)]))
            continue
        except OSError as exc:
            rows.append(_row(shown, None, config.name, [f"{exc.strerror or exc}: {shown}"]))
            continue
        ended = box.send(item.id, opener, force=True) or box.get(item.id)
        rows.append(_row(shown, ended, config.name, []))
    _print_rows(rows, args.json)
    return ExitCode.OK if all(r["state"] == SENT for r in rows) else ExitCode.ARTICLE_ERRORS


def cmd_outbox(args: Any) -> int:
    from khabar_editor.delivery.outbox import Outbox, open_destination_factory

    box = Outbox()
    if args.retry:
        box.send_due(open_destination_factory(), force=True)
    items = box.items()
    rows = [_row(i.file, i, i.destination, []) for i in items]
    if args.json:
        print_json(rows)
    elif not rows:
        print(_(MSG_EMPTY_OUTBOX))
    else:
        for row in rows:
            extra = row["url"] or " ".join(row["problems"])
            print(f"{_(STATE_TEXT[row['state']])}\t{row['destination']}\t{row['file']}\t{extra}")
    return ExitCode.OK if all(r["state"] == SENT for r in rows) else ExitCode.ARTICLE_ERRORS

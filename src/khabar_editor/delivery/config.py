"""Configured destinations: ``destinations.json`` in the config dir, no passwords.

Passwords live in the OS keyring (:mod:`.secrets`); this file holds only the
name, kind, address and user of each destination.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from khabar_editor.delivery.base import KINDS, DeliveryError
from khabar_editor.fsutil import atomic_write_text
from khabar_editor.i18n import N_
from khabar_editor.settings import config_dir
from khabar_editor.textkit.unicode_checks import has_control_chars

FILE_NAME = "destinations.json"
VERSION = 1
_NAME = re.compile(r"^[^/\\]{1,60}$")  # and no control character (has_control_chars)

MSG_BAD_NAME = N_("'{name}' cannot be a destination name: use 1 to 60 characters without "
                  "slashes or control characters.")
MSG_UNKNOWN = N_("There is no destination called '{name}'. Add it first: khabar destinations "
                 "add {name} --wordpress URL --user USER")
MSG_EXISTS = N_("A destination called '{name}' exists already; remove it first.")
MSG_NO_USER = N_("The user name for '{name}' is empty.")
MSG_UNREADABLE = N_("The destinations file {path} cannot be read ({reason}); fix or remove it.")


@dataclass(frozen=True)
class DestinationConfig:
    """Where and as whom to send: ``kind`` is ``wordpress`` or ``webdav``."""

    name: str
    kind: str
    url: str
    user: str

    @property
    def account(self) -> str:
        """The keyring user name of this destination's password."""
        return f"{self.user}@{self.url}"


def make_config(name: str, kind: str, url: str, user: str) -> DestinationConfig:
    """A checked :class:`DestinationConfig` or a :class:`DeliveryError` saying what is wrong."""
    from khabar_editor.delivery.http import check_url  # httpx: only when a config is made

    name = name.strip()
    if not _NAME.match(name) or has_control_chars(name):
        raise DeliveryError(MSG_BAD_NAME, code="delivery.bad_name", name=name)
    if kind not in KINDS:  # pragma: no cover - the CLI and GUI offer only these
        raise ValueError(kind)
    user = user.strip()
    if not user or has_control_chars(user):
        raise DeliveryError(MSG_NO_USER, code="delivery.no_user", name=name)
    return DestinationConfig(name, kind, check_url(url), user)


def _path(directory: Path | None) -> Path:
    return (directory or config_dir()) / FILE_NAME


def load_destinations(directory: Path | None = None) -> dict[str, DestinationConfig]:
    """The configured destinations by name (none when the file does not exist)."""
    path = _path(directory)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        items = data["destinations"]
        return {d["name"]: DestinationConfig(d["name"], d["kind"], d["url"], d["user"])
                for d in items if d.get("kind") in KINDS}
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise DeliveryError(MSG_UNREADABLE, code="delivery.config", path=str(path),
                            reason=type(exc).__name__) from None


def save_destinations(items: dict[str, DestinationConfig], directory: Path | None = None
                      ) -> None:
    """Write all destinations atomically."""
    data: dict[str, Any] = {"version": VERSION,
                            "destinations": [asdict(d) for d in items.values()]}
    atomic_write_text(_path(directory), json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def get_destination(name: str, directory: Path | None = None) -> DestinationConfig:
    """The destination called ``name`` or a :class:`DeliveryError`."""
    found = load_destinations(directory).get(name)
    if found is None:
        raise DeliveryError(MSG_UNKNOWN, code="delivery.unknown", name=name)
    return found


def add_destination(config: DestinationConfig, directory: Path | None = None) -> None:
    """Add ``config``; a name that exists already is refused and nothing changes."""
    items = load_destinations(directory)
    if config.name in items:
        raise DeliveryError(MSG_EXISTS, code="delivery.exists", name=config.name)
    items[config.name] = config
    save_destinations(items, directory)


def remove_destination(name: str, directory: Path | None = None) -> DestinationConfig:
    """Remove and return the destination called ``name``."""
    items = load_destinations(directory)
    if name not in items:
        raise DeliveryError(MSG_UNKNOWN, code="delivery.unknown", name=name)
    gone = items.pop(name)
    save_destinations(items, directory)
    return gone

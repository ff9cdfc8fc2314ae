"""Destination passwords in the OS keyring, never in a plain file.

Where no usable keyring backend exists (a server without a Secret Service, a
container) nothing is stored: the password must come from ``KHABAR_PASSWORD``
(or a prompt) each time.
"""

from __future__ import annotations

import logging
import os

from khabar_editor.delivery.base import DeliveryError
from khabar_editor.i18n import N_

log = logging.getLogger(__name__)

SERVICE = "khabar-editor"
ENV_PASSWORD = "KHABAR_PASSWORD"
MSG_NO_KEYRING = N_("No password store (keyring) is available on this computer, so the "
                    "password was not saved. Give it in the KHABAR_PASSWORD environment "
                    "variable each time you send.")
MSG_NO_PASSWORD = N_("No password for '{name}': none is saved in the keyring and "
                     "KHABAR_PASSWORD is not set.")
MSG_KEYRING_FAILED = N_("The password store (keyring) refused the request: {reason}")


def keyring_usable() -> bool:
    """True when a real keyring backend (not the fail/null placeholder) is active."""
    try:
        import keyring
        backend = keyring.get_keyring()
    except Exception:  # noqa: BLE001 - a broken keyring install is "no keyring"
        return False
    module = type(backend).__module__
    if module.endswith((".fail", ".null")):
        return False
    if type(backend).__name__ == "ChainerBackend" and not getattr(backend, "backends", None):
        return False
    return float(getattr(backend, "priority", 0) or 0) > 0


def store_password(account: str, password: str) -> bool:
    """Save ``password`` for ``account``; False (nothing stored) without a keyring."""
    if not keyring_usable():
        return False
    import keyring
    from keyring.errors import KeyringError
    try:
        keyring.set_password(SERVICE, account, password)
    except KeyringError as exc:
        raise DeliveryError(MSG_KEYRING_FAILED, code="delivery.keyring",
                            reason=str(exc) or type(exc).__name__) from None
    return True


def saved_password(account: str) -> str | None:
    """The keyring's password for ``account``, or None."""
    if not keyring_usable():
        return None
    import keyring
    from keyring.errors import KeyringError
    try:
        return keyring.get_password(SERVICE, account)
    except KeyringError as exc:
        log.warning("keyring read failed: %s", exc)
        return None


def forget_password(account: str) -> None:
    """Remove the saved password of ``account`` (nothing when there is none)."""
    if not keyring_usable():
        return
    import keyring
    from keyring.errors import KeyringError, PasswordDeleteError
    try:
        keyring.delete_password(SERVICE, account)
    except (PasswordDeleteError, KeyringError):
        pass


def env_password() -> str | None:
    """``KHABAR_PASSWORD`` when set and not empty."""
    value = os.environ.get(ENV_PASSWORD)
    return value if value else None


def password_for(name: str, account: str) -> str:
    """The password to send with: ``KHABAR_PASSWORD``, else the keyring's."""
    found = env_password() or saved_password(account)
    if not found:
        raise DeliveryError(MSG_NO_PASSWORD, code="delivery.no_password", name=name)
    return found

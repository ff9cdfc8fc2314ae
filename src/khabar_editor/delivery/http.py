"""HTTP for the destinations: one :mod:`httpx` client per send, TLS always verified.

httpx rather than requests: explicit timeouts on every phase by default, custom
methods (WebDAV ``MOVE``) without adapters, and one exception tree that separates
"cannot connect" from "the server answered" — what the outbox needs to decide
between retrying and asking the user.
"""

from __future__ import annotations

import errno
import ipaddress
import socket
import ssl
from typing import Any
from urllib.parse import urlsplit

import httpx

from khabar_editor import __version__
from khabar_editor.delivery.base import (
    MSG_BAD_URL, MSG_NETWORK, MSG_NETWORK_NO_NAME, MSG_NETWORK_OFFLINE, MSG_NETWORK_REFUSED,
    MSG_NETWORK_TIMEOUT, MSG_PLAIN_HTTP, MSG_SERVER, MSG_TLS, DeliveryError,
)

TIMEOUT = httpx.Timeout(60.0, connect=15.0)
USER_AGENT = f"KhabarEditor/{__version__}"


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and loopback addresses (this computer)."""
    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_url(url: str) -> str:
    """``url`` without a trailing slash, or a :class:`DeliveryError`: it must be http(s)
    with a host, and plain http only to this computer (passwords travel with it)."""
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname or ""
    except ValueError:
        host, parts = "", None
    if parts is None or parts.scheme not in ("http", "https") or not host \
            or any(c.isspace() for c in url.strip()):
        raise DeliveryError(MSG_BAD_URL, code="delivery.bad_url", url=url)
    if parts.scheme == "http" and not is_loopback(host):
        raise DeliveryError(MSG_PLAIN_HTTP, code="delivery.plain_http", url=url)
    return url.strip().rstrip("/")


def client(user: str, password: str, **kwargs: Any) -> httpx.Client:
    """A client with basic auth, verified TLS, timeouts and no redirects (a redirected
    POST would silently become a GET, and credentials must not follow to another host)."""
    return httpx.Client(auth=(user, password), timeout=TIMEOUT, verify=True,
                        follow_redirects=False, headers={"User-Agent": USER_AGENT}, **kwargs)


def request(http: httpx.Client, method: str, url: str, **kwargs: Any) -> httpx.Response:
    """``http.request`` with transport failures and 5xx/429 answers as transient
    :class:`DeliveryError` (the outbox retries them); other answers are returned."""
    host = urlsplit(url).netloc
    try:
        response = http.request(method, url, **kwargs)
    except httpx.ConnectError as exc:
        if _tls_failure(exc):
            raise DeliveryError(MSG_TLS, code="delivery.tls", host=host,
                                reason=_reason(exc)) from None
        raise _network_error(exc, host) from None
    except httpx.TransportError as exc:  # timeouts, resets, a server gone mid-answer
        raise _network_error(exc, host) from None
    if response.status_code >= 500 or response.status_code in (408, 429):
        raise DeliveryError(MSG_SERVER, transient=True, code="delivery.server", host=host,
                            status=response.status_code)
    return response


_OFFLINE_ERRNOS = {errno.ENETUNREACH, errno.ENETDOWN, errno.EHOSTUNREACH}
_NO_NAME_TEXTS = ("name or service not known", "temporary failure in name resolution",
                  "nodename nor servname", "no address associated", "getaddrinfo failed")


def network_message(exc: BaseException) -> str:
    """The msgid naming why a connection failed (offline, refused, unknown name,
    timeout), or the general MSG_NETWORK that quotes the system's reason."""
    if isinstance(exc, httpx.TimeoutException):
        return MSG_NETWORK_TIMEOUT
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, socket.gaierror):
            return MSG_NETWORK_NO_NAME
        number = getattr(seen, "errno", None)
        if number == errno.ECONNREFUSED or isinstance(seen, ConnectionRefusedError):
            return MSG_NETWORK_REFUSED
        if number in _OFFLINE_ERRNOS:
            return MSG_NETWORK_OFFLINE
        seen = seen.__cause__ or seen.__context__
    text = str(exc).lower()
    if any(t in text for t in _NO_NAME_TEXTS):
        return MSG_NETWORK_NO_NAME
    if "connection refused" in text or "errno 111" in text:
        return MSG_NETWORK_REFUSED
    if "network is unreachable" in text or "errno 101" in text \
            or "no route to host" in text:
        return MSG_NETWORK_OFFLINE
    return MSG_NETWORK


def _network_error(exc: Exception, host: str) -> DeliveryError:
    """A transient DeliveryError for a failed connection, its cause said plainly."""
    return DeliveryError(network_message(exc), transient=True, code="delivery.network",
                         host=host, reason=_reason(exc))


def _tls_failure(exc: Exception) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLError):
            return True
        seen = seen.__cause__ or seen.__context__
    return "CERTIFICATE_VERIFY_FAILED" in str(exc)


def _reason(exc: Exception) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:200]

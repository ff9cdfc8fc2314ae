"""A failed connection is explained in the user's language, not the system's English."""

from __future__ import annotations

import errno
import socket

import httpx
import pytest

from khabar_editor.delivery import http
from khabar_editor.delivery.base import (MSG_NETWORK, MSG_NETWORK_NO_NAME, MSG_NETWORK_OFFLINE,
                                         MSG_NETWORK_REFUSED, MSG_NETWORK_TIMEOUT,
                                         DeliveryError)


def _connect_error(cause: BaseException, text: str) -> httpx.ConnectError:
    try:
        try:
            raise cause
        except BaseException as inner:
            raise httpx.ConnectError(text) from inner
    except httpx.ConnectError as exc:
        return exc


@pytest.mark.parametrize(("exc", "expected"), [
    (_connect_error(OSError(errno.ENETUNREACH, "Network is unreachable"),
                    "[Errno 101] Network is unreachable"), MSG_NETWORK_OFFLINE),
    (_connect_error(ConnectionRefusedError(errno.ECONNREFUSED, "Connection refused"),
                    "[Errno 111] Connection refused"), MSG_NETWORK_REFUSED),
    (_connect_error(socket.gaierror(-2, "Name or service not known"),
                    "[Errno -2] Name or service not known"), MSG_NETWORK_NO_NAME),
    (httpx.ConnectError("[Errno -3] Temporary failure in name resolution"), MSG_NETWORK_NO_NAME),
    (httpx.ReadTimeout("timed out"), MSG_NETWORK_TIMEOUT),
    (httpx.RemoteProtocolError("Server disconnected without sending a response."), MSG_NETWORK),
])
def test_common_causes_get_their_own_message(exc, expected):
    """Offline, refused, unknown name and timeout each have a plain message; anything
    else keeps the general one that quotes the system's reason."""
    assert http.network_message(exc) == expected


def test_refused_connection_reads_plainly_in_hindi():
    """A real refused connection (a closed port on this computer) is a transient error
    whose Hindi text has no English system message in it."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again when the block ends: nobody listens
    with http.client("u", "p") as client, pytest.raises(DeliveryError) as caught:
        http.request(client, "GET", f"http://127.0.0.1:{port}/inbox/")
    error = caught.value
    assert error.transient and error.code == "delivery.network"
    hindi = error.message("hi")
    assert "सर्वर ने कनेक्शन लेने से मना किया" in hindi
    assert "Errno" not in hindi and "refused" not in hindi
    assert "refused the connection" in error.message("en")

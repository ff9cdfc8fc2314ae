"""One editor per user: a second launch hands its file to the running window.

The first editor listens on a local socket (a Unix socket in the user's private
``$XDG_RUNTIME_DIR`` where there is one, a named pipe on Windows) whose name is
derived from the settings folder, so separate settings (tests, portable installs)
never talk to each other. A later ``khabar-editor FILE`` connects, sends one line of
JSON ``{"open": [paths]}`` and exits once the running editor answers ``OK``; if no
editor answers in time it starts normally.

The listener only accepts sockets only this user can reach, and the client refuses a
socket file owned by another user, so no one else can receive or send file names.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)

MAX_MESSAGE = 64 * 1024  # bytes of one request (a few paths)
REPLY = b"OK\n"


def server_name() -> str:
    """The listener's name: a full socket path on Unix, a pipe name on Windows."""
    from khabar_editor.settings import config_dir

    try:
        who = os.getlogin() if sys.platform == "win32" else str(os.getuid())
    except OSError:
        who = os.environ.get("USERNAME", "user")
    key = f"{who}\0{Path(config_dir()).resolve()}".encode("utf-8", "surrogatepass")
    try:  # hashlib would load OpenSSL before the first paint; the built-in one is enough
        from _sha256 import sha256  # type: ignore[import-not-found]
    except ImportError:  # pragma: no cover - other Pythons
        from hashlib import sha256
    name = "khabar-editor-" + sha256(key).hexdigest()[:16]
    if sys.platform == "win32":
        return name
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and _private_dir(runtime):
        return str(Path(runtime) / name)
    import tempfile

    return str(Path(tempfile.gettempdir()) / f"{name}-{os.getuid()}")


def _private_dir(path: str) -> bool:
    try:
        info = os.stat(path)
    except OSError:
        return False
    return info.st_uid == os.getuid() and (info.st_mode & 0o077) == 0


def _owned_by_us(name: str) -> bool:
    """On Unix, a socket file we may talk to: absent or ours (never another user's)."""
    if sys.platform == "win32":
        return True
    try:
        return os.lstat(name).st_uid == os.getuid()
    except FileNotFoundError:
        return True
    except OSError:
        return False


def send_to_running(paths: list[str], timeout_ms: int = 1500,
                    name: str | None = None) -> bool:
    """Client side: hand ``paths`` (possibly none: just raise the window) to a running
    editor. True when it answered, so this launch should exit."""
    name = name or server_name()
    if sys.platform != "win32" and not os.path.exists(name):
        return False  # nobody listening: costs one stat, not a connection attempt
    if not _owned_by_us(name):
        log.warning("Ignoring a single-instance socket owned by another user: %s", name)
        return False
    message = json.dumps({"open": [str(p) for p in paths]}, ensure_ascii=True) + "\n"
    if sys.platform != "win32":  # a Unix socket: no need to load QtNetwork to talk to it
        return _send_unix(name, message.encode("ascii"), timeout_ms / 1000)
    from PySide6.QtNetwork import QLocalSocket

    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(message.encode("ascii"))
    while socket.bytesToWrite() > 0:  # waitForBytesWritten is False once all is sent
        if not socket.waitForBytesWritten(timeout_ms):
            socket.abort()
            return False
    answer = b""
    while len(answer) < len(REPLY) and socket.waitForReadyRead(timeout_ms):
        answer += bytes(socket.readAll().data())
    socket.disconnectFromServer()
    return answer.startswith(REPLY)


def _send_unix(name: str, message: bytes, timeout: float) -> bool:
    """Send ``message`` over the Unix socket ``name``; True when the editor answered.

    A socket left by an editor that crashed refuses the connection at once."""
    import socket

    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
            client.settimeout(timeout)
            client.connect(name)
            client.sendall(message)
            answer = b""
            while len(answer) < len(REPLY):
                chunk = client.recv(len(REPLY) - len(answer))
                if not chunk:
                    break
                answer += chunk
    except OSError:  # refused (stale socket), timed out, or not a socket
        return False
    return answer.startswith(REPLY)


class InstanceServer(QObject):
    """Server side: emits ``open_requested(path)`` for each file a later launch sends
    and ``activate_requested()`` for every launch."""

    open_requested = Signal(str)
    activate_requested = Signal()

    def __init__(self, parent: QObject | None = None, name: str | None = None) -> None:
        from PySide6.QtNetwork import QLocalServer

        super().__init__(parent)
        self.name = name or server_name()
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)
        self._buffers: dict[object, bytes] = {}

    def listen(self) -> bool:
        """Start listening; replaces a stale socket left by a crashed editor, never the
        socket of an editor that still answers (``--new-instance`` beside a running one).

        Qt's Unix listener with access options renames its socket over an existing
        file, so the check is made here, before ``listen``."""
        from PySide6.QtNetwork import QLocalServer, QLocalSocket

        if sys.platform == "win32" or os.path.lexists(self.name):
            if not _owned_by_us(self.name):
                log.warning("Single-instance socket owned by another user: %s", self.name)
                return False
            probe = QLocalSocket()
            probe.connectToServer(self.name)
            if probe.waitForConnected(300):
                probe.abort()
                log.info("Another editor is listening; this one runs on its own")
                return False
            QLocalServer.removeServer(self.name)
        if self._server.listen(self.name):
            return True
        log.info("Single-instance listener unavailable: %s", self._server.errorString())
        return False

    def close(self) -> None:
        """Stop listening (the socket file is removed)."""
        self._server.close()

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            self._buffers[socket] = b""
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._forget(s))
            if socket.bytesAvailable():
                self._read(socket)

    def _forget(self, socket: Any) -> None:
        self._buffers.pop(socket, None)
        socket.deleteLater()

    def _read(self, socket: Any) -> None:
        if socket not in self._buffers:
            return
        data = self._buffers[socket] + bytes(socket.readAll().data())
        if len(data) > MAX_MESSAGE:
            log.warning("Single-instance request too long; ignored")
            self._buffers.pop(socket, None)
            socket.abort()
            return
        if b"\n" not in data:
            self._buffers[socket] = data
            return
        self._buffers.pop(socket, None)
        line = data.split(b"\n", 1)[0]
        paths = _parse_request(line)
        if paths is None:
            log.warning("Malformed single-instance request ignored")
            socket.abort()
            return
        socket.write(REPLY)
        socket.flush()
        self.activate_requested.emit()
        for path in paths:
            self.open_requested.emit(path)


def _parse_request(line: bytes) -> list[str] | None:
    """The paths of one request line, or None when it is not ours."""
    try:
        request = json.loads(line.decode("ascii"))
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(request, dict) or not isinstance(request.get("open"), list):
        return None
    paths = request["open"]
    if not all(isinstance(p, str) and p and "\0" not in p for p in paths):
        return None
    return paths[:16]


def install(window: object) -> InstanceServer | None:
    """Listen for later launches; they open their file in ``window`` and raise it."""
    server = InstanceServer(window)  # type: ignore[arg-type]
    if not server.listen():
        return None

    def activate() -> None:
        window.showNormal() if window.isMinimized() else None  # type: ignore[attr-defined]
        window.raise_()  # type: ignore[attr-defined]
        window.activateWindow()  # type: ignore[attr-defined]

    server.activate_requested.connect(activate)
    server.open_requested.connect(
        lambda path: window.session.open(path))  # type: ignore[attr-defined]
    window._khabar_instance_server = server  # type: ignore[attr-defined]  # keep it alive
    return server

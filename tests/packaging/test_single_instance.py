"""A second launch hands its file to the running editor instead of opening a window."""

from __future__ import annotations

import subprocess
import sys

import pytest

from khabar_editor.app.sample import sample_package
from khabar_editor.package import write_package
from tests.ui.conftest import answered, khabar_dirs, make_window, window  # noqa: F401

pytest.importorskip("PySide6.QtNetwork")


def _launch(paths, name):
    """The client side of a later launch, in its own process (as a real second launch;
    PySide6 keeps the GIL in blocking socket waits, so a thread would stall our loop)."""
    code = ("import sys; from khabar_editor.ui.single_instance import send_to_running; "
            "sys.exit(0 if send_to_running(sys.argv[2:], 5000, sys.argv[1]) else 3)")
    return subprocess.Popen([sys.executable, "-c", code, name, *paths])


def test_second_launch_opens_file_in_running_window(window, qtbot, tmp_path):
    """The running window opens the file a second launch sends, and the launch is told to exit."""
    from khabar_editor.ui import single_instance

    story = tmp_path / "दूसरी ख़बर.khabar"
    write_package(story, sample_package(), who="test")
    server = single_instance.install(window)
    assert server is not None
    launch = _launch([str(story)], server.name)
    qtbot.waitUntil(lambda: window.session.path == story, timeout=15000)
    qtbot.waitUntil(lambda: launch.poll() is not None, timeout=15000)
    assert launch.returncode == 0
    server.close()


def test_no_running_editor_means_start_normally(khabar_dirs, qapp):
    """With nobody listening the launch is not swallowed: the client reports False."""
    from khabar_editor.ui.single_instance import send_to_running, server_name

    assert send_to_running(["/nowhere.khabar"], 300, server_name()) is False


def test_malformed_request_is_ignored(window, qtbot):
    """A request that is not our JSON opens nothing and gets no OK."""
    from khabar_editor.ui import single_instance

    server = single_instance.install(window)
    opened = []
    server.open_requested.connect(opened.append)
    code = ("import sys; from PySide6.QtNetwork import QLocalSocket; s = QLocalSocket(); "
            "s.connectToServer(sys.argv[1]); s.waitForConnected(5000); "
            "s.write(b'{\"open\": \"not-a-list\"}\\n'); s.waitForBytesWritten(2000); "
            "s.waitForReadyRead(3000); sys.stdout.write(bytes(s.readAll().data()).hex())")
    client = subprocess.Popen([sys.executable, "-c", code, server.name], stdout=subprocess.PIPE)
    qtbot.waitUntil(lambda: client.poll() is not None, timeout=15000)
    answers = {"reply": bytes.fromhex(client.stdout.read().decode())}
    assert answers["reply"] == b"" and opened == []
    server.close()


def test_new_listener_never_steals_a_live_one(window, qtbot, khabar_dirs):
    """A second listener (--new-instance) leaves a running editor's socket alone."""
    from khabar_editor.ui.single_instance import InstanceServer

    first = InstanceServer(window)
    assert first.listen()
    second = InstanceServer(window, name=first.name)
    assert second.listen() is False
    launch = _launch([], first.name)
    qtbot.waitUntil(lambda: launch.poll() is not None, timeout=15000)
    assert launch.returncode == 0
    first.close()

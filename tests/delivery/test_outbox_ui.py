"""File → Send… and the Outbox dock, sending to a real WebDAV server in the background."""

from __future__ import annotations

import pytest

from khabar_editor.delivery.config import add_destination, make_config
from khabar_editor.delivery.outbox import Outbox
from tests.delivery.helpers import write_golden
from tests.ui.conftest import answered, khabar_dirs, make_window  # noqa: F401 - fixtures


@pytest.fixture
def sending_window(make_window, webdav, memory_keyring, khabar_dirs, monkeypatch):  # noqa: F811
    """A main window with the test article open, an ``inbox`` destination whose password
    is in the keyring, and a Send dialog that answers "inbox"."""
    from PySide6.QtWidgets import QDialog

    from khabar_editor.delivery import secrets
    from khabar_editor.ui import outbox as outbox_ui

    config = make_config("inbox", "webdav", webdav.url, webdav.user)
    add_destination(config)
    secrets.store_password(config.account, webdav.password)
    monkeypatch.setattr(outbox_ui.SendDialog, "exec",
                        lambda self: QDialog.DialogCode.Accepted)
    story = khabar_dirs / "ui-story.khabar"
    write_golden(story)
    window = make_window()
    assert window.session.open(story)
    window.outbox.outbox = Outbox(backoff_base=0.05, backoff_cap=0.1)
    window.outbox.timer.setInterval(100)
    return window, story


def _rows(window):
    table = window.outbox.dock.table
    return [[table.item(r, c).text() for c in range(table.columnCount())]
            for r in range(table.rowCount())]


def test_send_from_file_menu_shows_progress_and_sent_state(sending_window, webdav, qtbot):
    """File → Send… queues the saved article and sends it in the background; the Outbox
    dock shows it Sent with the address, and the file is on the server."""
    window, story = sending_window
    send = window.findChild(type(window.actions_by_name["export"]), "action_send")
    file_menu = [m for m in send.associatedObjects() if m is not window][0]
    assert file_menu.actions().index(send) == file_menu.actions().index(
        window.actions_by_name["export"]) + 1
    send.trigger()
    qtbot.waitUntil(lambda: _rows(window) and _rows(window)[0][2] == "Sent", timeout=15000)
    assert window.outbox.dock.isVisible()
    assert _rows(window)[0][3] == webdav.url + "/ui-story.khabar"
    assert (webdav.root / "inbox" / "ui-story.khabar").read_bytes() == story.read_bytes()


def test_failed_send_shows_reason_and_retries_while_app_runs(sending_window, webdav, qtbot):
    """With the server down the row says Failed and why; when the server is back the
    running app retries on its own and the row turns Sent."""
    window, story = sending_window
    webdav.stop()
    try:
        window.outbox.on_send()
        qtbot.waitUntil(lambda: _rows(window) and _rows(window)[0][2] == "Failed",
                        timeout=15000)
        assert "Cannot reach" in _rows(window)[0][3]
        window.outbox.timer.stop()  # no retry while the server is still away
    finally:
        webdav.start()
    window.outbox.timer.start()
    qtbot.waitUntil(lambda: _rows(window)[0][2] == "Sent", timeout=15000)
    assert (webdav.root / "inbox" / "ui-story.khabar").read_bytes() == story.read_bytes()


@pytest.mark.parametrize("start", ["draft", "returned"])
def test_correspondents_send_submits_the_story(sending_window, webdav, qtbot, monkeypatch,
                                               start):
    """A correspondent's Send of a draft (or a returned story) is the submission: the
    dialog says so, the package that reaches the desk is "submitted" with the change in
    its revision log, and the Status box shows it."""
    from PySide6.QtWidgets import QDialog

    from khabar_editor.article.model import Status
    from khabar_editor.package import read_package
    from khabar_editor.ui import outbox as outbox_ui

    window, story = sending_window
    name = f"{start}-story.khabar"
    write_golden(window.session.path.parent / name, status=Status(start))
    assert window.session.open(window.session.path.parent / name)
    seen = []

    def answer(dialog):
        seen.append(dialog.submit_note.isVisibleTo(dialog))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(outbox_ui.SendDialog, "exec", answer)
    window.outbox.on_send()
    qtbot.waitUntil(lambda: _rows(window) and _rows(window)[0][2] == "Sent", timeout=15000)
    assert seen == [True]
    arrived = read_package(webdav.root / "inbox" / name)
    assert arrived.article.status is Status.SUBMITTED
    assert window.metadata.w["status"].currentData() == "submitted"
    assert not window.session.dirty


def test_desk_send_keeps_the_status(sending_window, webdav, qtbot, monkeypatch):
    """The desk sending an approved story on (to the website's WebDAV) changes nothing
    in it, and the dialog does not talk about submitting."""
    from PySide6.QtWidgets import QDialog

    from khabar_editor.article.model import Status
    from khabar_editor.package import read_package
    from khabar_editor.ui import outbox as outbox_ui

    window, story = sending_window
    window.settings.user_role = "desk"
    seen = []

    def answer(dialog):
        seen.append(dialog.submit_note.isVisibleTo(dialog))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(outbox_ui.SendDialog, "exec", answer)
    before = story.read_bytes()
    window.outbox.on_send()
    qtbot.waitUntil(lambda: _rows(window) and _rows(window)[0][2] == "Sent", timeout=15000)
    assert seen == [False]
    assert story.read_bytes() == before
    assert read_package(webdav.root / "inbox" / story.name).article.status is Status.APPROVED


def test_send_dialog_grows_to_show_its_notes_whole(sending_window, webdav, qtbot, monkeypatch):
    """After adding a destination on a computer without a keyring, the Send dialog shows
    both wrapped notes (submitting, and the password kept only until closing) in full:
    no label is shorter than its text needs (they overlapped at 1366×768)."""
    from PySide6.QtWidgets import QDialog, QLabel

    from khabar_editor.delivery import secrets
    from khabar_editor.ui import outbox as outbox_ui

    window, _story = sending_window
    monkeypatch.setattr(secrets, "keyring_usable", lambda: False)

    def fill(dialog):
        dialog.name.setText("डेस्क इनबॉक्स")
        dialog.kind.setCurrentIndex(dialog.kind.findData("webdav"))
        dialog.url.setText(webdav.url)
        dialog.user.setText(webdav.user)
        dialog.password.setText(webdav.password)
        dialog.accept()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(outbox_ui.DestinationDialog, "exec", fill)
    dialog = outbox_ui.SendDialog(window, window.outbox, will_submit=True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog._add()
    qtbot.wait(50)
    assert dialog.note.text() and dialog.submit_note.isVisible()
    for label in (dialog.submit_note, dialog.note):
        assert isinstance(label, QLabel)
        assert label.height() >= label.heightForWidth(label.width()), label.text()
    assert dialog.note.geometry().top() >= dialog.submit_note.geometry().bottom()

"""The whole day in one test: a correspondent sends the sample story to a real WebDAV
inbox, and the desk finds it there, submitted, and approves it."""

from __future__ import annotations

from khabar_editor.delivery.config import add_destination, make_config
from khabar_editor.delivery.outbox import Outbox
from tests.ui.conftest import answered, khabar_dirs, make_window  # noqa: F401 - fixtures


def test_sample_sent_by_a_correspondent_reaches_the_desk_ready_to_approve(
        make_window, webdav, memory_keyring, khabar_dirs, monkeypatch, qtbot):  # noqa: F811
    """First start with the sample → Save → File → Send… to the desk's WebDAV folder;
    the desk's Inbox lists the story as submitted, opening it shows the banner with
    Approve enabled, and Approve saves it approved (a draft used to arrive as a draft,
    with Approve and Return disabled)."""
    from PySide6.QtWidgets import QDialog, QFileDialog

    from khabar_editor.app.sample import sample_package
    from khabar_editor.delivery import secrets
    from khabar_editor.package import read_package
    from khabar_editor.ui import outbox as outbox_ui
    from khabar_editor.ui.inbox_window import COLUMN_INDEX, InboxWindow

    # The correspondent.
    config = make_config("desk", "webdav", webdav.url, webdav.user)
    add_destination(config)
    secrets.store_password(config.account, webdav.password)
    mine = make_window(user_name="सुनीता कुमारी", identity_confirmed=True)
    mine.session.load_package(sample_package(), None, dirty=False)
    saved = khabar_dirs / "kosi-walk.khabar"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(saved), "")))
    monkeypatch.setattr(outbox_ui.SendDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    mine.outbox.outbox = Outbox(backoff_base=0.05, backoff_cap=0.1)
    mine.outbox.on_send()
    table = mine.outbox.dock.table
    qtbot.waitUntil(lambda: table.rowCount() == 1 and table.item(0, 2).text() == "Sent",
                    timeout=15000)
    arrived = webdav.root / "inbox" / saved.name
    assert arrived.is_file()

    # The desk.
    desk = make_window(user_name="राकेश वर्मा", user_role="desk", identity_confirmed=True)
    inbox = InboxWindow(desk, taxonomy=desk.taxonomy)
    qtbot.addWidget(inbox)
    inbox.set_folder(webdav.root / "inbox")
    qtbot.waitUntil(lambda: not inbox.is_scanning() and inbox.model.rowCount() >= 1,
                    timeout=20000)
    row = next(r for r in range(inbox.model.rowCount())
               if str(inbox.model.entries[r].path) == str(arrived))
    assert inbox.model.item(row, COLUMN_INDEX["status"]).text() == "Submitted"
    desk.desk.open_from_inbox(str(arrived))
    banner = desk.desk.banner
    assert banner.isVisible() and banner.approve_button.isEnabled()
    assert banner.return_button.isEnabled()
    banner.approve_button.click()
    assert read_package(arrived).article.status.value == "approved"
    assert desk.metadata.w["status"].currentData() == "approved"
    inbox.close()

"""An open inbox uses keys imported or revoked while it is open (no restart needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ui.desk_helpers import story, write_story


@pytest.fixture
def signed_inbox(qtbot, khabar_dirs, tmp_path):
    """An inbox window on a folder holding one package signed by a key the desk does
    not trust yet; (window, public key file of the signer)."""
    from khabar_editor.package import signing
    from khabar_editor.ui.app import create_application
    from khabar_editor.ui.inbox_window import InboxWindow

    create_application(["test"], "en")
    key = signing.generate_key("सुनीता शर्मा")
    _key_path, pub = signing.save_key(key, tmp_path / "sunita-keys")
    folder = tmp_path / "inbox"
    folder.mkdir()
    write_story(folder / "baadh.khabar", story(), signer=key)
    window = InboxWindow(None)
    qtbot.addWidget(window)
    window.set_folder(folder)
    qtbot.waitUntil(lambda: not window.is_scanning(), timeout=20000)
    yield window, pub
    window.close()


def _verdict(window) -> str:
    from khabar_editor.ui import desk_labels

    (entry,) = window.model.entries
    return desk_labels.signature(entry)


def test_key_imported_in_preferences_is_used_by_the_open_inbox(qtbot, signed_inbox,
                                                               monkeypatch):
    """Importing the signer's key in the Keys section turns the open inbox's row from
    "unknown key" to "valid"; revoking it there turns it away from "valid" again."""
    from PySide6.QtWidgets import QFileDialog

    from khabar_editor.settings import Settings
    from khabar_editor.ui.keys_dialog import KeysSection

    window, pub = signed_inbox
    assert _verdict(window) == "unknown-key"
    section = KeysSection(Settings(), lambda: "डेस्क")
    qtbot.addWidget(section)
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(pub), "")))
    section.import_key()
    qtbot.waitUntil(lambda: _verdict(window) == "valid", timeout=10000)

    section.table.selectRow(0)
    section.revoke_selected()
    qtbot.waitUntil(lambda: _verdict(window) != "valid", timeout=10000)


def test_key_imported_outside_the_app_is_picked_up_by_the_watcher(qtbot, signed_inbox):
    """A key put into the key folder by another process (``khabar keys import``) is
    noticed by the inbox's watcher: the row turns "valid" without any signal."""
    from khabar_editor.package.signing import KeyStore

    window, pub = signed_inbox
    assert _verdict(window) == "unknown-key"
    KeyStore(Path(window.keys.folder)).import_key(pub)  # a separate store: no cache shared
    qtbot.waitUntil(lambda: _verdict(window) == "valid", timeout=10000)


def test_revoked_key_is_named_not_called_broken(qtbot, signed_inbox):
    """A package signed with a key the desk revoked reads "Signed with a revoked key"
    (the signature itself is sound), not "Signature broken" (which means forged or
    damaged); the verdict code stays "broken" so filters and colours treat it as bad."""
    from khabar_editor.package.signing import KeyStore
    from khabar_editor.ui import desk_labels
    from khabar_editor.ui.inbox_window import COLUMN_INDEX

    window, pub = signed_inbox
    store = KeyStore(Path(window.keys.folder))
    stored = store.import_key(pub)
    qtbot.waitUntil(lambda: _verdict(window) == "valid", timeout=10000)
    store.revoke(stored.key.key_id)
    qtbot.waitUntil(lambda: _verdict(window) == "broken", timeout=10000)
    (entry,) = window.model.entries
    assert entry.revoked
    assert window.model.item(0, COLUMN_INDEX["signature"]).text() == "Signed with a revoked key"
    assert desk_labels.signature_text("broken", None) == "Signature broken"

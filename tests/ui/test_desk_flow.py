"""The whole desk flow in the GUI: sign, submit, edit, return with a note, resubmit, approve."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from khabar_editor.package import read_package
from tests.ui.conftest import type_text
from tests.ui.desk_helpers import desk_answers  # noqa: F401 - fixture

NOTE = "दूसरे पक्ष का बयान जोड़ें।"


def _people(make_window):
    correspondent = make_window(user_name="सुनीता शर्मा", user_role="correspondent",
                                identity_confirmed=True)
    desk = make_window(user_name="राकेश वर्मा", user_role="desk", identity_confirmed=True)
    return correspondent, desk


def _save_to(window, monkeypatch, target: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.actions_by_name["save"].trigger()


def _create_key_and_export(window, monkeypatch, pub_target: Path) -> None:
    """Create the correspondent's key pair in Preferences and export the public key."""
    from khabar_editor.ui.preferences import PreferencesDialog

    dialog = PreferencesDialog(window.settings, window, key_created=window.desk.key_created)
    dialog.keys.create_key()
    assert window.session.signing_key is not None
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(pub_target), ""))
    dialog.keys.export_public_key()
    assert pub_target.read_text(encoding="utf-8").startswith("khabar-ed25519 ")
    dialog.reject()


def _import_key(window, monkeypatch, pub: Path) -> None:
    from khabar_editor.ui.preferences import PreferencesDialog

    dialog = PreferencesDialog(window.settings, window, key_created=window.desk.key_created)
    assert dialog.keys.desk_box.isVisibleTo(dialog)  # the desk sees the trusted keys
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(pub), ""))
    dialog.keys.import_key()
    assert dialog.keys.table.rowCount() == 1
    assert dialog.keys.table.item(0, 0).text() == "सुनीता शर्मा"
    dialog.reject()


def _set_status(window, status: str) -> None:
    combo = window.metadata.w["status"]
    combo.setCurrentIndex(combo.findData(status))


def test_correspondent_desk_round_trip(make_window, desk_answers, monkeypatch, tmp_path,
                                       qtbot):
    """Signed submission -> desk edits and returns with a note -> correspondent sees the
    note and resubmits -> desk approves; the original and every transition are kept."""
    desk_answers["passphrase"] = "पासफ़्रेज़-1234"
    correspondent, desk = _people(make_window)
    story = tmp_path / "inbox" / "badh.khabar"
    story.parent.mkdir()

    # The correspondent makes a key, writes, submits and saves (signed).
    _create_key_and_export(correspondent, monkeypatch, tmp_path / "sunita.pub")
    type_text(correspondent.editor, "दरभंगा में बाढ़ से नुकसान हुआ।")
    correspondent.metadata.w["headline"].setText("बाढ़ से नुकसान")
    correspondent.metadata._on_edit("headline")
    _set_status(correspondent, "submitted")
    _save_to(correspondent, monkeypatch, story)
    assert not correspondent.desk.banner.isVisible()  # own story: no banner

    # The desk trusts the key, opens the story: banner with sender and valid signature.
    _import_key(desk, monkeypatch, tmp_path / "sunita.pub")
    assert desk.session.open(story)
    banner = desk.desk.banner
    assert banner.isVisible()
    assert "सुनीता शर्मा" in banner.sender_label.text()
    assert banner.signature_label.text() == "Signed by सुनीता शर्मा, unchanged"
    assert banner.status_label.text() == "Status: Submitted"
    assert banner.approve_button.isEnabled() and banner.return_button.isEnabled()

    # Editing moves it to in-edit; returning asks for a note and saves.
    desk.editor.moveCursor(desk.editor.textCursor().MoveOperation.End)
    type_text(desk.editor, " सेना बुलाई गई।")
    assert banner.status_label.text() == "Status: In edit"
    desk_answers["note"] = NOTE
    banner.return_button.click()
    assert not desk.session.dirty
    returned = read_package(story)
    assert returned.article.status.value == "returned"
    assert desk.metadata.w["status"].currentData() == "returned"  # the Status box follows
    assert returned.original_bytes is not None and "सेना" not in returned.original
    assert "सेना" in returned.article.body

    # Show changes: the desk's words against the original.
    dialog = desk.desk.show_changes()
    qtbot.addWidget(dialog)
    assert "सेना बुलाई गई" in dialog.view.right_pane.toPlainText()
    assert "सेना बुलाई गई" not in dialog.view.left_pane.toPlainText()
    dialog.close()

    # The correspondent opens it again and sees the desk's note.
    assert correspondent.session.open(story)
    cbanner = correspondent.desk.banner
    assert cbanner.isVisible() and cbanner.note_label.isVisible()
    assert NOTE in cbanner.note_label.text() and "राकेश वर्मा" in cbanner.note_label.text()
    assert not cbanner.approve_button.isVisible()
    assert cbanner.signature_label.text() == "Signed by सुनीता शर्मा, edited since"
    type_text(correspondent.editor, " दूसरे पक्ष ने कहा, मदद जारी है।")
    _set_status(correspondent, "submitted")
    correspondent.actions_by_name["save"].trigger()

    # The desk approves.
    assert desk.session.open(story)
    assert banner.approve_button.isEnabled()
    banner.approve_button.click()
    final = read_package(story)
    assert final.article.status.value == "approved"
    moves = [(r.from_status, r.to_status) for r in final.revisions if r.action == "status"]
    assert ("in-edit", "returned") in moves and moves[-1][1] == "approved"
    assert {r.who for r in final.revisions} >= {"सुनीता शर्मा", "राकेश वर्मा"}
    assert final.original_bytes == returned.original_bytes  # kept once, never rewritten
    assert banner.status_label.text() == "Status: Approved"
    assert desk.metadata.w["status"].currentData() == "approved"
    assert not banner.approve_button.isEnabled()


def test_first_start_asks_name_and_role_once(make_window, desk_answers):
    """No name in Settings: the dialog is shown and its answer kept; then never again."""
    from khabar_editor.settings import load_settings

    window = make_window(user_name="", identity_confirmed=False)
    desk_answers["identity"] = ("राकेश वर्मा", "desk")
    window.desk.startup()
    assert desk_answers["desk_asked"] == ["identity"]
    assert (window.settings.user_name, window.settings.user_role) == ("राकेश वर्मा", "desk")
    assert load_settings().user_name == "राकेश वर्मा"
    window.desk.startup()
    assert desk_answers["desk_asked"] == ["identity"]


def test_preferences_change_name_and_role(make_window):
    """Preferences shows the name and role and returns the edited ones."""
    from khabar_editor.ui.preferences import PreferencesDialog

    window = make_window(user_name="सुनीता शर्मा", user_role="correspondent",
                         identity_confirmed=True)
    dialog = PreferencesDialog(window.settings, window)
    assert dialog.identity.name.text() == "सुनीता शर्मा"
    assert not dialog.keys.desk_box.isVisibleTo(dialog)
    dialog.identity.role.setCurrentIndex(dialog.identity.role.findData("desk"))
    assert dialog.keys.desk_box.isVisibleTo(dialog)
    dialog.identity.name.setText("  सुनीता  ")
    result = dialog.result_settings()
    assert (result.user_name, result.user_role) == ("सुनीता", "desk")
    dialog.reject()


def test_bad_key_file_import_is_refused_with_a_message(make_window, monkeypatch, tmp_path):
    """Importing a file that is not a public key changes nothing and says why."""
    from khabar_editor.ui.preferences import PreferencesDialog

    window = make_window(user_name="राकेश वर्मा", user_role="desk", identity_confirmed=True)
    bogus = tmp_path / "bogus.pub"
    bogus.write_text("<img src=x> not a key", encoding="utf-8")
    dialog = PreferencesDialog(window.settings, window)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bogus), ""))
    dialog.keys.import_key()
    assert dialog.keys.table.rowCount() == 0
    assert dialog.keys.message.text().startswith("The key was not imported:")
    dialog.reject()

"""What a correspondent sees on first start: the sample story shows nothing to fix."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("settings", [{}, {"headline_limit": 70, "summary_limit": 160,
                                           "seo_title_limit": 60}])
def test_sample_counters_are_neither_amber_nor_red(make_window, settings):
    """With the default limits, the sample's headline, summary and SEO title counters
    are in the "ok" state (the summary was 166/160, red on the very first start)."""
    from khabar_editor.app.sample import sample_package

    window = make_window(**settings)
    window.session.load_package(sample_package(), None, dirty=False)
    counters = window.metadata.counters
    states = {key: label.property("state") for key, label in counters.items()}
    assert set(states) >= {"headline", "summary"}
    assert all(state == "ok" for state in states.values()), \
        {key: counters[key].text() for key in counters}


def test_sample_opens_with_an_empty_proofing_panel(window, qtbot, tmp_path):
    """With spell checking on and the proofing panel shown, the sample story lists no
    spelling finding in any field (the panel reads the photo's alt text too)."""
    from khabar_editor.app.sample import sample_package
    from khabar_editor.proofing import Proofreader

    window.proofing.set_proofreader(Proofreader("hi", personal=tmp_path / "words.txt"))
    window.actions_by_name["spell_check"].setChecked(True)
    window.actions_by_name["show_proofing"].setChecked(True)
    window.session.load_package(sample_package(), None, dirty=False)
    panel = window.proofing.panel
    window.editor.setPlainText(window.editor.toPlainText() + "\nसरकारि")  # one known error
    qtbot.waitUntil(lambda: any(f.text == "सरकारि" for f in panel.findings), timeout=10000)
    assert [(f.kind, f.text) for f in panel.findings if f.kind == "spelling"] == \
        [("spelling", "सरकारि")]


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_desk_preferences_fit_a_small_laptop_screen(make_window, lang):
    """The desk's Preferences (with the trusted-keys table) fit a 1366×768 screen with
    room for a title bar and a panel (about 690 px), in English and in Hindi; its OK
    button was at the very bottom edge."""
    from khabar_editor import i18n
    from khabar_editor.ui.preferences import PreferencesDialog

    old = i18n.get_language()
    i18n.set_language(lang)
    try:
        window = make_window(user_role="desk", user_name="राकेश वर्मा", identity_confirmed=True)
        dialog = PreferencesDialog(window.settings, window)
        dialog.show()
        assert dialog.keys.desk_box.isVisible()
        hint = dialog.sizeHint()
        assert hint.height() <= 690 and hint.width() <= 1300, hint
        dialog.reject()
    finally:
        i18n.set_language(old)


def test_keys_table_headers_in_hindi_are_not_the_places_state(qapp):
    """The trusted-keys table's last column is the key's status (स्थिति), not the
    place's state (राज्य, the same English word "State"), and Revoke is not worded
    like the dialog's Cancel (रद्द करें)."""
    from khabar_editor import i18n
    from khabar_editor.settings import Settings
    from khabar_editor.ui.keys_dialog import KeysSection

    old = i18n.get_language()
    i18n.set_language("hi")
    try:
        section = KeysSection(Settings(), lambda: "राकेश")
        headers = [section.table.horizontalHeaderItem(i).text() for i in range(3)]
        assert headers[2] == "स्थिति" and "राज्य" not in headers
        assert section.revoke_button.text() not in ("रद्द करें", i18n.translate("Cancel", "hi"))
        section.deleteLater()
    finally:
        i18n.set_language(old)


def test_user_guide_covers_sending_and_the_desk_with_the_real_labels():
    """The guide explains Send, the Outbox, the Inbox and the desk's buttons, named as
    the interface names them in each language, and uses no sign the bundled fonts lack."""
    from khabar_editor import i18n
    from khabar_editor.ui.help_window import help_page

    labels = ["Outbox", "Inbox", "Show changes", "Return with note…", "Approve",
              "Add destination…", "Desk editor", "Signing keys"]
    for lang in ("en", "hi"):
        page = help_page("guide", lang)
        for label in labels:
            assert i18n.translate(label, lang) in page, (lang, label)
        assert "Ctrl+Shift+D" in page
        assert "⚠" not in page and "ⓘ" not in page


def test_outbox_dock_does_not_push_the_window_off_a_small_screen(window, qtbot):
    """Showing the Outbox (as the first Send does) leaves a 1366×768 window at 768 px:
    its buttons sit beside a table that may shrink to two rows (it asked 127 px)."""
    window.resize(1366, 768)
    window.outbox.dock.show()
    qtbot.wait(50)
    assert window.outbox.dock.minimumSizeHint().height() <= 90
    assert window.minimumSizeHint().height() <= 768
    assert window.height() == 768


def test_inbox_and_batch_export_say_one_package_in_the_singular(qtbot, khabar_dirs, tmp_path):
    """One package is "1 package" in the inbox count and the batch export dialog's title
    (was "1 packages"); two are plural."""
    from khabar_editor.ui.app import create_application
    from khabar_editor.ui.batch_export import BatchExportDialog
    from khabar_editor.ui.inbox_window import InboxWindow
    from tests.ui.desk_helpers import story, write_story

    create_application(["test"], "en")
    folder = tmp_path / "inbox"
    folder.mkdir()
    write_story(folder / "a.khabar", story())
    window = InboxWindow(None)
    qtbot.addWidget(window)
    window.set_folder(folder)
    qtbot.waitUntil(lambda: window.count_label.text() == "1 package", timeout=20000)
    write_story(folder / "b.khabar", story("दूसरी ख़बर"))
    window.rescan_changes()
    qtbot.waitUntil(lambda: window.count_label.text() == "2 packages", timeout=20000)
    dialog = BatchExportDialog(window, [folder / "a.khabar"])
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Export 1 package"
    window.close()


def test_correspondents_keys_section_keeps_its_rows_together(make_window, qtbot):
    """Without the desk's table, the Keys section of Preferences has its key line, its
    buttons and its message together at the top, not spread over the column."""
    from khabar_editor.ui.preferences import PreferencesDialog

    window = make_window(user_name="सुनीता कुमारी", identity_confirmed=True)
    dialog = PreferencesDialog(window.settings, window)
    dialog.show()
    qtbot.waitExposed(dialog)
    keys = dialog.keys
    assert not keys.desk_box.isVisible()
    assert keys.height() > 300  # the column is as tall as the form beside it
    line = keys.fontMetrics().height()
    label = keys.my_key  # not stretched, its text not floating mid-air
    assert label.height() <= label.heightForWidth(label.width()) + line, label.height()
    assert keys.create_button.geometry().top() - keys.my_key.geometry().bottom() <= 2 * line
    dialog.reject()


def test_photo_fields_show_the_start_of_a_long_caption(make_window):
    """The sample photo's caption and alt text are longer than their fields: they show
    from the start (they opened scrolled to the end, mid-word)."""
    from khabar_editor.app.sample import sample_package

    window = make_window()
    window.session.load_package(sample_package(), None, dirty=False)
    media = window.metadata.media
    for edit in (media.caption, media.alt):
        assert edit.text() and edit.cursorPosition() == 0


def _export_dialog(qtbot, tmp_path):
    from khabar_editor.settings import Settings
    from khabar_editor.ui.export_dialog import ExportDialog
    from tests.exporters.helpers import golden_package

    dialog = ExportDialog(None, golden_package(), str(tmp_path / "x.khabar"), settings=Settings())
    qtbot.addWidget(dialog)
    return dialog


def test_site_url_field_is_empty_until_the_newsroom_sets_one(qtbot, tmp_path):
    """Without a newsroom site the Site URL field is empty with a hint (it showed
    https://example.invalid as if it were the site); the export still uses that reserved
    address, and a typed address replaces it."""
    from khabar_editor.exporters.registry import PLACEHOLDER_SITE

    dialog = _export_dialog(qtbot, tmp_path)
    assert dialog.site_edit.text() == ""
    assert "example.invalid" in dialog.site_edit.placeholderText()
    assert dialog.export_button.isEnabled()
    assert dialog.export_context().site_url == PLACEHOLDER_SITE
    dialog.site_edit.setText("https://news.example.org")
    assert dialog.export_context().site_url == "https://news.example.org"


def test_one_export_warning_is_singular(qtbot, tmp_path):
    """The result line says "1 warning" for one warning and "2 warnings" for two."""
    dialog = _export_dialog(qtbot, tmp_path)
    dialog._on_done(str(tmp_path / "a.zip"), ["only one"])
    assert "1 warning; see the list above." in dialog.result_label.text()
    dialog._on_done(str(tmp_path / "a.zip"), ["one", "two"])
    assert "2 warnings; see the list above." in dialog.result_label.text()


def test_legacy_offer_does_not_cover_the_pasted_text(window, qtbot):
    """The legacy-font bar sits below (or above) the pasted lines, not over them: pasted
    on the first line of an empty body it used to hide exactly the text it asks about."""
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtGui import QGuiApplication, QTextCursor

    offer = window.legacy_paste.offer
    editor = window.editor
    QGuiApplication.clipboard().setText("Hkkjr esa vkidk LokXkr gS")
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(offer.isVisible, timeout=3000)
    cursor = QTextCursor(editor.document())
    cursor.setPosition(0)
    first = editor.cursorRect(cursor)
    cursor.setPosition(len(editor.toPlainText()))
    last = editor.cursorRect(cursor)
    pasted = QRect(0, first.top(), editor.viewport().width(), last.bottom() - first.top())
    pasted.translate(editor.viewport().mapTo(editor, pasted.topLeft()) - pasted.topLeft())
    assert not offer.geometry().intersects(pasted), (offer.geometry(), pasted)


def test_cancelled_passphrase_says_saves_are_unsigned(make_window, monkeypatch, tmp_path):
    """Cancelling the passphrase of one's signing key leaves a status-bar line saying the
    packages are now saved unsigned and how to unlock it (it was silent); entering it
    through Preferences → OK unlocks the key."""
    from khabar_editor.package import signing
    from khabar_editor.ui import desk_dialogs

    key = signing.generate_key("सुनीता कुमारी")
    key_path, _pub = signing.save_key(key, tmp_path / "my-key", passphrase="गुप्त-वाक्य 2026")
    window = make_window(user_name="सुनीता कुमारी", identity_confirmed=True,
                         signing_key_file=str(key_path))
    monkeypatch.setattr(desk_dialogs, "ask_passphrase", lambda *a, **k: None)
    assert not window.desk.unlock_signing_key()
    assert "saved unsigned" in window.statusBar().currentMessage()
    assert window.session.signing_key is None
    monkeypatch.setattr(desk_dialogs, "ask_passphrase", lambda *a, **k: "गुप्त-वाक्य 2026")
    window.desk.settings_changed()
    assert window.session.signing_key is not None

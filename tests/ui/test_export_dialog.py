"""The Export dialog driven through its real widgets, offscreen."""

from __future__ import annotations

import json
import zipfile

from khabar_editor.ui import export_dialog as dialog_module
from khabar_editor.ui.export_dialog import ExportDialog
from tests.exporters.helpers import golden_package


def test_export_chosen_formats_to_chosen_folder(qtbot, tmp_path, monkeypatch):
    """Checking two formats, setting the folder and pressing Export writes a zip with them."""
    pkg = golden_package()
    dialog = ExportDialog(None, pkg, str(tmp_path / "story.khabar"))
    qtbot.addWidget(dialog)
    assert dialog.folder_edit.text() == str(tmp_path)
    dialog.set_formats(["ninjs", "nitf"])
    out = tmp_path / "out"
    dialog.set_destination(str(out))
    assert dialog.export_button.isEnabled()
    with qtbot.waitSignal(dialog.exported, timeout=20000) as blocker:
        dialog.export_button.click()
    path = blocker.args[0]
    names = zipfile.ZipFile(path).namelist()
    assert any(n.endswith(".ninjs.json") for n in names)
    assert any(n.endswith(".nitf.xml") for n in names)
    assert not any(n.endswith(".html") for n in names)
    assert "media/digha-ghat.jpg" in names and "manifest.json" in names
    assert dialog.progress.value() == 100 and dialog.open_button.isEnabled()
    opened = []
    monkeypatch.setattr(dialog_module.QDesktopServices, "openUrl", lambda url: opened.append(url))
    dialog.open_button.click()
    assert opened and opened[0].toLocalFile() == str(out)


def test_folder_option_and_web_renditions(qtbot, tmp_path):
    """Unticking 'zip' writes a folder; ticking web copies adds scaled photos."""
    dialog = ExportDialog(None, golden_package(), None)
    qtbot.addWidget(dialog)
    dialog.set_formats(["html"])
    dialog.set_destination(str(tmp_path))
    dialog.zip_box.setChecked(False)
    dialog.web_box.setChecked(True)
    with qtbot.waitSignal(dialog.exported, timeout=20000) as blocker:
        dialog.export_button.click()
    folder = tmp_path / blocker.args[0].rsplit("/", 1)[-1]
    assert folder.is_dir()
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert "media/web/digha-ghat.jpg" in [f["path"] for f in manifest["files"]]


def test_errors_block_export_and_are_listed(qtbot, tmp_path):
    """An article without headline and byline cannot be exported; the reasons are shown."""
    pkg = golden_package()
    pkg.article.headline = ""
    pkg.article.byline.name = ""
    dialog = ExportDialog(None, pkg, str(tmp_path / "x.khabar"))
    qtbot.addWidget(dialog)
    items = [dialog.problem_list.item(i).text() for i in range(dialog.problem_list.count())]
    assert any("headline is missing" in t for t in items)
    assert any("byline" in t for t in items)
    assert not dialog.export_button.isEnabled()


def test_no_format_disables_export(qtbot, tmp_path):
    """With every format unticked the Export button is off."""
    dialog = ExportDialog(None, golden_package(), str(tmp_path / "x.khabar"))
    qtbot.addWidget(dialog)
    dialog.set_formats([])
    assert not dialog.export_button.isEnabled()
    dialog.set_formats(["text"])
    assert dialog.export_button.isEnabled()


def test_failure_is_reported_not_raised(qtbot, tmp_path):
    """A destination that is a file gives a clear message in the dialog."""
    blocker_file = tmp_path / "file"
    blocker_file.write_text("x")
    dialog = ExportDialog(None, golden_package(), None)
    qtbot.addWidget(dialog)
    dialog.set_formats(["text"])
    dialog.set_destination(str(blocker_file))
    with qtbot.waitSignal(dialog.export_failed, timeout=20000):
        dialog.export_button.click()
    assert "Export failed" in dialog.result_label.text()
    assert not dialog.open_button.isEnabled()


def test_accepts_package_then_parent(qtbot):
    """The main window's call order (package, parent) works too."""
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = ExportDialog(golden_package(), parent)
    assert dialog.parent() is parent and dialog.package.article.headline


def test_hindi_interface(qtbot, tmp_path):
    """In Hindi the dialog's labels and the gate's messages are Hindi."""
    from khabar_editor import i18n

    i18n.set_language("hi")
    pkg = golden_package()
    pkg.article.media[0].credit = ""
    dialog = ExportDialog(None, pkg, str(tmp_path / "x.khabar"))
    qtbot.addWidget(dialog)
    assert dialog.export_button.text() == "निर्यात"
    assert dialog.format_boxes["html"].text() == "वेब पेज (HTML)"
    items = [dialog.problem_list.item(i).text() for i in range(dialog.problem_list.count())]
    assert any(t.startswith("चेतावनी:") for t in items)


def _export(qtbot, dialog, folder) -> str:
    dialog.set_destination(str(folder))
    assert dialog.export_button.isEnabled(), dialog.settings_label.text()
    with qtbot.waitSignal(dialog.exported, timeout=20000) as blocker:
        dialog.export_button.click()
    return blocker.args[0]


def test_newsroom_settings_reach_the_exporter_and_are_remembered(qtbot, tmp_path):
    """Agency, media base URL and time zone typed in the dialog reach the wire text and the
    WXR, and come back in a new dialog under the same profile name (saved to settings.json)."""
    from khabar_editor.settings import Settings, load_settings
    from tests.exporters.helpers import parse_wxr

    settings = Settings()
    dialog = ExportDialog(None, golden_package(), None, settings=settings)
    qtbot.addWidget(dialog)
    dialog.profile_combo.setEditText("पटना डेस्क")
    dialog.provider_edit.setText("बिहार समाचार सेवा")
    dialog.site_edit.setText("https://news.example.org")
    dialog.media_edit.setText("https://cdn.example.org/m/")
    dialog.zone_combo.setEditText("america/new_york")
    dialog.set_formats(["wxr", "text"])
    path = _export(qtbot, dialog, tmp_path)
    with zipfile.ZipFile(path) as zf:
        text = next(zf.read(n) for n in zf.namelist() if n.endswith(".txt")).decode("utf-8")
        wxr = parse_wxr(next(zf.read(n) for n in zf.namelist() if n.endswith(".wxr.xml")))
    assert "पटना, 28 नवंबर 2026 (बिहार समाचार सेवा)।" in text and "(खबर एडिटर)।" not in text
    urls = [p["attachment_url"] for p in wxr["posts"] if p.get("attachment_url")]
    assert urls == ["https://cdn.example.org/m/digha-ghat.jpg",
                    "https://cdn.example.org/m/raahat-shivir.jpg"]
    assert wxr["posts"][0]["post_date"] == "2026-11-27 23:00:00"  # 09:30 IST in New York
    saved = load_settings().export_profiles["पटना डेस्क"]
    assert saved["timezone"] == "America/New_York" and saved["formats"] == ["wxr", "text"]
    again = ExportDialog(None, golden_package(), None, settings=load_settings())
    qtbot.addWidget(again)
    assert again.profile_combo.currentText() == "पटना डेस्क"
    assert again.provider_edit.text() == "बिहार समाचार सेवा"
    assert again.zone_combo.currentText() == "America/New_York"
    assert again.selected_formats() == ["wxr", "text"]


def test_choosing_a_profile_loads_its_values(qtbot):
    """Two newsroom profiles: picking one from the list shows its agency, site and zone."""
    from khabar_editor.settings import Settings

    settings = Settings(export_profiles={
        "Kathmandu": {"provider": "नेपाल समाचार", "site_url": "https://np.example.org",
                      "timezone": "Asia/Kathmandu", "formats": ["ninjs-1.6"]},
        "Delhi": {"provider": "दिल्ली ब्यूरो", "site_url": "https://dl.example.org",
                  "timezone": "Bad/Zone", "formats": ["nitf", "no-such-format"]},
    }, export_profile="Delhi")
    dialog = ExportDialog(None, golden_package(), None, settings=settings)
    qtbot.addWidget(dialog)
    assert dialog.provider_edit.text() == "दिल्ली ब्यूरो"
    assert dialog.zone_combo.currentText() == "Asia/Kolkata"  # bad stored zone: the default
    assert dialog.selected_formats() == ["nitf"]
    dialog.profile_combo.textActivated.emit("Kathmandu")
    assert (dialog.provider_edit.text(), dialog.site_edit.text(),
            dialog.zone_combo.currentText()) == ("नेपाल समाचार", "https://np.example.org",
                                                 "Asia/Kathmandu")
    assert dialog.selected_formats() == ["ninjs-1.6"]


def test_bad_newsroom_values_block_export_with_the_cli_message(qtbot, tmp_path):
    """A site URL or zone the CLI would refuse disables Export and says why; fixing it
    enables Export again. A Nepali article starts on Kathmandu time."""
    from khabar_editor.article.model import Language
    from khabar_editor.settings import Settings

    pkg = golden_package()
    pkg.article.language = Language.NEPALI
    dialog = ExportDialog(None, pkg, str(tmp_path / "x.khabar"), settings=Settings())
    qtbot.addWidget(dialog)
    assert dialog.zone_combo.currentText() == "Asia/Kathmandu"
    assert dialog.export_button.isEnabled()
    dialog.site_edit.setText("ftp://example.org")
    assert not dialog.export_button.isEnabled()
    assert "http:// or https://" in dialog.settings_label.text()
    dialog.site_edit.setText("https://example.org")
    dialog.zone_combo.setEditText("Mars/Olympus")
    assert not dialog.export_button.isEnabled()
    assert "'Mars/Olympus' is not a time zone name" in dialog.settings_label.text()
    dialog.zone_combo.setEditText("Asia/Kolkata")
    assert dialog.export_button.isEnabled() and not dialog.settings_label.isVisible()

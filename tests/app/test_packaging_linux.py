"""Linux desktop integration files: valid XML, and the MIME magic matches real packages."""

from __future__ import annotations

import configparser
from pathlib import Path

from lxml import etree

from khabar_editor.app.sample import sample_package
from khabar_editor.package import MIMETYPE, write_package

LINUX = Path(__file__).resolve().parents[2] / "packaging" / "linux"
NS = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}


def test_mime_magic_matches_a_written_package(tmp_path):
    """The shared-mime-info magic (string at offset 38) matches a saved .khabar."""
    tree = etree.parse(str(LINUX / "in.khabar.KhabarEditor.mime.xml"))
    mime = tree.find("m:mime-type", NS)
    assert mime.get("type") == MIMETYPE
    assert tree.find(".//m:glob", NS).get("pattern") == "*.khabar"
    match = tree.find(".//m:match", NS)
    offset, value = int(match.get("offset")), match.get("value")
    target = tmp_path / "a.khabar"
    write_package(target, sample_package())
    assert target.read_bytes()[offset:offset + len(value)] == value.encode()


def test_desktop_file_opens_khabar_files():
    """The .desktop entry runs khabar-editor with a file and lists the MIME type."""
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read(LINUX / "in.khabar.KhabarEditor.desktop", encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Exec"] == "khabar-editor %f" and entry["Type"] == "Application"
    assert MIMETYPE in entry["MimeType"].split(";")


def test_metainfo_names_the_desktop_file():
    """The AppStream file launches the same desktop id."""
    tree = etree.parse(str(LINUX / "in.khabar.KhabarEditor.metainfo.xml"))
    assert tree.findtext("id") == "in.khabar.KhabarEditor"
    assert tree.findtext("launchable") == "in.khabar.KhabarEditor.desktop"

"""The inbox lists unpacked package folders (mimetype + manifest.json) beside .khabar files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from khabar_editor.app.inbox import change_stamp, is_package_folder, package_files, scan_folder
from khabar_editor.article.model import Article, Byline, Status
from khabar_editor.package import new_package, write_package
from khabar_editor.package.signing import Integrity, KeyStore
from khabar_editor.package.writer import unpack_to_folder


def _story(path: Path, headline: str) -> None:
    write_package(path, new_package(Article(headline=headline, byline=Byline("रमेश"),
                                            status=Status.SUBMITTED, body="दो शब्द")), who="रमेश")


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    _story(folder / "a.khabar", "पहली ख़बर")
    _story(tmp_path / "b.khabar", "दूसरी ख़बर")
    unpack_to_folder(tmp_path / "b.khabar", folder / "b-unpacked")
    return folder


def test_unpacked_folder_is_listed_and_read(inbox: Path, tmp_path: Path):
    """An unpacked package folder is a row with its headline, intact, next to the zip."""
    entries = {e.path.name: e for e in scan_folder(inbox, keys=KeyStore(tmp_path / "k"))}
    assert sorted(entries) == ["a.khabar", "b-unpacked"]
    folder_entry = entries["b-unpacked"]
    assert folder_entry.headline == "दूसरी ख़बर" and folder_entry.words == 2
    assert folder_entry.integrity is Integrity.INTACT and folder_entry.ok


def test_other_folders_are_not_packages(inbox: Path):
    """A folder with only one of the two files, a plain folder, a folder whose manifest is a
    folder and a link to a package folder are all left out."""
    (inbox / "photos").mkdir()
    half = inbox / "half"
    half.mkdir()
    (half / "mimetype").write_text("application/vnd.khabar+zip")
    odd = inbox / "odd"
    (odd / "manifest.json").mkdir(parents=True)
    (odd / "mimetype").write_text("x")
    os.symlink(inbox / "b-unpacked", inbox / "link")
    (inbox / ".hidden").mkdir()
    assert [p.name for p in package_files(inbox)] == ["a.khabar", "b-unpacked"]
    assert not is_package_folder(inbox / "link") and not is_package_folder(half)


def test_tampered_folder_is_listed_as_changed(inbox: Path, tmp_path: Path):
    """An unpacked package whose article was edited by hand is listed with a reason."""
    article = inbox / "b-unpacked" / "article.md"
    article.write_bytes(article.read_bytes().replace("दो".encode(), "तीन".encode()))
    entry = {e.path.name: e for e in scan_folder(inbox, keys=KeyStore(tmp_path / "k"))}[
        "b-unpacked"]
    assert entry.integrity is not Integrity.INTACT and entry.problem


def test_change_stamp_follows_the_manifest_of_a_folder(inbox: Path):
    """A package folder's change stamp is its manifest's, so a re-save is noticed."""
    manifest = inbox / "b-unpacked" / "manifest.json"
    before = change_stamp(inbox / "b-unpacked")
    os.utime(manifest, ns=(1_000_000_000, 1_000_000_000))
    assert change_stamp(inbox / "b-unpacked") != before
    assert change_stamp(inbox / "b-unpacked")[1] == 1_000_000_000

"""The inbox lists every package, hostile ones with their reason, and searches without nukta."""

from __future__ import annotations

import shutil
from pathlib import Path

from khabar_editor.app.inbox import matches, scan_folder, search_key
from khabar_editor.article.model import Article, Byline, Dateline, Status
from khabar_editor.package import new_package, write_package
from khabar_editor.package.signing import Integrity, KeyStore, SignatureState

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile"


def test_hostile_packages_are_listed_with_a_reason(tmp_path: Path):
    """Every hostile fixture yields one entry with a reason; none raises; good ones are intact."""
    for item in HOSTILE.glob("*.khabar"):
        if item.is_file():
            shutil.copy(item, tmp_path / item.name)
    write_package(tmp_path / "good.khabar", new_package(Article(
        headline="ज़िले में बाढ़", byline=Byline("रमेश"), dateline=Dateline("सहरसा"),
        status=Status.SUBMITTED, body="दो शब्द")), who="रमेश")
    entries = {e.path.name: e for e in scan_folder(tmp_path, keys=KeyStore(tmp_path / "keys"))}
    assert len(entries) == len(list(tmp_path.glob("*.khabar")))
    good = entries.pop("good.khabar")
    assert (good.headline, good.place, good.words, good.status) == ("ज़िले में बाढ़", "सहरसा", 2,
                                                                    "submitted")
    assert good.integrity is Integrity.INTACT and good.signature is SignatureState.UNSIGNED
    bad = [e for e in entries.values() if e.integrity is not Integrity.INTACT]
    assert len(bad) >= len(entries) - 5  # a few fixtures only carry warnings
    assert all(e.problem for e in bad)
    assert entries["checksum.khabar"].integrity is Integrity.CHANGED
    assert entries["absolute_path.khabar"].integrity is Integrity.UNSAFE


def test_search_is_nukta_insensitive(tmp_path: Path):
    """ज़िला finds जिला and back; every query word must occur."""
    write_package(tmp_path / "a.khabar", new_package(Article(headline="जिले में बाढ़")))
    entry = next(scan_folder(tmp_path, keys=KeyStore(tmp_path / "k")))
    assert matches(entry, "ज़िले") and matches(entry, "बाढ") and not matches(entry, "ज़िले सूखा")
    assert search_key("ज़िला") == search_key("जिला")

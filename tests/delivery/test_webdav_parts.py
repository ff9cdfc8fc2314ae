"""Stale ``.part`` uploads on a real WebDAV server (wsgidav) are cleaned by the next send."""

from __future__ import annotations

import uuid

import httpx

from khabar_editor.delivery.base import Job
from khabar_editor.delivery.webdav import is_own_part, listed_names, part_name
from tests.delivery.helpers import dav_factory, write_golden


def _put(webdav, name: str, data: bytes) -> None:
    """Upload ``data`` as ``name`` the way an interrupted send would have (a real PUT)."""
    from urllib.parse import quote

    with httpx.Client(auth=(webdav.user, webdav.password), timeout=30) as client:
        answer = client.put(webdav.url + "/" + quote(name), content=data)
    assert answer.status_code in (201, 204), answer.text


def test_send_deletes_only_this_packages_stale_parts(webdav, tmp_path):
    """A send first deletes the ``.part`` files an earlier, killed send of the same
    package left (under its current and under an older final name, Devanagari names
    included); another package's upload in progress and ordinary files stay."""
    story = tmp_path / "बाढ़-पटना.khabar"
    article = write_golden(story)
    other_id = str(uuid.uuid4())
    ours_now = part_name("बाढ़-पटना.khabar", article.id)
    ours_old = part_name("old name.khabar", article.id)
    theirs = part_name("बाढ़-पटना.khabar", other_id)
    for name in (ours_now, ours_old, theirs, "notes.part", "keep.khabar"):
        _put(webdav, name, b"PK\x03\x04 half an upload")
    inbox = webdav.root / "inbox"
    assert {ours_now, ours_old} <= {p.name for p in inbox.iterdir()}

    destination = dav_factory(webdav)("inbox")
    result = destination.send(Job(str(story), story.name, article.id))

    names = {p.name for p in inbox.iterdir()}
    assert ours_now not in names and ours_old not in names
    assert {theirs, "notes.part", "keep.khabar", "बाढ़-पटना.khabar"} <= names
    assert (inbox / "बाढ़-पटना.khabar").read_bytes() == story.read_bytes()
    assert result.url.endswith("/inbox/" + "%E0%A4%AC%E0%A4%BE%E0%A4%A2%E0%A4%BC-"
                               "%E0%A4%AA%E0%A4%9F%E0%A4%A8%E0%A4%BE.khabar")
    for name in (theirs, "notes.part", "keep.khabar"):
        (inbox / name).unlink()


def test_part_names_and_listing_parser():
    """Only hidden names ending in this package's id and ``.part`` count as ours; the
    listing parser unquotes hrefs, skips folders and survives hostile XML."""
    pid = "0f3c2a1b-9d8e-4c7b-a6f5-e4d3c2b1a090"
    assert is_own_part(part_name("x.khabar", pid), pid)
    assert not is_own_part("x.khabar." + pid[:12] + ".part", pid)  # not hidden
    assert not is_own_part(part_name("x.khabar", "ffffffff-" + pid[9:]), pid)
    xml = ('<?xml version="1.0"?><d:multistatus xmlns:d="DAV:">'
           '<d:response><d:href>/inbox/</d:href></d:response>'
           '<d:response><d:href>http://h/inbox/%E0%A4%95.part</d:href></d:response>'
           '</d:multistatus>').encode()
    assert listed_names(xml) == ["क.part"]
    bomb = (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
            b'<d:multistatus xmlns:d="DAV:"><d:href>/x/&b;</d:href></d:multistatus>')
    assert all("aaaaaaaaaa" not in n for n in listed_names(bomb))
    assert listed_names(b"not xml at all <") == []

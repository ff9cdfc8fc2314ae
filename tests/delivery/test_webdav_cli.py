"""``khabar send`` / ``destinations`` / ``outbox`` against a real WebDAV server."""

from __future__ import annotations

import json
from pathlib import Path

from khabar_editor.cli.main import main
from khabar_editor.delivery.outbox import Outbox
from tests.delivery.helpers import write_golden


def _add_inbox(webdav, monkeypatch, capsys) -> None:
    monkeypatch.setenv("KHABAR_PASSWORD", webdav.password)
    assert main(["destinations", "add", "inbox", "--webdav", webdav.url,
                 "--user", webdav.user]) == 0
    capsys.readouterr()


def _send(capsys, *files: Path) -> tuple[int, list[dict]]:
    code = main(["send", *map(str, files), "--to", "inbox", "--json"])
    return code, json.loads(capsys.readouterr().out)


def test_upload_lands_atomically_and_resend_overwrites(webdav, delivery_dirs, monkeypatch,
                                                       capsys, memory_keyring):
    """The package is PUT under a temporary name and MOVEd over the final one with
    Overwrite: T; a second send replaces the file; no temporary file is left."""
    _add_inbox(webdav, monkeypatch, capsys)
    story = delivery_dirs / "baadh-patna.khabar"
    article = write_golden(story)
    log_start = len(webdav.requests())
    code, rows = _send(capsys, story)
    assert code == 0
    assert rows == [{"file": str(story), "destination": "inbox", "state": "sent",
                     "url": webdav.url + "/baadh-patna.khabar", "problems": []}]
    inbox = webdav.root / "inbox"
    assert (inbox / "baadh-patna.khabar").read_bytes() == story.read_bytes()
    writes = [r for r in webdav.requests()[log_start:] if r["method"] in ("PUT", "MOVE")]
    assert [r["method"] for r in writes] == ["PUT", "MOVE"]
    assert writes[0]["path"] != "/inbox/baadh-patna.khabar"
    assert writes[0]["path"].startswith("/inbox/.baadh-patna.khabar.")
    assert writes[1]["destination"].endswith("/inbox/baadh-patna.khabar")
    assert writes[1]["overwrite"] == "T"

    write_golden(story, id=article.id, headline="गंगा का पानी उतरा")
    code, rows = _send(capsys, story)
    assert code == 0 and rows[0]["state"] == "sent"
    assert (inbox / "baadh-patna.khabar").read_bytes() == story.read_bytes()
    assert [p.name for p in inbox.iterdir() if "baadh-patna" in p.name] == ["baadh-patna.khabar"]
    assert not any(r["method"] == "PUT" and r["path"] == "/inbox/baadh-patna.khabar"
                   for r in webdav.requests())


def test_password_lives_in_keyring_not_in_files(webdav, delivery_dirs, monkeypatch, capsys,
                                                memory_keyring):
    """``destinations add`` puts the password in the keyring only; ``send`` without
    KHABAR_PASSWORD uses it; ``remove`` deletes it."""
    _add_inbox(webdav, monkeypatch, capsys)
    assert list(memory_keyring.store.values()) == [webdav.password]
    for path in (delivery_dirs / "config").rglob("*"):
        if path.is_file():
            assert webdav.password not in path.read_text("utf-8", "replace")
    monkeypatch.delenv("KHABAR_PASSWORD")
    story = delivery_dirs / "story.khabar"
    write_golden(story)
    assert _send(capsys, story)[0] == 0
    assert main(["destinations", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed[0]["password_saved"] is True and listed[0]["kind"] == "webdav"
    assert main(["destinations", "remove", "inbox"]) == 0
    assert memory_keyring.store == {}
    capsys.readouterr()
    assert main(["destinations", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_without_keyring_nothing_is_stored_and_env_password_works(webdav, delivery_dirs,
                                                                 monkeypatch, capsys,
                                                                 no_keyring):
    """With no keyring the user is told the password was not saved, no file holds it,
    and sending works with KHABAR_PASSWORD."""
    monkeypatch.setenv("KHABAR_PASSWORD", webdav.password)
    assert main(["destinations", "add", "inbox", "--webdav", webdav.url,
                 "--user", webdav.user]) == 0
    captured = capsys.readouterr()
    assert "No password store (keyring)" in captured.err
    for path in delivery_dirs.rglob("*"):
        if path.is_file():
            assert webdav.password not in path.read_text("utf-8", "replace")
    story = delivery_dirs / "story.khabar"
    write_golden(story)
    assert _send(capsys, story)[0] == 0
    monkeypatch.delenv("KHABAR_PASSWORD")
    code = main(["send", str(story), "--to", "inbox"])
    assert code == 2
    assert "KHABAR_PASSWORD" in capsys.readouterr().err


def test_server_down_keeps_item_queued_then_retry_sends_it(webdav, delivery_dirs, monkeypatch,
                                                          capsys, memory_keyring):
    """With the server stopped the send fails as retryable (exit 1, item kept); after the
    server returns, ``khabar outbox --retry`` sends it once."""
    _add_inbox(webdav, monkeypatch, capsys)
    story = delivery_dirs / "offline.khabar"
    write_golden(story)
    webdav.stop()
    try:
        code, rows = _send(capsys, story)
        assert code == 1 and rows[0]["state"] == "failed"
        assert "Cannot reach" in rows[0]["problems"][0]
        assert "tried again after" in rows[0]["problems"][1]
        assert [i.state for i in Outbox().items()] == ["failed"]
    finally:
        webdav.start()
    assert main(["outbox", "--retry", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["state"] for r in rows] == ["sent"]
    assert (webdav.root / "inbox" / "offline.khabar").read_bytes() == story.read_bytes()


def test_wrong_password_and_bad_file_are_reported_and_change_nothing(webdav, delivery_dirs,
                                                                    monkeypatch, capsys,
                                                                    memory_keyring):
    """A wrong password fails with a clear reason (exit 1); a file that is not a package
    is refused and never queued; an unknown destination is a usage error."""
    monkeypatch.setenv("KHABAR_PASSWORD", "not the password")
    assert main(["destinations", "add", "inbox", "--webdav", webdav.url,
                 "--user", webdav.user]) == 0
    capsys.readouterr()
    story = delivery_dirs / "wrongpass.khabar"
    write_golden(story)
    junk = delivery_dirs / "junk.khabar"
    junk.write_bytes(b"not a zip")
    code, rows = _send(capsys, story, junk)
    assert code == 1
    assert rows[0]["state"] == "failed" and "did not accept the user" in rows[0]["problems"][0]
    assert rows[1]["state"] == "failed" and rows[1]["problems"]
    assert [i.file for i in Outbox().items()] == [str(story.resolve())]
    assert not (webdav.root / "inbox" / "wrongpass.khabar").exists()
    assert main(["send", str(story), "--to", "nowhere"]) == 2
    assert "no destination called 'nowhere'" in capsys.readouterr().err

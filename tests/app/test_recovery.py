"""Autosave to the recovery area and the restore offer after a crash."""

from __future__ import annotations

import json
import os

from khabar_editor.app.recovery import RecoveryStore
from khabar_editor.app.session import DocumentSession, RestoreChoice, SaveChoice
from khabar_editor.settings import Settings, State

TEXT = "बाढ़ का पानी उतर रहा है। क्षति का आकलन जारी।"


def _crash(store: RecoveryStore, session_id: str) -> None:
    """Pretend the writer died: point the entry at a process that does not exist."""
    entry = store.entry_path(session_id)
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["pid"] = 2 ** 22 + 12345
    entry.write_text(json.dumps(data), encoding="utf-8")


def test_autosave_only_when_dirty_and_changed(session, view):
    """Nothing is written for a clean document; a change is written once."""
    assert not session.autosave()
    view.pending_body = TEXT
    session.mark_changed()
    assert session.autosave()
    assert not session.autosave()  # nothing new since
    entry = session.recovery.entry_path(session.session_id)
    assert TEXT in json.loads(entry.read_text(encoding="utf-8"))["article_md"]


def test_running_session_entry_is_not_offered(session, view):
    """An entry of a live process (this one) is not an orphan."""
    view.pending_body = TEXT
    session.mark_changed()
    session.autosave()
    assert session.recovery.orphans() == []


def test_restore_after_crash_opens_modified_and_keeps_original_path(dirs, view, tmp_path):
    """Restored text opens dirty, tied to the original file, which is left untouched."""
    store = RecoveryStore(dirs[1] / "recovery")
    first = DocumentSession(view, Settings(), State(), store)
    view.session = first
    first.article.headline = "मूल"
    view.save_path = tmp_path / "own.khabar"
    first.mark_changed()
    assert first.save()
    own_bytes = (tmp_path / "own.khabar").read_bytes()
    view.pending_body = TEXT
    first.mark_changed()
    assert first.autosave()
    _crash(store, first.session_id)

    second = DocumentSession(view, Settings(), State(), store)
    view.session = second
    view.restore_choice = RestoreChoice.RESTORE
    assert second.offer_recovery()
    assert second.article.body.strip() == TEXT
    assert second.dirty and second.path == tmp_path / "own.khabar"
    assert (tmp_path / "own.khabar").read_bytes() == own_bytes
    assert len(second.package.revisions) >= 1  # history of the user's file kept


def test_later_keeps_entry_discard_deletes_it(dirs, view):
    """'Later' leaves the entry for next time; 'Discard' removes it."""
    store = RecoveryStore(dirs[1] / "recovery")
    first = DocumentSession(view, Settings(), State(), store)
    view.session = first
    view.pending_body = TEXT
    first.mark_changed()
    first.autosave()
    _crash(store, first.session_id)
    second = DocumentSession(view, Settings(), State(), store)
    view.restore_choice = RestoreChoice.LATER
    assert not second.offer_recovery()
    assert len(store.orphans()) == 1
    view.restore_choice = RestoreChoice.DISCARD
    assert not second.offer_recovery()
    assert store.orphans() == []


def test_clean_save_and_close_remove_entry(session, view, tmp_path):
    """Saving removes the recovery entry; so does closing without saving."""
    view.pending_body = TEXT
    session.mark_changed()
    session.autosave()
    entry = session.recovery.entry_path(session.session_id)
    assert entry.exists()
    view.save_path = tmp_path / "x.khabar"
    assert session.save()
    assert not entry.exists()
    session.mark_changed()
    session.autosave()
    entry = session.recovery.entry_path(session.session_id)
    assert entry.exists()
    view.save_choice = SaveChoice.DISCARD
    assert session.close()
    assert not entry.exists()


def test_corrupt_entry_is_skipped(dirs):
    """Garbage in the recovery folder is ignored, not offered, not fatal."""
    folder = dirs[1] / "recovery"
    folder.mkdir(parents=True)
    (folder / "junk.json").write_text("{not json", encoding="utf-8")
    (folder / "other.json").write_text(json.dumps({"pid": 0}), encoding="utf-8")
    assert RecoveryStore(folder).orphans() == []


def test_recovery_media_names_cannot_escape(dirs, session):
    """A media key with path parts is not written outside the entry's folder."""
    store = session.recovery
    store.write("abc", session.article, "", {"media/../../evil.jpg": b"x", "media/ok.jpg": b"y"})
    assert (store.media_dir("abc") / "ok.jpg").read_bytes() == b"y"
    assert not any(p.name == "evil.jpg" for p in dirs[1].rglob("*"))
    assert os.listdir(store.media_dir("abc")) == ["ok.jpg"]


def test_restore_keeps_newsroom_words_of_an_unsaved_article(dirs, view):
    """Words added to a never-saved article's newsroom list come back after a crash."""
    store = RecoveryStore(dirs[1] / "recovery")
    first = DocumentSession(view, Settings(), State(), store)
    view.session = first
    first.package.wordlist.append("नवहट्टा")
    view.pending_body = TEXT
    first.mark_changed()
    assert first.autosave()
    _crash(store, first.session_id)

    second = DocumentSession(view, Settings(), State(), store)
    view.session = second
    assert second.offer_recovery()
    assert second.package.wordlist == ["नवहट्टा"]


def test_killed_but_unreaped_writer_counts_as_crashed(dirs):
    """A SIGKILLed editor its parent has not reaped yet (a zombie) is not a running session."""
    import signal
    import subprocess
    import sys
    import time

    from khabar_editor.app import recovery

    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        started = recovery._proc_stat(child.pid)[1]
        assert recovery._pid_alive(child.pid, started)
        assert not recovery._pid_alive(child.pid, "1")  # same id, another process
        os.kill(child.pid, signal.SIGKILL)
        deadline = time.monotonic() + 5
        while recovery._proc_stat(child.pid)[0] != "Z" and time.monotonic() < deadline:
            time.sleep(0.02)
        assert not recovery._pid_alive(child.pid, started)  # zombie: not reaped yet
    finally:
        child.kill()
        child.wait()

"""The crash-recovery autosave serialises and writes on a worker thread, one at a time."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

from khabar_editor.app import recovery as recovery_mod
from khabar_editor.app.recovery import RecoveryStore
from khabar_editor.app.session import DocumentSession, SaveChoice
from khabar_editor.settings import Settings, State

from tests.ui.conftest import type_text

SENTENCE = "बाढ़ का पानी उतर रहा है और क्षति का आकलन जारी है। "


class _View:
    """The least a session needs from a window (no dialogs, no Qt)."""

    def __init__(self, save_path: Path | None = None) -> None:
        self.save_path = save_path

    def ask_save_changes(self, name):
        return SaveChoice.DISCARD

    def ask_save_path(self, suggested_name):
        return self.save_path

    def ask_restore(self, info):
        raise AssertionError("not expected")

    def show_error(self, message):
        raise AssertionError(message)

    def document_loaded(self):
        pass

    def state_changed(self):
        pass

    def flush_edits(self):
        pass


def _session(tmp_path, monkeypatch, save_path=None) -> DocumentSession:
    monkeypatch.setenv("KHABAR_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("KHABAR_DATA_DIR", str(tmp_path / "data"))
    return DocumentSession(_View(save_path), Settings(), State(),
                           RecoveryStore(tmp_path / "data" / "recovery"))


def _gate_to_markdown(monkeypatch):
    """Make the worker's serialisation wait for a go-ahead; count concurrent writers."""
    real = recovery_mod.to_markdown
    go, started = threading.Event(), threading.Event()
    stats = {"running": 0, "most": 0, "threads": set()}
    lock = threading.Lock()

    def gated(article):
        with lock:
            stats["running"] += 1
            stats["most"] = max(stats["most"], stats["running"])
            stats["threads"].add(threading.get_ident())
        started.set()
        go.wait(10)
        try:
            return real(article)
        finally:
            with lock:
                stats["running"] -= 1

    monkeypatch.setattr(recovery_mod, "to_markdown", gated)
    return go, started, stats


def test_window_autosave_serialises_off_the_gui_thread(make_window, qtbot, monkeypatch):
    """The timer's autosave never runs to_markdown on the GUI thread and still lands."""
    go, _started, stats = _gate_to_markdown(monkeypatch)
    window = make_window(autosave_seconds=3600)
    type_text(window.editor, "स्वतः सहेजा गया")
    window.autosave_timer.timeout.emit()  # what the timer does
    assert window.session.autosave_running()
    go.set()
    assert window.session.wait_for_autosave(10)
    assert threading.get_ident() not in stats["threads"] and stats["threads"]
    entry = window.session.recovery.entry_path(window.session.session_id)
    assert "स्वतः सहेजा गया" in json.loads(entry.read_text(encoding="utf-8"))["article_md"]


def test_never_two_autosaves_at_once(tmp_path, monkeypatch):
    """While one autosave is being written the next tick starts none; afterwards it does."""
    go, started, stats = _gate_to_markdown(monkeypatch)
    session = _session(tmp_path, monkeypatch)
    session.article.body = "पहला"
    session.mark_changed()
    assert session.autosave(background=True)
    assert started.wait(10)
    session.article.body = "दूसरा"
    session.mark_changed()
    assert not session.autosave(background=True)  # one is still running
    go.set()
    assert session.wait_for_autosave(10)
    assert session.autosave(background=True)  # the change is not lost
    assert session.wait_for_autosave(10)
    assert stats["most"] == 1
    entry = session.recovery.entry_path(session.session_id)
    assert "दूसरा" in json.loads(entry.read_text(encoding="utf-8"))["article_md"]


def test_snapshot_is_taken_before_later_edits(tmp_path, monkeypatch):
    """Edits made while the worker runs do not leak into the entry being written."""
    go, started, _stats = _gate_to_markdown(monkeypatch)
    session = _session(tmp_path, monkeypatch)
    session.article.body = "पहला पाठ"
    session.article.headline = "शीर्षक"
    session.mark_changed()
    assert session.autosave(background=True)
    assert started.wait(10)
    session.article.body = "बाद का पाठ"
    session.article.tags.append("बाद")
    go.set()
    assert session.wait_for_autosave(10)
    text = json.loads(session.recovery.entry_path(session.session_id)
                      .read_text(encoding="utf-8"))["article_md"]
    assert "पहला पाठ" in text and "बाद" not in text


def test_save_during_background_autosave_leaves_no_entry(tmp_path, monkeypatch):
    """A clean save while an autosave is in flight: the late write does not bring the entry back."""
    go, started, _stats = _gate_to_markdown(monkeypatch)
    session = _session(tmp_path, monkeypatch, save_path=tmp_path / "own.khabar")
    session.article.headline = "शीर्षक"
    session.article.body = "सहेजा जाने वाला पाठ"
    session.mark_changed()
    assert session.autosave(background=True)
    assert started.wait(10)
    assert session.save()  # while the worker is still serialising
    go.set()
    assert session.wait_for_autosave(10)
    assert not session.recovery.entry_path(session.session_id).exists()
    assert not session.dirty


def test_failed_background_write_is_retried(tmp_path, monkeypatch):
    """A worker that fails (disk full) leaves the change pending for the next tick."""
    session = _session(tmp_path, monkeypatch)
    real_write = session.recovery.write
    calls = {"n": 0}

    def failing_once(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 1:
            raise OSError(28, "No space left on device")
        return real_write(*args, **kwargs)

    monkeypatch.setattr(session.recovery, "write", failing_once)
    session.article.body = "पाठ"
    session.mark_changed()
    assert session.autosave(background=True)
    assert session.wait_for_autosave(10)
    assert not session.recovery.entry_path(session.session_id).exists()
    assert session.autosave(background=True)
    assert session.wait_for_autosave(10)
    assert session.recovery.entry_path(session.session_id).exists()


def _gui_seconds(session: DocumentSession, background: bool) -> float:
    """Best of five: CPU time of the caller's thread in one autosave call.

    CPU rather than wall time: waiting for the GIL while the worker runs is not
    work the GUI thread does (and depends on the machine's load).
    """
    best = float("inf")
    for _ in range(5):
        session.mark_changed()
        start = time.thread_time()
        assert session.autosave(background=background)
        best = min(best, time.thread_time() - start)
        assert session.wait_for_autosave(30)
    return best


def test_gui_thread_cost_does_not_grow_with_the_article(tmp_path, monkeypatch):
    """The caller's share of an autosave at 4n words is within 2x of n (the write grows ~4x)."""
    session = _session(tmp_path, monkeypatch)
    session.article.body = (SENTENCE * 10 + "\n\n") * 250  # about 25,000 words
    small = _gui_seconds(session, background=True)
    session.article.body = (SENTENCE * 10 + "\n\n") * 1000  # about 100,000 words
    large = _gui_seconds(session, background=True)
    large_sync = _gui_seconds(session, background=False)
    assert large <= 2 * small + 0.001, (small, large)
    assert large * 5 < large_sync, (large, large_sync)

"""Crash recovery end to end: the editor process is killed with SIGKILL mid-edit."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from khabar_editor.app.recovery import RecoveryStore
from khabar_editor.app.session import DocumentSession, RestoreChoice
from khabar_editor.settings import Settings, State, save_settings

TYPED = "कोसी का पानी फिर बढ़ा, तटबंध पर निगरानी तेज़।"


class _View:
    """A minimal view that restores whatever is offered."""

    def __init__(self) -> None:
        self.offers = []

    def ask_restore(self, info):
        self.offers.append(info)
        return RestoreChoice.RESTORE

    def ask_save_changes(self, name):  # pragma: no cover - not reached
        raise AssertionError("not expected")

    def ask_save_path(self, suggested_name):  # pragma: no cover - not reached
        return None

    def show_error(self, message):  # pragma: no cover - would fail the test below
        raise AssertionError(message)

    def document_loaded(self):
        pass

    def state_changed(self):
        pass

    def flush_edits(self):
        pass


def test_sigkill_loses_at_most_the_autosave_interval(tmp_path):
    """Kill -9 the running editor after autosave; the next start offers the typed text."""
    config, data = tmp_path / "config", tmp_path / "data"
    env = {**os.environ, "KHABAR_CONFIG_DIR": str(config), "KHABAR_DATA_DIR": str(data),
           "KHABAR_LOG_DIR": str(tmp_path / "log"), "QT_QPA_PLATFORM": "offscreen",
           "KHABAR_TEST_TYPE": TYPED, "KHABAR_LANG": "en"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(Path(__file__).resolve().parents[2] / "src"),
                                                      os.environ.get("PYTHONPATH")]))
    save_settings(Settings(autosave_seconds=1, spell_check=False), config)
    proc = subprocess.Popen([sys.executable, "-m", "khabar_editor"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    folder = data / "recovery"
    try:
        deadline = time.monotonic() + 60
        entry = None
        while time.monotonic() < deadline:
            found = list(folder.glob("*.json")) if folder.is_dir() else []
            if found and TYPED in found[0].read_text(encoding="utf-8"):
                entry = found[0]
                break
            assert proc.poll() is None, "the editor exited on its own"
            time.sleep(0.2)
        assert entry is not None, "no recovery file appeared"
        assert json.loads(entry.read_text(encoding="utf-8"))["pid"] == proc.pid
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    view = _View()
    session = DocumentSession(view, Settings(), State(), RecoveryStore(folder))
    assert session.offer_recovery()
    assert len(view.offers) == 1 and TYPED in view.offers[0].text
    assert TYPED in session.article.body and session.dirty
    assert session.article.headline.startswith("कोसी")  # the sample opened on first start

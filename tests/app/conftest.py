"""Fixtures for the presenter tests: isolated config/data dirs and a fake view."""

from __future__ import annotations

from pathlib import Path

import pytest

from khabar_editor.app.recovery import RecoveryStore
from khabar_editor.app.session import DocumentSession, RestoreChoice, SaveChoice
from khabar_editor.settings import Settings, State


class FakeView:
    """Records what the session asked and answers from preset values."""

    def __init__(self) -> None:
        self.save_choice = SaveChoice.CANCEL
        self.save_path: Path | None = None
        self.restore_choice = RestoreChoice.RESTORE
        self.errors: list[str] = []
        self.asked_save: list[str] = []
        self.asked_restore: list[object] = []
        self.loaded = 0
        self.flushed = 0
        self.pending_body: str | None = None
        self.session: DocumentSession | None = None

    def ask_save_changes(self, name: str) -> SaveChoice:
        self.asked_save.append(name)
        return self.save_choice

    def ask_save_path(self, suggested_name: str) -> Path | None:
        return self.save_path

    def ask_restore(self, info: object) -> RestoreChoice:
        self.asked_restore.append(info)
        return self.restore_choice

    def show_error(self, message: str) -> None:
        self.errors.append(message)

    def document_loaded(self) -> None:
        self.loaded += 1

    def state_changed(self) -> None:
        pass

    def flush_edits(self) -> None:
        self.flushed += 1
        if self.pending_body is not None and self.session is not None:
            self.session.article.body = self.pending_body
            self.pending_body = None


@pytest.fixture
def dirs(tmp_path, monkeypatch):
    """KHABAR_CONFIG_DIR / KHABAR_DATA_DIR inside tmp_path."""
    config, data = tmp_path / "config", tmp_path / "data"
    monkeypatch.setenv("KHABAR_CONFIG_DIR", str(config))
    monkeypatch.setenv("KHABAR_DATA_DIR", str(data))
    return config, data


@pytest.fixture
def view():
    return FakeView()


@pytest.fixture
def session(dirs, view):
    """A session on a fresh article with recovery in the tmp data dir."""
    s = DocumentSession(view, Settings(), State(), RecoveryStore(dirs[1] / "recovery"))
    view.session = s
    return s

"""The inbox folder is remembered between runs (State.inbox_folder) and reopened."""

from __future__ import annotations

from pathlib import Path

import pytest

from khabar_editor.article.model import Article, Status
from khabar_editor.package import new_package, write_package
from khabar_editor.settings import State, load_state


@pytest.fixture
def config(tmp_path, monkeypatch):
    for var in ("KHABAR_CONFIG_DIR", "KHABAR_DATA_DIR", "KHABAR_LOG_DIR"):
        monkeypatch.setenv(var, str(tmp_path / var.lower()))
    return tmp_path


def _window(qtbot, state, folder=None):
    from khabar_editor.ui.app import create_application
    from khabar_editor.ui.inbox_window import InboxWindow

    create_application(["test"], "en")
    window = InboxWindow(None, folder, state=state)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: not window.is_scanning(), timeout=20000)
    return window


def test_state_keeps_inbox_folder_through_a_save(config):
    """State.inbox_folder survives save_state/load_state; a mistyped value falls back to ""."""
    from khabar_editor.settings import save_state

    save_state(State(inbox_folder="/srv/desk"))
    assert load_state().inbox_folder == "/srv/desk"
    (Path(config) / "khabar_config_dir" / "state.json").write_text('{"inbox_folder": 5}')
    assert load_state().inbox_folder == ""


def test_chosen_folder_is_saved_and_reopened(qtbot, config):
    """Choosing a folder writes it to state.json; a new window on a fresh State opens it."""
    folder = config / "inbox"
    folder.mkdir()
    write_package(folder / "a.khabar", new_package(Article(headline="बाढ़",
                                                           status=Status.SUBMITTED)))
    first = _window(qtbot, State())
    assert first.folder is None
    first.set_folder(folder)
    qtbot.waitUntil(lambda: not first.is_scanning(), timeout=20000)
    first.close()
    assert load_state().inbox_folder == str(folder)
    second = _window(qtbot, load_state())
    assert second.folder == folder
    assert second.model.rowCount() == 1
    second.close()


def test_vanished_folder_is_not_reopened(qtbot, config):
    """A remembered folder that no longer exists leaves the window without a folder."""
    second = _window(qtbot, State(inbox_folder=str(config / "gone")))
    assert second.folder is None
    second.close()


def test_parent_state_object_is_updated(qtbot, config):
    """With no explicit state the window updates its parent's State (the main window's),
    so the parent's own later save keeps the folder."""
    from khabar_editor.ui.app import create_application
    from khabar_editor.ui.inbox_window import InboxWindow
    from PySide6.QtWidgets import QWidget

    create_application(["test"], "en")
    parent = QWidget()
    parent.state = State()
    qtbot.addWidget(parent)
    window = InboxWindow(parent)
    window.set_folder(config)
    qtbot.waitUntil(lambda: not window.is_scanning(), timeout=20000)
    assert parent.state.inbox_folder == str(config)
    window.close()

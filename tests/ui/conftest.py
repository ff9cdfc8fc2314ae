"""Fixtures for the GUI tests: bundled font loaded, dialogs answered, tmp settings."""

from __future__ import annotations

import pytest

from khabar_editor.app.recovery import RecoveryStore
from khabar_editor.app.session import RestoreChoice, SaveChoice
from khabar_editor.settings import Settings, State


@pytest.fixture
def khabar_dirs(tmp_path, monkeypatch):
    """Config, data and log directories inside tmp_path."""
    for var in ("KHABAR_CONFIG_DIR", "KHABAR_DATA_DIR", "KHABAR_LOG_DIR"):
        monkeypatch.setenv(var, str(tmp_path / var.lower()))
    return tmp_path


@pytest.fixture
def answered(monkeypatch):
    """Modal dialogs replaced by recorded answers (tests must never block)."""
    from khabar_editor.ui import dialogs

    record = {"save": SaveChoice.DISCARD, "restore": RestoreChoice.LATER, "errors": [],
              "asked": []}

    def ask_save(parent, name):
        record["asked"].append(name)
        return record["save"]

    monkeypatch.setattr(dialogs, "ask_save_changes", ask_save)
    monkeypatch.setattr(dialogs, "ask_restore", lambda parent, info: record["restore"])
    monkeypatch.setattr(dialogs, "show_error", lambda parent, msg: record["errors"].append(msg))
    _answer_desk_dialogs(monkeypatch, record)
    return record


def _answer_desk_dialogs(monkeypatch, record):
    """The desk's questions: first-start identity, return note, passphrases (None: cancel)."""
    from khabar_editor.ui import desk_dialogs

    record.update({"identity": None, "note": None, "passphrase": None, "desk_asked": []})

    def open_identity(settings, parent, chosen):
        record["desk_asked"].append("identity")
        if record["identity"] is not None:
            chosen(*record["identity"])

    def ask(name):
        def answer(*_args, **_kwargs):
            record["desk_asked"].append(name)
            return record[name]
        return answer

    monkeypatch.setattr(desk_dialogs, "open_identity", open_identity)
    monkeypatch.setattr(desk_dialogs, "ask_return_note", ask("note"))
    monkeypatch.setattr(desk_dialogs, "ask_new_passphrase", ask("passphrase"))
    monkeypatch.setattr(desk_dialogs, "ask_passphrase", ask("passphrase"))


@pytest.fixture
def make_window(qapp, qtbot, khabar_dirs, answered):
    """Build main windows with test settings (spell check off unless asked)."""
    from khabar_editor.ui.app import create_application
    from khabar_editor.ui.main_window import MainWindow

    create_application(["test"], "en")  # fonts, translator; reuses pytest-qt's qapp

    def make(**overrides):
        settings = Settings(**{"spell_check": False, "theme": "light", **overrides})
        window = MainWindow(settings, State(sample_shown=True),
                            RecoveryStore(khabar_dirs / "khabar_data_dir" / "recovery"))
        qtbot.addWidget(window)
        window.resize(1366, 740)
        window.show()
        qtbot.waitExposed(window)
        return window

    return make


@pytest.fixture
def window(make_window):
    """One main window on a new article."""
    return make_window()


def type_text(widget, text: str) -> None:
    """Type ``text`` with real key events, one code point per key press.

    ``QTest.keyClicks`` only handles Latin-1; an InScript keyboard sends one
    key event per code point (क, ्, ष, ि), so that is what is sent here.
    """
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for ch in text:
        key = Qt.Key.Key_Space if ch == " " else Qt.Key.Key_unknown
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, ch))

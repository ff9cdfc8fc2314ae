"""Settings: JSON persistence, version migration, bad files tolerated."""

from __future__ import annotations

import json

from khabar_editor.settings import (SETTINGS_VERSION, Settings, State, load_settings, load_state,
                                    save_settings, save_state)


def test_round_trip(dirs):
    """Saved preferences load back unchanged, into KHABAR_CONFIG_DIR."""
    s = Settings(theme="dark", font_size=18, ui_language="hi", autosave_seconds=3)
    save_settings(s)
    assert (dirs[0] / "settings.json").is_file()
    assert load_settings() == s


def test_migrates_version_1(dirs):
    """A version-1 file (milliseconds, old key names) is upgraded."""
    dirs[0].mkdir(parents=True)
    (dirs[0] / "settings.json").write_text(json.dumps(
        {"version": 1, "autosave_ms": 10000, "language": "hi"}), encoding="utf-8")
    s = load_settings()
    assert s.autosave_seconds == 10 and s.ui_language == "hi"
    save_settings(s)
    assert json.loads((dirs[0] / "settings.json").read_text())["version"] == SETTINGS_VERSION


def test_garbage_and_wrong_types_fall_back_to_defaults(dirs):
    """Unreadable JSON or mistyped values never crash; values are clamped."""
    dirs[0].mkdir(parents=True)
    (dirs[0] / "settings.json").write_text("{oops", encoding="utf-8")
    assert load_settings() == Settings()
    (dirs[0] / "settings.json").write_text(json.dumps(
        {"version": 2, "font_size": "huge", "theme": "purple", "autosave_seconds": 0,
         "spell_check": "yes"}), encoding="utf-8")
    s = load_settings()
    assert s.font_size == Settings().font_size and s.theme == "system"
    assert s.autosave_seconds == 1 and s.spell_check is True


def test_recent_files_are_unique_and_bounded(dirs, tmp_path):
    """The newest file comes first, duplicates collapse, at most ten are kept."""
    state = State()
    for i in range(12):
        state.add_recent(tmp_path / f"{i}.khabar")
    state.add_recent(tmp_path / "5.khabar")
    assert len(state.recent_files) == 10 and state.recent_files[0].endswith("5.khabar")
    save_state(state)
    assert load_state().recent_files == state.recent_files

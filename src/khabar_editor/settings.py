"""User preferences and remembered state, as JSON files in the user's config dir.

Qt-free: one dataclass of defaults (the only place a preference is declared),
saved as JSON with a ``version`` field and upgraded by small migration
functions when an older file is read. Preferences (:class:`Settings`) are kept
apart from remembered state such as recent files and the last byline
(:class:`State`), so resetting one never loses the other.

``KHABAR_CONFIG_DIR`` and ``KHABAR_DATA_DIR`` override the platformdirs
locations (tests and portable installs).
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from dataclasses import MISSING, Field, asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from khabar_editor import APP_ID

# Read at every start before the first paint: uuid, platformdirs and the atomic-write
# helper are imported only when they are needed (a new id, no override, a save).

log = logging.getLogger(__name__)

SETTINGS_VERSION = 3
ROLES = ("correspondent", "desk")
_HEX = frozenset("0123456789abcdef")
MAX_RECENT = 10
THEMES = ("system", "light", "dark")
DIGIT_STYLES = ("latin", "devanagari")


def config_dir() -> Path:
    """Directory of ``settings.json`` and ``state.json``."""
    override = os.environ.get("KHABAR_CONFIG_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_ID, appauthor=False))


def data_dir() -> Path:
    """Directory for working data such as crash-recovery files."""
    override = os.environ.get("KHABAR_DATA_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_ID, appauthor=False))


def new_user_id() -> str:
    """A new installation id (32 lower-case hex digits)."""
    import uuid

    return uuid.uuid4().hex


def is_user_id(value: object) -> bool:
    """Whether ``value`` is an installation id as :func:`new_user_id` makes them."""
    return isinstance(value, str) and len(value) == 32 and _HEX.issuperset(value)


@dataclass
class Settings:
    """Preferences the user sets in the Preferences dialog."""

    ui_language: str = ""  # "" follows the system / KHABAR_LANG; "en" or "hi"
    user_name: str = ""  # who saves, for the package's revision log ("" = "unknown", never the byline)
    user_role: str = "correspondent"  # "correspondent" or "desk" (ROLES)
    user_id: str = field(default_factory=new_user_id, compare=False)  # installation id
    identity_confirmed: bool = False  # name and role chosen (first-start dialog / Preferences)
    signing_key_file: str = ""  # the user's NAME.key ("" = saves are not signed)
    theme: str = "system"
    font_family: str = "Noto Sans Devanagari"
    font_size: int = 14
    autosave_seconds: int = 5
    photo_max_px: int = 1600
    photo_quality: int = 85
    digit_style: str = "latin"
    taxonomy_file: str = ""
    spell_check: bool = True
    line_numbers: bool = False
    zoom: int = 0
    # Newsroom length limits in characters (0: no limit), shown as "43/70" counters.
    headline_limit: int = 70
    summary_limit: int = 160
    seo_title_limit: int = 60
    # Export dialog newsroom profiles: name -> {provider, site_url, media_base_url,
    # timezone, formats}; checked by khabar_editor.exporters.profiles.
    export_profiles: dict = field(default_factory=dict)
    export_profile: str = ""  # the profile chosen last

    def clamp(self) -> Settings:
        """Force every value into its allowed range (hand-edited files)."""
        self.theme = self.theme if self.theme in THEMES else "system"
        if not isinstance(self.export_profiles, dict):
            self.export_profiles = {}
        self.digit_style = self.digit_style if self.digit_style in DIGIT_STYLES else "latin"
        self.ui_language = self.ui_language if self.ui_language in ("", "en", "hi") else ""
        self.user_role = self.user_role if self.user_role in ROLES else "correspondent"
        self.user_name = " ".join(self.user_name.split())[:200]
        if not is_user_id(self.user_id):
            self.user_id = new_user_id()
        self.font_size = min(max(int(self.font_size), 6), 72)
        self.autosave_seconds = min(max(int(self.autosave_seconds), 1), 600)
        self.photo_max_px = min(max(int(self.photo_max_px), 200), 10000)
        self.photo_quality = min(max(int(self.photo_quality), 30), 100)
        self.zoom = min(max(int(self.zoom), -8), 20)
        for name in ("headline_limit", "summary_limit", "seo_title_limit"):
            setattr(self, name, min(max(int(getattr(self, name)), 0), 5000))
        return self


@dataclass
class State:
    """What the application remembers between runs (not preferences)."""

    recent_files: list[str] = field(default_factory=list)
    byline_name: str = ""
    byline_role: str = ""
    sample_shown: bool = False
    window_geometry: str = ""  # base64 of QMainWindow.saveGeometry()
    # Which side panels were open ("metadata", "preview", "proofing"); remembered
    # once panels_saved is set (before that the window picks by screen size).
    open_panels: list[str] = field(default_factory=lambda: ["metadata", "preview"])
    panels_saved: bool = False
    inbox_folder: str = ""  # the desk's inbox folder, reopened by the next Inbox window

    def add_recent(self, path: str | Path) -> None:
        """Put ``path`` first in the recent-files list (no duplicates, bounded)."""
        text = str(Path(path).resolve())
        self.recent_files = [text] + [p for p in self.recent_files if p != text]
        del self.recent_files[MAX_RECENT:]

    def forget_recent(self, path: str | Path) -> bool:
        """Drop ``path`` from the recent-files list; whether it was there."""
        text = str(Path(path).resolve())
        before = len(self.recent_files)
        self.recent_files = [p for p in self.recent_files if p != text]
        return len(self.recent_files) != before


def _migrate_1_to_2(data: dict[str, Any]) -> dict[str, Any]:
    # Version 1 stored the autosave interval in milliseconds and called the
    # interface language "language".
    if "autosave_ms" in data:
        data["autosave_seconds"] = max(1, round(int(data.pop("autosave_ms")) / 1000))
    if "language" in data:
        data["ui_language"] = data.pop("language")
    return data


def _migrate_2_to_3(data: dict[str, Any]) -> dict[str, Any]:
    # Version 3 adds who is working (role, installation id). A name set before
    # counts as chosen; the role defaults to correspondent (Preferences changes it).
    data.setdefault("user_role", "correspondent")
    data.setdefault("user_id", new_user_id())
    data.setdefault("identity_confirmed", bool(str(data.get("user_name", "")).strip()))
    return data


def needs_identity(settings: Settings) -> bool:
    """Whether the first-start dialog must ask for the user's name and role."""
    return not settings.identity_confirmed or not settings.user_name.strip()


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {
    1: _migrate_1_to_2, 2: _migrate_2_to_3}


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """Upgrade a settings mapping of any older version to :data:`SETTINGS_VERSION`."""
    version = int(data.get("version", 1))
    while version < SETTINGS_VERSION and version in MIGRATIONS:
        data = MIGRATIONS[version](dict(data))
        version += 1
    data["version"] = SETTINGS_VERSION
    return data


def _default(f: Field[Any]) -> Any:
    """The default of field ``f`` (for its type; no new installation id is made)."""
    if f.default is not MISSING:
        return f.default
    factory = f.default_factory
    return "" if factory is new_user_id else factory()  # type: ignore[misc]


def _from_mapping(cls: type, data: dict[str, Any]) -> Any:
    """An instance of dataclass ``cls`` from ``data``, ignoring unknown or mistyped keys."""
    kwargs: dict[str, Any] = {}
    for f in fields(cls):
        if f.name not in data:
            continue
        value, default = data[f.name], _default(f)
        if isinstance(default, bool) and not isinstance(value, bool):
            continue
        if isinstance(default, int) and not isinstance(default, bool):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                continue
            value = int(value)
        if isinstance(default, str) and not isinstance(value, str):
            continue
        if isinstance(default, list):
            if not isinstance(value, list):
                continue
            value = [v for v in value if isinstance(v, str)]
        kwargs[f.name] = value
    return cls(**kwargs)


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        log.warning("Ignoring unreadable %s: %s", path, exc)
        return {}
    return data if isinstance(data, dict) else {}


def write_json_atomic(path: Path, data: dict[str, Any]) -> None:
    """Write ``data`` as JSON to ``path`` atomically (see :mod:`khabar_editor.fsutil`).

    A full disk or a kill leaves the previous file whole; the file is private (0600).
    """
    from khabar_editor.fsutil import atomic_write_text

    atomic_write_text(path, json.dumps(data, ensure_ascii=False, indent=2))


def load_settings(directory: Path | None = None) -> Settings:
    """The saved preferences (defaults for anything missing or invalid)."""
    data = _read_json((directory or config_dir()) / "settings.json")
    return _from_mapping(Settings, migrate(data) if data else {}).clamp()


def save_settings(settings: Settings, directory: Path | None = None) -> None:
    """Persist ``settings``; failures are logged, never raised into the UI."""
    data = {"version": SETTINGS_VERSION, **asdict(settings.clamp())}
    try:
        write_json_atomic((directory or config_dir()) / "settings.json", data)
    except OSError as exc:
        log.warning("Could not save settings: %s", exc)


def load_state(directory: Path | None = None) -> State:
    """The remembered state (recent files, last byline...)."""
    return _from_mapping(State, _read_json((directory or config_dir()) / "state.json"))


def save_state(state: State, directory: Path | None = None) -> None:
    """Persist ``state``; failures are logged."""
    try:
        write_json_atomic((directory or config_dir()) / "state.json", asdict(state))
    except OSError as exc:
        log.warning("Could not save state: %s", exc)

"""Logging to a rotating file in the user's log directory (nothing is sent anywhere)."""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

import platformdirs

from khabar_editor import APP_ID

_configured = False


def log_path() -> Path:
    """Where the log file lives (``KHABAR_LOG_DIR`` overrides, for tests)."""
    base = os.environ.get("KHABAR_LOG_DIR") or platformdirs.user_log_dir(APP_ID, appauthor=False)
    return Path(base) / "khabar.log"


def setup_logging(level: int = logging.INFO) -> None:
    """Attach a rotating file handler once; falls back to stderr warnings if impossible."""
    global _configured
    if _configured:
        return
    _configured = True
    root = logging.getLogger("khabar_editor")
    root.setLevel(level)
    try:
        path = log_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        handler = logging.StreamHandler()
        handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)

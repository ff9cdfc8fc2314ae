"""Logging to a rotating file in the user's log directory (nothing is sent anywhere).

The editor opens the file after its first paint (``logging.handlers`` and the
platform folders cost start-up time); :func:`buffer_early_records` keeps what is
logged before that, and :func:`setup_logging` writes it to the file first.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from khabar_editor import APP_ID

_configured = False
_EARLY_LIMIT = 1000  # records kept before the file is open (a runaway loop cannot fill memory)


class _EarlyRecords(logging.Handler):
    """Holds records until the log file is open."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if len(self.records) < _EARLY_LIMIT:
            self.records.append(record)


_early: _EarlyRecords | None = None


def log_path() -> Path:
    """Where the log file lives (``KHABAR_LOG_DIR`` overrides, for tests)."""
    base = os.environ.get("KHABAR_LOG_DIR")
    if not base:
        import platformdirs

        base = platformdirs.user_log_dir(APP_ID, appauthor=False)
    return Path(base) / "khabar.log"


def buffer_early_records(level: int = logging.INFO) -> None:
    """Keep the records logged before :func:`setup_logging` opens the file."""
    global _early
    if _configured or _early is not None:
        return
    _early = _EarlyRecords()
    root = logging.getLogger("khabar_editor")
    root.setLevel(level)
    root.addHandler(_early)


class _OpenOnFirstRecord(logging.Handler):
    """Opens the log file (:func:`setup_logging`) when the first record arrives."""

    def emit(self, record: logging.LogRecord) -> None:
        root = logging.getLogger("khabar_editor")
        root.removeHandler(self)
        setup_logging(self.level)
        for handler in list(root.handlers):  # the file (or stderr) handler just added
            if record.levelno >= handler.level:
                handler.handle(record)


def open_log_when_needed(level: int = logging.INFO) -> None:
    """Like :func:`setup_logging`, but the file is opened only when something is logged
    (a command line run that logs nothing neither creates nor opens it)."""
    if _configured:
        return
    root = logging.getLogger("khabar_editor")
    root.setLevel(level)
    if not any(isinstance(h, _OpenOnFirstRecord) for h in root.handlers):
        root.addHandler(_OpenOnFirstRecord(level))


def setup_logging(level: int = logging.INFO) -> None:
    """Attach a rotating file handler once; falls back to stderr warnings if impossible."""
    global _configured, _early
    if _configured:
        return
    _configured = True
    import logging.handlers

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
    if _early is not None:
        root.removeHandler(_early)
        for record in _early.records:
            if record.levelno >= handler.level:
                handler.handle(record)
        _early = None
    root.addHandler(handler)

"""Crash recovery: the working state written aside every few seconds.

Each editing session owns one recovery entry in ``<data dir>/recovery/``:
``<session>.json`` (the article as ``article.md`` text, the path of the
user's own file and the writer's process id) plus ``<session>.media/`` for
photos not yet saved. Writes are atomic (:mod:`khabar_editor.fsutil`), so a
crash, a kill or a full disk in the middle of an autosave leaves the previous
entry intact, and the next autosave removes the killed one's temporary files. An entry whose process is no longer
running was left by a crash (or ``kill -9``) and is offered for restore on
the next start. Recovery never writes to the user's file.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import threading
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from khabar_editor.article.frontmatter import from_markdown, to_markdown
from khabar_editor.article.model import Article
from khabar_editor.errors import KhabarError
from khabar_editor.fsutil import atomic_write, is_own_temp
from khabar_editor.settings import data_dir, write_json_atomic

log = logging.getLogger(__name__)

RECOVERY_FORMAT = 1
MAX_RECOVERY_BYTES = 50 * 1024 * 1024


@dataclass
class RecoveryInfo:
    """One recoverable document found on disk."""

    entry: Path
    original_path: str
    saved_at: datetime
    headline: str
    text: str  # the article.md text (front matter + body)
    media_dir: Path
    wordlist: list[str] = field(default_factory=list)  # the package's newsroom words

    @property
    def display_name(self) -> str:
        """The file name, or the headline for a never-saved article."""
        return Path(self.original_path).name if self.original_path else self.headline

    def article(self) -> Article:
        """The recovered article (raises :class:`ArticleError` if it cannot be read)."""
        return from_markdown(self.text)

    def media(self) -> dict[str, bytes]:
        """Photos kept with the entry, keyed ``media/<name>``."""
        out: dict[str, bytes] = {}
        if self.media_dir.is_dir():
            for item in sorted(self.media_dir.iterdir()):
                if item.is_file() and not item.is_symlink() and not is_own_temp(item.name):
                    out[f"media/{item.name}"] = item.read_bytes()
        return out


def _proc_stat(pid: int) -> tuple[str, str] | None:
    """(state, start time) of a Linux process from /proc, or ``None`` where unavailable."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    fields = raw.rpartition(")")[2].split()
    return (fields[0], fields[19]) if len(fields) > 19 else None


def _pid_alive(pid: int, started: str = "") -> bool:
    """Whether the session that wrote an entry still runs.

    A killed process that its parent has not reaped yet (a zombie) is dead, and
    so is an unrelated process that got the same id later (other start time).
    """
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    stat = _proc_stat(pid)
    if stat is not None:
        state, start = stat
        if state == "Z" or (started and start != started):
            return False
    return True


class RecoveryStore:
    """Reads and writes recovery entries in one directory."""

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory or (data_dir() / "recovery")
        # Autosaves may be written from a worker thread: a write and a remove of the
        # same entry never interleave, and a write begun before a remove (a clean
        # save or close) is dropped instead of bringing the entry back.
        self._lock = threading.Lock()
        self._epochs: dict[str, int] = {}

    def epoch(self, session_id: str) -> int:
        """How many times the session's entry was removed; pass to :meth:`write`."""
        with self._lock:
            return self._epochs.get(session_id, 0)

    def new_session_id(self) -> str:
        """A fresh id for an editing session's entry."""
        return uuid.uuid4().hex

    def entry_path(self, session_id: str) -> Path:
        return self.directory / f"{session_id}.json"

    def media_dir(self, session_id: str) -> Path:
        return self.directory / f"{session_id}.media"

    def write(self, session_id: str, article: Article, original_path: str,
              media: dict[str, bytes], wordlist: list[str] | None = None,
              epoch: int | None = None) -> Path | None:
        """Save the working state atomically; photos are written once each.

        With ``epoch`` (from :meth:`epoch`, taken when the state was captured) the
        write is skipped, returning ``None``, if the entry was removed since.
        """
        record = {
            "format": RECOVERY_FORMAT,
            "pid": os.getpid(),
            "pid_started": (_proc_stat(os.getpid()) or ("", ""))[1],
            "original_path": original_path,
            "saved_at": datetime.now(timezone.utc).isoformat(),
            "headline": article.headline,
            "article_md": to_markdown(article),
            "wordlist": list(wordlist or []),
        }
        with self._lock:
            if epoch is not None and epoch != self._epochs.get(session_id, 0):
                return None
            media_dir = self.media_dir(session_id)
            for key, data in media.items():
                name = key.split("/", 1)[-1]
                target = media_dir / name
                if "/" in name or "\\" in name or name in ("", ".", "..") or target.exists():
                    continue
                media_dir.mkdir(parents=True, exist_ok=True)
                atomic_write(target, data, private=True)
            path = self.entry_path(session_id)
            write_json_atomic(path, record)
        return path

    def remove(self, session_id: str) -> None:
        """Delete a session's entry (after a clean save or close)."""
        with self._lock:
            self._epochs[session_id] = self._epochs.get(session_id, 0) + 1
            self.entry_path(session_id).unlink(missing_ok=True)
            shutil.rmtree(self.media_dir(session_id), ignore_errors=True)

    def discard(self, info: RecoveryInfo) -> None:
        """Delete a found entry the user does not want."""
        info.entry.unlink(missing_ok=True)
        shutil.rmtree(info.media_dir, ignore_errors=True)

    def orphans(self) -> list[RecoveryInfo]:
        """Entries left behind by sessions that are no longer running, newest first."""
        found: list[RecoveryInfo] = []
        if not self.directory.is_dir():
            return found
        for entry in self.directory.glob("*.json"):
            info = self._read(entry)
            if info is not None:
                found.append(info)
        found.sort(key=lambda i: i.saved_at, reverse=True)
        return found

    def _read(self, entry: Path) -> RecoveryInfo | None:
        try:
            if entry.stat().st_size > MAX_RECOVERY_BYTES:
                return None
            data = json.loads(entry.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or _pid_alive(int(data.get("pid", 0)),
                                                          str(data.get("pid_started") or "")):
                return None
            saved = datetime.fromisoformat(str(data["saved_at"]))
            return RecoveryInfo(
                entry=entry,
                original_path=str(data.get("original_path") or ""),
                saved_at=saved,
                headline=str(data.get("headline") or ""),
                text=str(data["article_md"]),
                media_dir=entry.with_suffix(".media"),
                wordlist=[str(w) for w in data.get("wordlist") or [] if isinstance(w, str)],
            )
        except (OSError, ValueError, KeyError, TypeError, KhabarError) as exc:
            log.warning("Skipping unreadable recovery entry %s: %s", entry, exc)
            return None

"""Atomic file writes: temp file in the same folder, fsync, rename.

A crash or a full disk at any instant leaves either the old file or the new
one, never a truncated file. (The package writer has its own, stricter variant
that also cleans stale temp files and fsyncs the directory.)
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes, *, prefix: str = ".tmp-") -> None:
    """Replace ``path`` with ``data`` atomically, creating parent folders as needed."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=prefix, dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_text(path: str | os.PathLike[str], text: str, *, prefix: str = ".tmp-") -> None:
    """Replace ``path`` with UTF-8 ``text`` (``\\n`` line ends kept as given) atomically."""
    atomic_write_bytes(path, text.encode("utf-8"), prefix=prefix)

"""Record the files Python opens while a block runs (an audit hook; see ``opened_files``).

An audit hook cannot be removed, so one hook is installed for the whole test
session when this module is first imported; it records only while a
``opened_files()`` block is active (in any thread: the preview renders in a
worker thread). Qt's own C++ file access is invisible here: the preview tests
trace that with strace.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

_lock = threading.Lock()
_active: list[list[str]] = []


def _hook(event: str, args: tuple) -> None:
    if not _active or event != "open":
        return
    path = args[0] if args else None
    if isinstance(path, int) or path is None:
        return  # an already open descriptor
    try:
        text = os.fsdecode(path)
    except (TypeError, ValueError):
        text = repr(path)
    with _lock:
        for record in _active:
            record.append(text)


sys.addaudithook(_hook)


@contextlib.contextmanager
def opened_files() -> Iterator[list[str]]:
    """Yield a list that fills with the (absolute) paths opened inside the block."""
    record: list[str] = []
    with _lock:
        _active.append(record)
    try:
        yield record
    finally:
        with _lock:
            _active.remove(record)
        cwd = Path.cwd()
        record[:] = [str(cwd / p) if not os.path.isabs(p) else p for p in record]


def outside(paths: list[str], *allowed: Path) -> list[str]:
    """The paths not inside any of the ``allowed`` folders (links resolved)."""
    roots = [Path(a).resolve() for a in allowed]
    bad = []
    for p in paths:
        resolved = Path(os.path.abspath(p))
        with contextlib.suppress(OSError):
            resolved = resolved.resolve()
        if not any(resolved == r or r in resolved.parents for r in roots):
            bad.append(p)
    return bad


def code_roots() -> list[Path]:
    """The program's own code, data, settings and log folders (opening those is expected)."""
    import mimetypes
    import zoneinfo

    import khabar_editor

    repo = Path(khabar_editor.__file__).resolve().parents[2]
    own = [os.environ[v] for v in ("KHABAR_CONFIG_DIR", "KHABAR_DATA_DIR", "KHABAR_LOG_DIR",
                                   "KHABAR_ENCHANT_DIR") if os.environ.get(v)]
    return [Path(khabar_editor.__file__).resolve().parent, repo / "resources",
            Path(sys.prefix), Path(sys.base_prefix), Path(sys.exec_prefix),
            *(Path(d) for d in own),
            # System tables the standard library reads: MIME types, time zones.
            *(Path(f) for f in mimetypes.knownfiles), *(Path(d) for d in zoneinfo.TZPATH)]

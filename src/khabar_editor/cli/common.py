"""Exit codes and small helpers shared by the ``khabar`` subcommands."""

from __future__ import annotations

import errno
import json
import sys
from collections.abc import Iterable, Iterator
from enum import IntEnum
from typing import Any, TypeVar

from khabar_editor.i18n import N_, _

T = TypeVar("T")


class ExitCode(IntEnum):
    """Documented exit codes of ``khabar`` (see ``khabar --help``)."""

    OK = 0
    """Success; for validate/check: no errors (warnings allowed)."""
    ARTICLE_ERRORS = 1
    """The article(s) have errors (validation problems, proofing findings, export refused)."""
    USAGE = 2
    """Wrong command-line usage."""
    UNREADABLE = 3
    """A package or file is unreadable, corrupt, unsafe or from a newer format version."""
    IO_ERROR = 4
    """Could not write the output (disk full, permission denied, target exists...)."""
    INTERNAL = 70
    """A bug: the traceback is in the log file, never on screen."""
    INTERRUPTED = 130
    """Stopped with Ctrl-C; finished files are complete, the rest were not started."""


_EXIT_CODE_TEXTS = (
    (ExitCode.OK, N_("success")),
    (ExitCode.ARTICLE_ERRORS, N_("article has errors / findings / export refused")),
    (ExitCode.USAGE, N_("wrong usage")),
    (ExitCode.UNREADABLE, N_("package unreadable, corrupt, unsafe or too new")),
    (ExitCode.IO_ERROR, N_("cannot write output")),
    (ExitCode.INTERNAL, N_("internal error (see log)")),
    (ExitCode.INTERRUPTED, N_("interrupted (Ctrl-C)")),
)


def exit_code_help() -> str:
    """The exit-code table for ``khabar --help``, in the current UI language."""
    lines = [_(N_("exit codes:"))]
    lines += [f"  {code.value:>3}  {_(text)}" for code, text in _EXIT_CODE_TEXTS]
    return "\n".join(lines)


EXIT_CODE_HELP = "\n".join(f"  {code.value:>3}  {text}" for code, text in _EXIT_CODE_TEXTS)
"""The English table (kept for callers that want it untranslated)."""

# Messages shared by several commands (translations in resources/po/hi/core.po).
MSG_INTERRUPTED_BATCH = N_("Interrupted: {done} of {total} files handled; {left} not exported.")
MSG_NOT_EXPORTED_INTERRUPTED = N_("not exported: interrupted")
MSG_CANNOT_WRITE_TO = N_("cannot write to '{folder}': {reason}")
MSG_NOT_UTF8 = N_("not UTF-8 text")
MSG_STDIN_CLOSED = N_("standard input is closed")

_ERRNO_TEXTS = {
    errno.ENOENT: N_("no such file or folder"),
    errno.EACCES: N_("permission denied"),
    errno.EPERM: N_("permission denied"),
    errno.EROFS: N_("the disk is read-only"),
    errno.ENOSPC: N_("the disk is full"),
    errno.EEXIST: N_("a file of that name is in the way"),
    errno.ENOTDIR: N_("a file is in the way where a folder is needed"),
    errno.EISDIR: N_("it is a folder"),
    errno.ENAMETOOLONG: N_("the name is too long"),
}


def os_reason(exc: OSError) -> str:
    """A short reason for an :class:`OSError`, translated for the common cases."""
    text = _ERRNO_TEXTS.get(exc.errno or -1)
    if text is not None:
        return _(text)
    return exc.strerror or str(exc) or type(exc).__name__


def print_json(data: Any) -> None:
    """Write ``data`` as JSON to stdout: Devanagari unescaped when stdout can take UTF-8."""
    out = sys.stdout
    if out is None:
        return
    encoding = (getattr(out, "encoding", None) or "").lower().replace("-", "").replace("_", "")
    readable = encoding in ("utf8", "utf8sig")
    out.write(json.dumps(data, ensure_ascii=not readable, indent=2) + "\n")
    out.flush()


def progress(items: Iterable[T], *, total: int | None = None, desc: str = "", enabled: bool = True
             ) -> Iterator[T]:
    """Iterate with a progress bar on stderr when it is a terminal and there are several items."""
    err = sys.stderr
    show = (enabled and total is not None and total > 1 and err is not None
            and err.isatty())
    if not show:  # no bar: tqdm is not even imported
        yield from items
        return
    from tqdm import tqdm

    yield from tqdm(items, total=total, desc=desc, file=err, unit="file", leave=False)


def error_line(text: str) -> None:
    """One clear line on stderr (silently dropped when stderr is closed)."""
    err = sys.stderr
    if err is None:
        return
    try:
        err.write(text.rstrip("\n") + "\n")
        err.flush()
    except (OSError, ValueError):
        pass

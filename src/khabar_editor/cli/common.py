"""Exit codes and small helpers shared by the ``khabar`` subcommands."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from enum import IntEnum
from typing import Any, TypeVar

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


EXIT_CODE_HELP = "\n".join(
    f"  {code.value:>2}  {code.name.lower().replace('_', ' ')}: {doc}"
    for code, doc in (
        (ExitCode.OK, "success"),
        (ExitCode.ARTICLE_ERRORS, "article has errors / findings / export refused"),
        (ExitCode.USAGE, "wrong usage"),
        (ExitCode.UNREADABLE, "package unreadable, corrupt, unsafe or too new"),
        (ExitCode.IO_ERROR, "cannot write output"),
        (ExitCode.INTERNAL, "internal error (see log)"),
    )
)


def print_json(data: Any) -> None:
    """Write ``data`` as UTF-8 JSON (Devanagari unescaped) to stdout."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def progress(items: Iterable[T], *, total: int | None = None, desc: str = "", enabled: bool = True
             ) -> Iterator[T]:
    """Iterate with a progress bar on stderr when it is a terminal or ``enabled`` forces it."""
    from tqdm import tqdm

    show = enabled and total is not None and total > 1 and sys.stderr.isatty()
    yield from tqdm(items, total=total, desc=desc, disable=not show, file=sys.stderr, unit="file")


def error_line(text: str) -> None:
    """One clear line on stderr."""
    sys.stderr.write(text.rstrip("\n") + "\n")

"""Spread a batch of files over the cores, keeping the input order and the progress bar.

``check`` and ``validate`` call :func:`map_files` with a top-level (picklable)
function. A handful of files run in this process (starting workers would cost
more than it saves); more go to a :class:`ProcessPoolExecutor` with one worker
per core, in chunks so that each worker loads dictionaries and taxonomies once.
Results come back in input order. Ctrl-C stops the batch: files not started are
cancelled, the workers (which ignore SIGINT) are shut down, and the
``KeyboardInterrupt`` reaches the command as in a serial run.

Workers may be started by ``fork`` (Linux) or ``spawn`` (Windows, macOS): a spawned
worker shares nothing with this process but the pickled function and items, so
everything a worker needs (options, limits) must travel in the items.
:func:`worker_pool` is the same pool for commands that submit work themselves
(``export``).
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

from khabar_editor.cli.common import progress
from khabar_editor.i18n import get_language, set_language

T = TypeVar("T")
R = TypeVar("R")

SERIAL_MAX = 4
"""Up to this many files are handled in this process."""

START_METHOD: str | None = None
"""The ``multiprocessing`` start method of the workers (``None``: the platform's)."""

ProcessPoolExecutor: Any = None
"""``concurrent.futures.ProcessPoolExecutor``, imported when the first pool starts (a
batch of a few files, the common case, never needs it)."""


def _context() -> Any:
    import multiprocessing

    return multiprocessing.get_context(START_METHOD)


def forks() -> bool:
    """Whether workers start as copies of this process (and so inherit what it loaded)."""
    return _context().get_start_method() == "fork"


def default_jobs() -> int:
    """Worker processes to use: the cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _chunk_size(items: int, jobs: int) -> int:
    """About eight chunks per worker: even load, little traffic, a live progress bar."""
    return max(1, min(64, items // (jobs * 8) or 1))


def _worker_init(language: str) -> None:
    """Workers ignore Ctrl-C (the main process stops the batch) and speak its language."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if get_language() != language:
        set_language(language)


def worker_pool(jobs: int) -> ProcessPoolExecutor:
    """A pool of ``jobs`` workers that ignore Ctrl-C and speak this process's language."""
    global ProcessPoolExecutor
    if ProcessPoolExecutor is None:
        from concurrent.futures import ProcessPoolExecutor as pool_class

        ProcessPoolExecutor = pool_class
    return ProcessPoolExecutor(max_workers=jobs, mp_context=_context(),
                               initializer=_worker_init, initargs=(get_language(),))


def map_files(func: Callable[[T], R], items: Sequence[T], *, desc: str,
              jobs: int | None = None) -> Iterator[R]:
    """``func(item)`` for every item, in input order, on up to ``jobs`` processes.

    ``func`` must be a module-level function and its results picklable. It
    should not raise for expected failures (unreadable files are results too);
    an unexpected exception is raised here, as in a serial loop.
    """
    jobs = default_jobs() if jobs is None else max(1, jobs)
    jobs = min(jobs, len(items))
    if jobs <= 1 or len(items) <= SERIAL_MAX:
        for item in progress(items, total=len(items), desc=desc):
            yield func(item)
        return
    pool = worker_pool(jobs)
    try:
        results = pool.map(func, items, chunksize=_chunk_size(len(items), jobs))
        yield from progress(results, total=len(items), desc=desc)
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    finally:
        pool.shutdown(wait=True)

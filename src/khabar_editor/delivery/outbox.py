"""The outbox: a persistent queue of packages to send, with retries and backoff.

Everything lives in ``<data dir>/outbox/`` (``KHABAR_DATA_DIR`` honoured):
``outbox.json`` (the items and what each destination already holds) and
``spool/<item>.khabar``, the copy of each package taken when it was queued, so
moving or editing the original later changes nothing already queued.

``outbox.json`` is rewritten atomically (:mod:`khabar_editor.fsutil`) under an
exclusive lock on ``outbox.lock`` (released by the OS when a process dies), so
the editor and ``khabar send`` can share one outbox.

States: ``queued`` → ``sending`` → ``sent``, or ``failed`` with the reason in
Hindi and English. A *transient* failure (network, timeouts, server errors)
gets ``retry_at`` = now + backoff (30 s doubling to one hour) and is retried
automatically; other failures (password, rights, refused content) wait until
the user sends again. An item left ``sending`` by a process that died is queued
again the next time the outbox is opened. What a destination already holds
(post id, media ids, remote file name) is stored per (package id, destination)
*during* the send, so a resumed or repeated send updates instead of duplicating.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import secrets
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from khabar_editor.delivery.base import DeliveryError, Destination, Job, Progress
from khabar_editor.errors import KhabarError
from khabar_editor.fsutil import atomic_write_bytes, atomic_write_text, process_alive
from khabar_editor.i18n import N_, both
from khabar_editor.settings import data_dir

log = logging.getLogger(__name__)

QUEUED, SENDING, SENT, FAILED = "queued", "sending", "sent", "failed"
STATES = (QUEUED, SENDING, SENT, FAILED)
VERSION = 1
KEEP_SENT = 200
BACKOFF_BASE = 30.0
BACKOFF_CAP = 3600.0

MSG_NOT_SENDABLE = N_("{file} cannot be sent: {problems}")
MSG_UNEXPECTED = N_("Sending stopped on an unexpected error; details are in the log file.")
MSG_SPOOL_LOST = N_("The outbox's copy of this package is missing; queue the file again.")
MSG_OUTBOX_UNREADABLE = N_("The outbox {path} cannot be read ({reason}); it was kept as {kept} "
                           "and a new, empty outbox started.")


@dataclass
class Item:
    """One package queued for one destination."""

    id: str
    file: str
    package_id: str
    headline: str
    destination: str
    state: str = QUEUED
    attempts: int = 0
    queued_at: float = 0.0
    retry_at: float | None = None
    sent_at: float | None = None
    url: str = ""
    error: dict[str, str] = field(default_factory=dict)  # {"code", "en", "hi"}
    problems: list[str] = field(default_factory=list)
    progress: list[int] = field(default_factory=list)  # [done, total] while sending
    owner: int = 0  # pid of the sending process

    @property
    def key(self) -> str:
        """What the destination's memory of this package is filed under."""
        return f"{self.package_id}|{self.destination}"

    @property
    def file_name(self) -> str:
        return Path(self.file).name

    def reason(self, lang: str | None = None) -> str:
        """Why the last attempt failed, in ``lang`` (default: the interface language)."""
        from khabar_editor.i18n import get_language
        return self.error.get(lang or get_language()) or self.error.get("en", "")


def _item(data: dict[str, Any]) -> Item:
    names = {f.name for f in fields(Item)}
    return Item(**{k: v for k, v in data.items() if k in names})


def _is_due(item: Item, now: float, force: bool) -> bool:
    """Queued, or failed with its retry time come (with ``force``, any failed one)."""
    return item.state == QUEUED or (item.state == FAILED and (
        force or (item.retry_at is not None and item.retry_at <= now)))


DestinationFactory = Callable[[str], Destination]


class Outbox:
    """The queue on disk. Every method reads the file afresh under the lock, so several
    processes (the editor, ``khabar send``) see one consistent outbox."""

    def __init__(self, directory: Path | None = None, *, backoff_base: float = BACKOFF_BASE,
                 backoff_cap: float = BACKOFF_CAP, clock: Callable[[], float] = time.time
                 ) -> None:
        self.directory = Path(directory) if directory else data_dir() / "outbox"
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        self.clock = clock

    # -- storage -----------------------------------------------------------------------
    @property
    def path(self) -> Path:
        return self.directory / "outbox.json"

    def spool_path(self, item_id: str) -> Path:
        return self.directory / "spool" / f"{item_id}.khabar"

    @contextlib.contextmanager
    def _locked(self) -> Iterator[dict[str, Any]]:
        """The outbox data, locked; written back atomically when the block ends."""
        self.directory.mkdir(parents=True, exist_ok=True)
        with _FileLock(self.directory / "outbox.lock"):
            data = self._read()
            before = json.dumps(data, sort_keys=True)
            self._recover(data)
            yield data
            if json.dumps(data, sort_keys=True) != before:
                text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
                atomic_write_text(self.path, text)

    def _read(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or not isinstance(data.get("items"), list) \
                    or not isinstance(data.get("remote"), dict):
                raise ValueError("not an outbox")
            data["items"] = [asdict(_item(i)) for i in data["items"]]
            return data
        except FileNotFoundError:
            return {"version": VERSION, "items": [], "remote": {}}
        except (OSError, ValueError, TypeError) as exc:
            kept = self.path.with_name(f"outbox.broken-{int(self.clock())}.json")
            with contextlib.suppress(OSError):
                os.replace(self.path, kept)
            log.error("%s", both(MSG_OUTBOX_UNREADABLE, path=str(self.path),
                                 reason=type(exc).__name__, kept=str(kept))["en"])
            return {"version": VERSION, "items": [], "remote": {}}

    @staticmethod
    def _recover(data: dict[str, Any]) -> None:
        """Items left ``sending`` by a process that no longer runs are queued again."""
        for item in data["items"]:
            if item["state"] == SENDING and not process_alive(int(item.get("owner") or 0)):
                item["state"] = QUEUED
                item["progress"] = []
                item["retry_at"] = None

    # -- reading -------------------------------------------------------------------------
    def items(self) -> list[Item]:
        """All items, oldest first."""
        if not self.path.exists():  # nothing ever queued: create nothing
            return []
        with self._locked() as data:
            return [_item(i) for i in data["items"]]

    def get(self, item_id: str) -> Item | None:
        return next((i for i in self.items() if i.id == item_id), None)

    def remote(self, package_id: str, destination: str) -> dict[str, Any]:
        """What ``destination`` holds of package ``package_id`` (post id, media ids...)."""
        with self._locked() as data:
            return dict(data["remote"].get(f"{package_id}|{destination}", {}))

    def due(self, *, force: bool = False) -> list[Item]:
        """Items to send now: queued ones, and failed ones whose retry time has come
        (with ``force``, every failed one)."""
        now = self.clock()
        return [item for item in self.items() if _is_due(item, now, force)]

    def next_retry(self) -> float | None:
        """The earliest automatic retry time, or None."""
        times = [i.retry_at for i in self.items() if i.state == FAILED and i.retry_at]
        return min(times) if times else None

    # -- changing ------------------------------------------------------------------------
    def queue(self, file: str | os.PathLike[str], destination: str) -> Item:
        """Check ``file`` and queue a copy of it for ``destination``.

        A package that cannot be read or has errors is refused with a
        :class:`KhabarError` and nothing is queued. An older unsent item of the same
        package for the same destination is replaced (the newer version is sent once).
        """
        from khabar_editor.exporters import gate
        from khabar_editor.package.reader import read_package

        path = Path(file)
        pkg = read_package(path)
        report = gate.check(pkg, spelling=False)
        if report.errors:
            raise DeliveryError(MSG_NOT_SENDABLE, code="delivery.not_sendable",
                                file=path.name,
                                problems="; ".join(p.message for p in report.errors))
        item = Item(id=secrets.token_hex(8), file=str(path.resolve()),
                    package_id=pkg.article.id, headline=pkg.article.headline[:200],
                    destination=destination, queued_at=self.clock())
        atomic_write_bytes(self.spool_path(item.id), path.read_bytes())
        replaced: list[str] = []
        with self._locked() as data:
            kept = []
            for old in data["items"]:
                if old["package_id"] == item.package_id and old["destination"] == destination \
                        and old["state"] in (QUEUED, FAILED):
                    replaced.append(old["id"])
                else:
                    kept.append(old)
            kept.append(asdict(item))
            data["items"] = self._trim(kept)
        for old_id in replaced:
            self._drop_spool(old_id)
        return item

    def _trim(self, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        sent = [i for i in items if i["state"] == SENT]
        drop = {i["id"] for i in sent[:-KEEP_SENT]} if len(sent) > KEEP_SENT else set()
        return [i for i in items if i["id"] not in drop]

    def _drop_spool(self, item_id: str) -> None:
        with contextlib.suppress(OSError):
            self.spool_path(item_id).unlink()

    def remove(self, item_id: str) -> bool:
        """Take an item out of the outbox (not while it is being sent)."""
        with self._locked() as data:
            before = len(data["items"])
            data["items"] = [i for i in data["items"]
                             if i["id"] != item_id or i["state"] == SENDING]
            gone = len(data["items"]) != before
        if gone:
            self._drop_spool(item_id)
        return gone

    def retry_now(self, item_id: str | None = None) -> None:
        """Make failed items (or one) due at once."""
        with self._locked() as data:
            for i in data["items"]:
                if i["state"] == FAILED and (item_id is None or i["id"] == item_id):
                    i["retry_at"] = self.clock()

    def _update(self, item_id: str, **values: Any) -> Item | None:
        """Change an item's fields; the item as it now is (None if it is gone)."""
        with self._locked() as data:
            for i in data["items"]:
                if i["id"] == item_id:
                    i.update(values)
                    return _item(i)
        return None

    def _claim(self, item_id: str, *, force: bool) -> Item | None:
        """Mark the item ``sending`` by this process, unless it is not due or another
        item of the same package and destination is being sent right now."""
        now = self.clock()
        with self._locked() as data:
            found = next((i for i in data["items"] if i["id"] == item_id), None)
            if found is None:
                return None
            item = _item(found)
            busy = any(i["state"] == SENDING and f"{i['package_id']}|{i['destination']}"
                       == item.key for i in data["items"])
            if not _is_due(item, now, force) or busy:
                return None
            found.update(state=SENDING, owner=os.getpid(), attempts=item.attempts + 1,
                         progress=[0, 1])
            return _item(found)

    def _remember(self, key: str) -> Callable[[dict[str, Any]], None]:
        def remember(remote: dict[str, Any]) -> None:
            with self._locked() as data:
                data["remote"][key] = remote
        return remember

    def backoff(self, attempts: int) -> float:
        """Seconds to wait after ``attempts`` failed attempts (doubling, capped)."""
        return min(self.backoff_cap, self.backoff_base * 2 ** max(0, attempts - 1))

    # -- sending -------------------------------------------------------------------------
    def send(self, item_id: str, open_destination: DestinationFactory, *, force: bool = False,
             on_progress: Callable[[Item], None] | None = None) -> Item | None:
        """Send one item now if it is due (``force``: also failed ones before their retry
        time). Returns the item as it ends, or None when it was not sent (not due, or
        busy in another process)."""
        item = self._claim(item_id, force=force)
        if item is None:
            return None
        if on_progress:
            on_progress(item)

        def report(progress: Progress) -> None:
            current = self._update(item.id, progress=[progress.done, progress.total])
            if on_progress and current is not None:
                on_progress(current)

        try:
            spool = self.spool_path(item.id)
            if not spool.is_file():
                raise DeliveryError(MSG_SPOOL_LOST, code="delivery.spool_lost")
            destination = open_destination(item.destination)
            job = Job(str(spool), item.file_name, item.package_id,
                      self.remote(item.package_id, item.destination),
                      self._remember(item.key), report)
            result = destination.send(job)
        except KhabarError as exc:
            transient = bool(getattr(exc, "transient", False))
            retry = self.clock() + self.backoff(item.attempts) if transient else None
            self._update(item.id, state=FAILED, retry_at=retry, owner=0, progress=[],
                         error={"code": exc.code, "en": exc.message("en"),
                                "hi": exc.message("hi")})
        except Exception:  # noqa: BLE001 - never lose the item on a bug: mark it failed
            log.exception("Unexpected error while sending %s", item.file)
            self._update(item.id, state=FAILED, retry_at=None, owner=0, progress=[],
                         error={"code": "delivery.internal", **both(MSG_UNEXPECTED)})
        else:
            self._update(item.id, state=SENT, sent_at=self.clock(), url=result.url,
                         problems=result.problems, error={}, retry_at=None, owner=0,
                         progress=[])
            self._drop_spool(item.id)
        final = self.get(item.id)
        if on_progress and final is not None:
            on_progress(final)
        return final

    def send_due(self, open_destination: DestinationFactory, *, force: bool = False,
                 only: set[str] | None = None,
                 on_progress: Callable[[Item], None] | None = None) -> list[Item]:
        """Send every due item (or the ``only`` ones); the items as they ended."""
        done = []
        for item in self.due(force=force):
            if only is not None and item.id not in only:
                continue
            ended = self.send(item.id, open_destination, force=force, on_progress=on_progress)
            if ended is not None:
                done.append(ended)
        return done


class _FileLock:
    """An exclusive lock on a file, held by this process; the OS drops it on exit."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fh: Any = None

    def __enter__(self) -> _FileLock:
        self._fh = open(self.path, "a+b")  # noqa: SIM115 - closed in __exit__
        if sys.platform.startswith("win"):  # pragma: no cover - Windows
            import msvcrt
            while True:
                try:
                    self._fh.seek(0)
                    msvcrt.locking(self._fh.fileno(), msvcrt.LK_LOCK, 1)
                    break
                except OSError:
                    time.sleep(0.05)
        else:
            import fcntl
            fcntl.flock(self._fh.fileno(), fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            if sys.platform.startswith("win"):  # pragma: no cover - Windows
                import msvcrt
                self._fh.seek(0)
                msvcrt.locking(self._fh.fileno(), msvcrt.LK_UNLCK, 1)
            else:
                import fcntl
                fcntl.flock(self._fh.fileno(), fcntl.LOCK_UN)
        finally:
            self._fh.close()


def open_destination_factory(password: str | None = None,
                             config_directory: Path | None = None) -> DestinationFactory:
    """A factory making the configured destination called ``name`` with its password
    (``password`` when given, else ``KHABAR_PASSWORD``, else the keyring's)."""
    def open_destination(name: str) -> Destination:
        from khabar_editor.delivery.config import get_destination
        from khabar_editor.delivery.secrets import password_for
        config = get_destination(name, config_directory)
        secret = password or password_for(name, config.account)
        return make_destination(config, secret)
    return open_destination


def make_destination(config: Any, password: str) -> Destination:
    """The :class:`Destination` for a :class:`~.config.DestinationConfig`."""
    if config.kind == "wordpress":
        from khabar_editor.delivery.wordpress import WordPressDestination
        return WordPressDestination(config, password)
    from khabar_editor.delivery.webdav import WebDavDestination
    return WebDavDestination(config, password)


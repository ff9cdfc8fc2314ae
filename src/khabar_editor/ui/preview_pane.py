"""Live HTML preview: rendered off the GUI thread, debounced, stale results dropped.

Incremental: the worker renders the page as parts (header, each body paragraph,
photos; :func:`app.preview.preview_parts`) and the pane replaces only the parts
that changed, through a QTextCursor on its document, so one typed paragraph is
re-laid out instead of the whole page; the replacement is one edit block, so
Qt's layout runs over the page once per refresh, not once per inserted or
removed piece. The wait after the last keystroke adapts to how long the last
refresh took (never more than :data:`DEBOUNCE_MS`).

A whole-page build (a document opened, other colours or width) is done in
slices of at most :data:`BUILD_SLICE_MS` on the GUI thread: the top of the page
is shown after the first slice, the rest is appended from a zero-delay timer.
While the pane is hidden in a shown window nothing is rendered; it renders once
when shown again.

A QTextBrowser (no JavaScript, no network). :meth:`PreviewPane.loadResource`
serves only the package's own photos from memory and answers every other request
(any resource type: image, style sheet, page) with an in-memory placeholder. It
never returns nothing and never calls the base class: on an empty answer Qt falls
back to reading the path from the disk (relative to the working folder), which
would let a received article read the desk's files or hang on ``/dev/zero``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, QUrl, Signal
from PySide6.QtGui import (QColor, QImage, QPainter, QPen, QShowEvent, QTextBlockFormat,
                           QTextCharFormat, QTextCursor, QTextDocument,
                           QTextDocumentFragment)
from PySide6.QtWidgets import QTextBrowser, QWidget

from khabar_editor.app.preview import PreviewJob, preview_css, preview_parts

log = logging.getLogger(__name__)

DEBOUNCE_MS = 250
"""The longest wait after a keystroke before the preview refreshes."""
REBUILD_WIDTH_STEP = 40
"""Photos are scaled to the pane's width: a pane this much wider or narrower rebuilds."""
MIN_DEBOUNCE_MS = 40
"""The shortest: a fast refresh still waits for a short pause in typing."""
BUILD_SLICE_MS = 8.0
"""Longest stretch of a whole-page build done on the GUI thread in one go."""
_LEAD = "<p>x</p>"
"""Put before each inserted part and removed again: the part's first block then keeps
its own format (Qt gives the first block of an inserted fragment the format of the
block it lands in)."""
PLACEHOLDER_SIZE = (160, 100)
_DARK_CSS = """
p.deck, p.byline, p.dateline, span.role, blockquote, figcaption, p.figcaption,
small.credit { color: #c8c8c8; }
p.category { color: #ff8a80; }
th { background-color: #3a3a3a; } td { border: 1px solid #555555; }
"""


class _Relay(QObject):
    done = Signal(int, object)  # revision, list of HTML parts


class _RenderTask(QRunnable):
    def __init__(self, job: PreviewJob, relay: _Relay) -> None:
        super().__init__()
        self._job, self._relay = job, relay
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            parts = preview_parts(self._job)
        except Exception:  # never let a render bug reach the GUI thread as a crash
            log.exception("Preview rendering failed")
            parts = []
        self._relay.done.emit(self._job.revision, parts)


class PreviewPane(QTextBrowser):
    """Shows the article as it will appear; call :meth:`schedule` on every edit."""

    rendered = Signal(int, float)  # revision, ms from debounce firing to HTML applied

    def __init__(self, job_factory: Callable[[], PreviewJob], media: Callable[[], dict[str, bytes]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preview")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self._job_factory = job_factory
        self._media = media
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.done.connect(self._apply)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.render_now)
        self._build_timer = QTimer(self)
        self._build_timer.setSingleShot(True)
        self._build_timer.setInterval(0)
        self._build_timer.timeout.connect(self._build_slice)
        self._wanted = -1
        self._fired_at = 0.0
        self._fraction = 0.0
        self._images: dict[tuple[str, int], QImage] = {}
        self.refused: list[str] = []  # resources answered with the placeholder (last page)
        self.applied_revision = -1
        self.last_refresh_ms = float(DEBOUNCE_MS)
        self.last_apply_ms = 0.0  # GUI-thread time of the last refresh (or build slice)
        self.parts_replaced = 0  # parts replaced by the last refresh (tests, benchmarks)
        self.parts_rebuilt = 0  # how many times the whole page was built
        self.renders_started = 0  # renders handed to the worker (tests: none while hidden)
        self.results_dropped = 0  # results overtaken by typing before they arrived
        self._applied_at = 0.0
        self.build_slices: list[float] = []  # ms (wall) of each slice of the last build
        self.build_slices_cpu: list[float] = []  # the same in GUI-thread CPU ms
        self.first_slice_ms = 0.0  # from the build's start until the top was shown
        self._parts: list[str] = []  # the parts in the document, in order
        self._lengths: list[int] = []  # their lengths in the document (one block apart)
        self._pending: list[str] = []  # parts a sliced build has still to append
        self._pending_revision = -1
        self._build_started = 0.0
        self._stale = False  # a render was wanted while hidden
        self._built_width = -1
        self._built_photos: tuple[tuple[str, int, int], ...] = ()
        self._lang = "hi"
        self.document().setUndoRedoEnabled(False)  # no undo history of every refresh
        # The document lays out lazily, so the range grows after setHtml: keep the place.
        self.verticalScrollBar().rangeChanged.connect(lambda *_r: self.sync_to(self._fraction))
        self.set_dark(False)

    def set_dark(self, dark: bool) -> None:
        """Use the light or dark preview style sheet."""
        self.document().setDefaultStyleSheet(preview_css() + (_DARK_CSS if dark else ""))
        building = bool(self._pending)
        self._parts = []  # parts are styled when inserted: the next render rebuilds all
        self._lengths = []
        self._pending = []
        self._build_timer.stop()
        if building:
            self.schedule()  # the half-built page is finished in the new colours

    def _hidden(self) -> bool:
        """Hidden inside a window that is shown: nobody would see a render."""
        return not self.isVisible() and self.window().isVisible()

    def schedule(self) -> None:
        """Restart the debounce timer (typing keeps postponing the render).

        The wait is as long as the last refresh took (at least MIN_DEBOUNCE_MS, at
        most DEBOUNCE_MS): a refresh never waits longer than it costs. While the
        pane is hidden nothing is rendered; it renders once when shown.
        """
        if self._hidden():
            self._stale = True
            self._timer.stop()
            return
        wait = min(DEBOUNCE_MS, max(MIN_DEBOUNCE_MS, round(self.last_refresh_ms)))
        self._timer.setInterval(wait)
        self._timer.start()

    def render_now(self) -> None:
        """Snapshot the article and render it in the worker thread (once shown, if hidden)."""
        if self._hidden():
            self._stale = True
            return
        self._stale = False
        job = self._job_factory()
        self._wanted = job.revision
        self._lang = job.article.language.value
        self._fired_at = time.perf_counter()
        self.renders_started += 1
        self._pool.start(_RenderTask(job, self._relay))

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._stale:
            self.render_now()

    @property
    def building(self) -> bool:
        """Whether a sliced whole-page build is still appending parts."""
        return bool(self._pending)

    def _apply(self, revision: int, parts: list[str]) -> None:
        if revision != self._wanted:
            return  # a newer render is on its way: drop the stale one
        started = time.perf_counter()
        if self._timer.isActive() and (started - self._applied_at) * 1000 < DEBOUNCE_MS:
            # Typed on since this render began: its result is already stale and the
            # next render is scheduled. Laying it out now would only hold the GUI
            # thread between two keystrokes; the page is never more than
            # DEBOUNCE_MS behind a writer who keeps typing.
            self.results_dropped += 1
            return
        width = self.viewport().width()
        built = len(self._parts)
        old = self._parts + self._pending
        prefix, suffix = _common_ends(old, parts)
        changed = len(parts) - prefix - suffix
        photos = self._photo_keys()
        old_end = len(old) - suffix
        if (not old or not parts or abs(width - self._built_width) >= REBUILD_WIDTH_STEP
                or photos != self._built_photos
                or changed > max(8, len(parts) // 2)
                or prefix < built < old_end):  # a change across the end of a sliced build
            self._built_width = width
            self._built_photos = photos
            self.parts_replaced = changed
            self._start_build(revision, parts)
            return
        if old_end <= built:
            self._replace(prefix, old_end, parts[prefix:len(parts) - suffix])
            built += len(parts) - len(old)
        self._parts = list(parts[:built])
        self._pending = list(parts[built:])
        self._built_width = width
        self._built_photos = photos
        self.parts_replaced = changed
        if self._pending:
            self._pending_revision = revision  # the build in progress finishes it
            self.last_apply_ms = (time.perf_counter() - started) * 1000
            return
        self._finish(revision, started)

    def _finish(self, revision: int, started: float) -> None:
        self.applied_revision = revision
        self._applied_at = time.perf_counter()
        self.sync_to(self._fraction)
        now = time.perf_counter()
        self.last_apply_ms = (now - started) * 1000
        self.last_refresh_ms = (now - self._fired_at) * 1000  # render + hand-over + apply
        self.rendered.emit(revision, self.last_refresh_ms)

    def _photo_keys(self) -> tuple[tuple[str, int, int], ...]:
        """Which photos the package holds (a photo added or replaced rebuilds the page)."""
        try:
            return tuple(sorted((k, id(v), len(v)) for k, v in self._media().items()))
        except Exception:  # noqa: BLE001 - no package (yet): nothing to compare
            return ()

    def _fragment(self, part: str, doc: QTextDocument) -> QTextDocumentFragment:
        return QTextDocumentFragment.fromHtml(
            f'<html><body lang="{self._lang}">{_LEAD}{part}</body></html>', doc)

    def _insert(self, cursor: QTextCursor, parts: list[str], *,
                after: bool = False) -> list[int]:
        """Insert ``parts`` at ``cursor`` (at an empty block); their lengths.

        ``after``: the cursor is at the end of a part, so the first one gets a block
        of its own too.
        """
        doc = cursor.document()
        lengths = []
        for k, part in enumerate(parts):
            if k or after:
                cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
            start = cursor.position()
            cursor.insertFragment(self._fragment(part, doc))
            end = cursor.position()
            lead = QTextCursor(doc)
            lead.setPosition(start)
            lead.movePosition(QTextCursor.MoveOperation.NextBlock, QTextCursor.MoveMode.KeepAnchor)
            removed = lead.selectionEnd() - lead.selectionStart()
            lead.removeSelectedText()
            lengths.append(end - removed - start)
            cursor.setPosition(end - removed)
        return lengths

    def _start_build(self, revision: int, parts: list[str]) -> None:
        """The whole page anew (first render, new document, other width or colours).

        The page is emptied and built again in slices: the first one (the top of
        the page) at once, the rest from a zero-delay timer. Each part is laid out
        as it is appended, so no slice waits for a layout of the whole page.
        """
        self._build_timer.stop()
        self._images.clear()
        self.refused.clear()
        doc = self.document()
        sheet, font = doc.defaultStyleSheet(), doc.defaultFont()
        doc.clear()  # the text and the resources (photos, placeholders) it had loaded
        doc.setDefaultStyleSheet(sheet)
        doc.setDefaultFont(font)
        self._parts, self._lengths = [], []
        self._pending = list(parts)
        self._pending_revision = revision
        self.parts_rebuilt += 1
        self.build_slices = []
        self.build_slices_cpu = []
        self._build_started = time.perf_counter()
        self._build_slice()

    def _build_slice(self) -> None:
        """Append pending parts for at most BUILD_SLICE_MS (each one laid out as it comes)."""
        started = time.perf_counter()
        cpu_started = time.thread_time()
        deadline = started + BUILD_SLICE_MS / 1000
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        step = 0.0
        while self._pending:
            now = time.perf_counter()
            if self._parts and now + step > deadline:
                break
            part = self._pending.pop(0)
            # One edit block per part: Qt lays the part out at its end, so the cost
            # of the layout counts in ``step`` and the slice keeps to its budget
            # (appended at the end of the page, nothing after it moves).
            cursor.beginEditBlock()
            self._lengths += self._insert(cursor, [part], after=bool(self._parts))
            cursor.endEditBlock()
            self._parts.append(part)
            step = time.perf_counter() - now
        if len(self.build_slices) == 0:
            self.first_slice_ms = (time.perf_counter() - self._build_started) * 1000
        self.build_slices.append((time.perf_counter() - started) * 1000)
        self.build_slices_cpu.append((time.thread_time() - cpu_started) * 1000)
        if self._pending:
            self.last_apply_ms = self.build_slices[-1]
            self._build_timer.start()
        else:
            self._finish(self._pending_revision, started)

    def _start(self, index: int) -> int:
        """Position of part ``index`` in the document (parts are one block apart)."""
        return sum(self._lengths[:index]) + index

    def _replace(self, first: int, end: int, parts: list[str]) -> None:
        """Old parts ``first .. end - 1`` become ``parts``; the rest stays as laid out.

        One edit block: Qt re-lays out the page once for the whole replacement.
        """
        cursor = QTextCursor(self.document())
        start = self._start(first)
        cursor.beginEditBlock()
        cursor.setPosition(start)
        cursor.setPosition(start + sum(self._lengths[first:end]) + (end - first - 1),
                           QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        self._lengths[first:end] = self._insert(cursor, parts)
        cursor.endEditBlock()

    def sync_to(self, fraction: float) -> None:
        """Scroll to the same relative position as the editor."""
        self._fraction = min(max(fraction, 0.0), 1.0)
        bar = self.verticalScrollBar()
        bar.setValue(round(bar.maximum() * self._fraction))

    def finish_build(self) -> None:
        """Append whatever a sliced build still holds, now (tests, printing)."""
        while self._pending:
            self._build_slice()

    def wait_idle(self, msecs: int = 5000) -> bool:
        """Block until the worker is idle (tests and benchmarks)."""
        return self._pool.waitForDone(msecs)

    def loadResource(self, kind: int, url: QUrl) -> object:  # noqa: N802 - Qt override
        """Package photos from memory; a placeholder for anything else, of any resource type.

        Never ``None`` and never the base class: either would make Qt read the
        path from the file system.
        """
        image = self._package_image(url)
        if image is None:
            if len(self.refused) < 1000:
                self.refused.append(url.toString())
            return placeholder_image()
        return image

    def _package_image(self, url: QUrl) -> QImage | None:
        if url.scheme() or url.host() or url.hasQuery() or url.hasFragment():
            return None
        key = url.path()
        if not key.startswith("media/"):
            return None
        data = self._media().get(key)
        if data is None:
            return None
        width = max(120, self.viewport().width() - 40)
        cached = self._images.get((key, width))
        if cached is None:
            image = QImage.fromData(data)
            if image.isNull():
                return None
            if image.width() > width:
                image = image.scaledToWidth(width)
            cached = self._images[(key, width)] = image
        return cached


def _common_ends(old: list[str], new: list[str]) -> tuple[int, int]:
    """How many parts the two lists share at the start and at the end.

    Found by bisection over list slices (compared in C; unchanged parts are the
    same objects), not part by part in Python: 2,700 parts at 100k words.
    A part is replaced whole, never inserted between two others or removed alone:
    the change is widened by one neighbour when one side would be empty.
    """
    shortest = min(len(old), len(new))
    lo, hi = 0, shortest  # old[:lo] == new[:lo]; old[:hi + 1] != new[:hi + 1]
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if old[lo:mid] == new[lo:mid]:
            lo = mid
        else:
            hi = mid - 1
    prefix = lo
    n_old, n_new = len(old), len(new)
    lo, hi = 0, shortest - prefix
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if old[n_old - mid:n_old - lo] == new[n_new - mid:n_new - lo]:
            lo = mid
        else:
            hi = mid - 1
    suffix = lo
    while prefix + suffix >= shortest and (prefix or suffix):
        if prefix:
            prefix -= 1
        else:
            suffix -= 1
    return prefix, suffix


_placeholder: QImage | None = None


def placeholder_image() -> QImage:
    """A small grey box with a crossed frame, drawn once in memory."""
    global _placeholder
    if _placeholder is None:
        width, height = PLACEHOLDER_SIZE
        image = QImage(width, height, QImage.Format.Format_RGB32)
        image.fill(QColor("#d6d6d6"))
        painter = QPainter(image)
        painter.setPen(QPen(QColor("#8a8a8a"), 2))
        painter.drawRect(1, 1, width - 3, height - 3)
        painter.drawLine(0, 0, width - 1, height - 1)
        painter.drawLine(0, height - 1, width - 1, 0)
        painter.end()
        _placeholder = image
    return _placeholder

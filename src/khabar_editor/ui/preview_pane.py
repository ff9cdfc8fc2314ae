"""Live HTML preview: rendered off the GUI thread, debounced, stale results dropped.

A QTextBrowser (no JavaScript, no network). :meth:`PreviewPane.loadResource`
serves only the package's own photos from memory and refuses everything else,
so nothing in an article can make the preview touch the network or the disk.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, QUrl, Signal
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget

from khabar_editor.app.preview import PreviewJob, preview_css, render_preview

log = logging.getLogger(__name__)

DEBOUNCE_MS = 250
_DARK_CSS = """
p.deck, p.byline, span.role, blockquote, figcaption, small.credit { color: #c8c8c8; }
p.category { color: #ff8a80; }
th { background-color: #3a3a3a; } td { border: 1px solid #555555; }
"""


class _Relay(QObject):
    done = Signal(int, str)


class _RenderTask(QRunnable):
    def __init__(self, job: PreviewJob, relay: _Relay) -> None:
        super().__init__()
        self._job, self._relay = job, relay
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            page = render_preview(self._job)
        except Exception:  # never let a render bug reach the GUI thread as a crash
            log.exception("Preview rendering failed")
            page = ""
        self._relay.done.emit(self._job.revision, page)


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
        self._wanted = -1
        self._fired_at = 0.0
        self._fraction = 0.0
        self._images: dict[tuple[str, int], QImage] = {}
        self.applied_revision = -1
        # The document lays out lazily, so the range grows after setHtml: keep the place.
        self.verticalScrollBar().rangeChanged.connect(lambda *_r: self.sync_to(self._fraction))
        self.set_dark(False)

    def set_dark(self, dark: bool) -> None:
        """Use the light or dark preview style sheet."""
        self.document().setDefaultStyleSheet(preview_css() + (_DARK_CSS if dark else ""))

    def schedule(self) -> None:
        """Restart the debounce timer (typing keeps postponing the render)."""
        self._timer.start()

    def render_now(self) -> None:
        """Snapshot the article and render it in the worker thread."""
        job = self._job_factory()
        self._wanted = job.revision
        self._fired_at = time.perf_counter()
        self._pool.start(_RenderTask(job, self._relay))

    def _apply(self, revision: int, page: str) -> None:
        if revision != self._wanted:
            return  # a newer render is on its way: drop the stale one
        self._images.clear()
        self.setHtml(page)
        self.applied_revision = revision
        self.sync_to(self._fraction)
        self.rendered.emit(revision, (time.perf_counter() - self._fired_at) * 1000)

    def sync_to(self, fraction: float) -> None:
        """Scroll to the same relative position as the editor."""
        self._fraction = min(max(fraction, 0.0), 1.0)
        bar = self.verticalScrollBar()
        bar.setValue(round(bar.maximum() * self._fraction))

    def wait_idle(self, msecs: int = 5000) -> bool:
        """Block until the worker is idle (tests and benchmarks)."""
        return self._pool.waitForDone(msecs)

    def loadResource(self, kind: int, url: QUrl) -> object:  # noqa: N802 - Qt override
        """Serve package photos from memory; refuse everything else (no network, no disk)."""
        if kind != QTextDocument.ResourceType.ImageResource.value and \
                kind != QTextDocument.ResourceType.ImageResource:
            return None
        if url.scheme() or url.host():
            return None
        key = url.path()
        data = self._media().get(key) if key.startswith("media/") else None
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

"""Live HTML preview: rendered off the GUI thread, debounced, stale results dropped.

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
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import QTextBrowser, QWidget

from khabar_editor.app.preview import PreviewJob, preview_css, render_preview

log = logging.getLogger(__name__)

DEBOUNCE_MS = 250
PLACEHOLDER_SIZE = (160, 100)
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
        self.refused: list[str] = []  # resources answered with the placeholder (last page)
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
        self.refused.clear()
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

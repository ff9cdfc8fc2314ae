"""File → Print and Export as PDF: the article as it will print.

The page is the preview's HTML (headline, deck, byline, dateline, body, photos
with captions) laid out by a QTextDocument with the bundled Devanagari font, so
conjuncts and vowel signs are shaped by the same engine as on screen; Qt embeds
the font in the PDF. The document reads nothing from the disk: photos come from
the package in memory, anything else is refused (see :class:`_PrintDocument`).
The PDF is made in memory and written atomically.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QUrl
from PySide6.QtGui import QFont, QImage, QPageLayout, QPageSize, QPagedPaintDevice, QPdfWriter, QTextDocument

from khabar_editor import APP_NAME
from khabar_editor.app.preview import make_job, preview_css, render_preview
from khabar_editor.article.taxonomy import Taxonomy
from khabar_editor.fsutil import atomic_write_bytes
from khabar_editor.i18n import _
from khabar_editor.render.style import body_font_pt
from khabar_editor.ui.fonts import BUNDLED_FAMILY

if TYPE_CHECKING:
    from khabar_editor.ui.main_window import MainWindow

PRINT_IMAGE_PX = 620  # widest photo on an A4 page with 20 mm margins (96 px per inch)
MARGIN_MM = 20.0


class _PrintDocument(QTextDocument):
    """A text document whose only resources are the package's photos."""

    def __init__(self, media: dict[str, bytes]) -> None:
        super().__init__()
        self._media = media

    def loadResource(self, kind: int, url: QUrl) -> Any:  # noqa: N802 - Qt override
        key = url.path()
        data = None
        if not (url.scheme() or url.host() or url.hasQuery() or url.hasFragment()):
            data = self._media.get(key) if key.startswith("media/") else None
        image = QImage.fromData(data) if data else QImage()
        if image.isNull():
            image = QImage(1, 1, QImage.Format.Format_ARGB32)
            image.fill(0)
            return image  # never None: Qt would read the path from the disk
        if image.width() > PRINT_IMAGE_PX:
            image = image.scaledToWidth(PRINT_IMAGE_PX)
        return image


def article_document(package: Any, digits: str, taxonomy: Taxonomy | None) -> QTextDocument:
    """The article laid out for printing (same markup and style as the preview)."""
    job = make_job(0, package.article, digits, taxonomy)
    doc = _PrintDocument(dict(package.media))
    font = QFont(BUNDLED_FAMILY)
    font.setPointSizeF(body_font_pt() * 0.8)  # paper is read closer than a screen
    doc.setDefaultFont(font)
    doc.setDefaultStyleSheet(preview_css())
    doc.setHtml(render_preview(job))
    doc.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle,
                           package.article.headline or APP_NAME)
    return doc


def print_document(doc: QTextDocument, device: QPagedPaintDevice) -> None:
    """Lay ``doc`` out on A4 pages with margins and paint it onto ``device``."""
    device.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Portrait,
                                     QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                                     QPageLayout.Unit.Millimeter))
    doc.print_(device)


def pdf_bytes(package: Any, digits: str, taxonomy: Taxonomy | None) -> bytes:
    """The article as a PDF, made in memory."""
    doc = article_document(package, digits, taxonomy)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(package.article.headline or APP_NAME)
    writer.setCreator(APP_NAME)
    writer.setResolution(300)
    print_document(doc, writer)
    del writer  # finishes the PDF
    buffer.close()
    return bytes(data.data())


def export_pdf(path: str, package: Any, digits: str, taxonomy: Taxonomy | None) -> None:
    """Write the article's PDF to ``path`` atomically (OSError on failure)."""
    atomic_write_bytes(path, pdf_bytes(package, digits, taxonomy), private=False)


def ask_export_pdf(window: MainWindow) -> None:
    """File → Export as PDF: ask where, write the article's PDF there."""
    from PySide6.QtWidgets import QFileDialog

    window.flush_edits()
    session = window.session
    start = str(Path(window.start_dir()) / ((session.article.slug or "khabar") + ".pdf"))
    path, _f = QFileDialog.getSaveFileName(window, _("Export as PDF"), start,
                                           _("PDF documents (*.pdf)"))
    if not path:
        return
    if not path.lower().endswith(".pdf"):
        path += ".pdf"
    try:
        export_pdf(path, session.package, window.settings.digit_style, window.taxonomy)
    except OSError as exc:
        window.show_error(_("Could not save {name}: {reason}").format(
            name=Path(path).name, reason=exc.strerror or str(exc)))
        return
    window.statusBar().showMessage(_("Saved {name}").format(name=Path(path).name), 5000)


def ask_print(window: MainWindow) -> None:
    """File → Print: the print dialog, then the article on the chosen printer."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    window.flush_edits()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, window)
    if dialog.exec():
        doc = article_document(window.session.package, window.settings.digit_style,
                               window.taxonomy)
        print_document(doc, printer)

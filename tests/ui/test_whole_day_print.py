"""Issue 12, item 5: Export as PDF and Print give the article as it will print."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from PySide6.QtWidgets import QFileDialog

from khabar_editor.app.sample import sample_package

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None,
    reason="poppler-utils (pdftotext, pdfinfo) is not installed: add it to scripts/setup.sh")


@needs_poppler
def test_export_as_pdf_writes_the_article(window, qtbot, tmp_path, monkeypatch):
    """File → Export as PDF writes an A4 PDF with the headline, byline, dateline and caption."""
    window.session.load_package(sample_package(), None, dirty=False)
    target = tmp_path / "khabar"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.actions_by_name["export_pdf"].trigger()
    pdf = tmp_path / "khabar.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "Pages:" in info and "(A4)" in info
    assert "कोसी का जलस्तर घटा" in info  # the title is the headline
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    # Extracted text loses some conjuncts (the PDF maps glyphs, not letters): plain words.
    for word in ("कोसी", "सुनीता कुमारी", "सहरसा, 27", "3,500", "कतार"):
        assert word in text, word


def test_pdf_to_an_unwritable_place_is_reported(window, tmp_path, monkeypatch, answered):
    """A folder that cannot be written gets a clear message and no traceback."""
    (tmp_path / "plain-file").write_text("x")
    target = tmp_path / "plain-file" / "a.pdf"  # a "folder" that is a file
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.actions_by_name["export_pdf"].trigger()
    assert answered["errors"] and "a.pdf" in answered["errors"][0]
    assert (tmp_path / "plain-file").read_text() == "x"


def test_print_document_has_photos_from_the_package_only(qapp):
    """The print document loads the package photo and answers anything else with a blank."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QTextDocument

    from khabar_editor.ui.print_pdf import PRINT_IMAGE_PX, article_document

    doc = article_document(sample_package(), "latin", None)
    photo = doc.loadResource(QTextDocument.ResourceType.ImageResource.value,
                             QUrl("media/rahat-shivir.jpg"))
    assert 100 < photo.width() <= PRINT_IMAGE_PX
    other = doc.loadResource(QTextDocument.ResourceType.ImageResource.value, QUrl("/etc/passwd"))
    assert other.width() == 1
    assert "कोसी का जलस्तर घटा" in doc.toPlainText()

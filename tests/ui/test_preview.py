"""The live preview: follows typing, renders off the GUI thread, never loads remote things."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage, QTextDocument

from khabar_editor.app.sample import sample_package
from tests.ui.conftest import type_text

IMAGE = QTextDocument.ResourceType.ImageResource.value


def test_preview_follows_typing(window, qtbot):
    """Typed Hindi shows up in the preview after the debounce."""
    type_text(window.editor, "कोसी में उफान")
    qtbot.waitUntil(lambda: "कोसी में उफान" in window.preview.toPlainText(), timeout=5000)
    assert window.preview.applied_revision == window.session.revision


def test_preview_shows_metadata_and_photo(window, qtbot):
    """Headline, byline, dateline and the photo caption appear in the preview."""
    window.session.load_package(sample_package(), None, dirty=False)
    qtbot.waitUntil(lambda: "सुनीता कुमारी" in window.preview.toPlainText(), timeout=5000)
    # The page is built top first, in slices: wait for the whole of it.
    qtbot.waitUntil(lambda: window.preview.applied_revision == window.session.revision
                    and not window.preview.building, timeout=5000)
    text = window.preview.toPlainText()
    assert "कोसी का जलस्तर घटा" in text and "सहरसा, 27 नवंबर 2026" in text
    assert "महिषी प्रखंड के राहत शिविर" in text
    image = window.preview.loadResource(IMAGE, QUrl("media/rahat-shivir.jpg"))
    assert isinstance(image, QImage) and not image.isNull()


def test_stale_renders_are_dropped(window, qtbot):
    """Two quick renders: only the newest revision is applied."""
    window.editor.setPlainText("पहला")
    window.session.mark_changed()
    window.preview.render_now()
    window.editor.setPlainText("दूसरा")
    window.session.mark_changed()
    window.preview.render_now()
    latest = window.session.revision
    qtbot.waitUntil(lambda: window.preview.applied_revision == latest, timeout=5000)
    assert "दूसरा" in window.preview.toPlainText() and "पहला" not in window.preview.toPlainText()


def test_preview_refuses_remote_and_local_files(window, tmp_path):
    """http:, file: and absolute paths give the placeholder; only package media is served."""
    from khabar_editor.ui.preview_pane import placeholder_image

    secret = tmp_path / "secret.png"
    QImage(4, 4, QImage.Format.Format_RGB32).save(str(secret))
    for url in ("http://example.com/a.png", "https://x.test/b.jpg", QUrl.fromLocalFile(str(secret)),
                "media/not-in-package.jpg", "../secret.png"):
        assert window.preview.loadResource(IMAGE, QUrl(url)) == placeholder_image()


def test_render_happens_off_the_gui_thread(window, qtbot, monkeypatch):
    """The render function runs in a worker thread, not the GUI thread."""
    import threading

    from khabar_editor.ui import preview_pane

    threads = []
    real = preview_pane.preview_parts

    def spy(job):
        threads.append(threading.current_thread())
        return real(job)

    monkeypatch.setattr(preview_pane, "preview_parts", spy)
    window.editor.setPlainText("धागा")
    window.session.mark_changed()
    window.preview.render_now()
    qtbot.waitUntil(lambda: "धागा" in window.preview.toPlainText(), timeout=5000)
    assert threads and threads[-1] is not threading.main_thread()


def test_scroll_follows_the_editor(window, qtbot):
    """The preview follows the text to its ends and in between, also after re-layout.

    (Between the ends it matches subheads, not fractions: see test_whole_day_preview.)"""
    window.session.load_package(sample_package(), None, dirty=False)
    window.resize(900, 400)
    qtbot.waitUntil(lambda: window.preview.applied_revision == window.session.revision,
                    timeout=5000)
    bar, preview_bar = window.editor.verticalScrollBar(), window.preview.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0 and preview_bar.maximum() > 0, timeout=3000)

    def fractions():
        return bar.value() / bar.maximum(), preview_bar.value() / preview_bar.maximum()

    for target in (0.5, 1.0, 0.0):
        bar.setValue(round(bar.maximum() * target))
        qtbot.wait(50)
        editor_at, preview_at = fractions()
        if target in (0.0, 1.0):
            assert abs(editor_at - preview_at) < 0.02, (target, editor_at, preview_at)
        else:
            assert 0.1 < preview_at < 0.9, (target, editor_at, preview_at)
    assert fractions() == (0.0, 0.0)


def test_dark_preview_keeps_every_grey_line_readable(window, qtbot):
    """In the dark preview the dateline, byline and caption are light text, not dark grey."""
    window.preview.set_dark(True)
    window.session.load_package(sample_package(), None, dirty=False)
    qtbot.waitUntil(lambda: window.preview.applied_revision == window.session.revision
                    and not window.preview.building, timeout=5000)
    doc = window.preview.document()
    checked = 0
    for needle in ("सहरसा, 27 नवंबर 2026", "सुनीता कुमारी", "महिषी प्रखंड के राहत शिविर"):
        block = doc.find(needle).block()
        assert block.isValid(), needle
        colour = block.begin().fragment().charFormat().foreground().color()
        assert colour.lightness() > 150, (needle, colour.name())
        checked += 1
    assert checked == 3

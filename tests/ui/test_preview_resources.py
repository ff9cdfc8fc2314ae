"""The preview and every label resolve nothing outside the package (issue 13, information leak).

Qt reads a resource from the disk whenever the widget's ``loadResource`` gives
nothing back, relative to the working folder. Python audit hooks cannot see
Qt's C++ file access, so the preview also runs in a subprocess under strace.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QUrl
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import QLabel, QMessageBox

from khabar_editor.app.preview import make_job
from khabar_editor.article.model import Article, Media
from khabar_editor.ui.preview_pane import PLACEHOLDER_SIZE, PreviewPane, placeholder_image
from tests.app.file_trace import code_roots, opened_files, outside

PROBE = Path(__file__).resolve().parent / "preview_probe.py"
RESOURCES_DIR = Path(__file__).resolve().parents[1] / "data" / "hostile" / "resources"
KINDS = [QTextDocument.ResourceType.HtmlResource, QTextDocument.ResourceType.ImageResource,
         QTextDocument.ResourceType.StyleSheetResource,
         QTextDocument.ResourceType.MarkdownResource, QTextDocument.ResourceType.UserResource]


@pytest.fixture
def desk(tmp_path, monkeypatch):
    """A working folder holding secret.jpg, media/missing.jpg, dev/zero and style.css."""
    (tmp_path / "media").mkdir()
    (tmp_path / "dev").mkdir()
    for name in ("secret.jpg", "media/missing.jpg", "dev/zero"):
        (tmp_path / name).write_bytes(b"SECRET")
    (tmp_path / "style.css").write_text("p { color: red }")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _png(width: int = 30, height: int = 20) -> bytes:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(0xFF2050A0)
    buffer = QBuffer()
    buffer.open(QBuffer.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data())


def _is_placeholder(value: object) -> bool:
    return isinstance(value, QImage) and not value.isNull() and value == placeholder_image()


def _render(pane: PreviewPane, qtbot, revision: int) -> None:
    pane.render_now()
    qtbot.waitUntil(lambda: pane.applied_revision == revision, timeout=5000)
    pane.grab()  # paint: the document asks for every image now


def test_everything_but_package_media_gets_the_placeholder(qtbot, desk):
    """Every resource type and every URL outside the package's media dict: the placeholder."""
    pane = PreviewPane(lambda: make_job(1, Article(), "latin", None),
                       lambda: {"media/a.png": _png()})
    qtbot.addWidget(pane)
    urls = ["secret.jpg", "dev/zero", "media/missing.jpg", "/dev/zero", str(desk / "secret.jpg"),
            QUrl.fromLocalFile(str(desk / "secret.jpg")).toString(), "media/../secret.jpg",
            "http://example.com/a.png", "data:image/png;base64,iVBORw0KGgo=", "style.css",
            "qrc:/x.png", "media/a.png?x", "media/a.png#y", "//host/media/a.png", ""]
    for kind in KINDS:
        for url in urls:
            assert _is_placeholder(pane.loadResource(kind.value, QUrl(url))), (kind, url)
    photo = pane.loadResource(QTextDocument.ResourceType.ImageResource.value, QUrl("media/a.png"))
    assert isinstance(photo, QImage) and photo.size().width() == 30 and not _is_placeholder(photo)
    assert placeholder_image().size().toTuple() == PLACEHOLDER_SIZE


def test_hostile_package_preview_opens_no_file(window, qtbot, desk):
    """Opening body_images.khabar: the preview shows it and Python opens nothing outside."""
    path = Path(shutil.copy(RESOURCES_DIR / "body_images.khabar", desk / "work.khabar"))
    with opened_files() as opened:
        window.session.open(path)
        qtbot.waitUntil(lambda: "कोसी" in window.preview.toPlainText(), timeout=5000)
        window.preview.grab()
    assert "media/missing.jpg" in window.preview.refused  # served the placeholder instead
    assert not [p for p in opened if Path(p).name in ("secret.jpg", "zero", "missing.jpg")]
    assert outside(opened, path, *code_roots()) == []


def test_a_photo_added_after_a_placeholder_shows(qtbot, desk):
    """The placeholder is not cached for good: once the photo is in the package it shows."""
    media: dict[str, bytes] = {}
    article = Article(headline="h", media=[Media(file="media/a.png", caption="c")])
    revision = [1]
    pane = PreviewPane(lambda: make_job(revision[0], article, "latin", None), lambda: media)
    qtbot.addWidget(pane)
    pane.resize(600, 400)
    pane.show()
    _render(pane, qtbot, 1)
    assert pane.refused == ["media/a.png"]
    media["media/a.png"] = _png(300, 200)
    revision[0] = 2
    _render(pane, qtbot, 2)
    shown = pane.document().resource(QTextDocument.ResourceType.ImageResource.value,
                                     QUrl("media/a.png"))
    assert pane.refused == [] and isinstance(shown, QImage) and shown.width() == 300


def test_labels_and_message_boxes_show_html_as_text(make_window, qtbot):
    """An error quoting '<img src=...>' is shown literally, not as an image read from disk."""
    make_window()  # installs the application-wide plain-text rule
    hostile = "Photo 1: '<img src=dev/zero>' is not a file"
    label = QLabel(hostile)
    qtbot.addWidget(label)
    label.show()
    box = QMessageBox(QMessageBox.Icon.Warning, "Khabar", hostile)
    qtbot.addWidget(box)
    box.show()
    texts = [w for w in box.findChildren(QLabel) if w.text() == hostile]
    assert label.textFormat() == texts[0].textFormat() == label.textFormat().PlainText
    box.done(0)


def _strace() -> str:
    found = shutil.which("strace")
    if found is None:
        pytest.skip("strace is not installed: Qt's own file access cannot be traced "
                    "(install it: apt-get install -y strace)")
    probe = subprocess.run([found, "-f", "-e", "trace=none", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip(f"strace cannot trace here: {probe.stderr.decode(errors='replace')[:200]}")
    return found


def test_preview_and_labels_under_strace_open_no_outside_file(tmp_path):
    """Traced system calls: rendering hostile HTML and labels never opens the desk's files."""
    strace = _strace()
    secrets = tmp_path / "desk"
    (secrets / "media").mkdir(parents=True)
    (secrets / "dev").mkdir()
    for name in ("secret.jpg", "media/missing.jpg", "dev/zero", "style.css"):
        (secrets / name).write_bytes(b"SECRET")
    log = tmp_path / "trace.log"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [strace, "-f", "-qq", "-e", "trace=open,openat,openat2,stat,statx,newfstatat,access",
         "-o", str(log), sys.executable, str(PROBE), str(secrets), "--labels"],
        cwd=secrets, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    rendered, labels = done.stdout.split("\n")[:2]
    _word, revision, in_article, in_raw = rendered.split()
    assert revision == "1" and int(in_article) >= 1 and int(in_raw) >= 5  # really asked
    assert labels == "LABELS 0"
    names = ("secret.jpg", "dev/zero", "missing.jpg", "style.css")
    touched = [line for line in log.read_text(errors="replace").splitlines()
               if any(n in line for n in names)]
    assert touched == []

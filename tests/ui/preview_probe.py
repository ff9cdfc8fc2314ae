"""Render a hostile article in a real PreviewPane and exit (run as a subprocess under strace).

Usage: ``python tests/ui/preview_probe.py SECRET_DIR [--labels]``. The working
folder is ``SECRET_DIR``; it holds ``secret.jpg``, ``media/missing.jpg``,
``dev/zero`` and ``style.css`` that the article points at in every way we know.
Prints ``RENDERED <revision> <n> <m>``: the distinct resources answered with the
placeholder for the rendered article (n) and for raw, unsanitized HTML (m). With ``--labels`` it also shows a label, a message box and
a tool tip whose text is ``<img src=...>`` HTML (as an error quoting a hostile
name would be) and prints ``LABELS <n>``, n the labels left as rich text.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def hostile_body(secret_dir: Path) -> str:
    """A body pointing at files outside the package in every form Markdown and HTML allow."""
    secret = secret_dir / "secret.jpg"
    return "\n\n".join([
        "कोसी का पानी।",
        "![relative](secret.jpg)",
        "![missing](media/missing.jpg)",
        "![device](dev/zero)",
        f"![absolute]({secret})",
        f"![url]({secret.as_uri()})",
        '<img src="secret.jpg" alt="raw html">',
        '<link rel="stylesheet" href="style.css">',
        "![dotdot](media/../secret.jpg)",
    ])


def hostile_sources(secret_dir: Path) -> list[str]:
    """Image sources as they would reach Qt if nothing were sanitized."""
    secret = secret_dir / "secret.jpg"
    return ["secret.jpg", "dev/zero", "media/missing.jpg", str(secret), secret.as_uri(),
            "media/../secret.jpg", "./secret.jpg", "media/%2e%2e/secret.jpg"]


def hostile_media(secret_dir: Path) -> list[str]:
    """Media file names that should never reach the disk."""
    secret = secret_dir / "secret.jpg"
    return [str(secret), secret.as_uri(), "secret.jpg", "media/missing.jpg", "dev/zero",
            "media/../secret.jpg"]


def show_labels(app, secret_dir: Path) -> int:
    """Show hostile HTML in a label, a message box and a tool tip; count rich-text labels."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtWidgets import QLabel, QMessageBox, QToolTip, QWidget

    from khabar_editor.ui.plain_labels import install_plain_labels

    install_plain_labels(app)
    hostile = [f"Photo 1: '<img src=secret.jpg>' is not a file", "<img src=dev/zero>",
               f"<img src={secret_dir / 'secret.jpg'}>", "<img src=media/missing.jpg>"]
    host = QWidget()
    labels = [QLabel(text, host) for text in hostile]
    host.show()
    app.processEvents()
    labels[0].setText(hostile[1] + " " + hostile[2])  # changed after the first show
    box = QMessageBox(QMessageBox.Icon.Warning, "Khabar", hostile[0])
    box.setInformativeText(hostile[2])
    box.show()
    QToolTip.showText(QPoint(10, 10), hostile[3], host)
    app.processEvents()
    for widget in app.topLevelWidgets():
        if widget.isVisible():
            widget.grab()
    app.processEvents()
    rich = sum(1 for w in app.allWidgets()
               if isinstance(w, QLabel) and w.textFormat() != Qt.TextFormat.PlainText)
    box.done(0)
    return rich


def main(secret_dir: Path, labels: bool = False) -> int:
    from PySide6.QtWidgets import QApplication

    from khabar_editor.app.preview import make_job
    from khabar_editor.article.model import Article, Media
    from khabar_editor.ui.preview_pane import PreviewPane

    app = QApplication.instance() or QApplication(["probe"])
    article = Article(headline="गुप्त", body=hostile_body(secret_dir),
                      media=[Media(file=f, caption="c", alt="a") for f in hostile_media(secret_dir)])
    pane = PreviewPane(lambda: make_job(1, article, "latin", None), lambda: {})
    pane.resize(800, 600)
    pane.show()
    pane.render_now()
    pane.wait_idle()
    for _ in range(50):
        app.processEvents()
        if pane.applied_revision == 1:
            break
        pane.wait_idle(100)
    pane.grab()  # paint: every image is requested now
    app.processEvents()
    rendered = len(set(pane.refused))
    # As if the sanitizer let everything through: the pane itself must still refuse.
    raw = "".join(f'<p><img src="{src}"></p>' for src in hostile_sources(secret_dir))
    pane.setHtml(f'<html><head><link rel="stylesheet" href="style.css"></head><body>{raw}'
                 '<table background="secret.jpg"><tr><td>x</td></tr></table></body></html>')
    pane.grab()
    app.processEvents()
    print(f"RENDERED {pane.applied_revision} {rendered} {len(set(pane.refused))}", flush=True)
    if labels:
        print(f"LABELS {show_labels(app, secret_dir)}", flush=True)
    return 0 if pane.applied_revision == 1 else 1


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))
    sys.exit(main(Path(sys.argv[1]).resolve(), "--labels" in sys.argv[2:]))

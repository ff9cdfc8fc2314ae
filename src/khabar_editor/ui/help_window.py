"""Help (F1): the user guide, the keyboard shortcuts and a Markdown cheat sheet.

The guide and the cheat sheet are HTML files shipped with the package
(``data/help/``) in Hindi and English; the shortcut list is made from the
window's own actions, so it always shows the keys that really work.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from importlib import resources

from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QImage, QKeySequence
from PySide6.QtWidgets import (QDialog, QHBoxLayout, QPushButton, QTabWidget, QTextBrowser,
                               QVBoxLayout, QWidget)

from khabar_editor.i18n import _, get_language
from khabar_editor.ui.actions import toolbar_text

HELP_LANGUAGES = ("hi", "en")


def help_page(name: str, lang: str) -> str:
    """The HTML of ``data/help/<name>-<lang>.html`` (English if there is no such page)."""
    folder = resources.files("khabar_editor") / "data" / "help"
    page = folder / f"{name}-{lang}.html"
    if not page.is_file():
        page = folder / f"{name}-en.html"
    return page.read_text(encoding="utf-8")


def shortcuts_html(actions: Iterable[QAction]) -> str:
    """A table of every action that has a shortcut, in the interface language."""
    rows = []
    for action in actions:
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()]
        keys = [k for k in keys if k]
        if keys:
            rows.append(f"<tr><td>{html.escape(toolbar_text(action.text()))}</td>"
                        f"<td>{html.escape(', '.join(keys))}</td></tr>")
    return (f"<h1>{html.escape(_('Keyboard shortcuts'))}</h1>"
            '<table border="1" cellpadding="6" cellspacing="0">'
            f"<tr><th>{html.escape(_('Command'))}</th><th>{html.escape(_('Keys'))}</th></tr>"
            + "".join(rows) + "</table>")


class _Page(QTextBrowser):
    """A help page: no links followed, nothing loaded from the disk or the network."""

    def __init__(self) -> None:
        super().__init__()
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)

    def loadResource(self, kind: int, url: QUrl) -> object:  # noqa: N802 - Qt override
        image = QImage(1, 1, QImage.Format.Format_ARGB32)
        image.fill(0)
        return image


class HelpWindow(QDialog):
    """Guide, shortcuts and Markdown tabs; a button switches हिन्दी / English."""

    def __init__(self, actions: Iterable[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("helpWindow")
        self.setWindowTitle(_("Khabar Editor help"))
        self._actions = list(actions)
        self.lang = "hi" if get_language() == "hi" else "en"
        self.tabs = QTabWidget()
        self.guide, self.shortcuts, self.markdown = _Page(), _Page(), _Page()
        self.guide.setObjectName("helpGuide")
        self.shortcuts.setObjectName("helpShortcuts")
        self.markdown.setObjectName("helpMarkdown")
        self.tabs.addTab(self.guide, _("User guide"))
        self.tabs.addTab(self.shortcuts, _("Keyboard shortcuts"))
        self.tabs.addTab(self.markdown, _("Markdown"))
        self.switch = QPushButton()
        self.switch.setObjectName("helpLanguage")
        self.switch.clicked.connect(self._toggle_language)
        close = QPushButton(_("Close"))
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.switch)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addLayout(buttons)
        self.resize(720, 560)
        self._fill()

    def _fill(self) -> None:
        self.guide.setHtml(help_page("guide", self.lang))
        self.markdown.setHtml(help_page("markdown", self.lang))
        self.shortcuts.setHtml(shortcuts_html(self._actions))
        self.switch.setText("English" if self.lang == "hi" else "हिन्दी")

    def _toggle_language(self) -> None:
        self.lang = "en" if self.lang == "hi" else "hi"
        self._fill()

    def show_tab(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)
        self.show()
        self.raise_()
        self.activateWindow()

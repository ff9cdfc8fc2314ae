"""Every QAction of the main window, with its shortcut, and the menus built from them."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar

from khabar_editor.i18n import _

if TYPE_CHECKING:
    from khabar_editor.ui.format_actions import MarkdownFormatter
    from khabar_editor.ui.main_window import MainWindow

Std = QKeySequence.StandardKey

# name -> (label, shortcut, handler attribute on the window, checkable)
_SPECS: dict[str, tuple[str, object, str, bool]] = {
    "new": ("&New", Std.New, "on_new", False),
    "open": ("&Open…", Std.Open, "on_open", False),
    "save": ("&Save", Std.Save, "on_save", False),
    "save_as": ("Save &as…", "Ctrl+Shift+S", "on_save_as", False),
    # Ctrl+I is Italic, as everywhere else.
    "import": ("&Import text or Markdown…", "Ctrl+Shift+I", "on_import", False),
    "insert_photo": ("Insert &photo…", "Ctrl+Shift+P", "on_insert_photo", False),
    "export": ("&Export…", "Ctrl+E", "on_export", False),
    "export_pdf": ("Export as P&DF…", "Ctrl+Shift+E", "on_export_pdf", False),
    "print": ("Prin&t…", Std.Print, "on_print", False),
    "inbox": ("In&box…", "Ctrl+Shift+O", "on_inbox", False),
    "quit": ("&Quit", "Ctrl+Q", "close", False),
    "undo": ("&Undo", Std.Undo, "on_undo", False),
    "redo": ("&Redo", Std.Redo, "on_redo", False),
    "cut": ("Cu&t", Std.Cut, "on_cut", False),
    "copy": ("&Copy", Std.Copy, "on_copy", False),
    "paste": ("&Paste", Std.Paste, "on_paste", False),
    "find": ("&Find and replace…", Std.Find, "on_find", False),
    "find_next": ("Find &next", "F3", "on_find_next", False),
    # Ctrl++ needs Shift on most layouts; Ctrl+= and the keypad work too.
    "zoom_in": ("Zoom &in", (Std.ZoomIn, "Ctrl+=", "Ctrl+Shift++", "Ctrl+Num++"),
                "on_zoom_in", False),
    "zoom_out": ("Zoom &out", (Std.ZoomOut, "Ctrl+Num+-"), "on_zoom_out", False),
    "zoom_reset": ("&Reset zoom", "Ctrl+0", "on_zoom_reset", False),
    "fullscreen": ("&Distraction-free mode", "F11", "on_fullscreen", True),
    "show_metadata": ("&Metadata panel", "Ctrl+Shift+M", "on_show_metadata", True),
    "show_preview": ("P&review", "Ctrl+Shift+V", "on_show_preview", True),
    "show_proofing": ("Proofing &panel", "Ctrl+Shift+K", "on_show_proofing", True),
    "spell_check": ("Check &spelling", "F7", "on_spell_check", True),
    "line_numbers": ("&Line numbers", "Ctrl+Shift+L", "on_line_numbers", True),
    "preferences": ("Pr&eferences…", "Ctrl+,", "on_preferences", False),
    "bold": ("&Bold", Std.Bold, "format:bold", False),
    "italic": ("&Italic", Std.Italic, "format:italic", False),
    "heading2": ("Heading &2", "Ctrl+2", "format:heading2", False),
    "heading3": ("Heading &3", "Ctrl+3", "format:heading3", False),
    "bullets": ("Bulle&ted list", "Ctrl+Shift+8", "format:bullets", False),
    "numbers": ("&Numbered list", "Ctrl+Shift+7", "format:numbers", False),
    "quote": ("&Quote", "Ctrl+Shift+9", "format:quote", False),
    "link": ("&Link…", "Ctrl+K", "format:link", False),
    "help": ("&User guide", Std.HelpContents, "on_help", False),
    "shortcuts": ("&Keyboard shortcuts", "Ctrl+/", "on_shortcuts", False),
    "markdown_help": ("&Markdown cheat sheet", "Shift+F1", "on_markdown_help", False),
    "sample": ("Open the &sample article", "", "on_sample", False),
    "about": ("&About Khabar Editor", "", "on_about", False),
}

MENUS = (
    ("&File", ("new", "open", "recent", "inbox", "-", "save", "save_as", "-", "import",
               "insert_photo", "export", "-", "quit")),
    ("&Edit", ("undo", "redo", "-", "cut", "copy", "paste", "-", "find", "find_next", "-",
               "preferences")),
    ("&View", ("zoom_in", "zoom_out", "zoom_reset", "-", "show_metadata", "show_preview",
               "show_proofing", "line_numbers", "-", "fullscreen")),
    ("F&ormat", ("bold", "italic", "-", "heading2", "heading3", "-", "bullets", "numbers",
                 "quote", "-", "link")),
    ("&Tools", ("spell_check",)),
    ("&Help", ("help", "shortcuts", "markdown_help", "-", "sample", "about")),
)
FORMAT_TOOLBAR = ("bold", "italic", "heading2", "heading3", "bullets", "numbers", "quote", "link")
# Short button faces (the menu has the full names, the tooltip both).
FORMAT_FACES = {"bold": "B", "italic": "I", "heading2": "H2", "heading3": "H3",
                "bullets": "•", "numbers": "1.", "quote": "❝", "link": ""}
# Hindi labels carry their mnemonic as "(&N)"; a toolbar button shows no mnemonic.
_MNEMONIC = re.compile(r"\s*\(&?[A-Za-z0-9]\)")
TOOLBAR = ("new", "open", "inbox", "save", "-", "insert_photo", "find", "-", "spell_check",
           "fullscreen")


def build_actions(window: MainWindow) -> dict[str, QAction]:
    """Create every action, connected to ``window.<handler>``.

    Format commands go to ``window.formatter``, made on first use (format_actions is
    not needed for the first paint)."""
    actions: dict[str, QAction] = {}
    for name, (label, shortcut, handler, checkable) in _SPECS.items():
        action = QAction(_(label), window)
        action.setObjectName(f"action_{name}")
        if isinstance(shortcut, tuple):
            action.setShortcuts([QKeySequence(s) for s in shortcut])  # type: ignore[arg-type]
        elif shortcut:
            action.setShortcut(QKeySequence(shortcut))  # type: ignore[arg-type]
        action.setCheckable(checkable)
        if handler.startswith("format:"):
            command = handler.partition(":")[2]
            slot: Callable[..., object] = lambda c=command: formatter(window).run(c)
        else:
            slot = getattr(window, handler)
        if checkable:
            action.toggled.connect(slot)
        else:
            action.triggered.connect(lambda _checked=False, s=slot: s())
        window.addAction(action)  # shortcuts work in full-screen mode too
        actions[name] = action
    return actions


def formatter(window: MainWindow) -> MarkdownFormatter:
    """The window's Markdown formatter (made the first time it is asked for)."""
    found = getattr(window, "formatter", None)
    if found is None:
        from khabar_editor.ui.format_actions import MarkdownFormatter

        found = MarkdownFormatter(window.editor, window)
        window.formatter = found  # type: ignore[attr-defined]
    return found


def toolbar_text(label: str) -> str:
    """``label`` as a toolbar button shows it: no "(&N)" mnemonic, "&" and "…" removed."""
    text = _MNEMONIC.sub("", label).replace("&&", "\0").replace("&", "").replace("\0", "&")
    return text.rstrip("…").rstrip(".").strip()


def build_menus(window: MainWindow, actions: dict[str, QAction]) -> QMenu:
    """Fill the menu bar and the toolbar; returns the (empty) recent-files menu."""
    recent = QMenu(_("Open &recent"), window)
    recent.setObjectName("recentMenu")
    bar = window.menuBar()
    for title, names in MENUS:
        menu = bar.addMenu(_(title))
        for name in names:
            if name == "-":
                menu.addSeparator()
            elif name == "recent":
                menu.addMenu(recent)
            else:
                menu.addAction(actions[name])
    toolbar = QToolBar(_("Main toolbar"), window)
    toolbar.setObjectName("mainToolbar")
    for name in TOOLBAR:
        if name == "-":
            toolbar.addSeparator()
        else:
            actions[name].setIconText(toolbar_text(actions[name].text()))
            toolbar.addAction(actions[name])
    window.addToolBar(toolbar)
    formats = QToolBar(_("Format toolbar"), window)
    formats.setObjectName("formatToolbar")
    for name in FORMAT_TOOLBAR:
        action = actions[name]
        action.setIconText(FORMAT_FACES[name] or toolbar_text(action.text()))
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{toolbar_text(action.text())} ({keys})" if keys else
                          toolbar_text(action.text()))
        formats.addAction(action)
    for name, style in (("bold", QFont.setBold), ("italic", QFont.setItalic)):
        # The button's face in its own style; set on the action, which the tool button
        # (and the menu item) take it from: asking the toolbar for its button would
        # make PySide look up the button's type before the first paint (~20 ms).
        font = QFont(formats.font())
        style(font, True)
        actions[name].setFont(font)
    window.addToolBar(formats)
    return recent

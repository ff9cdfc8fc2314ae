"""Qt's own dialog strings (OK, Cancel, the file dialog) in the interface language.

Qt ships no Hindi ``qtbase`` catalogue, so standard buttons and the file dialog
would stay English in a Hindi interface. :class:`GettextQtTranslator` answers
Qt's ``tr()`` lookups from our gettext catalogue instead, for the strings below
(marked so that they are extracted and checked like every other UI string).
"""

from __future__ import annotations

from PySide6.QtCore import QTranslator

from khabar_editor.i18n import N_, translate

# The source texts Qt uses in QPlatformTheme (standard buttons), QMessageBox
# and QFileDialog, exactly as Qt spells them.
QT_STRINGS = frozenset({
    N_("OK"), N_("Cancel"), N_("Close"), N_("Save"), N_("Open"), N_("Apply"), N_("Help"),
    N_("Discard"), N_("&Yes"), N_("&No"), N_("Yes"), N_("No"), N_("Abort"), N_("Retry"),
    N_("Ignore"), N_("Reset"), N_("Restore Defaults"), N_("Show Details..."),
    N_("Hide Details..."), N_("Look in:"), N_("File &name:"), N_("Files of type:"),
    N_("&Open"), N_("&Save"), N_("&Choose"), N_("Directory:"), N_("Name"), N_("Size"),
    N_("Type"), N_("Date Modified"), N_("New Folder"), N_("Back"), N_("Forward"),
    N_("Parent Directory"), N_("Create New Folder"), N_("List View"), N_("Detail View"),
    N_("Computer"), N_("Folder"), N_("&Undo"), N_("&Redo"), N_("Cu&t"), N_("&Copy"),
    N_("&Paste"), N_("Delete"), N_("Select All"), N_("Copy &Link Location"),
})


class GettextQtTranslator(QTranslator):
    """Translates Qt's own strings through ``khabar_editor.i18n`` for ``lang``."""

    def __init__(self, lang: str, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._lang = lang

    def isEmpty(self) -> bool:  # noqa: N802 - Qt override
        return False

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        """Our translation of ``source``, or ``None`` (a null string: Qt keeps its own)."""
        if source not in QT_STRINGS:
            return None
        text = translate(source, self._lang)
        return None if text == source else text

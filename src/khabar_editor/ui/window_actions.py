"""The main window's menu and toolbar commands: file, edit, view, print and help.

A mixin of :class:`~khabar_editor.ui.main_window.MainWindow` (the actions of
``ui/actions.py`` call ``window.on_<name>``); the window's layout, start-up and
session wiring stay in ``main_window.py``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from khabar_editor import APP_NAME, __version__
from khabar_editor.i18n import _
from khabar_editor.settings import save_settings
from khabar_editor.ui.fonts import editor_font

if TYPE_CHECKING:
    from khabar_editor.settings import Settings, State

PHOTO_FILTER = "*.jpg *.jpeg *.png *.webp"
FOCUS_COLUMN_CHARS = 70  # line length in distraction-free mode (a readable measure)
# Typical Hindi prose: measures how wide 70 characters of real text are.
_MEASURE_SAMPLE = "कोसी नदी का जलस्तर पिछले दो दिनों में लगभग चालीस सेंटीमीटर घटा है"


class WindowActions:
    """File, edit, view, print and help commands (mixed into the main window)."""

    settings: Settings
    state: State
    session: Any
    editor: Any

    # -- file actions -----------------------------------------------------------------
    def on_new(self) -> None:
        self.session.new()

    def _ask_open(self, title: str, pattern: str) -> str:
        from PySide6.QtWidgets import QFileDialog

        path, _f = QFileDialog.getOpenFileName(self, title, self.start_dir(), pattern)
        return path

    def on_open(self) -> None:
        path = self._ask_open(_("Open article"), _("Articles (*.khabar *.md *.markdown *.txt)"))
        if path:
            self.session.open(path)

    def on_import(self) -> None:
        path = self._ask_open(_("Import text"), _("Text and Markdown (*.md *.markdown *.txt)"))
        if path:
            self.session.open(path)
            self.legacy_paste.check_document()

    def on_save(self) -> None:
        self.session.save()

    def on_save_as(self) -> None:
        self.session.save_as()

    def open_dropped(self, paths: list[str]) -> None:
        """Files dropped on the window: photos are inserted, articles opened."""
        from khabar_editor.app.session import IMPORT_SUFFIXES, PACKAGE_SUFFIX

        for raw in paths:
            path = Path(raw)
            suffix = path.suffix.lower()
            if suffix in (".jpg", ".jpeg", ".png", ".webp"):
                self._insert_photo_file(path)
            elif suffix == PACKAGE_SUFFIX or suffix in IMPORT_SUFFIXES:
                self.session.open(path)
                break
            else:
                self.show_error(_("{name} is not an article or a photo.").format(name=path.name))

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for path in self.state.recent_files:
            action = self.recent_menu.addAction(Path(path).name)
            action.setToolTip(path)
            action.triggered.connect(lambda _c=False, p=path: self.session.open(p))
        self.recent_menu.setEnabled(bool(self.state.recent_files))

    def on_insert_photo(self) -> None:
        path = self._ask_open(_("Insert photo"), _("Photos ({patterns})").format(
            patterns=PHOTO_FILTER))
        if path:
            self._insert_photo_file(Path(path))

    def _insert_photo_file(self, path: Path) -> None:
        if self.session.insert_photo(path) is not None:
            self.metadata.media.load(self.session.article.media, self.session.package.media)
            self.preview.schedule()
            # Straight on to the caption: the new photo is selected, shown and focused.
            self.metadata_dock.show()
            self.metadata.ensureWidgetVisible(self.metadata.media.caption)
            self.metadata.media.caption.setFocus()

    def _remove_photo(self, index: int) -> None:
        if 0 <= index < len(self.session.article.media):
            self.session.remove_photo(index)
            self.metadata.media.load(self.session.article.media, self.session.package.media)
            self.preview.schedule()

    def on_export(self) -> None:
        self.flush_edits()
        from khabar_editor.ui.export_dialog import ExportDialog  # lazy: keeps start-up fast

        hint = str(self.session.path) if self.session.path else None
        ExportDialog(self, self.session.package, hint).exec()

    def on_inbox(self) -> None:
        self.desk.show_inbox()

    def on_sample(self) -> None:
        from khabar_editor.app.sample import sample_package

        if self.session.maybe_save():
            self.session.load_package(sample_package(), None, dirty=False)

    # -- edit and view actions ---------------------------------------------------------
    def on_undo(self) -> None:
        self.editor.undo()

    def on_redo(self) -> None:
        self.editor.redo()

    def on_cut(self) -> None:
        self.editor.cut()

    def on_copy(self) -> None:
        self.editor.copy()

    def on_paste(self) -> None:
        self.editor.paste()

    def on_find(self) -> None:
        self.find_bar.open_bar()

    def on_find_next(self) -> None:
        if self.find_bar.find_edit.text():
            self.find_bar.find_next()
        else:
            self.find_bar.open_bar()

    def _zoom(self, steps: int) -> None:
        self.editor.zoomIn(steps)
        self.settings.zoom += steps

    def on_zoom_in(self) -> None:
        self._zoom(1)

    def on_zoom_out(self) -> None:
        self._zoom(-1)

    def on_zoom_reset(self) -> None:
        self.editor.setFont(editor_font(self.settings.font_family, self.settings.font_size))
        self.settings.zoom = 0

    def on_fullscreen(self, on: bool) -> None:
        """Distraction-free: only the text, full screen."""
        # The status bar (word count) stays; the panels come back as they were.
        a = self.actions_by_name
        for widget, wanted in ((self.metadata_dock, a["show_metadata"].isChecked()),
                               (self.preview, a["show_preview"].isChecked()),
                               (self.menuBar(), True),
                               (self.findChild(QWidget, "mainToolbar"), True),
                               (self.findChild(QWidget, "formatToolbar"), True)):
            if widget is not None:
                widget.setVisible(wanted and not on)
        self.proofing.set_visible(False if on else a["show_proofing"].isChecked())
        self.editor.set_text_column(self._focus_column_chars() if on else 0)
        self.showFullScreen() if on else self.showNormal()

    def _focus_column_chars(self) -> int:
        """Column width for FOCUS_COLUMN_CHARS characters of Hindi, in average-width units.

        The font's average character width is a Latin one; Devanagari text runs wider.
        """
        metrics = self.editor.fontMetrics()
        per_char = metrics.horizontalAdvance(_MEASURE_SAMPLE) / len(_MEASURE_SAMPLE)
        return max(20, round(FOCUS_COLUMN_CHARS * per_char / max(1, metrics.averageCharWidth())))

    def on_show_metadata(self, on: bool) -> None:
        self.metadata_dock.setVisible(on)

    def on_show_preview(self, on: bool) -> None:
        self.preview.setVisible(on)

    def on_show_proofing(self, on: bool) -> None:
        self.proofing.set_visible(on)
        if on:
            from khabar_editor.ui import panels

            QTimer.singleShot(0, lambda: panels.make_room(self))

    def on_spell_check(self, on: bool) -> None:
        self.settings.spell_check = on
        self.proofing.set_enabled(on)

    def on_line_numbers(self, on: bool) -> None:
        self.settings.line_numbers = on
        self.editor.set_line_numbers(on)

    def on_preferences(self) -> None:
        from khabar_editor.ui import restart as dialogs_restart
        from khabar_editor.ui.preferences import PreferencesDialog

        dialog = PreferencesDialog(self.settings, self, key_created=self.desk.key_created)
        if not dialog.exec():
            return
        new = dialog.result_settings()
        language_changed = new.ui_language != self.settings.ui_language
        self.settings.__dict__.update(new.__dict__)
        save_settings(self.settings)
        self.taxonomy = self._load_taxonomy()
        self.apply_settings()
        self.desk.settings_changed()
        from khabar_editor.ui.main_window import restart_notice

        if language_changed and dialogs_restart.ask_restart(self, restart_notice(new.ui_language)):
            self.restart()

    def restart(self) -> bool:
        """Start the editor again (new interface language) once the work is saved or let go."""
        from khabar_editor.ui import restart as dialogs_restart

        self.flush_edits()
        if not self.session.close():
            return False
        self._close_confirmed = True
        if not dialogs_restart.start_again(self.session.path):
            self._close_confirmed = False
            self.show_error(_("Khabar Editor could not be started again; please start it yourself."))
            return False
        self.close()
        return True

    # -- print, PDF and help ------------------------------------------------------------
    def on_export_pdf(self) -> None:
        from khabar_editor.ui import print_pdf

        print_pdf.ask_export_pdf(self)

    def on_print(self) -> None:
        from khabar_editor.ui import print_pdf

        print_pdf.ask_print(self)

    def _help(self, tab: int) -> None:
        from khabar_editor.ui.help_window import HelpWindow

        if getattr(self, "help_window", None) is None:
            self.help_window = HelpWindow(self.actions_by_name.values(), self)
        self.help_window.show_tab(tab)

    def on_help(self) -> None:
        self._help(0)

    def on_shortcuts(self) -> None:
        self._help(1)

    def on_markdown_help(self) -> None:
        self._help(2)

    def on_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(self, APP_NAME, _(
            "{app} {version}\nWrite, proof, package and export Hindi and Nepali news. "
            "Works fully offline.").format(app=APP_NAME, version=__version__))

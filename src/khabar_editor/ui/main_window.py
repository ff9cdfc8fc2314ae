"""The main window: layout and wiring only; behaviour lives in the session and widgets."""

from __future__ import annotations

import logging
from pathlib import Path

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSize, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QFont, QGuiApplication
from PySide6.QtWidgets import (QApplication, QDockWidget, QLabel, QMainWindow, QSplitter,
                               QTextBrowser, QVBoxLayout, QWidget)

from khabar_editor import APP_NAME
from khabar_editor.i18n import N_, _, translate
from khabar_editor.settings import Settings, State, save_settings, save_state
from khabar_editor.ui.editor_widget import MarkdownEditor
from khabar_editor.ui.fonts import BUNDLED_FAMILY, editor_font
from khabar_editor.ui.highlighter import MarkdownHighlighter
from khabar_editor.ui.theme import apply_theme
from khabar_editor.ui.window_actions import WindowActions

# Start-up: only what the first paint needs (the editor with its text) is imported
# here; the session, panels, preview, proofing, desk and outbox load in
# MainWindow.finish_startup(), after the window has shown its text.
if TYPE_CHECKING:
    from khabar_editor.app.preview import PreviewJob
    from khabar_editor.app.recovery import RecoveryInfo, RecoveryStore
    from khabar_editor.app.session import RestoreChoice, SaveChoice
    from khabar_editor.article.taxonomy import Taxonomy

log = logging.getLogger(__name__)

STATS_DELAY_MS = 400
PANEL_PLACE_CHARS = 55  # the details panel's usual width, in average characters


RESTART_NOTICE = N_("The interface language changes the next time Khabar Editor starts.")


class _PanelPlace(QWidget):
    """Keeps the details panel's place (about its width) until the panel is built."""

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(max(260, self.fontMetrics().averageCharWidth() * PANEL_PLACE_CHARS), 400)


def restart_notice(new_language: str) -> str:
    """The restart notice in the current language and in the chosen one (if different)."""
    current = _(RESTART_NOTICE)
    chosen = translate(RESTART_NOTICE, new_language) if new_language else current
    return current if chosen == current else f"{current}\n\n{chosen}"


class MainWindow(WindowActions, QMainWindow):
    """Editor, metadata panel, preview, find bar and status bar around one session."""

    def __init__(self, settings: Settings, state: State, recovery: RecoveryStore | None = None,
                 *, defer: bool = False) -> None:
        """The window; with ``defer`` only the editor is built (for the first paint) and
        :meth:`finish_startup` builds the rest once the window has shown its text."""
        super().__init__()
        self.setObjectName("mainWindow")
        self.settings, self.state = settings, state
        self._recovery = recovery
        self._loading = False
        self._built = False
        self._build_editor()
        self._restore_window_geometry()
        if not defer:
            self.finish_startup()

    def show_text_early(self, text: str) -> None:
        """Show a file's text before the session exists (the start-up fast path)."""
        if self._built:
            return
        self._loading = True
        # The live word count is not needed for the first paint (the status bar fills
        # after it): the editor counts the text afresh the first time it is read
        # (its toPlainText() sees the document changed without telling it).
        doc, recount = self.editor.document(), getattr(self.editor, "_recount", None)
        try:
            if recount is not None:
                doc.contentsChange.disconnect(recount)
            self.editor.setPlainText(text)
        finally:
            if recount is not None:
                doc.contentsChange.connect(recount)
            self._loading = False
        self._early_text = True

    def drop_early_text(self) -> None:
        """The file shown early was not opened after all: show the session's document."""
        if getattr(self, "_early_text", False):
            self.document_loaded()

    def finish_startup(self) -> None:
        """Build everything the first paint did not need (idempotent)."""
        if self._built:
            return
        self._built = True
        from khabar_editor.ui.binding_guard import make_singletons_immortal
        from khabar_editor.ui.plain_labels import install_plain_labels

        # The guards the first paint went without: a leaking Qt binding must never abort
        # the editor; every label from here on shows plain text (the two status labels
        # of the first paint are plain text by construction).
        make_singletons_immortal()
        install_plain_labels(QApplication.instance())
        from khabar_editor.app.session import DocumentSession
        from khabar_editor.ui import desk_controller, legacy_paste, phonetic_input, proofing_bridge
        from khabar_editor.ui import outbox as outbox_ui
        from khabar_editor.ui import panels

        self.taxonomy = self._load_taxonomy()
        self.session = DocumentSession(self, self.settings, self.state, self._recovery)
        self._build_widgets()
        self._build_timers()
        from khabar_editor.ui.actions import formatter

        formatter(self)  # the format commands' helper
        self.proofing = proofing_bridge.attach(self)
        self.desk = desk_controller.attach(self)
        self.outbox = outbox_ui.attach(self)  # File → Send… and the Outbox dock
        self.legacy_paste = legacy_paste.attach(self)  # pasted Krutidev/Preeti → Unicode
        self.phonetic = phonetic_input.attach(self)  # Roman letters → Devanagari (Ctrl+Shift+T)
        self.apply_settings()
        if getattr(self, "_early_text", False):  # the file shown early is opened next
            self.metadata.load(self.session.article, self.session.package.media)
        else:
            self.document_loaded()
        self.state_changed()
        self.setAcceptDrops(True)
        panels.restore(self)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._system_scheme_changed)

    def finish_after_first_paint(self, then: Callable[[], None] | None = None,
                                 fallback_ms: int = 1000) -> None:
        """Run :meth:`finish_startup` (then ``then``) once the editor has painted."""
        from khabar_editor.ui.first_paint import after_first_paint

        def finish() -> None:
            self.finish_startup()
            if then is not None:
                then()

        # The editor's own paint (its frame) comes in the same pass as its text's; not
        # its viewport(): the first call of that costs PySide ~40 ms of type look-ups.
        after_first_paint(self.editor, finish, fallback_ms)

    # -- construction -----------------------------------------------------------------
    def _load_taxonomy(self) -> Taxonomy:
        from khabar_editor.article.taxonomy import default_taxonomy, load_taxonomy
        from khabar_editor.errors import KhabarError

        if self.settings.taxonomy_file:
            try:
                return load_taxonomy(self.settings.taxonomy_file)
            except (KhabarError, OSError) as exc:
                log.warning("Category file not used: %s", exc)
        return default_taxonomy()

    def _build_editor(self) -> None:
        """The editor in its place, in its font and theme: all the first paint needs."""
        app = QApplication.instance()  # the style first: widgets made after it need no re-polish
        dark = apply_theme(app, self.settings.theme) if isinstance(app, QApplication) else False
        self.editor = MarkdownEditor()
        self.highlighter = MarkdownHighlighter(self.editor.document())
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.editor)
        self.splitter.addWidget(QTextBrowser())  # the preview's place (same size), until built
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        central = QWidget()
        self._central_layout = QVBoxLayout(central)
        self._central_layout.setContentsMargins(0, 0, 0, 0)
        self._central_layout.setSpacing(0)
        self._central_layout.addWidget(self.splitter, 1)  # the find bar: only the height it needs
        self.setCentralWidget(central)
        # Menus, toolbars, the details dock and the status bar are in place for the first
        # paint (the panels' contents come after it), so the text does not move later.
        from khabar_editor.ui.actions import build_actions, build_menus

        self.actions_by_name = build_actions(self)
        self.recent_menu = build_menus(self, self.actions_by_name)
        self.metadata_dock = QDockWidget(_("Article details"), self)
        self.metadata_dock.setObjectName("metadataDock")
        self.metadata_dock.setWidget(_PanelPlace(self))
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.metadata_dock)
        wanted = set(self.state.open_panels) if self.state.panels_saved else {"metadata",
                                                                              "preview"}
        self.metadata_dock.setVisible("metadata" in wanted)
        self.splitter.widget(1).setVisible("preview" in wanted)
        self.status_counts = QLabel()
        self.status_counts.setObjectName("statusCounts")
        self.status_saved = QLabel()
        self.status_saved.setObjectName("statusSaved")
        for label in (self.status_counts, self.status_saved):  # made before the label guard
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addWidget(self.status_counts, 1)
        self.statusBar().addPermanentWidget(self.status_saved)
        s = self.settings
        self.editor.setFont(editor_font(s.font_family, s.font_size))
        if s.zoom:
            self.editor.zoomIn(s.zoom)
        self.highlighter.set_dark(dark)
        self.editor.set_line_numbers(s.line_numbers)
        self._check_view_actions()  # toolbar buttons as they will stay (Check spelling)

    def _build_widgets(self) -> None:
        from khabar_editor.ui import scroll_sync
        from khabar_editor.ui.find_bar import FindBar
        from khabar_editor.ui.metadata_panel import MetadataPanel
        from khabar_editor.ui.preview_pane import PreviewPane

        self.editor.files_dropped.connect(self.open_dropped)
        self.preview = PreviewPane(self._preview_job, lambda: self.session.package.media)
        place, sizes = self.splitter.widget(1), self.splitter.sizes()
        place.hide()
        self.splitter.insertWidget(1, self.preview)  # where the first paint kept its place
        place.setParent(None)
        place.deleteLater()
        self.splitter.setStretchFactor(1, 1)
        if self.isVisible() and sum(sizes) > 0:
            self.splitter.setSizes(sizes)
        self.find_bar = FindBar(self.editor)
        self.find_bar.hide()
        self._central_layout.addWidget(self.find_bar)
        self.metadata = MetadataPanel(self.taxonomy, lambda: self.settings.digit_style,
                                      limits=self._limits)
        self.metadata.changed.connect(self._metadata_changed)
        from khabar_editor.ui import article_language

        self.language_switch = article_language.attach(self)  # proofing follows the article
        self.metadata.media.insert_requested.connect(self.on_insert_photo)
        self.metadata.media.remove_requested.connect(self._remove_photo)
        self.metadata_dock.widget().deleteLater()  # the place kept for the first paint
        dock_width = self.metadata_dock.width()
        self.metadata_dock.setWidget(self.metadata)
        if self.isVisible() and self.metadata_dock.isVisible():  # not a pixel of reflow
            self.resizeDocks([self.metadata_dock], [dock_width], Qt.Orientation.Horizontal)
        self.editor.textChanged.connect(self._body_changed)
        # Value and range change in several steps while the text lays out; sync
        # once they have settled.
        self.scroll_timer = QTimer(self)
        self.scroll_timer.setSingleShot(True)
        self.scroll_timer.setInterval(0)
        self.scroll_timer.timeout.connect(self._sync_scroll)
        self.editor.verticalScrollBar().valueChanged.connect(lambda *_a: self.scroll_timer.start())
        # Not while the spell pass re-highlights off-screen blocks: laying them out grows
        # the range hundreds of times, and each sync walks every subhead.
        self.editor.verticalScrollBar().rangeChanged.connect(
            lambda *_a: None if self.highlighter.repainting else self.scroll_timer.start())
        # The preview lays out lazily: as its height grows, match the subheads again.
        self.preview.rendered.connect(lambda *_a: self.scroll_timer.start())
        self.preview.verticalScrollBar().rangeChanged.connect(lambda *_a: self.scroll_timer.start())
        self.preview_width_watcher = scroll_sync.PreviewWidthWatcher(self.preview)

    def _build_timers(self) -> None:
        self.autosave_timer = QTimer(self)
        # Serialised and written on a worker thread: a long article never stalls typing.
        self.autosave_timer.timeout.connect(lambda: self.session.autosave(background=True))
        self.stats_timer = QTimer(self)
        self.stats_timer.setSingleShot(True)
        self.stats_timer.setInterval(STATS_DELAY_MS)
        self.stats_timer.timeout.connect(self._update_stats_and_problems)

    def apply_settings(self) -> None:
        """Apply font, theme, autosave interval, spell check and line numbers."""
        s = self.settings
        self.editor.setFont(editor_font(s.font_family, s.font_size))
        if s.zoom:
            self.editor.zoomIn(s.zoom)
        app = QApplication.instance()
        dark = apply_theme(app, s.theme) if isinstance(app, QApplication) else False
        self.highlighter.set_dark(dark)
        self.preview.set_dark(dark)
        # The export's text size; Qt sizes subheads from the default font (render.style).
        from khabar_editor.render.style import body_font_pt

        preview_font = QFont(BUNDLED_FAMILY)
        preview_font.setPointSizeF(body_font_pt())
        self.preview.document().setDefaultFont(preview_font)
        self.metadata.update_counters()
        self.autosave_timer.start(s.autosave_seconds * 1000)
        self.editor.set_line_numbers(s.line_numbers)
        self._check_view_actions()
        a = self.actions_by_name
        self.proofing.set_enabled(s.spell_check)
        a["show_proofing"].setChecked(self.proofing.visible())

    def _check_view_actions(self) -> None:
        """The checkable actions show the settings and the panels as they are."""
        s, a = self.settings, self.actions_by_name
        preview = getattr(self, "preview", None) or self.splitter.widget(1)
        for name, value in (("line_numbers", s.line_numbers), ("spell_check", s.spell_check),
                            ("show_metadata", not self.metadata_dock.isHidden()),
                            ("show_preview", not preview.isHidden())):
            a[name].blockSignals(True)
            a[name].setChecked(value)
            a[name].blockSignals(False)

    def _system_scheme_changed(self, *_args: object) -> None:
        if self.settings.theme == "system":
            self.apply_settings()

    def _restore_window_geometry(self) -> None:
        if self.state.window_geometry:
            self.restoreGeometry(QByteArray.fromBase64(self.state.window_geometry.encode()))
        else:
            from khabar_editor.ui.panels import default_geometry

            self.setGeometry(default_geometry(self.screen().availableGeometry(),
                                              self.screen().geometry()))

    # -- SessionView protocol -----------------------------------------------------------
    def ask_save_changes(self, name: str) -> SaveChoice:
        from khabar_editor.ui import dialogs

        return dialogs.ask_save_changes(self, name)

    def start_dir(self) -> str:
        """Where file dialogs open: the current file's folder, the last used one, or Documents."""
        if self.session.path is not None:
            return str(self.session.path.parent)
        if self.state.recent_files:
            return str(Path(self.state.recent_files[0]).parent)
        from PySide6.QtCore import QStandardPaths

        docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return docs if docs and Path(docs).is_dir() else str(Path.home())

    def ask_save_path(self, suggested_name: str) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        start = str(Path(self.start_dir()) / suggested_name)
        path, _f = QFileDialog.getSaveFileName(self, _("Save article"), start,
                                               _("Khabar articles (*.khabar)"))
        return Path(path) if path else None

    def ask_restore(self, info: RecoveryInfo) -> RestoreChoice:
        from khabar_editor.ui import dialogs

        return dialogs.ask_restore(self, info)

    def show_error(self, message: str) -> None:
        from khabar_editor.ui import dialogs

        dialogs.show_error(self, message)

    def flush_edits(self) -> None:
        """Copy the editor's text into the article (done lazily, not per keystroke)."""
        body = self.editor.toPlainText()
        if body != self.session.article.body:
            self.session.article.body = body

    def document_loaded(self) -> None:
        """The session switched documents: show the new one everywhere."""
        self._loading = True
        try:
            # The start-up fast path may already show this text: not laid out twice.
            early, self._early_text = getattr(self, "_early_text", False), False
            if not early or self.editor.toPlainText() != self.session.article.body:
                self.editor.setPlainText(self.session.article.body)
            self.metadata.load(self.session.article, self.session.package.media)
        finally:
            self._loading = False
        self.proofing.document_loaded()
        self.desk.document_loaded()
        self._update_stats_and_problems()
        self.preview.render_now()

    def state_changed(self) -> None:
        """Title bar, save-state label and recent files."""
        self._update_title()
        self.setWindowModified(self.session.dirty)
        if self.session.dirty:
            self.status_saved.setText(_("Not saved"))
        else:  # an article that was never saved is not "Saved"
            self.status_saved.setText(_("Saved") if self.session.path else _("Never saved"))
        self._fill_recent_menu()
        self.desk.state_changed()

    # -- changes ----------------------------------------------------------------------
    def _preview_job(self) -> PreviewJob:
        from khabar_editor.app.preview import make_job

        self.flush_edits()
        return make_job(self.session.revision, self.session.article,
                        self.settings.digit_style, self.taxonomy)

    def _body_changed(self) -> None:
        # textChanged also fires when the highlighter repaints the whole document.
        if self._loading or self.highlighter.repainting:
            return
        self.session.mark_changed()
        self.preview.schedule()
        self._show_counts()
        self.stats_timer.start()

    def _update_title(self) -> None:
        """The file's name, or the headline of an article that has no file yet."""
        name = self.session.display_name
        if self.session.path is None and self.session.article.headline.strip():
            name = " ".join(self.session.article.headline.split())
        self.setWindowTitle(f"{name}[*] — {APP_NAME}")

    def _limits(self) -> dict[str, int]:
        s = self.settings
        return {"headline_limit": s.headline_limit, "summary_limit": s.summary_limit,
                "seo_title_limit": s.seo_title_limit}

    def _metadata_changed(self) -> None:
        if self.session.path is None:
            self._update_title()
        self.session.mark_changed()
        self.preview.schedule()
        self.stats_timer.start()

    def _sync_scroll(self) -> None:
        from khabar_editor.ui import scroll_sync

        scroll_sync.sync_preview(self.editor, self.preview)  # by subheads, not by fraction

    def _show_counts(self) -> None:
        """Word and character counts in the status bar, live (kept per block by the editor)."""
        from khabar_editor.textkit.words import reading_minutes  # regex loads after the paint

        counts = self.editor.counts
        self.status_counts.setText(_("{words} words · {chars} characters · {minutes} min read")
                                   .format(words=counts.total_words, chars=counts.characters,
                                           minutes=reading_minutes(counts.total_words)))

    def _update_stats_and_problems(self) -> None:
        self.flush_edits()
        self._show_counts()
        # A brand-new, untouched article is not shouted at for what it lacks yet.
        a = self.session.article
        pristine = self.session.path is None and not self.session.dirty and not (
            a.body or a.headline)
        from khabar_editor.article.validate import validate_article  # after the first paint
        self.metadata.show_problems([] if pristine else
                                    validate_article(self.session.article, self.taxonomy))
        self.proofing.text_changed()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.open_dropped(paths)

    # -- closing ----------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if not self._built:  # closed before the start-up finished: nothing to save yet
            event.accept()
            return
        self.flush_edits()
        if not getattr(self, "_close_confirmed", False) and not self.session.close():
            event.ignore()
            return
        from khabar_editor.ui import panels

        panels.remember(self)
        self.autosave_timer.stop()
        self.state.window_geometry = bytes(self.saveGeometry().toBase64().data()).decode()
        save_state(self.state)
        save_settings(self.settings)
        event.accept()

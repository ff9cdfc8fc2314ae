"""The Export dialog: choose formats and a folder, see warnings, export a bundle.

The dialog only gathers choices and shows results; the work is done by
:mod:`khabar_editor.exporters` in a worker thread, so the window never freezes.
Errors found by the export gate disable the Export button and are listed.

The newsroom settings the command line takes (agency / provider, site URL, media
base URL, time zone, formats) are set here too and remembered per newsroom
profile (:mod:`khabar_editor.exporters.profiles`) in the preferences; a value the
command line would refuse is refused here with the same message.
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from khabar_editor.cli import options as opt
from khabar_editor.errors import KhabarError
from khabar_editor.exporters import DEFAULT_FORMATS, ExportContext, all_exporters, gate
from khabar_editor.exporters import profiles as prof
from khabar_editor.exporters.bundle import build_bundle, write_bundle_unique
from khabar_editor.exporters.dates import canonical_zone, default_zone_name, zone_names
from khabar_editor.exporters.registry import PLACEHOLDER_SITE
from khabar_editor.i18n import N_, _
from khabar_editor.settings import Settings, load_settings, save_settings


class _Worker(QObject):
    """Builds and writes the bundle off the GUI thread."""

    progress = Signal(int, int)
    done = Signal(str, list)
    failed = Signal(str)

    def __init__(self, package: Any, formats: list[str], folder: str, as_zip: bool,
                 context: ExportContext) -> None:
        super().__init__()
        self._args = (package, formats, folder, as_zip, context)

    @Slot()
    def run(self) -> None:
        package, formats, folder, as_zip, context = self._args
        try:
            bundle = build_bundle(package, formats, context,
                                  on_progress=lambda d, t: self.progress.emit(d, t))
            path = write_bundle_unique(bundle, folder, as_zip=as_zip)
            self.progress.emit(1, 1)
            self.done.emit(str(path), [w.message for w in bundle.warnings])
        except KhabarError as exc:
            self.failed.emit(str(exc))
        except OSError as exc:
            self.failed.emit(_(N_("Cannot write the export: {reason}")).format(
                reason=exc.strerror or str(exc)))


class ExportDialog(QDialog):
    """``ExportDialog(parent, package, path_hint)``: export one package as a bundle.

    ``path_hint`` (the package's file path, if any) decides the default folder.
    Emits :attr:`exported` with the written path, or :attr:`export_failed`.
    """

    exported = Signal(str)
    export_failed = Signal(str)

    def __init__(self, parent: Any = None, package: Any = None, path_hint: str | None = None,
                 *, context: ExportContext | None = None,
                 settings: Settings | None = None) -> None:
        if hasattr(parent, "article") and not hasattr(package, "article"):
            parent, package = package, parent  # also accept (package, parent)
        super().__init__(parent if isinstance(parent, QWidget) else None)
        self.setWindowTitle(_(N_("Export")))
        self.package = package
        if context is None:  # the main window's category file, if it has one
            context = ExportContext(taxonomy=getattr(parent, "taxonomy", None))
        self.context = context
        # The main window's preferences object, so its next save keeps the profiles.
        parent_settings = getattr(parent, "settings", None)
        self.settings = settings or (parent_settings if isinstance(parent_settings, Settings)
                                     else load_settings())
        self.result_path: Path | None = None
        self._thread: QThread | None = None
        self._worker: _Worker | None = None
        self._build(path_hint)
        self.load_profile(self.settings.export_profile)
        self.refresh_problems()

    # --- layout --------------------------------------------------------------

    def _build(self, path_hint: str | None) -> None:
        layout = QVBoxLayout(self)
        self._build_newsroom(layout)
        self._build_formats(layout)
        self._build_destination(layout, path_hint)
        self._build_results(layout)

    def _build_newsroom(self, layout: QVBoxLayout) -> None:
        box = QGroupBox(_(N_("Newsroom")))
        form = QFormLayout(box)
        row = QHBoxLayout()
        self.profile_combo = QComboBox()
        self.profile_combo.setEditable(True)
        self.profile_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.profile_combo.lineEdit().setPlaceholderText(_(N_("(no profile)")))
        self.profile_combo.addItems(sorted(n for n in self._profiles() if n))
        self.profile_combo.textActivated.connect(self.load_profile)
        row.addWidget(self.profile_combo, 1)
        form.addRow(_(N_("Profile:")), row)
        self.provider_edit = QLineEdit()
        form.addRow(_(N_("Agency / provider:")), self.provider_edit)
        self.site_edit = QLineEdit()
        # No site yet: the field is empty (the exports use the reserved example.invalid
        # address), instead of showing that address as if it were the newsroom's.
        self.site_edit.setPlaceholderText(_(N_("none yet ({url})")).format(
            url=PLACEHOLDER_SITE.split("//", 1)[-1]))
        form.addRow(_(N_("Site URL:")), self.site_edit)
        self.media_edit = QLineEdit()
        self.media_edit.setPlaceholderText(_(N_("<site URL>/media/")))
        form.addRow(_(N_("Media base URL:")), self.media_edit)
        self.zone_combo = QComboBox()
        self.zone_combo.setEditable(True)
        self.zone_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.zone_combo.addItems(list(zone_names()))
        completer = QCompleter(list(zone_names()), self.zone_combo)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.zone_combo.setCompleter(completer)
        form.addRow(_(N_("Time zone:")), self.zone_combo)
        self.settings_label = QLabel()
        self.settings_label.setWordWrap(True)
        self.settings_label.setStyleSheet("color: #b00020;")
        self.settings_label.setVisible(False)
        form.addRow(self.settings_label)
        for edit in (self.provider_edit, self.site_edit, self.media_edit):
            edit.textChanged.connect(self._update_buttons)
        self.zone_combo.editTextChanged.connect(self._update_buttons)
        layout.addWidget(box)

    def _build_formats(self, layout: QVBoxLayout) -> None:
        box = QGroupBox(_(N_("Formats")))
        box_layout = QVBoxLayout(box)
        self.format_boxes: dict[str, QCheckBox] = {}
        for exporter in all_exporters():
            check = QCheckBox(_(exporter.label))
            check.setChecked(exporter.id in DEFAULT_FORMATS)
            check.toggled.connect(self._update_buttons)
            self.format_boxes[exporter.id] = check
            box_layout.addWidget(check)
        layout.addWidget(box)

    def _build_destination(self, layout: QVBoxLayout, path_hint: str | None) -> None:
        row = QHBoxLayout()
        row.addWidget(QLabel(_(N_("Folder:"))))
        self.folder_edit = QLineEdit(self._default_folder(path_hint))
        self.folder_edit.textChanged.connect(self._update_buttons)
        row.addWidget(self.folder_edit, 1)
        choose = QPushButton(_(N_("Choose…")))
        choose.clicked.connect(self.choose_folder)
        row.addWidget(choose)
        layout.addLayout(row)
        self.zip_box = QCheckBox(_(N_("One zip file (otherwise a folder)")))
        self.zip_box.setChecked(True)
        self.web_box = QCheckBox(_(N_("Add web-sized copies of the photos")))
        layout.addWidget(self.zip_box)
        layout.addWidget(self.web_box)

    def _build_results(self, layout: QVBoxLayout) -> None:
        self.problem_list = QListWidget()
        layout.addWidget(self.problem_list)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        layout.addWidget(self.progress)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        layout.addWidget(self.result_label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = self.buttons.addButton(_(N_("Export")),
                                                    QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button = self.buttons.addButton(_(N_("Open folder")),
                                                  QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.setEnabled(False)
        self.export_button.clicked.connect(self.start_export)
        self.open_button.clicked.connect(self.open_folder)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    @staticmethod
    def _default_folder(path_hint: str | None) -> str:
        if path_hint:
            return str(Path(path_hint).expanduser().resolve().parent)
        return str(Path.home())

    # --- state ---------------------------------------------------------------

    def selected_formats(self) -> list[str]:
        """Ids of the checked formats, in registry order."""
        return [fid for fid, box in self.format_boxes.items() if box.isChecked()]

    def set_formats(self, formats: list[str]) -> None:
        """Check exactly ``formats``."""
        for fid, box in self.format_boxes.items():
            box.setChecked(fid in formats)

    def set_destination(self, folder: str) -> None:
        """Set the destination folder (as the chooser would)."""
        self.folder_edit.setText(folder)

    # --- newsroom profile ----------------------------------------------------

    def _profiles(self) -> dict[str, prof.ExportProfile]:
        return prof.profiles(self.settings.export_profiles, list(self.format_boxes)
                             if hasattr(self, "format_boxes") else None)

    def _article_language(self) -> str:
        article = getattr(self.package, "article", None)
        return getattr(getattr(article, "language", None), "value", "hi")

    @Slot(str)
    def load_profile(self, name: str) -> None:
        """Show the values remembered under profile ``name`` (defaults if there are none)."""
        name = name.strip()
        profile = self._profiles().get(name, prof.ExportProfile())
        self.profile_combo.setEditText(name)
        self.provider_edit.setText(profile.provider)
        self.site_edit.setText("" if profile.site_url == PLACEHOLDER_SITE else profile.site_url)
        self.media_edit.setText(profile.media_base_url)
        self.zone_combo.setEditText(profile.timezone or default_zone_name(
            self._article_language()))
        self.set_formats(profile.formats)

    def profile(self) -> prof.ExportProfile:
        """The newsroom values as shown (not checked; see :meth:`settings_problem`)."""
        return prof.ExportProfile(
            provider=self.provider_edit.text().strip(),
            site_url=self.site_edit.text().strip() or PLACEHOLDER_SITE,
            media_base_url=self.media_edit.text().strip(),
            timezone=self.zone_combo.currentText().strip(), formats=self.selected_formats())

    def settings_problem(self) -> str:
        """Why the newsroom values cannot be used (the CLI's message), or ""."""
        p = self.profile()
        checks = ((N_("Agency / provider:"), opt.text_value, p.provider),
                  (N_("Site URL:"), opt.site_url, p.site_url),
                  (N_("Media base URL:"), opt.optional_url, p.media_base_url))
        for label, check, value in checks:
            try:
                check(value)
            except argparse.ArgumentTypeError as exc:
                return f"{_(label)} {exc}"
        try:
            canonical_zone(p.timezone or default_zone_name(self._article_language()))
        except KhabarError as exc:
            return f"{_(N_('Time zone:'))} {exc}"
        return ""

    def export_context(self) -> ExportContext:
        """The context the export runs with: the dialog's newsroom values and options."""
        p = self.profile()
        zone = canonical_zone(p.timezone) if p.timezone else ""
        return replace(self.context, provider=opt.text_value(p.provider), site_url=p.site_url,
                       media_base_url=p.media_base_url, timezone=zone,
                       web_renditions=self.web_box.isChecked(), check_spelling=False)

    def remember_profile(self) -> None:
        """Save the shown values under the profile name in the preferences."""
        name = self.profile_combo.currentText().strip()[:prof.MAX_NAME]
        p = self.profile()
        p.timezone = canonical_zone(p.timezone) if p.timezone else ""
        self.settings.export_profiles = prof.store(self.settings.export_profiles, name, p)
        self.settings.export_profile = name
        save_settings(self.settings)
        if name and self.profile_combo.findText(name) < 0:
            self.profile_combo.addItem(name)

    def refresh_problems(self) -> None:
        """Run the export gate and list its errors (blocking) and warnings."""
        self.problem_list.clear()
        self.report = gate.check(self.package, self.context.taxonomy,
                                 spelling=self.context.check_spelling)
        for found in self.report.errors:
            self.problem_list.addItem(_(N_("Error: {message}")).format(message=found.message))
        for found in self.report.warnings:
            self.problem_list.addItem(_(N_("Warning: {message}")).format(message=found.message))
        self.problem_list.setVisible(self.problem_list.count() > 0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        if not hasattr(self, "export_button"):
            return  # still being built
        busy = self._thread is not None
        ready = (self.report.ok if hasattr(self, "report") else False)
        problem = self.settings_problem()
        self.settings_label.setText(problem)
        self.settings_label.setVisible(bool(problem))
        self.export_button.setEnabled(ready and not busy and not problem
                                      and bool(self.selected_formats())
                                      and bool(self.folder_edit.text().strip()))

    # --- actions -------------------------------------------------------------

    @Slot()
    def choose_folder(self) -> None:
        """Ask for the destination folder."""
        folder = QFileDialog.getExistingDirectory(self, _(N_("Export to folder")),
                                                  self.folder_edit.text())
        if folder:
            self.set_destination(folder)

    @Slot()
    def start_export(self) -> None:
        """Export in a worker thread; the result arrives through signals."""
        if not self.export_button.isEnabled():
            return
        # Spelling was counted in refresh_problems(); the caller's context stays untouched.
        context = self.export_context()
        self.remember_profile()
        self.result_label.clear()
        self.open_button.setEnabled(False)
        self.progress.setValue(0)
        self._thread = QThread(self)
        self._worker = _Worker(self.package, self.selected_formats(),
                               self.folder_edit.text().strip(), self.zip_box.isChecked(),
                               context)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progress.connect(self._on_progress)
        self._worker.done.connect(self._on_done)
        self._worker.failed.connect(self._on_failed)
        self._update_buttons()
        self._thread.start()

    def _finish_thread(self) -> None:
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
        self._thread, self._worker = None, None
        self._update_buttons()

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setValue(int(100 * done / max(total, 1)))

    @Slot(str, list)
    def _on_done(self, path: str, warnings: list) -> None:
        self._finish_thread()
        self.result_path = Path(path)
        self.progress.setValue(100)
        text = _(N_("Exported to {path}")).format(path=path)
        if warnings:
            text += "\n" + (_(N_("1 warning; see the list above.")) if len(warnings) == 1
                            else _(N_("{count} warnings; see the list above.")).format(
                                count=len(warnings)))
        self.result_label.setText(text)
        self.open_button.setEnabled(True)
        self.exported.emit(path)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._finish_thread()
        self.progress.setValue(0)
        self.result_label.setText(_(N_("Export failed: {message}")).format(message=message))
        self.export_failed.emit(message)

    @Slot()
    def open_folder(self) -> None:
        """Show the folder holding the export in the system file manager."""
        if self.result_path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.result_path.parent)))

    def done(self, result: int) -> None:  # noqa: D401 - Qt override
        """Wait for a running export before closing."""
        self._finish_thread()
        super().done(result)

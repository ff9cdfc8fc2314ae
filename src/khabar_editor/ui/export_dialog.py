"""The Export dialog: choose formats and a folder, see warnings, export a bundle.

The dialog only gathers choices and shows results; the work is done by
:mod:`khabar_editor.exporters` in a worker thread, so the window never freezes.
Errors found by the export gate disable the Export button and are listed.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThread, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
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

from khabar_editor.errors import KhabarError
from khabar_editor.exporters import ExportContext, all_exporters, gate
from khabar_editor.exporters.bundle import build_bundle, write_bundle_unique
from khabar_editor.i18n import N_, _


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
                 *, context: ExportContext | None = None) -> None:
        if hasattr(parent, "article") and not hasattr(package, "article"):
            parent, package = package, parent  # also accept (package, parent)
        super().__init__(parent if isinstance(parent, QWidget) else None)
        self.setWindowTitle(_(N_("Export")))
        self.package = package
        self.context = context or ExportContext()
        self.result_path: Path | None = None
        self._thread: QThread | None = None
        self._worker: _Worker | None = None
        self._build(path_hint)
        self.refresh_problems()

    # --- layout --------------------------------------------------------------

    def _build(self, path_hint: str | None) -> None:
        layout = QVBoxLayout(self)
        self._build_formats(layout)
        self._build_destination(layout, path_hint)
        self._build_results(layout)

    def _build_formats(self, layout: QVBoxLayout) -> None:
        box = QGroupBox(_(N_("Formats")))
        box_layout = QVBoxLayout(box)
        self.format_boxes: dict[str, QCheckBox] = {}
        for exporter in all_exporters():
            check = QCheckBox(_(exporter.label))
            check.setChecked(True)
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
        busy = self._thread is not None
        ready = (self.report.ok if hasattr(self, "report") else False)
        self.export_button.setEnabled(ready and not busy and bool(self.selected_formats())
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
        context = replace(self.context, web_renditions=self.web_box.isChecked(),
                          check_spelling=False)
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
            text += "\n" + _(N_("{count} warnings; see the list above.")).format(
                count=len(warnings))
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

"""Export many packages in one go (from the inbox), with the Export dialog's choices.

The dialog is the single-package :class:`~khabar_editor.ui.export_dialog.ExportDialog`
(formats, folder, zip or folder, web photos) over a list of packages: each is read
and checked by the export gate; those with errors are listed and skipped, the
others are written one bundle each by the same bundle code, in a worker thread.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtWidgets import QWidget

from khabar_editor.errors import KhabarError
from khabar_editor.exporters import ExportContext, gate
from khabar_editor.exporters.bundle import build_bundle, write_bundle_unique
from khabar_editor.i18n import _
from khabar_editor.ui.export_dialog import ExportDialog


class _BatchWorker(QObject):
    """Builds and writes one bundle per package off the GUI thread."""

    progress = Signal(int, int)
    finished_all = Signal(list, list)  # written paths, failure lines

    def __init__(self, packages: list[tuple[str, Any]], formats: list[str], folder: str,
                 as_zip: bool, context: ExportContext) -> None:
        super().__init__()
        self._args = (packages, formats, folder, as_zip, context)

    @Slot()
    def run(self) -> None:
        packages, formats, folder, as_zip, context = self._args
        written: list[str] = []
        failures: list[str] = []
        for done, (name, package) in enumerate(packages, 1):
            try:
                bundle = build_bundle(package, formats, context)
                written.append(str(write_bundle_unique(bundle, folder, as_zip=as_zip)))
            except KhabarError as exc:
                failures.append(f"{name}: {exc}")
            except OSError as exc:
                failures.append(f"{name}: {exc.strerror or exc}")
            self.progress.emit(done, len(packages))
        self.finished_all.emit(written, failures)


class BatchExportDialog(ExportDialog):
    """``BatchExportDialog(parent, paths)``: export every package in ``paths``."""

    batch_done = Signal(list, list)

    def __init__(self, parent: QWidget | None, paths: list[Path], *,
                 context: ExportContext | None = None) -> None:
        super().__init__(parent, None, str(paths[0]) if paths else None, context=context)
        self.setWindowTitle(_("Export 1 package") if len(paths) == 1 else
                            _("Export {count} packages").format(count=len(paths)))
        self.paths = list(paths)
        self.ready: list[tuple[str, Any]] = []
        self.written: list[str] = []
        self.export_button.clicked.disconnect()
        self.export_button.clicked.connect(self.start_batch)
        self.refresh_problems()

    def refresh_problems(self) -> None:
        """Read and gate every package; list those that cannot be exported."""
        self.problem_list.clear()
        self.ready = []
        from khabar_editor.package import read_package

        for path in getattr(self, "paths", []):
            try:
                package = read_package(path)
            except (KhabarError, OSError) as exc:
                reason = str(exc) if isinstance(exc, KhabarError) else exc.strerror or str(exc)
                self.problem_list.addItem(_("Skipped {name}: {reason}").format(
                    name=path.name, reason=reason))
                continue
            report = gate.check(package, self.context.taxonomy, spelling=False)
            if report.errors:
                self.problem_list.addItem(_("Skipped {name}: {reason}").format(
                    name=path.name, reason=report.errors[0].message))
                continue
            self.ready.append((path.name, package))
        self.problem_list.setVisible(self.problem_list.count() > 0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        busy = self._thread is not None  # the export dialog's worker thread
        ready = bool(getattr(self, "ready", []))
        self.export_button.setEnabled(ready and not busy and bool(self.selected_formats())
                                      and bool(self.folder_edit.text().strip()))

    @Slot()
    def start_batch(self) -> None:
        """Export every ready package in a worker thread."""
        if not self.export_button.isEnabled():
            return
        context = replace(self.context, web_renditions=self.web_box.isChecked(),
                          check_spelling=False)
        self.result_label.clear()
        self.progress.setValue(0)
        self._thread = QThread(self)
        worker = _BatchWorker(self.ready, self.selected_formats(),
                              self.folder_edit.text().strip(), self.zip_box.isChecked(), context)
        self._worker = worker  # type: ignore[assignment]  # kept alive until _finish_thread
        worker.moveToThread(self._thread)
        self._thread.started.connect(worker.run)
        worker.progress.connect(self._on_progress)
        worker.finished_all.connect(self._on_batch_done)
        self._update_buttons()
        self._thread.start()

    @Slot(list, list)
    def _on_batch_done(self, written: list, failures: list) -> None:
        self._finish_thread()
        self.written = list(written)
        if written:
            self.result_path = Path(written[-1])
            self.open_button.setEnabled(True)
        for line in failures:
            self.problem_list.addItem(line)
        self.problem_list.setVisible(self.problem_list.count() > 0)
        done = (_("1 package exported to {path}") if len(written) == 1 else
                _("{count} packages exported to {path}"))
        self.result_label.setText(done.format(count=len(written),
                                              path=self.folder_edit.text().strip()))
        self.batch_done.emit(self.written, list(failures))

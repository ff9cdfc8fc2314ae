"""The desk's inbox: every package in a folder, in a sortable, filterable table.

The core reads the packages (:mod:`khabar_editor.app.inbox`); this window only
shows what it reports. Scanning runs in a :class:`QThreadPool` runnable that
delivers rows in batches through queued signals, so the first rows show at
once and the window keeps responding while a big folder is read. A
:class:`QFileSystemWatcher` (debounced) scans files that arrive or change
later. A corrupt or hostile package is a row with its reason, never an
exception in the view. When the trusted keys change (imported or revoked in
Preferences, or by ``khabar keys`` in a terminal: a second watcher on the key
folder), the key store is re-read and every package is verified again.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from PySide6.QtCore import (QEvent, QFileSystemWatcher, QModelIndex, QObject,
                            QPersistentModelIndex, QRunnable, QSortFilterProxyModel, Qt,
                            QThreadPool, QTimer, Signal)
from PySide6.QtGui import QBrush, QCloseEvent, QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QFileDialog, QHBoxLayout,
                               QHeaderView, QLabel, QLineEdit, QMainWindow, QProgressBar,
                               QPushButton, QTableView, QVBoxLayout, QWidget)

from khabar_editor.app import inbox as core_inbox
from khabar_editor.i18n import N_, _
from khabar_editor.ui import desk_labels, keys_dialog

log = logging.getLogger(__name__)

BATCH_ROWS = 25  # rows per signal at most
BATCH_SECONDS = 0.1  # ...or whatever was read in this time
WATCH_DEBOUNCE_MS = 400

COLUMNS = (
    ("headline", N_("Headline")), ("byline", N_("Byline")), ("place", N_("Place")),
    ("category", N_("Category")), ("words", N_("Words")), ("received", N_("Received")),
    ("status", N_("Status")), ("integrity", N_("Integrity")), ("signature", N_("Signature")),
)
COLUMN_INDEX = {key: i for i, (key, _label) in enumerate(COLUMNS)}
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 2

# Verdict colours (good, warning, bad) readable on a light and on a dark table.
_VERDICT_COLOURS = {
    False: {"good": QColor("#1b5e20"), "warn": QColor("#8a5a00"), "bad": QColor("#b3261e")},
    True: {"good": QColor("#81c784"), "warn": QColor("#ffcc80"), "bad": QColor("#f28b82")},
}


def _dark() -> bool:
    """Whether the application palette is dark now."""
    from PySide6.QtGui import QGuiApplication, QPalette

    return QGuiApplication.palette().color(QPalette.ColorRole.Base).lightness() < 128


class _ScanSignals(QObject):
    """Signals of a scan job (a QRunnable is not a QObject)."""

    batch = Signal(int, object)  # generation, list of entries
    progress = Signal(int, int, int)  # generation, done, total
    finished = Signal(int)


class _ScanJob(QRunnable):
    """Scan ``paths`` with the core scanner, emitting entries in batches."""

    def __init__(self, generation: int, paths: list[Path], keys: Any,
                 signals: _ScanSignals, cancelled: threading.Event) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self.generation, self.paths, self.keys = generation, paths, keys
        self.signals, self.cancelled = signals, cancelled

    def run(self) -> None:
        batch: list[Any] = []
        last = time.monotonic()
        total = len(self.paths)
        for done, path in enumerate(self.paths, 1):
            if self.cancelled.is_set():
                return
            batch.append(core_inbox.inbox_entry(path, keys=self.keys))
            now = time.monotonic()
            if len(batch) >= BATCH_ROWS or now - last >= BATCH_SECONDS or done == total:
                self.signals.batch.emit(self.generation, batch)
                self.signals.progress.emit(self.generation, done, total)
                batch, last = [], now
        if not self.cancelled.is_set():
            self.signals.finished.emit(self.generation)


class InboxModel(QStandardItemModel):
    """One row per package file; the scanner's entries are kept in :attr:`entries`.

    The cells are plain :class:`QStandardItem` values, so painting, sorting and
    scrolling run in C++ without calling back into Python: while the scan thread
    holds the interpreter, every Python callback from the view would have to wait
    for it, and the window would stutter.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(0, len(COLUMNS), parent)
        self.setHorizontalHeaderLabels([_(label) for _key, label in COLUMNS])
        self.entries: list[Any] = []
        self._row_of: dict[str, int] = {}
        self.taxonomy: Any = None  # categories shown by their label when set

    def _display(self, entry: Any, key: str) -> str:
        if key == "category" and self.taxonomy is not None:
            found = self.taxonomy.get(str(entry.category or ""))
            if found is not None:
                return found.label()
        return desk_labels.cell_text(entry, key)

    def _items(self, entry: Any) -> list[QStandardItem]:
        tip = desk_labels.row_tooltip(entry)
        colours = {"integrity": _integrity_colour(desk_labels.integrity(entry)),
                   "signature": _signature_colour(desk_labels.signature(entry))}
        items = []
        for key, _label in COLUMNS:
            item = QStandardItem(self._display(entry, key))
            item.setEditable(False)
            item.setData(desk_labels.sort_value(entry, key), SORT_ROLE)
            item.setToolTip(tip)
            if key in colours:
                item.setForeground(QBrush(colours[key]))
            if key == "words":
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                      | Qt.AlignmentFlag.AlignVCenter)
            items.append(item)
        items[0].setData(entry, ENTRY_ROLE)
        return items

    # -- updates ----------------------------------------------------------------------
    def clear_rows(self) -> None:
        """Forget every row."""
        self.removeRows(0, self.rowCount())
        self.entries, self._row_of = [], {}

    def add_entries(self, entries: Iterable[Any]) -> None:
        """Add rows; an entry for a path already listed replaces that row."""
        for entry in entries:
            path = desk_labels.path_key(entry)
            items = self._items(entry)
            row = self._row_of.get(path)
            if row is None:
                self._row_of[path] = len(self.entries)
                self.entries.append(entry)
                self.appendRow(items)
            else:
                self.entries[row] = entry
                for column, item in enumerate(items):
                    self.setItem(row, column, item)

    def remove_paths(self, paths: set[str]) -> None:
        """Drop the rows of files that are gone."""
        for row in sorted((self._row_of[p] for p in paths if p in self._row_of), reverse=True):
            self.removeRow(row)
            del self.entries[row]
        self._row_of = {desk_labels.path_key(e): i for i, e in enumerate(self.entries)}

    def paths(self) -> set[str]:
        """Paths of every listed file."""
        return set(self._row_of)


def _integrity_colour(code: str) -> QColor:
    verdict = "good" if code == "intact" else "warn" if code == "changed" else "bad"
    return _VERDICT_COLOURS[_dark()][verdict]


def _signature_colour(code: str) -> QColor:
    verdict = "good" if code == "valid" else "bad" if code == "broken" else "warn"
    return _VERDICT_COLOURS[_dark()][verdict]


class InboxFilter(QSortFilterProxyModel):
    """Sorts by typed values; filters by status, integrity and a nukta-insensitive search."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.status = ""
        self.integrity = ""
        self._query = ""

    def set_filters(self, status: str, integrity: str, text: str) -> None:
        """Show only rows matching ``status``, ``integrity`` ("" = any) and ``text``."""
        # Qt >= 6.10 wants begin/endFilterChange; older releases only have invalidate.
        staged = hasattr(self, "beginFilterChange")
        if staged:
            self.beginFilterChange()
        self.status, self.integrity = status, integrity
        self._query = text.strip()
        if staged:
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int,  # noqa: N802 - Qt override
                         source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        model = self.sourceModel()
        assert isinstance(model, InboxModel)
        entry = model.entries[source_row]
        if self.status and desk_labels.status(entry) != self.status:
            return False
        if self.integrity and desk_labels.integrity(entry) != self.integrity:
            return False
        return not self._query or core_inbox.matches(entry, self._query)


class InboxWindow(QMainWindow):
    """``InboxWindow(folder=None)``: the packages of one folder.

    Emits :attr:`open_requested` with a path when a row is double-clicked.
    """

    open_requested = Signal(str)
    scan_finished = Signal()

    def __init__(self, parent: QWidget | None = None, folder: str | Path | None = None, *,
                 keys: Any = None, taxonomy: Any = None,
                 export: Callable[[list[Path]], None] | None = None,
                 state: Any = None) -> None:
        super().__init__(parent)
        # The remembered state (settings.State): the main window's own object when
        # there is one, so that its next save keeps the inbox folder too.
        self._state = state if state is not None else getattr(parent, "state", None)
        self.setObjectName("inboxWindow")
        self.setWindowTitle(_("Inbox"))
        self.folder: Path | None = None
        self.keys = keys  # a signing.KeyStore; None: the user's own key store
        self._export = export
        self._taxonomy = taxonomy
        self._generation = 0
        self._cancel = threading.Event()
        self._scanning = False
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._signals = _ScanSignals(self)
        self._signals.batch.connect(self._on_batch)
        self._signals.progress.connect(self._on_progress)
        self._signals.finished.connect(self._on_finished)
        self._pending: set[Path] = set()
        self._mtimes: dict[str, tuple[int, int]] = {}
        self._build()
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(lambda _p: self.debounce.start())
        self.watcher.fileChanged.connect(lambda _p: self.debounce.start())
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(WATCH_DEBOUNCE_MS)
        self.debounce.timeout.connect(self.rescan_changes)
        # The trusted keys: re-verify everything when they change.
        self.key_watcher = QFileSystemWatcher(self)
        self.key_watcher.directoryChanged.connect(lambda _p: self.key_debounce.start())
        self.key_debounce = QTimer(self)
        self.key_debounce.setSingleShot(True)
        self.key_debounce.setInterval(WATCH_DEBOUNCE_MS)
        self.key_debounce.timeout.connect(self.reload_keys)
        keys_dialog.key_events().changed.connect(self.key_debounce.start)
        if self.keys is not None:
            self._watch_keys()
        self.resize(1200, 640)
        if folder is None:
            folder = self._remembered_folder()
        if folder is not None:
            self.set_folder(folder)

    def _remembered_folder(self) -> Path | None:
        """The inbox folder of the last run, when it still exists."""
        text = getattr(self._state, "inbox_folder", "")
        if not isinstance(text, str) or not text:
            return None
        try:
            return Path(text) if Path(text).is_dir() else None
        except (OSError, ValueError):
            return None

    def _remember_folder(self, folder: Path) -> None:
        if self._state is None or not hasattr(self._state, "inbox_folder"):
            return
        from khabar_editor.settings import save_state

        self._state.inbox_folder = str(folder)
        save_state(self._state)

    # -- layout -----------------------------------------------------------------------
    def _build(self) -> None:
        self.folder_label = QLabel(_("No folder chosen"))
        self.folder_label.setObjectName("inboxFolder")
        choose = QPushButton(_("Choose folder…"))
        choose.clicked.connect(self.choose_folder)
        self.search = QLineEdit()
        self.search.setObjectName("inboxSearch")
        self.search.setPlaceholderText(_("Search headline, byline, place (ज़ finds ज)"))
        self.search.setClearButtonEnabled(True)
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("inboxStatusFilter")
        self.status_filter.addItem(_("Any status"), "")
        for code in desk_labels.STATUSES:
            self.status_filter.addItem(desk_labels.status_text(code), code)
        self.integrity_filter = QComboBox()
        self.integrity_filter.setObjectName("inboxIntegrityFilter")
        self.integrity_filter.addItem(_("Any integrity"), "")
        for code in desk_labels.INTEGRITIES:
            self.integrity_filter.addItem(desk_labels.integrity_text(code), code)
        for signal in (self.search.textChanged, self.status_filter.currentIndexChanged,
                       self.integrity_filter.currentIndexChanged):
            signal.connect(self._apply_filters)
        top = QHBoxLayout()
        top.addWidget(self.folder_label, 1)
        top.addWidget(choose)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        filters.addWidget(self.status_filter)
        filters.addWidget(self.integrity_filter)

        self.model = InboxModel(self)
        self.model.taxonomy = self._taxonomy
        self.proxy = InboxFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("inboxTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COLUMN_INDEX["received"], Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for key, width in (("headline", 300), ("byline", 150), ("place", 110),
                           ("category", 100), ("words", 60), ("received", 130),
                           ("status", 90), ("integrity", 170)):
            self.table.setColumnWidth(COLUMN_INDEX[key], width)
        self.table.doubleClicked.connect(self._open_index)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())

        self.progress = QProgressBar()
        self.progress.setObjectName("inboxProgress")
        self.progress.setMaximumWidth(260)
        self.progress.hide()
        self.count_label = QLabel()
        self.count_label.setObjectName("inboxCount")
        self.open_button = QPushButton(_("Open"))
        self.open_button.clicked.connect(self.open_selected)
        self.export_button = QPushButton(_("Export selected…"))
        self.export_button.setObjectName("inboxExport")
        self.export_button.clicked.connect(self.export_selected)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.progress)
        bottom.addWidget(self.open_button)
        bottom.addWidget(self.export_button)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.setCentralWidget(central)
        self._update_buttons()

    # -- folder and scanning ----------------------------------------------------------
    def choose_folder(self) -> None:
        """Ask for the folder to watch."""
        start = str(self.folder) if self.folder else str(Path.home())
        folder = QFileDialog.getExistingDirectory(self, _("Inbox folder"), start)
        if folder:
            self.set_folder(folder)

    def set_folder(self, folder: str | Path) -> None:
        """List the packages of ``folder`` (scanned in the background) and watch it."""
        folder = Path(folder)
        self._stop_scan()
        if self.watcher.directories():
            self.watcher.removePaths(self.watcher.directories())
        self.model.clear_rows()
        self._mtimes.clear()
        self.folder = folder
        self.folder_label.setText(str(folder))
        self.folder_label.setToolTip(str(folder))
        if not folder.is_dir():
            self.count_label.setText(_("The folder {path} cannot be read.").format(path=folder))
            return
        self.watcher.addPath(str(folder))
        self._remember_folder(folder)
        self._scan(self._changed_files())

    def _listing(self) -> dict[str, tuple[int, int]]:
        """Package files of the folder with (size, mtime); unreadable folders list nothing."""
        if self.folder is None:
            return {}
        try:
            paths = core_inbox.package_files(self.folder)
        except OSError as exc:
            log.warning("Cannot list %s: %s", self.folder, exc)
            return {}
        found: dict[str, tuple[int, int]] = {}
        for path in paths:
            try:
                found[str(path)] = core_inbox.change_stamp(path)
            except OSError:
                continue
        return found

    def _changed_files(self) -> list[Path]:
        listing = self._listing()
        gone = set(self._mtimes) - set(listing)
        if gone:
            self.model.remove_paths(gone)
        changed = [Path(p) for p, stamp in listing.items() if self._mtimes.get(p) != stamp]
        self._mtimes = listing
        return changed

    def rescan_changes(self) -> None:
        """Scan files that appeared or changed since the last look (watcher, debounced)."""
        if self.folder is None:
            return
        changed = self._changed_files()
        if changed:
            self._scan(changed)
        self._update_count()

    def _scan(self, paths: list[Path]) -> None:
        if not paths:
            self._update_count()
            self.scan_finished.emit()
            return
        if self._scanning:
            # One job at a time; what arrives meanwhile is scanned right after.
            self._pending.update(paths)
            return
        self._generation += 1
        self._cancel = threading.Event()
        self._scanning = True
        self.progress.setRange(0, len(paths))
        self.progress.setValue(0)
        self.progress.show()
        self._pool.start(_ScanJob(self._generation, list(paths), self._key_store(),
                                  self._signals, self._cancel))

    def _key_store(self) -> Any:
        """The key store the packages are verified with (the user's own by default)."""
        if self.keys is None:
            from khabar_editor.package.signing import KeyStore

            self.keys = KeyStore()
            self._watch_keys()
        return self.keys

    def _watch_keys(self) -> None:
        """Watch the key folder and its ``revoked/``; while the key folder does not
        exist yet (no key imported so far), its nearest existing parent, to see it
        appear."""
        folder = getattr(self.keys, "folder", None)
        if folder is None:
            return
        folder = Path(folder)
        if folder.is_dir():
            candidates = [folder, folder / "revoked"]
        else:
            parent = folder.parent
            while not parent.is_dir() and parent != parent.parent:
                parent = parent.parent
            candidates = [parent]
        watched = set(self.key_watcher.directories())
        wanted = [str(p) for p in candidates if str(p) not in watched and p.is_dir()]
        if wanted:
            self.key_watcher.addPaths(wanted)

    @staticmethod
    def _trusted(store: Any) -> tuple[Any, ...]:
        keys = getattr(store, "keys", None)
        if not callable(keys):
            return ()
        return tuple((k.key.raw, k.revoked) for k in keys())

    def reload_keys(self) -> None:
        """The trusted keys may have changed: read them again and, when they did,
        verify every package anew."""
        store = self._key_store()
        before = self._trusted(store)
        refresh = getattr(store, "refresh", None)
        if callable(refresh):
            refresh()
        self._watch_keys()
        if self._trusted(store) == before:
            return
        if self.folder is None or not self.folder.is_dir():
            return
        self._mtimes = {}  # every file counts as changed
        self.rescan_changes()

    def _stop_scan(self) -> None:
        self._cancel.set()
        self._pending.clear()
        self._generation += 1  # late batches of the old job are ignored
        self._pool.waitForDone()
        self._scanning = False
        self.progress.hide()

    def _on_batch(self, generation: int, entries: list[Any]) -> None:
        if generation == self._generation:
            self.model.add_entries(entries)
            self._update_count()

    def _on_progress(self, generation: int, done: int, total: int) -> None:
        if generation == self._generation:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _on_finished(self, generation: int) -> None:
        if generation != self._generation:
            return
        self._scanning = False
        self.progress.hide()
        if self._pending:
            pending, self._pending = sorted(self._pending), set()
            self._scan(pending)
            return
        self._update_count()
        self.scan_finished.emit()

    def is_scanning(self) -> bool:
        """Whether a background scan is running."""
        return self._scanning

    # -- filters, selection, actions --------------------------------------------------
    def _apply_filters(self) -> None:
        self.proxy.set_filters(self.status_filter.currentData() or "",
                               self.integrity_filter.currentData() or "", self.search.text())
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        if shown == total:
            text = _("1 package") if total == 1 else _("{count} packages").format(count=total)
        else:
            text = (_("{shown} of 1 package") if total == 1 else
                    _("{shown} of {count} packages")).format(shown=shown, count=total)
        self.count_label.setText(text)

    def _update_buttons(self) -> None:
        entries = self.selected_entries()
        self.open_button.setEnabled(len(entries) == 1 and desk_labels.readable(entries[0]))
        self.export_button.setEnabled(any(desk_labels.readable(e) for e in entries))

    def selected_entries(self) -> list[Any]:
        """The scanner entries of the selected rows, in view order."""
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.proxy.index(r, 0).data(ENTRY_ROLE) for r in rows]

    def _open_index(self, index: QModelIndex) -> None:
        entry = index.siblingAtColumn(0).data(ENTRY_ROLE)
        if entry is not None:
            self._open_entry(entry)

    def _open_entry(self, entry: Any) -> None:
        if not desk_labels.readable(entry):
            self.count_label.setText(_("{name} cannot be opened: {reason}").format(
                name=Path(desk_labels.path_key(entry)).name, reason=desk_labels.reason(entry)))
            return
        self.open_requested.emit(desk_labels.path_key(entry))

    def open_selected(self) -> None:
        """Open the one selected package in the editor."""
        entries = self.selected_entries()
        if len(entries) == 1:
            self._open_entry(entries[0])

    def export_selected(self) -> None:
        """Export every selected readable package in one go."""
        paths = [Path(desk_labels.path_key(e)) for e in self.selected_entries()
                 if desk_labels.readable(e)]
        if not paths:
            return
        if self._export is not None:
            self._export(paths)
            return
        from khabar_editor.ui.batch_export import BatchExportDialog

        BatchExportDialog(self, paths).exec()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange) \
                and self.model.entries:
            self.model.add_entries(list(self.model.entries))  # verdict colours of the theme

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self._stop_scan()
        self.key_debounce.stop()
        for watcher in (self.watcher, self.key_watcher):
            if watcher.directories():
                watcher.removePaths(watcher.directories())
        super().closeEvent(event)

"""File → Send… and the Outbox dock: the GUI face of :mod:`khabar_editor.delivery`.

The send dialog picks (or adds) a destination; the package is saved, queued in
the outbox and sent by a background runnable on the global ``QThreadPool``
calling the Qt-free delivery core. A timer keeps retrying what failed for a
network reason (the core's backoff decides when) while the editor runs, and
refreshes the Outbox table: story, destination, state, progress and the reason
of a failure in the interface language.
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QDockWidget, QFormLayout,
    QHBoxLayout, QHeaderView, QLabel, QLineEdit, QMenu, QPushButton, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget,
)

from khabar_editor.delivery import secrets
from khabar_editor.delivery.base import KIND_WEBDAV, KIND_WORDPRESS
from khabar_editor.delivery.config import (
    DestinationConfig, add_destination, load_destinations, make_config,
)
from khabar_editor.delivery.outbox import (
    FAILED, QUEUED, SENDING, SENT, Item, Outbox, make_destination,
)
from khabar_editor.errors import KhabarError
from khabar_editor.i18n import N_, _

if TYPE_CHECKING:
    from khabar_editor.ui.main_window import MainWindow

log = logging.getLogger(__name__)

TICK_MS = 5000
STATE_LABELS = {QUEUED: N_("Queued"), SENDING: N_("Sending"), SENT: N_("Sent"),
                FAILED: N_("Failed")}
MSG_SAVE_FIRST = N_("Save the article before sending it.")
MSG_NO_KEYRING_GUI = N_("No password store (keyring) is available on this computer: the "
                        "password is kept only until Khabar Editor closes.")
MSG_RETRY_AT = N_("retrying at {time}")
MSG_WILL_SUBMIT = N_("Sending marks the story as submitted, so the desk can approve it or "
                     "return it with a note.")
# A correspondent's Send is the submission: these statuses go out as "submitted".
SUBMIT_ON_SEND = ("draft", "returned")


class _Signals(QObject):
    changed = Signal(object)  # an Item
    finished = Signal()


class _SendRun(QRunnable):
    """Sends every due item once, in a pool thread, reporting each change."""

    def __init__(self, outbox: Outbox, passwords: dict[str, str], force: bool) -> None:
        super().__init__()
        self.outbox, self.passwords, self.force = outbox, passwords, force
        self.signals = _Signals()

    def _open(self, name: str) -> Any:
        from khabar_editor.delivery.config import get_destination
        config = get_destination(name)
        password = self.passwords.get(name) or secrets.password_for(name, config.account)
        return make_destination(config, password)

    def run(self) -> None:
        try:
            self.outbox.send_due(self._open, force=self.force,
                                 on_progress=self.signals.changed.emit)
        except Exception:  # noqa: BLE001 - a pool thread must not die with a traceback
            log.exception("Outbox run failed")
        finally:
            self.signals.finished.emit()


class DestinationDialog(QDialog):
    """Add a destination: name, kind, address, user, password."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Add destination"))
        form = QFormLayout(self)
        self.name = QLineEdit()
        self.kind = QComboBox()
        self.kind.addItem(_("WordPress site (REST API)"), KIND_WORDPRESS)
        self.kind.addItem(_("WebDAV folder (Nextcloud, ownCloud, SharePoint)"), KIND_WEBDAV)
        self.url = QLineEdit()
        self.url.setPlaceholderText("https://")
        self.user = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setObjectName("destinationError")
        form.addRow(_("Name:"), self.name)
        form.addRow(_("Kind:"), self.kind)
        form.addRow(_("Address:"), self.url)
        form.addRow(_("User:"), self.user)
        form.addRow(_("Password:"), self.password)
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.config: DestinationConfig | None = None

    def accept(self) -> None:
        try:
            config = make_config(self.name.text(), self.kind.currentData(), self.url.text(),
                                 self.user.text())
            add_destination(config)
        except KhabarError as exc:
            self.error.setText(str(exc))
            return
        self.config = config
        super().accept()


class SendDialog(QDialog):
    """Choose the destination of the open article."""

    def __init__(self, parent: QWidget | None, controller: OutboxController,
                 will_submit: bool = False) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setWindowTitle(_("Send"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Send the article to:")))
        row = QHBoxLayout()
        self.choice = QComboBox()
        self.choice.setObjectName("destinationChoice")
        row.addWidget(self.choice, 1)
        add = QPushButton(_("Add destination…"))
        add.clicked.connect(self._add)
        row.addWidget(add)
        layout.addLayout(row)
        self.submit_note = QLabel(_(MSG_WILL_SUBMIT))
        self.submit_note.setObjectName("sendSubmitNote")
        self.submit_note.setWordWrap(True)
        self.submit_note.setVisible(will_submit)
        layout.addWidget(self.submit_note)
        self.note = QLabel()
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.send_button = self.buttons.addButton(_("Send"),
                                                  QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._fill()

    def _fill(self, select: str | None = None) -> None:
        self.choice.clear()
        try:
            items = load_destinations()
        except KhabarError as exc:
            self.note.setText(str(exc))
            items = {}
        for config in items.values():
            self.choice.addItem(f"{config.name} — {config.url}", config.name)
        if select:
            self.choice.setCurrentIndex(max(0, self.choice.findData(select)))
        self.send_button.setEnabled(self.choice.count() > 0)

    def _add(self) -> None:
        dialog = DestinationDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.config is None:
            return
        self.controller.keep_password(dialog.config, dialog.password.text())
        if not secrets.keyring_usable():
            self.note.setText(_(MSG_NO_KEYRING_GUI))
        self._fill(dialog.config.name)
        self.adjustSize()  # room for the note's wrapped lines (they were cut off)

    def destination(self) -> str | None:
        return self.choice.currentData()


class OutboxDock(QDockWidget):
    """The outbox as a table, with Retry now / Remove."""

    COLUMNS = (N_("Story"), N_("Destination"), N_("Status"), N_("Details"))

    def __init__(self, parent: QWidget, controller: OutboxController) -> None:
        super().__init__(_("Outbox"), parent)
        self.setObjectName("outboxDock")
        self.controller = controller
        body = QWidget()
        # The buttons beside the table, and a table that may be as low as two rows: the
        # dock must not push the window past a 1366×768 screen (it adds its minimum
        # height to the other docks').
        layout = QHBoxLayout(body)
        layout.setContentsMargins(4, 2, 4, 2)
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setObjectName("outboxTable")
        self.table.setHorizontalHeaderLabels([_(c) for c in self.COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 260)
        self.table.verticalHeader().hide()
        self.table.setMinimumHeight(self.table.horizontalHeader().sizeHint().height()
                                    + 2 * self.table.fontMetrics().height() + 8)
        layout.addWidget(self.table, 1)
        column = QVBoxLayout()
        retry = QPushButton(_("Retry now"))
        retry.setObjectName("outboxRetry")
        retry.clicked.connect(controller.retry_now)
        remove = QPushButton(_("Remove"))
        remove.setObjectName("outboxRemove")
        remove.clicked.connect(self._remove)
        column.addWidget(retry)
        column.addWidget(remove)
        column.addStretch(1)
        layout.addLayout(column)
        self.setWidget(body)
        self._ids: list[str] = []

    def show_items(self, items: list[Item]) -> None:
        items = list(reversed(items))  # newest first
        self._ids = [i.id for i in items]
        self.table.setRowCount(len(items))
        for row, item in enumerate(items):
            cells = (item.headline or item.file_name, item.destination, self._state(item),
                     self._details(item))
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                self.table.setItem(row, column, cell)
        self.table.resizeRowsToContents()

    @staticmethod
    def _state(item: Item) -> str:
        text = _(STATE_LABELS.get(item.state, item.state))
        if item.state == SENDING and len(item.progress) == 2 and item.progress[1]:
            text += f" {item.progress[0]}/{item.progress[1]}"
        return text

    @staticmethod
    def _details(item: Item) -> str:
        if item.state == SENT:
            return "\n".join([item.url, *item.problems])
        if item.state == FAILED:
            reason = item.reason()
            if item.retry_at:
                when = datetime.fromtimestamp(item.retry_at).strftime("%H:%M:%S")
                reason += " — " + _(MSG_RETRY_AT).format(time=when)
            return reason
        return ""

    def selected_id(self) -> str | None:
        row = self.table.currentRow()
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def _remove(self) -> None:
        item_id = self.selected_id()
        if item_id:
            self.controller.outbox.remove(item_id)
            self.controller.refresh()


class OutboxController(QObject):
    """Owns the outbox, the dock, the Send action and the background sending."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.outbox = Outbox()
        self.passwords: dict[str, str] = {}  # this session only, when there is no keyring
        self.dock = OutboxDock(window, self)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        self.dock.hide()
        self._running = False
        self._lock = threading.Lock()
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)
        self.timer.start()
        self.action = QAction(_("Sen&d…"), window)
        self.action.setObjectName("action_send")
        self.action.setShortcut(QKeySequence("Ctrl+Shift+D"))
        self.action.triggered.connect(lambda _checked=False: self.on_send())
        window.addAction(self.action)
        self._place_in_file_menu(window)
        QTimer.singleShot(0, self.tick)  # resume what a previous run left

    def _place_in_file_menu(self, window: MainWindow) -> None:
        export = getattr(window, "actions_by_name", {}).get("export")
        for menu in (export.associatedObjects() if export else []):
            if isinstance(menu, QMenu):
                actions = menu.actions()
                index = actions.index(export)
                after = actions[index + 1] if index + 1 < len(actions) else None
                if after is not None:
                    menu.insertAction(after, self.action)
                    menu.insertAction(after, self.dock.toggleViewAction())
                else:
                    menu.addAction(self.action)
                    menu.addAction(self.dock.toggleViewAction())
                return

    def keep_password(self, config: DestinationConfig, password: str) -> None:
        """The keyring when there is one, else memory for this session."""
        if not password:
            return
        try:
            stored = secrets.store_password(config.account, password)
        except KhabarError as exc:
            self.window.show_error(str(exc))
            stored = False
        if not stored:
            self.passwords[config.name] = password

    def on_send(self) -> None:
        """File → Send…: save, choose a destination, queue and start sending."""
        window = self.window
        window.flush_edits()
        if window.session.path is None or window.session.dirty:
            window.on_save()
        if window.session.path is None or window.session.dirty:
            window.show_error(_(MSG_SAVE_FIRST))
            return
        dialog = SendDialog(window, self, will_submit=self._submits())
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.destination():
            return
        if self._submits() and not self._mark_submitted():
            return
        self.queue(str(window.session.path), dialog.destination())

    def _submits(self) -> bool:
        """Whether this Send is a correspondent's submission of a draft or returned
        story (the desk's own sends, e.g. to the website, keep the status)."""
        window = self.window
        if getattr(window.settings, "user_role", "correspondent") == "desk":
            return False
        status = window.session.article.status
        return str(getattr(status, "value", status)) in SUBMIT_ON_SEND

    def _mark_submitted(self) -> bool:
        """Set the status to "submitted" (a logged transition) and save, so the desk
        receives a story it can approve or return; False when that failed (the
        session has shown why)."""
        window = self.window
        if not window.session.set_status("submitted"):
            return False
        window.metadata.show_status(window.session.article.status)
        window.on_save()
        if window.session.dirty:
            window.show_error(_(MSG_SAVE_FIRST))
            return False
        return True

    def queue(self, path: str, destination: str) -> Item | None:
        try:
            item = self.outbox.queue(path, destination)
        except (KhabarError, OSError) as exc:
            self.window.show_error(str(exc))
            return None
        self.dock.show()
        self.dock.raise_()
        self.refresh()
        self.start()
        return item

    def retry_now(self) -> None:
        self.outbox.retry_now(self.dock.selected_id())
        self.start(force=True)

    def refresh(self) -> None:
        try:
            self.dock.show_items(self.outbox.items())
        except OSError as exc:  # a data folder that went away: say so in the log only
            log.warning("Outbox not readable: %s", exc)

    def tick(self) -> None:
        """Refresh the table and start sending what is due (retries with backoff)."""
        self.refresh()
        try:
            due = bool(self.outbox.due())
        except OSError as exc:
            log.warning("Outbox not readable: %s", exc)
            return
        if due:
            self.start()

    def start(self, force: bool = False) -> bool:
        """Run the sender in the pool unless one runs already."""
        with self._lock:
            if self._running:
                return False
            self._running = True
        run = _SendRun(self.outbox, dict(self.passwords), force)
        run.signals.changed.connect(lambda _item: self.refresh())
        run.signals.finished.connect(self._finished)
        self._run = run  # keep the signals object alive until it finishes
        QThreadPool.globalInstance().start(run)
        return True

    def _finished(self) -> None:
        with self._lock:
            self._running = False
        self.refresh()

    def is_running(self) -> bool:
        with self._lock:
            return self._running


def attach(window: MainWindow) -> OutboxController:
    """Add File → Send… and the Outbox dock to ``window``."""
    return OutboxController(window)

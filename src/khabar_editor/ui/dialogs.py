"""Small dialogs the window shows on the session's behalf, and the crash dialog."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from khabar_editor.app.recovery import RecoveryInfo
from khabar_editor.app.session import RestoreChoice, SaveChoice
from khabar_editor.i18n import _
from khabar_editor.logsetup import log_path

log = logging.getLogger(__name__)


def ask_save_changes(parent: QWidget, name: str) -> SaveChoice:
    """Save / Discard / Cancel for unsaved changes."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_("Unsaved changes"))
    box.setText(_("“{name}” has changes that are not saved. Save them?").format(name=name))
    save = box.addButton(_("Save"), QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton(_("Don't save"), QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(save)
    box.exec()
    clicked = box.clickedButton()
    if clicked is save:
        return SaveChoice.SAVE
    if clicked is discard:
        return SaveChoice.DISCARD
    return SaveChoice.CANCEL


def ask_restore(parent: QWidget, info: RecoveryInfo) -> RestoreChoice:
    """Restore / Discard / Later for text left by a session that ended abruptly."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(_("Restore unsaved work?"))
    box.setText(_("Khabar Editor closed unexpectedly. Unsaved text of “{name}” from {when} "
                  "was kept.").format(name=info.display_name or _("Untitled article"),
                                      when=info.saved_at.astimezone().strftime("%Y-%m-%d %H:%M")))
    box.setInformativeText(_("Restored text opens as a changed document; your own file is "
                             "not touched until you save."))
    restore = box.addButton(_("Restore"), QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton(_("Discard"), QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(_("Later"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore)
    box.exec()
    clicked = box.clickedButton()
    if clicked is restore:
        return RestoreChoice.RESTORE
    if clicked is discard:
        return RestoreChoice.DISCARD
    return RestoreChoice.LATER


def show_error(parent: QWidget | None, message: str) -> None:
    """A plain error message (already translated; never a traceback)."""
    QMessageBox.warning(parent, _("Khabar Editor"), message)


def install_excepthook() -> None:
    """Log unexpected exceptions and show a local dialog with the log path (nothing is sent)."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        log.error("Unexpected error:\n%s", "".join(traceback.format_exception(kind, exc, tb)))
        if QApplication.instance() is None:
            sys.__excepthook__(kind, exc, tb)
            return
        QMessageBox.critical(None, _("Khabar Editor"), _(
            "Something went wrong inside Khabar Editor. Your text is kept by autosave. "
            "Details were written to the log file:\n{path}").format(path=log_path()))

    sys.excepthook = hook

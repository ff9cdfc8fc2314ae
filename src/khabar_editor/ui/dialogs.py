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


def _three_way(parent: QWidget, icon: QMessageBox.Icon, title: str, text: str,
               labels: tuple[str, str, str], informative: str = "") -> int:
    """A box with accept / destructive / reject buttons; the index of the one clicked
    (2, the reject button, also when the box is closed)."""
    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setText(text)
    if informative:
        box.setInformativeText(informative)
    roles = (QMessageBox.ButtonRole.AcceptRole, QMessageBox.ButtonRole.DestructiveRole,
             QMessageBox.ButtonRole.RejectRole)
    buttons = [box.addButton(label, role) for label, role in zip(labels, roles)]
    box.setDefaultButton(buttons[0])
    box.exec()
    clicked = box.clickedButton()
    return buttons.index(clicked) if clicked in buttons[:2] else 2


def ask_save_changes(parent: QWidget, name: str) -> SaveChoice:
    """Save / Discard / Cancel for unsaved changes."""
    answer = _three_way(
        parent, QMessageBox.Icon.Warning, _("Unsaved changes"),
        _("“{name}” has changes that are not saved. Save them?").format(name=name),
        (_("Save"), _("Don't save"), _("Cancel")))
    return (SaveChoice.SAVE, SaveChoice.DISCARD, SaveChoice.CANCEL)[answer]


def ask_restore(parent: QWidget, info: RecoveryInfo) -> RestoreChoice:
    """Restore / Discard / Later for text left by a session that ended abruptly."""
    answer = _three_way(
        parent, QMessageBox.Icon.Question, _("Restore unsaved work?"),
        _("Khabar Editor closed unexpectedly. Unsaved text of “{name}” from {when} "
          "was kept.").format(name=info.display_name or _("Untitled article"),
                              when=info.saved_at.astimezone().strftime("%Y-%m-%d %H:%M")),
        (_("Restore"), _("Discard"), _("Later")),
        informative=_("Restored text opens as a changed document; your own file is "
                      "not touched until you save."))
    return (RestoreChoice.RESTORE, RestoreChoice.DISCARD, RestoreChoice.LATER)[answer]


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

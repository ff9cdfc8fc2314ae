"""Restart the editor after the interface language changed ("Restart now")."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QProcess
from PySide6.QtWidgets import QMessageBox, QWidget

from khabar_editor import APP_NAME
from khabar_editor.i18n import _


def ask_restart(parent: QWidget, notice: str) -> bool:
    """Tell the user the language changes on restart; ``True`` for "Restart now"."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(APP_NAME)
    box.setText(notice)
    now = box.addButton(_("Restart now"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(_("Later"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(now)
    box.exec()
    return box.clickedButton() is now


def restart_command(path: Path | None) -> tuple[str, list[str]]:
    """The program and arguments that start the editor again on ``path``."""
    # This editor is still running when the new one starts: --new-instance keeps the
    # new one from handing its file back to us. A bundle's executable is the editor.
    args = [] if getattr(sys, "frozen", False) else ["-m", "khabar_editor"]
    args.append("--new-instance")
    if path is not None:
        args.append(str(path))
    return sys.executable, args


def start_again(path: Path | None) -> bool:
    """Start a new editor process (detached); whether it started."""
    program, args = restart_command(path)
    ok = QProcess.startDetached(program, args)
    return bool(ok[0] if isinstance(ok, tuple) else ok)

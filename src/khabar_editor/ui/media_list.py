"""The photos of the article: list, thumbnail, caption, credit and alt text."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import (QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
                               QListWidget, QListWidgetItem, QPushButton, QVBoxLayout)

from khabar_editor.article.model import Media
from khabar_editor.i18n import _
from khabar_editor.problems import Problem
from khabar_editor.ui.proofing.field_spell import FieldSpeller

THUMB = 56


class MediaList(QGroupBox):
    """Edits ``Article.media`` in place; the window handles insert and remove."""

    changed = Signal()
    insert_requested = Signal()
    remove_requested = Signal(int)

    def __init__(self) -> None:
        super().__init__(_("Photos"))
        self.setObjectName("mediaList")
        self._media: list[Media] = []
        self._loading = False
        self.list = QListWidget()
        self.list.setIconSize(QSize(THUMB, THUMB))
        self.list.setMaximumHeight(3 * (THUMB + 8))
        self.list.currentRowChanged.connect(self._select)
        self.caption, self.credit, self.alt = QLineEdit(), QLineEdit(), QLineEdit()
        form = QFormLayout()
        for edit, name, label in ((self.caption, "caption", _("Caption")),
                                  (self.credit, "credit", _("Credit")),
                                  (self.alt, "alt", _("Alt text"))):
            edit.setObjectName(f"media_{name}")
            edit.textEdited.connect(lambda text, n=name: self._edited(n, text))
            form.addRow(label, edit)
        # Caption and alt text are proofread; the credit is a name.
        self.spellers = {name: FieldSpeller(edit) for edit, name in
                         ((self.caption, "caption"), (self.alt, "alt"))}
        self.insert_button = QPushButton(_("Insert photo…"))
        self.insert_button.clicked.connect(self.insert_requested)
        self.remove_button = QPushButton(_("Remove"))
        self.remove_button.clicked.connect(
            lambda: self.remove_requested.emit(self.list.currentRow()))
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #b26a00;")
        buttons = QHBoxLayout()
        buttons.addWidget(self.insert_button)
        buttons.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.problems)
        self._select(-1)

    def load(self, media: list[Media], data: dict[str, bytes]) -> None:
        """Show ``media`` (edited in place) with thumbnails made from ``data``."""
        self._loading = True
        self._media = media
        self.list.clear()
        for m in media:
            item = QListWidgetItem(m.caption or m.file)
            image = QImage.fromData(data.get(m.file, b""))
            if not image.isNull():
                item.setIcon(QIcon(QPixmap.fromImage(image.scaled(
                    THUMB, THUMB, Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation))))
            self.list.addItem(item)
        self._loading = False
        self.list.setCurrentRow(len(media) - 1 if media else -1)
        self._select(self.list.currentRow())

    def _select(self, row: int) -> None:
        valid = 0 <= row < len(self._media)
        for edit, name in ((self.caption, "caption"), (self.credit, "credit"), (self.alt, "alt")):
            edit.setEnabled(valid)
            edit.setText(getattr(self._media[row], name) if valid else "")
            edit.setCursorPosition(0)  # show the start of a long caption, not its end
        self.remove_button.setEnabled(valid)

    def _edited(self, name: str, text: str) -> None:
        row = self.list.currentRow()
        if self._loading or not 0 <= row < len(self._media):
            return
        setattr(self._media[row], name, text)
        if name == "caption":
            self.list.item(row).setText(text or self._media[row].file)
        self.changed.emit()

    def set_proofreader(self, proofreader: object) -> None:
        """Underline caption and alt text with ``proofreader`` (``None``: off)."""
        for speller in self.spellers.values():
            speller.set_proofreader(proofreader)

    def select_row(self, row: int) -> None:
        """Show photo ``row`` in the fields (no-op for a row that does not exist)."""
        if 0 <= row < len(self._media) and row != self.list.currentRow():
            self.list.setCurrentRow(row)

    def show_problems(self, problems: list[Problem]) -> None:
        """Photo problems (missing caption, credit, alt text) under the list."""
        self.problems.setText("\n".join(p.message for p in problems))
        self.problems.setVisible(bool(problems))

"""The changes view: the desk's edits against the correspondent's original.

The core computes the diff (word level, see :mod:`khabar_editor.app.diff`); this
module only shows it. Inline mode shows one text with deletions struck through
and insertions underlined; side by side shows the original (deletions marked)
beside the edited text (insertions marked). Metadata changes are a table, field
by field.

Formats are applied with :class:`QTextCursor` over plain text (never HTML: the
text comes from a received file) and every marked span is widened to whole
grapheme clusters of the text as shown, so a matra or a conjunct is never cut
by a format boundary. A deletion directly followed by an insertion is separated
by a space, so the two can never join into one cluster.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import (QAbstractItemView, QButtonGroup, QHBoxLayout, QHeaderView,
                               QLabel, QRadioButton, QSplitter, QTableWidget,
                               QTableWidgetItem, QTextEdit, QVBoxLayout, QWidget)

from khabar_editor.i18n import N_, _
from khabar_editor.ui.fonts import editor_font
from khabar_editor.ui.textpos import cp_to_utf16, grapheme_bounds

INSERT, DELETE, EQUAL = "insert", "delete", "equal"
DEFAULT_POINT_SIZE = 13

INSERT_BG, DELETE_BG = QColor("#c9f2c9"), QColor("#f8cdcd")
INSERT_FG, DELETE_FG = QColor("#0b4f0b"), QColor("#7a1010")

# Field names as the core reports them -> the label shown in the table.
FIELD_LABELS = {
    "headline": N_("Headline"), "deck": N_("Deck"), "summary": N_("Summary"),
    "byline": N_("Byline"), "byline.name": N_("Byline"), "byline.role": N_("Byline role"),
    "seo_title": N_("SEO title"), "id": N_("Article id"), "created": N_("Created"),
    "dateline": N_("Dateline"), "dateline.place": N_("Dateline place"),
    "dateline.date": N_("Dateline date"), "dateline.calendar": N_("Dateline calendar"),
    "place": N_("Place"), "place.city": N_("City"),
    "place.district": N_("District"), "place.state": N_("State"),
    "place.country": N_("Country"), "category": N_("Category"), "tags": N_("Tags"),
    "language": N_("Language"), "slug": N_("Slug"), "status": N_("Status"),
    "priority": N_("Priority"), "embargo": N_("Embargo"), "media": N_("Photos"),
}


_MEDIA_FIELD = re.compile(r"^media\[(\d+)\]\.(\w+)$")
_MEDIA_PARTS = {"file": N_("file"), "caption": N_("caption"), "credit": N_("credit"),
                "alt": N_("alt text")}
PHOTO_FIELD = N_("Photo {number}: {part}")


def field_label(name: str) -> str:
    """The label of a changed field: "headline" -> "Headline", "media[2].caption" ->
    "Photo 2: caption" (translated); unknown names as they are."""
    label = FIELD_LABELS.get(name)
    if label:
        return _(label)
    m = _MEDIA_FIELD.match(name)
    if m and m.group(2) in _MEDIA_PARTS:
        return _(PHOTO_FIELD).format(number=m.group(1), part=_(_MEDIA_PARTS[m.group(2)]))
    return name


def _get(item: Any, name: str, default: Any = "") -> Any:
    """``item[name]`` for a mapping, ``item.name`` otherwise."""
    if isinstance(item, dict):
        return item.get(name, default)
    return getattr(item, name, default)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(_text(v) for v in value)
    return str(value)


@dataclass(frozen=True)
class Segment:
    """A piece of shown text and what it is: ``equal``, ``insert`` or ``delete``."""

    text: str
    kind: str


def inline_segments(body: Iterable[Any]) -> list[Segment]:
    """Body operations as one text: deletions, then insertions, kept apart by a space."""
    out: list[Segment] = []
    for op in body:
        kind, before, after = _get(op, "op"), _text(_get(op, "before")), _text(_get(op, "after"))
        if kind == EQUAL:
            out.append(Segment(before or after, EQUAL))
        elif kind == DELETE:
            out.append(Segment(before, DELETE))
        elif kind == INSERT:
            out.append(Segment(after, INSERT))
        else:  # replace
            out.append(Segment(before, DELETE))
            out.append(Segment(after, INSERT))
    return _separated(out)


def side_segments(body: Iterable[Any]) -> tuple[list[Segment], list[Segment]]:
    """Body operations as (original with deletions, edited text with insertions)."""
    left: list[Segment] = []
    right: list[Segment] = []
    for op in body:
        kind, before, after = _get(op, "op"), _text(_get(op, "before")), _text(_get(op, "after"))
        if kind == EQUAL:
            left.append(Segment(before or after, EQUAL))
            right.append(Segment(after or before, EQUAL))
        if kind in (DELETE, "replace"):
            left.append(Segment(before, DELETE))
        if kind in (INSERT, "replace"):
            right.append(Segment(after, INSERT))
    return left, right


def _separated(segments: list[Segment]) -> list[Segment]:
    """A space between a deletion and the insertion right after it."""
    out: list[Segment] = []
    for seg in segments:
        if not seg.text:
            continue
        if out and out[-1].kind == DELETE and seg.kind == INSERT \
                and not out[-1].text[-1:].isspace() and not seg.text[:1].isspace():
            out.append(Segment(" ", EQUAL))
        out.append(seg)
    return out


def marked_spans(segments: list[Segment]) -> tuple[str, list[tuple[int, int, str]]]:
    """The joined text and the code-point span of every change, widened to whole clusters."""
    text = "".join(s.text for s in segments)
    bounds = grapheme_bounds(text)
    spans: list[tuple[int, int, str]] = []
    pos = 0
    for seg in segments:
        start, end = pos, pos + len(seg.text)
        pos = end
        if seg.kind == EQUAL or start == end:
            continue
        start = max((b for b in bounds if b <= start), default=0)
        end = min((b for b in bounds if b >= end), default=len(text))
        spans.append((start, end, seg.kind))
    return text, spans


def change_format(kind: str) -> QTextCharFormat:
    """How an insertion or a deletion looks (colour, underline or strike-through)."""
    fmt = QTextCharFormat()
    if kind == INSERT:
        fmt.setBackground(INSERT_BG)
        fmt.setForeground(INSERT_FG)
        fmt.setFontUnderline(True)
    else:
        fmt.setBackground(DELETE_BG)
        fmt.setForeground(DELETE_FG)
        fmt.setFontStrikeOut(True)
    return fmt


def fill_document(doc: QTextDocument, segments: list[Segment]) -> list[tuple[int, int, str]]:
    """Show ``segments`` in ``doc`` as plain text with change formats; returns the spans."""
    text, spans = marked_spans(segments)
    doc.setPlainText(text)
    cursor = QTextCursor(doc)
    for start, end, kind in spans:
        cursor.setPosition(cp_to_utf16(text, start))
        cursor.setPosition(cp_to_utf16(text, end), QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(change_format(kind))
    return spans


def format_boundaries(doc: QTextDocument) -> list[int]:
    """UTF-16 positions where the character format changes inside a block (for tests)."""
    found: list[int] = []
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        first = True
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.isValid():
                if not first:
                    found.append(fragment.position())
                first = False
            it += 1
        block = block.next()
    return found


def _show_first_change(pane: QTextEdit, spans: list[tuple[int, int, str]]) -> None:
    """Put the pane's cursor on its first change (the start when there is none), so it
    opens there: filling the document left the cursor, and the view, at the end."""
    text = pane.document().toPlainText()
    cursor = QTextCursor(pane.document())
    cursor.setPosition(cp_to_utf16(text, spans[0][0]) if spans else 0)
    pane.setTextCursor(cursor)
    pane.ensureCursorVisible()


class _TextPane(QTextEdit):
    """A read-only text pane for one side of the changes."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setReadOnly(True)
        self.setAcceptRichText(False)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)


# "1 field changed", "2 fields changed": each count with its own singular and plural.
_COUNTS = {
    "fields": (N_("1 field changed"), N_("{count} fields changed")),
    "inserted": (N_("1 insertion"), N_("{count} insertions")),
    "deleted": (N_("1 deletion"), N_("{count} deletions")),
}


def change_summary(fields: int, inserted: int, deleted: int) -> str:
    """"1 field changed · 2 insertions · 1 deletion" in the interface language."""
    parts = []
    for key, count in (("fields", fields), ("inserted", inserted), ("deleted", deleted)):
        one, many = _COUNTS[key]
        parts.append(_(one) if count == 1 else _(many).format(count=count))
    return " · ".join(parts)


class ChangesView(QWidget):
    """Metadata changes (a table) above the body changes (inline or side by side)."""

    mode_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None, font: QFont | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("changesView")
        self._body: list[Any] = []
        self.summary = QLabel()
        self.summary.setObjectName("changesSummary")
        self.summary.setWordWrap(True)
        self.inline_button = QRadioButton(_("Inline"))
        self.side_button = QRadioButton(_("Side by side"))
        group = QButtonGroup(self)
        group.addButton(self.inline_button)
        group.addButton(self.side_button)
        self.side_button.setChecked(True)
        self.side_button.toggled.connect(lambda _on: self._show_mode())
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.inline_button)
        top.addWidget(self.side_button)

        self.fields = QTableWidget(0, 3)
        self.fields.setObjectName("changedFields")
        self.fields.setHorizontalHeaderLabels([_("Field"), _("Before"), _("After")])
        self.fields.verticalHeader().hide()
        self.fields.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.fields.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

        self.inline_pane = _TextPane("changesInline")
        self.left_pane = _TextPane("changesOriginal")
        self.right_pane = _TextPane("changesEdited")
        for pane in (self.inline_pane, self.left_pane, self.right_pane):
            pane.setFont(font or editor_font("", DEFAULT_POINT_SIZE))
        self.left_title = QLabel(_("Original (as received)"))
        self.right_title = QLabel(_("Edited"))
        left_box, right_box = QWidget(), QWidget()
        for box, title, pane in ((left_box, self.left_title, self.left_pane),
                                 (right_box, self.right_title, self.right_pane)):
            lay = QVBoxLayout(box)
            lay.setContentsMargins(0, 0, 0, 0)
            lay.addWidget(title)
            lay.addWidget(pane, 1)
        self.side = QSplitter(Qt.Orientation.Horizontal)
        self.side.addWidget(left_box)
        self.side.addWidget(right_box)
        # The two sides scroll together (proportionally: their lengths differ).
        self.left_pane.verticalScrollBar().valueChanged.connect(
            lambda v: self._follow(self.left_pane, self.right_pane))
        self.right_pane.verticalScrollBar().valueChanged.connect(
            lambda v: self._follow(self.right_pane, self.left_pane))
        self._following = False

        body = QSplitter(Qt.Orientation.Vertical)
        body.addWidget(self.fields)
        body_box = QWidget()
        body_layout = QVBoxLayout(body_box)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addWidget(self.inline_pane, 1)
        body_layout.addWidget(self.side, 1)
        body.addWidget(body_box)
        body.setStretchFactor(0, 1)
        body.setStretchFactor(1, 4)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(body, 1)
        self._show_mode()

    # -- content ----------------------------------------------------------------------
    def set_changes(self, fields: Iterable[Any], body: Iterable[Any]) -> None:
        """Show field changes (``field``/``before``/``after``) and body operations
        (``op`` in equal/insert/delete/replace with ``before``/``after``)."""
        rows = list(fields)
        self._body = list(body)
        self.fields.setRowCount(len(rows))
        for r, change in enumerate(rows):
            cells = (field_label(str(_get(change, "field"))), _text(_get(change, "before")),
                     _text(_get(change, "after")))
            for c, value in enumerate(cells):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.fields.setItem(r, c, item)
        self.fields.setVisible(bool(rows))
        inserted = sum(1 for op in self._body if _get(op, "op") in (INSERT, "replace"))
        deleted = sum(1 for op in self._body if _get(op, "op") in (DELETE, "replace"))
        if not rows and not inserted and not deleted:
            self.summary.setText(_("No changes: the text is as it was received."))
        else:
            self.summary.setText(change_summary(len(rows), inserted, deleted))
        inline = fill_document(self.inline_pane.document(), inline_segments(self._body))
        left, right = side_segments(self._body)
        self._following = True  # each side goes to its own first change
        try:
            for pane, spans in ((self.inline_pane, inline),
                                (self.left_pane, fill_document(self.left_pane.document(), left)),
                                (self.right_pane,
                                 fill_document(self.right_pane.document(), right))):
                _show_first_change(pane, spans)
        finally:
            self._following = False

    def set_mode(self, mode: str) -> None:
        """``"inline"`` or ``"side"``."""
        (self.inline_button if mode == "inline" else self.side_button).setChecked(True)
        self._show_mode()

    def mode(self) -> str:
        """The current mode, ``"inline"`` or ``"side"``."""
        return "side" if self.side_button.isChecked() else "inline"

    def _show_mode(self) -> None:
        side = self.side_button.isChecked()
        self.side.setVisible(side)
        self.inline_pane.setVisible(not side)
        self.mode_changed.emit(self.mode())

    def _follow(self, source: QTextEdit, target: QTextEdit) -> None:
        if self._following:
            return
        self._following = True
        try:
            s, t = source.verticalScrollBar(), target.verticalScrollBar()
            t.setValue(round(s.value() / s.maximum() * t.maximum()) if s.maximum() else 0)
        finally:
            self._following = False


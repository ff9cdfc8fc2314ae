"""The metadata panel: every field of the article, with its problems beside it."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timezone

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QEvent, QMimeData, QObject, Qt,
                            QTimer, Signal)
from PySide6.QtGui import QFocusEvent, QKeyEvent, QWheelEvent
from PySide6.QtWidgets import (QAbstractSpinBox, QCheckBox, QComboBox, QDateEdit, QDateTimeEdit,
                               QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
                               QPlainTextEdit, QScrollArea, QSizePolicy, QSpinBox, QStyle,
                               QVBoxLayout, QWidget)

from khabar_editor.article.dateline import format_dateline
from khabar_editor.article.model import PRIORITY_MAX, PRIORITY_MIN, Article, Language, Status
from khabar_editor.article.taxonomy import Taxonomy
from khabar_editor.i18n import N_, _
from khabar_editor.problems import Problem, Severity
from khabar_editor.ui.media_list import MediaList
from khabar_editor.ui.proofing.field_spell import FieldSpeller, cp_span_to_utf16, field_text

NO_DATE = QDate(1900, 1, 1)
STATUS_LABELS = {Status.DRAFT: N_("Draft"), Status.SUBMITTED: N_("Submitted"),
                 Status.IN_EDIT: N_("In edit"), Status.APPROVED: N_("Approved"),
                 Status.RETURNED: N_("Returned")}
LANGUAGE_LABELS = {Language.HINDI: "हिन्दी (hi)", Language.NEPALI: "नेपाली (ne)",
                   Language.MARATHI: "मराठी (mr)", Language.ENGLISH: "English (en)"}


def split_tags(text: str) -> list[str]:
    """Tags from a comma-separated field (Latin or Devanagari-style commas)."""
    parts = text.replace("،", ",").replace("、", ",").replace(";", ",").split(",")
    return [p.strip() for p in parts if p.strip()]


# Proofread fields: key -> label (tags: spelling only). Captions and alt text: MediaList.
PROOFED_FIELDS = {"headline": N_("Headline"), "deck": N_("Deck"), "summary": N_("Summary"),
                  "seo_title": N_("SEO title"), "tags": N_("Tags")}
_MEDIA_KEY = re.compile(r"media\[(\d+)\]\.(caption|alt)$")

# Counted fields: name -> the Settings attribute holding its newsroom limit.
LIMITS = {"headline": "headline_limit", "summary": "summary_limit",
          "seo_title": "seo_title_limit"}
NEAR_LIMIT = 0.9  # the counter turns amber from this share of the limit
COUNTER_COLOURS = {"ok": "", "near": "color: #b26a00;", "over": "color: #c62828; font-weight: bold;"}
_KEYBOARD_REASONS = (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason,
                     Qt.FocusReason.ShortcutFocusReason)


_SIGNS = {"error": QStyle.StandardPixmap.SP_MessageBoxCritical,
          "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
          "info": QStyle.StandardPixmap.SP_MessageBoxInformation}


def _sign_size(label: QLabel) -> int:
    """The side of a problem sign: the height of a line of the label's font."""
    return max(12, label.fontMetrics().height() - 2)


def counter_state(count: int, limit: int) -> str:
    """``"ok"``, ``"near"`` (from 90 % of the limit) or ``"over"``; no limit is always ok."""
    if limit <= 0 or count < NEAR_LIMIT * limit:
        return "ok"
    return "over" if count > limit else "near"


class _WheelGuard(QObject):
    """Sends the wheel over a spin box, date or closed combo to the panel's scrolling.

    Scrolling the panel must never change the priority, category or dates that
    pass under the mouse, whether or not one of them still has the keyboard focus
    from an earlier click (that was how a category changed by itself). Values are
    changed by clicking, the arrow keys or typing.
    """

    def __init__(self, area: QScrollArea) -> None:
        super().__init__(area)
        self._area = area

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Wheel and isinstance(obj, QWidget):
            QCoreApplication.sendEvent(self._area.verticalScrollBar(), event)
            return True
        return False


class SafeComboBox(QComboBox):
    """A combo box that only changes when the user means it.

    The wheel never changes it (see :class:`_WheelGuard`); typed letters select
    an item ("keyboard search") only when the box was reached with the keyboard
    (Tab, Shift+Tab, a shortcut) or its list is open, so text meant for the next
    field cannot land here; after an item is chosen from the open list, focus
    moves on to the next field.
    """

    chosen = Signal()  # an item was picked from the open list

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._keyboard_focus = False
        self._from_popup = False
        self.activated.connect(self._activated)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self._keyboard_focus = event.reason() in _KEYBOARD_REASONS
        super().focusInEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        text = event.text()
        if text and text.isprintable() and not text.isspace() and not self._keyboard_focus:
            event.ignore()  # a stray keystroke: no keyboard search
            return
        super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt override
        event.ignore()  # never changes the value (the panel scrolls instead)

    def showPopup(self) -> None:  # noqa: N802 - Qt override
        self._from_popup = True
        super().showPopup()

    def hidePopup(self) -> None:  # noqa: N802 - Qt override
        super().hidePopup()
        QTimer.singleShot(0, self._popup_closed)

    def _popup_closed(self) -> None:
        self._from_popup = False

    def _activated(self, _index: int) -> None:
        if self._from_popup:
            self._from_popup = False
            self._keyboard_focus = False
            self.chosen.emit()


class DateField(QDateEdit):
    """A date that may be unset ("(no date)"), which types and pops up sensibly.

    Typing a digit into an unset date starts from today's date with the year
    selected, so ``2026-11-29`` typed in gives that date (not the placeholder text
    with digits appended), with or without the dashes; the calendar of an unset
    date opens at today.
    """

    def __init__(self, no_date: QDate, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setMinimumDate(no_date)
        self.setSpecialValueText(_("(no date)"))
        self.setDisplayFormat("yyyy-MM-dd")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._advanced = False
        self.calendarWidget().installEventFilter(self)

    def is_unset(self) -> bool:
        return self.date() == self.minimumDate()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        text = event.text()[:1]
        if text in ("-", "/", ".") and self._advanced:
            # Qt already moved on when the year or month was complete; the typed
            # separator must not skip the next part as well.
            self._advanced = False
            return
        if self.is_unset() and text.isdigit():
            self.setDate(QDate.currentDate())
            self.setCurrentSection(QDateTimeEdit.Section.YearSection)
            self.setSelectedSection(QDateTimeEdit.Section.YearSection)
        before = self.currentSection()
        super().keyPressEvent(event)
        self._advanced = text.isdigit() and self.currentSection() != before

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Show and obj is self.calendarWidget() and self.is_unset():
            today = QDate.currentDate()
            self.calendarWidget().setCurrentPage(today.year(), today.month())
        return False


class WrappingLineEdit(QPlainTextEdit):
    """A one-paragraph text field that wraps, so a whole 70-character headline shows.

    Offers the parts of QLineEdit's API the panel uses (``text``, ``setText``,
    ``textEdited``); Enter moves to the next field and pasted line breaks become spaces.
    """

    textEdited = Signal(str)  # noqa: N815 - mirrors QLineEdit

    def __init__(self, lines: int = 2, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        margins = self.contentsMargins()
        height = (self.fontMetrics().lineSpacing() * lines + 2 * self.document().documentMargin()
                  + margins.top() + margins.bottom() + 2)
        self.setFixedHeight(round(height))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._programmatic = False
        self.textChanged.connect(self._changed)

    def text(self) -> str:
        return self.toPlainText()

    def setText(self, text: str) -> None:  # noqa: N802 - mirrors QLineEdit
        self._programmatic = True
        try:
            self.setPlainText(text.replace("\n", " "))
        finally:
            self._programmatic = False

    def setCursorPosition(self, position: int) -> None:  # noqa: N802 - mirrors QLineEdit
        cursor = self.textCursor()
        cursor.setPosition(min(position, len(self.toPlainText())))
        self.setTextCursor(cursor)

    def _changed(self) -> None:
        if not self._programmatic:
            self.textEdited.emit(self.toPlainText())

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.focusNextChild()
            return
        super().keyPressEvent(event)

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 - Qt override
        text = " ".join(source.text().split("\n")).replace("\r", "").replace("\u2029", " ")
        self.textCursor().insertText(text)


class MetadataPanel(QScrollArea):
    """Edits the article's metadata in place; emits :attr:`changed` after each edit."""

    changed = Signal()
    words_changed = Signal()  # a field's spelling menu added or ignored a word
    language_changed = Signal(str)  # the article's language (edited, or another article)

    def __init__(self, taxonomy: Taxonomy, digits: Callable[[], str],
                 parent: QWidget | None = None,
                 limits: Callable[[], dict[str, int]] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("metadataPanel")
        self.setWidgetResizable(True)
        self._taxonomy = taxonomy
        self._digits = digits
        self._article = Article()
        self._loading = False
        self._slug_auto: bool | None = True
        self._loaded_headline = ""
        self._limits = limits or (lambda: {})
        self._problem_labels: dict[str, QLabel] = {}
        self.counters: dict[str, QLabel] = {}
        self.w: dict[str, QWidget] = {}
        inner = QWidget()
        layout = QVBoxLayout(inner)
        # One line, always there: problems coming and going never move the fields.
        self.general_problems = QLabel()
        self.general_problems.setObjectName("generalProblems")
        self.general_problems.setStyleSheet("color: #c62828;")
        self.general_problems.setTextFormat(Qt.TextFormat.PlainText)
        self.general_problems.setSizePolicy(QSizePolicy.Policy.Ignored,
                                            QSizePolicy.Policy.Fixed)
        self.general_problems.setFixedHeight(self.general_problems.fontMetrics().lineSpacing() + 2)
        layout.addWidget(self.general_problems)
        layout.addWidget(self._story_box())
        layout.addWidget(self._dateline_box())
        layout.addWidget(self._place_box())
        layout.addWidget(self._desk_box())
        self.media = MediaList()
        self.media.changed.connect(self._emit)
        layout.addWidget(self.media)
        layout.addStretch(1)
        self.setWidget(inner)
        self.setMinimumWidth(260)
        guard = _WheelGuard(self)
        for widget in inner.findChildren(QAbstractSpinBox) + inner.findChildren(QComboBox):
            widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            widget.installEventFilter(guard)
        for widget in inner.findChildren(SafeComboBox):
            widget.chosen.connect(lambda c=widget: self._focus_after(c))
        self.spellers = {key: FieldSpeller(self.w[key], spelling_only=key == "tags",  # type: ignore[arg-type]
                                           changed=self.words_changed.emit)
                         for key in PROOFED_FIELDS}
        for speller in self.media.spellers.values():
            speller.on_words_changed = self.words_changed.emit
        self.update_counters()

    # -- building ---------------------------------------------------------------------
    def _row(self, form: QFormLayout, key: str, label: str, widget: QWidget) -> None:
        self.w[key] = widget
        widget.setObjectName(f"field_{key.replace('.', '_')}")
        box = QWidget()
        v = QVBoxLayout(box)
        v.setContentsMargins(0, 0, 0, 0)
        v.setSpacing(1)
        line = QHBoxLayout()
        line.setContentsMargins(0, 0, 0, 0)
        line.setSpacing(2)
        line.addWidget(widget, 1)
        # The problem sign keeps its place when hidden: the form never jumps.
        problem = QLabel()
        problem.setObjectName(f"problem_{key.replace('.', '_')}")
        problem.setFixedWidth(_sign_size(problem) + 6)
        policy = problem.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        problem.setSizePolicy(policy)
        problem.hide()
        line.addWidget(problem, 0, Qt.AlignmentFlag.AlignTop)
        v.addLayout(line)
        self._problem_labels[key] = problem
        if key in LIMITS:
            counter = QLabel()
            counter.setObjectName(f"counter_{key}")
            counter.setAlignment(Qt.AlignmentFlag.AlignRight)
            counter.setContentsMargins(0, 0, problem.width() + 2, 0)
            v.addWidget(counter)
            self.counters[key] = counter
        form.addRow(label, box)

    def _line(self, form: QFormLayout, key: str, label: str) -> QLineEdit:
        edit = QLineEdit()
        edit.textEdited.connect(lambda _t, k=key: self._on_edit(k))
        self._row(form, key, label, edit)
        return edit

    def _group(self, title: str) -> tuple[QGroupBox, QFormLayout]:
        box = QGroupBox(title)
        form = QFormLayout(box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        return box, form

    def _story_box(self) -> QGroupBox:
        box, form = self._group(_("Story"))
        headline = WrappingLineEdit(2)
        headline.textEdited.connect(lambda _t: self._on_edit("headline"))
        self._row(form, "headline", _("Headline"), headline)
        self._line(form, "deck", _("Deck"))
        summary = QPlainTextEdit()
        summary.setTabChangesFocus(True)
        summary.setFixedHeight(64)
        summary.textChanged.connect(lambda: self._on_edit("summary"))
        self._row(form, "summary", _("Summary"), summary)
        self._line(form, "seo_title", _("SEO title"))
        self.w["seo_title"].setPlaceholderText(_("the headline"))  # type: ignore[attr-defined]
        self._line(form, "byline.name", _("Byline"))
        self._line(form, "byline.role", _("Role"))
        return box

    def _dateline_box(self) -> QGroupBox:
        box, form = self._group(_("Dateline"))
        self._line(form, "dateline.place", _("Place"))
        when = DateField(NO_DATE)
        when.dateChanged.connect(lambda _d: self._on_edit("dateline.date"))
        self._row(form, "dateline.date", _("Date"), when)
        self._combo(form, "dateline.calendar", _("Calendar"),
                    [(_("Gregorian"), "gregorian"), (_("Bikram Sambat (BS)"), "bs")])
        self.dateline_label = QLabel()
        self.dateline_label.setObjectName("datelinePreview")
        bold = self.dateline_label.font()
        bold.setBold(True)
        self.dateline_label.setFont(bold)
        form.addRow(_("Prints as"), self.dateline_label)
        return box

    def _place_box(self) -> QGroupBox:
        box, form = self._group(_("Place"))
        for key, label in (("place.city", _("City")), ("place.district", _("District")),
                           ("place.state", _("State")), ("place.country", _("Country"))):
            self._line(form, key, label)
        return box

    def _combo(self, form: QFormLayout, key: str, label: str,
               items: list[tuple[str, object]]) -> QComboBox:
        combo = SafeComboBox()
        for text, data in items:
            combo.addItem(text, data)
        combo.currentIndexChanged.connect(lambda _i, k=key: self._on_edit(k))
        self._row(form, key, label, combo)
        return combo

    def _desk_box(self) -> QGroupBox:
        box, form = self._group(_("Desk"))
        cats = [(_("(choose)"), "")] + [(c.label("hi"), c.id) for c in self._taxonomy.categories]
        self._combo(form, "category", _("Category"), cats)
        self._line(form, "tags", _("Tags"))
        self.w["tags"].setPlaceholderText(_("comma separated"))
        self._combo(form, "language", _("Language"),
                    [(text, lang.value) for lang, text in LANGUAGE_LABELS.items()])
        self._line(form, "slug", _("Slug"))
        self._combo(form, "status", _("Status"),
                    [(_(text), st.value) for st, text in STATUS_LABELS.items()])
        priority = QSpinBox()
        priority.setRange(PRIORITY_MIN, PRIORITY_MAX)
        priority.valueChanged.connect(lambda _v: self._on_edit("priority"))
        self._row(form, "priority", _("Priority"), priority)
        self.embargo_on = QCheckBox(_("Embargo until"))
        self.embargo_on.setObjectName("embargoOn")
        self.embargo_on.toggled.connect(lambda _c: self._on_edit("embargo"))
        embargo = QDateTimeEdit()
        embargo.setCalendarPopup(True)
        embargo.setDisplayFormat("yyyy-MM-dd HH:mm")
        embargo.dateTimeChanged.connect(lambda _d: self._on_edit("embargo"))
        form.addRow(self.embargo_on)
        self._row(form, "embargo", _("Embargo"), embargo)
        return box

    # -- article <-> widgets ----------------------------------------------------------
    @property
    def article(self) -> Article:
        return self._article

    def load(self, article: Article, media: dict[str, bytes] | None = None) -> None:
        """Show ``article`` (the panel edits this very object from now on)."""
        self._loading = True
        try:
            old_language = self._article.language
            self._article = article
            a, w = article, self.w
            for key in ("headline", "deck", "seo_title", "byline.name", "byline.role", "dateline.place",
                        "place.city", "place.district", "place.state", "place.country", "slug"):
                w[key].setText(self._get(key))  # type: ignore[attr-defined]
                w[key].setCursorPosition(0)  # type: ignore[attr-defined]
            w["summary"].setPlainText(a.summary)  # type: ignore[attr-defined]
            d = a.dateline.date
            w["dateline.date"].setDate(QDate(d.year, d.month, d.day) if d else NO_DATE)  # type: ignore[attr-defined]
            self._select(w["dateline.calendar"], a.dateline.calendar)  # type: ignore[arg-type]
            self._select(w["category"], a.category)  # type: ignore[arg-type]
            w["tags"].setText(", ".join(a.tags))  # type: ignore[attr-defined]
            self._select(w["language"], a.language.value)  # type: ignore[arg-type]
            self._select(w["status"], a.status.value)  # type: ignore[arg-type]
            w["priority"].setValue(a.priority)  # type: ignore[attr-defined]
            self.embargo_on.setChecked(a.embargo is not None)
            when = a.embargo or datetime.now(timezone.utc).replace(second=0, microsecond=0)
            w["embargo"].setDateTime(QDateTime.fromSecsSinceEpoch(int(when.timestamp())))  # type: ignore[attr-defined]
            w["embargo"].setEnabled(a.embargo is not None)
            # Whether the slug still follows the headline is decided on the first
            # headline edit (the transliterator is slow to import at start-up).
            self._slug_auto = True if not a.slug else None
            self._loaded_headline = a.headline
            self.media.load(a.media, media or {})
            self._update_dateline_label()
        finally:
            self._loading = False
        self.update_counters()
        if article.language != old_language:
            self.language_changed.emit(article.language.value)

    def _get(self, key: str) -> str:
        obj: object = self._article
        for part in key.split("."):
            obj = getattr(obj, part)
        return str(obj)

    def show_status(self, status: Status | str) -> None:
        """Show a status the session changed (Approve, Return, Send) in the Status
        box, without reporting it back as an edit."""
        value = str(getattr(status, "value", status))
        loading, self._loading = self._loading, True
        try:
            self._select(self.w["status"], value)  # type: ignore[arg-type]
        finally:
            self._loading = loading

    @staticmethod
    def _select(combo: QComboBox, data: str) -> None:
        index = combo.findData(data)
        if index < 0 and data:
            combo.addItem(data, data)  # an id from another newsroom's taxonomy
            index = combo.count() - 1
        combo.setCurrentIndex(max(index, 0))

    def _on_edit(self, key: str) -> None:
        if self._loading:
            return
        self._apply(key)
        self._update_dateline_label()
        if key in LIMITS:
            self.update_counters()
        self._emit()

    def _emit(self) -> None:
        if not self._loading:
            self.changed.emit()

    def _apply(self, key: str) -> None:
        a, w = self._article, self.w
        if key in ("headline", "deck", "seo_title", "byline.name", "byline.role", "dateline.place",
                   "place.city", "place.district", "place.state", "place.country"):
            head, _sep, tail = key.rpartition(".")
            setattr(getattr(a, head) if head else a, tail, w[key].text())  # type: ignore[attr-defined]
            if key == "headline" and self._follows_headline():
                from khabar_editor.article.slug import make_slug

                a.slug = make_slug(a.headline)
                w["slug"].setText(a.slug)  # type: ignore[attr-defined]
        elif key == "slug":
            a.slug = w["slug"].text().strip()  # type: ignore[attr-defined]
            self._slug_auto = not a.slug
        elif key == "summary":
            a.summary = w["summary"].toPlainText()  # type: ignore[attr-defined]
        elif key == "dateline.date":
            q = w["dateline.date"].date()  # type: ignore[attr-defined]
            a.dateline.date = None if q == NO_DATE else date(q.year(), q.month(), q.day())
        elif key == "tags":
            a.tags = split_tags(w["tags"].text())  # type: ignore[attr-defined]
        elif key == "dateline.calendar":
            a.dateline.calendar = w[key].currentData()  # type: ignore[attr-defined]
        elif key in ("category", "language", "status"):
            value = w[key].currentData()  # type: ignore[attr-defined]
            if key == "category":
                a.category = value
            elif key == "language":
                changed = a.language != Language(value)
                a.language = Language(value)
                if changed:
                    self.language_changed.emit(a.language.value)
            elif key == "status":
                a.status = Status(value)
        elif key == "priority":
            a.priority = w["priority"].value()  # type: ignore[attr-defined]
        elif key == "embargo":
            self._apply_embargo()

    def _apply_embargo(self) -> None:
        edit = self.w["embargo"]
        edit.setEnabled(self.embargo_on.isChecked())
        if self.embargo_on.isChecked():
            secs = edit.dateTime().toSecsSinceEpoch()  # type: ignore[attr-defined]
            self._article.embargo = datetime.fromtimestamp(secs, timezone.utc)
        else:
            self._article.embargo = None

    def _update_dateline_label(self) -> None:
        text = format_dateline(self._article.dateline, self._article.language.value,
                               self._digits())
        self.dateline_label.setText(text or "—")

    def _follows_headline(self) -> bool:
        if self._slug_auto is None:
            from khabar_editor.article.slug import make_slug

            self._slug_auto = self._article.slug == make_slug(self._loaded_headline)
        return self._slug_auto

    def _focus_after(self, widget: QWidget) -> None:
        """Move the keyboard focus to the first usable field after ``widget``."""
        fields = list(self.w.values())
        for candidate in fields[fields.index(widget) + 1:]:
            if candidate.isEnabled() and candidate.isVisibleTo(self) and \
                    candidate.focusPolicy() & Qt.FocusPolicy.TabFocus:
                candidate.setFocus(Qt.FocusReason.OtherFocusReason)
                self.ensureWidgetVisible(candidate)
                return
        widget.clearFocus()

    def update_counters(self) -> None:
        """Refresh the "43/70" length counters (amber near the limit, red over it)."""
        limits = self._limits()
        for key, label in self.counters.items():
            count = len(self._field_text(key))
            limit = int(limits.get(LIMITS[key], 0) or 0)
            label.setText(f"{count}/{limit}" if limit > 0 else str(count))
            state = counter_state(count, limit)
            label.setProperty("state", state)
            label.setStyleSheet(COUNTER_COLOURS[state])
            label.setToolTip(_("{count} of at most {limit} characters").format(
                count=count, limit=limit) if limit > 0 else "")

    def _field_text(self, key: str) -> str:
        widget = self.w[key]
        if isinstance(widget, QPlainTextEdit) and not isinstance(widget, WrappingLineEdit):
            return widget.toPlainText()
        return widget.text()  # type: ignore[attr-defined]

    def set_slug_auto(self, on: bool) -> None:
        """Whether the slug follows the headline (until the user edits the slug)."""
        self._slug_auto = on

    # -- proofing ---------------------------------------------------------------------
    def set_proofreader(self, proofreader: object) -> None:
        """Underline the text fields with ``proofreader`` (``None``: spell checking off)."""
        for speller in self.spellers.values():
            speller.set_proofreader(proofreader)
        self.media.set_proofreader(proofreader)

    def refresh_spelling(self) -> None:
        """Re-underline every field (after words were added or ignored)."""
        for speller in [*self.spellers.values(), *self.media.spellers.values()]:
            speller.refresh()

    def proofing_fields(self) -> list[tuple[str, str, str, bool]]:
        """``(key, label, text, spelling_only)`` of every proofread field, photos included."""
        fields = [(key, _(label), field_text(self.w[key]), key == "tags")
                  for key, label in PROOFED_FIELDS.items()]
        for i, m in enumerate(self._article.media):
            fields.append((f"media[{i}].caption",
                           _("Photo {number}: caption").format(number=i + 1), m.caption, False))
            fields.append((f"media[{i}].alt",
                           _("Photo {number}: alt text").format(number=i + 1), m.alt, False))
        return fields

    def _speller_for(self, key: str) -> FieldSpeller | None:
        if key in self.spellers:
            return self.spellers[key]
        m = _MEDIA_KEY.match(key)
        if m is None or int(m.group(1)) >= len(self._article.media):
            return None
        self.media.select_row(int(m.group(1)))
        return self.media.spellers[m.group(2)]

    def focus_field(self, key: str, start: int, end: int) -> None:
        """Show field ``key`` (a photo's, too) with code points ``[start, end)`` selected."""
        speller = self._speller_for(key)
        if speller is None:
            return
        self.ensureWidgetVisible(speller.widget)
        speller.select_range(*cp_span_to_utf16(field_text(speller.widget), start, end))

    def replace_in_field(self, key: str, start: int, end: int, replacement: str,
                         expected: str | None = None) -> bool:
        """Replace code points ``[start, end)`` of field ``key`` as a user edit; nothing
        happens (``False``) when the field no longer holds ``expected`` there."""
        speller = self._speller_for(key)
        if speller is None:
            return False
        text = field_text(speller.widget)
        if expected is not None and text[start:end] != expected:
            return False
        speller.replace_range(*cp_span_to_utf16(text, start, end), replacement)
        return True

    # -- problems ---------------------------------------------------------------------
    def show_problems(self, problems: list[Problem]) -> None:
        """Put each problem next to its field; the rest go to the top of the panel."""
        by_field: dict[str, list[Problem]] = {}
        general: list[str] = []
        for p in problems:
            key = p.field
            if key.startswith("media["):
                continue
            if key in self._problem_labels:
                by_field.setdefault(key, []).append(p)
            elif p.severity is not Severity.INFO:
                general.append(p.message)
        self.media.show_problems([p for p in problems if p.field.startswith("media[")])
        for key, label in self._problem_labels.items():
            found = by_field.get(key, [])
            widget = self.w[key]
            if not found:
                label.hide()
                widget.setToolTip("")
                continue
            worst = min(found, key=lambda p: list(Severity).index(p.severity))
            text = "\n".join(p.message for p in found)
            # A sign beside the field (its place is kept), the message as its tooltip.
            # Drawn by the style, not a character: ⚠ and ⓘ are missing from the
            # bundled fonts and showed as an empty box.
            sign = worst.severity.value if worst.severity.value in _SIGNS else "info"
            label.setPixmap(self.style().standardIcon(_SIGNS[sign]).pixmap(_sign_size(label)))
            label.setProperty("sign", sign)
            label.setAccessibleName(text)
            label.setToolTip(text)
            label.show()
            widget.setToolTip(text)
        full = "\n".join(general)
        metrics = self.general_problems.fontMetrics()
        first = general[0] if general else ""
        if len(general) > 1:
            first = _("{first} (and {more} more)").format(first=first, more=len(general) - 1)
        width = max(80, self.viewport().width() - 24)
        self.general_problems.setText(metrics.elidedText(first, Qt.TextElideMode.ElideRight,
                                                         width))
        self.general_problems.setToolTip(full)

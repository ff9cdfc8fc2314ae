"""A side panel listing proofing findings, with one-click fixes and rule switches."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QFrame, QGroupBox, QHBoxLayout, QLabel,
                               QPushButton, QScrollArea, QTreeWidget, QTreeWidgetItem,
                               QVBoxLayout, QWidget)

from khabar_editor.i18n import N_, _
from khabar_editor.proofing import RULES, SPELLING, Finding, Proofreader
from khabar_editor.ui.proofing.field_spell import FieldFinding

COLUMNS = (N_("Kind"), N_("Text"), N_("Message"), N_("Suggestions"), N_("Field"))
_ROLE = Qt.ItemDataRole.UserRole
_FIELD_ROLE = Qt.ItemDataRole.UserRole + 1  # index into the field findings
RULES_MIN_HEIGHT = 96
"""The rule switches' scrolling area shows at least about three of them."""


def _rule_label(kind: str) -> str:
    rule = RULES.get(kind)
    return _(rule.description) if rule is not None else kind


def findings_label(count: int) -> str:
    """"1 finding" / "{count} findings" in the interface language."""
    return _(N_("1 finding")) if count == 1 else _(N_("{count} findings")).format(count=count)


def fixable(findings: Iterable[Finding]) -> list[Finding]:
    """Findings with a rule fix that do not overlap, last first (so earlier offsets stay
    valid while each replacement is applied). Spelling guesses are never applied in bulk."""
    chosen: list[Finding] = []
    for f in sorted(findings, key=lambda f: (f.start, f.end)):
        if f.fix is None or f.kind == SPELLING or f.fix == f.text:
            continue
        if chosen and f.start < chosen[-1].end:
            continue
        chosen.append(f)
    return chosen[::-1]


class ProofingPanel(QWidget):
    """Findings in a list; activating one selects it, "Fix" applies its fix or first suggestion.

    "Fix all" applies every rule fix (never a spelling guess); "Ignore" hides the selected
    finding for this session (a spelling finding: the word everywhere, via
    :meth:`Proofreader.ignore_all`).

    Signals:
        finding_activated(start, end): the user picked a finding (code points).
        fix_requested(start, end, replacement): replace ``[start, end)`` by ``replacement``.
        rule_toggled(rule_id, enabled): a rule switch changed (after the proofreader
            given to :meth:`set_proofreader`, if any, was switched accordingly).
    """

    finding_activated = Signal(int, int)
    fix_requested = Signal(int, int, str)
    ignored = Signal(str, str)
    """(kind, text) of a finding the user chose to ignore for this session."""
    rule_toggled = Signal(str, bool)
    field_activated = Signal(str, int, int)
    """(field key, start, end) of a finding in a metadata field the user picked."""
    field_fix_requested = Signal(str, int, int, str, str)
    """(field key, start, end, replacement, text expected there) for a field finding."""

    def __init__(self, parent: QWidget | None = None, enabled_rules: Iterable[str] | None = None
                 ) -> None:
        super().__init__(parent)
        self._findings: list[Finding] = []
        self._field_findings: list[FieldFinding] = []
        self._proofreader: Proofreader | None = None
        self._text = ""
        self._ignored: set[tuple[str, str]] = set()
        self.summary = QLabel()
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setVisible(False)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([_(c) for c in COLUMNS])
        self.tree.setRootIsDecorated(False)
        self.tree.header().moveSection(4, 1)  # shown: Kind, Field, Text, Message, Suggestions
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemClicked.connect(self._activated)
        self.fix_button = QPushButton(_(N_("Fix")))
        self.fix_button.clicked.connect(self.fix_current)
        self.fix_all_button = QPushButton(_(N_("Fix all")))
        self.fix_all_button.setToolTip(_(N_("Apply every rule fix (spelling is left to you)")))
        self.fix_all_button.clicked.connect(self.fix_all)
        self.ignore_button = QPushButton(_(N_("Ignore")))
        self.ignore_button.clicked.connect(self.ignore_current)
        self.rule_boxes: dict[str, QCheckBox] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.ignore_button)
        row.addWidget(self.fix_all_button)
        row.addWidget(self.fix_button)
        layout.addLayout(row)
        # The rule list scrolls: a dozen check boxes made the panel 620 px tall at the
        # least, so a 1366x768 screen could not show it beside a bottom panel.
        rules = QScrollArea()
        rules.setWidgetResizable(True)
        rules.setFrameShape(QFrame.Shape.NoFrame)
        rules.setWidget(self._rules_box(enabled_rules))
        rules.setMinimumHeight(RULES_MIN_HEIGHT)
        self.rules_area = rules
        layout.addWidget(rules)
        self.set_findings([])

    def _rules_box(self, enabled_rules: Iterable[str] | None) -> QGroupBox:
        box = QGroupBox(_(N_("Rules")))
        column = QVBoxLayout(box)
        enabled = set(enabled_rules) if enabled_rules is not None else {
            r.id for r in RULES.values() if r.default_on}
        for rule in sorted(RULES.values(), key=lambda r: r.id):
            check = QCheckBox(_(rule.description))
            check.setToolTip(rule.id)
            check.setChecked(rule.id in enabled)
            check.toggled.connect(lambda on, rid=rule.id: self._rule_switched(rid, on))
            self.rule_boxes[rule.id] = check
            column.addWidget(check)
        return box

    def set_findings(self, findings: Iterable[Finding]) -> None:
        """Show ``findings`` (replacing the list)."""
        self._findings = [f for f in findings if (f.kind, f.text) not in self._ignored]
        self._refill()

    def set_field_findings(self, findings: Iterable[FieldFinding]) -> None:
        """Show the findings of the metadata fields (headline, captions …) after the body's."""
        self._field_findings = [ff for ff in findings
                                if (ff.finding.kind, ff.finding.text) not in self._ignored]
        self._refill()

    def _refill(self) -> None:
        self.tree.clear()
        rows = [(f, _(N_("Body")), _ROLE, i) for i, f in enumerate(self._findings)]
        rows += [(ff.finding, ff.label, _FIELD_ROLE, i)
                 for i, ff in enumerate(self._field_findings)]
        for f, where, role, index in rows:
            kind = _(N_("Spelling")) if f.kind == SPELLING else _rule_label(f.kind)
            item = QTreeWidgetItem([kind, f.text, f.message, ", ".join(f.suggestions[:5]),
                                    where])
            item.setData(0, role, index)
            self.tree.addTopLevelItem(item)
        count = len(rows)
        self.summary.setText(findings_label(count))
        self.fix_button.setEnabled(bool(count))
        self.ignore_button.setEnabled(bool(count))
        self.fix_all_button.setEnabled(bool(fixable(self._findings)) or any(
            fixable([ff.finding]) for ff in self._field_findings))

    @property
    def findings(self) -> list[Finding]:
        """The body's findings shown."""
        return list(self._findings)

    @property
    def field_findings(self) -> list[FieldFinding]:
        """The metadata fields' findings shown."""
        return list(self._field_findings)

    def set_proofreader(self, proofreader: Proofreader) -> None:
        """Check with ``proofreader``: rule switches act on it; its status becomes a notice."""
        self._proofreader = proofreader
        enabled = proofreader.enabled_rules
        for rule_id, box in self.rule_boxes.items():
            box.blockSignals(True)
            box.setChecked(rule_id in enabled)
            box.blockSignals(False)
        status = proofreader.status
        notice = "" if status.available or not status.msgid else _(status.msgid)
        self.show_notice(notice.format(language=status.language))

    def check_text(self, text: str, field_findings: Iterable[FieldFinding] | None = None) -> None:
        """Check the whole document ``text`` with the proofreader and list the findings.

        ``field_findings``, when given, replace the metadata fields' findings in the
        same refill of the list (one rebuild of the list instead of two).
        """
        self._text = text
        if field_findings is not None:
            self._field_findings = [ff for ff in field_findings
                                    if (ff.finding.kind, ff.finding.text) not in self._ignored]
        if self._proofreader is not None:
            self.set_findings(self._proofreader.check_text(text))
        elif field_findings is not None:
            self._refill()

    def _rule_switched(self, rule_id: str, on: bool) -> None:
        if self._proofreader is not None:
            self._proofreader.set_rule_enabled(rule_id, on)
            self.check_text(self._text)
        self.rule_toggled.emit(rule_id, on)

    def show_notice(self, text: str) -> None:
        """Show a notice above the list (e.g. "checking with the built-in word list only")."""
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def _item_finding(self, item: QTreeWidgetItem | None) -> tuple[Finding, FieldFinding | None] | None:
        if item is None:
            return None
        index = item.data(0, _ROLE)
        if index is not None:
            return self._findings[int(index)], None
        ff = self._field_findings[int(item.data(0, _FIELD_ROLE))]
        return ff.finding, ff

    def _current(self) -> Finding | None:
        found = self._item_finding(self.tree.currentItem())
        return found[0] if found else None

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        found = self._item_finding(item)
        if found is None:
            return
        f, ff = found
        if ff is not None:
            self.field_activated.emit(ff.key, f.start, f.end)
        else:
            self.finding_activated.emit(f.start, f.end)

    def fix_current(self) -> None:
        """Ask for the selected finding's fix (or its best suggestion)."""
        found = self._item_finding(self.tree.currentItem())
        if found is None:
            return
        f, ff = found
        replacement = f.fix if f.fix is not None else (f.suggestions[0] if f.suggestions else None)
        if replacement is None:
            return
        if ff is not None:
            self.field_fix_requested.emit(ff.key, f.start, f.end, replacement, f.text)
        else:
            self.fix_requested.emit(f.start, f.end, replacement)

    def fix_all(self) -> None:
        """Ask for every rule fix, last first (one ``fix_requested`` each; for the fields
        one ``field_fix_requested`` each, last first within a field)."""
        for f in fixable(self._findings):
            self.fix_requested.emit(f.start, f.end, f.fix or "")
        by_field: dict[str, list[Finding]] = {}
        for ff in self._field_findings:
            by_field.setdefault(ff.key, []).append(ff.finding)
        for key, found in by_field.items():
            for f in fixable(found):
                self.field_fix_requested.emit(key, f.start, f.end, f.fix or "", f.text)

    def ignore_current(self) -> None:
        """Hide the selected finding (and, for spelling, accept the word this session)."""
        f = self._current()
        if f is None:
            return
        self._ignored.add((f.kind, f.text))
        if f.kind == SPELLING and self._proofreader is not None:
            self._proofreader.ignore_all(f.text)
        self._findings = [g for g in self._findings if (g.kind, g.text) not in self._ignored]
        self.set_field_findings(self._field_findings)
        self.ignored.emit(f.kind, f.text)

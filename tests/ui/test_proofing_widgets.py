"""Proofing widgets: cluster-safe underlines, the findings panel and the spelling menu."""

from __future__ import annotations

import os

from pathlib import Path

import pytest
from PySide6.QtGui import QFont, QFontDatabase, QImage, QTextCursor
from PySide6.QtWidgets import QTextEdit

from khabar_editor.proofing import Finding, Proofreader
from khabar_editor.ui.highlighter import UNDERLINE_COLOURS, MarkdownHighlighter
from khabar_editor.ui.proofing import ProofingPanel, build_spell_menu, word_at
from khabar_editor.ui.proofing.underline import cluster_span, finding_formats, utf16_positions

ROOT = Path(__file__).resolve().parents[2]
FONT = ROOT / "src" / "khabar_editor" / "data" / "fonts" / "NotoSansDevanagari-Regular.ttf"
TEXT = "प्रधानमंत्री ने सरकारि योजना की घोषणा की। पुलिस  ने जांच की।"


@pytest.fixture
def proofreader(tmp_path):
    """A Hindi proofreader with a temporary personal dictionary."""
    return Proofreader("hi", personal=tmp_path / "personal.txt")


@pytest.fixture
def devanagari_font(qapp):
    """The bundled Noto Sans Devanagari, registered with Qt."""
    family = QFontDatabase.applicationFontFamilies(QFontDatabase.addApplicationFont(str(FONT)))
    assert family, "bundled Devanagari font not loadable"
    return QFont(family[0], 20)


def test_utf16_positions_count_surrogate_pairs():
    """An emoji before a word moves its Qt position by two, a Devanagari letter by one."""
    assert utf16_positions("क🙏ख") == [0, 1, 3, 4]


def test_spans_never_split_a_grapheme_cluster():
    """A span starting or ending inside क्षि is widened to the whole cluster."""
    text = "अक्षिता"
    assert cluster_span(text, 2, 3) == (1, 5)
    assert cluster_span(text, 0, 2) == (0, 5)


def test_format_ranges_use_utf16_offsets_and_two_colours():
    """Spelling and other rules get different colours (the body's table); UTF-16 offsets."""
    text = "🙏 सरकारि  बात"
    findings = [Finding(2, 8, "सरकारि", "spelling", "x"),
                Finding(8, 10, "  ", "typo.double_space", "y")]
    spelling, other = finding_formats(text, findings)
    assert (spelling.start, spelling.length) == (3, 6)
    assert (other.start, other.length) == (9, 2)
    assert spelling.format.underlineColor() != other.format.underlineColor()
    assert spelling.format.underlineColor().name() == UNDERLINE_COLOURS["spelling"]
    assert other.format.underlineColor().name() == UNDERLINE_COLOURS["typo"]


def test_fields_and_body_underline_a_finding_in_the_same_colour(qtbot):
    """The metadata fields and the body editor take the colour of each kind from one table."""
    text = "सरकारि बात"
    edit = QTextEdit()
    qtbot.addWidget(edit)
    body = MarkdownHighlighter(edit.document())
    for kind in ("spelling", "typo.double_space", "consistency", "grammar.agreement"):
        body.set_findings_provider(lambda t, kind=kind: [(0, 6, kind)])
        edit.setPlainText(text)
        body.finish_pending()
        drawn = [r.format.underlineColor().name()
                 for r in edit.document().firstBlock().layout().formats()
                 if r.format.underlineStyle() != r.format.UnderlineStyle.NoUnderline]
        (field,) = finding_formats(text, [Finding(0, 6, "सरकारि", kind, "x")])
        assert drawn and set(drawn) == {field.format.underlineColor().name()}, kind


def test_highlighter_underlines_findings_in_the_document(qtbot, proofreader):
    """The highlighter puts a wavy underline on the misspelled word only."""
    edit = QTextEdit()
    qtbot.addWidget(edit)
    highlighter = MarkdownHighlighter(edit.document())
    highlighter.set_findings_provider(proofreader.check_paragraph)
    edit.setPlainText(TEXT)
    highlighter.finish_pending()
    layout = edit.document().firstBlock().layout()
    ranges = [(r.start, r.length) for r in layout.formats()]
    start = TEXT.index("सरकारि")
    assert (start, len("सरकारि")) in ranges
    assert all(r[0] != 0 for r in ranges)  # प्रधानमंत्री is spelled right


def test_underlined_hindi_renders_and_screenshot(qtbot, proofreader, devanagari_font, tmp_path):
    """An underlined word renders differently from plain text; the screenshot is saved."""
    def grab(with_highlighter: bool) -> QImage:
        edit = QTextEdit()
        qtbot.addWidget(edit)
        edit.setFont(devanagari_font)
        edit.resize(760, 170)
        if with_highlighter:
            edit.highlighter = MarkdownHighlighter(edit.document())
            edit.highlighter.set_findings_provider(proofreader.check_paragraph)
        edit.setPlainText(TEXT)
        if with_highlighter:
            edit.highlighter.finish_pending()
        edit.show()
        qtbot.waitExposed(edit)
        return edit.grab().toImage()

    plain, underlined = grab(False), grab(True)
    assert plain.size() == underlined.size()
    differing = sum(1 for x in range(0, plain.width(), 2) for y in range(0, plain.height(), 2)
                    if plain.pixel(x, y) != underlined.pixel(x, y))
    assert differing > 20
    # KHABAR_SCREENSHOTS=1 refreshes the README screenshot; normal runs write nothing in the repo.
    out = (ROOT / "docs" / "screenshots" if os.environ.get("KHABAR_SCREENSHOTS")
           else tmp_path) / "proofing.png"
    out.parent.mkdir(parents=True, exist_ok=True)
    assert underlined.save(str(out))


def test_panel_lists_findings_and_emits_signals(qtbot, proofreader):
    """Activating a row emits its span; Fix emits the fix or the best suggestion."""
    panel = ProofingPanel()
    qtbot.addWidget(panel)
    findings = proofreader.check_paragraph(TEXT)
    panel.set_findings(findings)
    assert panel.tree.topLevelItemCount() == len(findings) >= 2
    spelling_row = next(i for i, f in enumerate(findings) if f.kind == "spelling")
    item = panel.tree.topLevelItem(spelling_row)
    assert item.text(1) == "सरकारि" and "सरकारी" in item.text(3)
    with qtbot.waitSignal(panel.finding_activated) as activated:
        panel.tree.itemClicked.emit(item, 0)
    assert activated.args == [findings[spelling_row].start, findings[spelling_row].end]
    panel.tree.setCurrentItem(item)
    with qtbot.waitSignal(panel.fix_requested) as fixed:
        panel.fix_button.click()
    assert fixed.args[2] == "सरकारी"


def test_panel_rule_switches(qtbot):
    """Unticking a rule emits rule_toggled with its id."""
    panel = ProofingPanel()
    qtbot.addWidget(panel)
    box = panel.rule_boxes["typo.double_space"]
    assert box.isChecked()
    with qtbot.waitSignal(panel.rule_toggled) as toggled:
        box.setChecked(False)
    assert toggled.args == ["typo.double_space", False]


def test_panel_fits_a_small_screen_beside_a_bottom_panel(qtbot):
    """The rule switches scroll: the panel's least height stays far below the rules' own."""
    panel = ProofingPanel()
    qtbot.addWidget(panel)
    rules_height = panel.rules_area.widget().sizeHint().height()
    assert len(panel.rule_boxes) >= 8 and rules_height > 300
    assert panel.minimumSizeHint().height() < rules_height
    assert panel.minimumSizeHint().height() < 330
    panel.resize(400, panel.minimumSizeHint().height())
    panel.show()
    qtbot.waitExposed(panel)
    assert panel.rules_area.verticalScrollBar().maximum() > 0


def test_spell_menu_replaces_adds_and_ignores(qtbot, proofreader):
    """The menu offers suggestions first, then add to dictionary and ignore all."""
    replaced: list[str] = []
    changed: list[bool] = []
    menu = build_spell_menu(proofreader, "सरकारि", replaced.append, lambda: changed.append(True))
    actions = [a for a in menu.actions() if not a.isSeparator()]
    assert actions[0].text() == "सरकारी"
    actions[0].trigger()
    assert replaced == ["सरकारी"]
    labels = [a.text() for a in actions]
    assert {"Add to dictionary", "Ignore all"} <= set(labels)
    next(a for a in actions if a.text() == "Ignore all").trigger()
    assert changed and proofreader.is_correct("सरकारि")
    menu2 = build_spell_menu(proofreader, "खबरीलाल", replaced.append)
    next(a for a in menu2.actions() if a.text() == "Add to dictionary").trigger()
    assert "खबरीलाल" in proofreader.personal_words


def test_word_at_finds_the_devanagari_word():
    """word_at returns the whole word around a cursor position."""
    token = word_at("कल सरकारि बैठक", 5)
    assert token is not None and token.text == "सरकारि"
    assert word_at("कल 25 ।", 4) is None


def test_replacing_via_cursor_keeps_text_nfc(qtbot, proofreader):
    """Applying a fix through a QTextCursor at converted positions replaces the right word."""
    edit = QTextEdit()
    qtbot.addWidget(edit)
    text = "🙏 सरकारि बात"
    edit.setPlainText(text)
    pos = utf16_positions(text)
    cursor = QTextCursor(edit.document())
    cursor.setPosition(pos[2])
    cursor.setPosition(pos[8], QTextCursor.MoveMode.KeepAnchor)
    cursor.insertText(proofreader.suggest("सरकारि")[0])
    assert edit.toPlainText() == "🙏 सरकारी बात"


def test_a_keystroke_rechecks_only_its_paragraph(qtbot, proofreader):
    """Typing in one paragraph makes the highlighter check that block only."""
    checked: list[str] = []

    def check(text):
        checked.append(text)
        return proofreader.check_paragraph(text)

    edit = QTextEdit()
    qtbot.addWidget(edit)
    MarkdownHighlighter(edit.document()).set_findings_provider(check)
    edit.setPlainText("पहला अनुच्छेद।\nदूसरा अनुच्छेद।\nतीसरा अनुच्छेद।")
    checked.clear()
    cursor = QTextCursor(edit.document().findBlockByNumber(1))
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    cursor.insertText(" नया")
    assert checked == ["दूसरा अनुच्छेद। नया"]


def test_panel_labels_rules_and_shows_notices_in_hindi(qtbot, proofreader):
    """Rule findings carry the rule's translated name; a notice can be shown."""
    from khabar_editor import i18n

    i18n.set_language("hi")
    panel = ProofingPanel()
    qtbot.addWidget(panel)
    panel.set_findings(proofreader.check_paragraph("राम  आए"))
    assert panel.tree.topLevelItem(0).text(0) == "शब्दों के बीच दो या अधिक खाली जगहें"
    assert panel.summary.text() == "1 त्रुटि"  # singular (was "1 त्रुटियाँ")
    panel.show_notice("केवल शब्द सूची")
    assert not panel.notice.isHidden() and panel.notice.text() == "केवल शब्द सूची"


def test_editor_menu_gets_spelling_actions_that_edit_the_document(qtbot, proofreader):
    """add_spelling_actions puts suggestions on top of an editor menu; one replaces the word."""
    from PySide6.QtWidgets import QMenu

    from khabar_editor.ui.proofing.spell_menu import add_spelling_actions

    edit = QTextEdit()
    qtbot.addWidget(edit)
    edit.setPlainText("🙏 पहला।\nकल सरकारि बैठक")
    repainted: list[bool] = []

    class Highlighter:
        def invalidate_findings(self):
            repainted.append(True)

    block = edit.document().findBlockByNumber(1)
    cursor = QTextCursor(block)
    cursor.setPosition(block.position() + 5)
    menu = QMenu()
    menu.addAction("Copy")
    assert add_spelling_actions(menu, cursor, proofreader, Highlighter())
    labels = [a.text() for a in menu.actions()]
    assert labels[0] == "सरकारी" and labels[-1] == "Copy" and "Ignore all" in labels
    menu.actions()[0].trigger()
    assert edit.toPlainText() == "🙏 पहला।\nकल सरकारी बैठक"
    cursor.setPosition(block.position() + 1)
    assert not add_spelling_actions(QMenu(), cursor, proofreader)  # कल is correct
    edit.setPlainText("🙏 पहला।\nकल सरकारि बैठक")
    block = edit.document().findBlockByNumber(1)
    cursor = QTextCursor(block)
    cursor.setPosition(block.position() + 5)
    again = QMenu()
    assert add_spelling_actions(again, cursor, proofreader, Highlighter())
    next(a for a in again.actions() if a.text() == "Ignore all").trigger()
    assert repainted and proofreader.is_correct("सरकारि")


def test_panel_with_a_proofreader_checks_and_switches_rules(qtbot, proofreader):
    """set_proofreader + check_text list findings; a rule switch re-checks without it."""
    panel = ProofingPanel()
    qtbot.addWidget(panel)
    panel.set_proofreader(proofreader)
    panel.check_text("राम  आए।\nसरकारि बात।")
    assert {f.kind for f in panel.findings} == {"typo.double_space", "spelling"}
    panel.rule_boxes["typo.double_space"].setChecked(False)
    assert {f.kind for f in panel.findings} == {"spelling"}
    assert "typo.double_space" not in proofreader.enabled_rules


def test_spell_menu_reports_an_unwritable_dictionary(qtbot, tmp_path, monkeypatch):
    """Add to dictionary on a dictionary that cannot be written shows the message, adds nothing."""
    from khabar_editor.ui import dialogs

    shown: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, message: shown.append(message))
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    checker = Proofreader("hi", personal=blocker / "personal.txt")  # parent is a file
    changed: list[bool] = []
    menu = build_spell_menu(checker, "खबरीलाल", lambda _s: None, lambda: changed.append(True))
    next(a for a in menu.actions() if a.text() == "Add to dictionary").trigger()
    assert len(shown) == 1 and "personal dictionary" in shown[0]
    assert changed == []
    assert "खबरीलाल" not in checker.personal_words


def test_panel_fix_all_ignore_and_plural(qtbot, proofreader):
    """"Fix all" emits every rule fix last-first and never a spelling guess; "Ignore" hides
    the finding (the word, for spelling); the summary says "1 finding", not "1 findings"."""
    from khabar_editor.ui.proofing.panel import findings_label

    assert findings_label(1) == "1 finding" and findings_label(3) == "3 findings"
    panel = ProofingPanel()
    qtbot.addWidget(panel)
    panel.set_proofreader(proofreader)
    text = "सरकारि  योजना ।  अच्छी है।"
    panel.check_text(text)
    emitted = []
    panel.fix_requested.connect(lambda s, e, r: emitted.append((s, e, r)))
    panel.fix_all_button.click()
    assert emitted and all(r != "सरकारी" for _s, _e, r in emitted)
    assert [s for s, _e, _r in emitted] == sorted((s for s, _e, _r in emitted), reverse=True)
    spelling_row = next(i for i, f in enumerate(panel.findings) if f.kind == "spelling")
    panel.tree.setCurrentItem(panel.tree.topLevelItem(spelling_row))
    before = len(panel.findings)
    with qtbot.waitSignal(panel.ignored) as ignored:
        panel.ignore_button.click()
    assert ignored.args == ["spelling", "सरकारि"]
    assert len(panel.findings) == before - 1 and proofreader.is_correct("सरकारि")
    panel.set_findings(panel.findings[:1])
    assert panel.summary.text() == "1 finding"

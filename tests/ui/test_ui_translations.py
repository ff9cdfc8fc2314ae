"""Every user-visible string of the editor window has a Hindi translation."""

from __future__ import annotations

import ast
from pathlib import Path

from khabar_editor import i18n
from khabar_editor.ui.actions import MENUS, _SPECS

SRC = Path(__file__).resolve().parents[2] / "src" / "khabar_editor"
OWN = [*(SRC / "ui").glob("*.py"), *(SRC / "app").glob("*.py"), SRC / "settings.py"]
NOT_OURS = {"export_dialog.py"}


def _marked_strings() -> set[str]:
    found: set[str] = set()
    for path in OWN:
        if path.name in NOT_OURS:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in ("_", "N_") and node.args
                    and isinstance(node.args[0], ast.Constant)):
                found.add(node.args[0].value)
    found.update(label for label, *_rest in _SPECS.values())
    found.update(title for title, _names in MENUS)
    return found


def test_all_editor_strings_are_translated_to_hindi():
    """No marked string of ui/, app/ or settings comes back untranslated in Hindi."""
    i18n.reset_cache()
    strings = _marked_strings()
    assert len(strings) > 100
    missing = sorted(s for s in strings if i18n.translate(s, "hi") == s)
    assert missing == []


def test_no_mnemonic_inside_a_devanagari_word():
    """Hindi labels put the '&' mnemonic on a Latin letter in brackets, never inside a
    Devanagari word: Qt underlines the letter after '&', which splits its cluster."""
    i18n.reset_cache()
    import regex

    bad = [t for t in (i18n.translate(s, "hi") for s in _marked_strings())
           if regex.search(r"&\p{Devanagari}", t)]
    assert bad == []


def test_toolbar_buttons_show_no_mnemonic_brackets(make_window):
    """In the Hindi interface the toolbar says "नई", not "नई (N)" (menus keep the mnemonic)."""
    from PySide6.QtWidgets import QToolBar

    i18n.set_language("hi")
    try:
        window = make_window()
        toolbar = window.findChild(QToolBar, "mainToolbar")
        texts = [a.iconText() for a in toolbar.actions() if not a.isSeparator()]
        assert texts and all("(" not in t and "&" not in t and "…" not in t for t in texts)
        assert "(&N)" in window.actions_by_name["new"].text()
    finally:
        i18n.set_language("en")


def test_qt_standard_buttons_and_file_dialog_are_hindi(qapp):
    """OK/Cancel and the file dialog's labels follow the Hindi interface (Qt has no qtbase_hi)."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QDialogButtonBox

    from khabar_editor.ui.qt_translations import GettextQtTranslator

    i18n.reset_cache()
    translator = GettextQtTranslator("hi")
    QCoreApplication.installTranslator(translator)
    try:
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
        texts = {b.text().replace("&", "") for b in box.buttons()}
        assert texts == {"ठीक है", "रद्द करें"}
        assert QCoreApplication.translate("QFileDialog", "Look in:") == "यहाँ देखें:"
        assert QCoreApplication.translate("QFileDialog", "not ours") == "not ours"
    finally:
        QCoreApplication.removeTranslator(translator)

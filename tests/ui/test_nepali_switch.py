"""The article's Language field switches proofing, digits and the dateline (hi → ne)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate

from khabar_editor.proofing import Proofreader


def _choose(combo, data):
    combo.setFocus()
    combo.setCurrentIndex(combo.findData(data))


def test_switching_language_to_nepali_switches_proofing_and_dateline(window, qtbot, tmp_path):
    """Hindi → Nepali in the panel: Nepali proofreader, Devanagari digits, BS dateline on request."""
    window.proofing.set_proofreader(Proofreader("hi", personal=tmp_path / "words.txt"))
    panel = window.metadata
    panel.w["dateline.place"].setText("काठमाडौं")
    panel.w["dateline.date"].setDate(QDate(2026, 11, 29))
    panel._on_edit("dateline.place")
    panel._on_edit("dateline.date")
    assert panel.dateline_label.text() == "काठमाडौं, 29 नवंबर 2026"

    with qtbot.waitSignal(panel.language_changed, timeout=1000) as sig:
        _choose(panel.w["language"], "ne")
    assert sig.args == ["ne"]
    qtbot.waitUntil(lambda: window.proofing.proofreader.language == "ne", timeout=5000)
    assert window.proofing.proofreader.digits == "devanagari"
    assert window.proofing.proofreader.personal_path == tmp_path / "words.txt"
    assert panel.dateline_label.text() == "काठमाडौं, २९ नोभेम्बर २०२६"

    _choose(panel.w["dateline.calendar"], "bs")
    assert panel.article.dateline.calendar == "bs"
    assert panel.article.dateline.date == date(2026, 11, 29)  # the Gregorian date is kept
    assert panel.dateline_label.text() == "काठमाडौं, १३ मंसिर २०८३"

    _choose(panel.w["language"], "hi")
    qtbot.waitUntil(lambda: window.proofing.proofreader.language == "hi", timeout=5000)
    assert panel.dateline_label.text() == "काठमाडौं, 13 मंसिर 2083"


def test_loading_a_nepali_article_switches_the_proofreader(window, qtbot, tmp_path):
    """Opening an article whose language is ne rebuilds the proofreader for Nepali."""
    from khabar_editor.article.model import Article, Language

    window.proofing.set_proofreader(Proofreader("hi", personal=tmp_path / "words.txt"))
    nepali = Article(headline="काठमाडौंमा बैठक", language=Language.NEPALI)
    window.session.package.article = nepali
    with qtbot.waitSignal(window.metadata.language_changed, timeout=1000):
        window.metadata.load(nepali)
    qtbot.waitUntil(lambda: window.proofing.proofreader.language == "ne", timeout=5000)
    assert window.metadata.w["language"].currentData() == "ne"

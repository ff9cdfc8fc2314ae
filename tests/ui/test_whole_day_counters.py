"""Issue 12, item 3: length counters against newsroom limits; the SEO title field."""

from __future__ import annotations


from khabar_editor.article.frontmatter import FIELD_ORDER, from_markdown, to_markdown
from khabar_editor.article.model import Article
from khabar_editor.settings import Settings, load_settings, save_settings
from khabar_editor.ui.metadata_panel import counter_state
from tests.ui.conftest import type_text


def test_headline_counter_counts_as_the_writer_types(make_window):
    """"43/70" under the headline follows each keystroke, amber near the limit, red over it."""
    window = make_window(headline_limit=20)
    headline, counter = window.metadata.w["headline"], window.metadata.counters["headline"]
    headline.setFocus()
    assert counter.text() == "0/20"
    type_text(headline, "कोसी में बाढ़")
    assert counter.text() == "13/20" and counter.property("state") == "ok"
    type_text(headline, " राहत")
    assert counter.text() == "18/20" and counter.property("state") == "near"
    type_text(headline, " जारी")
    assert counter.text() == "23/20" and counter.property("state") == "over"
    assert "c62828" in counter.styleSheet()


def test_summary_and_seo_title_have_counters_and_reach_the_article(make_window):
    """The summary and the SEO title count too; the SEO title is saved in the article."""
    window = make_window(summary_limit=160, seo_title_limit=60)
    seo = window.metadata.w["seo_title"]
    seo.setFocus()
    type_text(seo, "सहरसा बाढ़")
    assert window.session.article.seo_title == "सहरसा बाढ़"
    assert window.metadata.counters["seo_title"].text() == "10/60"
    window.metadata.w["summary"].setPlainText("क" * 150)
    assert window.metadata.counters["summary"].text() == "150/160"
    assert window.metadata.counters["summary"].property("state") == "near"


def test_limits_are_settings_that_survive_a_restart(tmp_path):
    """The limits are saved with the preferences; nonsense values are clamped."""
    save_settings(Settings(headline_limit=65, summary_limit=-5), tmp_path)
    loaded = load_settings(tmp_path)
    assert loaded.headline_limit == 65 and loaded.summary_limit == 0
    assert counter_state(100, 0) == "ok"  # 0 means no limit


def test_preferences_edit_the_limits(qtbot):
    """The Preferences dialog shows and returns the three limits."""
    from khabar_editor.ui.preferences import PreferencesDialog

    dialog = PreferencesDialog(Settings())
    qtbot.addWidget(dialog)
    dialog.headline_limit.setValue(80)
    dialog.seo_title_limit.setValue(55)
    result = dialog.result_settings()
    assert (result.headline_limit, result.seo_title_limit, result.summary_limit) == (80, 55, 160)


def test_seo_title_round_trips_and_old_articles_keep_their_bytes():
    """seo_title is written after summary only when set, so existing files stay byte-identical."""
    article = Article(headline="शीर्षक", summary="सार")
    plain = to_markdown(article)
    assert "seo_title" not in plain and "seo_title" not in FIELD_ORDER
    article.seo_title = "कोसी: सहरसा के 12 गाँव"
    text = to_markdown(article)
    keys = [line.split(":")[0] for line in text.split("---\n")[1].splitlines()
            if line and not line.startswith((" ", "-"))]
    assert keys[keys.index("summary") + 1] == "seo_title"
    again = from_markdown(text)
    assert again.seo_title == article.seo_title and to_markdown(again) == text

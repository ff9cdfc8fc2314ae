"""Issue 12, item 4: the preview looks like the export and scrolls with the text."""

from __future__ import annotations

from khabar_editor.app.preview import preview_css, qt_markup
from khabar_editor.app.sample import sample_package
from khabar_editor.app.scrollmap import anchor_pairs, heading_lines, map_position
from khabar_editor.exporters.html_export import STYLE
from khabar_editor.render.style import ARTICLE_CSS, body_font_pt


def test_preview_and_export_share_one_style_sheet():
    """The export embeds ARTICLE_CSS; the preview's CSS is its translation (same sizes, colours)."""
    assert STYLE == ARTICLE_CSS
    css = preview_css()
    assert "font-size: 13.5pt" in css and "line-height: 170%" in css  # 1.125rem/1.7
    assert "#b00020" in css and "rem" not in css
    assert body_font_pt() == 13.5


def test_photo_and_caption_are_separate_blocks_with_normal_line_height():
    """A figure becomes a photo paragraph and a caption paragraph (no 50 % gap under the photo)."""
    page = qt_markup('<p>पाठ <img src="media/a.jpg" alt=""> और</p>'
                     '<figure><img src="media/b.jpg" alt=""><figcaption>कैप्शन</figcaption></figure>')
    assert page.count('<p class="photo">') == 2 and '<p class="figcaption">कैप्शन</p>' in page
    assert "p.photo { line-height: 100%" in preview_css()


def test_caption_sits_right_under_its_photo_and_text_is_export_sized(window, qtbot):
    """In the live preview the caption starts within a few pixels of the photo's bottom."""
    window.session.load_package(sample_package(), None, dirty=False)
    qtbot.waitUntil(lambda: window.preview.applied_revision == window.session.revision,
                    timeout=5000)
    doc = window.preview.document()
    layout = doc.documentLayout()
    block, photo, caption = doc.begin(), None, None
    while block.isValid():
        if "\ufffc" in block.text() and photo is None and "महिषी" not in block.text():
            photo = block
        if block.text().startswith("महिषी प्रखंड के राहत शिविर"):
            caption = block
        block = block.next()
    assert photo is not None and caption is not None
    gap = layout.blockBoundingRect(caption).top() - layout.blockBoundingRect(photo).bottom()
    assert gap < 20
    assert doc.defaultFont().pointSizeF() == body_font_pt()


def test_photos_are_rescaled_when_the_preview_gets_narrower(window, qtbot):
    """After the pane is made much narrower, the photo is re-rendered no wider than the pane."""
    window.metadata_dock.hide()
    window.session.load_package(sample_package(), None, dirty=False)
    qtbot.waitUntil(lambda: window.preview.applied_revision == window.session.revision,
                    timeout=5000)
    total = sum(window.splitter.sizes())
    with qtbot.waitSignal(window.preview.rendered, timeout=5000):
        window.splitter.setSizes([150, total - 150])
    wide = max(image.width() for image in window.preview._images.values())
    with qtbot.waitSignal(window.preview.rendered, timeout=5000):
        window.splitter.setSizes([total - 220, 220])
    qtbot.wait(50)
    widths = [image.width() for image in window.preview._images.values()]
    assert widths and max(widths) <= window.preview.viewport().width() < wide


def test_scroll_map_matches_subheads_not_fractions():
    """Half-way between two subheads in the text is half-way between them in the preview."""
    text = "पहला\n\n## एक\nपाठ\n\n## दो\nपाठ"
    assert heading_lines(text) == [2, 5]
    assert heading_lines("```\n## कोड\n```\n## असली") == [3]
    pairs = anchor_pairs([2, 5], [400, 1000], 10, 2000)
    assert map_position(pairs, 2) == 400 and map_position(pairs, 5) == 1000
    assert map_position(pairs, 3.5) == 700
    assert map_position(pairs, 0) == 0 and map_position(pairs, 10) == 2000


def test_preview_follows_a_subhead_scrolled_to_the_top(window, qtbot):
    """With a subhead at the top of the text, the preview shows the same subhead at its top."""
    from khabar_editor.ui.scroll_sync import preview_heading_positions

    package = sample_package()
    package.article.body = "\n\n".join(
        f"## खंड {i}\n\n" + ("लंबा अनुच्छेद पाठ। " * 40) for i in range(8))
    window.session.load_package(package, None, dirty=False)
    window.resize(1100, 500)
    qtbot.waitUntil(lambda: window.preview.applied_revision == window.session.revision,
                    timeout=5000)
    editor_bar, preview_bar = window.editor.verticalScrollBar(), window.preview.verticalScrollBar()
    qtbot.waitUntil(lambda: preview_bar.maximum() > 0 and editor_bar.maximum() > 0, timeout=3000)
    block = window.editor.document().findBlockByNumber(4 * 4)  # "## खंड 4"
    assert block.text().startswith("## खंड 4")
    editor_bar.setValue(block.firstLineNumber())
    qtbot.wait(100)
    target = preview_heading_positions(window.preview)[4]
    assert abs(preview_bar.value() - min(target, preview_bar.maximum())) <= 6

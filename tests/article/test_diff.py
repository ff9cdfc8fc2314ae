"""Word-level diff of articles: whole grapheme clusters, metadata field by field, fast enough."""

from __future__ import annotations

import random
import time

from khabar_editor.article.diff import Op, diff_articles, diff_text, tokenize
from khabar_editor.article.model import Article, Byline, Media, Status
from khabar_editor.textkit.words import graphemes


def _rebuild(ops):
    return ("".join(o.before for o in ops if o.op is not Op.INSERT),
            "".join(o.after for o in ops if o.op is not Op.DELETE))


def test_tokens_never_split_a_grapheme_cluster():
    """Every token boundary is a cluster boundary (क्षि, नुक़्ता and ZWJ forms stay whole)."""
    text = "क्षत्रिय ज़िले में 12 लोग, श्री\u200dराम। क्षि-त्र"
    tokens = tokenize(text)
    assert "".join(tokens) == text
    boundaries, pos = set(), 0
    for cluster in graphemes(text):
        pos += len(cluster)
        boundaries.add(pos)
    pos = 0
    for token in tokens:
        pos += len(token)
        assert pos in boundaries
    assert "क्षत्रिय" in tokens and "ज़िले" in tokens and "।" in tokens


def test_changed_word_is_replaced_whole_and_texts_rebuild():
    """A changed matra replaces the whole word; both texts rebuild exactly from the ops."""
    before = "कोसी का जलस्तर बढ़ा।\nदूसरा अनुच्छेद।\n"
    after = "कोसी का जलस्तर बढ़ी।\nदूसरा अनुच्छेद।\nनया।\n"
    ops = diff_text(before, after)
    assert _rebuild(ops) == (before, after)
    changed = [o for o in ops if o.op is not Op.EQUAL]
    assert any(o.op is Op.REPLACE and o.before == "बढ़ा" and o.after == "बढ़ी" for o in changed)
    assert any(o.op is Op.INSERT and "नया" in o.after for o in changed)


def test_metadata_changes_listed_field_by_field_without_workflow_noise():
    """Headline, byline, tags and photo captions are listed; status and modified are not."""
    a = Article(headline="पुराना", byline=Byline("रमेश"), tags=["बाढ़"], body="पाठ",
                media=[Media("media/a.jpg", "पहला")])
    b = Article(headline="नया", byline=Byline("रमेश", "संवाददाता"), tags=["बाढ़", "कोसी"],
                body="पाठ", status=Status.APPROVED, id=a.id, created=a.created,
                media=[Media("media/a.jpg", "दूसरा")])
    diff = diff_articles(a, b)
    fields = {f.field: (f.before, f.after) for f in diff.fields}
    assert fields == {"headline": ("पुराना", "नया"), "byline.role": ("", "संवाददाता"),
                      "tags": ("बाढ़", "बाढ़, कोसी"), "media[1].caption": ("पहला", "दूसरा")}
    assert diff.changed and not diff_articles(a, a).changed


def _story(rng: random.Random, words: int) -> str:
    vocab = ["क्षेत्र", "में", "का", "बाढ़", "पानी", "गाँव", "राहत", "12", ",", "।"] + \
        [f"शब्द{i}" for i in range(200)]
    return " ".join(rng.choice(vocab) for _ in range(words))


def _timed(words: int) -> float:
    rng = random.Random(words)
    a = _story(rng, words)
    tokens = tokenize(a)
    for _ in range(words // 50):
        tokens[rng.randrange(len(tokens))] = "बदला"
    b = "".join(tokens)
    started = time.thread_time()
    ops = diff_text(a, b)
    elapsed = time.thread_time() - started
    assert _rebuild(ops) == (a, b)
    return elapsed


def test_diff_time_grows_about_linearly_without_newlines():
    """One 8,000-word paragraph with scattered edits costs far less than 16x a 2,000-word one."""
    small = min(_timed(2000) for _ in range(2))
    large = _timed(8000)
    assert large < 16 * max(small, 0.01)

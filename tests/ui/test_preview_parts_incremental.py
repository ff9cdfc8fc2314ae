"""The preview's worker splits and converts only the changed stretch of the body."""

from __future__ import annotations

import random
from dataclasses import replace

from khabar_editor.app import preview
from khabar_editor.app.preview import make_job, preview_parts
from khabar_editor.app.sample import sample_package

_SNIPPETS = ["\n", "\n\n", "#", "## ", "a", "क", "1", " ", "- ", "।", "\n\n#", "\n\n1", "\n\n- ",
             "\n\n> ", "|", "\n\n```\n", "  \n"]


def _body(paragraphs: int, seed: int) -> str:
    rng = random.Random(seed)
    out = []
    for i in range(paragraphs):
        kind = rng.randrange(6)
        out.append(f"## खंड {i}" if kind == 0 else
                   f"- बिंदु {i}\n- और" if kind == 1 else
                   f"> उद्धरण {i}" if kind == 2 else
                   f"अनुच्छेद {i} में **कुछ** शब्द हैं।")
    return "\n\n".join(out)


def test_incremental_cuts_equal_a_whole_split_after_random_edits():
    """Inserts, deletions and replacements anywhere (blank lines, headings, digits at a
    paragraph start): the pieces found again around the change equal a fresh split."""
    rng = random.Random(15)
    body = _body(200, 1)
    cuts = preview._split(body)
    for step in range(2500):
        if len(body) < 2000:
            body = _body(200, step)
            cuts = preview._split(body)
        i = rng.randrange(len(body) + 1)
        j = min(len(body), i + rng.randrange(0, 60 if step % 3 else 400))
        insert = "".join(rng.choice(_SNIPPETS) for _ in range(rng.randrange(0, 4)))
        new = body[:i] + insert + body[j:]
        _head, _tail, new_cuts = preview._incremental_cuts(body, cuts, new)
        assert new_cuts == preview._split(new), (step, new[max(0, i - 30):i + 30])
        body, cuts = new, new_cuts


def test_typing_converts_one_piece_and_gives_the_same_page_as_a_fresh_render(monkeypatch):
    """Each refresh after a one-letter edit converts the edited piece and its two
    neighbours at most, at n and 4n paragraphs; the parts equal a render from scratch."""
    article = sample_package().article
    for paragraphs in (100, 400):
        body = _body(paragraphs, 7)
        converted = []
        real = preview.markdown_html
        preview_parts(make_job(1, replace(article, body=body), "latin", None))
        monkeypatch.setattr(preview, "markdown_html", lambda text: converted.append(1) or real(text))
        per_edit = []
        for step in range(5):
            at = len(body) // 2 + step * 97
            body = body[:at] + "क" + body[at:]
            converted.clear()
            parts = preview_parts(make_job(2 + step, replace(article, body=body), "latin", None))
            per_edit.append(len(converted))
        monkeypatch.setattr(preview, "markdown_html", real)
        assert max(per_edit) <= 3, per_edit
        preview._last.update(body=None, cuts=[], html=[], pieces=[])  # from scratch
        assert parts == preview_parts(make_job(99, replace(article, body=body), "latin", None))

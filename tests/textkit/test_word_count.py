"""Exact word count by the house rules, and per-line counts that match a full recount."""

from __future__ import annotations

import random

import pytest

from khabar_editor.textkit.counts import LineCounts
from khabar_editor.textkit.words import count_graphemes, count_line_words, count_words


@pytest.mark.parametrize(("text", "words"), [
    ("पटना, 28 नवंबर। मौसम ठीक।", 5),
    ("पूरी ख़बर https://khabar.example/hi/2026/11/bihar-chunav-natije?ref=home पर पढ़ें।", 5),
    ("विवरण www.example.in/a-b-c पर है", 4),
    ("सुझाव desk-hi@khabar.example पर भेजें", 4),
    ("भारत-पाक सीमा पर कोविड-19 के मामले", 6),
    ("सरकार ने 1,25,000 रुपये और 3.5 प्रतिशत ब्याज दिया", 9),
    ("तारीख़ 29/11/2026 तय हुई", 4),
    ("उन्होंने कहा॥ फिर? हाँ!! — ठीक…", 5),
    ("WHO's report on COVID-19 in the U.S. was e-mailed", 9),
])
def test_house_rules_on_hindi_text(text, words):
    """URLs, e-mails, hyphenated compounds and separated numbers are one word; danda is none."""
    assert count_words(text) == words


@pytest.mark.parametrize(("markdown", "words"), [
    ("## चुनाव के नतीजे", 3),
    ("> उन्होंने कहा कि मतदान शांत रहा", 6),
    ("- पहला बिंदु\n* दूसरा बिंदु\n+ तीसरा", 5),
    ("1. पहला बिंदु\n2) दूसरा बिंदु\n> 3. उद्धरण में", 6),
    ("**बड़ी** ख़बर _आज_", 3),
    ("[चुनाव आयोग](https://eci.example/press-note-12) ने कहा", 4),
    ("![मतदान केंद्र पर कतार](media/queue-photo.jpg)", 0),
    ("[1]: https://eci.example/a-b \"शीर्षक\"", 0),
    ("देखें <https://eci.example/a> और<br>पढ़ें", 4),
    ("टिप्पणी[^1] यहाँ", 2),
    ("| दल | सीटें |\n|---|---|\n| क | 12 |", 4),
])
def test_markdown_syntax_is_not_counted(markdown, words):
    """Heading, quote and list markers, link targets and images are syntax, not words."""
    assert count_words(markdown) == words


def test_the_count_is_the_sum_of_the_lines():
    """Counting line by line gives the same total as counting the whole text."""
    text = "पहली पंक्ति\n\n## शीर्षक\n1. बिंदु https://a.example/x-y\n"
    assert count_words(text) == sum(count_line_words(line) for line in text.split("\n")) == 5


def _random_edit(rng: random.Random, text: str) -> tuple[str, int, int, list[str]]:
    """Replace a random range with random text; return (new text, first line, removed, lines)."""
    a = rng.randrange(len(text) + 1)
    b = min(len(text), a + rng.randrange(12))
    insert = rng.choice(["", "क", " ", "\n", "-", "भारत-पाक ", "\n\n1. ", "https://x.in/a "])
    new = text[:a] + insert + text[b:]
    first = text.count("\n", 0, a)
    removed = text.count("\n", a, b) + 1
    lines = new.split("\n")[first:first + 1 + insert.count("\n")]
    return new, first, removed, lines


def test_line_counts_follow_edits_exactly():
    """After hundreds of random edits the running totals equal a full recount."""
    rng = random.Random(15)
    text = "पटना, 28 नवंबर। मौसम ठीक।\n\nभारत-पाक वार्ता 3.5 घंटे चली।\n- सूची"
    counts = LineCounts(text)
    for _ in range(400):
        text, first, removed, lines = _random_edit(rng, text)
        counts.replace(first, removed, lines)
        assert counts.total_words == count_words(text)
        assert counts.characters == count_graphemes(text)


def test_an_edit_recounts_the_same_number_of_lines_at_any_length():
    """Growth: one keystroke in a 4n-line text recounts as many lines as in an n-line text."""
    work = []
    for lines in (2_000, 8_000):
        counts = LineCounts("\n".join(f"पंक्ति {i} में कुछ शब्द" for i in range(lines)))
        before = counts.lines_counted
        counts.replace(lines // 2, 1, ["पंक्ति में कुछ और शब्द"])
        work.append(counts.lines_counted - before)
    assert work == [1, 1]


def test_a_bad_range_is_refused_and_changes_nothing():
    """A range outside the text raises IndexError and leaves the totals as they were."""
    counts = LineCounts("एक दो\nतीन")
    with pytest.raises(IndexError):
        counts.replace(1, 5, ["चार"])
    assert (counts.total_words, counts.line_count) == (3, 2)


@pytest.mark.parametrize("unit", ["[", "<", "a.", "-", "![", "<!--", "x@", "[a](", "1,"])
def test_hostile_lines_cost_linear_time(unit):
    """Growth: a line of 4n repeated syntax characters takes well under 16x the time of n.

    CPU time of this thread (not wall time, which other processes on a busy machine
    inflate), small and large measured in turn, best of five each.
    """
    import time

    small, large = unit * 5_000, unit * 20_000
    small_times, large_times = [], []
    for _ in range(5):
        for text, times in ((small, small_times), (large, large_times)):
            started = time.thread_time()
            count_words(text)
            times.append(time.thread_time() - started)
    assert min(large_times) < 8 * min(small_times) + 0.002

"""Long texts are normalized piece by piece: same result, and other threads keep running."""

from __future__ import annotations

import threading
import time
import unicodedata

from khabar_editor.textkit import normalize
from khabar_editor.textkit.normalize import CGJ, MAX_MARK_RUN, nfc, stream_safe


def _long_text(tag: str, lines: int = 4000) -> str:
    """Lines with decomposed nukta and accent sequences and a few very long mark runs."""
    out = []
    for i in range(lines):
        line = f"{tag} {i} ड\u093c\u093e क\u093c e\u0301 पढ\u093c\u093eई\r"
        if i % 700 == 3:
            line += "क" + "\u093f" * (3 * MAX_MARK_RUN + 7)  # a hostile run of marks
        out.append(line)
    return "\n".join(out)


def test_pieces_give_the_same_nfc_and_stream_safe_text():
    """NFC and the CGJ cuts of a long text equal those of one call over the whole text."""
    text = _long_text("a")
    assert len(text) > 4 * normalize._PIECE
    assert nfc(text) == unicodedata.normalize("NFC", text)
    whole = normalize._MARK_RUN.sub(lambda m: m.group(1) + CGJ, text)
    assert stream_safe(text) == whole and CGJ in whole


def test_a_piece_boundary_inside_a_mark_run_is_impossible():
    """Cuts fall only after a newline, so a run of marks is never split."""
    text = ("क" + "\u093f" * (normalize._PIECE + 50) + "\n") * 3
    expected = normalize._MARK_RUN.sub(lambda m: m.group(1) + CGJ, text)
    assert stream_safe(text) == expected


def _longest_gap_while(work) -> tuple[float, float]:
    """(longest pause of this thread's loop, duration) while ``work`` runs in a thread."""
    done = threading.Event()
    spent = {}

    def run():
        started = time.perf_counter()
        work()
        spent["s"] = time.perf_counter() - started
        done.set()

    worker = threading.Thread(target=run)
    last = time.perf_counter()
    longest = 0.0
    worker.start()
    while not done.is_set():
        now = time.perf_counter()
        longest = max(longest, now - last)
        last = now
        time.sleep(0.0002)
    worker.join()
    return longest, spent["s"]


def test_a_worker_normalizing_a_long_text_does_not_freeze_other_threads():
    """While a thread normalizes 100k words, this thread is never held for the whole call."""
    text = _long_text("b", lines=30000)
    whole = time.perf_counter()
    unicodedata.normalize("NFC", text)
    whole = time.perf_counter() - whole
    # A busy machine can deschedule this thread on its own; a regression (one C call
    # over the whole text) holds it every time, so the best of three attempts counts.
    attempts = [_longest_gap_while(lambda: nfc(text + "c")) for _ in range(3)]
    longest, spent = min(attempts)
    assert longest < max(whole / 2, 0.002), (attempts, whole)

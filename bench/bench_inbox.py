"""Desk inbox: 1,000 signed packages (800 words and a 300 KB photo each) in one folder.

Time to the first 20 entries (what the inbox shows first) and for all 1,000, read
with the light scan (manifest and text only; photos checked by size) and with
full verification; also the word-level diff of a 10,000-word story.
"""

from __future__ import annotations

import os
import random
import tempfile
import time
from itertools import islice
from pathlib import Path

from khabar_editor.app.inbox import scan_folder
from khabar_editor.article.diff import diff_text, tokenize
from khabar_editor.article.model import Article, Byline, Media, Status
from khabar_editor.package import new_package, write_package
from khabar_editor.package.signing import KeyStore, generate_key, save_key

PACKAGES = 1000
WORDS = ("कोसी नदी का जलस्तर बढ़ने से सहरसा ज़िले के बारह गाँवों में बाढ़ का पानी घुस गया "
         "प्रशासन ने राहत शिविर खोले हैं और टीमें नावों से लोगों को निकाल रही हैं").split()


def _make(folder: Path, store: KeyStore) -> None:
    rng = random.Random(8)
    key = generate_key("रमेश कुमार")
    save_key(key, store.folder)
    photo = os.urandom(300_000)
    for i in range(PACKAGES):
        body = " ".join(rng.choice(WORDS) for _ in range(800))
        art = Article(headline=f"ख़बर {i}", byline=Byline("रमेश कुमार"), status=Status.SUBMITTED,
                      body=body, media=[Media("media/p.jpg", "फ़ोटो")])
        pkg = new_package(art)
        pkg.media["media/p.jpg"] = photo
        write_package(folder / f"{i:04d}.khabar", pkg, who="रमेश कुमार", signer=key)


def _scan(folder: Path, store: KeyStore, full: bool) -> tuple[float, float]:
    store.refresh()
    started = time.perf_counter()
    entries = scan_folder(folder, keys=store, verify_media=full)
    first = list(islice(entries, 20))
    t20 = time.perf_counter() - started
    rest = list(entries)
    total = time.perf_counter() - started
    assert len(first) + len(rest) == PACKAGES and all(e.ok for e in first + rest)
    return t20 * 1000, total * 1000


def _diff_ms() -> float:
    rng = random.Random(3)
    a = " ".join(rng.choice(WORDS) for _ in range(10_000))
    tokens = tokenize(a)
    for _ in range(200):
        tokens[rng.randrange(len(tokens))] = "बदला"
    started = time.perf_counter()
    diff_text(a, "".join(tokens))
    return (time.perf_counter() - started) * 1000


def run() -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        folder, store = Path(tmp) / "inbox", KeyStore(Path(tmp) / "keys")
        folder.mkdir()
        _make(folder, store)
        light20, light_all = _scan(folder, store, False)
        full20, full_all = _scan(folder, store, True)
    return [
        {"name": "inbox: first 20 of 1,000 (light)", "value": light20, "unit": "ms",
         "target": "<= 1000 ms"},
        {"name": "inbox: all 1,000 (light)", "value": light_all, "unit": "ms"},
        {"name": "inbox: first 20 of 1,000 (full verify)", "value": full20, "unit": "ms"},
        {"name": "inbox: all 1,000 (full verify)", "value": full_all, "unit": "ms"},
        {"name": "diff: 10,000 words, one paragraph, 200 edits", "value": _diff_ms(), "unit": "ms"},
    ]


if __name__ == "__main__":
    for row in run():
        print(row)

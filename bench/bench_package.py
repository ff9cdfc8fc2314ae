"""Package open / save / validate on a 10,000-word Hindi article with 20 photos (~20 MB).

The photos are JPEGs of random noise made with Pillow, so they do not
compress (like real photos). Medians over several runs, in milliseconds.
"""

from __future__ import annotations

import io
import os
import random
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from PIL import Image

from khabar_editor.article.model import Article, Byline, Dateline, Media, Place, Status
from khabar_editor.article.validate import validate_article
from khabar_editor.package import new_package, read_package, write_package
from khabar_editor.textkit.words import count_words

RUNS = 7
PHOTOS = 20
WORDS = 10_000
VOCABULARY = ("कोसी नदी का जलस्तर बढ़ने से सहरसा ज़िले के बारह गाँवों में बाढ़ का पानी घुस गया "
              "प्रशासन ने राहत शिविर खोले हैं और एनडीआरएफ़ की टीमें नावों से लोगों को सुरक्षित "
              "स्थानों पर पहुँचा रही हैं ज़िलाधिकारी ने बताया कि स्थिति पर नज़र रखी "
              "जा रही है").split()


def _noise_jpeg(rng: random.Random, size: tuple[int, int] = (1150, 880)) -> bytes:
    noise = Image.frombytes("RGB", size, rng.randbytes(size[0] * size[1] * 3))
    out = io.BytesIO()
    noise.save(out, "JPEG", quality=92)
    return out.getvalue()


def _body(rng: random.Random) -> str:
    paragraphs, words = [], 0
    while words < WORDS:
        sentence = [rng.choice(VOCABULARY) for _ in range(rng.randint(8, 18))]
        paragraph = " ".join(sentence) + "। " + " ".join(rng.choice(VOCABULARY) for _ in range(12))
        paragraphs.append(paragraph + "।")
        words = count_words("\n\n".join(paragraphs))
    return "\n\n".join(paragraphs) + "\n"


def make_package():
    """The benchmark package (deterministic content)."""
    rng = random.Random(10_000)
    media = [Media(f"media/photo-{i:02}.jpg", f"राहत शिविर {i}", "फ़ोटो: रमेश", f"शिविर {i}")
             for i in range(1, PHOTOS + 1)]
    article = Article(
        headline="कोसी का जलस्तर बढ़ा, सहरसा के 12 गाँवों में बाढ़", summary="सहरसा में बाढ़।",
        byline=Byline("रमेश कुमार", "ज़िला संवाददाता"),
        dateline=Dateline("सहरसा", date(2026, 8, 14)),
        place=Place("सहरसा", "सहरसा", "बिहार", "भारत"), category="rajya",
        status=Status.SUBMITTED, media=media, body=_body(rng),
    )
    pkg = new_package(article)
    pkg.media = {m.file: _noise_jpeg(rng) for m in media}
    return pkg


def _median_ms(func, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        func()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def run() -> list[dict]:
    pkg = make_package()
    total = sum(len(b) for b in pkg.media.values())
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.khabar"
        write_package(path, pkg)
        save = _median_ms(lambda: write_package(path, pkg))
        open_ = _median_ms(lambda: read_package(path))
        size = os.path.getsize(path)
    article = pkg.article
    validate = _median_ms(lambda: validate_article(article), runs=21)
    note = (f"{count_words(article.body)} words, {PHOTOS} photos, "
            f"{total / 1e6:.1f} MB media, package {size / 1e6:.1f} MB")
    return [
        {"name": "open (read_package)", "value": open_, "unit": "ms", "target": "<= 150 ms",
         "note": note},
        {"name": "save (write_package)", "value": save, "unit": "ms", "target": "<= 300 ms",
         "note": "temp + fsync + rename, preview.html included"},
        {"name": "validate (validate_article)", "value": validate, "unit": "ms",
         "target": "<= 20 ms"},
    ]


if __name__ == "__main__":
    for row in run():
        print(row)

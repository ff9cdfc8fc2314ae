"""Export speed: every format for a 10,000-word, 20-photo article; a 500-package batch.

Row 1-2: :func:`build_bundle` (gate without spelling + all seven formats) and
the zip of the result, median of several runs, for a big article with 20
photos of 1600x1067 noise JPEGs (~20 MB). Row 3: the same with the spelling
count in the gate. Rows 4-6: ``khabar export`` logic (:func:`export_files`,
two worker processes) over 500 small packages (800 words, 1 photo) generated
in a temporary folder: wall time, throughput and CPU utilisation =
(user+sys of this process and its children) / wall / 2 cores.
"""

from __future__ import annotations

import io
import os
import random
import resource
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from PIL import Image

from khabar_editor.article.model import Article, Byline, Dateline, Media, Place, Status
from khabar_editor.cli.export_cmd import Options, export_files
from khabar_editor.exporters import DEFAULT_FORMATS, ExportContext, build_bundle
from khabar_editor.exporters.bundle import bundle_zip_bytes
from khabar_editor.package import new_package, write_package

RUNS = 5
BATCH = 500
VOCABULARY = ("गंगा नदी का जलस्तर बढ़ने से पटना ज़िले के बारह गाँवों में बाढ़ का पानी घुस गया "
              "प्रशासन ने राहत शिविर खोले हैं और एसडीआरएफ़ की टीमें नावों से लोगों को सुरक्षित "
              "स्थानों पर पहुँचा रही हैं ज़िलाधिकारी ने बताया कि स्थिति पर नज़र रखी जा रही है").split()


def _photo(rng: random.Random, size: tuple[int, int]) -> bytes:
    img = Image.frombytes("RGB", size, rng.randbytes(size[0] * size[1] * 3))
    out = io.BytesIO()
    img.save(out, "JPEG", quality=85)
    return out.getvalue()


def _body(rng: random.Random, words: int) -> str:
    paragraphs, left = [], words
    while left > 0:
        n = min(left, 60)
        paragraphs.append(" ".join(rng.choice(VOCABULARY) for _ in range(n)) + "।")
        left -= n
    return "\n\n".join(paragraphs)


def make_package(rng: random.Random, words: int, photos: int, size: tuple[int, int]) -> object:
    """A complete, exportable package with ``words`` words and ``photos`` photos."""
    article = Article(
        headline="पटना में गंगा ख़तरे के निशान से ऊपर, 12 गाँवों में पानी घुसा",
        summary="गंगा का जलस्तर ख़तरे के निशान से ऊपर।", byline=Byline("राजेश कुमार", "संवाददाता"),
        dateline=Dateline("पटना", date(2026, 11, 28)), place=Place("पटना", "पटना", "बिहार", "भारत"),
        category="rajya", tags=["बाढ़", "गंगा"], status=Status.APPROVED, body=_body(rng, words),
        media=[Media(f"media/photo-{i}.jpg", f"कैप्शन {i}", "फ़ोटो: खबर", f"चित्र {i}")
               for i in range(1, photos + 1)])
    pkg = new_package(article)
    pkg.media = {m.file: _photo(rng, size) for m in article.media}
    return pkg


def _median_ms(fn, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _big_rows() -> list[dict]:
    pkg = make_package(random.Random(1), 10_000, 20, (1600, 1067))
    formats = list(DEFAULT_FORMATS)
    quiet = ExportContext(check_spelling=False)
    build_bundle(pkg, formats, quiet)  # warm caches (taxonomy, schema-free imports)
    build_ms = _median_ms(lambda: build_bundle(pkg, formats, quiet))
    zip_ms = _median_ms(lambda: bundle_zip_bytes(build_bundle(pkg, formats, quiet)))
    spell_ms = _median_ms(lambda: build_bundle(pkg, formats, ExportContext()), runs=3)
    note = "10,000 words, 20 photos (~20 MB), 7 formats"
    return [
        {"name": "all formats, big article", "value": build_ms, "unit": "ms",
         "target": "<= 1000 ms", "note": note},
        {"name": "all formats + zip, big article", "value": zip_ms, "unit": "ms",
         "target": "<= 1000 ms", "note": note},
        {"name": "all formats + spelling gate", "value": spell_ms, "unit": "ms",
         "note": "gate counts open spelling findings (first run loads the lexicon)"},
    ]


def _cpu_baseline(cores: int) -> float:
    """Utilisation (same formula) of a pure CPU loop in 2 processes: what this machine allows."""
    from concurrent.futures import ProcessPoolExecutor

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=2) as pool:
        # Builtins only: bench/run.py loads this file outside sys.modules (not picklable).
        list(pool.map(sum, [range(60_000_000)] * 4))
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return 100 * cpu / wall / cores


def _batch_rows() -> list[dict]:
    rng = random.Random(2)
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "in", Path(tmp) / "out"
        src.mkdir()
        paths = []
        for i in range(BATCH):
            pkg = make_package(rng, 800, 1, (800, 533))
            path = src / f"story-{i:03d}.khabar"
            write_package(path, pkg, who="bench")
            paths.append(str(path))
        options = Options(formats=list(DEFAULT_FORMATS), output=str(out), spelling=False)
        self_before = resource.getrusage(resource.RUSAGE_SELF)
        child_before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        results = export_files(paths, options, jobs=2)
        wall = time.perf_counter() - start
        self_after = resource.getrusage(resource.RUSAGE_SELF)
        child_after = resource.getrusage(resource.RUSAGE_CHILDREN)
        failed = sum(1 for r in results if r.code)
        written = len(list(out.iterdir()))
    cpu = sum(a.ru_utime + a.ru_stime - b.ru_utime - b.ru_stime
              for a, b in ((self_after, self_before), (child_after, child_before)))
    cores = min(2, os.cpu_count() or 1)
    baseline = _cpu_baseline(cores)
    note = f"{BATCH} packages, 800 words + 1 photo, 7 formats, {written} zips, {failed} failed"
    return [
        {"name": "batch export wall time", "value": wall, "unit": "s", "note": note},
        {"name": "batch throughput", "value": BATCH / wall, "unit": "packages/s", "note": note},
        {"name": "batch CPU utilisation", "value": 100 * cpu / wall / cores, "unit": "%",
         "target": "both cores busy", "baseline": round(baseline, 1),
         "note": f"(user+sys self+children)/wall/{cores} cores; baseline = pure CPU loop "
                 "in 2 processes on this machine"},
    ]


def run() -> list[dict]:
    """All export benchmark rows."""
    return _big_rows() + _batch_rows()


if __name__ == "__main__":
    for row in run():
        print(row)

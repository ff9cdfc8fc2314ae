"""The batch CLI against plain baselines, measured in the same run, interleaved.

Rows:

- ``khabar validate`` of 1,000 small packages (all cores, and ``-j 1``) against a
  plain zip CRC check of the same files (``zipfile.testzip`` in one Python
  process); both are whole processes, interpreter start included. Ratio = validate
  / CRC check. What each includes: the CRC check is the interpreter start, the
  ``zipfile`` import, and per file the central directory parse plus the inflate and
  CRC-32 of every member, on one core. ``validate`` is the interpreter start, the
  CLI's imports, the worker pool's start (one forked worker per core; ``-j 1``: none,
  the same one core as the CRC check) and per file everything the hardened reader
  checks (end records and directory limits, names, overlaps, the manifest and the
  SHA-256 of every entry as well as zipfile's CRC-32, YAML front matter, NFC and
  control characters of every field) plus the article validation and the report.
- Process start: ``khabar --version`` (the whole argument parser) against
  ``python -c "import zipfile"`` (the CRC check's start).
- ``khabar check`` cold, one 10,000-word Hindi article (``bench/data/real/hi_dev.txt``,
  ``--suggestions 5``): start-up, dictionaries, checking and suggestions.
- HTML rendering (:func:`render.html.markdown_html`, and the whole HTML export of
  an article) against python-markdown alone on the same 10,000-word bodies (every
  run a different body, so no cache helps). Ratio = ours / python-markdown.
- ``khabar check`` and ``khabar export`` of 40 articles with one worker and with
  one per core (wall time, speed-up).

Medians of interleaved runs. ``python bench/bench_cli.py`` prints the rows.
"""

from __future__ import annotations

import copy
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"
PACKAGES = 1000
ARTICLES = 40
RUNS = 3
CRC_CHECK = (
    "import sys, zipfile\n"
    "for name in sys.argv[1:]:\n"
    "    with zipfile.ZipFile(name) as z:\n"
    "        assert z.testzip() is None\n"
)


def _env(tmp: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(SRC), "KHABAR_LANG": "en",
            "KHABAR_CONFIG_DIR": str(tmp / "c"), "KHABAR_DATA_DIR": str(tmp / "d"),
            "KHABAR_LOG_DIR": str(tmp / "l"), "KHABAR_ENCHANT_DIR": str(tmp / "e")}


def _varied(article, i: int, rng: random.Random):
    """A copy of ``article`` with its own id, headline and some changed sentences."""
    a = copy.deepcopy(article)
    a.id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    a.headline = f"{a.headline} {i}"
    a.body = a.body.replace("।", f" {rng.randrange(10**6)}।", 4)
    return a


def make_packages(folder: Path, count: int) -> list[str]:
    """``count`` small, different, valid packages (the sample story, one photo)."""
    sys.path.insert(0, str(SRC))
    from khabar_editor.app.sample import sample_package
    from khabar_editor.package import write_package

    rng = random.Random(15)
    base = sample_package()
    names = []
    for i in range(count):
        pkg = copy.deepcopy(base)  # its own revision log: one save each
        pkg.article = _varied(base.article, i, rng)
        path = folder / f"p{i:04}.khabar"
        write_package(path, pkg, who="bench")
        names.append(str(path))
    return names


CPU: dict[str, float] = {}
"""Median CPU seconds (user + system, the process and its workers) of the commands of
the last :func:`_interleaved` call: on a shared machine the wall time depends on what
else runs, the CPU time much less."""


def _run(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the process and its children) of one run."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _wall(cmd: list[str], env: dict[str, str]) -> float:
    return _run(cmd, env)[0]


def _interleaved(commands: dict[str, list[str]], env: dict[str, str], runs: int = RUNS
                 ) -> dict[str, float]:
    """Median wall seconds of each command, the commands taking turns."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, cmd in commands.items():
            wall, used = _run(cmd, env)
            times[name].append(wall)
            cpu[name].append(used)
    CPU.clear()
    CPU.update({name: statistics.median(values) for name, values in cpu.items()})
    return {name: statistics.median(values) for name, values in times.items()}


def _bodies(count: int) -> list[str]:
    sys.path.insert(0, str(HERE))
    from bench_package import _body

    return [_body(random.Random(seed)) for seed in range(count)]


def render_ratios() -> tuple[float, float, float, float]:
    """(markdown_html ms, HTML export ms, python-markdown ms) medians, different bodies."""
    import markdown

    from khabar_editor.app.sample import sample_package
    from khabar_editor.exporters import ExportContext
    from khabar_editor.exporters.registry import get_exporter
    from khabar_editor.render.html import MARKDOWN_EXTENSIONS, markdown_html

    bodies = _bodies(3 * RUNS + 3)
    exporter, context = get_exporter("html"), ExportContext()
    base = sample_package()
    ours, export, plain = [], [], []
    for i in range(RUNS * 3):
        body = bodies[i]
        started = time.perf_counter()
        markdown.markdown(body, extensions=list(MARKDOWN_EXTENSIONS))
        plain.append(time.perf_counter() - started)
        started = time.perf_counter()
        markdown_html(body + f"\n\n{i}a")
        ours.append(time.perf_counter() - started)
        pkg = copy.copy(base)
        pkg.article = copy.deepcopy(base.article)
        pkg.article.body = body + f"\n\n{i}b"
        started = time.perf_counter()
        exporter.export(pkg, context)
        export.append(time.perf_counter() - started)
    words = len(bodies[0].split())
    return (statistics.median(ours) * 1000, statistics.median(export) * 1000,
            statistics.median(plain) * 1000, words)


def make_articles(folder: Path, count: int) -> list[str]:
    """``count`` different .md articles for check."""
    from khabar_editor.app.sample import sample_package
    from khabar_editor.article.frontmatter import to_markdown

    rng = random.Random(40)
    base = sample_package().article
    names = []
    for i in range(count):
        path = folder / f"a{i:03}.md"
        path.write_text(to_markdown(_varied(base, i, rng)), encoding="utf-8")
        names.append(str(path))
    return names


def start_rows(env: dict[str, str], khabar: list[str]) -> list[dict]:
    """Process start (``khabar --version``) and ``khabar check`` cold on 10k words."""
    article = HERE / "data" / "real" / "hi_dev.txt"
    commands = {"python": [sys.executable, "-c", "import zipfile"],
                "start": [*khabar, "--version"]}
    if article.exists():
        commands["check"] = [*khabar, "check", str(article), "--suggestions", "5"]
    t = _interleaved(commands, env, runs=max(RUNS, 5))
    rows = [{"name": "khabar start (--version)", "value": t["start"] * 1000, "unit": "ms",
             "baseline": round(t["python"] * 1000),
             "note": "baseline: python -c 'import zipfile' (the CRC check's start)"}]
    if "check" in t:
        rows.append({"name": "khabar check, 10k-word Hindi article, cold",
                     "value": t["check"] * 1000, "unit": "ms", "target": "<= 1000 ms",
                     "note": "--suggestions 5, start-up included"})
    return rows


def run() -> list[dict]:
    """Rows for bench/run.py."""
    sys.path.insert(0, str(SRC))
    from khabar_editor.cli.parallel import default_jobs

    cores = default_jobs()
    rows: list[dict] = []
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        env = _env(tmp)
        (tmp / "pk").mkdir()
        packages = make_packages(tmp / "pk", PACKAGES)
        khabar = [sys.executable, "-m", "khabar_editor.cli.main"]
        t = _interleaved({
            "crc": [sys.executable, "-c", CRC_CHECK, *packages],
            "validate": [*khabar, "validate", *packages],
            "validate1": [*khabar, "validate", "-j", "1", *packages],
        }, env)
        rows.append({"name": f"validate {PACKAGES} packages ({cores} cores)",
                     "value": t["validate"] * 1000, "unit": "ms", "target": "<= 3x CRC check",
                     "baseline": round(t["crc"] * 1000),
                     "note": f"ratio {t['validate'] / t['crc']:.2f}x a zip CRC check (baseline); "
                             f"CPU {CPU['validate']:.2f} s vs {CPU['crc']:.2f} s "
                             f"({CPU['validate'] / CPU['crc']:.2f}x), load {os.getloadavg()[0]:.1f}"})
        rows.append({"name": f"validate {PACKAGES} packages (-j 1)",
                     "value": t["validate1"] * 1000, "unit": "ms",
                     "baseline": round(t["crc"] * 1000),
                     "note": f"ratio {t['validate1'] / t['crc']:.2f}x the CRC check; CPU "
                             f"{CPU['validate1'] / CPU['crc']:.2f}x"})
        rows += start_rows(env, khabar)
        ours, export, plain, words = render_ratios()
        rows.append({"name": "markdown_html (render + sanitize)", "value": ours, "unit": "ms",
                     "target": "<= 2x python-markdown", "baseline": round(plain, 1),
                     "note": f"ratio {ours / plain:.2f}x; ~{words} words, a new body each run"})
        rows.append({"name": "HTML export of one article", "value": export, "unit": "ms",
                     "target": "<= 2x python-markdown", "baseline": round(plain, 1),
                     "note": f"ratio {export / plain:.2f}x python-markdown alone"})
        (tmp / "md").mkdir()
        articles = make_articles(tmp / "md", ARTICLES)
        out1, outn = tmp / "out1", tmp / "outn"
        t = _interleaved({
            "check1": [*khabar, "check", "-j", "1", *articles],
            "checkn": [*khabar, "check", *articles],
            "export1": [*khabar, "export", "-j", "1", "-f", "html,text", "--overwrite",
                        "-o", str(out1), *packages[:ARTICLES]],
            "exportn": [*khabar, "export", "-f", "html,text", "--overwrite", "-o", str(outn),
                        *packages[:ARTICLES]],
        }, env)
        for what in ("check", "export"):
            one, many = t[f"{what}1"], t[f"{what}n"]
            rows.append({"name": f"{what} {ARTICLES} articles, {cores} cores",
                         "value": many * 1000, "unit": "ms", "baseline": round(one * 1000),
                         "note": f"baseline -j 1; speed-up {one / many:.2f}x on {cores} cores"})
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)

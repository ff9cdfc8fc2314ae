"""Black-box start, keystroke -> preview and keystroke -> echo under Xvfb (issue #15).

Each editor runs as a user would start it, on its own X server (Xvfb, started and
stopped here); keys go in through XTEST and every time is read from the screen's
pixels (see ``bench/blackbox/``). Compared in the same run: a bare PySide6 window
with a QPlainTextEdit, Khabar Editor, and ReText and Ghostwriter where installed
(``bench/blackbox/setup.sh``). Runs are interleaved (A B C D A B C D ...).

Settings (environment variable, or ``--option`` when run directly):

- ``BLACKBOX_PARTS``  ``start,typing`` (default both)
- ``BLACKBOX_APPS``   ``bare,khabar,retext,ghostwriter``
- ``BLACKBOX_SIZES``  article sizes in words for typing, ``1000,10000,50000,100000``
- ``BLACKBOX_STARTS`` start-up runs per app (default 7)
- ``BLACKBOX_KHABAR`` git revision of Khabar Editor to measure (default ``HEAD``,
  extracted to a temporary folder, since others edit the work tree); ``worktree``
  measures the files as they are. Either is byte-compiled first, as an installed
  editor is, and runs with its settings in the user's own folders (no
  ``KHABAR_*_DIR`` overrides)
- ``BLACKBOX_SHOTS``  folder for screenshots of each typing session
- ``BLACKBOX_RAW``    file for every sample as JSON
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from blackbox import apps as bb_apps  # noqa: E402
from blackbox import articles, measure  # noqa: E402

START_WORDS = 10_000
DEFAULTS = {"parts": "start,typing", "apps": "bare,khabar,retext,ghostwriter",
            "sizes": "1000,10000,50000,100000", "starts": "7", "khabar": "HEAD",
            "shots": "", "raw": ""}
ECHO_ROUNDS = 30


def _setting(name: str) -> str:
    return os.environ.get(f"BLACKBOX_{name.upper()}", DEFAULTS[name])


def _short(app: bb_apps.App) -> str:
    return app.name.split()[0].lower()


def p95(values: list[float]) -> float:
    """Nearest-rank 95th percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def _ms(value: float | None) -> float | None:
    return None if value is None else value * 1000


# -- the X server --------------------------------------------------------------------

class Xvfb:
    """An Xvfb server on the first free display number from 90 up; stopped on exit."""

    def __init__(self) -> None:
        self.proc: subprocess.Popen | None = None
        self.name = ""

    def __enter__(self) -> Xvfb:
        for number in range(90, 140):
            if Path(f"/tmp/.X{number}-lock").exists() or Path(f"/tmp/.X11-unix/X{number}").exists():
                continue
            self.proc = subprocess.Popen(
                ["Xvfb", f":{number}", "-screen", "0", "1600x1000x24", "-nolisten", "tcp",
                 "-noreset"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            socket = Path(f"/tmp/.X11-unix/X{number}")
            deadline = time.monotonic() + 15
            while time.monotonic() < deadline and self.proc.poll() is None:
                if socket.exists():
                    self.name = f":{number}"
                    time.sleep(0.2)
                    return self
                time.sleep(0.05)
            self._stop()  # lost a race for this number, or it failed: try the next
        raise RuntimeError("could not start Xvfb on any display from :90 to :139")

    def _stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None

    def __exit__(self, *exc: object) -> None:
        self._stop()


# -- parts ---------------------------------------------------------------------------

class Bench:
    """One black-box run: the apps, their homes, the articles and the X server."""

    def __init__(self, tmp: Path, display: measure.Display, display_name: str,
                 chosen: list[bb_apps.App]) -> None:
        self.tmp = tmp
        self.display = display
        self.display_name = display_name
        self.apps = chosen
        self.fontconfig = bb_apps.write_fontconfig(tmp / "fontconfig")
        self.raw: dict = {"start": {}, "typing": {}}

    def env(self, app: bb_apps.App) -> dict[str, str]:
        return bb_apps.make_env(app, self.tmp / "homes" / _short(app), self.display_name,
                                self.fontconfig)

    def log(self, app: bb_apps.App) -> Path:
        return self.tmp / f"{_short(app)}.log"

    def starts(self, file: Path, rounds: int) -> dict[str, list[dict]]:
        """Interleaved start-ups (one warm-up each, not counted), order rotated per round."""
        results: dict[str, list[dict]] = {app.name: [] for app in self.apps}
        for app in self.apps:
            measure.start_once(self.display, app, file, self.env(app), self.log(app))
        for round_no in range(rounds):
            shift = round_no % len(self.apps)
            for app in self.apps[shift:] + self.apps[:shift]:
                results[app.name].append(
                    measure.start_once(self.display, app, file, self.env(app), self.log(app)))
        self.raw["start"] = results
        return results

    def typing(self, files: dict[int, tuple[Path, int]], shots: Path | None
               ) -> dict[tuple[str, int], measure.Session]:
        """One session per app and size; apps interleaved within each size."""
        out = {}
        for index, (size, (file, _words)) in enumerate(sorted(files.items())):
            preview_rounds = 8 if size <= 10_000 else 6
            shift = index % len(self.apps)
            for app in self.apps[shift:] + self.apps[:shift]:
                session = measure.typing_session(
                    self.display, app, file, self.env(app), self.log(app),
                    preview_rounds=preview_rounds, echo_rounds=ECHO_ROUNDS,
                    seed=size, shot_dir=shots)
                out[(app.name, size)] = session
                self.raw["typing"][f"{app.name} {size}"] = {
                    k: v for k, v in vars(session).items() if k != "shots"}
        return out


# -- rows ----------------------------------------------------------------------------

def _start_rows(results: dict[str, list[dict]], apps: list[bb_apps.App], words: int,
                load: str) -> list[dict]:
    rows = []
    maps = {name: [r["map"] for r in runs if "map" in r] for name, runs in results.items()}
    paints = {name: [r["paint"] for r in runs if "paint" in r] for name, runs in results.items()}
    med_map = {n: statistics.median(v) * 1000 for n, v in maps.items() if v}
    med_paint = {n: statistics.median(v) * 1000 for n, v in paints.items() if v}
    bare, khabar = "bare PySide6", "Khabar Editor"
    for app in apps:
        runs = results.get(app.name, [])
        errors = sorted({r["error"] for r in runs if "error" in r})
        err = f"; failures: {', '.join(errors)}" if errors else ""
        if app.name in med_map:
            ratio = f"; {med_map[app.name] / med_map[bare]:.2f}x bare" if bare in med_map else ""
            rows.append({"name": f"start -> window mapped: {app.name}",
                         "value": med_map[app.name], "unit": "ms",
                         "target": "<= 1.3x bare" if app.name == khabar else "",
                         "baseline": round(med_map[bare]) if bare in med_map else "",
                         "note": f"median of {len(maps[app.name])}, p95 "
                                 f"{p95(maps[app.name]) * 1000:.0f} ms{ratio}{err}"})
        else:
            rows.append({"name": f"start -> window mapped: {app.name}", "value": "failed",
                         "unit": "", "note": err.lstrip("; ")})
        if app.name in med_paint:
            gaps = [r["paint"] - r["map"] for r in runs if "paint" in r]
            rows.append({"name": f"start -> {words:,}-word text painted: {app.name}",
                         "value": med_paint[app.name], "unit": "ms",
                         "target": "< ReText, Ghostwriter" if app.name == khabar else "",
                         "baseline": round(med_paint[bare]) if bare in med_paint else "",
                         "note": f"median of {len(paints[app.name])}, p95 "
                                 f"{p95(paints[app.name]) * 1000:.0f} ms; mapped -> painted "
                                 f"median {statistics.median(gaps) * 1000:.0f} ms{err}"})
    if khabar in med_map and bare in med_map:
        ratio = med_map[khabar] / med_map[bare]
        rows.append({"name": "start ratio: Khabar mapped / bare mapped", "value": ratio,
                     "unit": "x", "target": "<= 1.3", "baseline": 1.0,
                     "note": f"{'met' if ratio <= 1.3 else 'NOT met'}; same run, interleaved"})
    for peer in ("ReText", "Ghostwriter"):
        if khabar in med_paint and peer in med_paint:
            ratio = med_paint[khabar] / med_paint[peer]
            rows.append({"name": f"start ratio: Khabar painted / {peer} painted",
                         "value": ratio, "unit": "x", "target": "< 1",
                         "baseline": round(med_paint[peer]),
                         "note": f"{'met' if ratio < 1 else 'NOT met'}; {load}"})
    return rows


def _typing_rows(sessions: dict[tuple[str, int], measure.Session], apps: list[bb_apps.App],
                 files: dict[int, tuple[Path, int]]) -> list[dict]:
    rows: list[dict] = []
    khabar, ghost, bare = "Khabar Editor", "Ghostwriter", "bare PySide6"
    sizes = sorted(files)
    for size in sizes:
        words = files[size][1]
        label = f"{size // 1000}k words"
        for app in apps:
            s = sessions.get((app.name, size))
            if s is None or app.preview is None:
                continue
            name = f"keystroke -> preview, {label}: {app.name}"
            if not s.preview:
                rows.append({"name": name, "value": "failed", "unit": "",
                             "note": s.error or f"{s.preview_misses} rounds without a change"})
                continue
            g = sessions.get((ghost, size))
            base = round(statistics.median(g.preview) * 1000) if g and g.preview else ""
            target = ""
            if app.name == khabar:
                target = ("<= 100 ms, < Ghostwriter" if size == 10_000 else "< Ghostwriter")
            rows.append({"name": name, "value": statistics.median(s.preview) * 1000,
                         "unit": "ms", "target": target, "baseline": base,
                         "note": f"median of {len(s.preview)}, p95 {p95(s.preview) * 1000:.0f} "
                                 f"ms; {words:,} words; baseline Ghostwriter"
                                 + (f"; {s.preview_misses} keys without a change in 10 s"
                                    if s.preview_misses else "")})
    for size in sizes:
        label = f"{size // 1000}k words"
        for app in apps:
            s = sessions.get((app.name, size))
            if s is None:
                continue
            name = f"keystroke -> echo p95, {label}: {app.name}"
            if not s.echo:
                rows.append({"name": name, "value": "failed", "unit": "",
                             "note": s.error or f"{s.echo_misses} keys without a change"})
                continue
            b = sessions.get((bare, size))
            base = round(p95(b.echo) * 1000, 1) if b and b.echo else ""
            rows.append({"name": name, "value": p95(s.echo) * 1000, "unit": "ms",
                         "target": "", "baseline": base,
                         "note": f"{len(s.echo)} keys, median {statistics.median(s.echo) * 1000:.0f}"
                                 f" ms, max {max(s.echo) * 1000:.0f} ms; baseline bare PySide6"
                                 + (f"; {s.echo_misses} keys without a change in 10 s"
                                    if s.echo_misses else "")
                                 + (f"; {s.error}" if s.error else "")})
    if sizes and sizes[0] != sizes[-1]:
        small, big = sizes[0], sizes[-1]
        for app in apps:
            a, b = sessions.get((app.name, small)), sessions.get((app.name, big))
            if a and b and a.echo and b.echo:
                ratio = p95(b.echo) / p95(a.echo)
                rows.append({"name": f"echo p95 growth {big // 1000}k / {small // 1000}k words: "
                                     f"{app.name}", "value": ratio, "unit": "x",
                             "target": "<= 1.2" if app.name == khabar else "",
                             "note": f"{p95(b.echo) * 1000:.0f} ms / {p95(a.echo) * 1000:.0f} ms"
                                     + ("; met" if app.name == khabar and ratio <= 1.2 else
                                        "; NOT met" if app.name == khabar else "")})
    memory_size = 10_000 if 10_000 in files else sizes[0] if sizes else None
    for app in apps:
        s = sessions.get((app.name, memory_size)) if memory_size else None
        if s is not None and s.rss_tree is not None:
            rows.append({"name": f"memory after loading {memory_size // 1000}k words: {app.name}",
                         "value": s.rss_tree, "unit": "MiB",
                         "note": f"VmRSS summed over the process tree; main process "
                                 f"{s.rss_main:.0f} MiB"})
    for (name, size), s in sessions.items():
        if s.error:
            rows.append({"name": f"session error, {size // 1000}k words: {name}",
                         "value": "error", "unit": "", "note": s.error})
    return rows


def _load() -> str:
    one, five, _fifteen = os.getloadavg()
    return f"load average {one:.1f}/{five:.1f} on {os.cpu_count()} cores"


def run() -> list[dict]:
    """Rows for bench/run.py."""
    parts = {p.strip() for p in _setting("parts").split(",") if p.strip()}
    wanted = [w.strip().lower() for w in _setting("apps").split(",") if w.strip()]
    sizes = sorted({int(s) for s in _setting("sizes").split(",") if s.strip()})
    starts = int(_setting("starts"))
    shots = Path(_setting("shots")) if _setting("shots") else None
    raw_path = Path(_setting("raw")) if _setting("raw") else None
    if not shutil.which("Xvfb"):
        return [{"name": "black-box benchmarks", "value": "not run", "unit": "",
                 "note": "Xvfb not installed (run bench/blackbox/setup.sh)"}]
    every = {_short(app): app for app in bb_apps.all_apps()}
    rows: list[dict] = []
    chosen = []
    for key in wanted:
        app = every.get(key)
        if app is None:
            rows.append({"name": f"app {key}", "value": "unknown", "unit": "",
                         "note": f"choose from {', '.join(every)}"})
        elif not app.installed:
            rows.append({"name": app.name, "value": "not installed", "unit": "",
                         "note": app.missing})
        else:
            chosen.append(app)
    if not chosen:
        return rows
    load_before = _load()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="khabar-blackbox-") as name:
        tmp = Path(name)
        snapshot = bb_apps.khabar_snapshot(_setting("khabar"), tmp / "khabar-src")
        bb_apps.KHABAR_SRC[:] = [snapshot] if snapshot else []
        if any(_short(app) == "khabar" for app in chosen):
            bb_apps.compile_sources(snapshot or bb_apps.ROOT / "src")
        revision = (subprocess.run(["git", "-C", str(bb_apps.ROOT), "rev-parse", "--short",
                                    _setting("khabar")], capture_output=True, text=True,
                                   check=False).stdout.strip() if snapshot else "work tree")
        with Xvfb() as xvfb:
            display = measure.Display(xvfb.name)
            try:
                bench = Bench(tmp, display, xvfb.name, chosen)
                if "start" in parts:
                    file, words = articles.write_articles(tmp / "articles",
                                                          [START_WORDS])[START_WORDS]
                    results = bench.starts(file, starts)
                    rows += _start_rows(results, chosen, words, load_before)
                if "typing" in parts and sizes:
                    files = articles.write_articles(tmp / "articles", sizes)
                    sessions = bench.typing(files, shots)
                    rows += _typing_rows(sessions, chosen, files)
            finally:
                display.close()
                bb_apps.KHABAR_SRC.clear()
        if raw_path is not None:
            raw_path.write_text(json.dumps(bench.raw, indent=1, default=str), encoding="utf-8")
    grabs = measure.GRAB_TIMES
    rows.append({"name": "black-box run", "value": time.perf_counter() - started, "unit": "s",
                 "note": f"Khabar Editor at {revision}; probe (one screen grab) median "
                         f"{statistics.median(grabs) * 1000 if grabs else 0:.1f} ms; "
                         f"before: {load_before}; after: {_load()}"})
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for key, default in DEFAULTS.items():
        parser.add_argument(f"--{key}", default=None, help=f"(default {default!r})")
    args = parser.parse_args(argv)
    for key in DEFAULTS:
        value = getattr(args, key)
        if value is not None:
            os.environ[f"BLACKBOX_{key.upper()}"] = value
    for row in run():
        print(json.dumps(row, ensure_ascii=False, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())

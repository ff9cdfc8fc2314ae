"""Black-box measurements of one editor under an X server: what a user would see.

Nothing here talks to the editor: it is started as a process, its window is found by
``_NET_WM_PID``, keys are sent through XTEST, and every result is read back from the
screen's pixels. Times are ``time.perf_counter`` seconds measured in this process.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageChops

from .apps import App, Region
from .xlib import Display, Geometry

POLL = 0.002  # seconds between probes


@dataclass
class Proc:
    """A started editor: its process group is killed, with every descendant."""
    popen: subprocess.Popen
    started: float
    log: Path

    @property
    def pid(self) -> int:
        return self.popen.pid

    def alive(self) -> bool:
        return self.popen.poll() is None

    def tree(self) -> list[int]:
        """This process and all its descendants (from /proc)."""
        children: dict[int, list[int]] = {}
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(entry))
        out, todo = [], [self.pid]
        while todo:
            pid = todo.pop()
            out.append(pid)
            todo.extend(children.get(pid, []))
        return out

    def kill(self) -> None:
        pids = self.tree() if self.alive() else []
        try:
            os.killpg(self.pid, signal.SIGKILL)  # our own session: the group we started
        except OSError:
            pass
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        try:
            self.popen.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass


def launch(app: App, file: Path, env: dict[str, str], log: Path) -> Proc:
    """Start ``app`` on ``file`` in a new session (its own process group)."""
    handle = open(log, "ab")  # noqa: SIM115 - the child keeps it
    started = time.perf_counter()
    popen = subprocess.Popen(app.argv(file), env=env, stdin=subprocess.DEVNULL, stdout=handle,
                             stderr=subprocess.STDOUT, start_new_session=True)
    handle.close()
    return Proc(popen, started, log)


def rss_mib(pids: list[int]) -> float:
    """Sum of VmRSS over ``pids`` in MiB (processes that are gone count 0)."""
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


# -- pixels --------------------------------------------------------------------------

def box(geom: Geometry, region: Region) -> tuple[int, int, int, int]:
    """A window-relative fractional region in screen pixels: (x, y, width, height)."""
    left, top, right, bottom = region
    x0, y0 = geom.x + int(geom.width * left), geom.y + int(geom.height * top)
    x1, y1 = geom.x + int(geom.width * right), geom.y + int(geom.height * bottom)
    return x0, y0, x1 - x0, y1 - y0


def ink_lines(image: Image.Image) -> int:
    """Lines of text in ``image``: runs of rows where at least 2 % of the pixels differ
    clearly from the background (the most common grey), light or dark theme alike."""
    grey = image.convert("L")
    histogram = grey.histogram()
    background = max(range(256), key=histogram.__getitem__)
    ink = grey.point([255 if abs(v - background) > 60 else 0 for v in range(256)])
    rows = ink.resize((1, ink.height), Image.Resampling.BOX).getdata()
    lines, in_line = 0, False
    for value in rows:
        inked = value >= 255 * 0.02
        if inked and not in_line:
            lines += 1
        in_line = inked
    return lines


def change_span(before: Image.Image, after: Image.Image) -> tuple[int, int]:
    """Width and height of the box around every changed pixel (0, 0 when equal)."""
    bbox = ImageChops.difference(before, after).getbbox()
    if bbox is None:
        return 0, 0
    return bbox[2] - bbox[0], bbox[3] - bbox[1]


def significant(before: Image.Image, after: Image.Image, min_width: int) -> bool:
    """A change at least ``min_width`` pixels wide: a blinking caret (1-3 columns) is not."""
    width, _height = change_span(before, after)
    return width >= min_width


CARET_SAFE_WIDTH = 5


# -- waits ---------------------------------------------------------------------------

def wait_mapped(display: Display, proc: Proc, timeout: float) -> tuple[float, Geometry] | None:
    """Seconds from spawn until the process has a viewable top-level window."""
    deadline = proc.started + timeout
    while time.perf_counter() < deadline:
        found = display.viewable_windows({proc.pid})
        if found:
            return time.perf_counter() - proc.started, found[0]
        if not proc.alive():
            return None
        time.sleep(POLL)
    return None


def wait_painted(display: Display, proc: Proc, app: App, geom: Geometry, timeout: float,
                 min_lines: int = 8) -> float | None:
    """Seconds from spawn until the text region of the app's largest window shows
    ``min_lines`` lines of text (a dialog or splash mapped first is not the editor)."""
    deadline = proc.started + timeout
    while time.perf_counter() < deadline:
        now = time.perf_counter()
        windows = display.viewable_windows({proc.pid})
        geom = windows[0] if windows else geom
        image = display.grab(*box(geom, app.text))
        if image is not None and ink_lines(image) >= min_lines:
            return now - proc.started  # the grab began at ``now``: the text was there
        if not proc.alive():
            return None
        time.sleep(POLL)
    return None


def wait_quiet(display: Display, regions: list[tuple[int, int, int, int]], quiet: float,
               timeout: float) -> bool:
    """Until none of ``regions`` changed (beyond a caret blink) for ``quiet`` seconds."""
    deadline = time.perf_counter() + timeout
    last = [display.grab(*r) for r in regions]
    since = time.perf_counter()
    while time.perf_counter() < deadline:
        time.sleep(0.02)
        now = [display.grab(*r) for r in regions]
        if any(a is None or b is None or significant(a, b, CARET_SAFE_WIDTH)
               for a, b in zip(last, now)):
            since = time.perf_counter()
            last = now
        elif time.perf_counter() - since >= quiet:
            return True
    return False


def time_to_change(display: Display, region: tuple[int, int, int, int], before: Image.Image,
                   sent: float, timeout: float) -> float | None:
    """Seconds from ``sent`` until ``region`` differs from ``before`` beyond a caret blink."""
    deadline = sent + timeout
    while True:
        start = time.perf_counter()
        image = display.grab(*region)
        end = time.perf_counter()
        GRAB_TIMES.append(end - start)
        if image is not None and significant(before, image, CARET_SAFE_WIDTH):
            # the server read the pixels at some moment during this grab: take the middle
            return max((start + end) / 2 - sent, 0.0)
        if start > deadline:
            return None
        time.sleep(POLL / 2)


GRAB_TIMES: list[float] = []  # how long each probe took: the resolution of every timing


# -- one start -----------------------------------------------------------------------

def start_once(display: Display, app: App, file: Path, env: dict[str, str], log: Path,
               timeout: float = 30.0) -> dict:
    """Spawn -> window mapped, spawn -> article text painted (seconds), then kill."""
    proc = launch(app, file, env, log)
    try:
        mapped = wait_mapped(display, proc, timeout)
        if mapped is None:
            return {"error": "no window" if proc.alive() else f"exited {proc.popen.returncode}"}
        painted = wait_painted(display, proc, app, mapped[1], timeout)
        if painted is None:
            return {"map": mapped[0], "error": "text never painted"}
        return {"map": mapped[0], "paint": painted}
    finally:
        proc.kill()


# -- one typing session --------------------------------------------------------------

LETTERS = "khabar"


@dataclass
class Session:
    """Results of one editor session on one article."""
    map: float | None = None
    paint: float | None = None
    rss_tree: float | None = None
    rss_main: float | None = None
    preview: list[float] = field(default_factory=list)
    echo: list[float] = field(default_factory=list)
    preview_misses: int = 0
    echo_misses: int = 0
    error: str = ""
    shots: list[Path] = field(default_factory=list)


def typing_session(display: Display, app: App, file: Path, env: dict[str, str], log: Path,
                   preview_rounds: int, echo_rounds: int, seed: int,
                   shot_dir: Path | None = None, open_timeout: float = 90.0) -> Session:
    """Open ``file``, then keystroke -> preview pixels and keystroke -> echo pixels.

    The caret goes to the end of the one-line lead paragraph (third line). Each
    preview round waits until editor and preview are quiet, types one letter and
    times the first change of the preview region. Each echo round waits until the
    editor is quiet for 0.2 s plus a random 0-0.4 s (a typing rhythm with pauses, so
    keys also land while work scheduled after a pause runs), types one letter and
    times the first change of the editor region wider than a caret.
    """
    out = Session()
    rng = random.Random(seed)
    proc = launch(app, file, env, log)
    try:
        mapped = wait_mapped(display, proc, open_timeout)
        if mapped is None:
            out.error = "no window" if proc.alive() else f"exited {proc.popen.returncode}"
            return out
        out.map, geom = mapped
        out.paint = wait_painted(display, proc, app, geom, open_timeout)
        if out.paint is None:
            out.error = "text never painted"
            return out
        windows = display.viewable_windows({proc.pid})
        geom = display.geometry(windows[0].window) if windows else geom
        if geom is None:
            out.error = "window gone"
            return out
        editor = box(geom, app.editor)
        preview = box(geom, app.preview) if app.preview else None
        watched = [editor] + ([preview] if preview else [])
        wait_quiet(display, watched, 1.5, 60.0)  # loading, preview, proofing settle
        tree = proc.tree()
        out.rss_tree, out.rss_main = rss_mib(tree), rss_mib([proc.pid])
        ex, ey, ew, eh = editor
        display.focus(geom.window, ex + ew // 2, ey + eh // 2)
        time.sleep(0.3)
        for combo in app.to_lead:
            display.key(combo)
            time.sleep(0.05)
        wait_quiet(display, watched, 1.0, 30.0)
        if shot_dir is not None:
            out.shots.append(_shot(display, geom, shot_dir, app, file, "ready"))
        letters = iter(LETTERS * 1000)
        for _ in range(preview_rounds if preview else 0):
            wait_quiet(display, watched, 0.5, 30.0)
            before = display.grab(*preview)
            sent = time.perf_counter()
            display.key(next(letters))
            took = time_to_change(display, preview, before, sent, 10.0)
            if took is None:
                out.preview_misses += 1
            else:
                out.preview.append(took)
        wait_quiet(display, watched, 0.5, 30.0)
        for _ in range(echo_rounds):
            wait_quiet(display, [editor], 0.2, 10.0)
            time.sleep(rng.uniform(0.0, 0.4))
            before = display.grab(*editor)
            sent = time.perf_counter()
            display.key(next(letters))
            took = time_to_change(display, editor, before, sent, 10.0)
            if took is None:
                out.echo_misses += 1
            else:
                out.echo.append(took)
        if shot_dir is not None:
            wait_quiet(display, watched, 0.5, 30.0)
            out.shots.append(_shot(display, geom, shot_dir, app, file, "typed"))
        if not proc.alive():
            out.error = f"exited {proc.popen.returncode} while typing"
        return out
    finally:
        proc.kill()


def _shot(display: Display, geom: Geometry, folder: Path, app: App, file: Path,
          stage: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{app.name.split()[0].lower()}-{file.stem}-{stage}.png"
    image = display.grab(geom.x, geom.y, geom.width, geom.height)
    if image is not None:
        image.save(folder / name)
    return folder / name

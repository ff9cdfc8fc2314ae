"""Markdown highlighting plus proofing underlines, one highlighter per document.

The highlighter paints; it never decides what is wrong. Typing re-highlights only the
edited block (Qt calls :meth:`highlightBlock` for it). Everything bigger (opening a
document, the dictionaries arriving, a word added) goes through a time-sliced pass:
a queue of blocks, visible ones first, worked off from a zero-delay timer for at
most :data:`SLICE_MS` at a time, so the spell pass never holds the GUI thread
longer than a frame.  Proofing findings come
from a provider callable (``paragraph text -> [(start, end, kind)]`` in code
points) set with :meth:`MarkdownHighlighter.set_findings_provider`. Every
underline is widened to whole grapheme clusters first: a format that starts or
ends inside a cluster breaks Devanagari shaping (detached vowel signs, dotted
circles).
"""

from __future__ import annotations

import logging
import re
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable
from itertools import chain
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from khabar_editor.ui.textpos import snap_to_graphemes, utf16_positions

log = logging.getLogger(__name__)

Span = tuple[int, int, str]
FindingsProvider = Callable[[str], Iterable[Any]]
Preparer = Callable[[str, float], bool]
VisibleBlocks = Callable[[], tuple[int, int]]
SLICE_MS = 8.0
"""Longest stretch of proofing work done on the GUI thread in one go (half a frame)."""
SMALL_EDIT = 64
"""An edit of at most this many characters (typing, a word pasted) is proofed at once."""

_HEADING = re.compile(r"^#{1,6}\s.*$")
_QUOTE = re.compile(r"^\s*>.*$")
_LIST = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s")
_TABLE = re.compile(r"^\s*\|.*$")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPH = re.compile(r"(?<![*_])([*_])(?=\S)([^*_]+?)(?<=\S)\1(?![*_])")
_LINK = re.compile(r"!?\[[^\[\]\n]*\]\([^()\n]*\)")  # never scans past the next bracket
_CACHE_SIZE = 2000

UNDERLINE_COLOURS = {"spelling": "#d01c1c", "typography": "#1f6fd1", "typo": "#1f6fd1",
                     "consistency": "#b05f00"}
"""The one table of proofing underline colours: the body and the metadata fields."""


def underline_colour(kind: str) -> QColor:
    """The underline colour of a finding of ``kind`` (``typo.double_space`` is a ``typo``)."""
    return QColor(UNDERLINE_COLOURS.get(kind) or UNDERLINE_COLOURS.get(
        kind.split(".")[0], UNDERLINE_COLOURS["typography"]))


def _fmt(colour: str, *, bold: bool = False, italic: bool = False) -> QTextCharFormat:
    f = QTextCharFormat()
    f.setForeground(QColor(colour))
    if bold:
        f.setFontWeight(QFont.Weight.Bold)
    if italic:
        f.setFontItalic(True)
    return f


def _as_span(item: Any) -> Span | None:
    """Accept ``(start, end, kind)`` tuples or objects with ``.start/.end/.kind``."""
    try:
        if isinstance(item, tuple):
            start, end, kind = item[0], item[1], item[2] if len(item) > 2 else "spelling"
        else:
            start, end = item.start, item.end
            kind = getattr(item, "kind", "spelling")
        kind = getattr(kind, "value", kind)
        return int(start), int(end), str(kind)
    except (AttributeError, TypeError, ValueError, IndexError):
        return None


class MarkdownHighlighter(QSyntaxHighlighter):
    """Light Markdown colouring and wavy proofing underlines on whole clusters."""

    def __init__(self, document: QTextDocument, dark: bool = False) -> None:
        # Connected before Qt's own handler (setDocument below), so the size of each
        # edit is known before Qt asks for the blocks to be highlighted.
        super().__init__(None)
        self._block_count = document.blockCount()
        self._edit_blocks: tuple[int, int] | None = None
        document.contentsChange.connect(self._before_highlight)
        self._provider: FindingsProvider | None = None
        self._prepare: Preparer | None = None
        self._cache: OrderedDict[str, list[Span]] = OrderedDict()
        self.repainting = False  # True while a repaint we asked for runs (not an edit)
        self.visible_blocks: VisibleBlocks | None = None
        """Returns the first and last block numbers on screen (they are proofed first)."""
        self.blocks_highlighted = 0
        """How many times a block was highlighted (a measure of the work done)."""
        self.longest_slice_ms = 0.0
        """The longest stretch the time-sliced pass held the GUI thread (benchmarks)."""
        self.longest_slice_cpu_ms = 0.0
        """The same in CPU time of the GUI thread (what a busy machine does not inflate)."""
        self.slice_cpu_ms: deque[float] = deque(maxlen=100_000)
        """GUI-thread CPU ms of each timed slice (benchmarks: max and p99)."""
        self._queue: deque[int] = deque()
        self._queued: set[int] = set()
        self._budget_until = 0.0
        self._slice_timer = QTimer(self)
        self._slice_timer.setSingleShot(True)
        self._slice_timer.setInterval(0)
        self._slice_timer.timeout.connect(self._work_slice)
        self._every_block = False  # the pass repaints every block (colours changed)
        self._u16: list[int] | None = None  # UTF-16 table of the block being highlighted
        self.set_dark(dark, rehighlight=False)
        self.setDocument(document)
        self.setParent(document)

    def set_dark(self, dark: bool, rehighlight: bool = True) -> None:
        """Pick colours that read well on a light or a dark background."""
        c = ("#79b8ff", "#a0a0a0", "#e3a857", "#c792ea", "#9ccc65") if dark else \
            ("#1c4f9c", "#666666", "#9a5b00", "#7a3e9d", "#2e7d32")
        self._heading = _fmt(c[0], bold=True)
        self._quote = _fmt(c[1], italic=True)
        self._marker = _fmt(c[2], bold=True)
        self._link = _fmt(c[3])
        self._table = _fmt(c[4])
        if rehighlight:
            self.repaint_all(colours=True)

    def set_findings_provider(self, provider: FindingsProvider | None,
                              prepare: Preparer | None = None) -> None:
        """Set (or clear, with ``None``) where proofing underlines come from.

        ``prepare(text, deadline)``, when given, fills the provider's caches for
        ``text`` until ``time.perf_counter()`` passes ``deadline`` and returns
        whether it finished; the pass uses it to split a very long paragraph's
        first check into short steps.
        """
        self._provider = provider
        self._prepare = prepare
        self._cache.clear()
        self.repaint_all()

    def invalidate_findings(self) -> None:
        """Forget cached findings (the word list changed) and repaint."""
        self._cache.clear()
        self.repaint_all()

    def repaint_all(self, colours: bool = False) -> None:
        """Re-highlight the whole document in time slices, the visible blocks first.

        Only the underlines changed (``colours`` false): a block that has none and
        gets none is left as it is, which spares Qt most of the re-layout.
        """
        doc = self.document()
        if doc is None:
            return
        self._every_block = self._every_block or colours
        count = doc.blockCount()
        first, last = 0, -1
        if self.visible_blocks is not None:
            try:
                first, last = self.visible_blocks()
            except RuntimeError:  # the editor is gone
                first, last = 0, -1
        first = min(max(first, 0), count - 1)
        last = min(max(last, first - 1), count - 1)
        # Built in C (a Python loop over 10,000 blocks held the GUI thread ~10 ms).
        self._queue = deque(chain(range(first, last + 1), range(last + 1, count), range(0, first)))
        self._queued = set(range(count))
        self._work_slice()  # the first slice now: a short document is done at once

    def pending_blocks(self) -> int:
        """Blocks still waiting for the time-sliced pass."""
        return len(self._queue)

    def finish_pending(self) -> None:
        """Work off the whole queue now (tests, benchmarks, before printing)."""
        while self._queue:
            self._work_slice(timed=False)

    def _enqueue(self, number: int) -> None:
        if number not in self._queued:
            self._queued.add(number)
            self._queue.append(number)

    def _before_highlight(self, position: int, removed: int, added: int) -> None:
        """Runs before Qt re-highlights an edit: note how big it is, keep the queue in step."""
        doc = self.document()
        delta = doc.blockCount() - self._block_count
        self._block_count = doc.blockCount()
        self._budget_until = 0.0
        first = doc.findBlock(position).blockNumber()
        if removed + added <= SMALL_EDIT:
            last = doc.findBlock(min(position + added, doc.characterCount() - 1)).blockNumber()
            self._edit_blocks = (first, max(first, last))
        else:
            self._edit_blocks = None
        if delta and self._queue:
            numbers = [n if n <= first else n + delta for n in self._queue]
            self._queue = deque(dict.fromkeys(n for n in numbers if 0 <= n < self._block_count))
            self._queued = set(self._queue)

    def _work_slice(self, timed: bool = True) -> None:
        """Proof and repaint queued blocks for at most SLICE_MS, then yield to the event loop."""
        doc = self.document()
        if doc is None:
            self._queue.clear()
            self._queued.clear()
            return
        started = time.perf_counter()
        cpu_started = time.thread_time()
        deadline = started + SLICE_MS / 1000
        step = 0.0  # the cost of the last block: do not start one that would overrun
        done = 0
        while self._queue:
            step_started = time.perf_counter()
            # Checked before every block, also the ones left as they are (a pass that
            # changes no underline walked all 10,000 blocks of 100k words in one go).
            if timed and done and step_started + step > deadline:
                break
            done += 1
            number = self._queue[0]
            block = doc.findBlockByNumber(number)
            if not block.isValid():
                self._queue.popleft()
                self._queued.discard(number)
                continue
            text = block.text()
            if (timed and self._provider is not None and self._prepare is not None
                    and text not in self._cache and text.strip()):
                try:
                    ready = self._prepare(text, deadline)
                except Exception:  # a proofing bug must never break typing
                    log.exception("Findings preparation failed")
                    ready = True
                if not ready:
                    break  # the rest of this paragraph next slice
            self._queue.popleft()
            self._queued.discard(number)
            if not self._every_block and not self._needs_repaint(block, text):
                step = time.perf_counter() - step_started
                continue
            self._budget_until = float("inf")  # this block is proofed now, whatever it costs
            self.repainting = True
            try:
                self.rehighlightBlock(block)
            finally:
                self.repainting = False
                self._budget_until = 0.0
            step = time.perf_counter() - step_started
            if timed and time.perf_counter() > deadline:
                break
        self._budget_until = 0.0  # the next edit starts with a fresh budget
        if timed:
            cpu_ms = (time.thread_time() - cpu_started) * 1000
            self.longest_slice_ms = max(self.longest_slice_ms,
                                        (time.perf_counter() - started) * 1000)
            self.longest_slice_cpu_ms = max(self.longest_slice_cpu_ms, cpu_ms)
            self.slice_cpu_ms.append(cpu_ms)
        if self._queue and timed:
            self._slice_timer.start()
        if not self._queue:
            self._every_block = False

    def _needs_repaint(self, block: Any, text: str) -> bool:
        """Whether the block's underlines would change (it has some, or will get some)."""
        if self._provider is not None and text.strip() and self._findings(text):
            return True
        return any(r.format.underlineStyle() != QTextCharFormat.UnderlineStyle.NoUnderline
                   for r in block.layout().formats())

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt override
        """Qt calls this for each changed paragraph (``text`` is the block text)."""
        self.blocks_highlighted += 1
        self._markdown(text)
        if self._provider is None or not text.strip():
            return
        if text not in self._cache and not self._may_proof_now():
            # A bulk change (a file opened, a long paste): proof this block in the pass.
            self._enqueue(self.currentBlock().blockNumber())
            self._slice_timer.start()
            return
        for start, end, kind in self._findings(text):
            self._underline(text, start, end, kind)

    def _may_proof_now(self) -> bool:
        """Whether the block being highlighted may be proofed synchronously.

        The block a small edit (typing) touched always may. Otherwise the blocks
        of one change share SLICE_MS; the rest go to the time-sliced pass.
        """
        edit = self._edit_blocks
        if edit is not None and edit[0] <= self.currentBlock().blockNumber() <= edit[1]:
            return True
        now = time.perf_counter()
        if self._budget_until == 0.0:
            self._budget_until = now + SLICE_MS / 1000
        return now <= self._budget_until

    def _to16(self, index: int) -> int:
        """UTF-16 position of code point ``index`` in the block being highlighted."""
        return index if self._u16 is None else self._u16[index]

    def _markdown(self, text: str) -> None:
        # Work per block stays proportional to what is formatted: the UTF-16 table is
        # built once (and only when the block has characters outside the BMP).
        bmp = len(text.encode("utf-16-le")) == 2 * len(text)
        self._u16 = None if bmp else utf16_positions(text)
        to16 = self._to16
        length = to16(len(text))
        for pattern, fmt in ((_HEADING, self._heading), (_QUOTE, self._quote),
                             (_TABLE, self._table)):
            if pattern.match(text):
                self.setFormat(0, length, fmt)
                return
        m = _LIST.match(text)
        if m:
            self.setFormat(0, to16(m.end()), self._marker)
        for pattern, bold in ((_STRONG, True), (_EMPH, False)):
            for m in pattern.finditer(text):
                f = QTextCharFormat()
                if bold:
                    f.setFontWeight(QFont.Weight.Bold)
                else:
                    f.setFontItalic(True)
                a, b = to16(m.start()), to16(m.end())
                self.setFormat(a, b - a, f)
        for m in _LINK.finditer(text):
            a, b = to16(m.start()), to16(m.end())
            self.setFormat(a, b - a, self._link)

    def _findings(self, text: str) -> list[Span]:
        cached = self._cache.get(text)
        if cached is not None:
            self._cache.move_to_end(text)
            return cached
        spans: list[Span] = []
        try:
            for item in self._provider(text) or ():  # type: ignore[misc]
                span = _as_span(item)
                if span and 0 <= span[0] < span[1] <= len(text):
                    spans.append(span)
        except Exception:  # a proofing bug must never break typing
            log.exception("Findings provider failed")
        self._cache[text] = spans
        if len(self._cache) > _CACHE_SIZE:
            self._cache.popitem(last=False)
        return spans

    def _underline(self, text: str, start: int, end: int, kind: str) -> None:
        start, end = _snap_near(text, start, end)
        a, b = self._to16(start), self._to16(end)
        colour = underline_colour(kind)
        pos = a
        while pos < b:
            base = self.format(pos)
            run_end = pos + 1
            while run_end < b and self.format(run_end) == base:
                run_end += 1
            f = QTextCharFormat(base)
            f.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            f.setUnderlineColor(colour)
            f.setProperty(QTextCharFormat.Property.UserProperty, kind)
            self.setFormat(pos, run_end - pos, f)
            pos = run_end


def _snap_near(text: str, start: int, end: int) -> tuple[int, int]:
    """:func:`snap_to_graphemes` looking only at the words around the span.

    A cluster boundary falls before every space (only a Prepend character could
    hold on to it, and the scripts written here have none), so the span is snapped
    within the text between the nearest spaces around it: the cost does not grow
    with the length of the paragraph.
    """
    lo = max(0, text.rfind(" ", 0, start + 1))
    hi = text.find(" ", end)
    hi = len(text) if hi < 0 else hi
    a, b = snap_to_graphemes(text[lo:hi], start - lo, end - lo)
    return a + lo, b + lo

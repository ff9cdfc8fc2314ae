"""Keeps the preview at the part of the story the editor shows (see :mod:`app.scrollmap`)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QPlainTextEdit, QTextBrowser

from khabar_editor.app.scrollmap import (_ATX_HEADING, _FENCE, anchor_pairs, heading_lines,
                                        map_position)

RERENDER_WIDTH_STEP = 40  # px: photos are re-scaled when the pane changes this much


class _HeadingBlocks:
    """The numbers of a document's heading blocks, found again only after it changes.

    The scroll sync runs on every scroll and every range change of either pane
    (hundreds of times while the preview lays out); walking every block of a
    100k-word text each time cost 50-60 ms. The block list is kept per document
    and thrown away on ``contentsChange``; the positions are asked of the layout
    for the headings only, and the position is mapped by bisection.
    """

    def __init__(self, doc: QTextDocument, find, line_edits_keep: bool = False,
                 is_heading=None) -> None:
        self.doc = doc
        self._find = find
        # Preview only: whether one block is a heading. Then an edit is folded into the
        # list by looking at the blocks it replaced (a refresh replaces one paragraph),
        # never by walking the page again.
        self._is_heading = is_heading
        self._blocks: list[int] | None = None
        # Editor only: an edit inside one line that neither was nor becomes a heading
        # or a code fence (typing in a paragraph) keeps the list.
        self._line_edits_keep = line_edits_keep
        self._special: set[int] = set()
        self._block_count = 0
        doc.contentsChange.connect(self._changed)

    def _changed(self, position: int = 0, _removed: int = 0, added: int = 0) -> None:
        if self._blocks is None:
            return
        if self._is_heading is not None:
            self._fold_in(position, added, self._is_heading)
        elif self._line_edits_keep and self._plain_line_edit(position, added):
            return
        elif self._line_edits_keep and self._special == set(self._blocks):
            # No code fence in the text: whether a line is a heading is a matter of the
            # line alone, so a new paragraph (Enter) or a paste is folded in as well.
            if self._fold_in(position, added, _editor_line_is_heading):
                self._special = set(self._blocks or ())
        else:
            self._blocks = None

    def _fold_in(self, position: int, added: int, is_heading) -> bool:
        """Update the heading list for one change: look only at the blocks it replaced.

        ``is_heading(block)`` answers True, False or None (cannot tell from the block
        alone: the list is thrown away and found again when asked).
        """
        global blocks_walked
        doc, blocks = self.doc, self._blocks
        count = doc.blockCount()
        delta = count - self._block_count
        first = doc.findBlock(position).blockNumber()
        last = doc.findBlock(min(position + added, doc.characterCount() - 1)).blockNumber()
        if first < 0 or last < first or last - delta < first - 1:
            self._blocks = None  # out of step: find them again when asked
            return False
        found = []
        block = doc.findBlockByNumber(first)
        for number in range(first, last + 1):
            blocks_walked += 1
            kind = is_heading(block)
            if kind is None:
                self._blocks = None
                return False
            if kind:
                found.append(number)
            block = block.next()
        lo, hi = bisect_left(blocks, first), bisect_right(blocks, last - delta)
        tail = [n + delta for n in blocks[hi:]] if delta else blocks[hi:]
        self._blocks = [*blocks[:lo], *found, *tail]
        self._block_count = count
        return True

    def _plain_line_edit(self, position: int, added: int) -> bool:
        doc = self.doc
        if doc.blockCount() != self._block_count:
            return False
        block = doc.findBlock(position)
        if not block.isValid() or position + added >= block.position() + block.length():
            return False
        if block.blockNumber() in self._special:
            return False
        text = block.text()
        return not (_ATX_HEADING.match(text) or _FENCE.match(text))

    def blocks(self) -> list[int]:
        if self._blocks is None:
            self._blocks, self._special = self._find(self.doc)
            self._block_count = self.doc.blockCount()
        return self._blocks


def _cache(widget, find, line_edits_keep: bool = False, is_heading=None) -> _HeadingBlocks:
    doc = widget.document()
    cache = getattr(widget, "_heading_blocks", None)
    if cache is None or cache.doc is not doc:  # a new document was set
        cache = _HeadingBlocks(doc, find, line_edits_keep, is_heading)
        widget._heading_blocks = cache
    return cache


def _editor_heading_blocks(doc: QTextDocument) -> tuple[list[int], set[int]]:
    """Heading lines, and those plus the code-fence lines (edits there change headings)."""
    global blocks_walked
    text = doc.toPlainText()
    blocks_walked += doc.blockCount()
    fences = {i for i, line in enumerate(text.split("\n")) if _FENCE.match(line)}
    headings = heading_lines(text)
    return headings, set(headings) | fences


def _editor_line_is_heading(block) -> bool | None:
    """An ATX heading line; None for a code fence (it changes the lines after it)."""
    text = block.text()
    if _FENCE.match(text):
        return None
    return bool(_ATX_HEADING.match(text))


def _is_preview_heading(block) -> bool:
    return block.blockFormat().headingLevel() > 0


def _preview_heading_blocks(doc: QTextDocument) -> tuple[list[int], set[int]]:
    """Block numbers of every heading in the preview, the headline included."""
    global blocks_walked
    found = []
    block = doc.begin()
    while block.isValid():
        blocks_walked += 1
        if _is_preview_heading(block):
            found.append(block.blockNumber())
        block = block.next()
    return found, set()


blocks_walked = 0  # blocks visited to find headings (tests assert it does not grow per call)


def editor_heading_positions(editor: QPlainTextEdit) -> list[float]:
    """Scroll-bar values (visual lines) at which each subhead of the text is at the top."""
    doc = editor.document()
    positions = []
    for line in _cache(editor, _editor_heading_blocks, line_edits_keep=True).blocks():
        block = doc.findBlockByNumber(line)
        if block.isValid() and block.layout() is not None:
            positions.append(float(block.firstLineNumber()))
    return positions


def preview_heading_positions(preview: QTextBrowser) -> list[float]:
    """Pixel offsets of the body's subheads in the preview (the headline is not one)."""
    doc = preview.document()
    layout = doc.documentLayout()
    positions = []
    headings = _cache(preview, _preview_heading_blocks, is_heading=_is_preview_heading).blocks()
    for number in headings[1:]:
        block = doc.findBlockByNumber(number)
        if block.isValid():
            positions.append(layout.blockBoundingRect(block).top())
    return positions


NEIGHBOURS = 2
"""Subheads used on each side of the editor's position (the map between them is local)."""


def _editor_position(doc: QTextDocument, number: int) -> float | None:
    block = doc.findBlockByNumber(number)
    if block.isValid() and block.layout() is not None:
        return float(block.firstLineNumber())
    return None


def _preview_position(doc: QTextDocument, number: int) -> float | None:
    block = doc.findBlockByNumber(number)
    return doc.documentLayout().blockBoundingRect(block).top() if block.isValid() else None


def local_anchor_pairs(editor: QPlainTextEdit, preview: QTextBrowser) -> list[tuple[float, float]]:
    """The anchor pairs around the editor's position: the ends and the nearest subheads.

    Only the few subheads on either side of the first line on screen are asked
    for their positions, so a sync costs the same at any length (asking all of
    them was 300 layout queries at 100k words, after every preview refresh).
    """
    bar, target_bar = editor.verticalScrollBar(), preview.verticalScrollBar()
    source = _cache(editor, _editor_heading_blocks, line_edits_keep=True).blocks()
    target = _cache(preview, _preview_heading_blocks, is_heading=_is_preview_heading).blocks()[1:]
    count = min(len(source), len(target))
    top = editor.firstVisibleBlock().blockNumber()
    here = bisect_right(source, top, 0, count) - 1  # the last subhead at or above the top
    first, last = max(0, here - NEIGHBOURS + 1), min(count, here + NEIGHBOURS + 1)
    editor_doc, preview_doc = editor.document(), preview.document()
    sources, targets = [], []
    for i in range(first, last):
        s, t = _editor_position(editor_doc, source[i]), _preview_position(preview_doc, target[i])
        if s is not None and t is not None:
            sources.append(s)
            targets.append(t)
    return anchor_pairs(sources, targets, bar.maximum(), target_bar.maximum())


def sync_preview(editor: QPlainTextEdit, preview: QTextBrowser) -> float:
    """Scroll ``preview`` to match ``editor``; returns the fraction used."""
    bar, target_bar = editor.verticalScrollBar(), preview.verticalScrollBar()
    if bar.maximum() <= 0 or target_bar.maximum() <= 0:
        fraction = 0.0 if bar.maximum() <= 0 else bar.value() / bar.maximum()
    else:
        pairs = local_anchor_pairs(editor, preview)
        fraction = map_position(pairs, bar.value()) / target_bar.maximum()
    preview.sync_to(fraction)  # type: ignore[attr-defined]
    return fraction


class PreviewWidthWatcher(QObject):
    """Asks for a fresh render when the preview gets much narrower or wider.

    Photos are scaled to the pane's width when a page is rendered; without this a
    pane made narrower afterwards would show them wider than itself.
    """

    def __init__(self, preview: QTextBrowser) -> None:
        super().__init__(preview)
        self._preview = preview
        self._width = preview.viewport().width()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self._check)
        preview.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Resize:
            self._timer.start()
        return False

    def _check(self) -> None:
        width = self._preview.viewport().width()
        if abs(width - self._width) >= RERENDER_WIDTH_STEP and self._preview.isVisible():
            self._width = width
            self._preview.schedule()  # type: ignore[attr-defined]

"""Word and character counts kept per line, so an edit recounts only the lines it touched.

The editor feeds :class:`LineCounts` the lines an edit replaced; the totals are
always equal to counting the whole text again (``count_words`` and
``count_graphemes`` of the joined lines), which the tests check.
"""

from __future__ import annotations

from collections.abc import Sequence


class LineCounts:
    """Per-line word and grapheme counts of a text with running totals."""

    def __init__(self, text: str = "") -> None:
        self._words: list[int] = []
        self._chars: list[int] = []
        self.total_words = 0
        self._total_chars = 0
        self.lines_counted = 0
        """How many lines were counted so far (a measure of the work done)."""
        self.reset(text.split("\n"))

    def reset(self, lines: Sequence[str]) -> None:
        """Count every line again (a new document)."""
        self._words, self._chars = [], []
        self.total_words = self._total_chars = 0
        self.replace(0, 0, lines)

    @property
    def line_count(self) -> int:
        return len(self._words)

    @property
    def characters(self) -> int:
        """Graphemes of the whole text, the line breaks included (as ``count_graphemes``)."""
        return self._total_chars + max(0, len(self._chars) - 1)

    def replace(self, first: int, removed: int, lines: Sequence[str]) -> None:
        """Lines ``first .. first + removed - 1`` were replaced by ``lines``.

        Raises:
            IndexError: the range is not inside the current lines.
        """
        if first < 0 or removed < 0 or first + removed > len(self._words):
            raise IndexError(f"lines {first}+{removed} of {len(self._words)}")
        if any(lines):
            # Imported on first use: the editor's empty start (one empty line) needs
            # no patterns, and the regex module loads after the first paint.
            from khabar_editor.textkit.words import count_graphemes, count_line_words

            words = [count_line_words(line) for line in lines]
            chars = [count_graphemes(line) for line in lines]
        else:  # only empty lines: no words, no characters
            words = [0] * len(lines)
            chars = [0] * len(lines)
        self.lines_counted += len(lines)
        end = first + removed
        self.total_words += sum(words) - sum(self._words[first:end])
        self._total_chars += sum(chars) - sum(self._chars[first:end])
        self._words[first:end] = words
        self._chars[first:end] = chars

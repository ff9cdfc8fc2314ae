"""How text has to be written into WXR so that every parser of the WordPress Importer
reads back what we meant (checked once against the importer's own PHP parsers; see
``docs/exports.md``).

* The importer falls back from ``WXR_Parser_SimpleXML`` / ``WXR_Parser_XML`` to
  ``WXR_Parser_Regex``, which reads the file with ``fgets($fp, 8192)``: a line
  longer than 8,191 bytes is cut into pieces joined with ``"\\n"`` (even inside
  a UTF-8 sequence). :func:`wrap_html` keeps HTML lines below :data:`LINE_LIMIT`
  bytes by breaking them inside an empty HTML comment, which WordPress keeps and
  browsers do not show.
* The importer runs ``maybe_unserialize()`` on every post meta value, so a value
  that looks like PHP serialized data (``b:1;``, ``a:1:{...}``) would turn into
  a boolean or an array. :func:`meta_value` writes such values the way
  WordPress itself stores them: serialized once more, as a PHP string.
* ``post_title``, ``post_excerpt`` and an attachment's caption are HTML in
  WordPress; our headline, summary and captions are plain text, so
  :func:`html_text` escapes ``& < >``.
* ``WXR_Parser_Regex`` finds elements with non-greedy regular expressions
  (``<wp:meta_value.*?>(.*?)</wp:meta_value>``, ``<item>(.*?)</item>`` line by
  line, case-insensitive) and does not decode entities, so a value holding
  ``</wp:meta_value></item><item>`` would close the element and open a post.
  :func:`wxr_field` writes every text value so that no importer tag name
  starts inside it: the value is cut into CDATA sections right after each such
  ``<`` (and inside each ``]]>``). The regex parser joins split sections only
  when the value holds the sequence ``]]]]><![CDATA[>``; where the value has
  no ``]]>`` of its own, one of its ``>`` is written as ``&gt;`` (read by the
  XML parsers) next to a comment holding that sequence and a ``>`` in CDATA
  (read only by the regex parser). A value without any ``>`` cannot close or
  open an element, so it stays one CDATA section. The same joins make room for
  invisible line breaks (``<!--\n-->``) in long values; a value that cannot
  take one and would be cut is refused (:class:`ValueTooLong`).
* Inside an item's ``<category>`` the regex parser only deletes every
  ``<![CDATA[`` and ``]]>``: there the value is cut into adjacent CDATA
  sections (``kind="term"``), which it reads back joined.
* ``WXR_Parser_XML`` drops a piece of character data that is blank or ``0``;
  every piece :func:`wxr_field` makes holds a ``<``, ``>``, ``]]`` or a letter.
"""

from __future__ import annotations

import html
import re

from khabar_editor.textkit.words import graphemes

LINE_LIMIT = 8000  # bytes per line; WXR_Parser_Regex reads 8,191-byte pieces
LINE_BREAK = "<!--\n-->"  # an invisible place for a newline inside HTML text
_TOKENS = re.compile(r"""<!--.*?-->|<(?:[^>"']|"[^"]*"|'[^']*')*>|[^<]+|<""", re.S)
_WORDS = re.compile(r"(\s+)")
_PHP_SCALAR = re.compile(rb"[bid]:[0-9.E+-]+;")
# A "<" the importer's regular expressions could take for the start of one of its tags:
# any namespaced name (wp:, dc:, content:, excerpt:...), the RSS names it looks for, and
# "<![" (a CDATA section of the value's own would be joined by the regex parser).
_TAG_START = re.compile(
    r"<(?=/?\s*(?:[A-Za-z_][A-Za-z0-9_.-]*:|item|title|guid|category|link|description"
    r"|pubdate|channel|rss|language)|!\[)", re.I)
_JOIN_MARK = "&gt;<!--]]]]><![CDATA[>]]>-->"  # ">" for every parser; switches the regex
# parser to joining CDATA sections (see the module docstring)
_BREAK = "<!--\n-->"  # an invisible line break between two CDATA sections


class ValueTooLong(ValueError):
    """A value that would be cut by the regex parser and cannot take a hidden break."""

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(f"{size} bytes in one line (at most {limit})")
        self.size, self.limit = size, limit


def cdata(text: str) -> str:
    """``text`` as CDATA; a ``]]>`` inside is split across two sections."""
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def html_text(text: str) -> str:
    """Plain ``text`` for a WordPress field that holds HTML (title, excerpt, caption)."""
    return html.escape(text, quote=False)


def is_php_serialized(text: str) -> bool:
    """True when WordPress's ``is_serialized()`` (strict) would say so for ``text``."""
    data = text.encode("utf-8").strip(b" \t\n\r\0\x0b")
    if data == b"N;":
        return True
    if len(data) < 4 or data[1:2] != b":" or data[-1:] not in (b";", b"}"):
        return False
    token = data[:1]
    if token == b"s":
        return data[-2:-1] == b'"' and re.match(rb"s:[0-9]+:", data) is not None
    if token in (b"a", b"O", b"E"):
        return re.match(token + rb":[0-9]+:", data) is not None
    if token in (b"b", b"i", b"d"):
        return _PHP_SCALAR.fullmatch(data) is not None
    return False


def meta_value(text: str) -> str:
    """A post meta value that survives the importer's ``maybe_unserialize()`` unchanged."""
    if is_php_serialized(text):
        return f's:{len(text.encode("utf-8"))}:"{text}";'
    return text


def _split_long(word: str, room: int, limit: int) -> list[str]:
    """``word`` cut between grapheme clusters: the first piece fits ``room`` bytes, the
    others ``limit`` bytes."""
    pieces: list[str] = []
    current: list[str] = []
    size = 0
    for cluster in graphemes(word):
        n = len(cluster.encode("utf-8"))
        if current and size + n > room:
            pieces.append("".join(current))
            current, size, room = [], 0, limit
        current.append(cluster)
        size += n
    pieces.append("".join(current))
    return pieces


def wrap_html(fragment: str, limit: int = LINE_LIMIT) -> str:
    """``fragment`` with no line longer than ``limit`` bytes (see the module docstring).

    Breaks go between words of a text run where possible; only a single word
    longer than a line is cut, and then between grapheme clusters.
    """
    if all(len(line.encode("utf-8")) <= limit for line in fragment.split("\n")):
        return fragment
    room = limit - len(LINE_BREAK.encode("utf-8"))  # "-->" starts a line, "<!--" ends one
    out: list[str] = []
    used = 0
    for token in _TOKENS.findall(fragment):
        parts = [token] if token.startswith("<") else _WORDS.split(token)
        for part in parts:
            if not part:
                continue
            size = len(part.encode("utf-8"))
            if "\n" in part:
                out.append(part)
                used = len(part.rsplit("\n", 1)[1].encode("utf-8"))
                continue
            if used + size > room:
                pieces = _split_long(part, room - used, room) if size > room else [part]
                if used and size <= room:
                    out.append(LINE_BREAK)
                    used = 3
                for number, piece in enumerate(pieces):
                    if number:
                        out.append(LINE_BREAK)
                        used = 3
                    out.append(piece)
                    used += len(piece.encode("utf-8"))
                continue
            out.append(part)
            used += size
    return "".join(out)


def _cut_points(text: str, kind: str) -> list[int]:
    """Where ``text`` has to be cut into separate CDATA sections."""
    cuts = {m.start() + 1 for m in _TAG_START.finditer(text)}
    start = text.find("]]>")
    while start >= 0:
        cuts.add(start + 2)
        start = text.find("]]>", start + 1)
    if kind == "text":  # the regex parser drops blanks before a line end (rtrim)
        cuts.update(m.start() + 1 for m in re.finditer(r"[ \t](?=\n)", text))
    return sorted(c for c in cuts if 0 < c < len(text))


def _pieces(text: str, cuts: list[int]) -> list[str]:
    bounds = [0, *cuts, len(text)]
    return [text[a:b] for a, b in zip(bounds, bounds[1:])]


def _size(text: str) -> int:
    return len(text.encode("utf-8"))


def _longest_line(parts: list[str]) -> int:
    return max(_size(line) for line in "".join(parts).split("\n"))


def _break_long(pieces: list[str], limit: int) -> list[str]:
    """The pieces with :data:`_BREAK` markers so that no output line passes ``limit``."""
    out: list[str] = []
    used = 0
    overhead = len("<![CDATA[]]>") + len(_BREAK)
    for piece in pieces:
        if piece == _JOIN_MARK:
            out.append(piece)
            used += len(piece)
            continue
        for chunk in _split_long_piece(piece, limit - overhead):
            size = _size(chunk.rsplit("\n", 1)[-1]) + overhead
            if "\n" in chunk:
                used = size
            elif used + size > limit and out:
                out.append(_BREAK)
                used = size
            else:
                used += size
            out.append(chunk)
    return out


def _split_long_piece(piece: str, room: int) -> list[str]:
    """``piece`` cut between grapheme clusters into runs of at most ``room`` bytes per line,
    never leaving a run that is blank or ``0`` (the XML parser would drop it)."""
    if all(_size(line) <= room for line in piece.split("\n")):
        return [piece]
    runs: list[str] = []
    current = ""
    for cluster in graphemes(piece):
        candidate = current + cluster
        if current and _size(candidate.rsplit("\n", 1)[-1]) > room and _keeps(current) \
                and not cluster.isspace():
            runs.append(current)
            current = cluster
        else:
            current = candidate
    runs.append(current)
    if len(runs) > 1 and not _keeps(runs[-1]):
        runs[-2:] = [runs[-2] + runs[-1]]
    return runs


def _keeps(run: str) -> bool:
    """True when ``WXR_Parser_XML`` keeps ``run`` (not blank, not ``0``)."""
    stripped = run.strip(" \t\n\r\0\x0b")
    return stripped not in ("", "0") and not run[-1:].isspace()


def _sections(parts: list[str]) -> str:
    parts = [p for p in parts if p]
    if not parts or parts[0] in (_JOIN_MARK, _BREAK):  # the regex parser needs a CDATA start
        parts.insert(0, "")
    return "".join(p if p in (_JOIN_MARK, _BREAK) else "<![CDATA[" + p + "]]>" for p in parts)


def wxr_field(text: str, kind: str = "text", limit: int = LINE_LIMIT) -> str:
    """``text`` as the content of a WXR element that every importer parser reads back
    unchanged and in which the regex parser sees no tag (see the module docstring).

    ``kind`` is ``"text"`` for elements the importer reads with ``get_tag`` (all but
    an item's ``<category>``), ``"line"`` for those that must stay on one line
    (inside ``<wp:author>``) and ``"term"`` for an item's ``<category>``.
    ``limit`` bounds the bytes of one output line.

    Raises:
        ValueTooLong: a line of ``text`` is longer than ``limit`` and cannot be broken.
    """
    cuts = _cut_points(text, kind)
    too_long = any(_size(line) > limit - 64 for line in text.split("\n"))
    if not cuts and not too_long:
        return cdata(text)
    if kind == "term" or (kind == "line" and too_long):
        if too_long:
            raise ValueTooLong(_longest_line([text]), limit)
        return _sections(_pieces(text, cuts))
    parts = _pieces(text, cuts)
    if "]]>" not in text:
        mark = text.find(">")
        if mark < 0:  # nothing can close or open a tag; one section is read by all
            if too_long:
                raise ValueTooLong(_longest_line([text]), limit)
            return cdata(text)
        parts = _pieces(text, sorted({*cuts, mark, mark + 1}))
        index = next(i for i, p in enumerate(parts) if p == ">" and
                     sum(map(len, parts[:i])) == mark)
        parts[index] = _JOIN_MARK
    if too_long:
        if kind == "line":
            raise ValueTooLong(_longest_line([text]), limit)
        parts = _break_long(parts, limit - 64)
    return _sections(parts)

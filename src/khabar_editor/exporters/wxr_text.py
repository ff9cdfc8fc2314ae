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

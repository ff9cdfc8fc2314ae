"""``khabar check FILE... [--json] [--lang hi|ne]``: spelling and proofing findings.

Reads ``.khabar`` packages (their ``article.md``), ``.md`` articles (front
matter optional), ``.txt`` bodies and ``-`` (standard input, like ``.md``).
The body and the text fields (headline, deck, summary, photo captions) are
checked; line and column (1-based, in characters) point into the file's text.
Exit 0 without findings, 1 with findings, 3 when a file is unreadable.
"""

from __future__ import annotations

import argparse
import sys
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from khabar_editor.cli.common import (
    MSG_STDIN_CLOSED, ExitCode, error_line, os_reason, print_json,
)
from khabar_editor.cli.options import MAX_JOBS, path_value, whole_number
from khabar_editor.errors import ArticleError, KhabarError, PackageError
from khabar_editor.i18n import N_, _

if TYPE_CHECKING:
    from khabar_editor.article.model import Article
    from khabar_editor.proofing import Finding, Proofreader

# The article, package and proofing modules are imported when a file is checked, so
# that ``khabar --help`` and the other commands do not load them.

MAX_INPUT_BYTES = 16 * 1024 * 1024
MAX_SUGGESTIONS = 8
DEFAULT_SUGGESTIONS = 5
_suggestion_limit = DEFAULT_SUGGESTIONS
"""``--suggestions N`` of the last :func:`run` in this process (for callers of
:func:`check_source` without a limit of their own). Spelling suggestions are computed
only when N > 0, and once per word (the proofreader caches them). Batch workers get N
in each task, never through this variable: a worker started with ``spawn`` (Windows,
macOS) does not share the parent's globals."""


@dataclass
class Source:
    """A file to check: its text (as line/column refer to it), article and word list."""

    name: str
    text: str
    article: Article
    wordlist: list[str]
    body_offset: int


def register(subparsers: Any) -> None:
    """Add the ``check`` subcommand."""
    parser = subparsers.add_parser(
        "check", help=_(N_("spell-check and proofread articles")),
        description=_(N_("Spell-check and proofread .khabar, .md and .txt files ('-' reads "
                         "standard input). Exit 0: no findings, 1: findings, 3: unreadable.")))
    parser.add_argument("files", nargs="+", metavar="FILE", type=path_value,
                        help=_(N_("files to check")))
    parser.add_argument("--json", action="store_true", help=_(N_("print findings as JSON")))
    parser.add_argument("--lang", choices=("hi", "ne"), default=None,
                        help=_(N_("check as this language instead of the article's")))
    parser.add_argument("--suggestions", type=whole_number(0, MAX_SUGGESTIONS), default=5,
                        metavar="N",
                        help=_(N_("at most N suggestions per finding (0: none, fastest)")))
    parser.add_argument("--digits", choices=("latin", "devanagari"), default=None,
                        help=_(N_("house digits: numbers in the other script are findings "
                                  "(default: the Preferences setting)")))
    parser.add_argument("-j", "--jobs", type=whole_number(1, MAX_JOBS), default=None,
                        help=_(N_("worker processes (default: one per core)")))
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> ExitCode:
    """Check every file; print findings; return the exit code.

    A file that cannot be read gets one line on stderr and, with ``--json``, an
    object with an empty ``findings`` list and an ``error`` object (``code``,
    ``message``), so the JSON always has one object per file. Many files are
    spread over the cores (:mod:`khabar_editor.cli.parallel`); the output is the
    same, in the same order, as checking them one by one.
    """
    from khabar_editor.cli.parallel import SERIAL_MAX, forks, map_files

    results: list[dict[str, Any]] = []
    worst = ExitCode.OK
    said: set[str] = set()
    _import_checkers()
    _checkers.clear()  # dictionaries as they are now (workers start from this state)
    global _suggestion_limit
    limit = getattr(args, "suggestions", DEFAULT_SUGGESTIONS)
    _suggestion_limit = limit
    digits = getattr(args, "digits", None) or _settings_digits()
    # Everything a worker needs travels in its task (picklable), whatever the start method.
    tasks = [(name, args.lang, digits, limit) for name in args.files]
    jobs = 1 if "-" in args.files else getattr(args, "jobs", None)  # stdin stays here
    if len(tasks) > SERIAL_MAX and jobs != 1 and forks():
        # Load the dictionaries once, before the workers fork: they inherit them.
        # (Spawned workers build their own on their first file.)
        from khabar_editor.proofing import Proofreader

        first = args.lang or "hi"
        _checkers[(first, digits)] = Proofreader(first, digits=digits, form_list=True)
    for result in map_files(check_file, tasks, desc="check", jobs=jobs):
        notice = result.pop("_notice", "")
        if notice and notice not in said:
            said.add(notice)
            error_line(notice)
        unreadable = result.pop("_unreadable", "")
        if unreadable:
            error_line(unreadable)
            worst = ExitCode.UNREADABLE
        elif result["findings"] and worst == ExitCode.OK:
            worst = ExitCode.ARTICLE_ERRORS
        results.append(result)
        if not args.json and not unreadable:
            _print_plain(result["file"], result["findings"])
    if args.json:
        print_json(results)
    return worst


_checkers: dict[tuple[str, str | None], Proofreader] = {}
"""One proofreader per language, house digits and process (workers build theirs once)."""


def _import_checkers() -> None:
    """Import what checking needs, once, before any worker forks (they inherit it)."""
    import khabar_editor.article.frontmatter  # noqa: F401
    import khabar_editor.package.files  # noqa: F401
    import khabar_editor.proofing  # noqa: F401


def _settings_digits() -> str | None:
    """The house digits of the user's settings (``None`` when they cannot be read)."""
    try:
        from khabar_editor.settings import load_settings

        return load_settings().digit_style
    except Exception:  # noqa: BLE001 - unreadable settings: no house style, no digit fixes
        return None


def check_file(task: tuple[str, ...]) -> dict[str, Any]:
    """The ``--json`` object of one file (plus ``_unreadable``/``_notice`` lines for stderr).

    Runs in a worker process for batches, so it returns plain data and never raises
    for a file that cannot be read.
    """
    from khabar_editor.proofing import Proofreader

    name, lang_override = task[0], task[1]
    digits = task[2] if len(task) > 2 else None
    limit = task[3] if len(task) > 3 else _suggestion_limit
    try:
        source = load_source(name)
    except (KhabarError, OSError, UnicodeDecodeError) as exc:
        return {"file": name, "findings": [], "error": _error_json(exc),
                "_unreadable": _(N_("{file}: cannot read: {reason}"))
                .format(file=name, reason=_reason(exc))}
    lang = lang_override or _article_language(source.article)
    if (lang, digits) not in _checkers:
        _checkers[(lang, digits)] = Proofreader(lang, digits=digits, form_list=True)
    checker = _checkers[(lang, digits)]
    return {"file": name, "findings": check_source(source, checker, limit),
            "_notice": _degraded_notice(checker)}


def _error_json(exc: BaseException) -> dict[str, str]:
    code = getattr(exc, "code", None) if isinstance(exc, KhabarError) else None
    if not code:
        code = "check.encoding" if isinstance(exc, UnicodeDecodeError) else "check.unreadable"
    return {"code": str(code), "message": _reason(exc)}


def _degraded_notice(proofreader: Proofreader) -> str:
    """The line said once on stderr when Hunspell could not be used (lexicon-only check)."""
    status = proofreader.status
    if not status.available and status.msgid:
        return _(status.msgid).format(language=status.language)
    return ""


def _reason(exc: BaseException) -> str:
    if isinstance(exc, KhabarError):
        return str(exc)
    if isinstance(exc, UnicodeDecodeError):
        return _(N_("not UTF-8 text"))
    if isinstance(exc, OSError):
        return os_reason(exc)
    return str(exc)


def _article_language(article: Article) -> str:
    value = getattr(article.language, "value", article.language)
    return value if value in ("hi", "ne") else "hi"


def load_source(name: str) -> Source:
    """Read ``name`` (``-`` = stdin) into a :class:`Source`.

    Raises:
        PackageError, ArticleError, OSError, UnicodeDecodeError: unreadable input.
    """
    from khabar_editor.article.frontmatter import to_markdown
    from khabar_editor.article.model import Article
    from khabar_editor.package.files import read_limited
    from khabar_editor.textkit.normalize import normalize_text

    if name == "-":
        return _markdown_source(name, _read_stdin())
    path = Path(name)
    if path.suffix.lower() == ".khabar" or path.is_dir():
        from khabar_editor.package import read_package

        package = read_package(path)
        text = to_markdown(package.article)
        return Source(name, text, package.article, list(package.wordlist),
                      _body_offset(text))
    try:
        data = read_limited(path, MAX_INPUT_BYTES)
    except PackageError as exc:
        if exc.code == "package.too_large":
            _too_large()
        raise
    if path.suffix.lower() == ".txt":
        text = normalize_text(_decode(data))
        return Source(name, text, Article(body=text), [], 0)
    return _markdown_source(name, data)


def _read_stdin() -> bytes:
    """Standard input, at most the size limit; a closed stdin is an unreadable file."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise ArticleError(MSG_STDIN_CLOSED, code="check.stdin_closed")
    return stream.read(MAX_INPUT_BYTES + 1)


def _too_large() -> NoReturn:
    raise ArticleError(N_("The file is larger than {limit} MB"), code="check.too_large",
                       limit=MAX_INPUT_BYTES // (1024 * 1024))


def _decode(data: bytes) -> str:
    if len(data) > MAX_INPUT_BYTES:
        _too_large()
    return data.decode("utf-8-sig")


def _markdown_source(name: str, data: bytes) -> Source:
    from khabar_editor.article.frontmatter import from_markdown
    from khabar_editor.textkit.normalize import normalize_text

    text = normalize_text(_decode(data))
    article = from_markdown(text)
    return Source(name, text, article, [], _body_offset(text))


def _body_offset(text: str) -> int:
    from khabar_editor.article.frontmatter import split_front_matter

    _front, body = split_front_matter(text)
    return len(text) - len(body)


def check_source(source: Source, proofreader: Proofreader, limit: int | None = None
                 ) -> list[dict[str, Any]]:
    """Findings of the body and the text fields as JSON-ready dicts, in text order, with
    at most ``limit`` suggestions each (default: the ``--suggestions`` of the last run)."""
    if limit is None:
        limit = _suggestion_limit
    if source.wordlist:
        from khabar_editor.proofing import Proofreader

        proofreader = Proofreader(proofreader.language, personal=proofreader.personal_path,
                                  newsroom_words=[*proofreader.newsroom_words, *source.wordlist],
                                  digits=proofreader.digits, form_list=True)
    located: list[tuple[int, str, Finding]] = []
    body = source.text[source.body_offset:]
    for f in proofreader.check_text(body):
        located.append((source.body_offset + f.start, "body", f))
    search_from = 0
    for field_name, value in _text_fields(source.article):
        start = source.text.find(value, search_from, source.body_offset or None)
        for f in proofreader.check_text(value):
            where = start + f.start if start >= 0 else _field_line(source.text, field_name)
            located.append((where, field_name, f))
    located.sort(key=lambda item: (item[0], item[2].kind))
    starts = _line_starts(source.text)
    return [_to_json(starts, offset, field_name, f, limit)
            for offset, field_name, f in located]


def _line_starts(text: str) -> list[int]:
    """The offset of every line's first character (a finding's line is then a binary
    search, not a count over the text before it: ~1,500 findings in 80 KB took ~40 ms)."""
    starts = [0]
    at = text.find("\n")
    while at >= 0:
        starts.append(at + 1)
        at = text.find("\n", at + 1)
    return starts


def _text_fields(article: Article) -> list[tuple[str, str]]:
    fields = [("headline", article.headline), ("deck", article.deck),
              ("summary", article.summary)]
    fields += [(f"media[{i}].caption", m.caption) for i, m in enumerate(article.media)]
    return [(name, value) for name, value in fields if value and value.strip()]


def _field_line(text: str, field_name: str) -> int:
    key = field_name.split("[")[0] if "." not in field_name else "caption"
    found = text.find(f"\n{key}:")
    return found + 1 if found >= 0 else 0


def _to_json(starts: list[int], offset: int, field_name: str, f: Finding, limit: int
             ) -> dict[str, Any]:
    line = bisect_right(starts, offset)
    column = offset - starts[line - 1] + 1
    return {"line": line, "column": column, "text": f.text, "kind": f.kind,
            "message": f.message,
            "suggestions": list(f.suggestions[:limit]) if limit else [],
            "fix": f.fix,
            "field": field_name}


def _print_plain(name: str, findings: list[dict[str, Any]]) -> None:
    out = sys.stdout
    for item in findings:
        hint = ""
        if item["suggestions"]:
            hint = "  → " + ", ".join(s if s and s.strip() == s else f"\u201c{s}\u201d"
                                       for s in item["suggestions"][:5])
        out.write(f"{name}:{item['line']}:{item['column']}: {item['kind']}: "
                  f"{item['message']}{hint}\n")

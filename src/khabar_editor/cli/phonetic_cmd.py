"""``khabar phonetic [--lang hi|ne] [--json] WORD...``: Devanagari for Roman letters.

Prints, for every WORD typed in Roman letters (``bharat``, ``kshetra``), the shipped
model's Devanagari candidates best first (at most 10). With ``--json``: an array of
``{"input": WORD, "candidates": [...]}``. URLs, e-mail addresses and code-like
tokens stay Roman (no candidates). Exit 2 for a word that is empty or too long.
"""

from __future__ import annotations

import argparse
from typing import Any

from khabar_editor.cli.common import ExitCode, error_line, print_json
from khabar_editor.i18n import N_, _
from khabar_editor.textkit import phonetic  # light: the model code loads on first use


def register(subparsers: Any) -> None:
    """Add the ``phonetic`` subcommand."""
    parser = subparsers.add_parser(
        "phonetic", help=_(N_("Devanagari candidates for words typed in Roman letters")),
        description=_(N_("Print Devanagari candidates, best first, for words typed in "
                         "Roman letters (bharat → भारत).")))
    parser.add_argument("words", nargs="+", metavar="WORD", help=_(N_("words in Roman letters")))
    parser.add_argument("--lang", choices=phonetic.LANGUAGES, default="hi",
                        help=_(N_("language of the candidates (default: hi)")))
    parser.add_argument("--json", action="store_true", help=_(N_("print the candidates as JSON")))
    parser.add_argument("-n", "--count", type=int, default=phonetic.MAX_CANDIDATES,
                        choices=range(1, phonetic.MAX_CANDIDATES + 1), metavar="N",
                        help=_(N_("candidates per word, 1-10 (default: 10)")))
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the candidates of every word."""
    for word in args.words:
        if not word.strip():
            error_line(_(N_("A word is empty.")))
            return ExitCode.USAGE
        if len(word) > phonetic.MAX_INPUT:
            error_line(_(N_("'{word}' is longer than {limit} characters.")).format(
                word=word[:phonetic.MAX_INPUT] + "…", limit=phonetic.MAX_INPUT))
            return ExitCode.USAGE
    results = []
    for word in args.words:
        if phonetic.is_literal_token(word):
            found: list[str] = []
        else:
            found = phonetic.candidates(word, args.lang, args.count)
        results.append({"input": word, "candidates": found})
    if args.json:
        print_json(results)
    else:
        for item in results:
            print(f"{item['input']}: {' '.join(item['candidates'])}")
    return ExitCode.OK

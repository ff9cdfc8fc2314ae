"""``khabar convert [--from FONT] FILE... -o DIR``: legacy-font text files to Unicode.

Each input (``.txt`` in Krutidev 010, Walkman Chanakya 905, DevLys 010 or Preeti) is
read as UTF-8, or as Windows-1252 when it is not UTF-8 (how office programs saved
8-bit font text), decoded with the chosen table (or the detected one) and written
as NFC UTF-8 to ``DIR/<name>.txt``. Existing files are not replaced without
``--force``; an input is never its own output. Exit 0 when every file was converted,
1 when some text was not recognised as legacy text, 3 unreadable, 4 unwritable.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from khabar_editor.cli.common import ExitCode, error_line, os_reason, print_json
from khabar_editor.cli.options import path_value
from khabar_editor.errors import PackageError
from khabar_editor.i18n import N_, _

FONTS = ("krutidev", "chanakya", "devlys", "preeti")
"""``textkit.legacy.FONTS`` (the decoders are imported only when a file is converted)."""

MAX_INPUT_BYTES = 16 * 1024 * 1024
AUTO = "auto"


def register(subparsers: Any) -> None:
    """Add the ``convert`` subcommand."""
    parser = subparsers.add_parser(
        "convert", help=_(N_("convert legacy-font text (Krutidev, Chanakya, DevLys, Preeti) "
                             "to Unicode")),
        description=_(N_("Convert .txt files typed in a legacy 8-bit Devanagari font to "
                         "Unicode text. Exit 0: all converted, 1: some not recognised, "
                         "3: unreadable, 4: cannot write.")))
    parser.add_argument("files", nargs="+", metavar="FILE", type=path_value,
                        help=_(N_("text files to convert")))
    parser.add_argument("--from", dest="font", choices=(AUTO, *FONTS), default=AUTO,
                        help=_(N_("the legacy font of the files (default: detect it)")))
    parser.add_argument("-o", "--output", required=True, metavar="DIR", type=path_value,
                        help=_(N_("folder for the converted files")))
    parser.add_argument("--force", action="store_true",
                        help=_(N_("replace converted files that already exist")))
    parser.add_argument("--json", action="store_true",
                        help=_(N_("print a JSON report of the files")))
    parser.set_defaults(func=run)


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def run(args: argparse.Namespace) -> int:
    """Convert every file; one line (or JSON entry) per file."""
    from khabar_editor.textkit import legacy

    out_dir = Path(args.output)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        error_line(_(N_("cannot write to '{folder}': {reason}")).format(
            folder=out_dir, reason=os_reason(exc)))
        return ExitCode.IO_ERROR
    worst = ExitCode.OK
    report: list[dict[str, Any]] = []
    seen: set[Path] = set()
    for name in args.files:
        entry, code = _one(Path(name), out_dir, args.font, bool(args.force), seen)
        report.append(entry)
        worst = max(worst, code)
        if not args.json:
            if entry.get("output"):
                print(_(N_("{file}: {font} → {output}")).format(
                    file=name, font=legacy.FONT_NAMES[entry["font"]], output=entry["output"]))
            else:
                error_line(f"{name}: {entry['error']}")
    if args.json:
        print_json(report)
    return worst


def _one(path: Path, out_dir: Path, font: str, force: bool, seen: set[Path]
         ) -> tuple[dict[str, Any], ExitCode]:
    from khabar_editor.fsutil import atomic_write_text
    from khabar_editor.package.files import read_limited
    from khabar_editor.textkit import legacy
    from khabar_editor.textkit.normalize import normalize_text

    entry: dict[str, Any] = {"file": str(path)}
    try:
        text = normalize_text(_decode(read_limited(path, MAX_INPUT_BYTES)))
    except PackageError as exc:
        entry["error"] = str(exc)
        return entry, ExitCode.UNREADABLE
    chosen = font
    if font == AUTO:
        detection = legacy.detect(text)
        if detection.font is None:
            entry["error"] = _(N_("not recognised as legacy-font text; name the font with "
                                  "--from"))
            return entry, ExitCode.ARTICLE_ERRORS
        chosen = detection.font
    target = out_dir / (path.stem + ".txt")
    try:
        same = target.exists() and os.path.samefile(target, path)
    except OSError:
        same = False
    if same or target.resolve() in seen:
        entry["error"] = _(N_("'{output}' would overwrite an input or an earlier output; "
                              "choose another folder")).format(output=target)
        return entry, ExitCode.IO_ERROR
    if target.exists() and not force:
        entry["error"] = _(N_("'{output}' already exists (use --force to replace it)")).format(
            output=target)
        return entry, ExitCode.IO_ERROR
    try:
        atomic_write_text(target, legacy.convert(text, chosen), private=False)
    except OSError as exc:
        entry["error"] = _(N_("cannot write to '{folder}': {reason}")).format(
            folder=out_dir, reason=os_reason(exc))
        return entry, ExitCode.IO_ERROR
    seen.add(target.resolve())
    entry.update(font=chosen, output=str(target))
    return entry, ExitCode.OK

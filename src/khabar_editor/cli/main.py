"""``khabar``: argparse front end. Subcommands live in sibling modules.

Each command module exposes ``register(subparsers)``; the parser it adds sets
``func(args) -> ExitCode``. Errors derived from :class:`KhabarError` become one
clear line and an exit code; anything else is logged with its traceback to the
log file and reported as an internal error, never as a traceback.
"""

from __future__ import annotations

import argparse
import errno
import importlib
import logging
import os
import sys
from typing import Any

from khabar_editor import __version__, i18n
from khabar_editor.cli.common import ExitCode, error_line, exit_code_help, os_reason
from khabar_editor.errors import KhabarError, PackageError
from khabar_editor.i18n import _, N_

log = logging.getLogger(__name__)

COMMAND_MODULES = (
    "khabar_editor.cli.package_cmds",
    "khabar_editor.cli.check_cmd",
    "khabar_editor.cli.export_cmd",
    "khabar_editor.cli.send_cmds",
    "khabar_editor.cli.desk_cmds",
    "khabar_editor.cli.convert_cmd",
    "khabar_editor.cli.phonetic_cmd",
)

# Commands whose module alone is registered when the command line names them, so that
# ``khabar validate`` does not import the other commands' modules (the phonetic model
# code alone is ~70 ms). Anything else (``--help``, an unknown word) gets every module.
# ``tests/cli/test_validate_start.py`` checks this table against the full parser.
SINGLE_MODULE_COMMANDS = {
    "pack": "khabar_editor.cli.package_cmds",
    "unpack": "khabar_editor.cli.package_cmds",
    "info": "khabar_editor.cli.package_cmds",
    "validate": "khabar_editor.cli.package_cmds",
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        error_line(f"khabar: {message}")
        raise SystemExit(ExitCode.USAGE)

    def _print_message(self, message: str, file: Any = None) -> None:
        """Like argparse's, but a failed write of ``--help``/``--version`` to standard
        output is not silently ignored (see :func:`main`)."""
        if not message:
            return
        if file is None:  # argparse means standard output
            if sys.stdout is None:
                raise OSError(errno.EBADF, _(N_("standard output is closed")))
            file = sys.stdout
        if file is sys.stdout:
            file.write(message)
            return
        try:
            file.write(message)
        except (OSError, ValueError):
            pass


def _command_word(argv: list[str]) -> str | None:
    """The command named first on ``argv`` when only ``--ui-lang`` comes before it."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg == "--ui-lang":
            skip = True
        elif arg.startswith("--ui-lang="):
            continue
        elif arg.startswith("-"):
            return None
        else:
            return arg
    return None


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The ``khabar`` parser; given ``argv`` naming a command of
    :data:`SINGLE_MODULE_COMMANDS`, only that command's module is registered."""
    single = SINGLE_MODULE_COMMANDS.get(_command_word(argv)) if argv is not None else None
    parser = _Parser(
        prog="khabar",
        description=_(N_("Khabar Editor command line: pack, check, validate and export news "
                         "articles.")),
        epilog=exit_code_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"khabar {__version__}")
    parser.add_argument("--ui-lang", choices=i18n.LANGUAGES, default=None,
                        help=_(N_("language of messages (default: from the environment)")))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in (single,) if single else COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    _add_global_options(parser)  # ``khabar check FILE --ui-lang hi`` works too
    return parser


def _add_global_options(parser: argparse.ArgumentParser) -> None:
    """Accept ``--ui-lang`` after every subcommand, however deeply nested
    (``khabar destinations add NAME ... --ui-lang hi``). The language itself is taken
    before parsing (:func:`_pre_parse_lang`); here it only has to be a known option."""
    for action in parser._actions:  # noqa: SLF001 - argparse keeps subparsers only here
        if not isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            continue
        for command in dict.fromkeys(action.choices.values()):  # aliases share a parser
            command.add_argument("--ui-lang", choices=i18n.LANGUAGES, default=argparse.SUPPRESS,
                                 dest="sub_ui_lang", help=argparse.SUPPRESS)
            _add_global_options(command)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``khabar`` console script."""
    from khabar_editor.logsetup import open_log_when_needed

    open_log_when_needed()  # a run that logs nothing does not open (or create) the file
    _safe_streams()
    argv = list(sys.argv[1:] if argv is None else argv)
    i18n.set_language(_pre_parse_lang(argv))
    parser = build_parser(argv)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version or wrong usage
        code = int(exc.code or 0) if not isinstance(exc.code, str) else ExitCode.USAGE
        return _finish_output(code)
    except OSError as exc:  # --help or --version could not be written
        return _output_failed(exc, ExitCode.OK)
    if not getattr(args, "func", None):
        try:
            parser.print_help()
        except OSError as exc:
            return _output_failed(exc, ExitCode.USAGE)
        return _finish_output(ExitCode.USAGE)
    return _finish_output(_run(args, argv))


def _finish_output(code: int) -> int:
    """Flush standard output; when that fails (disk full, closed file) say so and return
    :attr:`ExitCode.IO_ERROR` instead of reporting success for output nobody got.

    A reader that went away (``| head``) is not an error. Either way the rest of the
    output is dropped so that Python does not fail again at exit.
    """
    out = sys.stdout
    if out is None:
        return code
    try:
        out.flush()
    except (OSError, ValueError) as exc:
        return _output_failed(exc, code)
    return code


def _output_failed(exc: Exception, code: int) -> int:
    """Report output that could not be written; the exit code to return."""
    _silence_stdout()
    if isinstance(exc, BrokenPipeError):
        return code
    reason = os_reason(exc) if isinstance(exc, OSError) else str(exc)
    error_line(_(N_("Cannot write the output: {reason}")).format(reason=reason))
    return ExitCode.IO_ERROR if code in (ExitCode.OK, ExitCode.USAGE) else code


def _run(args: argparse.Namespace, argv: list[str]) -> int:
    """Run the chosen command, turning every failure into one line and an exit code."""
    try:
        return int(args.func(args))
    except PackageError as exc:
        error_line(str(exc))
        return ExitCode.UNREADABLE
    except KhabarError as exc:
        error_line(str(exc))
        return ExitCode.ARTICLE_ERRORS
    except KeyboardInterrupt:
        error_line(_(N_("Interrupted.")))
        return ExitCode.INTERRUPTED
    except BrokenPipeError:
        _silence_stdout()
        return ExitCode.OK
    except OSError as exc:
        error_line(_(N_("Cannot write or read a file: {reason}")).format(reason=os_reason(exc)))
        return ExitCode.IO_ERROR
    except Exception:  # noqa: BLE001 - last line of defence: log, don't show a traceback
        from khabar_editor.logsetup import log_path

        log.exception("Internal error in khabar %s", argv)
        error_line(_(N_("Internal error; details are in the log file {path}"))
                   .format(path=log_path()))
        return ExitCode.INTERNAL


def _safe_streams() -> None:
    """Never fail on output: unencodable characters are escaped, not an error."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="backslashreplace")
            except (OSError, ValueError):  # pragma: no cover - exotic streams
                pass


def _silence_stdout() -> None:
    """After the reader of a pipe went away (``| head``), drop the rest of the output.

    Without this Python reports the failed final flush on stderr at exit.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def _pre_parse_lang(argv: list[str]) -> str | None:
    for i, arg in enumerate(argv):
        if arg.startswith("--ui-lang="):
            return arg.split("=", 1)[1]
        if arg == "--ui-lang" and i + 1 < len(argv):
            return argv[i + 1]
    return None


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

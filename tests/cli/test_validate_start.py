"""``khabar validate`` starts light: only its own command module, no log file unless
something is logged; the other commands and ``--help`` still see every command."""

from __future__ import annotations

import argparse
import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from khabar_editor.cli import main

SRC = Path(__file__).resolve().parents[2] / "src"


def _choices(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:  # noqa: SLF001
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            return dict(action.choices)
    return {}


@pytest.mark.parametrize("command", sorted(main.SINGLE_MODULE_COMMANDS))
def test_single_module_table_matches_the_full_parser(command: str) -> None:
    """Each listed command is registered by the listed module, with the same options."""
    full = _choices(main.build_parser())[command]
    alone = main.build_parser([command, "x"])
    assert set(_choices(alone)) < set(_choices(main.build_parser()))
    single = _choices(alone)[command]
    assert single.format_help() == full.format_help()
    sub = argparse.ArgumentParser().add_subparsers()
    importlib.import_module(main.SINGLE_MODULE_COMMANDS[command]).register(sub)
    assert command in sub.choices


@pytest.mark.parametrize("argv, single", [
    (["validate", "a"], True), (["--ui-lang", "hi", "validate", "a"], True),
    (["--ui-lang=en", "info", "a"], True), (["--help", "validate"], False),
    (["check", "a.md"], False), (["valdate", "a"], False), ([], False),
])
def test_which_command_lines_take_the_short_way(argv: list[str], single: bool) -> None:
    commands = set(_choices(main.build_parser(argv)))
    assert (commands <= {"pack", "unpack", "info", "validate"}) == single
    if not single:
        assert {"check", "export", "phonetic", "validate"} <= commands


PROBE = """
import json, logging, os, sys
from khabar_editor.cli import main
code = main.main(sys.argv[2:])
log = os.path.join(os.environ["KHABAR_LOG_DIR"], "khabar.log")
seen = [os.path.exists(log), "khabar_editor.cli.check_cmd" in sys.modules,
        "khabar_editor.textkit.phonetic" in sys.modules]
if sys.argv[1] == "log":
    logging.getLogger("khabar_editor.test").warning("written when needed")
    seen.append(open(log, encoding="utf-8").read())
print(json.dumps([code, *seen]))
"""


def _probe(tmp_path: Path, mode: str, *argv: str) -> list:
    import json

    env = {**os.environ, "PYTHONPATH": str(SRC), "KHABAR_LANG": "en",
           "KHABAR_LOG_DIR": str(tmp_path / "logs"), "KHABAR_CONFIG_DIR": str(tmp_path / "c"),
           "KHABAR_DATA_DIR": str(tmp_path / "d")}
    out = subprocess.run([sys.executable, "-c", PROBE, mode, *argv], env=env, text=True,
                         capture_output=True, timeout=120, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def _article(tmp_path: Path) -> Path:
    from khabar_editor.app.sample import sample_package
    from khabar_editor.article.frontmatter import to_markdown

    path = tmp_path / "a.md"
    path.write_text(to_markdown(sample_package().article), encoding="utf-8")
    return path


def test_validate_imports_no_other_command_and_opens_no_log(tmp_path: Path) -> None:
    code, log_exists, check_cmd, phonetic = _probe(tmp_path, "-", "validate",
                                                   str(_article(tmp_path)))
    assert code == 0
    assert not log_exists and not check_cmd and not phonetic


def test_the_log_file_opens_at_the_first_record(tmp_path: Path) -> None:
    code, log_exists, _c, _p, text = _probe(tmp_path, "log", "validate",
                                            str(_article(tmp_path)))
    assert code == 0 and not log_exists
    assert "WARNING khabar_editor.test: written when needed" in text


CRASH = """
import os, sys
from khabar_editor.cli import main, package_cmds
def broken(*args, **kwargs):
    raise RuntimeError("boom in validate")
package_cmds.validate_file = broken
code = main.main(["validate", "-j", "1", sys.argv[1]])
log = os.path.join(os.environ["KHABAR_LOG_DIR"], "khabar.log")
print(code, "RuntimeError: boom in validate" in open(log, encoding="utf-8").read())
"""


def test_an_internal_error_still_reaches_the_log_file(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(SRC), "KHABAR_LANG": "en",
           "KHABAR_LOG_DIR": str(tmp_path / "logs")}
    done = subprocess.run([sys.executable, "-c", CRASH, str(_article(tmp_path))], env=env,
                          text=True, capture_output=True, timeout=120, check=True)
    code, logged = done.stdout.split()
    assert code == str(int(main.ExitCode.INTERNAL)) and logged == "True"
    assert "Traceback" not in done.stderr and "khabar.log" in done.stderr

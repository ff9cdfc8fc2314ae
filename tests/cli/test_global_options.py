"""Global options (``--ui-lang``) are accepted after every subcommand, nested ones too."""

from __future__ import annotations

import argparse

import pytest

from khabar_editor.cli.main import build_parser, main


def _commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    """Every (command path, parser) below ``parser``, depth first."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, command in action.choices.items():
                yield path + (name,), command
                yield from _commands(command, path + (name,))


ALL = list(_commands(build_parser()))


def test_the_walk_finds_nested_commands():
    """The walk reaches the nested ``destinations`` and ``keys`` actions (the test can see them)."""
    paths = {p for p, _ in ALL}
    assert ("destinations", "add") in paths and ("keys", "list") in paths
    assert len(paths) > 15


@pytest.mark.parametrize("path", [p for p, _ in ALL], ids=" ".join)
def test_every_subcommand_knows_ui_lang(path):
    """Each command, at every depth, parses ``--ui-lang hi`` after its own arguments."""
    command = dict(ALL)[path]
    action = command._option_string_actions.get("--ui-lang")
    assert action is not None, path
    assert "hi" in action.choices


def test_ui_lang_after_destinations_list(capsys):
    """``khabar destinations list --ui-lang hi`` runs (it used to be a usage error)."""
    assert main(["destinations", "list", "--ui-lang", "hi"]) == 0
    assert "unrecognized" not in capsys.readouterr().err


def test_ui_lang_after_destinations_add_is_not_a_usage_error(capsys):
    """``destinations add`` with a bad URL and ``--ui-lang hi`` at the end complains about
    the URL, in Hindi, not about ``--ui-lang``."""
    code = main(["destinations", "add", "desk", "--webdav", "ftp://x", "--user", "u",
                 "--ui-lang", "hi"])
    err = capsys.readouterr().err
    assert code == 2
    assert "--ui-lang" not in err and "unrecognized" not in err
    assert any("\u0900" <= ch <= "\u097f" for ch in err)


def test_ui_lang_after_keys_list(tmp_path, capsys):
    """``khabar keys list --keys DIR --ui-lang hi`` runs and is answered."""
    assert main(["keys", "list", "--keys", str(tmp_path), "--ui-lang", "hi"]) == 0
    assert "unrecognized" not in capsys.readouterr().err


def test_ui_lang_between_nested_commands(tmp_path):
    """``khabar destinations --ui-lang hi list`` works as well."""
    assert main(["destinations", "--ui-lang", "hi", "list"]) == 0


def test_unknown_ui_lang_is_still_refused(capsys):
    """A language that does not exist is a usage error (exit 2) after a nested command too."""
    assert main(["destinations", "list", "--ui-lang", "xx"]) == 2
    assert "--ui-lang" in capsys.readouterr().err

"""``khabar`` starts light: parsing the command line loads no delivery, signing, Markdown,
YAML or proofing code; each command loads only what it needs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
HEAVY = ("httpx", "cryptography", "markdown", "yaml", "nh3", "khabar_editor.proofing",
         "khabar_editor.delivery.http", "khabar_editor.package.signing",
         "khabar_editor.package.writer", "concurrent.futures.process",
         "khabar_editor.textkit.phonetic.model", "khabar_editor.textkit.phonetic.learned")

PROBE = """
import json, sys
from khabar_editor.cli import main
argv = json.loads(sys.argv[1])
if argv == ["parse-all"]:
    parser = main.build_parser()
    for line in (["validate", "a.khabar"], ["check", "a.md", "--suggestions", "2"],
                 ["export", "a.khabar", "-o", "out"], ["send", "a.khabar", "--to", "x"],
                 ["verify", "a.khabar"], ["convert", "a.txt", "-o", "o"], ["info", "a"]):
        parser.parse_args(line)
else:
    try:
        main.main(argv)
    except SystemExit:
        pass
sys.stdout.flush()
print("\\n@@" + json.dumps(sorted(sys.modules)))
"""


def _modules_after(argv: list[str], tmp_path: Path) -> set[str]:
    env = {**os.environ, "PYTHONPATH": str(SRC), "KHABAR_LANG": "en"}
    done = subprocess.run([sys.executable, "-c", PROBE, json.dumps(argv)], capture_output=True,
                          text=True, timeout=120, env=env, cwd=tmp_path, check=False)
    assert "@@" in done.stdout, done.stderr
    return set(json.loads(done.stdout.rsplit("@@", 1)[1]))


@pytest.mark.parametrize("argv", [["--help"], ["parse-all"], ["validate", "--help"]])
def test_help_and_parsing_load_nothing_heavy(argv, tmp_path):
    """--help and argument parsing of every command import none of the heavy modules."""
    loaded = _modules_after(argv, tmp_path)
    assert "khabar_editor.cli.main" in loaded
    assert sorted(m for m in HEAVY if m in loaded) == []


def test_validate_loads_no_delivery_signing_markdown_or_proofing(tmp_path):
    """Validating a package reads it (YAML) but never loads httpx, cryptography, Markdown
    rendering or the proofreader."""
    from khabar_editor.app.sample import sample_package
    from khabar_editor.package import write_package

    path = tmp_path / "s.khabar"
    write_package(path, sample_package(), who="test")
    loaded = _modules_after(["validate", str(path)], tmp_path)
    assert "yaml" in loaded and "khabar_editor.package.reader" in loaded
    assert sorted(m for m in HEAVY if m in loaded and m != "yaml") == []


def test_delivery_constants_agree():
    """The outbox states send_cmds prints without importing the outbox are the outbox's."""
    from khabar_editor.cli import convert_cmd, send_cmds
    from khabar_editor.delivery import outbox
    from khabar_editor.textkit import legacy

    assert (send_cmds.FAILED, send_cmds.SENT) == (outbox.FAILED, outbox.SENT)
    assert convert_cmd.FONTS == legacy.FONTS

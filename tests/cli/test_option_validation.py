"""Every option of ``khabar export``, ``check`` and the top level refuses hostile values with
one clear line (English and Hindi) and exit 2, before anything is read or written; every
accepted value gives well-formed XML and JSON; output that cannot be written is exit 4.

Values: ``tests/data/hostile/cli/values.json``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from khabar_editor.cli.main import main
from khabar_editor.cli.options import site_url, text_value

REPO = Path(__file__).resolve().parents[2]
GOLDEN = REPO / "tests" / "data" / "golden"
VALUES_FILE = REPO / "tests" / "data" / "hostile" / "cli" / "values.json"


def _expand(value):
    if isinstance(value, dict):
        unit, count = value["repeat"]
        return unit * count + _expand(value.get("then", ""))
    return value


VALUES = {k: ([_expand(v) for v in vs] if k != "choice" else vs)
          for k, vs in json.loads(VALUES_FILE.read_text(encoding="utf-8")).items()
          if not k.startswith("_")}


@pytest.fixture()
def article(tmp_path: Path) -> Path:
    """The golden article with its photos in a fresh folder."""
    shutil.copy(GOLDEN / "article.md", tmp_path / "article.md")
    shutil.copytree(GOLDEN / "media", tmp_path / "media")
    return tmp_path / "article.md"


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def assert_refused(code: int, out: str, err: str, option: str) -> None:
    """Exit 2, the option named on one clear line, no traceback, no raw control chars."""
    assert code == 2, (code, err)
    assert out == ""
    assert option in err
    assert "Traceback" not in err
    printable = err.replace("\n", "")
    assert not any(ord(c) < 32 or 0x7f <= ord(c) < 0xa0 or 0x202a <= ord(c) <= 0x202e
                   or 0xd800 <= ord(c) <= 0xdfff for c in printable), repr(err)


def export_argv(article: Path, out: Path, *extra: str) -> list[str]:
    return ["export", str(article), "-o", str(out), "-f", "wxr,nitf", "--no-spelling", *extra]


@pytest.mark.parametrize("value", VALUES["text"], ids=repr)
def test_provider_refuses_hostile_text(value, article, tmp_path, capsys):
    """--provider with controls, bidi overrides, non-UTF-8 bytes, blanks or 201 letters."""
    code, out, err = run(export_argv(article, tmp_path / "out", "--provider", value), capsys)
    assert_refused(code, out, err, "--provider")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("value", VALUES["site_url"], ids=repr)
def test_site_url_refuses_anything_but_a_plain_web_address(value, article, tmp_path, capsys):
    """--site-url: only http(s)://host[:port]/path in URL characters, no query or fragment."""
    code, out, err = run(export_argv(article, tmp_path / "out", "--site-url", value), capsys)
    assert_refused(code, out, err, "--site-url")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("value", VALUES["media_base_url"] + VALUES["site_url"][:-2], ids=repr)
def test_media_base_url_refuses_hostile_addresses(value, article, tmp_path, capsys):
    """--media-base-url takes the same addresses as --site-url (or nothing)."""
    code, out, err = run(export_argv(article, tmp_path / "out", "--media-base-url", value),
                         capsys)
    assert_refused(code, out, err, "--media-base-url")


@pytest.mark.parametrize("value", VALUES["jobs"], ids=repr)
def test_jobs_must_be_a_small_whole_number(value, article, tmp_path, capsys):
    """-j/--jobs: 1 to 32, nothing else (negative, zero, huge, words, other digits)."""
    code, out, err = run(export_argv(article, tmp_path / "out", "--jobs", value), capsys)
    assert_refused(code, out, err, "--jobs")


@pytest.mark.parametrize("value", VALUES["format"], ids=repr)
def test_format_list_is_checked_and_echoed_safely(value, article, tmp_path, capsys):
    """-f/--format: unknown or empty lists are refused; the echo escapes control chars."""
    argv = ["export", str(article), "-o", str(tmp_path / "out"), "-f", value]
    code, out, err = run(argv, capsys)
    assert_refused(code, out, err, "format")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("value", VALUES["path"], ids=repr)
def test_output_folder_name_is_checked(value, article, capsys):
    """-o with an empty name or control characters is refused before anything is made."""
    code, out, err = run(["export", str(article), "-o", value, "-f", "text"], capsys)
    assert_refused(code, out, err, "--output")


@pytest.mark.parametrize("value", VALUES["path"], ids=repr)
def test_check_file_names_are_checked(value, capsys):
    """khabar check FILE with an empty name or control characters is wrong usage."""
    code, out, err = run(["check", value], capsys)
    assert_refused(code, out, err, "FILE")


@pytest.mark.parametrize("option,value", VALUES["choice"], ids=repr)
def test_choice_options_refuse_other_values(option, value, article, tmp_path, capsys):
    """--ui-lang, --digits (export) and --lang (check) accept only their listed values."""
    command = "check" if option == "--lang" else "export"
    argv = ([command, str(article), option, value] if command == "check"
            else export_argv(article, tmp_path / "out", option, value))
    code, out, err = run(argv, capsys)
    assert_refused(code, out, err, option)


def test_taxonomy_file_problems_are_wrong_usage(article, tmp_path, capsys):
    """--taxonomy: a missing file, a folder or a file that is not a category list is
    refused with exit 2 before any export starts."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("- [unclosed\n", encoding="utf-8")
    for value in (str(tmp_path / "missing.yaml"), str(tmp_path), str(bad)):
        code, out, err = run(export_argv(article, tmp_path / "out", "--taxonomy", value), capsys)
        assert code == 2, (value, err)
        assert "Traceback" not in err and err.strip()
        assert not (tmp_path / "out").exists()


def test_messages_are_in_hindi_with_ui_lang_hi(article, tmp_path, capsys):
    """The same refusals read in Hindi with --ui-lang hi."""
    cases = [("--provider", "a\x01b", "नियंत्रण"), ("--site-url", "ftp://x", "होस्ट"),
             ("--jobs", "0", "पूर्ण संख्या"), ("--site-url", "https://a/?q", "साइट")]
    for option, value, word in cases:
        argv = ["--ui-lang", "hi", *export_argv(article, tmp_path / "out", option, value)]
        code, _out, err = run(argv, capsys)
        assert code == 2 and word in err, err


def test_validators_accept_ordinary_values():
    """Real provider names and site addresses pass unchanged (NFC, trimmed)."""
    assert text_value("  खबर एडिटर ") == "खबर एडिटर"
    assert text_value("PTI & <Agency> \"Q\" ]]>") == "PTI & <Agency> \"Q\" ]]>"
    for url in ("https://example.com", "http://news.example.in:8080/hi/", "https://[::1]/x",
                "https://xn--p1b6ci4b4b3a.xn--11b5bs3a9aj6g/", "https://a.example/%E0%A4%95"):
        assert site_url(url) == url


def _well_formed(folder: Path) -> int:
    """Parse every XML and JSON file in the bundle zips under ``folder``; how many."""
    count = 0
    for bundle in folder.glob("*.zip"):
        with zipfile.ZipFile(bundle) as zf:
            for name in zf.namelist():
                data = zf.read(name)
                if name.endswith(".xml"):
                    etree.fromstring(data, etree.XMLParser(resolve_entities=False))
                    count += 1
                elif name.endswith(".json"):
                    json.loads(data)
                    count += 1
    return count


def test_accepted_values_give_well_formed_output(article, tmp_path, capsys):
    """Markup, quotes, CDATA ends and Devanagari in the provider, a port and path in the
    site address: every XML and JSON file of the bundle parses."""
    out_dir = tmp_path / "out"
    argv = ["export", str(article), "-o", str(out_dir), "--no-spelling", "--json",
            "--provider", "ए & <b>\"PTI\"</b> ]]> 'x'", "--site-url",
            "https://news.example.in:8443/hi/", "--media-base-url", "https://cdn.example.in/m/"]
    code, out, err = run(argv, capsys)
    assert code == 0, err
    json.loads(out)
    assert _well_formed(out_dir) >= 6


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(provider=st.text(min_size=1, max_size=40))
def test_any_accepted_provider_keeps_xml_well_formed(provider, article, tmp_path_factory,
                                                     capsys):
    """Whatever --provider text is accepted, the XML formats stay well-formed."""
    out_dir = tmp_path_factory.mktemp("out")
    argv = ["export", str(article), "-o", str(out_dir), "-f", "wxr,nitf,newsml-g2,ninjs",
            "--no-spelling", "--provider", provider]
    code, _out, err = run(argv, capsys)
    assert code in (0, 2), err
    if code == 2:
        assert "--provider" in err
        return
    assert _well_formed(out_dir) >= 4


def test_non_utf8_output_folder_name_is_kept(article, tmp_path, capsys):
    """Bytes that are not UTF-8 in -o are a legal folder name: it is used as it is and
    the JSON report is still valid JSON."""
    name = os.fsdecode(b"out-\xff")
    code, out, err = run(["export", str(article), "-o", str(tmp_path / name), "-f", "text",
                          "--no-spelling", "--json"], capsys)
    assert code == 0, err
    report = json.loads(out.encode("utf-8", "backslashreplace").decode("utf-8"))
    assert report[0]["output"]
    assert os.path.isdir(os.fsencode(tmp_path) + b"/out-\xff")


def _khabar(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "khabar_editor.cli.main", *args],
                          capture_output=True, text=True, **kwargs)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("args", [["--help"], ["--version"], ["export", "--help"], []])
def test_output_to_a_full_disk_is_exit_4(args):
    """``khabar --help > /dev/full`` (and --version, subcommand help, bare khabar) exit 4
    with one line on stderr and no traceback."""
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "khabar_editor.cli.main", *args],
                              stdout=full, stderr=subprocess.PIPE, text=True)
    assert done.returncode == 4, done.stderr
    assert "Traceback" not in done.stderr and "Exception" not in done.stderr
    assert "Cannot write the output" in done.stderr


def test_help_to_a_closed_stdout_is_exit_4():
    """With standard output closed, --help is not silently sent elsewhere."""
    done = subprocess.run([sys.executable, "-c", "import os, sys; os.close(1); sys.stdout = None;"
                           "from khabar_editor.cli.main import main; sys.exit(main(['--help']))"],
                          capture_output=True, text=True)
    assert done.returncode == 4, done.stderr
    assert "standard output is closed" in done.stderr and "Traceback" not in done.stderr


def test_help_to_a_pipe_closed_early_is_not_an_error():
    """``khabar --help | head -c1`` is fine: a reader that leaves is not a failure."""
    done = subprocess.run(f"'{sys.executable}' -m khabar_editor.cli.main --help | head -c1",
                          shell=True, capture_output=True, text=True)
    assert done.returncode == 0 and "Traceback" not in done.stderr
    assert _khabar("--help").returncode == 0


@pytest.mark.parametrize("argv", [
    ["pack", "a.md", "-o", ""],
    ["pack", "a.md", "-o", "out\n.khabar"],
    ["unpack", "x.khabar", "-o", "  "],
    ["unpack", "x.khabar", "-o", "dir\x01"],
    ["info", ""],
    ["validate", "ok.khabar", "bad\x07.khabar"],
    ["pack", "a.md", "--media", "", "-o", "x.khabar"],
])
def test_package_command_paths_are_checked(argv, tmp_path, monkeypatch, capsys):
    """Empty names and names with control characters are refused before anything is read."""
    from khabar_editor.cli.main import main

    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    assert list(tmp_path.iterdir()) == []
    assert "Traceback" not in capsys.readouterr().err

"""``khabar convert``: legacy-font .txt files to Unicode, in batch."""

from __future__ import annotations

import json

from khabar_editor.cli.common import ExitCode
from khabar_editor.cli.main import main


def test_convert_detects_font_and_writes_nfc_utf8(tmp_path, capsys):
    """Krutidev and Preeti files are detected and written as Unicode into -o DIR."""
    (tmp_path / "a.txt").write_text("Hkkjr esa vkidk LokXkr gS\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("g]kfn ;/sf/ sf7df8f}+df\n", encoding="utf-8")
    out = tmp_path / "out"
    code = main(["convert", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"),
                 "-o", str(out), "--json"])
    assert code == ExitCode.OK
    report = json.loads(capsys.readouterr().out)
    assert [r["font"] for r in report] == ["krutidev", "preeti"]
    assert (out / "a.txt").read_text(encoding="utf-8") == "भारत में आपका स्वागत है\n"
    assert (out / "b.txt").read_text(encoding="utf-8") == "नेपाल सरकार काठमाडौंमा\n"


def test_convert_reads_cp1252_files_and_honours_from(tmp_path):
    """A Windows-1252 file (as office programs saved it) converts with --from."""
    (tmp_path / "k.txt").write_bytes("dk;ZØe".encode("cp1252"))
    code = main(["convert", "--from", "krutidev", str(tmp_path / "k.txt"),
                 "-o", str(tmp_path / "o")])
    assert code == ExitCode.OK
    assert (tmp_path / "o" / "k.txt").read_text(encoding="utf-8") == "कार्यक्रम"


def test_convert_refuses_english_and_keeps_existing_files(tmp_path, capsys):
    """English text is not converted; an existing output is kept without --force."""
    (tmp_path / "en.txt").write_text("The minister said that the plan is new.\n")
    (tmp_path / "a.txt").write_text("Hkkjr\n")
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.txt").write_text("keep me")
    code = main(["convert", str(tmp_path / "en.txt"), str(tmp_path / "a.txt"), "-o", str(out)])
    err = capsys.readouterr().err
    assert code == ExitCode.IO_ERROR
    assert "not recognised" in err and "already exists" in err
    assert not (out / "en.txt").exists()
    assert (out / "a.txt").read_text() == "keep me"
    assert main(["convert", str(tmp_path / "a.txt"), "-o", str(out), "--force"]) == ExitCode.OK
    assert (out / "a.txt").read_text(encoding="utf-8") == "भारत\n"


def test_convert_never_overwrites_its_input(tmp_path, capsys):
    """Converting into the input's own folder refuses instead of replacing the input."""
    src = tmp_path / "a.txt"
    src.write_text("Hkkjr\n")
    code = main(["convert", str(src), "-o", str(tmp_path), "--force"])
    assert code == ExitCode.IO_ERROR
    assert src.read_text() == "Hkkjr\n"
    assert "overwrite" in capsys.readouterr().err


def test_convert_missing_file_and_bad_font_are_clear(tmp_path, capsys):
    """A missing file exits 3 with one line; an unknown --from is a usage error."""
    assert main(["convert", str(tmp_path / "nope.txt"), "-o", str(tmp_path / "o")]) \
        == ExitCode.UNREADABLE
    assert "nope.txt" in capsys.readouterr().err
    assert main(["convert", "--from", "wingdings", "x.txt", "-o", "o"]) == ExitCode.USAGE

"""Contracts of the installed ``khabar`` console script, run as a user would (subprocess)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
KHABAR = Path(sys.executable).with_name("khabar")
SAMPLE = ROOT / "tests" / "data" / "sample"
HOSTILE = ROOT / "tests" / "data" / "hostile"



def khabar(*args: str, stdin: bytes | None = b"", lang: str = "C.UTF-8", cwd: Path | None = None
           ) -> subprocess.CompletedProcess[str]:
    """Run the console script; ``stdin=None`` starts it with standard input closed."""
    env = {k: v for k, v in os.environ.items() if k not in ("KHABAR_LANG", "LC_ALL", "LANGUAGE")}
    env["LANG"] = lang
    kwargs: dict = {"input": stdin} if stdin is not None else {"stdin": subprocess.DEVNULL}
    if stdin is None:
        kwargs["preexec_fn"] = lambda: os.close(0)
    proc = subprocess.run([str(KHABAR), *args], capture_output=True, env=env, cwd=cwd,
                          timeout=60, **kwargs)
    result = subprocess.CompletedProcess(proc.args, proc.returncode, proc.stdout.decode(),
                                         proc.stderr.decode())
    assert "Traceback" not in result.stderr, result.stderr
    return result


@pytest.fixture(scope="module")
def package(tmp_path_factory) -> Path:
    """The sample article packed with its photos."""
    out = tmp_path_factory.mktemp("pkg") / "sample.khabar"
    assert khabar("pack", str(SAMPLE / "article.md"), "-o", str(out)).returncode == 0
    return out


def test_help_is_hindi_under_ui_lang_and_locale():
    """Our help strings (commands, options, exit codes) are Hindi with --ui-lang hi or LANG=hi."""
    top = khabar("--ui-lang", "hi", "--help")
    assert top.returncode == 0 and "ख़बर एडिटर कमांड लाइन" in top.stdout
    assert "निकास कोड" in top.stdout and "बीच में रोका गया" in top.stdout
    sub = khabar("check", "--help", lang="hi_IN.UTF-8")
    assert "जाँचने के लिए फ़ाइलें" in sub.stdout and "files to check" not in sub.stdout
    assert "exit codes:" in khabar("--help").stdout


def test_info_and_validate_json_contract(package, tmp_path):
    """info --json describes the package; validate --json: one object per file, codes 0/1/3."""
    info = json.loads(khabar("info", str(package), "--json").stdout)
    assert info["headline"].startswith("कोसी") and info["photos"] == 2
    broken = tmp_path / "text.khabar"
    broken.write_text("just text\n")
    empty = tmp_path / "empty.md"
    empty.write_text("")
    run = khabar("validate", "--json", str(package), str(empty), str(broken))
    assert run.returncode == 3
    report = json.loads(run.stdout)
    assert [r["file"] for r in report] == [str(package), str(empty), str(broken)]
    assert [r["ok"] for r in report] == [True, False, False]
    for record in report:
        assert isinstance(record["problems"], list)
        for item in record["problems"]:
            assert {"code", "severity", "message"} <= item.keys()
    assert khabar("validate", str(empty)).returncode == 1


def test_check_stdin_columns_count_characters_from_one():
    """Line/column are 1-based and count characters (Devanagari, emoji) in stdin text."""
    text = "पहला वाक्य।\n😀 नमस्ते दुनियाा\n"
    run = khabar("check", "--json", "--lang", "hi", "-", stdin=text.encode())
    assert run.returncode == 1
    [record] = json.loads(run.stdout)
    assert record["file"] == "-"
    found = [f for f in record["findings"] if f["text"] == "दुनियाा" and f["kind"] == "spelling"]
    assert found and (found[0]["line"], found[0]["column"]) == (2, 10)
    assert found[0]["suggestions"][0] == "दुनिया"
    for f in record["findings"]:
        assert {"line", "column", "text", "kind", "message", "suggestions"} <= f.keys()
        line = text.split("\n")[f["line"] - 1]
        assert line[f["column"] - 1:].startswith(f["text"])


def test_check_json_keeps_failing_files_and_closed_stdin(package, tmp_path):
    """An unreadable file is an object with an error; closed stdin is exit 3, not a crash."""
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"\xff\xfe\x00binary")
    run = khabar("check", "--json", str(bad), str(package), str(tmp_path / "nope.txt"))
    assert run.returncode == 3
    report = json.loads(run.stdout)
    assert [r["file"] for r in report] == [str(bad), str(package), str(tmp_path / "nope.txt")]
    assert report[0]["findings"] == [] and report[0]["error"]["code"]
    assert "error" not in report[1] and report[1]["findings"]
    assert len(run.stderr.strip().splitlines()) == 2
    closed = khabar("check", "--json", "-", stdin=None)
    assert closed.returncode == 3 and json.loads(closed.stdout)[0]["error"]["message"]
    assert khabar("check", "-", stdin=b"").returncode == 0


def test_export_usage_errors_write_nothing(package, tmp_path):
    """Unknown format and missing -o are usage errors (2) and create no output folder."""
    out = tmp_path / "out"
    run = khabar("export", str(package), "--format", "html,pdf", "-o", str(out))
    assert run.returncode == 2 and "pdf" in run.stderr and not out.exists()
    assert khabar("export", str(package)).returncode == 2


def test_export_mixed_batch_json_and_write_failure(package, tmp_path):
    """Mixed batch: valid JSON with every file, error objects, worst exit code; no temp files."""
    out = tmp_path / "out"
    missing = tmp_path / "nope.khabar"
    run = khabar("export", "--json", "--format", "ninjs,text", "-o", str(out), str(package),
                 str(missing), str(HOSTILE / "zip_slip_dotdot.khabar"))
    assert run.returncode == 3
    report = json.loads(run.stdout)
    assert [r["code"] for r in report] == [0, 3, 3]
    assert report[0]["error"] is None and report[0]["output"].endswith(".zip")
    assert all(r["error"]["code"] and r["error"]["message"] for r in report[1:])
    assert [p.name for p in out.iterdir()] == [Path(report[0]["output"]).name]
    blocker = tmp_path / "file"
    blocker.write_text("x")
    hindi = khabar("--ui-lang", "hi", "export", str(package), "-o", str(blocker / "sub"))
    assert hindi.returncode == 4 and "लिखा नहीं जा सका" in hindi.stdout


def test_bad_inputs_give_one_line_and_documented_codes(tmp_path):
    """Nonexistent, folder, binary .md and a text file named .khabar: exit 3, no traceback."""
    binary = tmp_path / "bin.md"
    binary.write_bytes(bytes(range(256)) * 4)
    fake = tmp_path / "fake.khabar"
    fake.write_text("hello")
    for path in (tmp_path / "nope.md", tmp_path, binary, fake):
        for command in (("info",), ("check",)):
            run = khabar(*command, str(path), "--ui-lang", "hi")
            assert run.returncode == 3, (command, path, run.stderr)
            assert len(run.stderr.strip().splitlines()) == 1
            assert any("\u0900" <= ch <= "\u097f" for ch in run.stderr)


def test_broken_pipe_is_quiet(package, tmp_path):
    """``khabar check ... | head -1``: no traceback or flush error when the reader leaves."""
    files = []
    for i in range(60):
        files.append(shutil.copy(SAMPLE / "article.md", tmp_path / f"a{i}.md"))
    proc = subprocess.Popen([str(KHABAR), "check", *map(str, files)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    proc.stdout.read(10)
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert "Traceback" not in err and "Exception ignored" not in err


def test_ctrl_c_stops_batch_export_cleanly(tmp_path):
    """SIGINT mid-batch: exit 130, valid JSON for every file, no half-written files."""
    (tmp_path / "media").mkdir()
    for photo in SAMPLE.glob("*.jpg"):
        shutil.copy(photo, tmp_path / "media" / photo.name)
    text = (SAMPLE / "article.md").read_text(encoding="utf-8")
    files = []
    for i in range(400):
        path = tmp_path / f"a{i}.md"
        path.write_text(text.replace("slug: ", f"slug: n{i}-", 1), encoding="utf-8")
        files.append(str(path))
    out = tmp_path / "out"
    proc = subprocess.Popen([str(KHABAR), "export", "--json", "--no-spelling", "-o", str(out),
                             *files], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while not (out.is_dir() and any(out.iterdir())) and time.monotonic() < deadline:
        time.sleep(0.02)
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130 and b"Traceback" not in stderr
    report = json.loads(stdout)
    assert len(report) == 400
    stopped = [r for r in report if r["code"] == 130]
    assert stopped and all(r["error"]["code"] == "export.interrupted" for r in stopped)
    written = sorted(p.name for p in out.iterdir())
    assert all(name.endswith(".zip") and not name.startswith(".") for name in written)
    assert len(written) == sum(r["code"] == 0 for r in report)

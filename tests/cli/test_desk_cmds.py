"""khabar keys/sign/verify/diff: JSON contracts and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from khabar_editor.app import workflow
from khabar_editor.app.workflow import Identity, Role
from khabar_editor.article.model import Article, Byline, Status
from khabar_editor.cli import main as cli_main
from khabar_editor.package import new_package, read_package, write_package


@pytest.fixture(autouse=True)
def _only_desk_commands(monkeypatch, tmp_path):
    """Desk commands only, with a private data folder."""
    monkeypatch.setattr(cli_main, "COMMAND_MODULES", ("khabar_editor.cli.desk_cmds",))
    monkeypatch.setenv("KHABAR_DATA_DIR", str(tmp_path / "data"))


def khabar(capsys, *argv) -> tuple[int, str, str]:
    """Run ``khabar ARGV`` in-process; returns (exit code, stdout, stderr)."""
    code = cli_main.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def _story(path: Path) -> Path:
    pkg = new_package(Article(headline="कोसी", byline=Byline("रमेश"), status=Status.SUBMITTED,
                              body="कोसी नदी का जलस्तर बढ़ा।\n"))
    write_package(path, pkg, who="रमेश", who_id="a" * 32)
    return path


def test_keys_sign_verify_round_trip(tmp_path, capsys, monkeypatch):
    """keys new with a passphrase, sign, verify against the keys folder: exit 0 then 1 unknown."""
    monkeypatch.setenv("PASS", "गुप्त शब्द")
    code, _, _ = khabar(capsys, "keys", "new", "--name", "रमेश", "-o", tmp_path / "k",
                        "--passphrase-env", "PASS")
    assert code == 0 and (tmp_path / "k" / "रमेश.key").is_file()
    story = _story(tmp_path / "a.khabar")
    assert khabar(capsys, "sign", story, "--key", tmp_path / "k" / "रमेश.key")[0] == 3
    assert khabar(capsys, "sign", story, "--key", tmp_path / "k" / "रमेश.key",
                  "--passphrase-env", "PASS")[0] == 0
    code, out, _ = khabar(capsys, "verify", story, "--keys", tmp_path / "k", "--json")
    assert code == 0
    assert json.loads(out) == [{"file": str(story), "integrity": "intact", "signature": "valid",
                                "signer": "रमेश", "problems": []}]
    code, out, _ = khabar(capsys, "verify", story, "--json")  # empty default store
    assert code == 1 and json.loads(out)[0]["signature"] == "unknown-key"
    assert khabar(capsys, "keys", "import", tmp_path / "k" / "रमेश.pub")[0] == 0
    assert khabar(capsys, "verify", story)[0] == 0


def test_verify_exit_codes_for_unsigned_and_missing(tmp_path, capsys):
    """Unsigned is exit 1; a missing file is exit 3 with a translated line."""
    story = _story(tmp_path / "a.khabar")
    code, out, _ = khabar(capsys, "verify", story, "--json")
    assert code == 1 and json.loads(out)[0]["signature"] == "unsigned"
    code, out, _ = khabar(capsys, "verify", story, tmp_path / "missing.khabar", "--json")
    assert code == 3 and json.loads(out)[1]["problems"][0]["code"] == "package.not_found"


def test_diff_json_and_exit_codes(tmp_path, capsys):
    """No original: exit 0; after a desk edit: exit 1 with fields and word-level body ops."""
    story = _story(tmp_path / "a.khabar")
    code, out, _ = khabar(capsys, "diff", story, "--json")
    assert code == 0 and json.loads(out) == {"file": str(story), "fields": [], "body": []}
    desk = Identity("अमित", Role.DESK, "b" * 32)
    pkg = read_package(story)
    workflow.keep_original(pkg, desk)
    pkg.article.headline = "कोसी उफान पर"
    pkg.article.body = "कोसी नदी का जलस्तर तेज़ी से बढ़ा।\n"
    write_package(story, pkg, who=desk.who, who_id=desk.id, keep_original=True)
    code, out, _ = khabar(capsys, "diff", story, "--json")
    data = json.loads(out)
    assert code == 1
    assert data["fields"] == [{"field": "headline", "before": "कोसी", "after": "कोसी उफान पर"}]
    assert [o["after"] for o in data["body"] if o["op"] == "insert"] == ["तेज़ी से "]
    code, out, _ = khabar(capsys, "--ui-lang", "hi", "diff", story)
    assert code == 1 and "{+तेज़ी से +}" in out and "\033[" not in out

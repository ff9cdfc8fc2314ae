"""Hostile signature lists and key files (tests/data/hostile/signatures/): ``khabar verify``
and the inbox give each a verdict with a clear reason, never a traceback."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from khabar_editor.app.inbox import scan_folder
from khabar_editor.cli.main import main
from khabar_editor.package.signing import KeyStore, verify_package

DATA = Path(__file__).resolve().parents[1] / "data" / "hostile" / "signatures"
CASES = json.loads((DATA / "cases.json").read_text(encoding="utf-8"))
KEYS = DATA / "keys"
BAD_KEY_FILES = {"binary.pub", "huge.pub", "not-a-key.pub", "private.pub", "short-key.pub"}


def test_fixtures_match_the_generator():
    """Every package the generator lists is there, and nothing else."""
    assert sorted(CASES) == sorted(p.name for p in DATA.glob("*.khabar"))
    assert len(CASES) >= 18


@pytest.mark.parametrize("name", sorted(CASES))
def test_verify_gives_the_expected_verdict(name):
    """verify_package: the expected integrity and signature; every failure names a reason."""
    result = verify_package(DATA / name, KeyStore(KEYS))
    expected = CASES[name]
    assert (result.integrity.value, result.signature.value) == (
        expected["integrity"], expected["signature"])
    if not result.ok:
        assert result.problems and all(p.message.strip() for p in result.problems)
    assert all(len(p.message) < 600 for p in result.problems)  # huge strings are cut


def test_specific_reasons():
    """Malformed records, revoked keys and copies each get their own reason."""
    store = KeyStore(KEYS)

    def codes(name):
        return [p.code for p in verify_package(DATA / name, store).problems]

    assert "signature.malformed" in codes("short_key.khabar")
    assert "signature.malformed" in codes("base64_garbage.khabar")
    assert "signature.malformed" in codes("key_id_mismatch.khabar")
    assert "signature.revoked" in codes("revoked_key.khabar")
    assert codes("duplicate_same.khabar") == ["signature.duplicate"]
    assert "signature.broken" in codes("duplicate_conflicting.khabar")


def test_key_files_that_are_not_keys_are_skipped_with_a_reason():
    """The key store ignores non-key .pub files, says why, and still loads the real keys."""
    store = KeyStore(KEYS)
    skipped = {path.name: reason for path, reason in store.skipped()}
    assert set(skipped) == BAD_KEY_FILES
    assert all(reason.strip() for reason in skipped.values())
    assert sorted(k.revoked for k in store.keys()) == [False, True]


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_cli_verify_json_reports_all_without_traceback(capsys, lang):
    """``khabar verify --json`` over every fixture: valid JSON (messages in both languages), exit 1;
    ignored key files are named on standard error (in Hindi with --ui-lang hi)."""
    files = [str(DATA / name) for name in sorted(CASES)]
    code = main(["verify", "--keys", str(KEYS), "--json", *files, "--ui-lang", lang])
    out, err = capsys.readouterr()
    assert code == 1
    report = json.loads(out)
    assert [Path(r["file"]).name for r in report] == sorted(CASES)
    for record in report:
        expected = CASES[Path(record["file"]).name]
        assert (record["integrity"], record["signature"]) == (expected["integrity"],
                                                              expected["signature"])
    assert "Traceback" not in err and "Internal error" not in err
    assert sum(name in err for name in BAD_KEY_FILES) == len(BAD_KEY_FILES)
    if lang == "hi":
        assert "अनदेखा" in err
        damaged = next(r for r in report if r["file"].endswith("short_key.khabar"))
        assert "ख़राब" in damaged["problems"][0]["message_hi"]


def test_inbox_lists_every_fixture_with_its_reason(tmp_path):
    """The inbox scan gives one row per hostile package with the same verdict and a reason."""
    for name in CASES:
        shutil.copyfile(DATA / name, tmp_path / name)
    entries = {e.path.name: e for e in scan_folder(tmp_path, keys=KeyStore(KEYS))}
    assert sorted(entries) == sorted(CASES)
    for name, entry in entries.items():
        assert (entry.integrity.value, entry.signature.value) == (
            CASES[name]["integrity"], CASES[name]["signature"]), name
        if name != "valid.khabar":
            assert entry.problem.strip(), name


@pytest.mark.parametrize("bad", sorted(BAD_KEY_FILES))
def test_importing_a_non_key_is_refused_clearly(bad, tmp_path, capsys):
    """``khabar keys import`` of a file that is not a key: one line, no key stored."""
    code = main(["keys", "import", str(KEYS / bad), "--keys", str(tmp_path / "store")])
    err = capsys.readouterr().err
    assert code != 0 and err.strip() and "Traceback" not in err
    assert not list((tmp_path / "store").glob("*.pub")) if (tmp_path / "store").exists() else True

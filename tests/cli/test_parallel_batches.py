"""``check`` and ``validate`` on many files: the worker pool gives exactly the serial results."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from khabar_editor.cli import main as cli_main
from khabar_editor.cli import parallel

DATA = Path(__file__).resolve().parents[1] / "data"
HOSTILE = DATA / "hostile"
ARTICLE = "---\nheadline: पटना में बाढ {n}\n---\nमुख्यमंत्री ने सोमवार को  जिलों का दौरा किया{n}।\n"


@pytest.fixture(autouse=True)
def _personal_in_tmp(tmp_path, monkeypatch):
    """Keep the user's real personal dictionary out of the tests."""
    monkeypatch.setattr("khabar_editor.proofing.proofreader.default_personal_path",
                        lambda: tmp_path / "personal.txt")


@pytest.fixture
def batch(tmp_path: Path) -> list[str]:
    """Twelve files: articles with findings, clean ones, a bad one and hostile packages."""
    files = []
    for n in range(8):
        path = tmp_path / f"a{n}.md"
        text = ARTICLE.format(n=n) if n % 3 else "---\nheadline: ''\n---\nपाठ ठीक है।\n"
        path.write_text(text, encoding="utf-8")
        files.append(str(path))
    files += [str(HOSTILE / name) for name in ("zip_slip_dotdot.khabar", "bad_yaml.khabar",
                                               "non_nfc.khabar", "checksum.khabar")]
    return files


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli_main.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("command", ["validate", "check"])
@pytest.mark.parametrize("as_json", [True, False])
def test_parallel_results_equal_serial(command, as_json, batch, capsys, monkeypatch):
    """-j 1 and -j 3 print the same report in the same order with the same exit code."""
    from concurrent.futures import ProcessPoolExecutor as real_pool

    used: list[int] = []

    def counting_pool(*args, **kwargs):
        used.append(kwargs["max_workers"])
        return real_pool(*args, **kwargs)

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", counting_pool)
    flags = ["--json"] if as_json else []
    serial = _run(capsys, command, *flags, "-j", "1", *batch)
    assert used == []
    pooled = _run(capsys, command, *flags, "-j", "3", *batch)
    assert used == [3]
    assert serial == pooled
    assert serial[0] == 3  # unreadable packages win
    if as_json:
        assert [r["file"] for r in json.loads(serial[1])] == batch


def test_a_few_files_stay_in_this_process(batch, capsys, monkeypatch):
    """Up to SERIAL_MAX files are handled without starting workers."""
    def refuse(*_args, **_kwargs):
        raise AssertionError("a worker pool was started")

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", refuse)
    code, out, _err = _run(capsys, "validate", *batch[:parallel.SERIAL_MAX])
    assert code == 1 and out.count("\n") >= parallel.SERIAL_MAX


def test_bad_jobs_value_is_a_usage_error(batch, capsys):
    """-j 0 is refused with exit 2 before any file is read."""
    code, out, err = _run(capsys, "validate", "-j", "0", *batch)
    assert code == 2 and out == "" and ("-j" in err or "--jobs" in err)


def _stop_at_five(n: int) -> int:
    if n == 5:
        raise KeyboardInterrupt
    return n * n


def test_ctrl_c_stops_the_pool_and_leaves_no_workers():
    """An interrupt during a pooled batch reaches the caller and no worker is left running."""
    import multiprocessing

    seen = []
    with pytest.raises(KeyboardInterrupt):
        for value in parallel.map_files(_stop_at_five, list(range(40)), desc="t", jobs=2):
            seen.append(value)
    assert len(seen) <= 5 and seen == [n * n for n in range(len(seen))]  # in order, then stop
    assert multiprocessing.active_children() == []


MISSPELT = ("---\nheadline: खबर {n}\n---\nमुख्यमंत्री ने सोमवर को जिलो का दोरा कीया और "
            "परिवारो से मुलकात की{n}।\n")


def test_spawned_workers_keep_the_suggestion_limit(tmp_path, capsys, monkeypatch):
    """With the ``spawn`` start method (Windows, macOS) a batch of more than SERIAL_MAX
    files still honours ``--suggestions N``: the workers get it in their tasks, not by
    inheriting the parent's memory, and the report equals the serial one."""
    files = []
    for n in range(parallel.SERIAL_MAX + 2):
        path = tmp_path / f"m{n}.md"
        path.write_text(MISSPELT.format(n=n), encoding="utf-8")
        files.append(str(path))
    full = json.loads(_run(capsys, "check", "--json", "-j", "1", *files)[1])
    assert any(len(f["suggestions"]) > 1 for r in full for f in r["findings"])
    serial = _run(capsys, "check", "--json", "--suggestions", "1", "-j", "1", *files)
    monkeypatch.setattr(parallel, "START_METHOD", "spawn")
    assert not parallel.forks()
    spawned = _run(capsys, "check", "--json", "--suggestions", "1", "-j", "2", *files)
    assert spawned == serial
    found = [f for r in json.loads(spawned[1]) for f in r["findings"]]
    assert found and all(len(f["suggestions"]) <= 1 for f in found)
    assert any(len(f["suggestions"]) == 1 for f in found)


def test_spawned_validate_equals_serial(batch, capsys, monkeypatch):
    """validate's workers need nothing from the parent's memory either: with ``spawn``
    the report and exit code equal the serial run's."""
    serial = _run(capsys, "validate", "--json", "-j", "1", *batch)
    monkeypatch.setattr(parallel, "START_METHOD", "spawn")
    assert _run(capsys, "validate", "--json", "-j", "2", *batch) == serial

"""Key files are opened as regular files only: a named pipe is refused, never waited on."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"

PROBE = """
import sys
from pathlib import Path
from khabar_editor.package.signing import KeyStore, SigningError, load_signing_key
fifo = Path(sys.argv[1])
codes = []
for call in (lambda: load_signing_key(fifo), lambda: KeyStore(Path(sys.argv[2])).import_key(fifo)):
    try:
        call()
    except SigningError as exc:
        codes.append(exc.code + " | " + str(exc))
print("\\n".join(codes))
"""


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX feature")
def test_fifo_key_file_is_refused_promptly(tmp_path):
    """A FIFO given as a private or public key file gives a clear error at once; run in a
    child process with a timeout so that a regression (a blocking open) fails the test
    instead of hanging the suite."""
    fifo = tmp_path / "desk.key"
    os.mkfifo(fifo)
    env = {**os.environ, "PYTHONPATH": str(SRC), "KHABAR_LANG": "en"}
    try:
        done = subprocess.run([sys.executable, "-c", PROBE, str(fifo), str(tmp_path / "store")],
                              capture_output=True, text=True, timeout=60, env=env, check=False)
    except subprocess.TimeoutExpired:
        pytest.fail("reading a FIFO key file blocked")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("signing.bad_key | ")
    assert lines[1].startswith("signing.bad_public_key | ")
    assert all("not a regular file" in line for line in lines)


def test_missing_key_file_names_the_file(tmp_path):
    """A key file that does not exist is a SigningError naming it (not an OSError)."""
    from khabar_editor.package.signing import SigningError, load_signing_key

    with pytest.raises(SigningError) as info:
        load_signing_key(tmp_path / "nobody.key")
    assert info.value.code == "signing.bad_key"
    assert "nobody.key" in str(info.value)

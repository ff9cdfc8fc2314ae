"""Golden files: the real Hindi article exports byte for byte as reviewed.

Regenerate with ``python -m tests.exporters.regen`` after an intended change.
"""

from __future__ import annotations

import pytest

from tests.exporters.regen import EXPECTED, golden_outputs

OUTPUTS = golden_outputs()


def test_golden_file_set_is_complete():
    """Every expected file is produced and nothing else."""
    assert sorted(p.name for p in EXPECTED.iterdir()) == sorted(OUTPUTS)


@pytest.mark.parametrize("name", sorted(OUTPUTS))
def test_output_matches_golden(name):
    """Each output equals its golden file (fixed created/modified make it stable)."""
    expected = (EXPECTED / name).read_bytes()
    assert OUTPUTS[name].decode("utf-8") == expected.decode("utf-8")

"""Fixtures for proofing tests: a Proofreader whose personal dictionary is in a temp dir."""

from __future__ import annotations

import pytest

from khabar_editor.proofing import Proofreader


@pytest.fixture
def proofreader(tmp_path):
    """A Hindi proofreader with a fresh personal dictionary file."""
    return Proofreader("hi", personal=tmp_path / "personal.txt")

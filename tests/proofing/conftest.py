"""Fixtures for proofing tests: a Proofreader whose personal dictionary is in a temp dir."""

from __future__ import annotations

import pytest

from khabar_editor.proofing import Proofreader


@pytest.fixture
def proofreader(tmp_path):
    """A Hindi proofreader with a fresh personal dictionary file."""
    return Proofreader("hi", personal=tmp_path / "personal.txt")


@pytest.fixture(autouse=True)
def _enchant_dir(tmp_path_factory, monkeypatch):
    """Enchant's private folder in a temp dir, so tests never touch the user's cache."""
    monkeypatch.setenv("KHABAR_ENCHANT_DIR", str(tmp_path_factory.getbasetemp() / "enchant"))

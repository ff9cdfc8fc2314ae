"""Shared test set-up: offscreen Qt before any Qt import, English messages."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from khabar_editor import i18n  # noqa: E402


@pytest.fixture(autouse=True)
def _english_interface():
    """Every test starts in English; tests that need Hindi switch explicitly."""
    i18n.set_language("en")
    yield
    i18n.set_language("en")

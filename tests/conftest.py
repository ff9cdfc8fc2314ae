"""Shared test set-up: offscreen Qt before any Qt import, English messages."""

from __future__ import annotations

import os

import tempfile  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Keep tests away from the user's real settings, recovery area, logs and Enchant cache.
_SANDBOX = tempfile.mkdtemp(prefix="khabar-tests-")
for _var, _sub in (("KHABAR_CONFIG_DIR", "config"), ("KHABAR_DATA_DIR", "data"),
                   ("KHABAR_LOG_DIR", "log"), ("KHABAR_ENCHANT_DIR", "enchant")):
    os.environ.setdefault(_var, os.path.join(_SANDBOX, _sub))

import pytest  # noqa: E402

from khabar_editor import i18n  # noqa: E402


@pytest.fixture(autouse=True)
def _english_interface():
    """Every test starts in English; tests that need Hindi switch explicitly."""
    i18n.set_language("en")
    yield
    i18n.set_language("en")

"""One definition of the characters a one-line value may not hold, used by the CLI
options, the destinations file and the export settings alike."""

from __future__ import annotations

import argparse

import pytest

from khabar_editor.cli.options import text_value
from khabar_editor.delivery.base import DeliveryError
from khabar_editor.delivery.config import make_config
from khabar_editor.exporters.registry import ExportContext
from khabar_editor.textkit.unicode_checks import has_control_chars, remove_control_chars

BAD = ["\x00", "\t", "\n", "\x1b", "\x7f", "\x85", "\x9f", "\u202e", "\u2066", "\u2069",
       "\ud800", "\ufffe", "\uffff"]
GOOD = ["खबर एडिटर", "क्षेत्र\u200dीय", "Desk 1", "é", "\u00a0x", "ok"]


@pytest.mark.parametrize("char", BAD)
def test_every_user_refuses_or_removes_the_same_characters(char):
    """Each bad character is refused by an option, a destination name and user, and
    removed from export settings."""
    value = f"ab{char}cd"
    assert has_control_chars(value)
    with pytest.raises(argparse.ArgumentTypeError):
        text_value(value)
    with pytest.raises(DeliveryError):
        make_config(value, "wordpress", "https://example.org", "user")
    with pytest.raises(DeliveryError):
        make_config("desk", "wordpress", "https://example.org", value)
    context = ExportContext(provider=value, site_url="https://example.org" + char)
    assert context.provider == "abcd" == remove_control_chars(value)
    assert context.site_url == "https://example.org"


@pytest.mark.parametrize("value", GOOD)
def test_ordinary_text_passes_everywhere(value):
    """Devanagari with joiners, accents and spaces are not controls anywhere."""
    assert not has_control_chars(value)
    assert text_value(value) == value.strip()
    assert make_config(value, "wordpress", "https://example.org", value).user == value.strip()
    assert ExportContext(provider=value).provider == value

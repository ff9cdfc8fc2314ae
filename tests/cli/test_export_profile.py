"""``khabar export --profile NAME`` uses a newsroom profile saved by the Export dialog;
explicit options override it; an unknown profile is a usage error (exit 2)."""

from __future__ import annotations

import zipfile

import pytest

from khabar_editor.cli import export_cmd
from khabar_editor.cli.main import build_parser, main
from khabar_editor.package import write_package
from khabar_editor.settings import Settings, save_settings
from tests.exporters.helpers import golden_package

PROFILE = {"provider": "नेपाल समाचार", "site_url": "https://desk.example.org",
           "media_base_url": "https://cdn.example.org/media", "timezone": "Asia/Kathmandu",
           "formats": ["wxr", "text"]}


@pytest.fixture
def saved(tmp_path, monkeypatch):
    """A settings file holding the profile "kathmandu"."""
    monkeypatch.setenv("KHABAR_CONFIG_DIR", str(tmp_path / "config"))
    save_settings(Settings(export_profiles={"kathmandu": PROFILE}))
    package = tmp_path / "a.khabar"
    write_package(package, golden_package(), who="test")
    return package


def _options(argv):
    return export_cmd.options_from_args(build_parser().parse_args(["export", *argv]))


def test_profile_values_are_used(saved, tmp_path):
    """Every profile value reaches the export options when no option overrides it."""
    options = _options([str(saved), "-o", str(tmp_path / "o"), "--profile", "kathmandu"])
    assert (options.provider, options.site_url, options.media_base_url, options.timezone,
            options.formats) == ("नेपाल समाचार", "https://desk.example.org",
                                 "https://cdn.example.org/media", "Asia/Kathmandu",
                                 ["wxr", "text"])


def test_explicit_options_override_the_profile(saved, tmp_path):
    """--provider, --site-url, --media-base-url, --timezone and --format beat the profile."""
    options = _options([str(saved), "-o", str(tmp_path / "o"), "--profile", "kathmandu",
                        "--provider", "PTI", "--site-url", "https://other.example.org",
                        "--media-base-url", "", "--timezone", "Asia/Kolkata", "-f", "ninjs"])
    assert (options.provider, options.site_url, options.media_base_url, options.timezone,
            options.formats) == ("PTI", "https://other.example.org", "", "Asia/Kolkata",
                                 ["ninjs"])


def test_without_profile_the_defaults_stay(saved, tmp_path):
    """No --profile: the same defaults as before (all formats, placeholder site)."""
    options = _options([str(saved), "-o", str(tmp_path / "o")])
    assert options.formats == list(export_cmd.FORMAT_NAMES)
    assert options.site_url == "https://example.invalid" and options.timezone == ""
    assert options.provider == "खबर एडिटर"


def test_export_with_profile_writes_its_formats_and_site(saved, tmp_path):
    """A real export with --profile writes only the profile's formats, pointing at its site."""
    out = tmp_path / "out"
    assert main(["export", str(saved), "-o", str(out), "--profile", "kathmandu",
                 "--no-spelling", "-j", "1"]) == 0
    (bundle,) = out.iterdir()
    with zipfile.ZipFile(bundle) as zf:
        names = zf.namelist()
        wxr = next(n for n in names if n.endswith(".xml"))
        text = zf.read(wxr).decode("utf-8")
    assert any(n.endswith(".txt") for n in names)
    assert not any(n.endswith((".html", ".ninjs.json")) for n in names)
    assert "https://desk.example.org" in text and "https://cdn.example.org/media" in text


@pytest.mark.parametrize("lang, word", [("en", "no export profile"), ("hi", "प्रोफ़ाइल")])
def test_unknown_profile_is_a_usage_error(saved, tmp_path, capsys, lang, word):
    """An unknown profile: exit 2, one line naming it and the saved ones, nothing written."""
    out = tmp_path / "out"
    code = main(["export", str(saved), "-o", str(out), "--profile", "नहीं", "--ui-lang", lang])
    err = capsys.readouterr().err
    assert code == 2
    assert word in err and "kathmandu" in err and "Traceback" not in err
    assert not out.exists()

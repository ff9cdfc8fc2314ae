"""The reader's shortcuts (zip read in memory, text cleaned once, ASCII fast paths) give
exactly the results of the long way round."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from khabar_editor.errors import PackageError
from khabar_editor.package import entries as entries_mod
from khabar_editor.package import read_package, write_package
from khabar_editor.package import spec
from khabar_editor.package.model import clean_text
from khabar_editor.textkit.normalize import BOM, nfc, normalize_newlines, stream_safe

HOSTILE_DIR = Path(__file__).resolve().parents[1] / "data" / "hostile"


def _reference_clean(text: str) -> str:
    """clean_text as it was before the shortcuts."""
    import re

    text = re.sub(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]", "", normalize_newlines(text))
    return nfc(stream_safe(text).lstrip(BOM))


PIECES = ["a", "Z", " ", "\n", "\r\n", "\r", "\t", "\x00", "\x1b", "\x7f", "\x85", BOM,
          "\ud800", "क", "ि", "़", "्", "ष", "क़", "\u0958", "e\u0301", "\u0301", "\u034f",
          "\u093e" * 31, "\u0300" * 40, "é", "\u200d"]


def test_clean_text_shortcuts_agree_with_the_long_way():
    """Random mixes of ASCII, controls, BOMs, Devanagari, nukta forms and long mark runs
    are cleaned exactly as the unshortened function did."""
    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randrange(0, 40)))
        assert clean_text(text) == _reference_clean(text), repr(text)


def _package_with_body(tmp_path: Path, body: str) -> Path:
    from khabar_editor.app.sample import sample_package

    pkg = sample_package()
    pkg.article.body = body
    path = tmp_path / "p.khabar"
    write_package(path, pkg, who="test")
    return path


@pytest.mark.parametrize("body", ["", "सादा पाठ।\n", "\ufeffआगे BOM।\n", "क" + "\u093e" * 40])
def test_body_read_equals_clean_text_of_it(tmp_path, body):
    """The body is not normalized a second time, yet equals clean_text of what is stored
    (a body starting with a BOM still loses it, as clean_text does)."""
    path = _package_with_body(tmp_path, body)
    pkg = read_package(path)
    assert pkg.article.body == clean_text(pkg.article.body)
    assert pkg.article.body == clean_text(body)


@pytest.mark.parametrize("name", sorted(p.name for p in HOSTILE_DIR.glob("*.khabar")))
def test_in_memory_and_streamed_reading_agree(name, monkeypatch):
    """Every hostile package fails (or opens) the same way whether the zip is read into
    memory at once or streamed from the file."""

    def outcome():
        try:
            pkg = read_package(HOSTILE_DIR / name)
        except PackageError as exc:
            return ("error", exc.code, str(exc))
        return ("ok", pkg.article, pkg.media, [p.code for p in pkg.problems])

    in_memory = outcome()
    monkeypatch.setattr(entries_mod, "IN_MEMORY_MAX", -1)
    assert outcome() == in_memory


@pytest.mark.parametrize("name", ["media/a.jpg", "media/CON.jpg", "media/a .jpg", "../x",
                                  "a\\b", "C:x", "", "a" * 256, "media/a\x01.jpg", "./m"])
def test_ascii_names_follow_the_full_rules(name):
    """ASCII entry names get the verdict and key of the full (NFKC, category) checks."""
    import unicodedata

    full_bad = (not name or len(name) > spec.MAX_NAME_BYTES
                or any(unicodedata.category(c) == "Cc" for c in name)
                or not spec._plain_path(name))  # noqa: SLF001
    try:
        spec.check_entry_name(name)
        refused = False
    except PackageError:
        refused = True
    assert refused == full_bad
    assert spec.name_key(name) == unicodedata.normalize(
        "NFKC", unicodedata.normalize("NFKC", name).upper().casefold())

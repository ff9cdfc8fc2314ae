"""Rendering, export and save cost linear time for every hostile Markdown class.

Each class of tests/data/hostile/markdown/ is grown from n to 4n characters in the
same test; the time may grow about 4x (allowed: 6x, best of three runs, plus a few
milliseconds for timer noise), never quadratically. No wall-clock limit is asserted.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from khabar_editor.article.model import Article
from khabar_editor.exporters import ExportContext, all_exporters
from khabar_editor.package import new_package, write_package
from khabar_editor.render.html import markdown_html
from tests.exporters.helpers import package_for
from tests.render.growth import assert_linear

CORPUS = Path(__file__).resolve().parents[1] / "data" / "hostile" / "markdown"
CLASSES = sorted(p.stem for p in CORPUS.glob("*.txt"))


def seed(name: str) -> tuple[str, str]:
    """The shape and unit of one corpus class."""
    shape, unit = (CORPUS / f"{name}.txt").read_text(encoding="utf-8").split("\n", 1)
    return shape, unit


def build(name: str, size: int) -> str:
    """A body of about ``size`` characters of the class, between two normal paragraphs."""
    shape, unit = seed(name)
    if shape == "run":
        middle = unit * (size // len(unit) + 1)
    elif shape == "lines":
        middle = unit * (size // len(unit) + 1)
    elif shape == "blocks":
        parts, total, i = [], 0, 0
        while total < size:
            parts.append(unit.replace("N", str(i)))
            total += len(parts[-1]) + 2
            i += 1
        middle = "\n\n".join(parts)
    else:  # nest
        step, line = unit.split("|")
        lines, total, i = [], 0, 0
        while total < size:
            lines.append(step * i + line)
            total += len(lines[-1]) + 1
            i += 1
        middle = "\n".join(lines)
    return "शुरू\n\n" + middle + "\n\n**अंत**"


def test_corpus_is_complete():
    """Every class in the generator has its seed file, so no class is silently skipped."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_corpus", CORPUS / "make_corpus.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    assert sorted(module.CORPUS) == CLASSES
    for name, (unit, shape) in module.CORPUS.items():
        assert seed(name) == (shape, unit)


@pytest.mark.parametrize("name", CLASSES)
def test_markdown_html_is_linear(name):
    """markdown_html of 16,000 characters of the class costs about 4x that of 4,000."""
    small, large = build(name, 4000), build(name, 16000)
    assert_linear(markdown_html, small, large)
    html = markdown_html(large)
    assert "शुरू" in html and "अंत" in html and "<script" not in html


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(CLASSES), st.sampled_from(["", "\n", "\n\n", " क "])),
                min_size=1, max_size=6))
def test_mixed_hostile_bodies_render_linearly(pieces):
    """A mix of classes and separators, repeated four times, costs about four times as much."""
    body = "".join(build(name, 600) + sep for name, sep in pieces)
    assert_linear(markdown_html, body, body * 4)


EXPORT_CLASSES = ["unclosed_tag", "open_bracket", "emphasis", "mixed_quotes", "comment_open",
                  "attribute_open", "backslash", "list_nesting", "unclosed_format",
                  "tiny_paragraphs", "entities"]


def export_all(body: str) -> None:
    pkg = package_for(Article(headline="शीर्षक", body=body))
    for exporter in all_exporters():
        exporter.export(pkg, ExportContext())


@pytest.mark.parametrize("name", EXPORT_CLASSES)
def test_export_is_linear(name):
    """Exporting every format of a hostile body grows linearly with the body."""
    assert_linear(export_all, build(name, 1000), build(name, 4000))


@pytest.mark.parametrize("name", EXPORT_CLASSES)
def test_package_save_is_linear(name, tmp_path):
    """Saving a package (with its preview.html) grows linearly with a hostile body."""
    def save(body: str) -> None:
        write_package(tmp_path / "a.khabar", new_package(Article(headline="शीर्षक", body=body)))

    assert_linear(save, build(name, 2000), build(name, 8000))

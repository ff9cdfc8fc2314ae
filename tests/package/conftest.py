"""Fixtures for package tests: a realistic sample package and a guard against writes."""

from __future__ import annotations

import builtins
import os
import shutil
from pathlib import Path

import pytest

from khabar_editor.package import Package, load_article_file, new_package

DATA = Path(__file__).resolve().parents[1] / "data"
SAMPLE = DATA / "sample"


def sample_package() -> Package:
    """The sample Hindi article with its two photos."""
    pkg = new_package(load_article_file(SAMPLE / "article.md"))
    for item in pkg.article.media:
        pkg.media[item.file] = (SAMPLE / item.file.removeprefix("media/")).read_bytes()
    pkg.wordlist = ["नवहट्टा", "महिषी"]
    return pkg


@pytest.fixture
def sample() -> Package:
    """A fresh copy of the sample package (in memory)."""
    return sample_package()


@pytest.fixture
def no_writes(monkeypatch):
    """Fail the test if anything opens a file for writing while it is active."""
    real_open, real_os_open = builtins.open, os.open
    write_flags = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC

    def guarded_open(file, mode="r", *args, **kwargs):
        assert not set(str(mode)) & set("wax+"), f"write attempted: {file} {mode}"
        return real_open(file, mode, *args, **kwargs)

    def guarded_os_open(path, flags, *args, **kwargs):
        assert not flags & write_flags, f"write attempted: {path}"
        return real_os_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded_open)
    monkeypatch.setattr(os, "open", guarded_os_open)
    monkeypatch.setattr(shutil, "copyfile", lambda *a, **k: pytest.fail("copy attempted"))
    yield

"""Hostile and broken packages: a specific PackageError code, a clear message, no writes."""

from __future__ import annotations

import hashlib
import importlib.util
import io
import os
from pathlib import Path

import pytest

from khabar_editor.errors import PackageError
from khabar_editor.package import read_package, unpack_package, write_package
from khabar_editor.package import entries as entries_mod

DATA = Path(__file__).resolve().parents[1] / "data"
HOSTILE_DIR = DATA / "hostile"


def _generator():
    spec = importlib.util.spec_from_file_location("make_hostile", DATA / "make_hostile.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


HOSTILE = _generator().HOSTILE


def _listing(folder: Path) -> list[tuple[str, int, float]]:
    return sorted((str(p), p.stat().st_size, p.stat().st_mtime) for p in folder.rglob("*"))


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_package_is_refused_with_its_code(name: str, no_writes):
    """Each hostile file raises its documented code, in English and Hindi, writing nothing."""
    before = _listing(HOSTILE_DIR)
    with pytest.raises(PackageError) as caught:
        read_package(HOSTILE_DIR / name)
    exc = caught.value
    assert exc.code == HOSTILE[name]
    assert exc.message("en") and exc.message("hi") != exc.message("en")
    assert "Traceback" not in str(exc)
    assert _listing(HOSTILE_DIR) == before


def test_hostile_files_are_up_to_date(tmp_path: Path):
    """The committed hostile files are exactly what make_hostile.py generates."""
    expected = _generator().make_all(tmp_path)
    assert sorted(p.name for p in HOSTILE_DIR.iterdir() if p.is_file()) == sorted(
        [*expected, "non_nfc.khabar"])  # sub-folders hold the corpora of other classes
    for path in tmp_path.iterdir():
        assert path.read_bytes() == (HOSTILE_DIR / path.name).read_bytes(), path.name


def test_non_nfc_article_is_normalized_with_a_warning(no_writes):
    """Precomposed nukta letters are decomposed on reading and reported, not refused."""
    pkg = read_package(HOSTILE_DIR / "non_nfc.khabar")
    assert [p.code for p in pkg.problems] == ["package.not_nfc"]
    assert "\u095d" not in pkg.article.body and "ढ\u093c" in pkg.article.body
    assert pkg.article.byline.role == "ज\u093cिला संवाददाता"


def test_unpack_of_hostile_package_writes_nothing(tmp_path: Path):
    """unpack refuses a zip-slip package before creating the target folder."""
    target = tmp_path / "out"
    with pytest.raises(PackageError) as caught:
        unpack_package(HOSTILE_DIR / "zip_slip_dotdot.khabar", target)
    assert caught.value.code == "package.unsafe_path"
    assert not target.exists() and list(tmp_path.iterdir()) == []


def test_stream_longer_than_declared_is_refused():
    """Sizes are enforced while streaming, not only from the declared headers."""

    class Growing(entries_mod._Source):
        sizes = {"article.md": 10}

        def open(self, name):
            return io.BytesIO(b"x" * 5000)

    with pytest.raises(PackageError) as caught:
        entries_mod.read_entry(Growing(), "article.md", 10, exact=True)
    assert caught.value.code == "package.size_mismatch"
    with pytest.raises(PackageError) as caught:
        entries_mod.read_entry(Growing(), "article.md", 100)
    assert caught.value.code == "package.too_large"


def _unpacked(tmp_path: Path, sample) -> Path:
    write_package(tmp_path / "s.khabar", sample)
    unpack_package(tmp_path / "s.khabar", tmp_path / "dir")
    return tmp_path / "dir"


def test_folder_with_symlink_is_refused(tmp_path: Path, sample):
    """A link inside an unpacked package folder is refused, never followed."""
    folder = _unpacked(tmp_path, sample)
    secret = tmp_path / "secret.txt"
    secret.write_text("password")
    photo = folder / "media" / "nav.jpg"
    photo.unlink()
    os.symlink(secret, photo)
    with pytest.raises(PackageError) as caught:
        read_package(folder)
    assert caught.value.code == "package.symlink"


@pytest.mark.parametrize("extra, code", [
    ("notes.txt", "package.unexpected_file"),
    ("media/sub/x.jpg", "package.unexpected_file"),
    ("media/extra.jpg", "package.unlisted_file"),
])
def test_folder_with_extra_files_is_refused(tmp_path: Path, sample, extra: str, code: str):
    """Unknown files or folders in an unpacked package are named in the error."""
    folder = _unpacked(tmp_path, sample)
    (folder / extra).parent.mkdir(parents=True, exist_ok=True)
    (folder / extra).write_bytes(b"x")
    with pytest.raises(PackageError) as caught:
        read_package(folder)
    assert caught.value.code == code


def test_folder_with_edited_article_fails_checksum(tmp_path: Path, sample):
    """Editing article.md by hand in an unpacked folder is detected."""
    folder = _unpacked(tmp_path, sample)
    text = (folder / "article.md").read_text(encoding="utf-8")
    (folder / "article.md").write_text(text.replace("कोसी", "गोसी", 1), encoding="utf-8")
    with pytest.raises(PackageError) as caught:
        read_package(folder)
    assert caught.value.code == "package.checksum"
    assert hashlib.sha256((folder / "article.md").read_bytes()).hexdigest()


def test_missing_path_is_a_clear_error(tmp_path: Path):
    """A path that does not exist gives package.not_found, not an OSError."""
    with pytest.raises(PackageError) as caught:
        read_package(tmp_path / "nope.khabar")
    assert caught.value.code == "package.not_found"


def test_error_message_in_hindi(no_writes):
    """The message follows the interface language."""
    from khabar_editor import i18n

    with pytest.raises(PackageError) as caught:
        read_package(HOSTILE_DIR / "checksum.khabar")
    i18n.set_language("hi")
    assert "छेड़छाड़" in str(caught.value)


def test_reading_a_good_package_writes_nothing(tmp_path: Path, sample):
    """Opening a valid package (zip or folder) never opens anything for writing."""
    write_package(tmp_path / "s.khabar", sample)
    unpack_package(tmp_path / "s.khabar", tmp_path / "dir")
    before = _listing(tmp_path)
    with pytest.MonkeyPatch.context() as mp:
        import builtins

        real_open = builtins.open
        mp.setattr(builtins, "open", lambda f, mode="r", *a, **k: (
            pytest.fail(f"write: {f}") if set(mode) & set("wax+") else real_open(f, mode, *a, **k)))
        assert read_package(tmp_path / "s.khabar").article == read_package(tmp_path / "dir").article
    assert _listing(tmp_path) == before


def test_entry_count_is_checked_before_parsing_the_directory(monkeypatch):
    """A zip announcing too many entries is refused from its end record alone."""
    import zipfile

    monkeypatch.setattr(zipfile, "ZipFile", lambda *a, **k: pytest.fail("directory parsed"))
    with pytest.raises(PackageError) as caught:
        read_package(HOSTILE_DIR / "too_many_entries.khabar")
    assert caught.value.code == "package.too_many_entries"

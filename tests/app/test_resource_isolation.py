"""No renderer, import or export reads a file outside the package (issue 13, information leak).

Hostile inputs live in tests/data/hostile/resources/. File access is traced with
an audit hook (tests/app/file_trace.py): every test runs with the working folder
set to a "desk" folder full of secrets that a relative path would reach.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from khabar_editor.app.preview import PreviewJob, render_preview
from khabar_editor.article.frontmatter import from_markdown, is_media_file
from khabar_editor.article.model import Article, Media
from khabar_editor.cli import main as cli_main
from khabar_editor.errors import ArticleError, PackageError
from khabar_editor.package import load_article_file, read_package
from khabar_editor.package.preview import preview_html
from khabar_editor.render.html import article_html, markdown_html
from tests.app.file_trace import code_roots, opened_files, outside

RESOURCES_DIR = Path(__file__).resolve().parents[1] / "data" / "hostile" / "resources"


def _generator():
    spec = importlib.util.spec_from_file_location("make_resources",
                                                  RESOURCES_DIR / "make_resources.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


RESOURCES = _generator().RESOURCES
REFUSED_MD = sorted(n for n, c in RESOURCES.items() if c == "article.media_path")
SRC = re.compile(r"""\b(?:src|href)\s*=\s*["']?([^"' >]*)""", re.IGNORECASE)


@pytest.fixture
def desk(tmp_path, monkeypatch):
    """A working folder holding the files an attacker wants (secret.jpg, dev/zero, media/...)."""
    root = tmp_path / "desk"
    (root / "media").mkdir(parents=True)
    (root / "dev").mkdir()
    (root / "secret.jpg").write_bytes(b"SECRET")
    (root / "media" / "missing.jpg").write_bytes(b"SECRET")
    (root / "dev" / "zero").write_bytes(b"SECRET")
    (root / "style.css").write_text("p { color: red }")
    monkeypatch.chdir(root)
    work = tmp_path / "work"
    work.mkdir()
    return root, work


def _copy(name: str, work: Path) -> Path:
    return Path(shutil.copy(RESOURCES_DIR / name, work / name))


def _image_sources(html: str) -> list[str]:
    return [m for tag in re.findall(r"<img\b[^>]*>", html) for m in SRC.findall(tag)]


def test_resource_corpus_is_up_to_date(tmp_path):
    """The committed hostile resource files are exactly what make_resources.py generates."""
    expected = _generator().make_all(tmp_path)
    committed = sorted(p.name for p in RESOURCES_DIR.iterdir() if p.suffix in (".md", ".khabar"))
    assert committed == sorted(expected)
    for name in expected:
        assert (tmp_path / name).read_bytes() == (RESOURCES_DIR / name).read_bytes(), name


@pytest.mark.parametrize("name", REFUSED_MD)
def test_import_refuses_media_outside_the_package(name, desk):
    """An imported .md naming a photo by absolute path, URL, '..' or another folder is refused."""
    _root, work = desk
    path = _copy(name, work)
    with opened_files() as opened, pytest.raises(PackageError) as caught:
        load_article_file(path)
    assert caught.value.code == "package.article"
    assert caught.value.fields["article_code"] == "article.media_path"
    english, hindi = caught.value.message("en"), caught.value.message("hi")
    assert "media" in english and english != hindi
    assert any("\u0900" <= ch <= "\u097f" for ch in hindi)
    assert str(path) in opened and outside(opened, work, *code_roots()) == []


def test_front_matter_refuses_unsafe_media_names():
    """from_markdown refuses media paths a renderer could resolve outside the package."""
    for file in ("/dev/zero", "file:///etc/passwd", "media/../x.jpg", "dev/zero", "x.jpg",
                 "media/a/b.jpg", "media/%2e%2e", "C:/x.jpg", "\\\\server\\share\\x.jpg", ""):
        text = f"---\nmedia:\n- file: '{file}'\n---\nपाठ\n"
        with pytest.raises(ArticleError) as caught:
            from_markdown(text)
        assert caught.value.code == "article.media_path", file
    ok = from_markdown("---\nmedia:\n- file: 'media/बाढ़ 1.jpg'\n---\nपाठ\n")
    assert ok.media[0].file == "media/बाढ़ 1.jpg"


@pytest.mark.parametrize("name", [*REFUSED_MD, "media_device_name.md"])
def test_pack_refuses_hostile_media_and_reads_nothing_outside(name, desk, capsys):
    """khabar pack on a hostile .md exits 3 with a message, reads no file outside its folder."""
    root, work = desk
    path = _copy(name, work)
    (work / "media").mkdir()
    (work / "media" / "con .jpg").write_bytes(b"SECRET")
    out = work / "out.khabar"
    with opened_files() as opened:
        code = cli_main.main(["pack", str(path), "--media", str(root), "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 3 and err.strip() and "Traceback" not in err
    assert not out.exists()
    assert outside(opened, work, *code_roots()) == []


@pytest.mark.parametrize("name", [*REFUSED_MD, "body_images.md", "body_images.khabar"])
def test_export_reads_nothing_outside_and_writes_no_outside_reference(name, desk, capsys):
    """khabar export of a hostile file opens only it, the output and the program's own files."""
    root, work = desk
    path = _copy(name, work)
    out = work / "out"
    with opened_files() as opened:
        code = cli_main.main(["export", str(path), "-f", "html,wxr,ninjs,newsml-g2,nitf",
                              "-o", str(out), "--no-zip", "--no-spelling",
                              "--site-url", "https://example.com"])
    report = "".join(capsys.readouterr())
    assert "Traceback" not in report
    assert outside(opened, work, *code_roots()) == []
    assert not [p for p in opened if str(root) in p or p.startswith(("/dev", "/etc/passwd"))]
    if name in REFUSED_MD:
        assert code == 3 and "media folder" in report
        return
    for page in out.rglob("*.html"):
        assert all(is_media_file(src) for src in _image_sources(page.read_text("utf-8")))


def test_every_renderer_drops_images_outside_the_package(desk):
    """Preview, preview.html and the HTML fragment keep only media/<name> image sources."""
    pkg = read_package(RESOURCES_DIR / "body_images.khabar")
    article = pkg.article
    with opened_files() as opened:
        pages = {
            "fragment": article_html(article),
            "preview": render_preview(PreviewJob(1, article, "latin", "")),
            "preview.html": preview_html(article),
            "markdown": markdown_html(article.body),
        }
    for kind, page in pages.items():
        sources = _image_sources(page)
        assert sources and all(is_media_file(s) for s in sources), (kind, sources)
        assert "secret" not in " ".join(sources) and "<link" not in page, kind
    assert outside(opened, *code_roots()) == []


def test_article_html_never_puts_an_unsafe_media_file_in_img_src():
    """A photo whose file is a path or URL keeps its caption but gets no <img>."""
    bad = ["/dev/zero", "file:///etc/passwd", "media/../secret.jpg", "dev/zero",
           '"><img src=x onerror=alert(1)>', "media/%2e%2e"]
    article = Article(headline="h", media=[Media(file=f, caption=f"c{i}") for i, f in enumerate(bad)]
                      + [Media(file="media/ok.jpg", caption="ok")])
    asked: list[str] = []
    html = article_html(article, media_url=lambda p: asked.append(p) or p)
    assert asked == ["media/ok.jpg"]
    assert _image_sources(html) == ["media/ok.jpg"]
    assert all(f"c{i}" in html for i in range(len(bad)))


def test_written_package_preview_html_has_only_package_images(tmp_path, desk):
    """preview.html inside a saved package references only the package's own media."""
    from khabar_editor.package import write_package

    pkg = read_package(RESOURCES_DIR / "body_images.khabar")
    out = tmp_path / "saved.khabar"
    write_package(out, pkg)
    with zipfile.ZipFile(out) as zf:
        page = zf.read("preview.html").decode("utf-8")
    sources = _image_sources(page)
    assert sources and all(is_media_file(s) for s in sources)

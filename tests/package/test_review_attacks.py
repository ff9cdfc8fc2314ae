"""Security review: hostile files, paths and outputs for the reader and the package commands.

Every attack must end in a PackageError with a stable code (or a documented exit
code with one clear line), never a traceback, a hang, or a write outside the target.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import struct
import threading
import zipfile
from pathlib import Path

import pytest

from khabar_editor.cli import main as cli_main
from khabar_editor.errors import PackageError
from khabar_editor.package import (
    entries as entries_mod, load_article_file, new_package, read_package, unpack_package,
    write_package,
)
from khabar_editor.package.preview import preview_html, renders_as_markdown
from khabar_editor.article.model import Article
from tests.render.growth import assert_linear

DATA = Path(__file__).resolve().parents[1] / "data"
SAMPLE, HOSTILE = DATA / "sample", DATA / "hostile"
ARTICLE = "---\nheadline: परीक्षा\nmedia:\n- file: media/{name}\n  caption: x\n---\nपाठ।\n"


@pytest.fixture(autouse=True)
def _only_package_commands(monkeypatch):
    """Run the CLI with the package commands only."""
    monkeypatch.setattr(cli_main, "COMMAND_MODULES", ("khabar_editor.cli.package_cmds",))


def khabar(capsys, *argv: object) -> tuple[int, str, str]:
    """Run ``khabar ARGV`` in-process; returns (exit code, stdout, stderr)."""
    code = cli_main.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def finishes(func, seconds: float = 10.0):
    """Run ``func`` in a daemon thread; fail (instead of hanging) if it blocks."""
    box: dict[str, object] = {}

    def run() -> None:
        try:
            box["value"] = func()
        except BaseException as exc:  # noqa: BLE001 - handed back to the test
            box["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "hung"
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box.get("value")


def code_of(func) -> str:
    """The PackageError code ``func`` raises."""
    with pytest.raises(PackageError) as caught:
        func()
    assert caught.value.message("hi") != caught.value.message("en")
    return caught.value.code


def test_every_hostile_file_gives_exit_3_and_one_clean_line(capsys):
    """validate --json on all hostile files: exit 3, each refused with its code, no traceback."""
    from tests.package.test_hostile import HOSTILE as EXPECTED  # noqa: PLC0415

    names = sorted(EXPECTED)
    code, out, err = khabar(capsys, "validate", "--json", *(HOSTILE / n for n in names))
    assert code == 3 and "Traceback" not in err
    results = json.loads(out)
    assert [r["problems"][0]["code"] for r in results] == [EXPECTED[n] for n in names]
    assert all(not r["readable"] and r["problems"][0]["message_hi"] for r in results)
    for name in names:
        code, out, err = khabar(capsys, "info", HOSTILE / name)
        assert code == 3 and out == "" and len(err.splitlines()) == 1, name
        assert "\x1b" not in err and "\u202e" not in err


def test_fifo_and_devices_never_hang(tmp_path: Path, capsys):
    """A named pipe or /dev/zero as package, article, word list or photo: refused at once."""
    fifo = tmp_path / "pipe.khabar"
    os.mkfifo(fifo)
    assert finishes(lambda: code_of(lambda: read_package(fifo))) == "package.unreadable"
    md = tmp_path / "pipe.md"
    os.mkfifo(md)
    assert finishes(lambda: code_of(lambda: load_article_file(md))) == "package.unreadable"
    assert finishes(lambda: code_of(lambda: read_package("/dev/zero"))) == "package.unreadable"
    assert finishes(lambda: code_of(lambda: load_article_file("/dev/zero"))) == \
        "package.unreadable"
    (tmp_path / "a.md").write_text(ARTICLE.format(name="p.jpg"), encoding="utf-8")
    os.mkfifo(tmp_path / "p.jpg")
    code, _, err = finishes(lambda: khabar(capsys, "pack", tmp_path / "a.md", "-o",
                                           tmp_path / "o.khabar"))
    assert code == 3 and "p.jpg" in err
    code, _, err = finishes(lambda: khabar(capsys, "validate", fifo, md))
    assert code == 3 and "Traceback" not in err


def test_directory_given_instead_of_a_file(tmp_path: Path, capsys):
    """A folder as article or word list is unreadable; a random folder is not a package."""
    (tmp_path / "notes").mkdir()
    assert code_of(lambda: load_article_file(tmp_path / "notes")) == "package.unreadable"
    (tmp_path / "notes" / "todo.txt").write_text("x")
    assert code_of(lambda: read_package(tmp_path / "notes")) == "package.unexpected_file"
    code, _, err = khabar(capsys, "pack", SAMPLE / "article.md", "--wordlist", tmp_path,
                          "-o", tmp_path / "o.khabar")
    assert code == 3 and err.count("\n") == 1 and not (tmp_path / "o.khabar").exists()


def test_unreadable_file_is_reported_not_crashed(tmp_path: Path, capsys, monkeypatch):
    """Permission denied (simulated: tests run as root) is package.unreadable, exit 3."""
    write_package(tmp_path / "s.khabar", _small_package(tmp_path))
    real_open = os.open

    def denied(path, flags, *args, **kwargs):
        if str(path).endswith(".khabar"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", denied)
    assert code_of(lambda: read_package(tmp_path / "s.khabar")) == "package.unreadable"
    code, out, err = khabar(capsys, "validate", "--json", tmp_path / "s.khabar")
    assert code == 3 and json.loads(out)[0]["problems"][0]["code"] == "package.unreadable"


def _small_package(folder: Path, name: str = "p.jpg"):
    (folder / "a.md").write_text(ARTICLE.format(name=name), encoding="utf-8")
    (folder / name).write_bytes(b"\xff\xd8photo\xff\xd9")
    from khabar_editor.package import new_package

    pkg = new_package(load_article_file(folder / "a.md"))
    pkg.media[f"media/{name}"] = (folder / name).read_bytes()
    return pkg


def test_unpack_into_symlinked_folder_is_refused(tmp_path: Path, capsys):
    """An output folder that is a link pointing elsewhere: exit 4, nothing written there."""
    write_package(tmp_path / "s.khabar", _small_package(tmp_path))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "out").symlink_to(elsewhere)
    code, _, err = khabar(capsys, "unpack", tmp_path / "s.khabar", "-o", tmp_path / "out",
                          "--force")
    assert code == 4 and list(elsewhere.iterdir()) == []


def test_unpack_force_never_writes_through_links_pipes_or_hard_links(tmp_path: Path, capsys):
    """--force replaces an unpacked copy whole; it never opens what is in the way."""
    write_package(tmp_path / "s.khabar", _small_package(tmp_path))
    outside = tmp_path / "passwords.txt"
    outside.write_text("secret")
    out = tmp_path / "out"
    out.mkdir()
    os.link(outside, out / "article.md")  # a hard link: O_TRUNC would clobber 'outside'
    code, _, err = khabar(capsys, "unpack", tmp_path / "s.khabar", "-o", out, "--force")
    assert code == 0, err
    assert outside.read_text() == "secret" and (out / "article.md").read_text().startswith("---")
    os.unlink(out / "wordlist.txt")
    os.mkfifo(out / "wordlist.txt")
    code, _, err = finishes(lambda: khabar(capsys, "unpack", tmp_path / "s.khabar", "-o", out,
                                           "--force"))
    assert code == 4 and stat.S_ISFIFO((out / "wordlist.txt").lstat().st_mode)
    os.unlink(out / "wordlist.txt")
    (out / "wordlist.txt").symlink_to(outside)
    code, _, _ = khabar(capsys, "unpack", tmp_path / "s.khabar", "-o", out, "--force")
    assert code == 4 and outside.read_text() == "secret"
    os.unlink(out / "wordlist.txt")
    shutil.rmtree(out / "media")
    (out / "media").symlink_to(tmp_path)  # a folder in the way that is a link
    before = sorted((p.name, p.lstat().st_mtime_ns, p.lstat().st_ino) for p in tmp_path.iterdir()
                    if p.name != "out")
    code, _, _ = khabar(capsys, "unpack", tmp_path / "s.khabar", "-o", out, "--force")
    after = sorted((p.name, p.lstat().st_mtime_ns, p.lstat().st_ino) for p in tmp_path.iterdir()
                    if p.name != "out")
    assert code == 4 and after == before
    assert not [p for p in out.rglob(".unpack-*")]


def test_unpack_target_that_is_a_file(tmp_path: Path, capsys):
    """An existing file as the output folder: exit 4, the file is unchanged."""
    write_package(tmp_path / "s.khabar", _small_package(tmp_path))
    (tmp_path / "f").write_text("keep")
    code, _, err = khabar(capsys, "unpack", tmp_path / "s.khabar", "-o", tmp_path / "f")
    assert code == 4 and (tmp_path / "f").read_text() == "keep" and "Traceback" not in err


@pytest.mark.parametrize("kind", ["dir", "fifo"])
def test_pack_output_that_is_a_folder_or_pipe(tmp_path: Path, capsys, kind: str):
    """-o naming a folder or a pipe, even with --force: exit 4, left as it was."""
    _small_package(tmp_path)
    out = tmp_path / "out.khabar"
    out.mkdir() if kind == "dir" else os.mkfifo(out)
    code, _, err = finishes(lambda: khabar(capsys, "pack", tmp_path / "a.md", "-o", out,
                                           "--force"))
    assert code == 4 and "Traceback" not in err
    assert out.is_dir() if kind == "dir" else stat.S_ISFIFO(out.lstat().st_mode)
    assert [p.name for p in tmp_path.iterdir() if ".tmp-" in p.name] == []


def test_pack_refuses_symlinked_photo(tmp_path: Path, capsys):
    """A photo that is a link (e.g. to ~/.ssh/id_rsa) is never pulled into a package."""
    secret = tmp_path / "id_rsa"
    secret.write_text("PRIVATE KEY")
    (tmp_path / "a.md").write_text(ARTICLE.format(name="p.jpg"), encoding="utf-8")
    (tmp_path / "p.jpg").symlink_to(secret)
    code, _, err = khabar(capsys, "pack", tmp_path / "a.md", "-o", tmp_path / "o.khabar")
    assert code == 3 and "p.jpg" in err and not (tmp_path / "o.khabar").exists()


@pytest.mark.parametrize("file", ["../../etc/passwd", "/etc/passwd", "media/../../x.jpg",
                                  "media/sub/x.jpg", "manifest.json", "media/con.jpg"])
def test_pack_photo_path_outside_media(tmp_path: Path, capsys, file: str):
    """media[].file outside media/ is refused (exit 3) before anything is read or written."""
    text = ARTICLE.format(name="x").replace("media/x", file)
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    code, _, err = khabar(capsys, "pack", tmp_path / "a.md", "-o", tmp_path / "o.khabar")
    assert code == 3 and "Traceback" not in err and not (tmp_path / "o.khabar").exists()


def test_pack_binary_wordlist_is_refused(tmp_path: Path, capsys):
    """A binary word list is package.encoding (exit 3), not silently filled with U+FFFD."""
    _small_package(tmp_path)
    (tmp_path / "w.txt").write_bytes(bytes(range(256)) * 10)
    code, _, err = khabar(capsys, "pack", tmp_path / "a.md", "--wordlist", tmp_path / "w.txt",
                          "-o", tmp_path / "o.khabar")
    assert code == 3 and "UTF-8" in err


def test_media_names_with_spaces_devanagari_and_emoji_round_trip(tmp_path: Path, capsys):
    """Unusual but safe photo names survive pack, validate and unpack unchanged."""
    name = "बाढ़ का फ़ोटो 1 🌊.jpg"
    _small_package(tmp_path, name)
    out = tmp_path / "o.khabar"
    assert khabar(capsys, "pack", tmp_path / "a.md", "-o", out)[0] == 0
    assert khabar(capsys, "validate", out)[0] in (0, 1)
    assert khabar(capsys, "unpack", out, "-o", tmp_path / "u")[0] == 0
    (photo,) = (tmp_path / "u" / "media").iterdir()
    assert photo.read_bytes() == (tmp_path / name).read_bytes()


def test_terminal_escapes_and_surrogates_from_a_package_are_neutralized(tmp_path: Path, capsys):
    """Escape codes and lone surrogates in manifest/front matter: info prints safely, saves."""
    pkg = _small_package(tmp_path)
    write_package(tmp_path / "s.khabar", pkg)
    with zipfile.ZipFile(tmp_path / "s.khabar") as zf:
        items = {i.filename: zf.read(i) for i in zf.infolist()}
    manifest = json.loads(items["manifest.json"])
    manifest["revisions"][0]["who"] = "\x1b]2;pwned\x07\x9b2J"
    article = items["article.md"].decode().replace("headline: परीक्षा",
                                                  'headline: "\\ud800\\e[2J"')
    items["article.md"] = article.encode()
    for f in manifest["files"]:
        if f["path"] == "article.md":
            f["size"], f["sha256"] = len(items["article.md"]), hashlib.sha256(
                items["article.md"]).hexdigest()
    text = json.dumps(manifest, ensure_ascii=True).replace("\\u001b", "\\u001b")
    items["manifest.json"] = text.replace('"who": ""', '"who": "\\ud800"', 1).encode()
    _rezip(tmp_path / "h.khabar", items)
    for argv in (["info"], ["info", "--json"], ["validate", "--json"]):
        code, out, err = khabar(capsys, *argv, tmp_path / "h.khabar")
        assert code in (0, 1), err
        assert not any(c in out for c in "\x1b\x07\x9b\ud800")
    pkg = read_package(tmp_path / "h.khabar")
    write_package(tmp_path / "again.khabar", pkg)  # no UnicodeEncodeError
    assert read_package(tmp_path / "again.khabar").revisions[0].who == "]2;pwned2J"


def _rezip(path: Path, items: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in items.items():
            zf.writestr(name, data, zipfile.ZIP_STORED if name == "mimetype" else 8)


def test_error_names_are_escaped_for_the_terminal():
    """An entry named with escape codes is refused and quoted with the codes escaped."""
    with pytest.raises(PackageError) as caught:
        read_package(HOSTILE / "name_escape.khabar")
    for lang in ("en", "hi"):
        assert "\x1b" not in caught.value.message(lang)
        assert "\\u001b" in caught.value.message(lang)


def test_non_utf8_file_name_prints_without_crashing(tmp_path: Path, capsys):
    """A path with undecodable bytes (surrogate escapes) does not crash stdout (exit 0)."""
    _small_package(tmp_path)
    out = Path(os.fsdecode(bytes(tmp_path / "o") + b"\xff.khabar"))
    code, stdout, err = khabar(capsys, "pack", tmp_path / "a.md", "-o", out)
    assert code == 0, err
    code, stdout, err = khabar(capsys, "validate", "--json", out)
    assert code in (0, 1) and "\\udcff" in json.loads(stdout)[0]["file"]


def test_yaml_control_characters_are_normalized_not_refused(tmp_path: Path):
    """A NUL or ESC inside the front matter is removed with a warning, as the spec says."""
    (tmp_path / "a.md").write_text("---\nheadline: क\x00ख\x1b\n---\nपाठ\n", encoding="utf-8")
    assert load_article_file(tmp_path / "a.md").headline == "कख"


def test_directory_too_large_is_refused_before_parsing(tmp_path: Path, monkeypatch):
    """A central directory over 1 MiB (long entry comments) is refused from the end record."""
    path = tmp_path / "big.khabar"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), b"application/vnd.khabar.article+zip")
        for i in range(1100):
            info = zipfile.ZipInfo(f"media/{i}.jpg")
            info.comment = b"c" * 1000
            zf.writestr(info, b"x")
    raw = bytearray(path.read_bytes())
    at = raw.rindex(b"PK\x05\x06")
    struct.pack_into("<HH", raw, at + 8, 5, 5)  # the end record lies about the count
    path.write_bytes(bytes(raw))
    monkeypatch.setattr(zipfile, "ZipFile", lambda *a, **k: pytest.fail("directory parsed"))
    assert code_of(lambda: read_package(path)) == "package.too_many_entries"


def test_pathological_markdown_does_not_hang_pack(tmp_path: Path):
    """Bodies that take Python-Markdown minutes get a plain preview, in linear time."""
    for unit, count in (("- x\n", 25_000), ("*a", 25_000), ("[a](", 12_500), ("'\"", 25_000)):
        body = unit * 4 * count
        assert not renders_as_markdown(body)
        page = preview_html(Article(headline="h", body=body))
        assert '<div class="body"><p>' in page and "<script" not in page
        assert_linear(lambda b: preview_html(Article(headline="h", body=b)),
                      unit * count, body)
    assert renders_as_markdown("सामान्य *ज़ोर* और [लिंक](https://example.org) " * 50)


def test_huge_declared_wordlist_lines_are_bounded(tmp_path: Path):
    """A 4 MiB word list of blank lines (stored, so no ratio refusal) opens quickly."""
    pkg = _small_package(tmp_path)
    write_package(tmp_path / "s.khabar", pkg)
    with zipfile.ZipFile(tmp_path / "s.khabar") as zf:
        items = {i.filename: zf.read(i) for i in zf.infolist()}
    items["wordlist.txt"] = b"\n" * (4 * 1024 * 1024 - 10) + "क\n".encode()
    manifest = json.loads(items["manifest.json"])
    for f in manifest["files"]:
        if f["path"] == "wordlist.txt":
            f["size"] = len(items["wordlist.txt"])
            f["sha256"] = hashlib.sha256(items["wordlist.txt"]).hexdigest()
    items["manifest.json"] = json.dumps(manifest).encode()

    def write(name: str, blank_lines: int) -> Path:
        items["wordlist.txt"] = b"\n" * blank_lines + "क\n".encode()
        for f in manifest["files"]:
            if f["path"] == "wordlist.txt":
                f["size"] = len(items["wordlist.txt"])
                f["sha256"] = hashlib.sha256(items["wordlist.txt"]).hexdigest()
        items["manifest.json"] = json.dumps(manifest).encode()
        with zipfile.ZipFile(tmp_path / name, "w") as zf:
            for entry, data in items.items():
                zf.writestr(entry, data, zipfile.ZIP_STORED)
        return tmp_path / name

    big = write("w.khabar", 4 * 1024 * 1024 - 10)
    assert read_package(big).wordlist == ["क"]
    small = write("s4.khabar", 1024 * 1024 - 10)
    assert_linear(lambda path: read_package(Path(path)), str(small), str(big), sizes=(1, 4))


def test_entry_overlap_check_reads_only_headers(monkeypatch):
    """The overlap check is what refuses overlap.khabar (not a later size or CRC check)."""
    monkeypatch.setattr(entries_mod, "_check_no_overlap", lambda *a: None)
    pkg = read_package(HOSTILE / "overlap.khabar")  # without the check it would open
    assert len(pkg.problems) == 2


def test_long_runs_of_combining_marks_do_not_hang(tmp_path: Path):
    """400 000 combining marks in a row (NFC sorts them quadratically: minutes) open in seconds."""
    def round_trip(pairs: int):
        zalgo = "क" + "\u0301\u0316" * pairs
        (tmp_path / "a.md").write_text(f"---\nheadline: z\n---\n{zalgo}\n", encoding="utf-8")
        article = load_article_file(tmp_path / "a.md")
        write_package(tmp_path / "z.khabar", new_package(article))
        return read_package(tmp_path / "z.khabar")

    assert_linear(lambda pairs: round_trip(int(pairs)), "50000", "200000", sizes=(1, 4))
    pkg = round_trip(200_000)
    assert pkg.article.body.count("\u034f") == (400_000 - 1) // 30  # a CGJ after every 30 marks
    # Each run of 30 is still in canonical order (below-marks first), then the joiner.
    assert pkg.article.body[1:32] == "\u0316" * 15 + "\u0301" * 15 + "\u034f"


def test_taxonomy_pipe_or_device_is_refused(tmp_path: Path, capsys):
    """validate --taxonomy /dev/zero or a pipe: exit 3 at once (no endless read)."""
    os.mkfifo(tmp_path / "tax.yaml")
    for taxonomy in ("/dev/zero", tmp_path / "tax.yaml"):
        code, _, err = finishes(lambda t=taxonomy: khabar(capsys, "validate", "--taxonomy", t,
                                                          SAMPLE / "article.md"))
        assert code == 3 and "regular file" in err


def test_archive_and_entry_comments_are_harmless(tmp_path: Path):
    """A 64 KiB archive comment and entry comments do not stop a valid package opening."""
    write_package(tmp_path / "s.khabar", _small_package(tmp_path))
    with zipfile.ZipFile(tmp_path / "s.khabar", "a") as zf:
        zf.comment = b"c" * 65535
    assert read_package(tmp_path / "s.khabar").article.headline == "परीक्षा"
    raw = bytearray((tmp_path / "s.khabar").read_bytes())
    fake = struct.pack("<4s4H2IH", b"PK\x05\x06", 0, 0, 0xFFFF, 0xFFFF, 0, 0, 0)
    at = raw.rindex(b"PK\x05\x06")
    raw[at + 22: at + 22 + len(fake)] = fake  # a fake end record hidden in the comment
    (tmp_path / "fake.khabar").write_bytes(bytes(raw))
    assert code_of(lambda: read_package(tmp_path / "fake.khabar")) in (
        "package.too_many_entries", "package.truncated")


def _hostile_module():
    from tests.package.test_hostile import _generator  # noqa: PLC0415

    return _generator()


_FILE = {"path": "article.md", "size": 1, "sha256": "0" * 64}
_REV = {"who": "", "when": "2026-08-14T11:05:00+05:30", "words": 1, "action": "save",
        "app_version": "0.1.0"}


@pytest.mark.parametrize("override", [
    {"format_version": "1"}, {"format_version": 1.0}, {"format_version": -1},
    {"format_version": 10**30}, {"format_version": None}, {"format": ["khabar"]},
    {"files": {"article.md": 1}}, {"files": [{**_FILE, "size": "1"}]},
    {"files": [{**_FILE, "size": -1}]}, {"files": [{**_FILE, "size": True}]},
    {"files": [{**_FILE, "path": {"nested": "x"}}]}, {"files": [{**_FILE, "sha256": "xyz"}]},
    {"files": [_FILE, _FILE]}, {"revisions": {"who": "x"}}, {"revisions": ["x"]},
    {"revisions": [{**_REV, "words": 1e400}]}, {"revisions": [{**_REV, "when": 12}]},
    {"revisions": [{**_REV, "when": "yesterday"}]}, {"revisions": [{**_REV, "who": [1]}]},
    {"app_version": {"a": {"b": [1]}}}, {"created": 5},
])
def test_manifest_with_wrong_types_is_refused(tmp_path: Path, override: dict):
    """Strings for numbers, negative or absurd sizes, nested objects: package.manifest/too_new."""
    mh = _hostile_module()
    base = mh.base_entries()
    mh.write_zip(tmp_path / "m.khabar", [*base, ("manifest.json", mh.manifest(base, **override))])
    assert code_of(lambda: read_package(tmp_path / "m.khabar")) in (
        "package.manifest", "package.too_new")


@pytest.mark.parametrize("front, code", [
    ("deck: " + "[" * 5000 + "]" * 5000, "package.article"),
    ("deck: '" + "क" * 300_000 + "'", "package.article"),
    ("deck: !!binary aGVsbG8=", "package.article"),
    ("deck: &a [*a]", "package.article"),
    ("tags: &a [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, "
     "*a, *a, *a]", "package.article"),
    ("embargo: 9999-12-31T23:59:59-12:00", "package.article"),
    ("dateline: {date: '0001-01-01'}", "package.article"),
    ("priority: 0x" + "f" * 4000, "package.article"),
])
def test_hostile_front_matter_is_refused(tmp_path: Path, front: str, code: str):
    """Deep, huge, tagged, recursive, out-of-range front matter: package.article, no crash."""
    mh = _hostile_module()
    text = mh.ARTICLE.replace("category: rajya\n", f"category: rajya\n{front}\n")
    mh.package(tmp_path / "y.khabar", mh._with("article.md", text.encode("utf-8")))
    assert code_of(lambda: read_package(tmp_path / "y.khabar")) == code
    (tmp_path / "y.md").write_text(text, encoding="utf-8")
    assert code_of(lambda: load_article_file(tmp_path / "y.md")) == code


@pytest.mark.parametrize("data, code", [
    (b"\xff\xfe\x00binary", "package.encoding"),
    ("\ufeff---\nheadline: x\x00\x1b[2J\n---\n".encode(), None),
])
def test_hostile_original_article(tmp_path: Path, data: bytes, code: str | None):
    """original/article.md must be UTF-8; its controls and BOM are cleaned, never parsed."""
    mh = _hostile_module()
    mh.package(tmp_path / "o.khabar", [*mh.base_entries(), ("original/article.md", data)])
    if code is not None:
        assert code_of(lambda: read_package(tmp_path / "o.khabar")) == code
    else:
        assert read_package(tmp_path / "o.khabar").original == "---\nheadline: x[2J\n---\n"


def test_article_with_bom_opens(tmp_path: Path):
    """A UTF-8 BOM before article.md's front matter is accepted (and dropped on save)."""
    mh = _hostile_module()
    data = b"\xef\xbb\xbf" + mh.ARTICLE.encode("utf-8")
    mh.package(tmp_path / "b.khabar", mh._with("article.md", data))
    assert read_package(tmp_path / "b.khabar").article.headline == "कोसी का जलस्तर बढ़ा"

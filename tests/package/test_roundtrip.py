"""Save -> open gives back what was saved, for any text a correspondent can type."""

from __future__ import annotations

import json
import os
import tempfile
import zipfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from khabar_editor.article.frontmatter import to_markdown
from khabar_editor.article.model import (
    Article, Byline, Dateline, Language, Media, Place, Status,
)
from khabar_editor.package import (
    clean_article, clean_text, new_package, read_package, unpack_package, write_package,
)
from khabar_editor.package.model import clean_wordlist

# Devanagari with both nukta forms (precomposed U+0958.. and decomposed), joiners,
# emoji, controls, odd line ends and BOMs, plus anything else that is not a surrogate.
SPECIAL = list(
    "कखगघङचछजझटठडढणतथदधनपफबभमयरलवशषसहािीुूेैोौंःँ्।॥०१२३"
    "\u0958\u0959\u095a\u095b\u095c\u095d\u095e\u095f\u093c\u200c\u200d"
    "\x00\x01\x1b\x7f\x85\x9f\t\n\r\ufeff\u2028\u2029 -:#'\"[]{}&*!|>%@`"
) + ["🙏", "👩🏽‍💻", "क\u093c", "ज़", "क्ष", "\r\n", "---", "\n---\n", "null", "true", "1_000"]
PIECE = st.one_of(st.sampled_from(SPECIAL), st.characters(exclude_categories=("Cs",)))
TEXT = st.lists(PIECE, max_size=30).map("".join)
NAME = st.text("abcxyz019-_कखग़ज़", min_size=1, max_size=12).map(lambda s: f"media/{s}.jpg")
IST = timezone(timedelta(hours=5, minutes=30))
TIMES = st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1),
                     timezones=st.sampled_from([timezone.utc, IST]))
EXAMPLES = int(os.environ.get("KHABAR_HYPO", "60"))  # raise for a longer local run


@st.composite
def articles(draw) -> Article:
    """Articles with hostile text in every text field."""
    names = draw(st.lists(NAME, max_size=3, unique_by=clean_text))
    return Article(
        headline=draw(TEXT), deck=draw(TEXT), summary=draw(TEXT),
        byline=Byline(draw(TEXT), draw(TEXT)),
        dateline=Dateline(draw(TEXT), draw(st.none() | st.dates())),
        place=Place(draw(TEXT), draw(TEXT), draw(TEXT), draw(TEXT)),
        category=draw(TEXT), tags=draw(st.lists(TEXT, max_size=4)),
        language=draw(st.sampled_from(Language)), slug=draw(TEXT),
        status=draw(st.sampled_from(Status)), priority=draw(st.integers(-5, 20)),
        embargo=draw(st.none() | TIMES), created=draw(TIMES), modified=draw(TIMES),
        media=[Media(n, draw(TEXT), draw(TEXT), draw(TEXT)) for n in names],
        body=draw(st.lists(PIECE, max_size=300).map("".join)),
    )


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article=articles(), words=st.lists(TEXT, max_size=5), who=TEXT, photo=st.binary(max_size=64))
def test_round_trip_any_text(article: Article, words: list[str], who: str, photo: bytes):
    """Every field comes back as its NFC, control-free form; media, word list and revision too."""
    pkg = new_package(article)
    pkg.media = {m.file: photo + m.file.encode() for m in article.media}
    pkg.wordlist = words
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.khabar"
        write_package(path, pkg, who=who)
        back = read_package(path)
    expected = clean_article(article)
    assert back.article == expected
    assert back.media == {clean_text(k): v for k, v in pkg.media.items()}
    assert back.wordlist == clean_wordlist(words)
    assert [r.who for r in back.revisions] == [clean_text(who)]
    assert back.problems == []


def test_clean_text_policy():
    """Controls go, tab/newline stay, CRLF becomes LF, leading BOMs go, nukta letters decompose."""
    assert clean_text("\ufeff\ufeffक\u095b\x00\x85a\tb\r\nc\rd") == "क\u091c\u093ca\tb\nc\nd"
    assert clean_text("ज़िला\u200dख") == "\u091c\u093cिला\u200dख"
    assert clean_text("🙏 क्ष") == "🙏 क्ष"


def test_save_open_save_is_byte_identical(tmp_path: Path, sample):
    """Reopening and saving again changes nothing but the appended revision."""
    first, second = tmp_path / "a.khabar", tmp_path / "b.khabar"
    write_package(first, sample, who="रमेश")
    write_package(second, read_package(first), who="रमेश")
    with zipfile.ZipFile(first) as za, zipfile.ZipFile(second) as zb:
        assert za.namelist() == zb.namelist()
        assert za.namelist()[0] == "mimetype"
        for name in za.namelist():
            if name != "manifest.json":
                assert za.read(name) == zb.read(name), name
                assert za.getinfo(name).date_time == zb.getinfo(name).date_time
        ma, mb = json.loads(za.read("manifest.json")), json.loads(zb.read("manifest.json"))
    assert ma["files"] == mb["files"]
    assert mb["revisions"][:1] == ma["revisions"] and len(mb["revisions"]) == 2
    assert read_package(second).article == read_package(first).article


def test_layout_mimetype_sniffable_and_compression(tmp_path: Path, sample):
    """mimetype is first and stored at offset 38; jpg stored, text deflated; manifest complete."""
    path = tmp_path / "s.khabar"
    write_package(path, sample)
    raw = path.read_bytes()
    assert raw[30:38] == b"mimetype" and raw[38:72] == b"application/vnd.khabar.article+zip"
    with zipfile.ZipFile(path) as zf:
        infos = {i.filename: i for i in zf.infolist()}
        manifest = json.loads(zf.read("manifest.json"))
    assert infos["media/nav.jpg"].compress_type == zipfile.ZIP_STORED
    assert infos["article.md"].compress_type == zipfile.ZIP_DEFLATED
    assert {f["path"] for f in manifest["files"]} == set(infos) - {"mimetype", "manifest.json"}
    assert manifest["format"] == "khabar" and manifest["format_version"] == 1
    preview = zf_text(path, "preview.html")
    assert 'src="media/nav.jpg"' in preview and "<script" not in preview
    assert sample.article.headline in preview


def zf_text(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as zf:
        return zf.read(name).decode("utf-8")


def test_original_kept_when_desk_starts_editing(tmp_path: Path, sample):
    """Submitted story saved by the desk with a desk status keeps the correspondent's text."""
    path = tmp_path / "s.khabar"
    write_package(path, sample, who="रमेश")
    submitted_md = zf_text(path, "article.md")
    desk = read_package(path)
    assert desk.original is None
    desk.article.status = Status.IN_EDIT
    desk.article.body = "डेस्क ने बदला।\n"
    write_package(path, desk, who="डेस्क")
    assert zf_text(path, "original/article.md") == submitted_md
    again = read_package(path)
    again.article.status = Status.APPROVED
    again.article.headline = "नया शीर्षक"
    write_package(path, again, who="डेस्क")
    final = read_package(path)
    assert final.original == submitted_md
    assert [r.who for r in final.revisions] == ["रमेश", "डेस्क", "डेस्क"]


def test_no_original_while_correspondent_works(tmp_path: Path, sample):
    """Draft -> submitted saves, and brand-new desk-status packages, keep no original."""
    path = tmp_path / "s.khabar"
    sample.article.status = Status.DRAFT
    write_package(path, sample)
    pkg = read_package(path)
    pkg.article.status = Status.SUBMITTED
    write_package(path, pkg)
    assert read_package(path).original is None
    fresh = new_package(Article(headline="x", status=Status.IN_EDIT))
    write_package(tmp_path / "f.khabar", fresh)
    assert read_package(tmp_path / "f.khabar").original is None


def test_unpacked_folder_reads_like_the_zip(tmp_path: Path, sample):
    """An unpacked package folder opens with the same content as the zip."""
    path = tmp_path / "s.khabar"
    write_package(path, sample)
    written = unpack_package(path, tmp_path / "out")
    assert {p.relative_to(tmp_path / "out").as_posix() for p in written} >= {
        "mimetype", "manifest.json", "article.md", "media/nav.jpg"}
    zipped, folder = read_package(path), read_package(tmp_path / "out")
    assert folder.article == zipped.article and folder.media == zipped.media
    assert folder.revisions == zipped.revisions


def test_markdown_in_package_is_to_markdown_of_clean_article(tmp_path: Path, sample):
    """article.md is exactly the deterministic front matter + body serialization."""
    path = tmp_path / "s.khabar"
    write_package(path, sample)
    assert zf_text(path, "article.md") == to_markdown(clean_article(sample.article))
    assert zf_text(path, "wordlist.txt") == "नवहट्टा\nमहिषी\n"

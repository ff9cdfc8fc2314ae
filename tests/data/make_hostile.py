"""Generate tests/data/hostile/: one broken or malicious .khabar per class of attack.

Usage: ``python tests/data/make_hostile.py [OUT_DIR]``. The output is
deterministic (fixed zip timestamps), so the committed files can be checked
against a fresh run. ``HOSTILE`` maps each file to the ``PackageError.code``
the reader must raise.
"""

from __future__ import annotations

import hashlib
import json
import stat
import struct
import sys
import unicodedata
import warnings
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

MIMETYPE = b"application/vnd.khabar.article+zip"
STAMP = (2026, 8, 14, 5, 35, 0)
ARTICLE = (
    "---\nid: 6f1c2a7e-3b9d-4c51-9a0e-2d7b8f4e1c35\nheadline: कोसी का जलस्तर बढ़ा\n"
    "byline:\n  name: रमेश कुमार\n  role: ज़िला संवाददाता\ndateline:\n  place: सहरसा\n"
    "  date: '2026-08-14'\ncategory: rajya\nstatus: submitted\nmedia:\n"
    "- file: media/photo.jpg\n  caption: राहत शिविर\n---\nकोसी नदी का जलस्तर बढ़ रहा है।\n"
)
PHOTO = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4 + b"\xff\xd9"

Entry = tuple[str, bytes]


def base_entries() -> list[Entry]:
    """The data entries of a small, valid package."""
    return [("article.md", ARTICLE.encode("utf-8")), ("media/photo.jpg", PHOTO),
            ("wordlist.txt", "कोसी\n".encode("utf-8"))]


def manifest(entries: list[Entry], **override: object) -> bytes:
    """A manifest listing ``entries`` with correct sizes and checksums."""
    data: dict[str, object] = {
        "format": "khabar", "format_version": 1, "app_version": "0.1.0",
        "created": "2026-08-14T09:30:00+05:30",
        "files": [{"path": n, "size": len(d), "sha256": hashlib.sha256(d).hexdigest()}
                  for n, d in sorted(entries)],
        "revisions": [{"who": "रमेश कुमार", "when": "2026-08-14T11:05:00+05:30", "words": 6,
                       "action": "save", "app_version": "0.1.0"}],
    }
    data.update(override)
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def write_zip(path: Path, entries: list[Entry], *, mimetype: bytes | None = MIMETYPE,
              tweak: Callable[[zipfile.ZipInfo], None] | None = None,
              method: int = zipfile.ZIP_DEFLATED) -> None:
    """Write ``entries`` (mimetype first unless None) as a zip; ``tweak`` edits each ZipInfo."""
    with warnings.catch_warnings(), zipfile.ZipFile(path, "w") as zf:
        warnings.simplefilter("ignore")  # duplicate names are the point of some cases
        if mimetype is not None:
            info = zipfile.ZipInfo("mimetype", STAMP)
            zf.writestr(info, mimetype, compress_type=zipfile.ZIP_STORED)
        for name, data in entries:
            info = zipfile.ZipInfo(name, STAMP)
            info.compress_type = method
            info.create_system = 3
            info.external_attr = (stat.S_IFREG | 0o644) << 16
            if tweak is not None:
                tweak(info)
            zf.writestr(info, data)


def package(path: Path, entries: list[Entry], **kw: object) -> None:
    """A package whose manifest matches ``entries``."""
    listed = [*entries, ("manifest.json", manifest(entries))]
    write_zip(path, listed, **kw)  # type: ignore[arg-type]


def _with(name: str, data: bytes) -> list[Entry]:
    return [(n, data if n == name else d) for n, d in base_entries()]


def _patch_central(path: Path, name: bytes, size: int) -> None:
    """Rewrite the sizes declared for ``name`` in the central directory (lying headers)."""
    raw = bytearray(path.read_bytes())
    pos = raw.find(b"PK\x01\x02")
    while pos != -1:
        name_len = struct.unpack_from("<H", raw, pos + 28)[0]
        if raw[pos + 46: pos + 46 + name_len] == name:
            struct.pack_into("<II", raw, pos + 20, size, size)
        pos = raw.find(b"PK\x01\x02", pos + 4)
    path.write_bytes(bytes(raw))


def _symlink(info: zipfile.ZipInfo) -> None:
    if info.filename == "media/photo.jpg":
        info.external_attr = (stat.S_IFLNK | 0o777) << 16


def _encrypted(path: Path) -> None:
    """Set the 'encrypted' flag of article.md in its local and central headers."""
    package(path, base_entries())
    raw = bytearray(path.read_bytes())
    for sig, flag_at, name_len_at, name_at in ((b"PK\x03\x04", 6, 26, 30),
                                               (b"PK\x01\x02", 8, 28, 46)):
        pos = raw.find(sig)
        while pos != -1:
            name_len = struct.unpack_from("<H", raw, pos + name_len_at)[0]
            if raw[pos + name_at: pos + name_at + name_len] == b"article.md":
                raw[pos + flag_at] |= 0x1
            pos = raw.find(sig, pos + 4)
    path.write_bytes(bytes(raw))


def _cases() -> dict[str, tuple[str, Callable[[Path], None]]]:
    base = base_entries()
    return {
        "zip_slip_dotdot.khabar": ("package.unsafe_path", lambda p: package(
            p, [*base, ("media/../../evil.sh", b"rm -rf ~")])),
        "absolute_path.khabar": ("package.unsafe_path", lambda p: package(
            p, [*base, ("/etc/cron.d/evil", b"x")])),
        "drive_letter.khabar": ("package.unsafe_path", lambda p: package(
            p, [*base, ("C:/Windows/evil.dll", b"x")])),
        "backslash.khabar": ("package.unsafe_path", lambda p: package(
            p, [*base, ("media\\..\\..\\evil.jpg", b"x")])),
        "symlink.khabar": ("package.symlink", lambda p: package(p, base, tweak=_symlink)),
        "duplicate.khabar": ("package.duplicate", lambda p: package(
            p, [*base, ("article.md", b"---\nheadline: other\n---\n")])),
        "duplicate_case.khabar": ("package.duplicate", lambda p: package(
            p, [*base, ("media/PHOTO.jpg", PHOTO)])),
        "unexpected_file.khabar": ("package.unexpected_file", lambda p: package(
            p, [*base, ("setup.exe", b"MZ")])),
        **_content_cases(),
        **_review_cases(),
    }


def _fm(extra: str) -> list[Entry]:
    """The base entries with ``extra`` lines added to the article's front matter."""
    text = ARTICLE.replace("category: rajya\n", "category: rajya\n" + extra)
    return _with("article.md", text.encode("utf-8"))


def _review_cases() -> dict[str, tuple[str, Callable[[Path], None]]]:
    """Attacks added by the security review (names, zip structure, YAML, manifest)."""
    base = base_entries()
    revision = {"who": "", "when": "2026-08-14T11:05:00+05:30", "words": -5, "action": "save",
                "app_version": "0.1.0"}
    return {
        "name_nul.khabar": ("package.unsafe_path", _name_with_nul),
        "name_fullwidth_slash.khabar": ("package.unsafe_path", lambda p: package(
            p, [*base, ("media/..\uff0f..\uff0fevil.jpg", b"x")])),
        "name_dot_leader.khabar": ("package.unsafe_path", lambda p: package(
            p, [*base, ("media/\u2025/evil.jpg", b"x")])),
        "name_device.khabar": ("package.unsafe_path", lambda p: package(
            p, [*base, ("media/con.jpg", b"x")])),
        "name_bidi.khabar": ("package.unsafe_path", lambda p: package(
            p, [*base, ("media/\u202egpj.exe", b"MZ")])),
        "name_escape.khabar": ("package.unsafe_path", lambda p: package(
            p, [*base, ("media/\x1b]2;pwned\x07.jpg", b"x")])),
        "duplicate_nfd.khabar": ("package.duplicate", lambda p: package(
            p, [*base, ("media/caf\u00e9.jpg", b"x"), ("media/cafe\u0301.jpg", b"y")])),
        "duplicate_dotless_i.khabar": ("package.duplicate", lambda p: package(
            p, [*base, ("media/\u0131.jpg", b"x"), ("media/I.jpg", b"y")])),
        "overlap.khabar": ("package.zip_bomb", _overlap),
        "name_mismatch.khabar": ("package.corrupt", _name_mismatch),
        "zip64_count.khabar": ("package.too_many_entries", _zip64_count),
        "directory_size.khabar": ("package.too_many_entries", _directory_size),
        "yaml_year_zero.khabar": ("package.article", lambda p: package(
            p, _fm("created: 0000-01-01 00:00:00\n"))),
        "yaml_huge_int.khabar": ("package.article", lambda p: package(
            p, _fm("priority: " + "9" * 5000 + "\n"))),
        "yaml_python_tag.khabar": ("package.article", lambda p: package(
            p, _fm("deck: !!python/object/apply:os.system ['id']\n"))),
        "date_out_of_range.khabar": ("package.article", lambda p: package(
            p, _fm("modified: '0001-01-01T00:00:00+05:30'\n"))),
        "manifest_duplicate_key.khabar": ("package.manifest", lambda p: write_zip(
            p, [*base, ("manifest.json", manifest(base)[:-1] + b', "format_version": 2}')])),
        "manifest_negative_words.khabar": ("package.manifest", lambda p: write_zip(
            p, [*base, ("manifest.json", manifest(base, revisions=[revision]))])),
    }


def _name_with_nul(path: Path) -> None:
    """'media/a.jpg<NUL>/../../x': zipfile cuts the name at NUL, other tools may not."""
    package(path, [*base_entries(), ("media/a.jpg_/../../x.sh", b"x")])
    raw = path.read_bytes().replace(b"media/a.jpg_/", b"media/a.jpg\x00/")
    path.write_bytes(raw)


def _overlap(path: Path) -> None:
    """Entry a.jpg's data run over b.jpg's header and data (quoted-overlap zip bomb)."""
    b_data = PHOTO[::-1]
    probe = path.with_suffix(".probe")
    write_zip(probe, [("media/b.jpg", b_data)], method=zipfile.ZIP_STORED)
    raw = probe.read_bytes()
    probe.unlink()
    b_local = raw[raw.index(b"PK\x03\x04", 1): raw.index(b"PK\x01\x02")]
    a_seen = PHOTO + b_local  # what a reader of a.jpg gets
    listed = [*base_entries(), ("media/a.jpg", a_seen), ("media/b.jpg", b_data)]
    write_zip(path, [*base_entries(), ("manifest.json", manifest(listed)),
                     ("media/a.jpg", PHOTO), ("media/b.jpg", b_data)],
              method=zipfile.ZIP_STORED)
    raw = bytearray(path.read_bytes())
    pos = raw.find(b"PK\x01\x02")
    while pos != -1:
        name_len = struct.unpack_from("<H", raw, pos + 28)[0]
        if raw[pos + 46: pos + 46 + name_len] == b"media/a.jpg":
            struct.pack_into("<III", raw, pos + 16, zlib.crc32(a_seen), len(a_seen), len(a_seen))
        pos = raw.find(b"PK\x01\x02", pos + 4)
    path.write_bytes(bytes(raw))


def _name_mismatch(path: Path) -> None:
    """The local header says 'media/photx.jpg', the central directory 'media/photo.jpg'."""
    package(path, base_entries())
    raw = path.read_bytes()
    local = raw.index(b"media/photo.jpg")
    path.write_bytes(raw[:local] + b"media/photx.jpg" + raw[local + 15:])


def _end_record(raw: bytes) -> int:
    return raw.rindex(b"PK\x05\x06")


def _zip64_count(path: Path) -> None:
    """A zip64 end record claiming a billion entries in front of a normal end record."""
    package(path, base_entries())
    raw = path.read_bytes()
    at = _end_record(raw)
    count, size, offset = struct.unpack_from("<HII", raw, at + 10)
    record = struct.pack("<4sQHHIIQQQQ", b"PK\x06\x06", 44, 45, 45, 0, 0,
                         10**9, 10**9, size, offset)
    locator = struct.pack("<4sIQI", b"PK\x06\x07", 0, at, 1)
    path.write_bytes(raw[:at] + record + locator + raw[at:])


def _directory_size(path: Path) -> None:
    """A normal entry count but a 64 MiB central directory (zipfile would read it all)."""
    package(path, base_entries())
    raw = bytearray(path.read_bytes())
    struct.pack_into("<I", raw, _end_record(raw) + 12, 64 * 1024 * 1024)
    path.write_bytes(bytes(raw))


def _content_cases() -> dict[str, tuple[str, Callable[[Path], None]]]:
    base = base_entries()
    listed = [*base, ("media/ghost.jpg", PHOTO)]
    return {
        "missing_article.khabar": ("package.missing_required", lambda p: package(
            p, [e for e in base if e[0] != "article.md"])),
        "missing_manifest.khabar": ("package.missing_required", lambda p: write_zip(p, base)),
        "too_many_entries.khabar": ("package.too_many_entries", lambda p: package(
            p, [*base, *((f"media/{i:04}.jpg", b"x") for i in range(1000))])),
        "too_large_entry.khabar": ("package.too_large", _too_large_entry),
        "too_large_total.khabar": ("package.too_large_total", _too_large_total),
        "zip_bomb.khabar": ("package.zip_bomb", lambda p: package(
            p, [*base, ("media/bomb.bmp", bytes(8 * 1024 * 1024))])),
        "encrypted.khabar": ("package.encrypted", _encrypted),
        "bzip2.khabar": ("package.compression", lambda p: package(
            p, base, method=zipfile.ZIP_BZIP2)),
        "invalid_utf8.khabar": ("package.encoding", lambda p: package(
            p, _with("article.md", ARTICLE.encode("utf-8") + b"\xff\xfe broken"))),
        "checksum.khabar": ("package.checksum", _checksum),
        "size_mismatch.khabar": ("package.size_mismatch", _size_mismatch),
        "missing_file.khabar": ("package.missing_file", lambda p: write_zip(
            p, [*base, ("manifest.json", manifest(listed))])),
        "unlisted_file.khabar": ("package.unlisted_file", lambda p: write_zip(
            p, [*listed, ("manifest.json", manifest(base))])),
        "newer_version.khabar": ("package.too_new", lambda p: write_zip(
            p, [*base, ("manifest.json", manifest(base, format_version=2))])),
        "bad_manifest.khabar": ("package.manifest", lambda p: write_zip(
            p, [*base, ("manifest.json", b"{not json")])),
        "bad_mimetype.khabar": ("package.mimetype", lambda p: package(
            p, base, mimetype=b"application/epub+zip")),
        "mimetype_not_first.khabar": ("package.mimetype", lambda p: package(
            p, [*base, ("mimetype", MIMETYPE)], mimetype=None)),
        "not_a_zip.khabar": ("package.not_zip", lambda p: p.write_bytes(PHOTO)),
        "truncated.khabar": ("package.truncated", _truncated),
        "bad_yaml.khabar": ("package.article", lambda p: package(
            p, _with("article.md", "---\nheadline: [खुला\n---\nपाठ\n".encode("utf-8")))),
        "media_missing.khabar": ("package.media_missing", lambda p: package(
            p, [e for e in base if e[0] != "media/photo.jpg"])),
        "corrupt_data.khabar": ("package.corrupt", _corrupt),
    }


def _too_large_entry(path: Path) -> None:
    package(path, base_entries(), method=zipfile.ZIP_STORED)
    _patch_central(path, b"article.md", 20 * 1024 * 1024)


def _too_large_total(path: Path) -> None:
    names = [f"media/big{i}.jpg" for i in range(5)]
    package(path, [*base_entries(), *((n, b"x") for n in names)], method=zipfile.ZIP_STORED)
    for name in names:
        _patch_central(path, name.encode(), 120 * 1024 * 1024)


def _checksum(path: Path) -> None:
    base = base_entries()
    tampered = ARTICLE.replace("कोसी नदी", "गोसी नदी").encode("utf-8")
    assert len(tampered) == len(base[0][1])
    write_zip(path, [*_with("article.md", tampered), ("manifest.json", manifest(base))])


def _size_mismatch(path: Path) -> None:
    base = base_entries()
    longer = _with("wordlist.txt", "कोसी\nसहरसा\n".encode("utf-8"))
    write_zip(path, [*longer, ("manifest.json", manifest(base))])


def _truncated(path: Path) -> None:
    package(path, base_entries())
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _corrupt(path: Path) -> None:
    big = ("कोसी नदी का जलस्तर बढ़ रहा है। " * 200).encode("utf-8")
    package(path, _with("wordlist.txt", big))
    raw = bytearray(path.read_bytes())
    start = raw.find(b"wordlist.txt") + len("wordlist.txt") + 40
    raw[start: start + 16] = bytes(b ^ 0x5A for b in raw[start: start + 16])
    path.write_bytes(bytes(raw))


def non_nfc_package(path: Path) -> None:
    """Readable but not NFC (precomposed nukta letters): normalized with a warning."""
    text = ARTICLE.replace("बढ़", "\u095d").replace("ज़िला", "\u095bिला")
    assert not unicodedata.is_normalized("NFC", text)
    package(path, _with("article.md", text.encode("utf-8")))


HOSTILE: dict[str, str] = {name: code for name, (code, _) in _cases().items()}


def make_all(folder: Path) -> dict[str, str]:
    """Write every hostile package into ``folder``; returns ``file -> expected code``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, (_code, build) in _cases().items():
        build(folder / name)
    non_nfc_package(folder / "non_nfc.khabar")
    return dict(HOSTILE)


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent / "hostile"
    for file, code in make_all(out).items():
        print(f"{file}: {code}")

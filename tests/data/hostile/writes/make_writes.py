"""Generate the hostile inputs for the write paths (issue 13): ``python make_writes.py``.

Each function writes one file into a folder; the tests call them too (the large
inputs are generated at test time rather than stored in the repository).

* ``manifest_near_limit.khabar``: a valid package whose compact manifest is just
  under the 4 MiB limit because of a long revision log. Saving it used to write an
  indented manifest over the limit, so the saved file no longer opened.
* ``revision_fields_long.khabar``: a revision whose ``who`` is 300 000 characters.
* ``web_rendition_clash.khabar``: photos ``media/a.png`` (red) and ``media/a.jpg``
  (blue); their web renditions used to share ``media/web/a.jpg``.
* ``article_grows_on_save.khabar``: ``article.md`` written with the precomposed
  nukta letter U+095B (3 bytes), which NFC decomposes into 6 bytes on save.
"""

from __future__ import annotations

import hashlib
import io
import json
import random
import sys
import zipfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
MIMETYPE = b"application/vnd.khabar.article+zip"
MANIFEST_LIMIT = 4 * 1024 * 1024
ARTICLE = """---
id: 5b0f3c1e-8d6a-4f7e-9c2b-1a2b3c4d5e6f
headline: {headline}
deck: ''
summary: ''
byline:
  name: रमेश कुमार
  role: ''
dateline:
  place: पटना
  date: '2026-08-14'
place:
  city: ''
  district: ''
  state: ''
  country: ''
category: desh-videsh
tags: []
slug: khabar
language: hi
status: draft
priority: 5
embargo: null
created: '2026-08-14T09:30:00+05:30'
modified: '2026-08-14T11:05:00+05:30'
media: {media}
---
{body}
"""


def _zip(path: Path, entries: dict[str, bytes], manifest: bytes, stored: set[str] = frozenset()
         ) -> None:
    """A package zip: ``mimetype`` first and stored, then the entries and the manifest."""
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype", (2026, 8, 14, 0, 0, 0)), MIMETYPE,
                    compress_type=zipfile.ZIP_STORED)
        for name, data in sorted({**entries, "manifest.json": manifest}.items()):
            info = zipfile.ZipInfo(name, (2026, 8, 14, 0, 0, 0))
            info.external_attr = 0o100644 << 16
            info.compress_type = zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED
            zf.writestr(info, data)


def _manifest(entries: dict[str, bytes], revisions: list[dict], *, indent: int | None = None
              ) -> bytes:
    data = {
        "format": "khabar", "format_version": 1, "app_version": "0.1.0",
        "created": "2026-08-14T09:30:00+05:30",
        "files": [{"path": n, "size": len(d), "sha256": hashlib.sha256(d).hexdigest()}
                  for n, d in sorted(entries.items())],
        "revisions": revisions,
    }
    if indent is None:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return json.dumps(data, ensure_ascii=False, indent=indent).encode("utf-8")


def _article(headline: str = "लंबा इतिहास", body: str = "ख़बर का पाठ।", media: str = "[]"
             ) -> dict[str, bytes]:
    text = ARTICLE.format(headline=headline, body=body, media=media)
    return {"article.md": text.encode("utf-8"), "wordlist.txt": b""}


def _revision(index: int, rng: random.Random) -> dict:
    when = datetime(2020, 1, 1, tzinfo=timezone.utc) + timedelta(minutes=17 * index)
    return {"who": f"डेस्क {rng.randrange(10**6)}", "when": when.isoformat(),
            "words": rng.randrange(2000), "action": "save", "app_version": "0.1.0"}


def manifest_near_limit(folder: Path) -> Path:
    """A package whose compact manifest is within 2 KiB of the 4 MiB limit."""
    entries = _article()
    rng = random.Random(13)
    revisions = [{"who": "संवाददाता", "when": "2019-12-31T00:00:00+00:00", "words": 10,
                  "action": "pack", "app_version": "0.1.0"}]
    size = len(_manifest(entries, revisions))
    while True:  # each revision adds its JSON and one comma
        revision = _revision(len(revisions), rng)
        grow = len(json.dumps(revision, ensure_ascii=False, separators=(",", ":"))
                   .encode("utf-8")) + 1
        if size + grow > MANIFEST_LIMIT - 1024:
            break
        revisions.append(revision)
        size += grow
    raw = _manifest(entries, revisions)
    assert MANIFEST_LIMIT - 2048 <= len(raw) <= MANIFEST_LIMIT
    assert len(_manifest(entries, revisions, indent=2)) > MANIFEST_LIMIT
    path = folder / "manifest_near_limit.khabar"
    _zip(path, entries, raw)
    return path


def revision_fields_long(folder: Path) -> Path:
    """A package with a 300 000-character ``who`` in its revision log."""
    entries = _article(headline="लंबा नाम")
    revisions = [{"who": "क" * 300_000, "when": "2026-08-14T05:35:00+00:00", "words": 3,
                  "action": "pack" * 1000, "app_version": "0.1.0"}]
    path = folder / "revision_fields_long.khabar"
    _zip(path, entries, _manifest(entries, revisions))
    return path


def _image(colour: tuple[int, int, int], fmt: str) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(out, fmt)
    return out.getvalue()


def web_rendition_clash(folder: Path) -> Path:
    """Photos ``a.png`` (red) and ``a.jpg`` (blue) in one package."""
    media = ("\n- file: media/a.png\n  caption: लाल\n  credit: 'फ़ोटो: क'\n  alt: लाल रंग"
             "\n- file: media/a.jpg\n  caption: नीला\n  credit: 'फ़ोटो: ख'\n  alt: नीला रंग")
    entries = _article(headline="दो फ़ोटो", media=media)
    entries["media/a.png"] = _image((220, 20, 20), "PNG")
    entries["media/a.jpg"] = _image((20, 20, 220), "JPEG")
    path = folder / "web_rendition_clash.khabar"
    _zip(path, entries, _manifest(entries, []), stored={"media/a.png", "media/a.jpg"})
    return path


def article_grows_on_save(folder: Path, size: int = 300_000) -> Path:
    """``article.md`` of about ``size`` bytes, mostly U+095B, that NFC doubles in size."""
    body = "\u095b" * (size // 3)
    entries = _article(headline="नुक़्ता", body=body)
    path = folder / "article_grows_on_save.khabar"
    _zip(path, entries, _manifest(entries, []))
    return path


SMALL = (revision_fields_long, web_rendition_clash, article_grows_on_save)
"""Stored in the repository; the others are made at test time (megabytes)."""


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
    for make in (*SMALL, manifest_near_limit):
        print(make(target))

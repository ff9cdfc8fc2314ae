"""Photos for the package: downscaled, recompressed, with location data removed.

A correspondent's photo straight from a phone carries EXIF: camera, time and
often GPS coordinates. A correspondent's location must not leak, so every photo
is decoded and re-encoded without any metadata; EXIF orientation is applied to
the pixels first so the picture still stands the right way up.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

from khabar_editor.errors import KhabarError, PackageError
from khabar_editor.i18n import N_
from khabar_editor.package.spec import check_entry_name

MAX_INPUT_BYTES = 60 * 1024 * 1024
MAX_INPUT_PIXELS = 80_000_000
SAFE_NAME = re.compile(r"[^a-z0-9._-]+")


class PhotoError(KhabarError):
    """A file given as a photo cannot be used."""

    code = "photo"


@dataclass(frozen=True)
class PreparedPhoto:
    """A photo ready for ``Package.media``."""

    data: bytes
    extension: str  # ".jpg" or ".png"
    width: int
    height: int


def prepare_photo(raw: bytes, *, max_px: int = 1600, quality: int = 85) -> PreparedPhoto:
    """Decode ``raw``, apply EXIF orientation, shrink to ``max_px`` and strip metadata.

    Raises:
        PhotoError: the bytes are not a supported, sane image.
    """
    from PIL import Image, ImageOps, UnidentifiedImageError

    if len(raw) > MAX_INPUT_BYTES:
        raise PhotoError(N_("The photo is too large to insert ({size} MB)."),
                         code="photo.too_large", size=len(raw) // (1024 * 1024))
    try:
        with Image.open(io.BytesIO(raw)) as img:
            if img.width * img.height > MAX_INPUT_PIXELS:
                raise PhotoError(N_("The photo is too large to insert ({size} MB)."),
                                 code="photo.too_large", size=len(raw) // (1024 * 1024))
            img.load()
            fmt = img.format
            picture = ImageOps.exif_transpose(img) or img
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise PhotoError(N_("This file is not a photo that can be inserted (JPEG, PNG, WebP)."),
                         code="photo.unreadable") from exc
    picture.thumbnail((max_px, max_px), Image.Resampling.LANCZOS)
    keep_png = fmt == "PNG" and picture.mode in ("RGBA", "LA", "P")
    out = io.BytesIO()
    # Fresh copies with an empty info dict: no EXIF, comments or text chunks survive.
    if keep_png:
        clean = picture.convert("RGBA")
        clean.info = {}
        clean.save(out, format="PNG", optimize=True)
        ext = ".png"
    else:
        clean = picture.convert("RGB")
        clean.info = {}
        clean.save(out, format="JPEG", quality=quality, optimize=True, progressive=True)
        ext = ".jpg"
    return PreparedPhoto(out.getvalue(), ext, clean.width, clean.height)


def _package_safe(name: str) -> bool:
    try:
        check_entry_name(name)
    except PackageError:
        return False
    return True


def media_name(source: str | Path, extension: str, taken: set[str]) -> str:
    """A safe, unique ``media/<name>`` key for a photo from ``source``.

    Names the package reader would refuse, such as Windows device names in any
    spelling ("con", "AUX .png", "com¹"), get a ``photo-`` prefix.
    """
    stem = SAFE_NAME.sub("-", Path(source).stem.lower()).strip("-.") or "photo"
    stem = stem[:40]
    candidate, n = f"media/{stem}{extension}", 1
    if not _package_safe(candidate):
        stem = f"photo-{stem}"
        candidate = f"media/{stem}{extension}"
    while candidate in taken or not _package_safe(candidate):
        n += 1
        candidate = f"media/{stem}-{n}{extension}"
    return candidate

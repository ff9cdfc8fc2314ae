"""Export bundles: the chosen formats, the photos and a ``manifest.json`` with sha256s.

Layout (the same inside ``<slug>.zip`` and in a ``<slug>/`` folder)::

    manifest.json               format list, warnings, sha256 + size of every file
    <slug>.html                 one or more files per chosen format
    <slug>.wxr.xml ...
    media/<name>                the photos as they are in the package (originals)
    media/web/<name>            optional web renditions (JPEG, longest side 1280 px):
                                a.jpg -> web/a.jpg, a.png -> web/a.png.jpg (unique)

Writing is atomic (:mod:`khabar_editor.fsutil`): a temporary file (or folder)
with a short ``.khabar-tmp-...`` name beside the destination is renamed into
place, so a failed or killed export leaves the old bundle or the new one, and
the next export into that folder removes what a killed one left.
"""

from __future__ import annotations

import errno
import hashlib
import io
import itertools
import json
import os
import unicodedata
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from collections.abc import Callable

from khabar_editor import __version__, fsutil
from khabar_editor.errors import ExportError
from khabar_editor.exporters import gate
from khabar_editor.exporters.common import (
    ExportArticle,
    Rendition,
    iso,
    json_bytes,
    photo_info,
    prepare,
)
from khabar_editor.exporters.registry import ExportContext, get_exporter
from khabar_editor.i18n import N_
from khabar_editor.problems import Problem

MANIFEST = "manifest.json"
WEB_MAX_SIDE = 1280
BUNDLE_FORMAT_VERSION = 1


@dataclass
class Bundle:
    """The files of one export bundle, in memory, plus the gate's warnings."""

    slug: str
    article_id: str = ""
    files: dict[str, bytes] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)


def web_rendition(data: bytes) -> bytes | None:
    """A JPEG whose longest side is at most :data:`WEB_MAX_SIDE`, or ``None`` if unreadable."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as img:
            img = ImageOps.exif_transpose(img)
            img.thumbnail((WEB_MAX_SIDE, WEB_MAX_SIDE))
            out = io.BytesIO()
            img.convert("RGB").save(out, "JPEG", quality=82, optimize=True)
            return out.getvalue()
    except (UnidentifiedImageError, OSError, ValueError):
        return None


WEB_PREFIX = "media/web/"
_MAX_NAME_BYTES = 255


def web_rendition_name(photo_name: str, taken: set[str]) -> str:
    """A bundle path for the web copy of ``photo_name`` that no other photo's copy uses.

    A JPEG keeps its name (``a.jpg`` -> ``media/web/a.jpg``); any other photo
    keeps its whole name plus ``.jpg`` (``a.png`` -> ``media/web/a.png.jpg``), so
    ``a.png`` and ``a.jpg`` get different copies. A name that would still clash
    (also on a case-insensitive disk) gets ``-2``, ``-3``... before the extension;
    a name too long for a file system is shortened. ``taken`` holds the
    case-folded names already used and is updated.
    """
    lower = photo_name.lower()
    jpeg = next((e for e in (".jpg", ".jpeg") if lower.endswith(e) and len(lower) > len(e)), "")
    stem, ext = (photo_name[:-len(jpeg)], photo_name[-len(jpeg):]) if jpeg else (photo_name,
                                                                                  ".jpg")
    for number in itertools.count(1):
        suffix = f"-{number}" if number > 1 else ""
        room = _MAX_NAME_BYTES - len((suffix + ext).encode("utf-8"))
        while len(stem.encode("utf-8")) > room:
            stem = stem[:-1]
        name = f"{stem}{suffix}{ext}"
        key = unicodedata.normalize("NFKC", name.upper().casefold())
        if key not in taken:
            taken.add(key)
            return WEB_PREFIX + name
    raise AssertionError("unreachable")


def _add_web_renditions(ex: ExportArticle) -> None:
    """Scale each photo once, before the exporters run, so ninjs and NewsML-G2 can
    list the web copy as a rendition of the same picture."""
    taken: set[str] = set()
    for photo in ex.photos:
        data = web_rendition(photo.data)
        if data is not None:
            _, width, height = photo_info(data)
            photo.web = Rendition(web_rendition_name(photo.name, taken), data, width, height)


def _manifest(ex: ExportArticle, formats: list[str], files: dict[str, bytes],
              warnings: list[Problem]) -> bytes:
    data = {
        "bundle_format": BUNDLE_FORMAT_VERSION,
        "generator": f"Khabar Editor {__version__}",
        "article": {"id": ex.article.id, "slug": ex.slug, "headline": ex.article.headline,
                    "language": ex.lang, "modified": iso(ex.article.modified)},
        "formats": formats,
        "warnings": [w.to_json() for w in warnings],
        "files": [{"path": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
                  for name, data in sorted(files.items())],
    }
    return json_bytes(data)


def build_bundle(pkg: Any, formats: list[str], context: ExportContext | None = None,
                 on_progress: Callable[[int, int], None] | None = None) -> Bundle:
    """Run the gate and every exporter in ``formats``; raise :class:`ExportError` if refused.

    ``on_progress(done, total)`` is called after each format (for progress bars).
    """
    context = context or ExportContext()
    exporters = [get_exporter(f) for f in formats]
    if not exporters:
        raise ExportError(N_("Choose at least one export format."), code="export.no_format")
    report = gate.check(pkg, context.taxonomy, spelling=context.check_spelling,
                        digits=context.digits)
    if not report.ok:
        raise gate.refuse(report)
    ex = prepare(pkg, context.taxonomy, context.digits, context.timezone)
    if context.web_renditions:
        _add_web_renditions(ex)
    context = replace(context, prepared=ex)
    bundle = Bundle(ex.slug, ex.article.id, warnings=list(report.warnings))
    for done, exporter in enumerate(exporters, start=1):
        result = exporter.export(pkg, context)
        bundle.files.update(result.files)
        bundle.warnings.extend(result.warnings)
        if on_progress is not None:
            on_progress(done, len(exporters) + 1)
    for photo in ex.photos:
        bundle.files[photo.path] = photo.data
        if photo.web is not None:
            bundle.files[photo.web.path] = photo.web.data
    bundle.files[MANIFEST] = _manifest(ex, formats, bundle.files, bundle.warnings)
    return bundle


def bundle_zip_bytes(bundle: Bundle) -> bytes:
    """The bundle as zip bytes (deterministic order and timestamps; media stored)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name in [MANIFEST, *sorted(n for n in bundle.files if n != MANIFEST)]:
            info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            compress = not name.startswith("media/")
            info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
            zf.writestr(info, bundle.files[name], compresslevel=6 if compress else None)
    return out.getvalue()


def _check_name(name: str) -> None:
    parts = name.split("/")
    if name.startswith("/") or "\\" in name or any(p in {"", ".", ".."} for p in parts):
        raise ExportError(N_("Refused to write '{name}' outside the export folder."),
                          code="export.unsafe_name", name=name)


def write_bundle(bundle: Bundle, dest_dir: str | Path, *, as_zip: bool = True,
                 overwrite: bool = False, name: str | None = None) -> Path:
    """Write ``bundle`` into ``dest_dir`` as ``<slug>.zip`` or a ``<slug>/`` folder.

    Returns the path written. Raises :class:`ExportError` if the target exists
    and ``overwrite`` is false, or if it is a folder that is not an export
    bundle; ``OSError`` if the disk refuses (nothing is left half-written).
    """
    dest_dir = Path(dest_dir)
    stem = name or bundle.slug
    _check_name(stem)
    target = dest_dir / (stem + ".zip" if as_zip else stem)
    if os.path.lexists(target) and not overwrite:
        raise _exists(target)
    dest_dir.mkdir(parents=True, exist_ok=True)
    if as_zip:
        data = bundle_zip_bytes(bundle)
        try:
            fsutil.atomic_write(target, data, mode=0o666 & ~_umask(), exclusive=not overwrite)
        except FileExistsError:
            raise _exists(target) from None
        except IsADirectoryError:
            raise _exists(target) from None
        return target
    for file_name in bundle.files:
        _check_name(file_name)
    if overwrite and target.is_dir() and not target.is_symlink():
        _check_is_bundle(target)
    try:
        fsutil.atomic_folder(target, lambda tmp: _fill_folder(tmp, bundle), replace=overwrite)
    except FileExistsError:
        raise _exists(target) from None
    except OSError as exc:
        if exc.errno in (errno.ENOTEMPTY, errno.EEXIST):  # another writer made the target
            raise _exists(target) from None
        raise
    return target


def _fill_folder(root: Path, bundle: Bundle) -> None:
    for file_name, data in sorted(bundle.files.items()):
        path = root / file_name
        path.parent.mkdir(parents=True, exist_ok=True)
        fsutil.write_new_file(path, data)


def _check_is_bundle(folder: Path) -> None:
    """Only an earlier export bundle (or an empty folder) may be replaced."""
    if not any(folder.iterdir()):
        return
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = None
    if not isinstance(data, dict) or "bundle_format" not in data:
        raise ExportError(N_("'{path}' is a folder that is not an export bundle; it was not "
                             "replaced."), code="export.exists", path=str(folder))


def _umask() -> int:
    """The process umask (reading it means setting it; restored at once)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _exists(target: Path) -> ExportError:
    return ExportError(N_("'{path}' already exists; choose another folder or allow replacing."),
                       code="export.exists", path=str(target))


def write_bundle_unique(bundle: Bundle, dest_dir: str | Path, *, as_zip: bool = True) -> Path:
    """Write ``bundle`` without replacing anything: if ``<slug>`` is taken, use
    ``<slug>-<first 8 characters of the article id>``."""
    try:
        return write_bundle(bundle, dest_dir, as_zip=as_zip)
    except ExportError as exc:
        if exc.code != "export.exists":
            raise
    short = "".join(ch for ch in bundle.article_id.lower() if ch.isalnum())[:8] or "x"
    return write_bundle(bundle, dest_dir, as_zip=as_zip, name=f"{bundle.slug}-{short}")


def export_package(pkg: Any, formats: list[str], dest_dir: str | Path,
                   context: ExportContext | None = None, *, as_zip: bool = True,
                   overwrite: bool = False, name: str | None = None) -> tuple[Path, Bundle]:
    """Gate, export and write one package; returns (path written, bundle)."""
    bundle = build_bundle(pkg, formats, context)
    return write_bundle(bundle, dest_dir, as_zip=as_zip, overwrite=overwrite, name=name), bundle

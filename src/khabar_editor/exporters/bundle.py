"""Export bundles: the chosen formats, the photos and a ``manifest.json`` with sha256s.

Layout (the same inside ``<slug>.zip`` and in a ``<slug>/`` folder)::

    manifest.json               format list, warnings, sha256 + size of every file
    <slug>.html                 one or more files per chosen format
    <slug>.wxr.xml ...
    media/<name>                the photos as they are in the package (originals)
    media/web/<stem>.jpg        optional web renditions (longest side 1280 px)

Writing is atomic: a temporary file (or folder) in the destination is renamed
into place, so a failed export leaves nothing half-written.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from collections.abc import Callable

from khabar_editor import __version__
from khabar_editor.errors import ExportError
from khabar_editor.exporters import gate
from khabar_editor.exporters.common import ExportArticle, Rendition, iso, photo_info, prepare
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


def _add_web_renditions(ex: ExportArticle) -> None:
    """Scale each photo once, before the exporters run, so ninjs and NewsML-G2 can
    list the web copy as a rendition of the same picture."""
    for photo in ex.photos:
        data = web_rendition(photo.data)
        if data is not None:
            _, width, height = photo_info(data)
            stem = photo.name.rsplit(".", 1)[0]
            photo.web = Rendition(f"media/web/{stem}.jpg", data, width, height)


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
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def build_bundle(pkg: Any, formats: list[str], context: ExportContext | None = None,
                 on_progress: Callable[[int, int], None] | None = None) -> Bundle:
    """Run the gate and every exporter in ``formats``; raise :class:`ExportError` if refused.

    ``on_progress(done, total)`` is called after each format (for progress bars).
    """
    context = context or ExportContext()
    exporters = [get_exporter(f) for f in formats]
    if not exporters:
        raise ExportError(N_("Choose at least one export format."), code="export.no_format")
    report = gate.check(pkg, context.taxonomy, spelling=context.check_spelling)
    if not report.ok:
        raise gate.refuse(report)
    ex = prepare(pkg, context.taxonomy, context.digits)
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
    and ``overwrite`` is false; ``OSError`` if the disk refuses.
    """
    dest_dir = Path(dest_dir)
    stem = name or bundle.slug
    _check_name(stem)
    target = dest_dir / (stem + ".zip" if as_zip else stem)
    if target.exists() and not overwrite:
        raise _exists(target)
    dest_dir.mkdir(parents=True, exist_ok=True)
    if as_zip:
        _atomic_write(target, bundle_zip_bytes(bundle), overwrite=overwrite)
        return target
    for file_name in bundle.files:
        _check_name(file_name)
    tmp = Path(tempfile.mkdtemp(prefix=f".{stem}.", dir=dest_dir))
    try:
        os.chmod(tmp, 0o777 & ~_umask())  # mkdtemp makes 0700
        for file_name, data in bundle.files.items():
            path = tmp / file_name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        if overwrite and target.exists():
            shutil.rmtree(target) if target.is_dir() else target.unlink()
        try:
            os.rename(tmp, target)  # fails if another writer made a non-empty target
        except OSError:
            raise _exists(target) from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return target


def _umask() -> int:
    """The process umask (reading it means setting it; restored at once)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _exists(target: Path) -> ExportError:
    return ExportError(N_("'{path}' already exists; choose another folder or allow replacing."),
                       code="export.exists", path=str(target))


def _atomic_write(target: Path, data: bytes, *, overwrite: bool) -> None:
    """Write via a temporary file; without ``overwrite`` never replace an existing file
    (a hard link publishes the file atomically and fails if the name is taken)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; exports are shared files
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if overwrite:
            os.replace(tmp, target)
            return
        try:
            os.link(tmp, target)
        except FileExistsError:
            raise _exists(target) from None
        except OSError:  # file systems without hard links
            if target.exists():
                raise _exists(target) from None
            os.replace(tmp, target)
    finally:
        Path(tmp).unlink(missing_ok=True)


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

"""``khabar export FILE... --format html,wxr,... -o DIR``: gated export bundles for the desk.

Each input (``.khabar`` package or unpacked folder; ``.md``/``.txt`` article)
becomes ``DIR/<slug>.zip`` (or the folder ``DIR/<slug>/`` with ``--no-zip``)
holding the chosen formats, the photos and ``manifest.json``. When a slug is
already taken in DIR the article id is appended (``<slug>-<id8>``); nothing is
replaced without ``--overwrite``. Batches run on one worker process per core.

Exit code: 0 all exported; 1 some article refused by the validation gate;
3 some file unreadable; 4 some bundle could not be written; 70 internal error.
When several happen, the most serious (70, 3, 4, 1) wins.
"""

from __future__ import annotations

import argparse
import logging
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from khabar_editor.cli.common import (
    MSG_CANNOT_WRITE_TO, MSG_INTERRUPTED_BATCH, MSG_NOT_EXPORTED_INTERRUPTED, MSG_NOT_UTF8,
    ExitCode, error_line, os_reason, print_json, progress,
)
from khabar_editor.cli import options as opt
from khabar_editor.errors import ExportError, KhabarError, PackageError
from khabar_editor.i18n import N_, _, get_language, set_language

if TYPE_CHECKING:
    from concurrent.futures import Future

log = logging.getLogger(__name__)

FORMAT_NAMES = ("html", "wxr", "wp-json", "ninjs", "ninjs-1.6", "newsml-g2", "nitf", "text")
SEVERITY_ORDER = (ExitCode.INTERRUPTED, ExitCode.INTERNAL, ExitCode.UNREADABLE,
                  ExitCode.IO_ERROR, ExitCode.ARTICLE_ERRORS)


@dataclass
class Options:
    """Everything a worker needs (picklable)."""

    formats: list[str]
    output: str
    as_zip: bool = True
    overwrite: bool = False
    site_url: str = "https://example.invalid"
    media_base_url: str = ""
    relative_media: bool = False
    publish_approved: bool = False
    provider: str = "खबर एडिटर"
    digits: str = "latin"
    taxonomy: str | None = None
    spelling: bool = True
    web_renditions: bool = False
    timezone: str = ""  # IANA name; "" = by the article's language
    ui_lang: str = "en"


@dataclass
class FileResult:
    """The outcome for one input file (also the ``--json`` record)."""

    file: str
    code: int = int(ExitCode.OK)
    output: str = ""
    message: str = ""
    errors: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[dict[str, Any]] = field(default_factory=list)
    error: dict[str, str] | None = None
    """``None`` when exported; else ``{"code": ..., "message": ...}`` saying why not."""

    def fail(self, exit_code: ExitCode, code: str, message: str) -> FileResult:
        """Mark this file as not exported (``code`` is the stable error code)."""
        self.code, self.message = int(exit_code), message
        self.error = {"code": code, "message": message}
        return self


def register(subparsers: Any) -> None:
    """Add the ``export`` subcommand."""
    p = subparsers.add_parser(
        "export", help=_(N_("export articles as CMS-ready bundles")),
        description=_(N_("Export .khabar packages (or .md/.txt articles) as bundles: "
                         "DIR/<slug>.zip with the chosen formats, the photos and a "
                         "manifest with checksums.")))
    p.add_argument("files", nargs="+", metavar="FILE", type=opt.path_value,
                   help=_(N_("packages or articles")))
    p.add_argument("--profile", metavar="NAME", default=None, type=opt.text_value,
                   help=_(N_("a newsroom profile saved by the Export dialog: its provider, "
                             "site URL, media base URL, time zone and formats; options "
                             "given here override it")))
    p.add_argument("-f", "--format", default=None,
                   help=_(N_("comma-separated formats (default: all): {names}")).format(
                       names=",".join(FORMAT_NAMES)))
    p.add_argument("-o", "--output", required=True, metavar="DIR", type=opt.path_value,
                   help=_(N_("folder for the bundles (created if missing)")))
    p.add_argument("--no-zip", action="store_true",
                   help=_(N_("write a folder per article instead of a zip")))
    p.add_argument("--overwrite", action="store_true",
                   help=_(N_("replace bundles that already exist")))
    p.add_argument("--site-url", default=None, type=opt.site_url,
                   help=_(N_("the CMS site address (WordPress base URL)")))
    p.add_argument("--media-base-url", default=None, type=opt.optional_url,
                   help=_(N_("where the media files will be published (absolute URL)")))
    p.add_argument("--relative-media", action="store_true",
                   help=_(N_("WXR: attachment URLs relative to the bundle (media/...), "
                             "for own ingest scripts; the WordPress Importer needs "
                             "absolute URLs")))
    p.add_argument("--publish-approved", action="store_true",
                   help=_(N_("WordPress: approved articles are published, not pending")))
    p.add_argument("--provider", default=None, type=opt.text_value,
                   help=_(N_("provider / agency name for the wire dateline and IPTC")))
    p.add_argument("--timezone", metavar="ZONE", default=None, type=time_zone,
                   help=_(N_("the newsroom's time zone, an IANA name such as Asia/Kolkata "
                             "(WordPress dates are the site's local time; default: "
                             "Asia/Kathmandu for Nepali articles, else Asia/Kolkata)")))
    p.add_argument("--digits", choices=("latin", "devanagari"), default="latin",
                   help=_(N_("digits in datelines")))
    p.add_argument("--taxonomy", metavar="FILE", default=None, type=opt.path_value,
                   help=_(N_("the newsroom's category file")))
    p.add_argument("--web-renditions", action="store_true",
                   help=_(N_("also add photos scaled for the web")))
    p.add_argument("--no-spelling", action="store_true",
                   help=_(N_("do not count open spelling findings")))
    p.add_argument("-j", "--jobs", type=opt.whole_number(1, opt.MAX_JOBS),
                   default=None,
                   help=_(N_("worker processes for batches (default: one per core)")))
    p.add_argument("--json", action="store_true", help=_(N_("print the report as JSON")))
    p.set_defaults(func=run)


def time_zone(value: str) -> str:
    """``--timezone``: an IANA zone name (any case), returned as the database spells it."""
    from khabar_editor.exporters.dates import canonical_zone

    text = opt.text_value(value, limit=64)
    try:
        return canonical_zone(text)
    except ExportError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def parse_formats(text: str) -> list[str]:
    """The format list, validated; :class:`ExportError` for unknown names."""
    from khabar_editor.exporters import exporter_ids

    known = exporter_ids()
    formats = [f.strip() for f in text.split(",") if f.strip()]
    unknown = [f for f in formats if f not in known]
    if unknown or not formats:
        raise ExportError(N_("Unknown export format '{format}'. Known formats: {known}."),
                          code="export.unknown_format",
                          format=opt.shown(",".join(unknown) or text), known=", ".join(known))
    return list(dict.fromkeys(formats))


def saved_profile(name: str, stored: Any = None) -> Any:
    """The newsroom export profile ``name`` from the preferences (``stored``: the
    ``export_profiles`` mapping, default: read from the settings file).

    :class:`ExportError` when there is no such profile, naming the ones there are.
    """
    from khabar_editor.exporters import exporter_ids
    from khabar_editor.exporters import profiles as prof

    if stored is None:
        from khabar_editor.settings import load_settings

        stored = load_settings().export_profiles
    known = prof.profiles(stored, exporter_ids())
    profile = known.get(name.strip())
    if profile is None:
        names = ", ".join(sorted(opt.shown(n) for n in known if n)) or "-"
        raise ExportError(N_("There is no export profile '{name}'. Saved profiles: {names}."),
                          code="export.unknown_profile", name=opt.shown(name), names=names)
    return profile


def options_from_args(args: argparse.Namespace, stored_profiles: Any = None) -> Options:
    """Worker options from the parsed command line; values not given come from
    ``--profile`` when one is named, else the defaults."""
    default = Options(formats=list(FORMAT_NAMES), output=args.output)
    provider, site_url = default.provider, default.site_url
    media_base_url, timezone, formats = default.media_base_url, "", ",".join(FORMAT_NAMES)
    if getattr(args, "profile", None):
        profile = saved_profile(args.profile, stored_profiles)
        provider, site_url = profile.provider, profile.site_url
        media_base_url, timezone = profile.media_base_url, profile.timezone
        formats = ",".join(profile.formats) or formats

    def given(name: str, fallback: Any) -> Any:
        value = getattr(args, name, None)
        return fallback if value is None else value

    return Options(
        formats=parse_formats(given("format", formats)), output=args.output,
        as_zip=not args.no_zip, overwrite=args.overwrite,
        site_url=given("site_url", site_url),
        media_base_url=given("media_base_url", media_base_url),
        relative_media=args.relative_media, publish_approved=args.publish_approved,
        provider=given("provider", provider), digits=args.digits, taxonomy=args.taxonomy,
        spelling=not args.no_spelling, web_renditions=args.web_renditions,
        timezone=given("timezone", timezone) or "", ui_lang=get_language())


def run(args: argparse.Namespace) -> ExitCode:
    """Export every file; print a per-file report; return the most serious exit code."""
    try:
        options = options_from_args(args)
        if options.taxonomy:  # a bad category file is wrong usage, found before any export
            from khabar_editor.article.taxonomy import load_taxonomy

            load_taxonomy(options.taxonomy)
    except KhabarError as exc:
        error_line(f"khabar export: {exc}")
        return ExitCode.USAGE
    except OSError as exc:
        error_line(f"khabar export: --taxonomy: {os_reason(exc)}")
        return ExitCode.USAGE
    results = export_files(args.files, options, jobs=args.jobs)
    if args.json:
        print_json([asdict(r) for r in results])
    else:
        for result in results:
            print_result(result)
    stopped = sum(r.code == ExitCode.INTERRUPTED for r in results)
    if stopped:
        error_line(_(MSG_INTERRUPTED_BATCH)
                   .format(done=len(results) - stopped, total=len(results), left=stopped))
    return worst_code(results)


def worst_code(results: list[FileResult]) -> ExitCode:
    """The most serious exit code among ``results``."""
    codes = {r.code for r in results}
    for code in SEVERITY_ORDER:
        if code in codes:
            return code
    return ExitCode.OK


def export_files(files: list[str], options: Options, jobs: int | None = None
                 ) -> list[FileResult]:
    """Export ``files`` (in parallel when several), results in input order.

    ``jobs``: worker processes (default: one per core).

    Ctrl-C stops the batch: files being written are finished (every bundle is
    written atomically), files not yet started get an ``export.interrupted`` result.
    """
    from khabar_editor.cli.parallel import default_jobs

    jobs = default_jobs() if jobs is None else max(1, jobs)
    results: dict[int, FileResult] = {}
    try:
        if len(files) == 1 or jobs == 1:
            for index, path in enumerate(progress(files, total=len(files), desc="export")):
                results[index] = export_one(path, options)
        else:
            _export_parallel(files, options, jobs, results)
    except KeyboardInterrupt:
        message = _(MSG_NOT_EXPORTED_INTERRUPTED)
        for index, path in enumerate(files):
            if index not in results:
                results[index] = FileResult(path).fail(ExitCode.INTERRUPTED,
                                                       "export.interrupted", message)
    return [results[i] for i in range(len(files))]


def _export_parallel(files: list[str], options: Options, jobs: int,
                     results: dict[int, FileResult]) -> None:
    from concurrent.futures import as_completed

    from khabar_editor.cli.parallel import forks, worker_pool

    if forks():
        _load_shared(options)  # once here, not once in every worker
    pool = worker_pool(min(jobs, len(files)))
    futures: dict[Future[FileResult], int] = {}
    try:
        futures = {pool.submit(export_one, f, options): i for i, f in enumerate(files)}
        for future in progress(as_completed(futures), total=len(files), desc="export"):
            results[futures[future]] = _collect(future, files[futures[future]])
    except KeyboardInterrupt:
        pool.shutdown(wait=True, cancel_futures=True)  # running files finish, no half files
        for future, index in futures.items():
            if future.done() and not future.cancelled() and index not in results:
                results[index] = _collect(future, files[index])
        raise
    finally:
        pool.shutdown(wait=True)


def _load_shared(options: Options) -> None:
    """Load what every export needs (exporters, and the Hindi word lists when spelling is
    counted) in this process, so that forked workers start with it instead of each
    loading it again."""
    from khabar_editor.exporters import build_bundle  # noqa: F401
    from khabar_editor.exporters import gate as gate_mod

    if options.spelling:
        gate_mod.preload("hi")


def _collect(future: Future[FileResult], path: str) -> FileResult:
    try:
        return future.result()
    except Exception:  # noqa: BLE001 - a crashed worker is reported, not raised
        log.exception("Export worker failed for %s", path)
        return FileResult(path).fail(ExitCode.INTERNAL, "export.internal",
                                     _(N_("internal error (see the log file)")))


MAX_MEDIA_BYTES = 64 * 1024 * 1024


def _load(path: str) -> Any:
    from khabar_editor.package import load_article_file, new_package, read_package

    if Path(path).suffix.lower() not in {".md", ".txt", ".markdown"}:
        return read_package(path)
    pkg = new_package(load_article_file(path))
    pkg.media = _media_beside(Path(path), [m.file for m in pkg.article.media])
    return pkg


def _media_beside(article_path: Path, names: list[str]) -> dict[str, bytes]:
    """Photos of a loose ``.md`` article read from its folder (``media/<name>`` beside it).

    Only regular files inside that folder are read (no links, pipes or devices);
    anything else stays missing and the gate reports it.
    """
    from khabar_editor.package.files import read_limited
    from khabar_editor.package.spec import is_media_name

    root = article_path.resolve().parent
    media: dict[str, bytes] = {}
    for name in names:
        if not is_media_name(name) or root not in (root / name).resolve().parents:
            continue
        try:
            media[name] = read_limited(root / name, MAX_MEDIA_BYTES, follow=False)
        except PackageError:
            continue
    return media


def _context(options: Options) -> Any:
    from khabar_editor.article.taxonomy import load_taxonomy
    from khabar_editor.exporters import ExportContext

    return ExportContext(
        site_url=options.site_url, media_base_url=options.media_base_url,
        wxr_relative_media=options.relative_media, provider=options.provider,
        publish_approved=options.publish_approved, digits=options.digits,
        taxonomy=load_taxonomy(options.taxonomy) if options.taxonomy else None,
        check_spelling=options.spelling, web_renditions=options.web_renditions,
        timezone=options.timezone)


def export_one(path: str, options: Options) -> FileResult:
    """Read, gate, export and write one file; never raises for expected failures."""
    from khabar_editor.exporters import build_bundle
    from khabar_editor.exporters import gate as gate_mod

    if get_language() != options.ui_lang:  # worker processes start in the default language
        set_language(options.ui_lang)
    result = FileResult(path)
    try:
        pkg = _load(path)
    except (PackageError, KhabarError, OSError, UnicodeDecodeError) as exc:
        return result.fail(ExitCode.UNREADABLE, _error_code(exc, "export.unreadable"),
                           _reason(exc))
    try:
        context = _context(options)
        report = gate_mod.check(pkg, context.taxonomy, spelling=options.spelling)
        result.warnings = [w.to_json() for w in report.warnings]
        if not report.ok:
            result.errors = [e.to_json() for e in report.errors]
            return result.fail(ExitCode.ARTICLE_ERRORS, "export.refused", _(N_("export refused")))
        context.check_spelling = False  # counted above already
        bundle = build_bundle(pkg, options.formats, context)
        result.output = str(_write(bundle, options))
    except ExportError as exc:
        exit_code = ExitCode.IO_ERROR if exc.code == "export.exists" else ExitCode.ARTICLE_ERRORS
        result.fail(exit_code, exc.code, str(exc))
    except KhabarError as exc:
        result.fail(ExitCode.ARTICLE_ERRORS, exc.code, str(exc))
    except OSError as exc:
        reason = _(MSG_CANNOT_WRITE_TO).format(folder=options.output, reason=os_reason(exc))
        result.fail(ExitCode.IO_ERROR, "export.write_failed", reason)
    return result


def _error_code(exc: BaseException, default: str) -> str:
    return str(getattr(exc, "code", "") or default) if isinstance(exc, KhabarError) else default


def _write(bundle: Any, options: Options) -> Path:
    from khabar_editor.exporters.bundle import write_bundle, write_bundle_unique

    if options.overwrite:
        return write_bundle(bundle, options.output, as_zip=options.as_zip, overwrite=True)
    return write_bundle_unique(bundle, options.output, as_zip=options.as_zip)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, KhabarError):
        return str(exc)
    if isinstance(exc, OSError):
        return os_reason(exc)
    if isinstance(exc, UnicodeDecodeError):
        return _(MSG_NOT_UTF8)
    return str(exc)


def print_result(result: FileResult) -> None:
    """One line per file on stdout, problems indented below it.

    Files not started because of Ctrl-C are only counted (see :func:`run`).
    """
    if result.code == ExitCode.INTERRUPTED:
        return
    if result.code == ExitCode.OK:
        print(_(N_("OK       {file} -> {output}")).format(file=result.file, output=result.output))
    elif result.code == ExitCode.ARTICLE_ERRORS:
        print(_(N_("REFUSED  {file}: {reason}")).format(file=result.file, reason=result.message))
    else:
        print(_(N_("FAILED   {file}: {reason}")).format(file=result.file, reason=result.message))
    key = "message_hi" if get_language() == "hi" else "message"
    for label, items in ((_(N_("error")), result.errors), (_(N_("warning")), result.warnings)):
        for item in items:
            print(f"    {label}: {item.get(key) or item.get('message', '')}")

"""``khabar pack | unpack | info | validate``: package commands (headless, no Qt)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from khabar_editor.cli.common import ExitCode, error_line, print_json
from khabar_editor.cli.options import MAX_JOBS, path_option, whole_number
from khabar_editor.i18n import N_, _

if TYPE_CHECKING:
    from khabar_editor.article.taxonomy import Taxonomy
    from khabar_editor.errors import PackageError
    from khabar_editor.problems import Problem

# The package, article and validation modules are imported by the commands that use
# them, so ``khabar --help`` and the other commands do not pay for them.

def register(subparsers: Any) -> None:
    """Add the ``pack``, ``unpack``, ``info`` and ``validate`` subcommands."""
    p = subparsers.add_parser("pack", help=_(N_("make a .khabar package from an article file")))
    p.add_argument("article", type=path_option, metavar="ARTICLE.md",
                   help=_(N_("article text: YAML front matter + Markdown")))
    p.add_argument("--media", type=path_option, metavar="DIR",
                   help=_(N_("folder holding the photos named in the front matter "
                             "(default: the article's folder)")))
    p.add_argument("--wordlist", type=path_option, metavar="FILE",
                   help=_(N_("newsroom word list to include (one word per line)")))
    p.add_argument("-o", "--output", type=path_option, required=True, metavar="OUT.khabar",
                   help=_(N_("the package file to write")))
    p.add_argument("--force", action="store_true", help=_(N_("overwrite an existing file")))
    p.set_defaults(func=cmd_pack)

    p = subparsers.add_parser("unpack", help=_(N_("check a package and unpack it into a folder")))
    p.add_argument("file", type=path_option, metavar="FILE.khabar", help=_(N_("the package to read")))
    p.add_argument("-o", "--output", type=path_option, required=True, metavar="DIR",
                   help=_(N_("an empty folder to unpack into")))
    p.add_argument("--force", action="store_true",
                   help=_(N_("write into a folder that is not empty")))
    p.set_defaults(func=cmd_unpack)

    p = subparsers.add_parser("info", help=_(N_("show what a package holds and whether it "
                                                 "is intact")))
    p.add_argument("file", type=path_option, metavar="FILE.khabar", help=_(N_("the package to read")))
    p.add_argument("--json", action="store_true", help=_(N_("print JSON")))
    p.set_defaults(func=cmd_info)

    p = subparsers.add_parser("validate", help=_(N_("check packages or article files for "
                                                     "errors")))
    p.add_argument("files", type=path_option, nargs="+", metavar="FILE",
                   help=_(N_(".khabar packages or .md article files")))
    p.add_argument("--json", action="store_true", help=_(N_("print JSON")))
    p.add_argument("--taxonomy", type=path_option, metavar="FILE",
                   help=_(N_("newsroom category list (YAML)")))
    p.add_argument("-j", "--jobs", type=whole_number(1, MAX_JOBS), default=None,
                   help=_(N_("worker processes (default: one per core)")))
    p.set_defaults(func=cmd_validate)


# --- pack / unpack -----------------------------------------------------------

def _shown(path: Path) -> str:
    """A path as printed: terminal controls and undecodable bytes escaped."""
    from khabar_editor.package import spec

    return spec.shown(str(path), limit=None)


def _find_photo(name: str, folder: Path, number: int) -> bytes:
    from khabar_editor.package import spec
    from khabar_editor.package.files import read_limited

    spec.check_entry_name(name)
    if not spec.is_media_name(name):
        spec.fail("media_missing", N_("Photo {number} ('{file}') is not in the package."),
                  number=number, file=name)
    base = name[len(spec.MEDIA_PREFIX):]
    for candidate in (folder / base, folder / "media" / base):
        if candidate.is_symlink():
            # A link planted in a photo folder could pull any readable file
            # (keys, passwords) into a package that is then sent away.
            spec.fail("symlink", N_("'{file}' is a link; photos are only taken from "
                                    "regular files."), file=str(candidate))
        if candidate.exists():
            return read_limited(candidate, spec.MAX_MEDIA_BYTES, follow=False)
    spec.fail("media_not_found", N_("Photo {number} ('{file}') was not found in the folder "
                                    "'{folder}'."), number=number, file=name, folder=str(folder))


def cmd_pack(args: argparse.Namespace) -> ExitCode:
    """Build a package from an article file and its photos."""
    from khabar_editor.package import (
        PackageWriteError, load_article_file, new_package, spec, write_package,
    )
    from khabar_editor.textkit.words import count_words

    article = load_article_file(args.article)
    folder = args.media if args.media is not None else args.article.parent
    pkg = new_package(article)
    total = 0
    for number, item in enumerate(article.media, start=1):
        if item.file not in pkg.media:
            if len(pkg.media) + 5 > spec.MAX_ENTRIES:
                spec.fail("too_many_entries", N_("The package has too many files ({count}; "
                                                 "the limit is {limit})."),
                          count=len(article.media) + 5, limit=spec.MAX_ENTRIES)
            pkg.media[item.file] = _find_photo(item.file, folder, number)
            total += len(pkg.media[item.file])
        if total > spec.MAX_TOTAL_BYTES:  # stop reading before memory runs out
            spec.fail("too_large_total", N_("The package unpacks to more than {limit} bytes; "
                                            "refused."), limit=spec.MAX_TOTAL_BYTES)
    if args.wordlist is not None:
        pkg.wordlist = _read_wordlist(args.wordlist)
    if args.output.exists() and not args.force:
        error_line(_(N_("'{file}' already exists; use --force to overwrite it."))
                   .format(file=_shown(args.output)))
        return ExitCode.IO_ERROR
    try:
        write_package(args.output, pkg, who=article.byline.name, action="pack")
    except PackageWriteError as exc:
        error_line(str(exc))
        return ExitCode.IO_ERROR
    print(_(N_("Packed {file}: {words} words, {photos} photos.")).format(
        file=_shown(args.output), words=count_words(article.body), photos=len(article.media)))
    return ExitCode.OK


def _read_wordlist(path: Path) -> list[str]:
    from khabar_editor.package import spec
    from khabar_editor.package.files import read_limited

    data = read_limited(path, spec.MAX_TEXT_BYTES[spec.WORDLIST_NAME])
    try:
        return data.decode("utf-8-sig").splitlines()
    except UnicodeDecodeError:
        spec.fail("encoding", N_("'{name}' is not valid UTF-8 text."), name=path.name)


def cmd_unpack(args: argparse.Namespace) -> ExitCode:
    """Verify a package and write its files into a folder."""
    from khabar_editor.package import PackageWriteError, unpack_package

    try:
        written = unpack_package(args.file, args.output, force=args.force)
    except PackageWriteError as exc:
        error_line(str(exc))
        return ExitCode.IO_ERROR
    print(_(N_("Unpacked {count} files into {folder}.")).format(
        count=len(written), folder=_shown(args.output)))
    return ExitCode.OK


# --- info --------------------------------------------------------------------

def _info(path: Path) -> dict[str, Any]:
    from khabar_editor.article.dateline import format_dateline
    from khabar_editor.article.taxonomy import default_taxonomy
    from khabar_editor.package import read_package
    from khabar_editor.package.manifest import revision_json
    from khabar_editor.textkit.words import count_words

    pkg = read_package(path)
    a = pkg.article
    category = default_taxonomy().get(a.category) if a.category else None
    return {
        "file": _shown(path),
        "format_version": pkg.format_version,
        "headline": a.headline,
        "deck": a.deck,
        "byline": {"name": a.byline.name, "role": a.byline.role},
        "dateline": {"place": a.dateline.place,
                     "date": a.dateline.date.isoformat() if a.dateline.date else None,
                     "text": format_dateline(a.dateline, a.language.value)},
        "place": {"city": a.place.city, "district": a.place.district,
                  "state": a.place.state, "country": a.place.country},
        "category": {"id": a.category,
                     "label": category.label(a.language.value) if category else a.category},
        "language": a.language.value,
        "status": a.status.value,
        "words": count_words(a.body),
        "photos": len(a.media),
        "size": _size(path),
        "has_original": pkg.original is not None,
        "revisions": [revision_json(r) for r in pkg.revisions],
        "revisions_dropped": pkg.revisions_dropped,
        "integrity": "ok",
        "problems": [p.to_json() for p in pkg.problems],
    }


def _size(path: Path) -> int:
    if path.is_dir():
        return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
    return path.stat().st_size


_INFO_LABELS = (
    ("headline", N_("Headline")), ("byline", N_("Byline")), ("dateline", N_("Dateline")),
    ("place", N_("Place")), ("category", N_("Category")), ("language", N_("Language")),
    ("status", N_("Status")), ("words", N_("Words")), ("photos", N_("Photos")),
    ("size", N_("Size (bytes)")), ("revisions", N_("Revisions")),
    ("integrity", N_("Integrity")),
)


def _info_text(info: dict[str, Any]) -> list[str]:
    place = ", ".join(v for v in info["place"].values() if v)
    byline = ", ".join(v for v in (info["byline"]["name"], info["byline"]["role"]) if v)
    last = info["revisions"][-1] if info["revisions"] else None
    values = {
        **info, "byline": byline, "dateline": info["dateline"]["text"], "place": place,
        "category": info["category"]["label"],
        "revisions": f"{len(info['revisions'])}" + (
            _(N_(" (+{count} older, not kept)")).format(count=info["revisions_dropped"])
            if info["revisions_dropped"] else "") + (
            f" ({last['when']}, {last['who'] or '-'}, {last['action']})" if last else ""),
        "integrity": _(N_("OK (all checksums match)")),
    }
    width = max(len(_(label)) for _key, label in _INFO_LABELS)
    lines = [f"{_(label).ljust(width)}  {values[key]}" for key, label in _INFO_LABELS]
    lines += [f"! {p['code']}: {p['message']}" for p in info["problems"]]
    return lines


def cmd_info(args: argparse.Namespace) -> ExitCode:
    """Show a package's metadata, size, revisions and integrity."""
    info = _info(args.file)
    if args.json:
        print_json(info)
    else:
        print("\n".join(_info_text(info)))
    return ExitCode.OK


# --- validate ----------------------------------------------------------------

def _unreadable(exc: PackageError) -> dict[str, Any]:
    from khabar_editor.problems import Severity

    return {"code": exc.code, "field": "", "severity": Severity.ERROR.value,
            "message": exc.message("en"), "message_hi": exc.message("hi")}


def validate_file(path: Path, taxonomy: Taxonomy | None = None) -> dict[str, Any]:
    """The ``validate --json`` object for one package or article file."""
    from khabar_editor.article.validate import validate_article
    from khabar_editor.errors import PackageError
    from khabar_editor.package import load_article_file, read_package
    from khabar_editor.package.files import ARTICLE_SUFFIXES
    from khabar_editor.problems import has_errors

    problems: list[Problem] = []
    try:
        if path.suffix.lower() in ARTICLE_SUFFIXES and not path.is_dir():
            article = load_article_file(path)
        else:
            pkg = read_package(path)
            article, problems = pkg.article, list(pkg.problems)
    except PackageError as exc:
        return {"file": _shown(path), "ok": False, "readable": False,
                "problems": [_unreadable(exc)], "_error": exc}
    problems += validate_article(article, taxonomy)
    return {"file": _shown(path), "ok": not has_errors(problems), "readable": True,
            "problems": [p.to_json() for p in problems], "_problems": problems}


def _result_lines(result: dict[str, Any]) -> list[str]:
    """The plain-text report of one ``validate_file`` result."""
    from khabar_editor.problems import Severity

    if result["ok"] and not result["problems"]:
        return [_(N_("{file}: OK")).format(file=result["file"])]
    lines = [_(N_("{file}: OK")).format(file=result["file"]) if result["ok"] else result["file"]]
    for item in result.get("_problems", []):
        lines.append(f"  {item.severity.value} [{item.code}] {item.field}: {item.message}")
    if not result["readable"]:
        exc = result["_error"]
        lines.append(f"  {Severity.ERROR.value} [{exc.code}]: {exc}")
    return lines


_taxonomies: dict[str, Taxonomy] = {}


def _import_validators() -> None:
    """Import what :func:`validate_file` needs (once, in the main process)."""
    import khabar_editor.article.validate  # noqa: F401
    import khabar_editor.package.files  # noqa: F401
    import khabar_editor.package.reader  # noqa: F401
    import khabar_editor.problems  # noqa: F401


def validate_task(task: tuple[Path, Path | None]) -> dict[str, Any]:
    """:func:`validate_file` as plain data (runs in a worker process for batches):
    the ``--json`` object plus ``_lines``, the plain-text report."""
    path, taxonomy_path = task
    taxonomy = None
    if taxonomy_path is not None:
        key = str(taxonomy_path)
        if key not in _taxonomies:
            from khabar_editor.article.taxonomy import load_taxonomy

            _taxonomies[key] = load_taxonomy(taxonomy_path)
        taxonomy = _taxonomies[key]
    result = validate_file(path, taxonomy)
    lines = _result_lines(result)
    return {**{k: v for k, v in result.items() if not k.startswith("_")}, "_lines": lines}


def cmd_validate(args: argparse.Namespace) -> ExitCode:
    """Validate packages and article files; exit 3 if any is unreadable, 1 if any has errors.

    Many files are spread over the cores; the report keeps the input order.
    """
    from khabar_editor.cli.parallel import map_files
    from khabar_editor.package.entries import open_regular

    _import_validators()  # before the workers start: they inherit the modules
    _taxonomies.clear()
    if args.taxonomy:
        from khabar_editor.article.taxonomy import load_taxonomy

        open_regular(args.taxonomy).close()  # a pipe or /dev/zero would hang or fill memory
        _taxonomies[str(args.taxonomy)] = load_taxonomy(args.taxonomy)  # bad file: fails here
    tasks = [(path, args.taxonomy) for path in args.files]
    results = list(map_files(validate_task, tasks, desc="validate",
                             jobs=getattr(args, "jobs", None)))
    if args.json:
        print_json([{k: v for k, v in r.items() if not k.startswith("_")} for r in results])
    else:
        for result in results:
            print("\n".join(result["_lines"]))
    if any(not r["readable"] for r in results):
        return ExitCode.UNREADABLE
    if any(not r["ok"] for r in results):
        return ExitCode.ARTICLE_ERRORS
    return ExitCode.OK

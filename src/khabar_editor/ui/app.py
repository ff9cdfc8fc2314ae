"""GUI entry point: ``khabar-editor [FILE]`` and ``python -m khabar_editor``.

Start-up is kept light (imports are deferred where they are not needed for the
first paint): settings and language first, then the QApplication, the bundled
font, the window; crash recovery is offered once the window is on screen, and
proofing dictionaries load in a worker thread after that.

Environment hooks for tests and benchmarks (never used in normal runs):
``KHABAR_TEST_TYPE`` types the given text into the editor after start-up;
``KHABAR_BENCH_READY`` prints ``READY`` once the window is interactive, and
``KHABAR_BENCH_EXIT`` then quits; ``KHABAR_SMOKE=<dir>`` proofs, exports and exits
(``ui/smoke.py``, used on the built bundle).
"""

from __future__ import annotations

import gc
import logging
import os
import sys
from pathlib import Path

log = logging.getLogger(__name__)


# Qt's own command-line options that take a value (QGuiApplication / QApplication).
_QT_VALUE_OPTIONS = {"-platform", "-platformpluginpath", "-platformtheme", "-plugin", "-style",
                     "-stylesheet", "-qwindowgeometry", "-qwindowtitle", "-qwindowicon",
                     "-display", "-geometry", "-title", "-session", "-qmljsdebugger"}


def _without_qt_options(argv: list[str]) -> list[str]:
    out: list[str] = []
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg in _QT_VALUE_OPTIONS:
            skip = True
        elif not (arg.startswith("-") and not arg.startswith("--") and len(arg) > 2):
            out.append(arg)
    return out


class _Args:
    """The parsed command line: ``file``, ``lang``, ``new_instance``."""

    def __init__(self, file: str | None = None, lang: str | None = None,
                 new_instance: bool = False) -> None:
        self.file, self.lang, self.new_instance = file, lang, new_instance


def _parse_quick(argv: list[str]) -> _Args | None:
    """The usual command lines (``[FILE] [--lang en|hi] [--new-instance]``) without
    importing argparse; None for anything else (help, errors), which argparse handles."""
    args = _Args()
    rest = _without_qt_options(argv)
    i = 0
    while i < len(rest):
        arg = rest[i]
        if arg == "--new-instance":
            args.new_instance = True
        elif arg in ("--lang", "--lang=en", "--lang=hi"):
            if arg == "--lang":
                i += 1
                if i == len(rest) or rest[i] not in ("en", "hi"):
                    return None
                args.lang = rest[i]
            else:
                args.lang = arg.partition("=")[2]
        elif arg.startswith("-") or args.file is not None:
            return None  # "-", "--", help, unknown options, a second file: argparse decides
        else:
            args.file = arg
        i += 1
    return args


def _parse(argv: list[str]) -> _Args:
    quick = _parse_quick(argv)
    if quick is not None:
        return quick
    import argparse

    parser = argparse.ArgumentParser(prog="khabar-editor",
                                     description="Khabar Editor — write Hindi/Nepali news")
    parser.add_argument("file", nargs="?", help="a .khabar package, or a .md/.txt file to import")
    parser.add_argument("--lang", choices=("en", "hi"), help="interface language")
    parser.add_argument("--new-instance", action="store_true",
                        help="start a new window even if the editor is already running")
    args, _unknown = parser.parse_known_args(_without_qt_options(argv))
    return _Args(args.file, args.lang, args.new_instance)


def _install_translator(app: object, lang: str) -> None:
    if lang == "en":
        return
    from PySide6.QtCore import QLibraryInfo, QTranslator

    from khabar_editor.ui.qt_translations import GettextQtTranslator

    ours = GettextQtTranslator(lang, app)
    app.installTranslator(ours)  # type: ignore[attr-defined]
    app._khabar_translator = ours  # type: ignore[attr-defined]  # keep it alive
    translator = QTranslator(app)  # type: ignore[arg-type]
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(f"qtbase_{lang}", folder):
        app.installTranslator(translator)  # type: ignore[attr-defined]


def create_application(argv: list[str], lang: str, *, plain_labels: bool = True) -> object:
    """The QApplication with bundled fonts, Hindi-capable UI font and translator.

    ``plain_labels=False`` is the start-up path: the plain-text label guard is left to
    ``MainWindow.finish_startup`` (an application-wide Python event filter would see
    every event of the first paint's build), as is the binding guard (it imports ctypes;
    the few slot calls before the paint cannot matter)."""
    from PySide6.QtWidgets import QApplication

    from khabar_editor import APP_NAME
    from khabar_editor.ui.fonts import BUNDLED_FAMILY, load_bundled_fonts

    # The preview renders in a worker thread; a short GIL switch interval keeps
    # the GUI thread from waiting up to 5 ms each time it re-enters Python.
    sys.setswitchinterval(0.0005)
    if plain_labels:
        from khabar_editor.ui.binding_guard import make_singletons_immortal

        make_singletons_immortal()  # a leaking Qt binding must never abort the editor
    app = QApplication.instance() or QApplication(argv)
    app.setApplicationName(APP_NAME)
    app.setDesktopFileName("in.khabar.KhabarEditor")
    load_bundled_fonts()
    font = app.font()
    font.setFamilies([font.family(), BUNDLED_FAMILY])
    app.setFont(font)
    _install_translator(app, lang)
    if plain_labels:
        from khabar_editor.ui.plain_labels import install_plain_labels

        install_plain_labels(app)  # no label may load an <img> from the disk
    return app


def startup(window: object, file: str | None) -> None:
    """After the window is shown: name and role (first start), recovery offer, then the
    file or the sample."""
    from khabar_editor.app.sample import sample_package

    session = window.session  # type: ignore[attr-defined]
    window.desk.startup()  # type: ignore[attr-defined]  # who is working; signing key
    restored = session.offer_recovery()
    if not restored:
        if file:
            session.open(file)
        elif not window.state.sample_shown:  # type: ignore[attr-defined]
            session.load_package(sample_package(), None, dirty=False)
            window.state.sample_shown = True  # type: ignore[attr-defined]
    window.drop_early_text()  # type: ignore[attr-defined]  # shown early but not opened
    window.proofing.start() if window.settings.spell_check else None  # type: ignore[attr-defined]
    window.editor.setFocus()  # type: ignore[attr-defined]  # ready to type at once


EARLY_TEXT_SUFFIXES = (".md", ".markdown", ".txt")
EARLY_PACKAGE_SUFFIX = ".khabar"
EARLY_TEXT_MAX_BYTES = 4 * 1024 * 1024  # larger files wait for the full open (its own limit)
_EARLY_ZIP_MAX_ENTRIES = 1000  # as package.spec's MAX_ENTRIES (the open enforces it)
_EARLY_ZIP_MAX_DIRECTORY = 1024 * 1024  # package.spec's MAX_DIRECTORY_BYTES
SAMPLE_ARTICLE = Path(__file__).resolve().parent.parent / "data" / "sample" / "sample-hi.md"


def early_text(file: str | None) -> str | None:
    """The body of a plain ``.md``/``.txt`` file or of a ``.khabar`` package's
    ``article.md``, read quickly for the first paint.

    Only the body (after any front matter). None when the file needs the full open (too
    large, not UTF-8, unreadable, not a package this quick look can trust): the session's
    open then shows it, and reports any error. Whatever this returns, the open that
    follows replaces it if the article's body turns out different.
    """
    if not file:
        return None
    suffix = Path(file).suffix.lower()
    if suffix in EARLY_TEXT_SUFFIXES:
        data = _read_bounded(file)
    elif suffix == EARLY_PACKAGE_SUFFIX:
        data = _package_article(file)
    else:
        return None
    return None if data is None else _body(data)


def early_sample_text() -> str | None:
    """The sample article's body (the first start shows it), read quickly."""
    data = _read_bounded(str(SAMPLE_ARTICLE))
    return None if data is None else _body(data)


def _read_bounded(file: str) -> bytes | None:
    try:
        with open(file, "rb") as handle:
            data = handle.read(EARLY_TEXT_MAX_BYTES + 1)
    except OSError:
        return None
    return None if len(data) > EARLY_TEXT_MAX_BYTES else data


def _package_article(file: str) -> bytes | None:
    """``article.md`` of a package (a zip, or a package folder), if small and plain."""
    if os.path.isdir(file):
        return _read_bounded(os.path.join(file, "article.md"))
    import struct
    import zipfile

    try:
        with open(file, "rb") as handle:
            # The end-of-directory record: refuse archives whose table of contents
            # alone would take long to read (the open reports them properly).
            size = handle.seek(0, os.SEEK_END)
            handle.seek(max(0, size - 65_557))
            tail = handle.read()
            at = tail.rfind(b"PK\x05\x06")
            if at == -1 or len(tail) - at < 22:
                return None
            entries, directory = struct.unpack("<HI", tail[at + 10:at + 16])
            if entries > _EARLY_ZIP_MAX_ENTRIES or directory > _EARLY_ZIP_MAX_DIRECTORY:
                return None
            handle.seek(0)
            with zipfile.ZipFile(handle) as archive:
                info = archive.getinfo("article.md")
                if info.file_size > EARLY_TEXT_MAX_BYTES or info.flag_bits & 0x1:
                    return None
                with archive.open(info) as member:
                    data = member.read(EARLY_TEXT_MAX_BYTES + 1)
    except Exception:  # noqa: BLE001 - any damage: the full open reads and reports it
        return None
    return None if len(data) > EARLY_TEXT_MAX_BYTES else data


def _body(data: bytes) -> str | None:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    # Line ends as the open will make them. Not NFC-normalized here (a few ms on a long
    # article): text saved by editors is NFC already, and when it is not, the open
    # (which normalizes) shows its own text right after the first paint.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.startswith("---\n"):  # front matter: the body follows the closing fence
        end = text.find("\n---\n", 3)
        return None if end == -1 else text[end + 5:]
    return text


def _test_hooks(window: object) -> None:
    """Environment-driven hooks for the SIGKILL test and the start-up benchmark."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    text = os.environ.get("KHABAR_TEST_TYPE")
    if text:
        editor = window.editor  # type: ignore[attr-defined]
        QTimer.singleShot(200, lambda: editor.insertPlainText(text))
    if os.environ.get("KHABAR_BENCH_READY"):
        QApplication.processEvents()
        print("READY", flush=True)
        if os.environ.get("KHABAR_BENCH_EXIT"):
            os._exit(0)
    if os.environ.get("KHABAR_SMOKE"):  # scripts/smoke-bundle.sh: proof, export, exit
        from khabar_editor.ui.smoke import run_smoke

        run_smoke(window, os.environ["KHABAR_SMOKE"])


def _import_qt_free_modules() -> None:
    """Import the Qt-free modules the first paint needs before PySide6 itself.

    Once loaded, PySide6 reads the source of every module imported after it (looking
    for its "feature" imports): ~0.3-2 ms a module. These (the editor's word counts,
    the highlighter's grapheme positions, the regex module) are needed either way.
    """
    import khabar_editor.textkit.counts  # noqa: F401 - with textkit.words and regex
    import khabar_editor.ui.textpos  # noqa: F401 - Qt-free


def main(argv: list[str] | None = None) -> int:
    """Run the editor; returns the exit code.

    Only what the first paint needs runs before it: the settings, the QApplication with
    the bundled font, the window's frame (menus, toolbars, panels' places) and the editor
    with the file's text. The log file, the session, the panels and the single-instance
    listener come right after it (``MainWindow.finish_startup`` and ``start`` below).
    """
    # No collections while the start-up builds thousands of objects that all live on;
    # collected and frozen once the whole window is built (finish_startup).
    gc.disable()
    argv = list(sys.argv if argv is None else argv)
    args = _parse(argv[1:])
    from khabar_editor import i18n
    from khabar_editor.logsetup import buffer_early_records, setup_logging
    from khabar_editor.settings import load_settings, load_state

    buffer_early_records()  # the log file is opened after the first paint
    settings, state = load_settings(), load_state()
    lang = i18n.set_language(args.lang or settings.ui_language or None)
    file = str(Path(args.file).resolve()) if args.file else None
    _import_qt_free_modules()
    from khabar_editor.ui import single_instance  # the first import of PySide6

    if not args.new_instance and single_instance.send_to_running([file] if file else []):
        setup_logging()
        return 0  # the running editor opens the file (single instance)
    app = create_application(argv, lang, plain_labels=False)  # finish_startup installs it
    from khabar_editor.ui.main_window import MainWindow

    # First paint: the editor with the file's text when it can be read at once, in the
    # window's final frame; the rest of the window is built right after it.
    window = MainWindow(settings, state, defer=True)
    text = early_text(file) if file else None if state.sample_shown else early_sample_text()
    if text is not None:
        window.show_text_early(text)
    window.show()
    from PySide6.QtCore import QTimer

    def start() -> None:
        from khabar_editor.ui.dialogs import install_excepthook

        # The window is built (finish_startup): what it holds lives as long as the editor,
        # so later collections need not walk it again. First thing: nothing below may
        # leave the collector off, and startup() may open a dialog.
        gc.freeze()
        gc.enable()
        setup_logging()
        install_excepthook()
        single_instance.install(window)  # later launches open their file here
        startup(window, file)
        QTimer.singleShot(0, lambda: _test_hooks(window))

    window.finish_after_first_paint(then=start)
    return app.exec()  # type: ignore[attr-defined]

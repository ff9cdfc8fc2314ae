"""Start-up fast paths (#15 item 2): what runs before the first paint, and that it is safe."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from khabar_editor.app.sample import sample_article, sample_package
from khabar_editor.package import write_package
from khabar_editor.ui.app import _parse, early_sample_text, early_text

ARTICLE = "# कोसी नदी का जलस्तर घटा\n\nपिछले दो दिनों में लगभग चालीस सेंटीमीटर।\n"

# Not imported before the first paint (they cost start-up time and are not needed then).
NOT_BEFORE_PAINT = ("argparse", "logging.handlers", "uuid", "platformdirs", "hashlib",
                    "importlib.resources", "khabar_editor.ui.format_actions",
                    "khabar_editor.ui.plain_labels", "khabar_editor.fsutil", "PySide6.QtNetwork",
                    "ctypes", "regex", "khabar_editor.textkit.words",
                    "khabar_editor.ui.binding_guard")


def test_package_body_is_read_early_and_matches_the_full_open(tmp_path):
    """A .khabar package's body is shown at once, the same text the session opens."""
    path = tmp_path / "sample.khabar"
    write_package(path, sample_package(), who="test")
    assert early_text(str(path)) == sample_article().body


def test_package_folder_body_is_read_early(tmp_path):
    """A package kept as a folder: its article.md body."""
    folder = tmp_path / "story.khabar"
    folder.mkdir()
    (folder / "article.md").write_text("---\nheadline: x\n---\n" + ARTICLE, encoding="utf-8")
    assert early_text(str(folder)) == ARTICLE


def test_damaged_or_hostile_packages_are_left_to_the_full_open(tmp_path):
    """No early text for archives the quick look cannot trust; the open reports them."""
    truncated = tmp_path / "truncated.khabar"
    good = tmp_path / "good.khabar"
    write_package(good, sample_package(), who="test")
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    many = tmp_path / "many.khabar"  # a table of contents longer than a package may have
    with zipfile.ZipFile(many, "w") as archive:
        archive.writestr("article.md", ARTICLE)
        for n in range(1001):
            archive.writestr(f"media/{n}.txt", "")
    big = tmp_path / "big.khabar"  # article.md over the early limit (a zip bomb's shape)
    with zipfile.ZipFile(big, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("article.md", "क" * (2 * 1024 * 1024))
    no_article = tmp_path / "none.khabar"
    with zipfile.ZipFile(no_article, "w") as archive:
        archive.writestr("manifest.json", "{}")
    not_utf8 = tmp_path / "latin.khabar"
    with zipfile.ZipFile(not_utf8, "w") as archive:
        archive.writestr("article.md", b"\xff\xfe\x00bad")
    for path in (truncated, many, big, no_article, not_utf8):
        assert early_text(str(path)) is None, path.name


def test_first_start_sample_body_is_read_early():
    """The first start paints the sample article's body before the session loads it."""
    assert early_sample_text() == sample_article().body


@pytest.mark.parametrize(("argv", "expected"), [
    (["a.md"], ("a.md", None, False)),
    (["--lang", "hi", "a.md"], ("a.md", "hi", False)),
    (["--lang=en", "--new-instance"], (None, "en", True)),
    (["-qwindowgeometry", "800x600+0+0", "a.md", "-reverse"], ("a.md", None, False)),
    ([], (None, None, False)),
])
def test_usual_command_lines_parse_without_argparse(argv, expected):
    """The usual command lines (file, --lang, --new-instance, Qt's options) parse alike."""
    args = _parse(argv)
    assert (args.file, args.lang, args.new_instance) == expected


def test_unusual_command_lines_still_get_argparse(capsys):
    """Help and bad values still go through argparse (its messages, its exit)."""
    with pytest.raises(SystemExit):
        _parse(["--help"])
    assert "--new-instance" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        _parse(["--lang", "fr"])


def test_records_logged_before_the_log_file_opens_are_written_to_it(tmp_path, monkeypatch):
    """Nothing logged during start-up is lost by opening the log file after the paint."""
    monkeypatch.setenv("KHABAR_LOG_DIR", str(tmp_path))
    code = ("import logging; from khabar_editor import logsetup; "
            "logsetup.buffer_early_records(); "
            "logging.getLogger('khabar_editor.x').warning('early %s', 'बात'); "
            "logsetup.setup_logging(); "
            "logging.getLogger('khabar_editor.x').warning('late')")
    subprocess.run([sys.executable, "-c", code], check=True, env=os.environ.copy())
    text = (tmp_path / "khabar.log").read_text(encoding="utf-8")
    assert text.index("early बात") < text.index("late")


def test_settings_load_does_not_make_an_installation_id(tmp_path):
    """Reading saved settings keeps their id and imports no uuid (start-up path)."""
    (tmp_path / "settings.json").write_text(json.dumps(
        {"version": 3, "user_id": "ab" * 16, "user_name": "x"}), encoding="utf-8")
    code = ("import sys, json; from khabar_editor.settings import load_settings; "
            f"s = load_settings(__import__('pathlib').Path({str(tmp_path)!r})); "
            "print(json.dumps([s.user_id, 'uuid' in sys.modules]))")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                         text=True).stdout
    assert json.loads(out) == ["ab" * 16, False]


def test_first_paint_imports_only_what_it_needs(tmp_path):
    """A real start, stopped at the first paint, has not imported the modules that
    the paint does not need (they load right after it)."""
    article = tmp_path / "a.md"
    article.write_text(ARTICLE, encoding="utf-8")
    config = tmp_path / "config"
    config.mkdir()
    (config / "state.json").write_text(json.dumps({"sample_shown": True}), encoding="utf-8")
    (config / "settings.json").write_text(json.dumps(  # a returning user's
        {"version": 3, "user_id": "cd" * 16, "user_name": "x", "identity_confirmed": True}),
        encoding="utf-8")
    code = f"""
import json, os, sys
import PySide6.QtWidgets  # what PySide6's own start-up imports does not count
import khabar_editor.ui.first_paint as fp
PRELOADED = set(sys.modules)
fp_watch = fp.after_first_paint
def watch(widget, run, fallback_ms=1000):
    def report():
        new = set(sys.modules) - PRELOADED
        print(json.dumps([n for n in {list(NOT_BEFORE_PAINT)!r} if n in new]), flush=True)
        os._exit(0)
    fp_watch(widget, report, fallback_ms)
fp.after_first_paint = watch
from khabar_editor.ui.app import main
main(["khabar-editor", {str(article)!r}])
"""
    assert _editor_report(code, tmp_path, config) == []


def test_text_not_in_nfc_is_replaced_by_the_opened_article(qtbot, khabar_dirs, answered,
                                                           tmp_path):
    """The early text is not normalized; the open right after the paint shows the
    normalized article (decomposed é and ऩ become composed)."""
    import unicodedata

    from khabar_editor.app.recovery import RecoveryStore
    from khabar_editor.settings import Settings, State
    from khabar_editor.ui.app import create_application, startup
    from khabar_editor.ui.main_window import MainWindow

    decomposed = unicodedata.normalize("NFD", "# क़िला café\n\nयह ख़बर है: ऩ\n")
    assert decomposed != unicodedata.normalize("NFC", decomposed)
    path = tmp_path / "nfd.md"
    path.write_text(decomposed, encoding="utf-8")
    assert early_text(str(path)) == decomposed
    create_application(["test"], "en")
    window = MainWindow(Settings(spell_check=False, theme="light"), State(sample_shown=True),
                        RecoveryStore(khabar_dirs / "recovery"), defer=True)
    qtbot.addWidget(window)
    window.show_text_early(early_text(str(path)))
    window.show()
    done: list[int] = []
    window.finish_after_first_paint(then=lambda: (startup(window, str(path)), done.append(1)))
    qtbot.waitUntil(lambda: bool(done), timeout=10000)
    assert window.editor.toPlainText() == window.session.article.body
    assert window.session.article.body == unicodedata.normalize("NFC", decomposed)


def test_collector_is_back_on_and_the_built_window_frozen_after_start(tmp_path):
    """gc is off only during the start: on (with the built window frozen) once it is done."""
    config = tmp_path / "config"
    config.mkdir()
    (config / "state.json").write_text(json.dumps({"sample_shown": True}), encoding="utf-8")
    (config / "settings.json").write_text(json.dumps(
        {"version": 3, "user_id": "cd" * 16, "user_name": "x", "identity_confirmed": True,
         "spell_check": False}), encoding="utf-8")
    code = """
import gc, json, os
from khabar_editor.ui import app
def report(window):
    print(json.dumps([gc.isenabled(), gc.get_freeze_count() > 0]), flush=True)
    os._exit(0)
app._test_hooks = report
app.main(["khabar-editor"])
"""
    assert _editor_report(code, tmp_path, config) == [True, True]


def _editor_report(code: str, tmp_path: Path, config: Path) -> object:
    """Run ``code`` (which starts the editor) offscreen in a child with its own folders;
    the JSON on its last output line."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KHABAR_CONFIG_DIR": str(config),
           "KHABAR_DATA_DIR": str(tmp_path / "data"), "KHABAR_LOG_DIR": str(tmp_path / "log"),
           "XDG_RUNTIME_DIR": str(tmp_path / "run")}
    (tmp_path / "run").mkdir(mode=0o700)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=env, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    return json.loads(out.stdout.strip().splitlines()[-1])

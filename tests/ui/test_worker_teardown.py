"""No Qt object is left for the cyclic garbage collector to delete on a worker thread.

Python's collector runs on whichever thread crosses its allocation threshold; in the
editor that is often the preview worker converting Markdown (or the autosave writer,
or the proofing build). A live, Python-owned Qt object that is only reachable through
a reference cycle (a helper holding the window, the window holding the helper) is
deleted by that collection, so a QObject or a QWidget would be destroyed off the GUI
thread, while the GUI thread runs Qt without the interpreter lock: a segfault under
load (seen in test_main_window and its neighbours). Every such object must have a Qt
parent, so Qt deletes it with the window on the GUI thread and the collector only
drops a wrapper.
"""

from __future__ import annotations

import gc
import threading

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt

from tests.ui.conftest import type_text


def _live_python_owned_qobjects_in_cycles() -> list[str]:
    """Qt objects the next collection would delete, whatever thread it runs on."""
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        gc.collect()
        found = []
        for obj in gc.garbage:
            if (isinstance(obj, QObject) and shiboken6.isValid(obj)
                    and shiboken6.ownedByPython(obj)):
                found.append(f"{type(obj).__module__}.{type(obj).__qualname__}")
        return found
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.collect()


def _open_type_and_close(folder, watch=None) -> None:
    """A whole main window (preview, proofing, phonetic input, language switch), used and closed."""
    from khabar_editor.app.recovery import RecoveryStore
    from khabar_editor.settings import Settings, State
    from khabar_editor.ui.main_window import MainWindow

    window = MainWindow(Settings(spell_check=False, theme="light"), State(sample_shown=True),
                        RecoveryStore(folder / "recovery"))
    window.resize(1000, 700)
    window.show()
    type_text(window.editor, "ज़िले में राहत कार्य जारी।")
    window.preview.render_now()
    window.preview.wait_idle()
    QCoreApplication.processEvents()
    if watch is not None:
        watch(window)
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_closed_window_leaves_no_qt_object_to_the_collector(qapp, khabar_dirs, answered):
    """Everything the window made is deleted with it by Qt, not later by the collector."""
    from khabar_editor.ui.app import create_application

    create_application(["test"], "en")
    gc.collect()
    _live_python_owned_qobjects_in_cycles()  # earlier tests' leftovers are not this one's
    _open_type_and_close(khabar_dirs)
    assert _live_python_owned_qobjects_in_cycles() == []


def test_a_collection_on_a_worker_thread_deletes_no_qt_object_of_a_closed_window(
        qapp, khabar_dirs, answered):
    """The crash itself: the collector run by another thread, right after a window closed.

    Before the fix the phonetic candidate popup (a top-level widget) and the two relays
    were destroyed on that thread.
    """
    from khabar_editor.ui.app import create_application

    create_application(["test"], "en")
    gc.collect()
    where: list[tuple[str, str]] = []

    def watch(window) -> None:
        helpers = {"phonetic popup": window.phonetic.popup,
                   "proofing relay": window.proofing._relay,
                   "language relay": window.language_switch._relay}
        for name, obj in helpers.items():
            obj.destroyed.connect(
                lambda *_a, n=name: where.append((n, threading.current_thread().name)),
                Qt.ConnectionType.DirectConnection)

    _open_type_and_close(khabar_dirs, watch)
    worker = threading.Thread(target=gc.collect, name="worker")
    worker.start()
    worker.join()
    assert sorted(where) == [("language relay", "MainThread"), ("phonetic popup", "MainThread"),
                             ("proofing relay", "MainThread")]

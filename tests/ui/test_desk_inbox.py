"""The inbox window: background scan, hostile packages, new arrivals, search, sort, export."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from khabar_editor.article.model import Status
from tests.ui.desk_helpers import desk_answers, story, write_story  # noqa: F401 - fixture

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile"


@pytest.fixture
def inbox(qtbot, khabar_dirs):
    """Open inbox windows on folders; waits until the first scan is over."""
    from khabar_editor.ui.app import create_application
    from khabar_editor.ui.inbox_window import InboxWindow

    create_application(["test"], "en")
    made = []

    def make(folder: Path) -> InboxWindow:
        window = InboxWindow(None)
        qtbot.addWidget(window)
        made.append(window)
        window.set_folder(folder)
        qtbot.waitUntil(lambda: not window.is_scanning(), timeout=20000)
        return window

    yield make
    for window in made:
        window.close()


def _rows(window):
    from khabar_editor.ui.inbox_window import COLUMNS

    proxy = window.proxy
    return [{key: proxy.index(r, c).data() for c, (key, _l) in enumerate(COLUMNS)}
            for r in range(proxy.rowCount())]


def test_hostile_packages_are_listed_with_their_reason(inbox, tmp_path):
    """Every hostile package is a row naming its problem; none crashes the view or opens."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    hostile = sorted(HOSTILE.glob("*.khabar"))
    for path in hostile:
        shutil.copyfile(path, folder / path.name)
    write_story(folder / "good.khabar", story())
    window = inbox(folder)
    assert window.model.rowCount() == len(hostile) + 1
    entries = window.model.entries
    bad = [e for e in entries if e.integrity.value in ("corrupt", "unsafe")]
    assert len(bad) >= len(hostile) // 2
    for entry in bad:
        assert entry.problem, entry.path.name
        row = window.model.entries.index(entry)
        shown = window.model.index(row, 0).data()
        assert entry.path.name in shown and entry.problem in shown
    opened = []
    window.open_requested.connect(opened.append)
    for entry in bad:
        row = window.model.entries.index(entry)
        window._open_index(window.proxy.mapFromSource(window.model.index(row, 0)))
    assert opened == []
    good = next(e for e in entries if e.path.name == "good.khabar")
    window._open_index(window.proxy.mapFromSource(
        window.model.index(entries.index(good), 0)))
    assert opened == [str(folder / "good.khabar")]


def test_new_file_dropped_into_the_folder_appears(inbox, qtbot, tmp_path):
    """A package written into the watched folder shows up without a manual refresh."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    write_story(folder / "first.khabar", story())
    window = inbox(folder)
    assert window.model.rowCount() == 1
    write_story(folder / "second.khabar", story(headline="नदी का जलस्तर बढ़ा"))
    qtbot.waitUntil(lambda: window.model.rowCount() == 2, timeout=10000)
    assert "नदी का जलस्तर बढ़ा" in [r["headline"] for r in _rows(window)]
    (folder / "first.khabar").unlink()
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=10000)


def test_rows_arrive_in_batches_while_scanning(inbox, qtbot, tmp_path):
    """A big folder is delivered in several batches, so the first rows show early."""
    from khabar_editor.ui import inbox_window

    folder = tmp_path / "inbox"
    folder.mkdir()
    first = write_story(folder / "p000.khabar", story())
    for i in range(1, 120):
        shutil.copyfile(first, folder / f"p{i:03}.khabar")
    window = inbox_window.InboxWindow(None)
    qtbot.addWidget(window)
    batches = []
    window._signals.batch.connect(lambda _g, entries: batches.append(len(entries)))
    window.set_folder(folder)
    qtbot.waitUntil(lambda: not window.is_scanning(), timeout=20000)
    assert sum(batches) == 120 and len(batches) >= 120 // inbox_window.BATCH_ROWS
    assert max(batches) <= inbox_window.BATCH_ROWS
    window.close()


def test_search_ignores_nukta_and_filters_combine(inbox, tmp_path):
    """ज़िला finds जिला; status and integrity filters narrow the list; the count follows."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    write_story(folder / "a.khabar", story(headline="ज़िला अस्पताल में नई मशीन"))
    write_story(folder / "b.khabar", story(headline="राज्य बजट पेश", status=Status.APPROVED))
    shutil.copyfile(HOSTILE / "truncated.khabar", folder / "c.khabar")
    window = inbox(folder)
    window.search.setText("जिला")
    assert [r["headline"] for r in _rows(window)] == ["ज़िला अस्पताल में नई मशीन"]
    assert window.count_label.text() == "1 of 3 packages"
    window.search.setText("")
    window.status_filter.setCurrentIndex(window.status_filter.findData("approved"))
    assert [r["headline"] for r in _rows(window)] == ["राज्य बजट पेश"]
    window.status_filter.setCurrentIndex(0)
    window.integrity_filter.setCurrentIndex(window.integrity_filter.findData("corrupt"))
    rows = _rows(window)
    assert len(rows) == 1 and rows[0]["headline"].startswith("c.khabar")


def test_words_column_sorts_as_numbers(inbox, tmp_path):
    """Sorting by words puts 9 before 10 (numbers, not text)."""
    from PySide6.QtCore import Qt

    from khabar_editor.ui.inbox_window import COLUMN_INDEX

    folder = tmp_path / "inbox"
    folder.mkdir()
    write_story(folder / "ten.khabar", story(headline="दस", body=" ".join(["शब्द"] * 10)))
    write_story(folder / "nine.khabar", story(headline="नौ", body=" ".join(["शब्द"] * 9)))
    window = inbox(folder)
    window.table.sortByColumn(COLUMN_INDEX["words"], Qt.SortOrder.AscendingOrder)
    assert [r["headline"] for r in _rows(window)] == ["नौ", "दस"]
    window.table.sortByColumn(COLUMN_INDEX["words"], Qt.SortOrder.DescendingOrder)
    assert [r["headline"] for r in _rows(window)] == ["दस", "नौ"]


def test_selected_packages_export_in_one_go(inbox, qtbot, tmp_path):
    """Two selected packages become two bundles; one the export gate refuses is listed as
    skipped, and a corrupt one is not offered at all."""
    from khabar_editor.ui.batch_export import BatchExportDialog

    folder = tmp_path / "inbox"
    folder.mkdir()
    write_story(folder / "a.khabar", story(headline="पहली ख़बर"))
    write_story(folder / "b.khabar", story(headline="दूसरी ख़बर"))
    shutil.copyfile(HOSTILE / "not_a_zip.khabar", folder / "c.khabar")
    undated = story(headline="बिना तारीख़")
    undated.dateline.date = None
    write_story(folder / "d.khabar", undated)
    window = inbox(folder)
    dialogs = []

    def export(paths):
        dialog = BatchExportDialog(window, paths)
        qtbot.addWidget(dialog)
        dialogs.append(dialog)

    window._export = export
    window.table.selectAll()
    assert window.export_button.isEnabled()
    window.export_selected()
    dialog = dialogs[0]
    assert sorted(p.name for p in dialog.paths) == ["a.khabar", "b.khabar", "d.khabar"]
    skipped = [dialog.problem_list.item(i).text() for i in range(dialog.problem_list.count())]
    assert len(skipped) == 1 and skipped[0].startswith("Skipped d.khabar: ")
    out = tmp_path / "out"
    out.mkdir()
    dialog.set_formats(["html", "ninjs"])
    dialog.set_destination(str(out))
    with qtbot.waitSignal(dialog.batch_done, timeout=20000) as done:
        dialog.export_button.click()
    written, failures = done.args
    assert len(written) == 2 and failures == []
    assert len(list(out.glob("*.zip"))) == 2

"""Who is working, the original kept once, and status changes with notes."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from khabar_editor.app import workflow
from khabar_editor.app.workflow import Identity, Role, WorkflowError
from khabar_editor.article.model import Article, Byline, Status
from khabar_editor.package import new_package, read_package, write_package

RAMESH = Identity("रमेश कुमार", Role.CORRESPONDENT, "a" * 32)
AMIT = Identity("अमित", Role.DESK, "b" * 32)


def _desk_save(path: Path, pkg) -> None:
    workflow.begin_desk_edit(pkg, AMIT)
    workflow.keep_original(pkg, AMIT)
    write_package(path, pkg, who=AMIT.who, who_id=AMIT.id, keep_original=True)


@pytest.fixture
def submitted(tmp_path: Path) -> Path:
    """A story the correspondent saved as submitted."""
    path = tmp_path / "s.khabar"
    pkg = new_package(Article(headline="कोसी", byline=Byline("रमेश कुमार"),
                              status=Status.SUBMITTED, body="पहला पाठ।\n"))
    write_package(path, pkg, who=RAMESH.who, who_id=RAMESH.id)
    return path


def test_original_is_exactly_what_arrived_and_never_rewritten(submitted: Path):
    """Desk save keeps the arrived bytes; later edits and approval leave them unchanged."""
    arrived = zipfile.ZipFile(submitted).read("article.md")
    pkg = read_package(submitted)
    assert workflow.is_received(pkg, AMIT) and not workflow.is_received(pkg, RAMESH)
    pkg.article.body = "डेस्क का पाठ।\n"
    _desk_save(submitted, pkg)
    assert zipfile.ZipFile(submitted).read("original/article.md") == arrived
    pkg = read_package(submitted)
    assert pkg.article.status is Status.IN_EDIT
    pkg.article.headline = "और बदला"
    _desk_save(submitted, pkg)
    pkg = read_package(submitted)
    workflow.transition(pkg, Status.APPROVED, actor=AMIT)
    _desk_save(submitted, pkg)
    assert zipfile.ZipFile(submitted).read("original/article.md") == arrived


def test_author_saving_own_story_keeps_no_original(submitted: Path):
    """The correspondent re-saving their own package stores no original."""
    pkg = read_package(submitted)
    pkg.article.body = "सुधारा।\n"
    write_package(submitted, pkg, who=RAMESH.who, who_id=RAMESH.id,
                  keep_original=workflow.is_received(pkg, RAMESH))
    assert read_package(submitted).original is None


def test_return_with_note_is_logged_and_seen_on_reopen(submitted: Path):
    """Returned needs a note; the note and the transition survive a save and reopen."""
    pkg = read_package(submitted)
    with pytest.raises(WorkflowError) as exc:
        workflow.transition(pkg, Status.RETURNED, actor=AMIT, note="  ")
    assert exc.value.code == "workflow.note_required" and pkg.article.status is Status.SUBMITTED
    workflow.transition(pkg, Status.RETURNED, actor=AMIT, note="स्रोत का नाम जोड़िए")
    write_package(submitted, pkg, who=AMIT.who, who_id=AMIT.id)
    reopened = read_package(submitted)
    note = workflow.latest_note(reopened)
    assert note is not None and (note.note, note.by, note.status) == (
        "स्रोत का नाम जोड़िए", "अमित", "returned")
    step = [r for r in reopened.revisions if r.action == "status"][-1]
    assert (step.who, step.from_status, step.to_status, step.note) == (
        "अमित", "submitted", "returned", "स्रोत का नाम जोड़िए")


def test_illegal_transition_is_refused_and_changes_nothing(submitted: Path):
    """draft -> approved is not allowed: a clear error in both languages, nothing changed."""
    pkg = new_package(Article(headline="x"))
    with pytest.raises(WorkflowError) as exc:
        workflow.transition(pkg, "approved", actor=AMIT)
    assert exc.value.code == "workflow.illegal" and "draft" in str(exc.value)
    assert exc.value.message("hi") != exc.value.message("en")
    assert pkg.article.status is Status.DRAFT and pkg.revisions == []
    with pytest.raises(WorkflowError):
        workflow.transition(pkg, "published", actor=AMIT)

"""The session records the user (never the byline) and does not adopt a received byline."""

from __future__ import annotations

import zipfile

from khabar_editor.article.model import Article, Byline, Status
from khabar_editor.package import new_package, read_package, write_package
from khabar_editor.settings import Settings, needs_identity


def test_desk_session_save_keeps_original_and_desk_defaults(session, view, tmp_path):
    """A desk save logs the desk user, keeps the original, moves to in-edit, keeps byline default."""
    path = tmp_path / "r.khabar"
    write_package(path, new_package(Article(headline="कोसी", byline=Byline("रमेश कुमार"),
                                            status=Status.SUBMITTED, body="पाठ।\n")),
                  who="रमेश कुमार", who_id="a" * 32)
    arrived = zipfile.ZipFile(path).read("article.md")
    session.settings.user_name, session.settings.user_role = "अमित", "desk"
    session.state.byline_name = "अमित"
    assert session.open(path) and session.is_received
    session.mark_changed()
    assert session.save()
    saved = read_package(path)
    assert saved.revisions[-1].who == "अमित" and saved.article.status is Status.IN_EDIT
    assert zipfile.ZipFile(path).read("original/article.md") == arrived
    assert session.state.byline_name == "अमित"
    assert needs_identity(Settings()) and not needs_identity(
        Settings(user_name="अमित", identity_confirmed=True))

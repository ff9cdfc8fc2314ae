"""The document session: open, save, dirty state, close, photos (fake view, no display)."""

from __future__ import annotations

import io
from pathlib import Path
from datetime import date

from PIL import Image

from khabar_editor.app.session import SaveChoice
from khabar_editor.package import read_package
from khabar_editor.settings import load_state

HINDI = "कोसी नदी का जलस्तर घटा। क्षत्रिय ज़िले में राहत।"


def test_new_session_is_clean_and_untitled(session):
    """A fresh session has no path, is not dirty and has an empty article."""
    assert session.path is None and not session.dirty
    assert session.article.body == ""
    assert session.display_name == "Untitled article"


def test_edit_marks_dirty_and_bumps_revision(session):
    """mark_changed sets the dirty flag and increases the revision."""
    before = session.revision
    session.mark_changed()
    assert session.dirty and session.revision == before + 1


def test_save_and_reopen_round_trip(session, view, tmp_path):
    """Save As writes a .khabar that reopens with the same body and metadata."""
    session.article.headline = "सहरसा में बाढ़"
    session.article.byline.name = "सुनीता कुमारी"
    session.article.dateline.date = date(2026, 11, 27)
    view.pending_body = HINDI
    session.mark_changed()
    view.save_path = tmp_path / "story"  # suffix is added
    assert session.save()
    target = tmp_path / "story.khabar"
    assert target.is_file() and session.path == target and not session.dirty
    pkg = read_package(target)
    assert pkg.article.body.strip() == HINDI
    assert pkg.article.headline == "सहरसा में बाढ़"
    assert str(target.resolve()) in load_state().recent_files
    assert load_state().byline_name == "सुनीता कुमारी"

    view.save_choice = SaveChoice.DISCARD
    assert session.new()
    assert session.open(target)
    assert session.article.body.strip() == HINDI and not session.dirty


def test_close_with_changes_asks_and_cancel_keeps_document(session, view):
    """Closing a dirty document asks; Cancel refuses to close."""
    session.mark_changed()
    view.save_choice = SaveChoice.CANCEL
    assert not session.close()
    assert view.asked_save == ["Untitled article"]
    view.save_choice = SaveChoice.DISCARD
    assert session.close()


def test_close_choosing_save_without_path_and_no_answer_stays_open(session, view):
    """Save chosen but no file name given: nothing is written, the window stays."""
    session.mark_changed()
    view.save_choice = SaveChoice.SAVE
    view.save_path = None
    assert not session.close()
    assert session.dirty


def test_open_bad_package_shows_message_and_keeps_document(session, view, tmp_path):
    """A corrupt .khabar gives a clear message, no exception, document unchanged."""
    bad = tmp_path / "bad.khabar"
    bad.write_bytes(b"not a zip at all")
    session.article.headline = "पहले वाली ख़बर"
    assert not session.open(bad)
    assert len(view.errors) == 1 and "Traceback" not in view.errors[0]
    assert session.article.headline == "पहले वाली ख़बर"


def test_open_missing_file_shows_message(session, view, tmp_path):
    """A file that does not exist gives a message naming it."""
    assert not session.open(tmp_path / "nope.khabar")
    assert view.errors and "nope.khabar" in view.errors[0]


def test_import_markdown_opens_as_new_unsaved_article(session, tmp_path):
    """Importing .md makes a modified article with no path (Save asks where)."""
    md = tmp_path / "story.md"
    md.write_text("# शीर्षक\n\n" + HINDI + "\n", encoding="utf-8")
    assert session.open(md)
    assert session.path is None and session.dirty
    assert HINDI in session.article.body


def test_insert_photo_shrinks_and_strips_gps(session, tmp_path):
    """A large photo with GPS EXIF is downscaled and stored without any EXIF."""
    img = Image.new("RGB", (4000, 3000), (200, 100, 50))
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (25.0, 52.0, 48.0)}  # GPSInfo
    exif[0x010F] = "PhoneMaker"
    src = tmp_path / "IMG_2041.JPG"
    img.save(src, exif=exif)
    assert b"PhoneMaker" in src.read_bytes()
    media = session.insert_photo(src, caption="राहत शिविर")
    assert media is not None and media.file == "media/img_2041.jpg"
    data = session.package.media[media.file]
    assert b"PhoneMaker" not in data
    with Image.open(io.BytesIO(data)) as out:
        assert max(out.size) == 1600
        assert not out.getexif()
    assert session.dirty and session.article.media[-1].caption == "राहत शिविर"


def test_insert_photo_rejects_non_image(session, view, tmp_path):
    """A text file given as a photo is refused with a message."""
    src = tmp_path / "notes.jpg"
    src.write_text("नमस्ते", encoding="utf-8")
    assert session.insert_photo(src) is None
    assert view.errors and session.article.media == []


def test_remove_photo_drops_bytes(session, tmp_path):
    """Removing the only reference to a photo removes its bytes from the package."""
    src = tmp_path / "a.png"
    Image.new("RGB", (10, 10)).save(src)
    session.insert_photo(src)
    session.remove_photo(0)
    assert session.article.media == [] and session.package.media == {}


def test_photo_exif_orientation_is_applied(session, tmp_path):
    """A portrait photo stored sideways with EXIF orientation 6 comes out upright."""
    img = Image.new("RGB", (300, 200), (10, 20, 30))
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to display
    src = tmp_path / "side.jpg"
    img.save(src, exif=exif)
    media = session.insert_photo(src)
    with Image.open(io.BytesIO(session.package.media[media.file])) as out:
        assert out.size == (200, 300)
        assert 0x0112 not in out.getexif()


def test_sample_package_carries_its_newsroom_words(tmp_path):
    """The sample's names and places are in its word list, so proofing finds no misspelling
    in any field the proofing panel checks (body, headline, deck, summary, captions, alt)."""
    from khabar_editor.app.sample import sample_package
    from khabar_editor.proofing import Proofreader

    package = sample_package()
    assert {"नवहट्टा", "महिषी", "रामकली"} <= set(package.wordlist)
    checker = Proofreader("hi", newsroom_words=package.wordlist,
                         personal=tmp_path / "words.txt")
    article = package.article
    texts = [article.body, article.headline, article.deck, article.summary,
             *(m.caption for m in article.media), *(m.alt for m in article.media)]
    spelling = [f.text for t in texts for f in checker.check_text(t) if f.kind == "spelling"]
    assert spelling == []


def test_unreadable_file_is_reported_before_asking_about_changes(session, view):
    """A hostile package names the file, asks nothing, and leaves the changed document as it was."""
    hostile = Path(__file__).resolve().parents[1] / "data" / "hostile" / "zip_slip_dotdot.khabar"
    session.article.headline = "मेरी ख़बर"
    session.mark_changed()
    assert not session.open(hostile)
    assert view.asked_save == []
    assert len(view.errors) == 1 and "zip_slip_dotdot.khabar" in view.errors[0]
    assert session.dirty and session.article.headline == "मेरी ख़बर"


def test_missing_recent_file_is_dropped_from_the_list(session, view, tmp_path):
    """A recent file that was moved or deleted is reported once and no longer offered."""
    gone = tmp_path / "gone.khabar"
    session.state.add_recent(gone)
    session.state.add_recent(tmp_path / "kept.khabar")
    assert not session.open(gone)
    assert view.errors and "gone.khabar" in view.errors[0]
    assert session.state.recent_files == [str(tmp_path / "kept.khabar")]


def test_revision_log_names_the_person_saving(session, view, tmp_path):
    """The person saving goes into the revision log; with no name "unknown", never the byline."""
    session.article.byline.name = "सुनीता कुमारी"
    view.pending_body = HINDI
    session.mark_changed()
    view.save_path = tmp_path / "a.khabar"
    assert session.save()
    session.settings.user_name = "डेस्क: अमित"
    session.mark_changed()
    assert session.save()
    whos = [r.who for r in read_package(tmp_path / "a.khabar").revisions]
    assert whos == ["unknown", "डेस्क: अमित"]

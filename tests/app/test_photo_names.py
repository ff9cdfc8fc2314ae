"""Photo names in the package are safe, unique and acceptable to the reader."""

from __future__ import annotations

from khabar_editor.app.photos import media_name
from khabar_editor.package.spec import check_entry_name


def test_names_are_ascii_unique_and_keep_the_extension():
    """Devanagari and spaces are dropped, clashes get a counter."""
    taken = {"media/img-2041.jpg"}
    assert media_name("/home/r/IMG 2041.JPG", ".jpg", taken) == "media/img-2041-2.jpg"
    assert media_name("बाढ़ फोटो.png", ".png", set()) == "media/photo.png"


def test_windows_device_names_are_avoided():
    """con.jpg would be refused by the reader on every system, so it is renamed."""
    name = media_name("CON.jpg", ".jpg", set())
    assert name == "media/photo-con.jpg"
    check_entry_name(name)  # raises if the reader would refuse it

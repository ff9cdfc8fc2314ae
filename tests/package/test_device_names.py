"""Windows device names are refused in every spelling Windows accepts (issue 13).

Windows compares the part of a name before its first dot, with trailing spaces
dropped, against CON, PRN, AUX, NUL, COM0-9, LPT0-9 (and ¹²³), CONIN$ and
CONOUT$, in any case and with any extension: "con .jpg" opens the console.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from khabar_editor.app.photos import media_name
from khabar_editor.article.model import Article, Media
from khabar_editor.errors import KhabarError, PackageError
from khabar_editor.package import new_package, read_package, write_package
from khabar_editor.package.spec import check_entry_name

RESOURCES_DIR = Path(__file__).resolve().parents[1] / "data" / "hostile" / "resources"

DEVICE_SPELLINGS = [
    "con.jpg", "con .jpg", "CON  .JPG", "AUX  .png", "aux", "Prn.txt", "nul. .txt", "nul..jpg",
    "NuL .tar.gz", "com0.jpg", "COM1 .jpg", "com9", "lpt0.png", "LPT9  .png",
    "com\u00b9.jpg", "COM\u00b2 .jpg", "lpt\u00b3.png", "LPT\u00b9  .x",
    "conin$.jpg", "CONIN$ .jpg", "conout$", "CONOUT$  .log",
    "\uff23\uff2f\uff2e .jpg",  # full-width letters: NFKC folds them to "CON"
]
NOT_DEVICES = ["console.jpg", "con-1.jpg", "com10.jpg", "lpt.png", "auxiliary .jpg",
               "nul_.jpg", "conin.jpg", "comx.jpg", "coin$.jpg"]


@pytest.mark.parametrize("base", DEVICE_SPELLINGS)
def test_device_names_are_refused_as_media_and_as_folders(base):
    """media/<device> and a <device> folder component are both unsafe names."""
    for name in (f"media/{base}", f"{base.rstrip(' .') or base}/article.md"):
        with pytest.raises(PackageError) as caught:
            check_entry_name(name)
        assert caught.value.code == "package.unsafe_path", name


@pytest.mark.parametrize("base", NOT_DEVICES)
def test_names_that_only_look_like_devices_are_accepted(base):
    """Longer names that start with a device name are ordinary files."""
    check_entry_name(f"media/{base}")


@pytest.mark.parametrize("name", sorted(p.name for p in RESOURCES_DIR.glob("device_*.khabar")))
def test_hostile_device_packages_are_refused(name):
    """Each device-name package in the corpus is refused, with a Hindi message too."""
    with pytest.raises(PackageError) as caught:
        read_package(RESOURCES_DIR / name)
    assert caught.value.code == "package.unsafe_path"
    assert caught.value.message("hi") != caught.value.message("en")


@pytest.mark.parametrize("base", ["con .jpg", "AUX  .png", "COM\u00b9 .jpg", "CONIN$ .jpg"])
def test_saving_a_device_named_photo_is_refused_and_writes_nothing(tmp_path, base):
    """The writer refuses what the reader would refuse: no file is left behind."""
    file = f"media/{base}"
    pkg = new_package(Article(headline="h", media=[Media(file=file, caption="c")]))
    pkg.media[file] = b"\xff\xd8\xff\xd9"
    with pytest.raises(KhabarError):
        write_package(tmp_path / "out.khabar", pkg)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("source", ["con .jpg", "AUX  .png", "nul..jpg", "COM1 .jpg",
                                    "lpt\u00b9.png", "CONIN$.jpg", "conout$ .png"])
def test_inserted_photos_never_get_a_device_name(source):
    """The name picked for an inserted photo is one the reader accepts."""
    name = media_name(Path("/tmp") / source, ".jpg", set())
    check_entry_name(name)
    assert name.startswith("media/") and name.endswith(".jpg")


def test_device_corpus_matches_generator():
    """The corpus names each device package with the code it must raise."""
    spec = importlib.util.spec_from_file_location("make_resources",
                                                  RESOURCES_DIR / "make_resources.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    devices = {n: c for n, c in module.RESOURCES.items() if n.startswith("device_")}
    assert devices and set(devices.values()) == {"package.unsafe_path"}

"""Generate tests/data/hostile/resources/: articles and packages that point outside the package.

Usage: ``python tests/data/hostile/resources/make_resources.py [OUT_DIR]``. The
output is deterministic. ``RESOURCES`` maps each file to what must happen when
it is read (``load_article_file`` for ``.md``, ``read_package`` for ``.khabar``):
the error code, or ``None`` when it opens (then every renderer must drop or
replace the hostile references, never read them).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _make_hostile():
    spec = importlib.util.spec_from_file_location("make_hostile", HERE.parents[1] / "make_hostile.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


FRONT = "---\nheadline: गोपनीय फ़ाइल\nbyline:\n  name: रमेश कुमार\nmedia:\n{media}---\n{body}"
PLAIN_BODY = "कोसी नदी का जलस्तर बढ़ रहा है।\n"
# Every way a body can name a file: relative, a device under the working folder,
# missing package media, absolute, file: URL, HTML, entities, %-encoding, "..".
HOSTILE_BODY = "\n\n".join([
    "कोसी नदी का जलस्तर बढ़ रहा है।",
    "![relative](secret.jpg)",
    "![device](dev/zero)",
    "![missing](media/missing.jpg)",
    "![absolute](/etc/passwd)",
    "![url](file:///etc/passwd)",
    '<img src="secret.jpg" alt="raw">',
    '<img src="&#47;dev&#47;zero" alt="entities">',
    "![dotdot](media/../secret.jpg)",
    "![encoded](media/%2e%2e/secret.jpg)",
    "![windows](C:\\Windows\\win.ini)",
    '<link rel="stylesheet" href="style.css">',
]) + "\n"


def _md(media_file: str, body: str = PLAIN_BODY) -> bytes:
    media = f"- file: '{media_file}'\n  caption: राहत शिविर\n  credit: रमेश\n  alt: शिविर\n"
    return FRONT.format(media=media, body=body).encode("utf-8")


MD_CASES: dict[str, tuple[str | None, bytes]] = {
    "media_absolute_device.md": ("article.media_path", _md("/dev/zero")),
    "media_absolute_secret.md": ("article.media_path", _md("/etc/passwd")),
    "media_file_url.md": ("article.media_path", _md("file:///etc/passwd")),
    "media_dotdot.md": ("article.media_path", _md("media/../secret.jpg")),
    "media_encoded_dotdot.md": ("article.media_path", _md("media/%2e%2e")),
    "media_outside_folder.md": ("article.media_path", _md("secret.jpg")),
    "media_relative_device.md": ("article.media_path", _md("dev/zero")),
    "media_windows_path.md": ("article.media_path", _md("C:\\Windows\\win.ini")),
    "media_html.md": ("article.media_path", _md("<img src=/dev/zero>")),
    # Shaped like a photo name, but a Windows device: pack refuses it (package.unsafe_path).
    "media_device_name.md": (None, _md("media/con .jpg")),
    "body_images.md": (None, FRONT.format(media="", body=HOSTILE_BODY).encode("utf-8")),
}


def _package_cases(mh) -> dict[str, tuple[str | None, object]]:
    photo = mh.PHOTO
    body_article = mh.ARTICLE.replace("कोसी नदी का जलस्तर बढ़ रहा है।\n", HOSTILE_BODY)
    body_entries = [("article.md", body_article.encode("utf-8")), ("media/photo.jpg", photo)]

    def device(name: str):
        article = mh.ARTICLE.replace("media/photo.jpg", name).encode("utf-8")
        return lambda p: mh.package(p, [("article.md", article), (name, photo)])

    return {
        "body_images.khabar": (None, lambda p: mh.package(p, body_entries)),
        "device_space.khabar": ("package.unsafe_path", device("media/con .jpg")),
        "device_spaces_upper.khabar": ("package.unsafe_path", device("media/AUX  .png")),
        "device_superscript.khabar": ("package.unsafe_path", device("media/COM\u00b9 .jpg")),
        "device_conin.khabar": ("package.unsafe_path", device("media/CONIN$ .jpg")),
        "device_dot_space.khabar": ("package.unsafe_path", device("media/nul. .txt")),
        "device_fullwidth.khabar": ("package.unsafe_path", device("media/\uff2c\uff30\uff34\uff11 .jpg")),
    }


def make_all(out: Path) -> dict[str, str | None]:
    """Write every case into ``out``; returns {file: expected code or None}."""
    out.mkdir(parents=True, exist_ok=True)
    expected: dict[str, str | None] = {}
    for name, (code, data) in MD_CASES.items():
        (out / name).write_bytes(data)
        expected[name] = code
    for name, (code, build) in _package_cases(_make_hostile()).items():
        build(out / name)  # type: ignore[operator]
        expected[name] = code
    return expected


RESOURCES: dict[str, str | None] = {
    **{name: code for name, (code, _d) in MD_CASES.items()},
    **{name: code for name, (code, _b) in _package_cases(_make_hostile()).items()},
}

if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
    for file, code in make_all(target).items():
        print(f"{file}: {code}")

"""Helper process for the kill tests: imports everything once, then forks writers.

Protocol on stdin/stdout, one JSON object per line:

* ``{"kind": K, "dir": D, "exchange": bool}`` -> forks a child that repeats write
  path ``K`` in folder ``D`` forever (alternating state "A"/"B"); replies ``{"pid": N}``.
* ``{"reap": N}`` -> waits for child ``N`` (killed by the test); replies ``{"ok": true}``.

Forking from one warm process makes each kill cost milliseconds instead of an
interpreter start, so every write path can be killed many times in a few seconds.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from khabar_editor import fsutil
from khabar_editor.app.recovery import RecoveryStore
from khabar_editor.article.frontmatter import to_markdown
from khabar_editor.article.model import Article, Media
from khabar_editor.cli.main import main as khabar_main
from khabar_editor.exporters.bundle import build_bundle, write_bundle
from khabar_editor.exporters.registry import ExportContext
from khabar_editor.package import new_package, unpack_package, write_package
from khabar_editor.proofing.lexicon import write_word_file
from khabar_editor.settings import Settings, save_settings

PHOTO_BYTES = 1024 * 1024


def photo(seed: int) -> bytes:
    """A valid JPEG header followed by deterministic noise (incompressible)."""
    import random

    rng = random.Random(seed)
    return b"\xff\xd8\xff\xe0" + rng.randbytes(PHOTO_BYTES)


def article(headline: str) -> Article:
    photos = [Media(f"media/p{i}.jpg", "कैप्शन", "फ़ोटो: क", "चित्र") for i in range(2)]
    return Article(headline=headline, deck="डेक", body="शब्द " * 2000, media=photos)


def package(headline: str):
    pkg = new_package(article(headline))
    pkg.media = {m.file: photo(i + (headline == "B") * 10) for i, m in
                 enumerate(pkg.article.media)}
    return pkg


def golden(headline: str):
    """The golden article (passes the export gate) with a longer body and extra noise."""
    from khabar_editor.article.frontmatter import from_markdown

    folder = Path(__file__).resolve().parents[1] / "data" / "golden"
    art = from_markdown((folder / "article.md").read_text(encoding="utf-8"))
    art.headline = f"{headline} {art.headline}"
    art.body = "\n\n".join([art.body] * 40)
    pkg = new_package(art)
    pkg.media = {m.file: noise_jpeg(i) for i, m in enumerate(art.media)}
    return pkg


def noise_jpeg(seed: int) -> bytes:
    """A real JPEG of noise (about 1.5 MB), so that writing a bundle takes a while."""
    import io
    import random

    from PIL import Image

    img = Image.frombytes("RGB", (1000, 700), random.Random(seed).randbytes(1000 * 700 * 3))
    out = io.BytesIO()
    img.save(out, "JPEG", quality=95)
    return out.getvalue()


def prepare(kind: str, folder: Path) -> dict:
    """State for ``kind`` made before forking, so the child only writes."""
    if kind in ("save",):
        return {"pkgs": [package("A"), package("B")]}
    if kind == "pack":
        for name in ("A", "B"):
            (folder / f"{name}.md").write_text(to_markdown(package(name).article),
                                               encoding="utf-8")
        for name, data in package("A").media.items():
            (folder / name.split("/")[1]).write_bytes(data)
        return {}
    if kind in ("unpack_force", "unpack_new"):
        for name in ("A", "B"):
            write_package(folder / f"{name}.khabar", package(name))
        return {}
    if kind in ("export_zip", "export_folder"):
        context = ExportContext(check_spelling=False)
        return {"bundles": [build_bundle(golden(h), ["html", "text"], context)
                            for h in ("A", "B")]}
    if kind == "dictionary":
        return {"lists": [[f"शब्द{i}{tag}" for i in range(40000)] for tag in "AB"]}
    return {}


def run(kind: str, folder: Path, state: dict) -> None:
    """Repeat one write path forever."""
    n = 0
    while True:
        n += 1
        tag = "AB"[n % 2]
        if kind == "save":
            write_package(folder / "out" / "target.khabar", state["pkgs"][n % 2], who="saver")
        elif kind == "pack":
            khabar_main(["pack", str(folder / f"{tag}.md"), "--media", str(folder), "-o",
                         str(folder / "out" / "target.khabar"), "--force"])
        elif kind == "unpack_force":
            unpack_package(folder / f"{tag}.khabar", folder / "out" / "dest", force=True)
        elif kind == "unpack_new":
            unpack_package(folder / f"{tag}.khabar", folder / "out" / f"new{os.getpid()}-{n}")
        elif kind == "export_zip":
            write_bundle(state["bundles"][n % 2], folder / "out", overwrite=True, name="b")
        elif kind == "export_folder":
            write_bundle(state["bundles"][n % 2], folder / "out", as_zip=False,
                         overwrite=True, name="b")
        elif kind == "settings":
            save_settings(Settings(user_name=tag * 50000), folder / "out")
        elif kind == "recovery":
            RecoveryStore(folder / "out").write("s", Article(headline=tag, body=tag * 400000),
                                                "", {"media/a.jpg": photo(n)})
        elif kind == "dictionary":
            write_word_file(folder / "out" / "personal-words.txt", state["lists"][n % 2])
        else:
            raise ValueError(kind)


def serve() -> None:
    cache: dict[tuple[str, str], dict] = {}
    for line in sys.stdin:
        request = json.loads(line)
        if "reap" in request:
            os.waitpid(request["reap"], 0)
            print(json.dumps({"ok": True}), flush=True)
            continue
        kind, folder = request["kind"], Path(request["dir"])
        key = (kind, str(folder))
        if key not in cache:
            cache[key] = prepare(kind, folder)
        pid = os.fork()
        if pid == 0:  # the child writes until it is killed
            code = 0
            try:
                fsutil.USE_EXCHANGE = request.get("exchange", True)
                sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - until killed
                run(kind, folder, cache[key])
            except BaseException:  # noqa: BLE001 - report through the exit status
                import traceback

                traceback.print_exc()
                code = 3
            finally:
                os._exit(code)
        print(json.dumps({"pid": pid}), flush=True)


if __name__ == "__main__":
    serve()

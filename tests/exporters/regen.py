"""Regenerate the golden export files: ``python -m tests.exporters.regen [--media]``.

Writes every format of ``tests/data/golden/article.md`` into
``tests/data/golden/expected/``. ``--media`` also redraws the two photos
(only needed if they are lost: their bytes are pinned so sizes stay stable).
Review the diff before committing: goldens are the contract with CMS scripts.
"""

from __future__ import annotations

import shutil
import sys

from khabar_editor.exporters import BUILTIN_FORMATS, ExportContext, get_exporter
from tests.exporters.helpers import GOLDEN, golden_package, make_photo

EXPECTED = GOLDEN / "expected"
CONTEXT = dict(check_spelling=False)


def golden_outputs() -> dict[str, bytes]:
    """Every file of every built-in format for the golden article."""
    pkg = golden_package()
    files: dict[str, bytes] = {}
    for fmt in BUILTIN_FORMATS:
        files.update(get_exporter(fmt).export(pkg, ExportContext(**CONTEXT)).files)
    return files


def main(argv: list[str]) -> int:
    if "--media" in argv:
        (GOLDEN / "media").mkdir(exist_ok=True)
        (GOLDEN / "media" / "digha-ghat.jpg").write_bytes(make_photo(1))
        (GOLDEN / "media" / "raahat-shivir.jpg").write_bytes(make_photo(2, (480, 640)))
    shutil.rmtree(EXPECTED, ignore_errors=True)
    EXPECTED.mkdir(parents=True)
    for name, data in golden_outputs().items():
        (EXPECTED / name).write_bytes(data)
        print(f"wrote {EXPECTED / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

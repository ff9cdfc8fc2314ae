"""Build hook: compile the gettext catalogues in resources/po into package data.

All project metadata is in pyproject.toml; this file only adds the step that
turns ``resources/po/<lang>/*.po`` into ``khabar_editor/data/locale/<lang>/
LC_MESSAGES/*.mo`` inside the built package (compiled outputs are never
committed).
"""

from __future__ import annotations

import io
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithCatalogues(build_py):
    """build_py that also compiles translation catalogues."""

    def run(self) -> None:
        super().run()
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        po_root = Path(__file__).parent / "resources" / "po"
        out_root = Path(self.build_lib) / "khabar_editor" / "data" / "locale"
        for po in sorted(po_root.glob("*/*.po")):
            target = out_root / po.parent.name / "LC_MESSAGES" / (po.stem + ".mo")
            target.parent.mkdir(parents=True, exist_ok=True)
            with po.open("rb") as fh:
                catalog = read_po(fh)
            buf = io.BytesIO()
            write_mo(buf, catalog, use_fuzzy=False)
            target.write_bytes(buf.getvalue())


setup(cmdclass={"build_py": BuildWithCatalogues})

"""Exports in industry formats: HTML, WordPress (WXR, REST JSON), ninjs 3.1 and 1.6,
NewsML-G2, NITF (plain and namespaced), text.

Use :func:`get_exporter` / :func:`exporter_ids` for single formats and
:func:`export_package` / :func:`build_bundle` for a gated bundle with a
manifest. Nothing here imports Qt.
"""

from __future__ import annotations

from khabar_editor.exporters.bundle import Bundle, build_bundle, export_package, write_bundle
from khabar_editor.exporters.gate import GateReport, check
from khabar_editor.exporters.registry import (
    ENTRY_POINT_GROUP,
    ExportContext,
    Exporter,
    ExportResult,
    all_exporters,
    exporter_ids,
    get_exporter,
    register,
)

# Every built-in format in registry order, and the ones exported when none are chosen
# (nitf-ns is the namespaced twin of nitf, only on request).
BUILTIN_FORMATS = ("html", "wxr", "wp-json", "ninjs", "ninjs-1.6", "newsml-g2", "nitf",
                   "nitf-ns", "text")
DEFAULT_FORMATS = tuple(f for f in BUILTIN_FORMATS if f != "nitf-ns")

__all__ = [
    "BUILTIN_FORMATS", "DEFAULT_FORMATS", "ENTRY_POINT_GROUP", "Bundle", "ExportContext", "ExportResult", "Exporter",
    "GateReport", "all_exporters", "build_bundle", "check", "export_package", "exporter_ids",
    "get_exporter", "register", "write_bundle",
]

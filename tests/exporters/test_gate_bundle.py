"""The export gate, bundles with manifest checksums, atomic writes and the registry."""

from __future__ import annotations

import ast
import hashlib
import io
import json
import re
import zipfile

import pytest
from babel.messages.pofile import read_po

from khabar_editor import i18n
from khabar_editor.errors import ExportError
from khabar_editor.exporters import (
    BUILTIN_FORMATS,
    DEFAULT_FORMATS,
    ExportContext,
    ExportResult,
    build_bundle,
    check,
    exporter_ids,
    get_exporter,
    register,
    write_bundle,
)
from khabar_editor.exporters import registry
from khabar_editor.exporters.bundle import bundle_zip_bytes, write_bundle_unique
from tests.exporters.helpers import REPO, golden_package

NO_SPELL = ExportContext(check_spelling=False)


def test_gate_refuses_missing_required_fields():
    """No headline, byline, dateline or category: refused, with a message per error."""
    pkg = golden_package()
    pkg.article.headline = ""
    pkg.article.byline.name = ""
    pkg.article.dateline.place = ""
    pkg.article.category = ""
    report = check(pkg, spelling=False)
    codes = {p.code for p in report.errors}
    assert {"headline.missing", "byline.missing", "dateline.place_missing",
            "category.missing"} <= codes
    with pytest.raises(ExportError) as info:
        build_bundle(pkg, ["html"], NO_SPELL)
    assert info.value.code == "export.refused"
    assert "headline is missing" in info.value.message("en")
    assert info.value.message("hi").startswith("निर्यात अस्वीकार")


def test_gate_warns_on_photo_without_credit_and_missing_media_is_an_error():
    """A photo without credit is a warning; a listed photo absent from the package an error."""
    pkg = golden_package()
    pkg.article.media[1].credit = ""
    report = check(pkg, spelling=False)
    assert report.ok and "media.credit_missing" in {w.code for w in report.warnings}
    del pkg.media["media/digha-ghat.jpg"]
    report = check(pkg, spelling=False)
    assert [e.code for e in report.errors] == ["export.media_missing"]
    assert "फ़ोटो 1" in report.errors[0].message_in("hi")


def test_gate_counts_spelling_findings(monkeypatch):
    """Open spelling findings become one warning; a broken proof-reader is tolerated."""
    from khabar_editor.exporters import gate

    monkeypatch.setattr(gate, "count_spelling_findings", lambda article, words=None: 4)
    report = check(golden_package())
    assert [w.params for w in report.warnings if w.code == "export.spelling"] == [(("count", 4),)]
    monkeypatch.setattr(gate, "count_spelling_findings", lambda article, words=None: None)
    assert "export.spelling" not in {w.code for w in check(golden_package()).warnings}


def test_bundle_manifest_checksums_every_file(tmp_path):
    """manifest.json lists every other file of the zip with its sha256 and size."""
    bundle = build_bundle(golden_package(), list(DEFAULT_FORMATS), NO_SPELL)
    path = write_bundle(bundle, tmp_path)
    with zipfile.ZipFile(path) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        listed = {f["path"]: f for f in manifest["files"]}
        assert set(listed) == set(zf.namelist()) - {"manifest.json"}
        for name, entry in listed.items():
            data = zf.read(name)
            assert entry["sha256"] == hashlib.sha256(data).hexdigest()
            assert entry["size"] == len(data)
    assert manifest["formats"] == list(DEFAULT_FORMATS)
    assert manifest["article"]["language"] == "hi"


def test_bundle_zip_is_deterministic_and_folder_form_matches():
    """The same package gives byte-identical zips; names are safe relative paths."""
    a = bundle_zip_bytes(build_bundle(golden_package(), ["ninjs"], NO_SPELL))
    b = bundle_zip_bytes(build_bundle(golden_package(), ["ninjs"], NO_SPELL))
    assert a == b
    for name in zipfile.ZipFile(io.BytesIO(a)).namelist():
        assert not name.startswith("/") and ".." not in name.split("/")


def test_web_renditions_are_scaled(tmp_path):
    """With web renditions on, each photo gets a JPEG no larger than 1280 px."""
    from PIL import Image

    from tests.exporters.helpers import make_photo

    pkg = golden_package()
    pkg.media["media/digha-ghat.jpg"] = make_photo(3, (2000, 1500))
    bundle = build_bundle(pkg, ["html"], ExportContext(check_spelling=False, web_renditions=True))
    img = Image.open(io.BytesIO(bundle.files["media/web/digha-ghat.jpg"]))
    assert max(img.size) == 1280 and img.format == "JPEG"
    assert bundle.files["media/digha-ghat.jpg"] == pkg.media["media/digha-ghat.jpg"]


def test_writes_never_replace_or_escape(tmp_path):
    """An existing bundle is kept (unique name instead); unsafe names are refused."""
    bundle = build_bundle(golden_package(), ["text"], NO_SPELL)
    first = write_bundle(bundle, tmp_path)
    with pytest.raises(ExportError) as info:
        write_bundle(bundle, tmp_path)
    assert info.value.code == "export.exists"
    second = write_bundle_unique(bundle, tmp_path)
    assert second.name.endswith("-3f6c2a9e.zip") and first.exists()
    with pytest.raises(ExportError):
        write_bundle(bundle, tmp_path, name="../evil")
    bundle.files["../escape.txt"] = b"x"
    with pytest.raises(ExportError):
        write_bundle(bundle, tmp_path / "f", as_zip=False)
    assert not (tmp_path / "escape.txt").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_registry_lookup_and_plugins(monkeypatch):
    """Built-ins are found by id; a newsroom exporter can be registered or loaded by entry point."""
    assert exporter_ids()[:len(BUILTIN_FORMATS)] == list(BUILTIN_FORMATS)
    assert set(DEFAULT_FORMATS) <= set(BUILTIN_FORMATS) and "nitf-ns" not in DEFAULT_FORMATS
    with pytest.raises(ExportError) as info:
        get_exporter("pdf")
    assert "ninjs" in str(info.value)

    class Csv:
        id, label, file_suffix = "csv-test", "CSV", ".csv"

        def export(self, pkg, context):
            return ExportResult(files={"a.csv": pkg.article.headline.encode()})

    try:
        register(Csv())
        with pytest.raises(ExportError):
            register(Csv())
        bundle = build_bundle(golden_package(), ["csv-test"], NO_SPELL)
        assert bundle.files["a.csv"].decode() == golden_package().article.headline
    finally:
        registry._registry.pop("csv-test", None)
    with pytest.raises(ExportError):
        register(object())  # type: ignore[arg-type]


def test_entry_point_exporters_are_loaded(monkeypatch):
    """Objects named in the khabar_editor.exporters entry-point group join the registry;
    a broken plug-in is logged and skipped."""

    class Plugin:
        id, label, file_suffix = "plugin-test", "Plug-in", ".p"

        def export(self, pkg, context):
            return ExportResult(files={"p.p": b"p"})

    class EntryPoint:
        def __init__(self, obj, value):
            self._obj, self.value = obj, value

        def load(self):
            if isinstance(self._obj, Exception):
                raise self._obj
            return self._obj

    seen = []

    def fake_entry_points(group):
        seen.append(group)
        return [EntryPoint(Plugin, "x:Plugin"), EntryPoint(ImportError("boom"), "y:Broken")]

    monkeypatch.setattr(registry, "entry_points", fake_entry_points)
    monkeypatch.setattr(registry, "_loaded", False)
    try:
        assert "plugin-test" in exporter_ids() and seen == ["khabar_editor.exporters"]
        assert get_exporter("html").id == "html"
    finally:
        registry._registry.pop("plugin-test", None)


def test_every_message_has_a_hindi_translation():
    """Every N_() string of the export area is in export.po with the same placeholders."""
    catalog = {m.id: m.string for m in read_po(
        (REPO / "resources" / "po" / "hi" / "export.po").open("rb")) if m.id}
    sources = [*(REPO / "src" / "khabar_editor" / "exporters").glob("*.py"),
               REPO / "src" / "khabar_editor" / "cli" / "export_cmd.py",
               REPO / "src" / "khabar_editor" / "ui" / "export_dialog.py"]
    msgids = set()
    for path in sources:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", "") == "N_"
                    and isinstance(node.args[0], ast.Constant)):
                msgids.add(node.args[0].value)
    missing = sorted(m for m in msgids if not catalog.get(m))
    assert missing == []
    for msgid in msgids:
        assert sorted(re.findall(r"{\w+}", msgid)) == sorted(re.findall(r"{\w+}", catalog[msgid]))
    i18n.reset_cache()
    assert i18n.translate("Export failed: {message}", "hi") == "निर्यात विफल: {message}"


def test_written_bundles_are_readable_by_others(tmp_path):
    """Zip and folder bundles get normal permissions (not the 0600/0700 of temp files)."""
    import os
    import stat

    mask = os.umask(0o022)
    try:
        bundle = build_bundle(golden_package(), ["text"], NO_SPELL)
        zipped = write_bundle(bundle, tmp_path / "z")
        folder = write_bundle(bundle, tmp_path / "f", as_zip=False)
    finally:
        os.umask(mask)
    assert stat.S_IMODE(zipped.stat().st_mode) == 0o644
    assert stat.S_IMODE(folder.stat().st_mode) == 0o755


def test_preloaded_proofreader_counts_like_a_fresh_one():
    """gate.preload loads the proof-reader ahead (forked export workers share it); counts
    made after it equal counts made without it, and a bad language only skips preloading."""
    from khabar_editor.app.sample import sample_package
    from khabar_editor.exporters import gate

    article = sample_package().article
    gate._proofreaders.clear()
    fresh = gate.count_spelling_findings(article)
    gate._proofreaders.clear()
    gate.preload("hi")
    assert ("hi", (), "") in gate._proofreaders
    assert gate.count_spelling_findings(article) == fresh
    gate.preload("xx")  # no such language: nothing raised, nothing cached for it
    assert not any(key[0] == "xx" for key in gate._proofreaders)

"""The banner on a received package: signature and integrity states, buttons, the note."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from tests.ui.desk_helpers import desk_answers, story, write_story  # noqa: F401 - fixture


def _rewrite_manifest(path: Path, change) -> None:
    """Rewrite the package with ``change(manifest_dict)`` applied; every other entry as is."""
    with zipfile.ZipFile(path) as src:
        items = [(info, src.read(info.filename)) for info in src.infolist()]
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w") as dst:
        for info, data in items:
            if info.filename == "manifest.json":
                manifest = json.loads(data)
                change(manifest)
                data = json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8")
            dst.writestr(info, data)
    tmp.replace(path)


@pytest.fixture
def keys(tmp_path, khabar_dirs):
    """The correspondent's key (trusted by the desk) and a stranger's key (not trusted)."""
    from khabar_editor.package import signing

    own = signing.generate_key("सुनीता शर्मा")
    _key, pub = signing.save_key(own, tmp_path / "keys")
    signing.KeyStore().import_key(pub)
    stranger = signing.generate_key("अनजान व्यक्ति")
    return own, stranger


@pytest.fixture
def desk(make_window):
    """A desk editor's window."""
    return make_window(user_name="राकेश वर्मा", user_role="desk", identity_confirmed=True)


def _open(desk, path):
    assert desk.session.open(path)
    return desk.desk.banner


def test_valid_signature_and_buttons(desk, keys, tmp_path):
    """Signed by a trusted key: "signed by NAME, unchanged", intact, desk buttons on."""
    banner = _open(desk, write_story(tmp_path / "a.khabar", story(), signer=keys[0]))
    assert banner.signature_label.text() == "Signed by सुनीता शर्मा, unchanged"
    assert banner.integrity_label.text() == "Intact"
    assert banner.approve_button.isVisible() and banner.approve_button.isEnabled()
    assert banner.changes_button.isVisible()
    assert not banner.note_label.isVisible()


def test_unsigned_package_opens_marked_unsigned(desk, keys, tmp_path):
    """An unsigned package still opens; the banner says so."""
    banner = _open(desk, write_story(tmp_path / "b.khabar", story()))
    assert banner.isVisible() and banner.signature_label.text() == "Unsigned"
    assert desk.editor.toPlainText().startswith("दरभंगा ज़िले में")


def test_unknown_key_is_named_as_such(desk, keys, tmp_path):
    """Signed by a key the desk never imported: "unknown key"."""
    banner = _open(desk, write_story(tmp_path / "c.khabar", story(), signer=keys[1]))
    assert banner.signature_label.text() == "Unknown key"


def test_tampered_manifest_breaks_the_signature(desk, keys, tmp_path):
    """A manifest changed after signing (another author name) shows "signature broken"."""
    path = write_story(tmp_path / "d.khabar", story(), signer=keys[0])

    def forge(manifest):
        for revision in manifest.get("revisions", []):
            revision["who"] = "नकली नाम"

    _rewrite_manifest(path, forge)
    banner = _open(desk, path)
    assert banner.signature_label.text() == "Signature broken"
    assert banner.integrity_label.text() != "Intact"


def test_revoked_key_no_longer_vouches(desk, keys, tmp_path):
    """After the desk revokes the key, its packages are no longer "signed by NAME"."""
    from khabar_editor.package import signing

    signing.KeyStore().revoke("सुनीता शर्मा")
    banner = _open(desk, write_story(tmp_path / "e.khabar", story(), signer=keys[0]))
    assert banner.signature_label.text() != "Signed by सुनीता शर्मा, unchanged"


def test_corrupt_package_does_not_open_and_says_why(desk, answered, tmp_path):
    """A truncated package is refused with a clear message; the open document stays."""
    bad = tmp_path / "f.khabar"
    bad.write_bytes((Path(__file__).resolve().parents[1] / "data" / "hostile" /
                     "truncated.khabar").read_bytes())
    assert not desk.session.open(bad)
    assert answered["errors"] and "f.khabar" in answered["errors"][0]
    assert not desk.desk.banner.isVisible()


def test_own_draft_has_no_banner(make_window, tmp_path):
    """The correspondent's own saved draft shows no banner."""
    from khabar_editor.article.model import Status

    window = make_window(user_name="सुनीता शर्मा", user_role="correspondent",
                         identity_confirmed=True)
    path = write_story(tmp_path / "g.khabar", story(status=Status.DRAFT), who="सुनीता शर्मा",
                       who_id=window.settings.user_id)
    assert window.session.open(path)
    assert not window.desk.banner.isVisible()


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_long_banner_wraps_instead_of_widening_the_window(make_window, qtbot, lang):
    """A returned, signed-then-edited story (the longest banner: sender with time, status,
    "Changed after signing", "Signed by …, edited since", three buttons) fits a 1366 px
    window: the facts wrap, the window keeps its width and the Approve button is inside
    it (the row asked 1,169 px and pushed the window and the preview off the screen)."""
    from khabar_editor import i18n
    from khabar_editor.ui.desk_banner import BannerState

    old = i18n.get_language()
    i18n.set_language(lang)
    try:
        window = make_window(user_role="desk", user_name="राकेश वर्मा", identity_confirmed=True)
        window.resize(1366, 768)
        banner = window.desk.banner
        banner.show_state(BannerState(
            sender="सुनीता कुमारी", received="2026-11-29 15:19", status="returned",
            integrity="changed", signature="valid", signer="सुनीता कुमारी",
            note="दूसरे पक्ष का बयान जोड़ें।", note_by="राकेश वर्मा", note_when="2026-11-29 15:19",
            desk=True, has_original=True,
            problems=("The package was changed after it was last signed.",)))
        qtbot.wait(50)
        assert banner.minimumSizeHint().width() <= 700
        assert window.width() == 1366
        right = banner.approve_button.mapTo(window, banner.approve_button.rect().topRight())
        assert right.x() < window.width()
    finally:
        i18n.set_language(old)


def test_banner_names_a_revoked_key(qtbot, khabar_dirs):
    """The banner says "Signed with a revoked key" (in red) for a broken verdict whose
    cause is a revoked key, and keeps "Signature broken" otherwise."""
    from khabar_editor.ui.app import create_application
    from khabar_editor.ui.desk_banner import BannerState, DeskBanner

    create_application(["test"], "en")
    banner = DeskBanner()
    qtbot.addWidget(banner)
    state = dict(sender="सुनीता", received="", status="submitted", integrity="intact",
                 signature="broken", signer="सुनीता", desk=True)
    banner.show_state(BannerState(**state, revoked=True))
    assert banner.signature_label.text() == "Signed with a revoked key"
    assert banner.signature_label.property("verdict") == "bad"
    banner.show_state(BannerState(**state))
    assert banner.signature_label.text() == "Signature broken"


def test_banner_integrity_colours_match_the_inbox(qtbot, khabar_dirs):
    """"Changed after signing" is a warning (amber) in the banner as in the inbox — it is
    usually the desk's own edit — and only a corrupt or unsafe package is red."""
    from khabar_editor.ui.app import create_application
    from khabar_editor.ui.desk_banner import BannerState, DeskBanner

    create_application(["test"], "en")
    banner = DeskBanner()
    qtbot.addWidget(banner)
    base = dict(sender="सुनीता", received="", status="in-edit", signature="valid",
                signer="सुनीता", desk=True)
    for integrity, verdict in (("intact", "good"), ("changed", "warn"), ("corrupt", "bad")):
        banner.show_state(BannerState(**base, integrity=integrity))
        assert banner.integrity_label.property("verdict") == verdict, integrity

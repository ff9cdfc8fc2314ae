"""Screenshots of the desk: the inbox, the banner on a received story, the changes view.

Builds a folder of real Hindi packages (signed, unsigned, returned, approved, one
from an unknown key, one corrupt), then, as a desk editor, grabs the inbox, the
banner and the changes view into ``docs/screenshots/inbox.png``, ``banner.png``
and ``changes.png``. Run under a real X server to see what users see::

    xvfb-run -s "-screen 0 1600x1000x24" .venv/bin/python scripts/desk_screenshots.py
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = ROOT / "tests" / "data" / "hostile"

STORIES = [
    ("kosi.khabar", "कोसी का जलस्तर घटा, सहरसा के 12 गाँवों में राहत शिविर जारी",
     "सुनीता कुमारी", "सहरसा", "mausam", "submitted", "own"),
    ("mandi.khabar", "धान की सरकारी ख़रीद में देरी से किसान परेशान",
     "रमेश प्रसाद", "दरभंगा", "krishi", "submitted", "stranger"),
    ("school.khabar", "प्रखंड के स्कूलों में शिक्षकों की कमी, पढ़ाई प्रभावित",
     "सुनीता कुमारी", "मधेपुरा", "shiksha", "in-edit", "own"),
    ("cricket.khabar", "ज़िला क्रिकेट लीग का फ़ाइनल रविवार को",
     "अनिल झा", "पूर्णिया", "khel", "approved", None),
    ("aspatal.khabar", "सदर अस्पताल में डायलिसिस यूनिट शुरू",
     "सुनीता कुमारी", "सहरसा", "swasthya", "returned", "own"),
    ("sadak.khabar", "क्षतिग्रस्त पुल की मरम्मत के लिए ग्रामीणों का धरना",
     "प्रियंका सिंह", "सुपौल", "rajya", "submitted", None),
]

BODY = ("कोसी नदी का जलस्तर पिछले दो दिनों में लगभग 40 सेंटीमीटर घटा है, लेकिन ज़िले के "
        "नवहट्टा और महिषी प्रखंड के 12 गाँव अब भी पानी से घिरे हैं। गुरुवार सुबह तक इन गाँवों "
        "में क़रीब 3,500 परिवार ऊँचे स्थानों और तटबंध पर शरण लिए हुए थे।\n\n"
        "ज़िला प्रशासन ने तीन राहत शिविर और दो अस्थायी स्वास्थ्य केंद्र चालू रखे हैं। शिविरों में "
        "दोपहर और रात का भोजन दिया जा रहा है।\n")
EDITED = ("कोसी नदी का जलस्तर पिछले दो दिनों में लगभग 40 सेंटीमीटर घटा है, लेकिन ज़िले के "
          "नवहट्टा और महिषी प्रखंडों के 12 गाँव अब भी पानी से घिरे हुए हैं। गुरुवार सुबह तक इन "
          "गाँवों में क़रीब साढ़े तीन हज़ार परिवार ऊँचे स्थानों और तटबंध पर शरण लिए हुए थे।\n\n"
          "ज़िला प्रशासन ने तीन राहत शिविर और दो अस्थायी स्वास्थ्य केंद्र चालू रखे हैं। शिविरों में "
          "दोपहर और रात का भोजन दिया जा रहा है, और बच्चों के लिए दूध की व्यवस्था की गई है।\n")


def build_folder(folder: Path, keys_dir: Path) -> None:
    """Write the packages as their correspondents would."""
    from datetime import date

    from khabar_editor.app import workflow
    from khabar_editor.app.workflow import Identity, Role
    from khabar_editor.article.model import Article, Byline, Dateline, Status
    from khabar_editor.package import new_package, read_package, signing, write_package

    own = signing.generate_key("सुनीता कुमारी")
    _k, pub = signing.save_key(own, keys_dir)
    signing.KeyStore().import_key(pub)
    stranger = signing.generate_key("रमेश प्रसाद")
    for name, headline, byline, place, category, status, key in STORIES:
        body = BODY if name == "kosi.khabar" else BODY.replace("कोसी", "ज़िले की")
        article = Article(headline=headline, byline=Byline(byline, "ज़िला संवाददाता"),
                          dateline=Dateline(place=place, date=date(2026, 11, 27)),
                          category=category, status=Status.SUBMITTED, body=body)
        signer = {"own": own, "stranger": stranger}.get(key or "")
        path = folder / name
        write_package(path, new_package(article), who=byline, who_id="c" * 32, signer=signer)
        if status in ("in-edit", "approved", "returned"):
            desk = Identity("राकेश वर्मा", Role.DESK, "d" * 32)
            pkg = read_package(path)
            workflow.keep_original(pkg, desk)
            workflow.transition(pkg, "in-edit", actor=desk)
            if status != "in-edit":
                workflow.transition(pkg, status, actor=desk, note=(
                    "दूसरे पक्ष का बयान जोड़ें और डायलिसिस के ख़र्च की पुष्टि करें।"
                    if status == "returned" else None))
            write_package(path, pkg, who=desk.who, who_id=desk.id)
    shutil.copyfile(HOSTILE / "truncated.khabar", folder / "adhuri-file.khabar")


def take(out: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from khabar_editor.settings import Settings, State
    from khabar_editor.ui.app import create_application
    from khabar_editor.ui.main_window import MainWindow

    app = create_application([sys.argv[0]], "en")
    tmp = Path(os.environ["KHABAR_DATA_DIR"])
    folder = tmp / "inbox"
    folder.mkdir()
    build_folder(folder, tmp / "my-keys")

    def settle(ms: int = 600) -> None:
        from PySide6.QtCore import QEventLoop, QTimer

        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    settings = Settings(theme="light", spell_check=False, user_name="राकेश वर्मा",
                        user_role="desk", identity_confirmed=True)
    window = MainWindow(settings, State(sample_shown=True))
    window.resize(1366, 768)
    window.show()
    window.session.open(folder / "kosi.khabar")
    window.editor.setPlainText(EDITED)
    window.metadata.w["headline"].setText(
        "कोसी का जलस्तर घटा, सहरसा के 12 गाँवों में अब भी राहत शिविर")
    window.metadata._on_edit("headline")
    settle(1200)
    window.grab().save(str(out / "banner.png"))

    dialog = window.desk.show_changes()
    dialog.resize(1300, 640)
    settle()
    dialog.grab().save(str(out / "changes.png"))
    dialog.view.set_mode("inline")
    settle()
    dialog.grab().save(str(out / "changes-inline.png"))
    dialog.close()
    window.session._doc.dirty = False  # the desk's edits are not saved here

    own = Settings(theme="light", spell_check=False, user_name="सुनीता कुमारी",
                   user_role="correspondent", identity_confirmed=True, user_id="c" * 32)
    mine = MainWindow(own, State(sample_shown=True))
    mine.resize(1366, 560)
    mine.show()
    mine.session.open(folder / "aspatal.khabar")
    settle(1200)
    mine.grab().save(str(out / "banner-note.png"))

    from khabar_editor.ui.inbox_window import InboxWindow

    from khabar_editor.article.taxonomy import default_taxonomy

    inbox = InboxWindow(None, taxonomy=default_taxonomy())
    inbox.resize(1400, 420)
    inbox.show()
    inbox.set_folder(folder)
    while inbox.is_scanning():
        settle(100)
    settle()
    inbox.grab().save(str(out / "inbox.png"))
    app.quit()  # type: ignore[attr-defined]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for var in ("KHABAR_CONFIG_DIR", "KHABAR_DATA_DIR", "KHABAR_LOG_DIR"):
            os.environ[var] = str(Path(tmp) / var.lower())
            Path(os.environ[var]).mkdir()
        os.environ.setdefault("KHABAR_LANG", "en")
        take(args.out.resolve())
    for name in ("inbox.png", "banner.png", "banner-note.png", "changes.png",
                 "changes-inline.png"):
        print(args.out / name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Dates mean the same moment in every format, on the newsroom's clock (issue #9, item 1)."""

from __future__ import annotations

import json
import zipfile
from datetime import datetime, timezone

import pytest
from lxml import etree

from khabar_editor.article.model import Language, Status
from khabar_editor.errors import ExportError
from khabar_editor.exporters import ExportContext, get_exporter
from khabar_editor.exporters.dates import canonical_zone
from tests.exporters.helpers import (
    GOLDEN,
    golden_package,
    nitf_namespaced,
    parse_wxr,
    parse_wxr_xml,
)

G2 = {"g": "http://iptc.org/std/nar/2006-10-01/"}
NITF = {"n": "http://iptc.org/std/NITF/2006-10-18/"}
SUMMER = datetime(2026, 7, 1, 4, 30, tzinfo=timezone.utc)  # 10:00 in India
WINTER = datetime(2026, 1, 15, 4, 30, tzinfo=timezone.utc)
ZERO = "0000-00-00 00:00:00"


def export(pkg, fmt: str, **ctx) -> bytes:
    files = get_exporter(fmt).export(pkg, ExportContext(**ctx)).files
    (name,) = [n for n in files if ".photo-" not in n and ".package." not in n
               and not n.startswith("catalog.")]
    return files[name]


def embargoed(moment: datetime, status: Status = Status.APPROVED):
    pkg = golden_package()
    pkg.article.status = status
    pkg.article.embargo = moment
    return pkg


@pytest.mark.parametrize(("zone", "moment", "local"), [
    ("Asia/Kolkata", SUMMER, "2026-07-01 10:00:00"),       # +05:30
    ("Asia/Kathmandu", SUMMER, "2026-07-01 10:15:00"),     # +05:45
    ("Europe/London", SUMMER, "2026-07-01 05:30:00"),      # BST, +01:00
    ("Europe/London", WINTER, "2026-01-15 04:30:00"),      # GMT
    ("America/New_York", SUMMER, "2026-07-01 00:30:00"),   # EDT, -04:00
    ("America/New_York", WINTER, "2026-01-14 23:30:00"),   # EST, -05:00: the day before
])
def test_wxr_schedules_the_embargo_on_the_site_clock(zone, moment, local):
    """A scheduled post's wp:post_date is the site's wall clock, post_date_gmt the UTC moment,
    as the importer's SimpleXML and XML parsers read them."""
    data = export(embargoed(moment), "wxr", publish_approved=True, timezone=zone)
    gmt = moment.strftime("%Y-%m-%d %H:%M:%S")
    for parse in (parse_wxr, parse_wxr_xml):
        post = parse(data)["posts"][0]
        assert post["status"] == "future"
        assert (post["post_date"], post["post_date_gmt"]) == (local, gmt), parse.__name__


@pytest.mark.parametrize("status", [Status.DRAFT, Status.SUBMITTED, Status.APPROVED])
def test_unpublished_posts_leave_the_gmt_date_empty(status):
    """Drafts and pending posts carry no GMT date (WordPress dates them on publishing) and the
    REST body sends no date at all; the local date is the creation time on the site clock."""
    pkg = embargoed(SUMMER, status)
    post = parse_wxr(export(pkg, "wxr", timezone="Asia/Kathmandu"))["posts"][0]
    assert post["status"] == ("pending" if status is Status.APPROVED else "draft")
    assert post["post_date_gmt"] == ZERO
    assert post["post_date"] == "2026-11-28 09:45:00"  # created 09:30 IST = 09:45 NPT
    rest = json.loads(export(pkg, "wp-json"))
    assert "date_gmt" not in rest and "date" not in rest


def test_published_post_dates_are_the_creation_moment():
    """An approved post published without embargo is dated at creation, GMT date filled."""
    pkg = golden_package()
    post = parse_wxr(export(pkg, "wxr", publish_approved=True, timezone="Europe/London"))
    assert (post["posts"][0]["post_date"], post["posts"][0]["post_date_gmt"]) == (
        "2026-11-28 04:00:00", "2026-11-28 04:00:00")
    assert json.loads(export(pkg, "wp-json", publish_approved=True))["date_gmt"] == (
        "2026-11-28T04:00:00")


def _embargoes(pkg, zone: str) -> dict[str, datetime]:
    """The embargo as each format states it, parsed back to an aware datetime."""
    ctx = {"publish_approved": True, "timezone": zone}
    ninjs = json.loads(export(pkg, "ninjs", **ctx))
    ninjs1 = json.loads(export(pkg, "ninjs-1.6", **ctx))
    g2 = etree.fromstring(export(pkg, "newsml-g2", **ctx))
    nitf = etree.fromstring(nitf_namespaced(export(pkg, "nitf", **ctx)))
    post = parse_wxr(export(pkg, "wxr", **ctx))["posts"][0]
    rest = json.loads(export(pkg, "wp-json", **ctx))
    utc = timezone.utc
    assert ninjs1["embargoed"].endswith("Z")  # Superdesk's ninjs parser reads UTC only
    return {
        "ninjs": datetime.fromisoformat(ninjs["embargoedUntil"]),
        "ninjs-1.6": datetime.strptime(ninjs1["embargoed"], "%Y-%m-%dT%H:%M:%SZ").replace(
            tzinfo=utc),
        "newsml-g2": datetime.fromisoformat(g2.xpath("string(//g:embargoed)", namespaces=G2)),
        "nitf": datetime.strptime(nitf.xpath("string(//n:date.release/@norm)", namespaces=NITF),
                                  "%Y%m%dT%H%M%S%z"),
        "wxr": datetime.strptime(post["post_date_gmt"], "%Y-%m-%d %H:%M:%S").replace(tzinfo=utc),
        "wp-json": datetime.fromisoformat(rest["date_gmt"]).replace(tzinfo=utc),
    }


@pytest.mark.parametrize("zone", ["Asia/Kolkata", "Asia/Kathmandu", "Europe/London",
                                  "America/New_York", "UTC"])
def test_embargo_is_the_same_minute_in_every_format(zone):
    """One embargo instant reaches ninjs, ninjs 1.6, NewsML-G2, NITF, WXR and REST unchanged."""
    moment = datetime(2026, 3, 29, 0, 59, tzinfo=timezone.utc)  # a minute before London's DST
    found = _embargoes(embargoed(moment), zone)
    assert found == dict.fromkeys(found, moment)


def test_iptc_dates_carry_the_newsroom_offset():
    """NewsML-G2, ninjs and NITF write dates on the newsroom's clock; Nepali by default +05:45."""
    pkg = embargoed(SUMMER)
    assert json.loads(export(pkg, "ninjs"))["embargoedUntil"] == "2026-07-01T10:00:00+05:30"
    pkg.article.language = Language.NEPALI
    assert json.loads(export(pkg, "ninjs"))["embargoedUntil"] == "2026-07-01T10:15:00+05:45"
    g2 = etree.fromstring(export(pkg, "newsml-g2", timezone="America/New_York"))
    assert g2.xpath("string(//g:firstCreated)", namespaces=G2) == "2026-11-27T23:00:00-05:00"
    nitf = export(pkg, "nitf", timezone="Europe/London")
    assert b'norm="20260701T053000+0100"' in nitf


def test_zone_names_are_checked_not_opened():
    """Known names in any case are accepted and spelled as the database does; anything else
    (paths, empty-looking, very long, control characters) is refused with a clear message."""
    assert canonical_zone("asia/KOLKATA") == "Asia/Kolkata"
    assert canonical_zone("  ") == ""
    for bad in ("../../etc/passwd", "/etc/localtime", "Mars/Olympus", "Asia/" + "x" * 500,
                "Asia/Kol\nkata", "Asia/\u202eKolkata"):
        with pytest.raises(ExportError) as info:
            canonical_zone(bad)
        assert info.value.code == "export.bad_timezone"
        assert "\n" not in str(info.value) and "\u202e" not in str(info.value)
    assert "समय क्षेत्र" in info.value.message("hi")


def test_bad_zone_in_context_is_an_export_error_not_a_crash():
    """A library caller passing a bad zone gets an ExportError naming it."""
    with pytest.raises(ExportError, match="Nowhere/City"):
        get_exporter("ninjs").export(golden_package(), ExportContext(timezone="Nowhere/City"))


def test_cli_refuses_a_bad_zone_before_writing(tmp_path, capsys):
    """`khabar export --timezone Mars/Olympus` exits 2 with one clear line; nothing is written."""
    from khabar_editor.cli.main import main

    out = tmp_path / "out"
    code = main(["export", str(GOLDEN / "article.md"), "-o", str(out), "--timezone",
                 "Mars/Olympus"])
    assert code == 2
    assert "'Mars/Olympus' is not a time zone name" in capsys.readouterr().err
    assert not out.exists()


def test_cli_timezone_reaches_the_wxr(tmp_path):
    """`--timezone america/new_york` dates the WordPress post on New York's clock."""
    from khabar_editor.cli.main import main

    code = main(["export", str(GOLDEN / "article.md"), "-o", str(tmp_path), "--format", "wxr",
                 "--timezone", "america/new_york", "--publish-approved", "--no-spelling"])
    assert code == 0
    (bundle,) = tmp_path.glob("*.zip")
    with zipfile.ZipFile(bundle) as zf:
        (name,) = [n for n in zf.namelist() if n.endswith(".wxr.xml")]
        post = parse_wxr(zf.read(name))["posts"][0]
    assert (post["post_date"], post["post_date_gmt"]) == ("2026-11-27 23:00:00",
                                                          "2026-11-28 04:00:00")


def test_cli_without_timezone_uses_the_language_default(tmp_path):
    """Without --timezone the export runs (no option error) and a Hindi story is on IST."""
    from khabar_editor.cli.main import main

    code = main(["export", str(GOLDEN / "article.md"), "-o", str(tmp_path), "--format", "wxr",
                 "--no-spelling"])
    assert code == 0
    (bundle,) = tmp_path.glob("*.zip")
    with zipfile.ZipFile(bundle) as zf:
        (name,) = [n for n in zf.namelist() if n.endswith(".wxr.xml")]
        assert parse_wxr(zf.read(name))["posts"][0]["post_date"] == "2026-11-28 09:30:00"

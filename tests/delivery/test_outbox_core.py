"""The outbox and destinations without a server: backoff, recovery, refusals, TLS."""

from __future__ import annotations

import json
import shutil
import ssl
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from khabar_editor.delivery.base import DeliveryError
from khabar_editor.delivery.config import make_config
from khabar_editor.delivery.outbox import FAILED, QUEUED, SENDING, Outbox, make_destination
from tests.delivery.helpers import write_golden


def test_backoff_doubles_and_is_capped(tmp_path):
    """Each failed attempt waits twice as long as the last, never more than the cap."""
    box = Outbox(tmp_path, backoff_base=30, backoff_cap=3600)
    assert [box.backoff(n) for n in (1, 2, 3, 4)] == [30, 60, 120, 240]
    assert box.backoff(20) == 3600


def test_item_left_sending_by_a_dead_process_is_queued_again(tmp_path):
    """An item a killed process left ``sending`` comes back ``queued``; one owned by a
    live process stays ``sending``."""
    story = tmp_path / "s.khabar"
    write_golden(story)
    box = Outbox(tmp_path / "box")
    dead, alive = box.queue(story, "a"), box.queue(story, "b")
    child = subprocess.Popen(["true"])
    child.wait()
    data = json.loads(box.path.read_text("utf-8"))
    for item in data["items"]:
        item["state"] = SENDING
        item["owner"] = child.pid if item["id"] == dead.id else 1
    box.path.write_text(json.dumps(data), "utf-8")
    states = {i.id: i.state for i in box.items()}
    assert states == {dead.id: QUEUED, alive.id: SENDING}


def test_newer_version_replaces_unsent_one(tmp_path):
    """Queuing a package again replaces its unsent item: the story is sent once."""
    story = tmp_path / "s.khabar"
    write_golden(story)
    box = Outbox(tmp_path / "box")
    first = box.queue(story, "desk")
    second = box.queue(story, "desk")
    assert [i.id for i in box.items()] == [second.id]
    assert not box.spool_path(first.id).exists() and box.spool_path(second.id).exists()


def test_package_with_errors_or_unreadable_is_not_queued(tmp_path):
    """A package with errors (no headline) or not a package at all is refused with a
    reason and the outbox is unchanged."""
    from khabar_editor.errors import KhabarError

    box = Outbox(tmp_path / "box")
    bad = tmp_path / "bad.khabar"
    write_golden(bad, headline="")
    with pytest.raises(KhabarError) as caught:
        box.queue(bad, "desk")
    assert "bad.khabar cannot be sent" in str(caught.value)
    junk = tmp_path / "junk.khabar"
    junk.write_bytes(b"\x00" * 10)
    with pytest.raises(KhabarError):
        box.queue(junk, "desk")
    assert box.items() == []


def test_corrupt_outbox_file_is_kept_aside(tmp_path):
    """An outbox file that is not JSON is renamed aside and a fresh outbox starts."""
    box = Outbox(tmp_path)
    box.path.write_text("{not json", "utf-8")
    story = tmp_path / "s.khabar"
    write_golden(story)
    assert box.queue(story, "desk").state == QUEUED
    assert len(box.items()) == 1
    assert [p.read_text("utf-8") for p in tmp_path.glob("outbox.broken-*.json")] == ["{not json"]


@pytest.mark.parametrize("url", ["http://example.org/wp", "ftp://example.org", "https://",
                                 "not a url"])
def test_unsafe_or_bad_addresses_are_refused(url):
    """Plain http to another computer (the password would travel in clear) and
    addresses that are not http(s) are refused with a reason."""
    with pytest.raises(DeliveryError) as caught:
        make_config("desk", "wordpress", url, "user")
    assert url in str(caught.value) and caught.value.message("hi") != str(caught.value)


@pytest.fixture
def self_signed_https(tmp_path):
    """An HTTPS server on 127.0.0.1 with a self-signed certificate."""
    if not shutil.which("openssl"):
        pytest.skip("openssl is not installed")
    cert, key = tmp_path / "c.pem", tmp_path / "k.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"https://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_unverifiable_certificate_stops_the_send(self_signed_https, tmp_path):
    """TLS is verified: a self-signed server gets nothing, the item fails (not retried
    on its own) with a message about the certificate."""
    story = tmp_path / "s.khabar"
    write_golden(story)
    box = Outbox(tmp_path / "box")
    config = make_config("desk", "wordpress", self_signed_https, "user")
    ended = box.send(box.queue(story, "desk").id, lambda n: make_destination(config, "pw"))
    assert ended.state == FAILED and ended.retry_at is None
    assert ended.error["code"] == "delivery.tls"
    assert "could not be verified" in ended.error["en"]

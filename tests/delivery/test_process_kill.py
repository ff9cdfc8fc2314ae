"""The outbox survives the sending process being killed mid-send."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

from khabar_editor.delivery.config import add_destination, make_config
from khabar_editor.delivery.outbox import Outbox
from tests.delivery.helpers import write_golden


def _khabar(*args: str, env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "khabar_editor.cli.main", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def test_killed_send_resumes_once_in_a_new_process(wordpress, delivery_dirs, monkeypatch):
    """``khabar send`` is killed while WordPress is unreachable (its server frozen); the
    item is queued again when the outbox is next opened, ``khabar outbox --retry`` in a
    new process sends it, and the site holds one post with two photos."""
    add_destination(make_config("desk", "wordpress", wordpress.url, "editor"))
    story = delivery_dirs / "story.khabar"
    article = write_golden(story)
    env = {**os.environ, "KHABAR_PASSWORD": wordpress.passwords["editor"],
           "PYTHONPATH": os.pathsep.join(sys.path)}
    wordpress.pause()
    try:
        proc = _khabar("send", str(story), "--to", "desk", "--json", env=env)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if [i.state for i in Outbox().items()] == ["sending"]:
                break
            assert proc.poll() is None, proc.communicate()
            time.sleep(0.05)
        else:
            raise AssertionError("the send never started")
        proc.kill()
        proc.communicate()
    finally:
        wordpress.resume()
    assert [i.state for i in Outbox().items()] == ["queued"]
    retry = _khabar("outbox", "--retry", "--json", env=env)
    out, err = retry.communicate(timeout=120)
    assert retry.returncode == 0, err
    assert [r["state"] for r in json.loads(out)] == ["sent"]
    posts = wordpress.get("posts", status="draft,pending,future,publish,private", per_page=100)
    mine = [p for p in posts if p["meta"].get("khabar_id") == article.id]
    assert len(mine) == 1
    media = wordpress.get("media", parent=mine[0]["id"])
    assert len(media) == 2 and mine[0]["featured_media"] in {m["id"] for m in media}

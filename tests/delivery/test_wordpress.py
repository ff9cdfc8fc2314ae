"""Sending to a real WordPress (Debian's package on PHP's built-in server)."""

from __future__ import annotations

import html

from khabar_editor.delivery.outbox import FAILED, SENT
from tests.delivery.helpers import outbox, wp_factory, write_golden


def _text(field):
    return html.unescape(field["raw"] if "raw" in field else field["rendered"])


def test_send_creates_post_with_fields_terms_meta_and_photos(wordpress, tmp_path):
    """A package with two photos becomes one pending post with every field, its terms,
    meta, two media items with caption/alt/credit and the first as featured image."""
    article = write_golden(tmp_path / "story.khabar", slug="ganga-flood-patna")
    box = outbox(tmp_path)
    item = box.queue(tmp_path / "story.khabar", "desk")
    ended = box.send(item.id, wp_factory(wordpress))
    assert ended.state == SENT, ended.error
    post_id = box.remote(article.id, "desk")["post_id"]
    post = wordpress.get(f"posts/{post_id}")
    assert _text(post["title"]) == article.headline
    assert _text(post["excerpt"]).strip() == article.summary
    assert post["slug"] == "ganga-flood-patna"
    assert post["status"] == "pending"
    assert post["meta"]["khabar_id"] == article.id
    assert post["meta"]["khabar_byline_name"] == "राजेश कुमार सिंह"
    assert "दीघा घाट" in post["content"]["raw"]
    cats = {c["id"]: html.unescape(c["name"]) for c in wordpress.get("categories", per_page=100)}
    assert [cats[c] for c in post["categories"]] == ["राज्य"]
    tags = {t["id"]: html.unescape(t["name"]) for t in wordpress.get("tags", per_page=100)}
    assert sorted(tags[t] for t in post["tags"]) == sorted(article.tags)
    media = wordpress.get("media", parent=post_id, per_page=100)
    assert len(media) == 2
    by_alt = {m["alt_text"]: m for m in media}
    first = by_alt["दीघा घाट की सीढ़ियों तक पहुँचा गंगा का पानी"]
    assert post["featured_media"] == first["id"]
    assert "दीघा घाट पर बढ़ता जलस्तर देखते लोग।" in first["caption"]["raw"]
    assert "अमित कुमार" in first["caption"]["raw"]
    assert first["meta"]["khabar_credit"] == "फ़ोटो: अमित कुमार / खबर एडिटर"
    assert ended.url.startswith(wordpress.url)


def _posts_of(wordpress, article_id):
    posts = wordpress.get("posts", status="draft,pending,future,publish,private", per_page=100)
    return [p for p in posts if p["meta"].get("khabar_id") == article_id]


def _media_of(wordpress, slug_part):
    return [m for m in wordpress.get("media", per_page=100) if slug_part in m["slug"]]


def test_send_again_updates_the_same_post_and_media(wordpress, tmp_path):
    """Sending an edited package again updates the one post; no second post, no
    second copy of an unchanged photo."""
    story = tmp_path / "story.khabar"
    article = write_golden(story)
    box = outbox(tmp_path)
    first = box.send(box.queue(story, "desk").id, wp_factory(wordpress))
    assert first.state == SENT
    remote = box.remote(article.id, "desk")
    write_golden(story, id=article.id, headline="पटना में गंगा का पानी उतरने लगा")
    second = box.send(box.queue(story, "desk").id, wp_factory(wordpress))
    assert second.state == SENT
    posts = _posts_of(wordpress, article.id)
    assert [p["id"] for p in posts] == [remote["post_id"]]
    assert _text(posts[0]["title"]) == "पटना में गंगा का पानी उतरने लगा"
    ident = article.id.replace("-", "")[:12]
    assert len(_media_of(wordpress, ident)) == 2
    assert box.remote(article.id, "desk")["media"] == remote["media"]


def test_lost_outbox_still_finds_post_and_photos_on_the_site(wordpress, tmp_path):
    """With the outbox's memory gone (a new computer), the post is found by slug and
    khabar_id and the photos by their stable slugs: updated, not duplicated."""
    story = tmp_path / "story.khabar"
    article = write_golden(story)
    first_box = outbox(tmp_path / "a")
    assert first_box.send(first_box.queue(story, "desk").id, wp_factory(wordpress)).state == SENT
    other_box = outbox(tmp_path / "b")
    assert other_box.send(other_box.queue(story, "desk").id, wp_factory(wordpress)).state == SENT
    assert other_box.remote(article.id, "desk") == first_box.remote(article.id, "desk")
    assert len(_posts_of(wordpress, article.id)) == 1
    assert len(_media_of(wordpress, article.id.replace("-", "")[:12])) == 2


def test_contributor_is_told_why_and_nothing_is_created(wordpress, tmp_path):
    """A Contributor may not upload photos: the item fails with that reason in words
    (Hindi and English), is not retried on its own, and no post is left behind."""
    story = tmp_path / "story.khabar"
    article = write_golden(story)
    box = outbox(tmp_path)
    ended = box.send(box.queue(story, "desk").id, wp_factory(wordpress, "contrib"))
    assert ended.state == FAILED
    assert ended.retry_at is None
    assert "may not upload photos" in ended.error["en"]
    assert "Contributor" in ended.error["en"] and "'contrib'" in ended.error["en"]
    assert ended.error["hi"] != ended.error["en"] and "contrib" in ended.error["hi"]
    assert _posts_of(wordpress, article.id) == []


def test_wrong_password_is_explained(wordpress, tmp_path):
    """A wrong application password is reported as such, not as a crash or a retry."""
    from khabar_editor.delivery.config import make_config
    from khabar_editor.delivery.outbox import make_destination

    story = tmp_path / "story.khabar"
    write_golden(story)
    box = outbox(tmp_path)
    config = make_config("desk", "wordpress", wordpress.url, "editor")
    ended = box.send(box.queue(story, "desk").id,
                     lambda name: make_destination(config, "wrong wrong wrong"))
    assert ended.state == FAILED and ended.retry_at is None
    assert "Application Password" in ended.error["en"]


def test_server_stopped_after_first_photo_resumes_without_loss_or_duplicates(wordpress,
                                                                            tmp_path):
    """The web server dies after the post and the first photo arrived: the item fails
    as retryable; once the server is back the retry completes the post with both
    photos, one post and two media items in all."""
    story = tmp_path / "story.khabar"
    article = write_golden(story)
    box = outbox(tmp_path)
    item = box.queue(story, "desk")

    def kill_after_first_photo(current):
        if current.progress == [4, 6] and wordpress.proc is not None:
            wordpress.stop()

    try:
        ended = box.send(item.id, wp_factory(wordpress), on_progress=kill_after_first_photo)
        assert ended.state == FAILED
        assert ended.retry_at is not None and ended.error["code"] == "delivery.network"
        remote = box.remote(article.id, "desk")
        assert remote["post_id"] and len(remote["media"]) == 1
    finally:
        if wordpress.proc is None:
            wordpress.start()
    import time
    time.sleep(0.06)  # past the (test-sized) backoff
    assert [i.id for i in box.due()] == [item.id]
    again = box.send_due(wp_factory(wordpress))
    assert [i.state for i in again] == [SENT]
    posts = _posts_of(wordpress, article.id)
    assert [p["id"] for p in posts] == [remote["post_id"]]
    media = _media_of(wordpress, article.id.replace("-", "")[:12])
    assert len(media) == 2 and {m["post"] for m in media} == {remote["post_id"]}
    assert posts[0]["featured_media"] in {m["id"] for m in media}

"""WordPress through its REST API, authenticated with an Application Password.

Post fields come from the ``wp-json`` export (:func:`exporters.wordpress.rest_body`):
title, content, excerpt, slug, status (draft or pending), ``khabar_*`` meta; the
categories and tags it names are looked up by slug or name and created when
missing (when the account may); photos become media items with caption, alt text
and credit, the first the featured image.

Never twice: the post id and media ids are remembered per (package, destination)
the moment WordPress returns them; before creating a post the site is searched
by slug and ``khabar_id`` meta, before uploading a photo by its stable slug
``khabar-<article>-<content hash>``. A send killed at any point therefore
updates what is there on the next try. A post the desk has published or
scheduled keeps its status when it is updated.

Routes are addressed as ``?rest_route=/wp/v2/...``, which works with and
without pretty permalinks.
"""

from __future__ import annotations

import hashlib
import html
import mimetypes
from typing import Any
from urllib.parse import urlsplit

import httpx

from khabar_editor.delivery import http
from khabar_editor.delivery.base import (
    KIND_WORDPRESS, DeliveryError, Job, Progress, SendResult,
)
from khabar_editor.delivery.config import DestinationConfig
from khabar_editor.exporters.common import Photo, prepare
from khabar_editor.exporters.registry import ExportContext
from khabar_editor.exporters.wordpress import rest_body
from khabar_editor.i18n import N_, _
from khabar_editor.package.reader import read_package

MSG_WP_LOGIN = N_("WordPress at {host} did not accept the user '{user}' with this password "
                  "({reason}). Use an Application Password (Users → Profile → Application "
                  "Passwords), not the login password, and add the destination again.")
MSG_WP_NO_UPLOAD = N_("The WordPress account '{user}' may not upload photos to {host}: its "
                      "role (for example Contributor) does not allow it. Ask the site's "
                      "administrator for the Author or Editor role, or send the story without "
                      "photos. Nothing was sent.")
MSG_WP_ROLE = N_("The WordPress account '{user}' may not {action} on {host}: its role does "
                 "not allow it (WordPress says: {detail}).")
MSG_WP_NO_API = N_("{url} does not answer like a WordPress site with the REST API (HTTP "
                   "{status}). Check the address; it is the site's home page.")
MSG_WP_REFUSED = N_("WordPress refused the request (HTTP {status}): {detail}")
MSG_WP_ANSWER = N_("WordPress sent an answer that is not what its REST API sends (HTTP {status}).")
MSG_TERM_SKIPPED = N_("'{name}' does not exist on the site and this account may not create "
                      "it; the post was sent without it.")
MSG_META_HIDDEN = N_("The site does not show the khabar_* fields in its REST API, so a lost "
                     "outbox could not find this post again; register them (docs/delivery.md).")

ACTION_CREATE_POSTS = N_("create posts")
ACTION_EDIT_POST = N_("edit this post")
ACTION_EDIT_MEDIA = N_("edit this photo")
ACTION_UPLOAD = N_("upload photos")
_ANY_STATUS = "draft,pending,future,publish,private"
_KEEP_STATUS = ("publish", "future", "private")
SLUG_VARIANTS = 20


def media_slug(article_id: str, photo: Photo) -> str:
    """The stable WordPress slug (and file name stem) of one photo of one article:
    the same bytes of the same article always get the same slug."""
    digest = hashlib.sha256(photo.data).hexdigest()[:16]
    ident = "".join(c for c in article_id.lower() if c.isalnum())[:12]
    return f"khabar-{ident}-{digest}"


def _detail(answer: httpx.Response) -> tuple[str, str]:
    """(code, message) of a WordPress error answer."""
    try:
        data = answer.json()
    except ValueError:
        return "", ""
    if not isinstance(data, dict):
        return "", ""
    return str(data.get("code", "")), html.unescape(str(data.get("message", "")))[:300]


class WordPressDestination:
    """Creates or updates one draft (or pending) post per package."""

    kind = KIND_WORDPRESS

    def __init__(self, config: DestinationConfig, password: str) -> None:
        self.name = config.name
        self.config = config
        self.password = password
        self.site = http.check_url(config.url)
        self.host = urlsplit(self.site).netloc
        self._http: httpx.Client | None = None
        self._me: int | None = None

    # -- plumbing --------------------------------------------------------------------
    def _url(self, route: str) -> str:
        return f"{self.site}/?rest_route=/wp/v2/{route}"

    def _call(self, method: str, route: str, *, params: dict[str, Any] | None = None,
              **kwargs: Any) -> httpx.Response:
        """``route`` under ``/wp/v2/`` (httpx replaces a URL's query with ``params``, so
        ``rest_route`` travels among them)."""
        assert self._http is not None
        query = {"rest_route": f"/wp/v2/{route}", **(params or {})}
        return http.request(self._http, method, f"{self.site}/", params=query, **kwargs)

    def _json(self, answer: httpx.Response) -> Any:
        try:
            return answer.json()
        except ValueError:
            raise DeliveryError(MSG_WP_ANSWER, code="delivery.wp_answer",
                                status=answer.status_code) from None

    def _fail(self, answer: httpx.Response, what: str, action: str) -> DeliveryError:
        """The error for a refused request (``action`` names what was refused)."""
        code, message = _detail(answer)
        status = answer.status_code
        if code in ("incorrect_password", "invalid_username", "invalid_email",
                    "application_passwords_disabled", "rest_not_logged_in"):
            return DeliveryError(MSG_WP_LOGIN, code="delivery.login", host=self.host,
                                 user=self.config.user, reason=code)
        if status in (401, 403):
            if action == ACTION_UPLOAD:
                return DeliveryError(MSG_WP_NO_UPLOAD, code="delivery.role",
                                     user=self.config.user, host=self.host)
            return DeliveryError(MSG_WP_ROLE, code="delivery.role", user=self.config.user,
                                 action=_(action), host=self.host, detail=message or code)
        if status == 404 and (code in ("rest_no_route", "") or not code):
            return DeliveryError(MSG_WP_NO_API, code="delivery.no_api", url=self.site,
                                 status=status)
        return DeliveryError(MSG_WP_REFUSED, code=f"delivery.refused_{what}",
                             status=status, detail=message or code or "?")

    # -- the send ----------------------------------------------------------------------
    def send(self, job: Job) -> SendResult:
        """Create or update the post, its terms and its photos."""
        pkg = read_package(job.package_path)
        ex = prepare(pkg)
        body = rest_body(ex, ExportContext())
        extra = body.pop("_khabar")
        total = 4 + len(ex.photos)
        problems: list[str] = []
        with http.client(self.config.user, self.password) as client:
            self._http = client
            try:
                job.report(Progress(0, total, "account"))
                self._check_rights(bool(ex.photos))
                job.report(Progress(1, total, "terms"))
                post = {k: body[k] for k in ("title", "content", "excerpt", "slug", "status",
                                             "comment_status", "ping_status", "format", "meta")}
                if body["status"] == "future":
                    post["date_gmt"] = body["date_gmt"]
                post["categories"] = self._terms("categories", extra["categories"], problems)
                post["tags"] = self._terms("tags", extra["tags"], problems)
                job.report(Progress(2, total, "post"))
                data = self._save_post(job, ex.article.id, post, problems)
                post_id = int(data["id"])
                media_ids = []
                for number, photo in enumerate(ex.photos, start=1):
                    job.report(Progress(2 + number, total, "photo"))
                    media_ids.append(self._photo(job, ex.article.id, photo, post_id))
                job.report(Progress(total - 1, total, "featured"))
                if media_ids and data.get("featured_media") != media_ids[0]:
                    answer = self._call("POST", f"posts/{post_id}",
                                        json={"featured_media": media_ids[0]})
                    if answer.status_code != 200:
                        raise self._fail(answer, "featured image", ACTION_EDIT_POST)
                job.report(Progress(total, total, "done"))
            finally:
                self._http = None
        return SendResult(url=str(data.get("link") or self._url(f"posts/{post_id}")),
                          problems=problems)

    def _check_rights(self, has_photos: bool) -> None:
        """Refuse early (before anything is created) when the account cannot upload."""
        answer = self._call("GET", "users/me", params={"context": "edit"})
        if answer.status_code != 200:
            raise self._fail(answer, "account", ACTION_CREATE_POSTS)
        me = self._json(answer)
        self._me = me.get("id")
        caps = me.get("capabilities") or {}
        # WordPress lists only the capabilities a user has; none listed: not told, go on.
        known = bool(caps)
        if known and not caps.get("edit_posts"):
            raise DeliveryError(MSG_WP_ROLE, code="delivery.role", user=self.config.user,
                                action=_(ACTION_CREATE_POSTS), host=self.host,
                                detail="edit_posts")
        if has_photos and known and not caps.get("upload_files"):
            raise DeliveryError(MSG_WP_NO_UPLOAD, code="delivery.role", user=self.config.user,
                                host=self.host)

    def _terms(self, taxonomy: str, wanted: list[dict[str, str]], problems: list[str]
               ) -> list[int]:
        """Ids of the categories or tags named in ``wanted``, created when missing."""
        ids: list[int] = []
        for term in wanted:
            name, slug = term["name"], term["slug"]
            found = self._json(self._call("GET", taxonomy, params={"slug": slug}))
            if not found:
                listed = self._json(self._call("GET", taxonomy,
                                               params={"search": name, "per_page": 100}))
                found = [t for t in listed if html.unescape(t.get("name", "")) == name]
            if found:
                ids.append(int(found[0]["id"]))
                continue
            answer = self._call("POST", taxonomy, json={"name": name, "slug": slug})
            code, _message = _detail(answer)
            if answer.status_code == 201:
                ids.append(int(self._json(answer)["id"]))
            elif code == "term_exists":
                ids.append(int(self._json(answer)["data"]["term_id"]))
            elif answer.status_code in (401, 403):
                problems.append(_(MSG_TERM_SKIPPED).format(name=name))
            else:
                raise self._fail(answer, taxonomy, ACTION_CREATE_POSTS)
        return ids

    def _existing_post(self, job: Job, article_id: str, slug: str,
                       problems: list[str]) -> dict[str, Any] | None:
        """The post an earlier send made: by remembered id, else by slug + ``khabar_id``."""
        known = job.remote.get("post_id")
        if known:
            answer = self._call("GET", f"posts/{int(known)}", params={"context": "edit"})
            if answer.status_code == 200:
                data = self._json(answer)
                if data.get("status") != "trash":
                    return data
            elif answer.status_code not in (404, 410):
                raise self._fail(answer, "post", ACTION_EDIT_POST)
        # WordPress makes a taken slug unique (``-2``, ``-3``...), so the variants are
        # asked for too; then this account's most recently changed posts.
        variants = ",".join([slug, *(f"{slug}-{n}" for n in range(2, SLUG_VARIANTS + 2))])
        hidden = False
        queries: list[dict[str, Any]] = [{"slug": variants}]
        if self._me:
            queries.append({"author": self._me, "orderby": "modified"})
        for query in queries:
            answer = self._call("GET", "posts", params={**query, "status": _ANY_STATUS,
                                                        "context": "edit", "per_page": 100})
            if answer.status_code != 200:
                raise self._fail(answer, "post", ACTION_CREATE_POSTS)
            for data in self._json(answer):
                meta = data.get("meta")
                if not isinstance(meta, dict) or "khabar_id" not in meta:
                    hidden = True
                elif meta.get("khabar_id") == article_id:
                    return data
        if hidden:
            problems.append(_(MSG_META_HIDDEN))
        return None

    def _save_post(self, job: Job, article_id: str, post: dict[str, Any],
                   problems: list[str]) -> dict[str, Any]:
        existing = self._existing_post(job, article_id, post["slug"], problems)
        if existing is None:
            answer = self._call("POST", "posts", json=post)
            if answer.status_code != 201:
                raise self._fail(answer, "post", ACTION_CREATE_POSTS)
        else:
            if existing.get("status") in _KEEP_STATUS:  # the desk published it: keep that
                post = {k: v for k, v in post.items() if k not in ("status", "date_gmt")}
            answer = self._call("POST", f"posts/{int(existing['id'])}", json=post)
            if answer.status_code != 200:
                raise self._fail(answer, "post", ACTION_EDIT_POST)
        data = self._json(answer)
        job.keep(post_id=int(data["id"]))
        return data

    def _photo(self, job: Job, article_id: str, photo: Photo, post_id: int) -> int:
        """The media id of ``photo``: found (remembered or by slug) or uploaded, then its
        caption, alt text, credit and parent post set."""
        slug = media_slug(article_id, photo)
        media: dict[str, int] = dict(job.remote.get("media") or {})
        media_id = None
        if slug in media:
            answer = self._call("GET", f"media/{int(media[slug])}", params={"context": "edit"})
            if answer.status_code == 200:
                media_id = int(media[slug])
        if media_id is None:
            answer = self._call("GET", "media", params={"slug": slug, "context": "edit"})
            found = self._json(answer) if answer.status_code == 200 else []
            if found:
                media_id = int(found[0]["id"])
        if media_id is None:
            ext = mimetypes.guess_extension(photo.mime) or "." + photo.name.rsplit(".", 1)[-1]
            ext = ".jpg" if ext in (".jpe", ".jpeg") else ext
            answer = self._call("POST", "media", content=photo.data, headers={
                "Content-Type": photo.mime,
                "Content-Disposition": f'attachment; filename="{slug}{ext}"'})
            if answer.status_code != 201:
                raise self._fail(answer, "photo", ACTION_UPLOAD)
            media_id = int(self._json(answer)["id"])
        media[slug] = media_id
        job.keep(media=media)
        caption = html.escape(photo.caption, quote=False)
        if photo.credit:
            credit = html.escape(photo.credit, quote=False)
            caption = f'{caption} <span class="khabar-credit">{credit}</span>'.strip()
        answer = self._call("POST", f"media/{media_id}", json={
            "caption": caption, "alt_text": photo.alt, "description": photo.credit,
            "post": post_id, "slug": slug, "meta": {"khabar_credit": photo.credit}})
        if answer.status_code != 200:
            raise self._fail(answer, "photo", ACTION_EDIT_MEDIA)
        return media_id

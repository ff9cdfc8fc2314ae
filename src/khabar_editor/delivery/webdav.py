"""A WebDAV folder (Nextcloud, ownCloud, SharePoint, Apache mod_dav, wsgidav...).

The package is uploaded under a temporary name in the same folder and then
renamed with ``MOVE`` and ``Overwrite: T``: the desk never sees a partial file
under the final name, and sending again replaces the earlier copy. The final
name is chosen at the first send and remembered, so a re-send overwrites even
when the local file was renamed since.

A send that died mid-upload (the app killed, the laptop's lid shut) can leave its
temporary ``.part`` file on the server. Every send therefore starts by deleting the
``.part`` files of *this* package (their names end in ``.<package id>.part``), whatever
final name they were meant for; other packages' uploads in progress are never touched.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import httpx
from lxml import etree

from khabar_editor.delivery import http
from khabar_editor.delivery.base import KIND_WEBDAV, DeliveryError, Job, Progress, SendResult
from khabar_editor.delivery.config import DestinationConfig
from khabar_editor.i18n import N_

MSG_DAV_LOGIN = N_("{host} did not accept the user '{user}' and its password (HTTP {status}). "
                   "Check both; Nextcloud and ownCloud want an app password when two-factor "
                   "login is on.")
MSG_DAV_FORBIDDEN = N_("The account '{user}' may not write into {url} (HTTP {status}).")
MSG_DAV_NO_FOLDER = N_("The folder {url} does not exist on the server (HTTP {status}). Create "
                       "it or correct the destination's address.")
MSG_DAV_FULL = N_("The server {host} has no room for {name} (HTTP {status}).")
MSG_DAV_REFUSED = N_("The server refused to store {name} (HTTP {status}).")
_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]")
_PROPFIND_NAMES = (b'<?xml version="1.0" encoding="utf-8"?>'
                   b'<d:propfind xmlns:d="DAV:"><d:prop><d:resourcetype/></d:prop></d:propfind>')
# No entities, no network, no huge trees: the listing comes from someone else's server.
_SAFE_XML = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                            load_dtd=False)


def part_name(name: str, package_id: str) -> str:
    """The temporary name ``name`` is uploaded under: hidden, and tagged with the id."""
    return f".{name}.{package_id[:12]}.part"


def is_own_part(file_name: str, package_id: str) -> bool:
    """True for a temporary upload of the package ``package_id`` (any final name)."""
    return file_name.startswith(".") and file_name.endswith(f".{package_id[:12]}.part")


def listed_names(xml: bytes) -> list[str]:
    """The file names in a ``PROPFIND`` (Depth 1) answer: the last segment of every
    ``href``, unquoted; the folder itself and anything unparsable are left out."""
    try:
        root = etree.fromstring(xml, _SAFE_XML)
    except etree.XMLSyntaxError:
        return []
    names = []
    for href in root.iter("{DAV:}href"):
        path = urlsplit((href.text or "").strip()).path
        if path and not path.endswith("/"):
            names.append(unquote(path.rsplit("/", 1)[-1]))
    return names


def remote_name(file_name: str, package_id: str) -> str:
    """A safe name on the server: the local file name, or ``<id>.khabar``."""
    name = _UNSAFE.sub("_", Path(file_name).name).strip(" .")
    if not name:
        name = f"{package_id}.khabar"
    return name if name.endswith(".khabar") else name + ".khabar"


class WebDavDestination:
    """Uploads ``.khabar`` files into one WebDAV folder."""

    kind = KIND_WEBDAV

    def __init__(self, config: DestinationConfig, password: str) -> None:
        self.name = config.name
        self.config = config
        self.password = password
        self.folder = http.check_url(config.url) + "/"

    def send(self, job: Job) -> SendResult:
        """PUT to a temporary name, then MOVE over the final name."""
        name = job.remote.get("name") or remote_name(job.file_name, job.package_id)
        if job.remote.get("name") != name:
            job.keep(name=name)
        final = self.folder + quote(name)
        temp_name = part_name(name, job.package_id)
        temp = self.folder + quote(temp_name)
        data = Path(job.package_path).read_bytes()
        job.report(Progress(0, 2, "upload"))
        with http.client(self.config.user, self.password) as client:
            self._clean_parts(client, job.package_id)
            answer = http.request(client, "PUT", temp, content=data,
                                  headers={"Content-Type": "application/zip"})
            self._check(answer, "upload", name)
            job.report(Progress(1, 2, "move"))
            answer = http.request(client, "MOVE", temp,
                                  headers={"Destination": final, "Overwrite": "T"})
            self._check(answer, "rename", name)
        job.report(Progress(2, 2, "done"))
        return SendResult(url=final)

    def _clean_parts(self, client: httpx.Client, package_id: str) -> None:
        """Delete this package's ``.part`` files left by an earlier send that died
        mid-upload (before the upload, so they do not count against a full quota).
        Best effort: a server that does not list the folder just keeps them."""
        answer = http.request(client, "PROPFIND", self.folder, content=_PROPFIND_NAMES,
                              headers={"Depth": "1", "Content-Type": "application/xml"})
        if answer.status_code != 207:
            return
        for name in listed_names(answer.content):
            if is_own_part(name, package_id):
                http.request(client, "DELETE", self.folder + quote(name))

    def _check(self, answer: httpx.Response, action: str, name: str) -> None:
        status = answer.status_code
        if 200 <= status < 300:
            return
        host = urlsplit(self.folder).netloc
        user = self.config.user
        if status == 401:
            raise DeliveryError(MSG_DAV_LOGIN, code="delivery.login", host=host, user=user,
                                status=status)
        if status == 403:
            raise DeliveryError(MSG_DAV_FORBIDDEN, code="delivery.forbidden", user=user,
                                url=self.folder, status=status)
        if status in (404, 409):
            raise DeliveryError(MSG_DAV_NO_FOLDER, code="delivery.no_folder", url=self.folder,
                                status=status)
        if status == 507:
            raise DeliveryError(MSG_DAV_FULL, code="delivery.full", host=host, name=name,
                                status=status)
        raise DeliveryError(MSG_DAV_REFUSED, code=f"delivery.refused_{action}", name=name,
                            status=status)

"""A WebDAV folder (Nextcloud, ownCloud, SharePoint, Apache mod_dav, wsgidav...).

The package is uploaded under a temporary name in the same folder and then
renamed with ``MOVE`` and ``Overwrite: T``: the desk never sees a partial file
under the final name, and sending again replaces the earlier copy. The final
name is chosen at the first send and remembered, so a re-send overwrites even
when the local file was renamed since.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote, urlsplit

import httpx

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
        temp = self.folder + quote(f".{name}.{job.package_id[:12]}.part")
        data = Path(job.package_path).read_bytes()
        job.report(Progress(0, 2, "upload"))
        with http.client(self.config.user, self.password) as client:
            answer = http.request(client, "PUT", temp, content=data,
                                  headers={"Content-Type": "application/zip"})
            self._check(answer, "upload", name)
            job.report(Progress(1, 2, "move"))
            answer = http.request(client, "MOVE", temp,
                                  headers={"Destination": final, "Overwrite": "T"})
            self._check(answer, "rename", name)
        job.report(Progress(2, 2, "done"))
        return SendResult(url=final)

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

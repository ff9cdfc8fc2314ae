"""A wsgidav server for the delivery tests: root, port, user, password, request log.

Every request is appended to the log as one JSON line (method, path, Destination,
Overwrite) before wsgidav handles it, so tests can see how a client uploaded.
"""

import json
import sys

from cheroot import wsgi
from wsgidav.wsgidav_app import WsgiDAVApp

root, port, user, password, log_path = sys.argv[1:6]
app = WsgiDAVApp({
    "provider_mapping": {"/": root},
    "simple_dc": {"user_mapping": {"*": {user: {"password": password}}}},
    "http_authenticator": {"accept_basic": True, "accept_digest": False,
                           "default_to_digest": False},
    "verbose": 1,
    "logging": {"enable_loggers": []},
})


def logged(environ, start_response):
    with open(log_path, "a", encoding="utf-8") as log:
        log.write(json.dumps({"method": environ["REQUEST_METHOD"],
                              "path": environ.get("PATH_INFO", ""),
                              "destination": environ.get("HTTP_DESTINATION", ""),
                              "overwrite": environ.get("HTTP_OVERWRITE", "")}) + "\n")
    return app(environ, start_response)


server = wsgi.Server(("127.0.0.1", int(port)), logged)
try:
    server.start()
except KeyboardInterrupt:
    server.stop()

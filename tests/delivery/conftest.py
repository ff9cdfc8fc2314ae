"""Real servers for the delivery tests, started by the tests themselves.

* ``wordpress``: Debian's ``wordpress`` package served by PHP's built-in web server,
  on its own MariaDB (a data folder in a temporary directory, a Unix socket, no
  network, no system service). The WordPress files are used in place: a temporary
  ``ABSPATH`` folder holds symbolic links to /usr/share/wordpress plus our own
  ``wp-config.php`` and ``wp-content`` (uploads, a mu-plugin registering the
  ``khabar_*`` meta for the REST API). ``ABSPATH`` is defined by an
  ``auto_prepend_file``, so Debian's config lookup in /etc/wordpress is never used.
  Users: ``editor`` (Editor) and ``contrib`` (Contributor), each with an
  Application Password. One WordPress per test session.
* ``webdav``: wsgidav (PyPI) on cheroot in a child process, basic auth, a temporary
  root, and a request log (method, path, Destination, Overwrite) the tests read.

Skipped, with the reason, only when the server software is not installed
(``scripts/test-services.sh`` installs it).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

HERE = Path(__file__).resolve().parent
WP_DIR = Path("/usr/share/wordpress")
INSTALL_HINT = "run scripts/test-services.sh to install it"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_port(port: int, proc: subprocess.Popen[Any], what: str, timeout: float = 30) -> None:
    """Wait until something listens on ``port`` (fail with the server's output if it dies)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if proc.poll() is not None:
            out = proc.stdout.read() if proc.stdout else ""
            raise RuntimeError(f"{what} exited with {proc.returncode}: {out}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"{what} did not start on port {port}")


def stop(proc: subprocess.Popen[Any] | None) -> None:
    if proc is None or proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(10)


def _which(*names: str) -> str | None:
    for name in names:
        found = shutil.which(name) or (shutil.which(name, path="/usr/sbin:/sbin"))
        if found:
            return found
    return None


def _php_has(module: str) -> bool:
    php = shutil.which("php")
    if not php:
        return False
    out = subprocess.run([php, "-m"], capture_output=True, text=True).stdout
    return module.lower() in out.lower().split()


# -- MariaDB -------------------------------------------------------------------------------
def start_mariadb(root: Path) -> tuple[subprocess.Popen[Any], Path]:
    """A private MariaDB on a Unix socket in ``root``; (process, socket path)."""
    install = _which("mariadb-install-db", "mysql_install_db")
    server = _which("mariadbd", "mysqld")
    assert install and server
    datadir, sock = root / "db", root / "mysql.sock"
    as_root = ["--user=root"] if os.geteuid() == 0 else []
    subprocess.run([install, "--no-defaults", f"--datadir={datadir}", "--skip-test-db",
                    "--auth-root-authentication-method=normal", *as_root],
                   check=True, capture_output=True)
    proc = subprocess.Popen(
        [server, "--no-defaults", f"--datadir={datadir}", f"--socket={sock}",
         "--skip-networking", f"--pid-file={root / 'mysqld.pid'}", "--skip-log-bin",
         "--innodb-buffer-pool-size=32M", "--performance-schema=OFF", *as_root],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    end = time.monotonic() + 60
    while not sock.exists():
        if proc.poll() is not None or time.monotonic() > end:
            stop(proc)
            raise RuntimeError("MariaDB did not start: " + (proc.stdout.read() or ""))
        time.sleep(0.05)
    client = _which("mariadb", "mysql")
    for _ in range(100):
        done = subprocess.run([client, f"--socket={sock}", "-uroot", "-e",
                               "CREATE DATABASE IF NOT EXISTS wp CHARACTER SET utf8mb4"],
                              capture_output=True, text=True)
        if done.returncode == 0:
            break
        time.sleep(0.1)
    else:
        raise RuntimeError("cannot create the database: " + done.stderr)
    return proc, sock


# -- WordPress -----------------------------------------------------------------------------
@dataclass
class WordPress:
    """A running test WordPress: its URL, users' application passwords, and control of
    its PHP process (``stop``/``start``/``pause``/``resume`` for network-loss tests)."""

    root: Path
    port: int
    passwords: dict[str, str]
    proc: subprocess.Popen[Any] | None = None
    env: dict[str, str] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        php = shutil.which("php")
        self.proc = subprocess.Popen(
            [php, "-d", f"auto_prepend_file={self.root / 'prepend.php'}",
             "-d", "upload_max_filesize=20M", "-d", "post_max_size=24M",
             "-d", "display_errors=stderr",
             "-S", f"127.0.0.1:{self.port}", "-t", str(self.root / "wp"),
             str(self.root / "router.php")],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=self.env,
            cwd=self.root)
        wait_port(self.port, self.proc, "PHP's web server")

    def stop(self) -> None:
        stop(self.proc)
        if self.proc and self.proc.stdout:
            self.proc.stdout.close()
        self.proc = None

    def pause(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGCONT)

    def api(self, user: str = "editor") -> httpx.Client:
        """A REST client (as ``user``) for the tests' own checks."""
        return httpx.Client(auth=(user, self.passwords[user]), timeout=30)

    def get(self, route: str, user: str = "editor", **params: Any) -> Any:
        with self.api(user) as client:
            answer = client.get(f"{self.url}/", params={
                "rest_route": f"/wp/v2/{route}", "context": "edit", **params})
        answer.raise_for_status()
        return answer.json()


def _wordpress_missing() -> str | None:
    if not (WP_DIR / "wp-settings.php").is_file():
        return "Debian's wordpress package is not installed"
    if not shutil.which("php"):
        return "php (php-cli) is not installed"
    if not _php_has("mysqli"):
        return "PHP has no mysqli (php-mysql is not installed)"
    if not (_which("mariadbd", "mysqld") and _which("mariadb-install-db", "mysql_install_db")):
        return "mariadb-server is not installed"
    return None


def _write_site(root: Path, port: int, sock: Path) -> None:
    wp = root / "wp"
    wp.mkdir()
    for entry in WP_DIR.iterdir():
        if entry.name not in ("wp-config.php", "wp-content"):
            (wp / entry.name).symlink_to(entry)
    content = wp / "wp-content"
    (content / "uploads").mkdir(parents=True)
    (content / "mu-plugins").mkdir()
    (content / "themes").mkdir()
    (content / "plugins").mkdir()
    shutil.copy(HERE / "mu_plugin.php", content / "mu-plugins" / "khabar-meta.php")
    config = f"""<?php
define('DB_NAME', 'wp');
define('DB_USER', 'root');
define('DB_PASSWORD', '');
define('DB_HOST', 'localhost:{sock}');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
define('WP_CONTENT_DIR', '{content}');
define('WP_CONTENT_URL', 'http://127.0.0.1:{port}/wp-content');
define('WP_ENVIRONMENT_TYPE', 'local');
define('WP_AUTO_UPDATE_CORE', false);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('DISABLE_WP_CRON', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('WP_DEBUG', false);
define('FS_METHOD', 'direct');
"""
    salts = "".join(f"define('{k}', '{os.urandom(16).hex()}');\n" for k in (
        "AUTH_KEY", "SECURE_AUTH_KEY", "LOGGED_IN_KEY", "NONCE_KEY", "AUTH_SALT",
        "SECURE_AUTH_SALT", "LOGGED_IN_SALT", "NONCE_SALT"))
    config += salts + "$table_prefix = 'wp_';\nrequire_once ABSPATH . 'wp-settings.php';\n"
    (wp / "wp-config.php").write_text(config, encoding="utf-8")
    (root / "prepend.php").write_text(
        f"<?php if (!defined('ABSPATH')) define('ABSPATH', '{wp}/');\n", encoding="utf-8")
    # Router: static files as they are; everything else (REST via ?rest_route=) to PHP.
    (root / "router.php").write_text(
        "<?php\n$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);\n"
        f"$file = '{wp}' . $path;\n"
        "if ($path !== '/' && file_exists($file) && !is_dir($file)) { return false; }\n"
        "if (is_dir($file) && file_exists($file . '/index.php')) { return false; }\n"
        f"require '{wp}/index.php';\n", encoding="utf-8")


@pytest.fixture(scope="session")
def wordpress(tmp_path_factory: pytest.TempPathFactory):
    """A real WordPress (Debian's package, PHP's built-in server, private MariaDB)."""
    missing = _wordpress_missing()
    if missing:
        pytest.skip(f"{missing}: {INSTALL_HINT}")
    root = tmp_path_factory.mktemp("wp")
    db, sock = start_mariadb(root)
    site = None
    try:
        port = free_port()
        _write_site(root, port, sock)
        env = {k: v for k, v in os.environ.items() if not k.startswith("KHABAR_")}
        setup = subprocess.run(
            ["php", "-d", "display_errors=stderr", str(HERE / "wp_setup.php"),
             f"{root / 'wp'}/", f"http://127.0.0.1:{port}"],
            capture_output=True, text=True, env=env, cwd=root)
        if setup.returncode != 0:
            raise RuntimeError(f"WordPress install failed: {setup.stdout} {setup.stderr}")
        passwords = json.loads(setup.stdout.strip().splitlines()[-1])
        site = WordPress(root, port, passwords, env=env)
        site.start()
        yield site
    finally:
        if site is not None:
            site.stop()
        stop(db)


# -- WebDAV ------------------------------------------------------------------------------
@dataclass
class WebDav:
    """A running wsgidav server: URL, user/password, its folder and its request log."""

    root: Path
    port: int
    log: Path
    user: str = "desk"
    password: str = "dav-pass-1"
    proc: subprocess.Popen[Any] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/inbox"

    def requests(self) -> list[dict[str, str]]:
        if not self.log.exists():
            return []
        return [json.loads(line) for line in self.log.read_text("utf-8").splitlines() if line]

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(HERE / "webdav_server.py"), str(self.root), str(self.port),
             self.user, self.password, str(self.log)],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        wait_port(self.port, self.proc, "wsgidav")

    def stop(self) -> None:
        stop(self.proc)
        self.proc = None


@pytest.fixture(scope="session")
def webdav(tmp_path_factory: pytest.TempPathFactory):
    """A real WebDAV server (wsgidav on cheroot) with basic auth and an ``inbox`` folder."""
    try:
        import cheroot  # noqa: F401
        import wsgidav  # noqa: F401
    except ImportError:
        pytest.skip("wsgidav/cheroot are not installed: pip install -e '.[test]'")
    root = tmp_path_factory.mktemp("dav")
    (root / "inbox").mkdir()
    server = WebDav(root, free_port(), root.parent / f"{root.name}-requests.jsonl")
    server.start()
    yield server
    server.stop()


class MemoryKeyring:
    """An in-memory keyring backend (the tests' stand-in for the OS keyring)."""

    def __new__(cls):
        from keyring.backend import KeyringBackend

        class _Memory(KeyringBackend):
            priority = 1  # type: ignore[assignment]

            def __init__(self) -> None:
                super().__init__()
                self.store: dict[tuple[str, str], str] = {}

            def get_password(self, service, username):
                return self.store.get((service, username))

            def set_password(self, service, username, password):
                self.store[(service, username)] = password

            def delete_password(self, service, username):
                from keyring.errors import PasswordDeleteError
                if (service, username) not in self.store:
                    raise PasswordDeleteError(username)
                del self.store[(service, username)]

        return _Memory()


@pytest.fixture
def memory_keyring():
    """An in-memory keyring for the duration of one test."""
    import keyring

    old = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(old)


@pytest.fixture
def no_keyring():
    """No usable keyring (the fail backend), as on a server without a Secret Service."""
    import keyring
    from keyring.backends import fail

    old = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(old)


@pytest.fixture
def delivery_dirs(tmp_path, monkeypatch):
    """Fresh config and data folders (destinations, outbox) for one test."""
    monkeypatch.setenv("KHABAR_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("KHABAR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("KHABAR_PASSWORD", raising=False)
    return tmp_path

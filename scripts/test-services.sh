#!/usr/bin/env bash
# Servers the delivery tests (tests/delivery/) start for themselves: a real WordPress
# (Debian's wordpress package, MariaDB, PHP's built-in web server) and wp-cli when the
# distribution has it. WebDAV comes from PyPI (wsgidav, in the test extra).
#
#   scripts/test-services.sh        install what is missing (Debian/Ubuntu, apt)
#
# Safe to run again: apt-get update and install run only when a package is missing.
# Nothing is started or enabled as a system service: the tests run their own MariaDB
# and PHP server in a temporary folder.
set -euo pipefail

PACKAGES=(wordpress mariadb-server php-cli php-mysql php-xml php-curl php-gd php-mbstring
          php-zip)

command -v dpkg-query >/dev/null || {
  echo "Not a Debian/Ubuntu system: install WordPress, MariaDB and PHP yourself;"
  echo "the delivery tests are skipped without them."
  exit 0
}

installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
}

missing=()
for pkg in "${PACKAGES[@]}"; do
  installed "$pkg" || missing+=("$pkg")
done
# wp-cli is optional (not in every release); the tests install WordPress without it.
if ! installed wp-cli && apt-cache show wp-cli >/dev/null 2>&1; then
  missing+=(wp-cli)
fi
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "Installing test servers: ${missing[*]}"
$sudo apt-get update -qq
# policy-rc.d 101: a package's post-install must not start a system MariaDB.
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' | $sudo tee /usr/sbin/policy-rc.d >/dev/null
  $sudo chmod +x /usr/sbin/policy-rc.d
  trap '$sudo rm -f /usr/sbin/policy-rc.d' EXIT
fi
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"

#!/usr/bin/env bash
# Tools the packaging tests use (tests/packaging/): desktop-file-validate,
# appstreamcli, update-mime-database / xdg-mime, and makeself for the single-file
# bundle. Idempotent: installs only what is missing, runs apt-get update only then.
set -euo pipefail
declare -A NEED=(
    [desktop-file-validate]=desktop-file-utils
    [appstreamcli]=appstream
    [update-mime-database]=shared-mime-info
    [xdg-mime]=xdg-utils
    [makeself]=makeself
    [mimetype]=libfile-mimeinfo-perl  # lets xdg-mime read the shared MIME database
)
missing=()
for tool in "${!NEED[@]}"; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("${NEED[$tool]}")
done
[ ${#missing[@]} -eq 0 ] && exit 0
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
echo "Installing for the packaging tests: ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

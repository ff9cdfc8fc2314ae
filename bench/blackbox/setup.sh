#!/usr/bin/env bash
# Set-up for the black-box benchmarks (bench/bench_blackbox.py): an X server, xdotool,
# ImageMagick for screenshots, and the two peer editors measured side by side.
# Idempotent: installs only what is missing; runs apt-get update only then.
set -euo pipefail

# command -> Debian package
declare -A WANT=(
    [Xvfb]=xvfb
    [xdotool]=xdotool
    [import]=imagemagick
    [xwininfo]=x11-utils
    [retext]=retext
    [ghostwriter]=ghostwriter
)

missing=()
for cmd in "${!WANT[@]}"; do
    command -v "$cmd" >/dev/null 2>&1 || missing+=("${WANT[$cmd]}")
done

if [ "${#missing[@]}" -eq 0 ]; then
    echo "black-box bench set-up: everything present"
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    SUDO=sudo
else
    SUDO=
fi
echo "black-box bench set-up: installing ${missing[*]}"
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"

#!/usr/bin/env bash
# One-step set-up for Debian/Ubuntu: system libraries (when missing), a virtual
# environment in .venv, the app; then either start the editor or run the tests.
#
#   scripts/setup.sh run [FILE]   install everything and start Khabar Editor
#   scripts/setup.sh test [ARGS]  install everything and run the whole test suite
#
# Safe to run again: it only installs what is missing.
set -euo pipefail

cd "$(dirname "$0")/.."
MODE="${1:-run}"
shift || true
PYTHON="${PYTHON:-python3}"
VENV="${KHABAR_VENV:-.venv}"

# Runtime libraries: libenchant for spell check; EGL/xkb/xcb/fontconfig for Qt.
APT_PACKAGES=(
  libenchant-2-2 libegl1 libgl1 libfontconfig1 libdbus-1-3 libglib2.0-0
  libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
  libxcb-shape0 libxcb-randr0 libxcb-render-util0 libxcb-xinerama0 libxcb-image0
  python3-venv
)
# Test mode only: strace (the preview never opens a file outside the package, checked
# under strace) and poppler-utils (the PDF export is rendered and read back).
TEST_APT_PACKAGES=(strace poppler-utils)

install_system_packages() {
  command -v dpkg-query >/dev/null || { echo "Not a Debian/Ubuntu system: install libenchant-2 yourself (see README)."; return 0; }
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing system packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# What the last successful install was made from: the package metadata and this
# checkout's path. A repeat run with the same stamp and a working import installs
# nothing (and needs no package index).
install_stamp() {
  { cat pyproject.toml setup.py 2>/dev/null; pwd; } | sha256sum | cut -d' ' -f1
}

app_installed() {
  [ -f "$VENV/.khabar-install-stamp" ] || return 1
  [ "$(cat "$VENV/.khabar-install-stamp")" = "$(install_stamp)" ] || return 1
  [ -x "$VENV/bin/khabar-editor" ] || return 1
  "$VENV/bin/python" - "$PWD/src" <<'PY' >/dev/null 2>&1
import sys, khabar_editor, pytest
assert khabar_editor.__file__.startswith(sys.argv[1])
PY
}

install_python_env() {
  if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV"
    "$VENV/bin/python" -m pip install -q --upgrade pip
  fi
  if app_installed; then
    return 0
  fi
  rm -f "$VENV/.khabar-install-stamp"
  "$VENV/bin/python" -m pip install -q -e ".[test]"
  install_stamp > "$VENV/.khabar-install-stamp"
}

if [ "$MODE" = test ]; then
  install_system_packages "${APT_PACKAGES[@]}" "${TEST_APT_PACKAGES[@]}"
  # WordPress, MariaDB and PHP for the delivery tests (they start their own servers).
  bash scripts/test-services.sh
  # desktop-file-validate, appstreamcli, shared-mime-info for the packaging tests.
  bash scripts/test-packaging-deps.sh
else
  install_system_packages "${APT_PACKAGES[@]}"
fi
install_python_env

case "$MODE" in
  run)
    exec "$VENV/bin/khabar-editor" "$@"
    ;;
  test)
    export QT_QPA_PLATFORM=offscreen
    export KHABAR_LOG_DIR="${KHABAR_LOG_DIR:-$(mktemp -d)}"
    exec "$VENV/bin/python" -m pytest -p no:cacheprovider "$@"
    ;;
  *)
    echo "usage: $0 run [FILE] | test [PYTEST ARGS]" >&2
    exit 2
    ;;
esac

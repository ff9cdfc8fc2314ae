#!/usr/bin/env bash
# Smoke test of the built bundle (scripts/build-bundle.sh makes it), run the way a
# correspondent's laptop would: from the bundle folder, no virtual environment, a clean
# environment (env -i: only HOME, PATH=/usr/bin:/bin, QT_QPA_PLATFORM=offscreen).
#  1. khabar pack      - a Hindi story with one misspelt word -> story.khabar
#  2. khabar-editor    - opens it offscreen, spell-checks it with the GUI's proofreader
#                        (bundled Enchant + Hunspell hi_IN), exports HTML, exits 0
#  3. khabar validate  - the package, from the bundle
#  4. no file of the build machine's Python/venv was opened (when strace is installed)
#  5. cold and warm start time of the bundle against the venv (--timing)
# Usage: scripts/smoke-bundle.sh [--timing] [BUNDLE_DIR]   (default dist/khabar-editor)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TIMING=0
[ "${1:-}" = "--timing" ] && { TIMING=1; shift; }
BUNDLE=$(cd "${1:-dist/khabar-editor}" 2>/dev/null && pwd) || {
    echo "No bundle: build it with scripts/build-bundle.sh" >&2; exit 2; }
[ -x "$BUNDLE/khabar-editor" ] && [ -x "$BUNDLE/khabar" ] || {
    echo "No bundle in $BUNDLE: build it with scripts/build-bundle.sh" >&2; exit 2; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/home"
CLEAN=(env -i "HOME=$WORK/home" PATH=/usr/bin:/bin QT_QPA_PLATFORM=offscreen)
fail() { echo "SMOKE FAILED: $*" >&2; exit 1; }

cat > "$WORK/article.md" <<'MD'
---
headline: सहरसा में राहत शिविर जारी
byline:
  name: सुनीता कुमारी
dateline:
  place: सहरसा
  date: 2026-11-27
category: mausam
language: hi
slug: saharsa-rahat-shivir
status: draft
---
कोसी नदी का जलस्तर घटा है, लेकिन प्रसाशन ने तीन राहत शिविर चालू रखे हैं।
MD

cd "$BUNDLE"
"${CLEAN[@]}" ./khabar --version
"${CLEAN[@]}" ./khabar pack "$WORK/article.md" -o "$WORK/story.khabar" || fail "khabar pack"

TRACE=()
if command -v strace >/dev/null 2>&1; then
    TRACE=(strace -f -qq -o "$WORK/trace" -e trace=open,openat,execve)
fi
REPORT=$(timeout 300 "${TRACE[@]}" "${CLEAN[@]}" KHABAR_SMOKE="$WORK/out" ./khabar-editor "$WORK/story.khabar" \
         2>"$WORK/gui.err") || { cat "$WORK/gui.err" >&2; fail "khabar-editor exited $?"; }
echo "GUI: $REPORT"
python3 - "$REPORT" <<'PY' || fail "GUI smoke report"
import json, sys
r = json.loads(sys.argv[1])
assert r["opened"].endswith("story.khabar"), "file not open"
assert r["hunspell"] is True, "Hunspell (bundled Enchant) not in use"
assert r["misspelt"] == ["प्रसाशन"], r["misspelt"]
assert "प्रशासन" in r["suggestions"]["प्रसाशन"], "no Hunspell suggestion"
assert r["exported"], "no export"
PY
ls "$WORK/out"/*/*.html >/dev/null 2>&1 || ls "$WORK/out"/*/* >/dev/null || fail "export folder empty"
"${CLEAN[@]}" ./khabar validate "$WORK/story.khabar" || fail "khabar validate"
# every export format, on the newsroom's clock (zone data, schemes, catalogues)
"${CLEAN[@]}" ./khabar export "$WORK/story.khabar" -o "$WORK/all" --timezone Asia/Kolkata \
    >/dev/null || fail "khabar export (all formats)"
CHECK=$("${CLEAN[@]}" ./khabar check "$WORK/story.khabar" 2>&1 || true)  # exit 1: findings
case "$CHECK" in *"प्रसाशन"*) ;; *) echo "$CHECK" >&2; fail "khabar check" ;; esac
case "$CHECK" in *Enchant*|*Hunspell*) echo "$CHECK" >&2; fail "khabar check without Hunspell" ;; esac

if [ ${#TRACE[@]} -gt 0 ]; then
    if grep -E '"[^"]*(/\.venv/|/\.pyenv/|site-packages)[^"]*"' "$WORK/trace" | grep -v ENOENT | grep -q .; then
        grep -E '(/\.venv/|/\.pyenv/|site-packages)' "$WORK/trace" | head -5 >&2
        fail "the bundle opened files of the build machine's Python"
    fi
    grep -q 'enchant_hunspell.so' "$WORK/trace" || fail "bundled Enchant provider not loaded"
    if grep -E 'openat\(.*"/usr/lib/[^"]*enchant-2/' "$WORK/trace" | grep -q .; then
        fail "the system's Enchant providers were loaded"
    fi
    echo "strace: only the bundle's Python and Enchant were used"
fi

if [ "$TIMING" = 1 ]; then
    ready() {  # seconds until the window is interactive (READY), then exit
        local start end
        start=$(date +%s.%N)
        "$@" "$WORK/story.khabar" >/dev/null 2>&1
        end=$(date +%s.%N)
        python3 -c "print(f'{$end - $start:.2f}')"
    }
    B=(env -i "HOME=$WORK/home" PATH=/usr/bin:/bin QT_QPA_PLATFORM=offscreen
       KHABAR_BENCH_READY=1 KHABAR_BENCH_EXIT=1 "$BUNDLE/khabar-editor")
    V=(env -i "HOME=$WORK/home" PATH=/usr/bin:/bin QT_QPA_PLATFORM=offscreen
       KHABAR_BENCH_READY=1 KHABAR_BENCH_EXIT=1 "$ROOT/.venv/bin/khabar-editor")
    echo "start to READY (s): bundle $(ready "${B[@]}") $(ready "${B[@]}") $(ready "${B[@]}")" \
         "| venv $(ready "${V[@]}") $(ready "${V[@]}") $(ready "${V[@]}")"
fi
echo "SMOKE OK: $BUNDLE"

#!/usr/bin/env bash
# Build the self-contained bundle: dist/khabar-editor/ (one folder with the
# khabar-editor and khabar programs) and dist/khabar-editor-<version>-<arch>.run
# (one self-extracting file, when makeself is installed).
#   scripts/build-bundle.sh            # folder + single file
#   scripts/build-bundle.sh --no-run   # folder only
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=${PYTHON:-$ROOT/.venv/bin/python}
[ -x "$PY" ] || { echo "No virtual environment: run scripts/setup.sh first" >&2; exit 1; }
MAKE_RUN=1
[ "${1:-}" = "--no-run" ] && MAKE_RUN=0

if ! "$PY" -c "import PyInstaller" 2>/dev/null; then
    echo "Installing PyInstaller into the virtual environment"
    "$PY" -m pip install -q "pyinstaller>=6.10"
fi
VERSION=$("$PY" -c "import sys; sys.path.insert(0, 'src'); import khabar_editor; print(khabar_editor.__version__)")
ARCH=$(uname -m)

# PNG sizes (and the Windows .ico) from the SVG master; not committed.
QT_QPA_PLATFORM=offscreen "$PY" packaging/make_icons.py "$ROOT/build/icons" >/dev/null

"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$ROOT/dist" --workpath "$ROOT/build/pyinstaller" \
    packaging/pyinstaller/khabar.spec
BUNDLE=$ROOT/dist/khabar-editor

# Desktop integration travels with the bundle: the installer below uses it.
mkdir -p "$BUNDLE/share"
cp packaging/linux/in.khabar.KhabarEditor.desktop packaging/linux/in.khabar.KhabarEditor.metainfo.xml \
   packaging/linux/in.khabar.KhabarEditor.mime.xml resources/icons/khabar-editor.svg "$BUNDLE/share/"
cp -r "$ROOT/build/icons" "$BUNDLE/share/icons"
cp scripts/install-desktop.sh "$BUNDLE/install.sh"
cp LICENSE "$BUNDLE/LICENSE"
echo "$VERSION" > "$BUNDLE/VERSION"

echo "Bundle: $BUNDLE ($(du -sh "$BUNDLE" | cut -f1), version $VERSION)"

if [ "$MAKE_RUN" = 1 ]; then
    if command -v makeself >/dev/null 2>&1; then
        RUN=$ROOT/dist/khabar-editor-$VERSION-$ARCH.run
        # --target keeps one unpacked copy per version under the user's data folder;
        # the payload's install.sh registers it (menu entry, icon, .khabar type).
        makeself --xz --nox11 --tar-quietly "$BUNDLE" "$RUN" \
            "Khabar Editor $VERSION" ./install.sh
        echo "Single file: $RUN ($(du -sh "$RUN" | cut -f1))"
    else
        echo "makeself not installed (apt-get install makeself): single-file build skipped" >&2
    fi
fi

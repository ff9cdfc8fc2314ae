#!/usr/bin/env bash
# Register Khabar Editor with the desktop: menu entry (.desktop), icons (SVG + PNG
# sizes), AppStream metainfo and the .khabar file type (application/vnd.khabar.article+zip,
# recognised by name and by its magic), and make it the default for .khabar files.
#
#   install-desktop.sh              # for this user (~/.local/share, ~/.local/bin)
#   install-desktop.sh --system     # for everyone (/usr/share, /opt, /usr/local/bin; root)
#   install-desktop.sh --uninstall [--system]
#
# Works from two places:
#  * the built bundle (dist/khabar-editor/install.sh, or the .run file that unpacks
#    it): copies the bundle to ~/.local/share/khabar-editor/app (or /opt/khabar-editor)
#    and links khabar-editor and khabar into ~/.local/bin (or /usr/local/bin);
#  * a source checkout (scripts/install-desktop.sh): the menu entry runs the
#    checkout's .venv/bin/khabar-editor (scripts/setup.sh makes it).
# Honours XDG_DATA_HOME (tests install into a temporary folder) and --exec PATH.
set -euo pipefail

SYSTEM=0
UNINSTALL=0
EXEC=""
while [ $# -gt 0 ]; do
    case "$1" in
        --system) SYSTEM=1 ;;
        --uninstall) UNINSTALL=1 ;;
        --exec) EXEC=$2; shift ;;
        -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
        *) echo "Unknown option: $1 / अज्ञात विकल्प: $1" >&2; exit 2 ;;
    esac
    shift
done

APP_ID=in.khabar.KhabarEditor
HERE=$(cd "$(dirname "$0")" && pwd)
if [ -x "$HERE/khabar-editor" ] && [ -d "$HERE/share" ]; then
    MODE=bundle; SHARE=$HERE/share; ICONS=$SHARE/icons; SVG=$SHARE/khabar-editor.svg
else
    MODE=source; ROOT=$(cd "$HERE/.." && pwd); SHARE=$ROOT/packaging/linux
    ICONS=""; SVG=$ROOT/resources/icons/khabar-editor.svg
fi

if [ "$SYSTEM" = 1 ]; then
    DATA=/usr/share; BIN=/usr/local/bin; APPDIR=/opt/khabar-editor
else
    DATA=${XDG_DATA_HOME:-$HOME/.local/share}; BIN=$HOME/.local/bin; APPDIR=$DATA/khabar-editor/app
fi

refresh() {
    command -v update-mime-database >/dev/null && update-mime-database "$DATA/mime" >/dev/null 2>&1 || true
    command -v update-desktop-database >/dev/null && update-desktop-database -q "$DATA/applications" 2>/dev/null || true
    command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$DATA/icons/hicolor" 2>/dev/null || true
}

if [ "$UNINSTALL" = 1 ]; then
    rm -f "$DATA/applications/$APP_ID.desktop" "$DATA/metainfo/$APP_ID.metainfo.xml" \
          "$DATA/mime/packages/$APP_ID.xml" "$DATA/icons/hicolor/scalable/apps/$APP_ID.svg"
    rm -f "$DATA"/icons/hicolor/*/apps/$APP_ID.png
    for prog in khabar-editor khabar; do
        if [ -L "$BIN/$prog" ] && [ "$(readlink "$BIN/$prog")" = "$APPDIR/$prog" ]; then
            rm -f "$BIN/$prog"
        fi
    done
    [ -d "$APPDIR" ] && [ -x "$APPDIR/khabar-editor" ] && rm -rf "$APPDIR"
    refresh
    echo "Khabar Editor removed from $DATA"
    exit 0
fi

# The program the menu entry and double-clicks run.
if [ -z "$EXEC" ]; then
    if [ "$MODE" = bundle ]; then
        if [ "$HERE" != "$APPDIR" ]; then
            mkdir -p "$(dirname "$APPDIR")"
            rm -rf "$APPDIR.new"
            cp -a "$HERE" "$APPDIR.new"
            rm -rf "$APPDIR"
            mv "$APPDIR.new" "$APPDIR"
        fi
        mkdir -p "$BIN"
        ln -sfn "$APPDIR/khabar-editor" "$BIN/khabar-editor"
        ln -sfn "$APPDIR/khabar" "$BIN/khabar"
        EXEC=$APPDIR/khabar-editor
    else
        EXEC=$ROOT/.venv/bin/khabar-editor
        [ -x "$EXEC" ] || echo "Note: $EXEC does not exist yet; run scripts/setup.sh" >&2
    fi
fi

install -d "$DATA/applications" "$DATA/metainfo" "$DATA/mime/packages" \
    "$DATA/icons/hicolor/scalable/apps"
# Exec with an absolute path (quoted per the Desktop Entry spec when it has spaces).
case "$EXEC" in
    *' '*) EXEC_LINE="\"$EXEC\" %f" ;;
    *) EXEC_LINE="$EXEC %f" ;;
esac
sed "s|^Exec=.*|Exec=$EXEC_LINE|" "$SHARE/$APP_ID.desktop" > "$DATA/applications/$APP_ID.desktop"
chmod 644 "$DATA/applications/$APP_ID.desktop"
install -m 644 "$SHARE/$APP_ID.metainfo.xml" "$DATA/metainfo/$APP_ID.metainfo.xml"
install -m 644 "$SHARE/$APP_ID.mime.xml" "$DATA/mime/packages/$APP_ID.xml"
install -m 644 "$SVG" "$DATA/icons/hicolor/scalable/apps/$APP_ID.svg"

# PNG sizes: shipped with the bundle; in a checkout rendered now from the SVG.
if [ -z "$ICONS" ]; then
    ICONS=$(mktemp -d)
    trap 'rm -rf "$ICONS"' EXIT
    if [ -x "$ROOT/.venv/bin/python" ]; then
        QT_QPA_PLATFORM=offscreen "$ROOT/.venv/bin/python" "$ROOT/packaging/make_icons.py" \
            "$ICONS" "$SVG" >/dev/null || true
    elif command -v rsvg-convert >/dev/null; then
        for n in 16 24 32 48 64 128 256; do
            mkdir -p "$ICONS/${n}x$n"
            rsvg-convert -w "$n" -h "$n" "$SVG" -o "$ICONS/${n}x$n/$APP_ID.png"
        done
    fi
fi
for png in "$ICONS"/*x*/"$APP_ID.png"; do
    [ -f "$png" ] || continue
    size=$(basename "$(dirname "$png")")
    install -D -m 644 "$png" "$DATA/icons/hicolor/$size/apps/$APP_ID.png"
done

refresh
if [ "$SYSTEM" = 0 ] && command -v xdg-mime >/dev/null; then
    xdg-mime default "$APP_ID.desktop" application/vnd.khabar.article+zip 2>/dev/null || true
fi
echo "Khabar Editor registered in $DATA (runs $EXEC)"

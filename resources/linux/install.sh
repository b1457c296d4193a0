#!/usr/bin/env sh
# Registers Backprop Studio for the current user on Linux: .graph files get their own type
# and icon, and double-clicking one opens it. Run from the folder holding BackpropStudio:
#   sh install.sh /path/to/BackpropStudio
set -eu
exe=$(realpath "${1:-./BackpropStudio}")
here=$(dirname "$(realpath "$0")")
data=${XDG_DATA_HOME:-$HOME/.local/share}
mkdir -p "$data/applications" "$data/mime/packages" "$data/icons/hicolor/512x512/apps"
sed "s|^Exec=.*|Exec=\"$exe\" %f|" "$here/backprop-studio.desktop" > "$data/applications/backprop-studio.desktop"
cp "$here/backprop-studio-graph.xml" "$data/mime/packages/"
cp "$here/../icons/app.png" "$data/icons/hicolor/512x512/apps/backprop-studio.png"
update-mime-database "$data/mime" 2>/dev/null || true
update-desktop-database "$data/applications" 2>/dev/null || true
xdg-mime default backprop-studio.desktop application/x-backprop-studio-graph 2>/dev/null || true
echo "Backprop Studio is registered for .graph files."

#!/usr/bin/env sh
# Registers Backprop Studio for the current user on Linux: a menu entry, .graph files with
# their own type and icon, and double-clicking one opens it. The icon goes into the hicolor
# theme at every size desktops look for (16 to 512 px, and the SVG as the scalable one).
# Run it with the program's path:
#   sh install.sh /path/to/BackpropStudio
set -eu
exe=$(realpath "${1:-./BackpropStudio}")
here=$(dirname "$(realpath "$0")")
icons="$here/../icons"
data=${XDG_DATA_HOME:-$HOME/.local/share}
theme="$data/icons/hicolor"
mkdir -p "$data/applications" "$data/mime/packages" "$theme/scalable/apps"
sed "s|^Exec=.*|Exec=\"$exe\" %f|" "$here/backprop-studio.desktop" > "$data/applications/backprop-studio.desktop"
cp "$here/backprop-studio-graph.xml" "$data/mime/packages/"
for size in 16 22 24 32 48 64 128 256 512; do
  mkdir -p "$theme/${size}x${size}/apps"
  if [ "$size" = 512 ]; then source="$icons/app.png"; else source="$icons/hicolor-$size.png"; fi
  cp "$source" "$theme/${size}x${size}/apps/backprop-studio.png"
done
cp "$icons/app.svg" "$theme/scalable/apps/backprop-studio.svg"
touch "$theme"  # desktops that cache the theme look again when its folder changes
gtk-update-icon-cache --force --ignore-theme-index "$theme" >/dev/null 2>&1 || true
update-mime-database "$data/mime" 2>/dev/null || true
update-desktop-database "$data/applications" 2>/dev/null || true
xdg-mime default backprop-studio.desktop application/x-backprop-studio-graph 2>/dev/null || true
echo "Backprop Studio is registered for .graph files."

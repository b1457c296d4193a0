#!/usr/bin/env bash
# Qt needs a few system libraries even offscreen. Install the missing ones (Debian/Ubuntu,
# as root or with sudo); elsewhere, say which are missing and carry on.
set -u
declare -A pkg=(
  [libEGL.so.1]=libegl1 [libGL.so.1]=libgl1 [libxkbcommon.so.0]=libxkbcommon0
  [libfontconfig.so.1]=libfontconfig1 [libdbus-1.so.3]=libdbus-1-3
  [libglib-2.0.so.0]=libglib2.0-0 [libfreetype.so.6]=libfreetype6
  # the X11 (xcb) platform plugin, for a real window; a frozen build bundles these
  [libxcb-cursor.so.0]=libxcb-cursor0 [libxcb-icccm.so.4]=libxcb-icccm4
  [libxcb-keysyms.so.1]=libxcb-keysyms1 [libxcb-image.so.0]=libxcb-image0
  [libxcb-render-util.so.0]=libxcb-render-util0 [libxcb-xkb.so.1]=libxcb-xkb1
  [libxkbcommon-x11.so.0]=libxkbcommon-x11-0 [libxcb-randr.so.0]=libxcb-randr0
  [libxcb-shape.so.0]=libxcb-shape0
)
missing=()
for lib in "${!pkg[@]}"; do
  ldconfig -p 2>/dev/null | grep -q "$lib" || missing+=("${pkg[$lib]}")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing system libraries for Qt: ${missing[*]}"
if command -v apt-get >/dev/null; then
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && $sudo_cmd apt-get install -y -qq "${missing[@]}" && exit 0
fi
echo "Could not install ${missing[*]}; install them with your package manager." >&2

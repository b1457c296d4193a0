#!/usr/bin/env bash
# Qt needs a few system libraries, even offscreen, on Linux. Install the missing ones with
# apt-get (as root, or with sudo when it needs no password: `make` never waits at a
# password prompt); when that cannot be done, stop and print the exact command to run.
# macOS and Windows need nothing here (Qt's wheels bring their libraries). Runs under
# macOS's bash 3.2 too: no associative arrays.
set -u

case "$(uname -s)" in
  Linux) ;;
  *) echo "system-deps: nothing to install on $(uname -s)"; exit 0 ;;
esac

# library file, then the Debian/Ubuntu package that has it
NEEDED="
libEGL.so.1 libegl1
libGL.so.1 libgl1
libxkbcommon.so.0 libxkbcommon0
libfontconfig.so.1 libfontconfig1
libdbus-1.so.3 libdbus-1-3
libglib-2.0.so.0 libglib2.0-0
libfreetype.so.6 libfreetype6
libxcb-cursor.so.0 libxcb-cursor0
libxcb-icccm.so.4 libxcb-icccm4
libxcb-keysyms.so.1 libxcb-keysyms1
libxcb-image.so.0 libxcb-image0
libxcb-render-util.so.0 libxcb-render-util0
libxcb-xkb.so.1 libxcb-xkb1
libxkbcommon-x11.so.0 libxkbcommon-x11-0
libxcb-randr.so.0 libxcb-randr0
libxcb-shape.so.0 libxcb-shape0
"

known=$( (ldconfig -p 2>/dev/null || /sbin/ldconfig -p 2>/dev/null) | awk '{print $1}')
missing_files=""
missing_packages=""
while read -r file package; do
  [ -z "$file" ] && continue
  if ! printf '%s\n' "$known" | grep -qx "$file"; then
    missing_files="$missing_files $file"
    missing_packages="$missing_packages $package"
  fi
done <<EOF
$NEEDED
EOF
[ -z "$missing_packages" ] && exit 0

command="apt-get install -y$missing_packages"
# apt-get update, then the install, run by "$@" (nothing, or sudo -n). When another program
# holds apt's lock (an unattended upgrade), each waits for it up to 10 minutes.
run_apt() {
  # shellcheck disable=SC2086 # the package list is split into words on purpose
  "$@" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update -qq \
    && "$@" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq $missing_packages
}
if command -v apt-get >/dev/null 2>&1; then
  echo "system-deps: installing the libraries Qt needs:$missing_packages"
  if [ "$(id -u)" -eq 0 ]; then
    run_apt && exit 0
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    run_apt sudo -n && exit 0
  fi
  echo "system-deps: could not install them myself. Run this, then make again:" >&2
  echo "    sudo apt-get update && sudo $command" >&2
else
  echo "system-deps: Qt needs these libraries, which this system lacks:$missing_files" >&2
  echo "    install the packages that provide them (on Debian or Ubuntu: sudo $command)" >&2
fi
exit 1

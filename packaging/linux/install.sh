#!/usr/bin/env bash
# Install Hearth from this unpacked tarball, for the person running it (no root needed):
#
#   ./install.sh              the app in ~/.local/lib/hearth, `hearth` in ~/.local/bin,
#                             a menu entry and its icon in ~/.local/share
#   ./install.sh --system     the same under /usr/local, for every account (run as root)
#   ./install.sh --uninstall  remove what the install made (add --system for /usr/local)
#
# PREFIX=/some/where ./install.sh chooses another prefix. Installing again upgrades in place.
# Neither installing nor uninstalling touches a vault: those live in the person's data folder
# (~/.local/share/Hearth) and stay there.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
prefix=${PREFIX:-$HOME/.local}
action=install
for arg in "$@"; do
  case $arg in
    --system) prefix=${PREFIX:-/usr/local} ;;
    --uninstall) action=uninstall ;;
    -h | --help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "Unknown option $arg (try --help)." >&2; exit 2 ;;
  esac
done

app_dir=$prefix/lib/hearth
bin_link=$prefix/bin/hearth
desktop_file=$prefix/share/applications/hearth.desktop
icon_file=$prefix/share/icons/hicolor/scalable/apps/hearth.svg

refresh_menus() {
  # Desktops watch these folders and notice the entry by themselves. An icon cache that is
  # already there must be brought up to date, or it hides the new icon; none is made where
  # none was (a stale one would hide other programs' icons later).
  local cache=$prefix/share/icons/hicolor/icon-theme.cache
  if [ -f "$cache" ] && command -v gtk-update-icon-cache >/dev/null 2>&1; then
    gtk-update-icon-cache -q "$prefix/share/icons/hicolor" 2>/dev/null || true
  fi
}

if [ "$action" = uninstall ]; then
  rm -rf "$app_dir"
  rm -f "$desktop_file" "$icon_file"
  # Only our own link: a `hearth` installed some other way is left alone.
  if [ -L "$bin_link" ] && [ "$(readlink "$bin_link")" = "$app_dir/hearth" ]; then
    rm -f "$bin_link"
  fi
  refresh_menus
  echo "Hearth is removed from $prefix. Vaults were not touched."
  exit 0
fi

[ -x "$here/hearth/hearth" ] || { echo "Run this from the unpacked Hearth folder." >&2; exit 2; }
mkdir -p "$prefix/lib" "$prefix/bin" "$(dirname "$desktop_file")" "$(dirname "$icon_file")"

# Copy next to the old copy, then swap: an interrupted upgrade leaves a working Hearth.
rm -rf "$app_dir.new"
cp -a "$here/hearth" "$app_dir.new"
if [ -e "$app_dir" ]; then
  rm -rf "$app_dir.old"
  mv "$app_dir" "$app_dir.old"
fi
mv "$app_dir.new" "$app_dir"
rm -rf "$app_dir.old"

ln -sfn "$app_dir/hearth" "$bin_link"
install -m 644 "$here/hearth.svg" "$icon_file"
# The menu entry starts this copy by its full path: ~/.local/bin is not on every PATH.
sed "s|^Exec=hearth\$|Exec=\"$app_dir/hearth\"|" "$here/hearth.desktop" >"$desktop_file"
chmod 644 "$desktop_file"
refresh_menus

echo "Installed $("$app_dir/hearth" --version) in $app_dir."
echo "Start it from the applications menu, or run: $bin_link"
echo "Check it with: $bin_link --self-test"
